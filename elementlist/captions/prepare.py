"""From a cleaned TokenTable to what the kernel reads: tokens grouped into *units* (runs that
never break apart), and per unit its times, width, words and :class:`~.units.UnitBit` bits
(what the options demand before it, what its text says after it). The rules are stated in
:mod:`.layout`; the text facts come from :mod:`.word_facts`, long words from
:mod:`.long_words`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from .. import kernels
from ..options.classes import CaptionOptions
from ..table import row_edits
from ..table.token_table import TokenTable
from . import breaks_kernel
from .long_words import split_long_tokens, time_long_runs
from .units import UnitBit
from .word_facts import (
    KNOWN_LOOKS,
    KNOWN_WIDTHS,
    PUNCTUATION_SHIFT,
    grapheme_width,
    packed_text_bits,
)

Int64Array = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# plain ints for numpy (an enum operand costs an operation about 4 us more, issue 15)
_HARD = int(UnitBit.HARD)

# The compiled rule pass, or its pure twin (kernels.py decides for every kernel).
_breaks: Any = kernels.compiled("_breaks") or breaks_kernel


@dataclass(frozen=True, slots=True)
class PreparedLayout:
    """Tokens ready for the kernel: per-token text and times, and the unit columns."""

    text: list[str]
    start: Int64Array  # per token (a speaker marker carries the next token's start)
    end: Int64Array
    space: BoolArray  # a space before the token when it is not first on its line
    newline: BoolArray  # the token starts a new line inside its unit (a long word's block)
    unit_first: npt.NDArray[np.intp]  # the first token of each unit
    unit_width: npt.NDArray[np.int32]
    unit_bits: npt.NDArray[np.uint16]
    unit_words: npt.NDArray[np.int32]
    spaced: bool = True  # the language puts spaces between words


# its fields' member descriptors, for the row kernel's ``filled`` (a frozen dataclass's
# __init__ costs 2.5 us; issue 15)
_PREPARED_SLOTS = tuple(vars(PreparedLayout)[f.name] for f in fields(PreparedLayout))


def prepare_layout(table: TokenTable, options: CaptionOptions) -> PreparedLayout:
    """Turn ``table`` into units and their bits (the rules: :mod:`.layout`).

    Memory is kept to a few bytes per token (issue 11: a 100 MB document must lay out in
    less than its own size): the text list is shared with ``table``, per-token columns are
    as narrow as their values allow (times stay int64, everything else is bool, uint16 or
    int32), and each is dropped once the next step has what it needs."""
    cpl = options.characters_per_caption_line
    text = table.text
    n = len(text)
    width = _breaks.token_widths(text, grapheme_width, KNOWN_WIDTHS)
    piece = _breaks.false_column(n)
    split: BoolArray | None = None
    if _breaks.widest(width) > cpl:
        table, width, piece, split = split_long_tokens(table, width, cpl)
        text = table.text
        n = len(text)
    if n == 0:
        return _empty()

    kind = table.kind
    spaced = bool(table.spaced)
    ts, te = _breaks.marker_times(table.start, table.end, kind, split is not None)
    looks = _breaks.token_looks(text, kind, packed_text_bits, PUNCTUATION_SHIFT, KNOWN_LOOKS)
    space, breakable, before, after = _breaks.token_breaks(
        kind,
        table.flags,
        looks,
        piece,
        ts,
        te,
        table.speaker,
        table.tag,
        spaced,
        options.single_speaker_per_caption,
        options.speaker_on_new_line,
        options.silence_max_ms,
        _by_tag(table, options.sound_tokens_by_caption, options.sound_tokens_by_caption_list),
        _by_tag(table, options.sound_tokens_by_line, options.sound_tokens_by_line_list),
        -1 if options.sound_threshold is None else options.sound_threshold,
        options.caption_by_sentence,
        options.line_break_on_sentence,
    )

    first, unit_width = _breaks.unit_starts(breakable, width, space, cpl)
    del width
    newline = _breaks.false_column(n)
    if split is not None:
        lines = first
        first, hard = time_long_runs(
            lines, unit_width, breakable, split, piece, ts, te, options.lines_per_caption
        )
        if len(first) < len(lines):
            newline[np.setdiff1d(lines, first, assume_unique=True)] = True
            unit_width = np.maximum.reduceat(unit_width, np.searchsorted(lines, first))
        before[hard] |= _HARD
    del breakable, piece
    unit_bits, unit_words = _breaks.unit_facts(first, kind, space, looks, before, after)
    del before, after, looks
    columns = (text, ts, te, space, newline, first, unit_width, unit_bits, unit_words, spaced)
    prepared: PreparedLayout = row_edits.KERNEL.filled(PreparedLayout, _PREPARED_SLOTS, columns)
    return prepared


def kernel_arguments(prepared: PreparedLayout, options: CaptionOptions) -> tuple[Any, ...]:
    """The positional arguments of ``layout_units`` for ``prepared`` under ``options``.

    Each unit's times (its tokens' first start and last end) are made here, for the
    kernel's call alone: the layout after it reads the tokens' own times."""
    unit_start, unit_end = _breaks.unit_times(prepared.start, prepared.end, prepared.unit_first)
    return (
        unit_start,
        unit_end,
        prepared.unit_width,  # int32, uint16, int32 as the kernel reads them
        prepared.unit_bits,
        prepared.unit_words,
        options.characters_per_caption_line,
        options.lines_per_caption,
        options.layout_target_caption_length_ms,
        options.maximum_caption_duration or 0,
        options.caption_words_min,
        options.disallow_dangling,
        options.maximum_characters_per_second or 0,
        options.maximum_words_per_minute or 0,
    )


def _empty() -> PreparedLayout:
    empty64 = np.zeros(0, dtype=np.int64)
    no = np.zeros(0, np.bool_)
    return PreparedLayout(
        [], empty64, empty64, no, no, np.zeros(0, np.intp),
        np.zeros(0, np.int32), np.zeros(0, np.uint16), np.zeros(0, np.int32),
    )  # fmt: skip


def _by_tag(table: TokenTable, every: bool, names: tuple[str, ...]) -> BoolArray:
    """Per sound tag index of ``table``, whether a sound with it is one of ``names`` (all
    of them when ``every``), and one more entry, last, for a sound without a tag (index
    -1 reads it): the look-up the break rules take (np.isin costs more than the rest of
    the rules on a short document)."""
    return _tag_lookup(table.tag_names, every, names)


@lru_cache(maxsize=256)
def _tag_lookup(tag_names: tuple[str, ...], every: bool, names: tuple[str, ...]) -> BoolArray:
    """:func:`_by_tag`'s look-up, made once per tag names and options (documents mostly
    share the same tags) and read-only, so every call and thread may share it."""
    listed = np.full(len(tag_names) + 1, every, dtype=np.bool_)
    if not every and names:
        wanted = {name.strip().upper() for name in names}
        listed[:-1] = [name.upper() in wanted for name in tag_names]
    listed.flags.writeable = False
    return listed


__all__ = ["PreparedLayout", "kernel_arguments", "prepare_layout"]
