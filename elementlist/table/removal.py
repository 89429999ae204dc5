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
from .token_table import TokenFlag, TokenTable, rows_where
from .wordlists import WORD_EDGE_PUNCTUATION, WordLists

Options = CaptionOptions | TranscriptOptions
BoolArray = npt.NDArray[np.bool_]

_PUNCTUATION = int(TokenKind.PUNCTUATION)  # a plain int for numpy
# the flags a dropped row hands on to the next kept one
_FORWARD_FLAGS = np.uint16(
    TokenFlag.SEGMENT_START | TokenFlag.SPEAKER_CHANGE | TokenFlag.SEQUENCE_START
)
_WITHOUT_SEQUENCE_START = np.uint16(0xFFFF ^ TokenFlag.SEQUENCE_START)
_SENTENCE_END_BIT = np.uint16(TokenFlag.SENTENCE_END)


def removal_mask(table: TokenTable, options: Options, lists: WordLists) -> BoolArray | None:
    """The tokens the options remove (sounds, listed sounds, disfluencies), or None."""
    mask: BoolArray | None = None
    if options.remove_sound_references:
        mask = table.is_kind(TokenKind.SOUND)
    elif options.remove_sounds_list:
        wanted = set(options.remove_sounds_list)
        ids = [i for i, name in enumerate(table.tag_names) if name.upper() in wanted]
        if ids:
            mask = table.is_kind(TokenKind.SOUND) & np.isin(table.tag, ids)
    if options.remove_disfluencies and lists.disfluencies:
        disfluent = disfluency_mask(table, lists.disfluencies)
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
    run began a sentence with a capital, the next word gets a capital. The walk over the
    runs is a kernel's (:mod:`~elementlist.table.rows_kernel`).
    """
    if core is None:
        return table
    drop, attach, capitalise = row_edits.KERNEL.removal_runs(
        core, table.kind, table.flags, table.text
    )
    kept = drop_rows(table, drop, attach)
    if not capitalise:
        return kept
    # in the new table's own text list (no copy of the document's): a row's new place
    # is its old one less the rows dropped before it
    rows = np.array([c for c in capitalise if not drop[c]], dtype=np.intp)
    text = kept.text
    for c in (rows - np.searchsorted(rows_where(drop), rows)).tolist():
        t = text[c]
        text[c] = t[:1].upper() + t[1:]
    return kept


def drop_rows(table: TokenTable, drop: BoolArray, attach: list[int] | None = None) -> TokenTable:
    """Drop rows, moving their flags so none is lost.

    SEGMENT_START, SPEAKER_CHANGE and SEQUENCE_START go to the next kept token
    (SEQUENCE_START not onto punctuation, which stays attached to the word before it);
    SENTENCE_END goes to the previous kept token. ``attach`` rows lose SEQUENCE_START.
    """
    kept = rows_where(~drop)
    dropped = rows_where(drop)
    flags = table.flags.copy()
    without_sequence_start = _WITHOUT_SEQUENCE_START
    if len(kept) and len(dropped):
        position = np.searchsorted(kept, dropped)
        old = table.flags[dropped]
        has_next = position < len(kept)
        targets = kept[position[has_next]]
        bits = old[has_next] & _FORWARD_FLAGS
        onto_punctuation = table.kind[targets] == _PUNCTUATION
        bits[onto_punctuation] &= without_sequence_start
        np.bitwise_or.at(flags, targets, bits)
        ends = ((old & _SENTENCE_END_BIT) != 0) & (position > 0)
        np.bitwise_or.at(flags, kept[position[ends] - 1], _SENTENCE_END_BIT)
    if attach:
        flags[attach] &= without_sequence_start
    del kept, dropped  # a row index each: let them go before the copy
    return table.with_columns(flags=flags).take(~drop)
