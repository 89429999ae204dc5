"""Removing tokens (sounds, disfluencies, text the clean-up left blank) and repairing the
punctuation and capitals around what was removed; dropping rows without losing flags.

Steps 1-2 of :func:`~elementlist.table.transforms.apply_transforms`; docs/options.md
describes the repair with examples.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from ..document.vocabulary import TokenKind
from ..options.classes import CaptionOptions, TranscriptOptions
from . import row_edits
from .token_table import TokenTable
from .wordlists import WORD_EDGE_PUNCTUATION, WordLists

Options = CaptionOptions | TranscriptOptions
BoolArray = npt.NDArray[np.bool_]


def removal_mask(table: TokenTable, options: Options, lists: WordLists) -> BoolArray | None:
    """The tokens the options remove (sounds, listed sounds, disfluencies), or None."""
    disfluencies = lists.disfluencies if options.remove_disfluencies else frozenset()
    if options.remove_sound_references:  # the default: one kernel pass for both
        every_sound: BoolArray | None = row_edits.KERNEL.listed_or_kind(
            table.value, table.kind, _matched_forms, disfluencies, int(TokenKind.SOUND)
        )
        return every_sound
    mask: BoolArray | None = None
    if options.remove_sounds_list:
        wanted = set(options.remove_sounds_list)
        ids = [i for i, name in enumerate(table.tag_names) if name.upper() in wanted]
        if ids:
            mask = table.is_kind(TokenKind.SOUND) & np.isin(table.tag, ids)
    if disfluencies:
        disfluent = disfluency_mask(table, disfluencies)
        mask = disfluent if mask is None else mask | disfluent
    return mask if mask is not None and mask.any() else None


def disfluency_mask(table: TokenTable, disfluencies: frozenset[str]) -> BoolArray:
    """True for word tokens whose lower-case value (edge punctuation stripped) is listed."""
    mask: BoolArray = row_edits.KERNEL.listed_words(
        table.value, table.kind, _matched_forms, disfluencies
    )
    return mask


@lru_cache(maxsize=1 << 16)
def _matched_forms(value: str) -> tuple[str, str]:
    """The forms of a value a word list is matched against: lower case, and that stripped
    of edge punctuation (cached: a pure function of an immutable string, the same words
    recur in every document)."""
    low = value.lower()
    return low, low.strip(WORD_EDGE_PUNCTUATION)


def remove_tokens(table: TokenTable, core: BoolArray | None) -> TokenTable:
    """Drop the ``core`` tokens and repair the punctuation and capitals around them.

    A run is a removed token plus the punctuation attached to it (no space before), up to
    the next kept word, a segment start, or a sentence-final mark. The run's punctuation
    goes with it, except a sentence-final mark when the sentence keeps words before the
    run; then a comma left dangling before the run goes instead ("I think, um." → "I
    think."). A run that ends its segment takes a dangling comma before it too. When the
    run began a sentence with a capital, the next word gets a capital. The rows go as
    :func:`drop_rows` drops them. The walk over the runs and the drop are one kernel call
    (:func:`~elementlist.table.rows_kernel.removed_rows`).
    """
    if core is None:
        return table
    return table.with_row_columns(row_edits.KERNEL.removed_rows(core, *table.row_columns()))


def drop_rows(table: TokenTable, drop: BoolArray, attach: list[int] | None = None) -> TokenTable:
    """Drop rows, moving their flags so none is lost.

    SEGMENT_START, SPEAKER_CHANGE and SEQUENCE_START go to the next kept token
    (SEQUENCE_START not onto punctuation, which stays attached to the word before it);
    SENTENCE_END goes to the previous kept token. ``attach`` rows lose SEQUENCE_START.
    """
    columns = row_edits.KERNEL.dropped_rows(drop, attach or [], *table.row_columns())
    return table.with_row_columns(columns)
