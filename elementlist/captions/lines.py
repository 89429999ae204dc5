"""The kernel's codes back into text: every caption's lines, its spoken times, whether it
starts at a hard caption start, and the timed runs of the captions the timing may have to
split (:class:`~.model.SpokenCaptions`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt

from .. import kernels
from ..options.classes import CaptionOptions
from ..table import row_edits
from ..table.token_table import rows_where
from .model import Run, SpokenCaptions, join_runs
from .prepare import PreparedLayout
from .units import UnitBit, UnitStart

Codes = npt.NDArray[np.uint8]

_CAPTION_BREAK = "\x1e"  # ASCII record separator: never in a caption's text
# plain ints for numpy (an enum operand costs an operation about 4 us more, issue 15)
_NEW_CAPTION = int(UnitStart.NEW_CAPTION)
_NEW_LINE = int(UnitStart.NEW_LINE)
_HARD = int(UnitBit.HARD)
_SPACE = int(UnitBit.SPACE)
# SpokenCaptions' member descriptors, for the row kernel's ``filled`` (its frozen __init__
# costs 1.7 us; issue 15)
_SPOKEN_SLOTS = tuple(vars(SpokenCaptions)[f.name] for f in fields(SpokenCaptions))
_SEPARATORS = np.array(["", " ", "\n", _CAPTION_BREAK], dtype=object)


def spoken_captions(
    prepared: PreparedLayout, unit_codes: Codes, options: CaptionOptions
) -> SpokenCaptions:
    """The captions the kernel's ``unit_codes`` make of ``prepared``: lines, spoken times
    (first token's start to last token's end), which captions start at a hard start
    (``UnitBit.HARD``: the timing never merges those into the caption before), and the runs
    of every caption whose spoken time is longer than ``maximum_caption_duration``."""
    caption_units, start, end, fixed, lines = _columns(
        prepared.text,
        prepared.start,
        prepared.end,
        prepared.space,
        prepared.newline,
        prepared.unit_first,
        prepared.unit_bits,
        unit_codes,
    )
    every: list[list[Run]] | None = None
    if lines is None:  # a token's text holds a break: join run by run
        every = caption_runs(prepared, unit_codes, caption_units, range(len(caption_units)))
        lines = [join_runs(r) for r in every]
    runs: dict[int, list[Run]] = {}
    if options.maximum_caption_duration is not None:
        limit = options.maximum_caption_duration
        long = [k for k, (a, b) in enumerate(zip(start, end, strict=True)) if b - a > limit]
        if every is None:
            every = caption_runs(prepared, unit_codes, caption_units, long)
            runs = dict(zip(long, every, strict=True))
        else:
            runs = {k: every[k] for k in long}
    spoken: SpokenCaptions = row_edits.KERNEL.filled(
        SpokenCaptions,
        _SPOKEN_SLOTS,
        (start, end, lines, runs, fixed, " " if prepared.spaced else ""),
    )
    return spoken


CaptionColumns = tuple[
    npt.NDArray[np.intp], list[int], list[int], list[bool], list[tuple[str, ...]] | None
]


def caption_columns(
    text: list[str],
    start: npt.NDArray[np.int64],
    end: npt.NDArray[np.int64],
    space: npt.NDArray[np.bool_],
    newline: npt.NDArray[np.bool_],
    unit_first: npt.NDArray[np.intp],
    unit_bits: npt.NDArray[np.uint16],
    unit_codes: Codes,
) -> CaptionColumns:
    """What the kernel's codes make of the prepared columns: each caption's first unit,
    its spoken start and end (first token's start, last token's end, as ints), whether it
    starts at a hard start, and its lines (None when a token's text holds a line or caption
    break: :func:`_lines_by_separators`). The pure twin of ``_layout.caption_columns``,
    which makes the same in one pass; the codes start with a caption, and no unit's first
    token has ``newline`` (the preparation makes them so)."""
    caption_units = rows_where(unit_codes == _NEW_CAPTION)
    firsts = unit_first[caption_units]
    cstart = np.minimum.reduceat(start, firsts) if len(firsts) else start[:0]
    cend = np.maximum.reduceat(end, firsts) if len(firsts) else end[:0]
    lines = _lines_by_separators(text, space, newline, unit_first, unit_bits, unit_codes, firsts)
    fixed = ((unit_bits[caption_units] & _HARD) != 0).tolist()
    return caption_units, cstart.tolist(), cend.tolist(), fixed, lines


def _lines_by_separators(
    text: list[str],
    space: npt.NDArray[np.bool_],
    newline: npt.NDArray[np.bool_],
    unit_first: npt.NDArray[np.intp],
    unit_bits: npt.NDArray[np.uint16],
    unit_codes: Codes,
    caption_starts: npt.NDArray[np.intp],
) -> list[tuple[str, ...]] | None:
    """Every caption's lines from joins over all tokens.

    Each token gets the separator that goes before it — nothing, a space, a line break or a
    caption break — and the text is joined and split, a stretch of whole captions of about
    :data:`_STRETCH` tokens at a time (so the joined text and its parts stay small however
    long the document; ``caption_starts``: each caption's first token). Returns None when
    a token's own text holds a line or caption break, so the splits would not line up.
    """
    sep = space.astype(np.int8)
    unit_sep = ((unit_bits & _SPACE) != 0).astype(np.int8)
    unit_sep[unit_codes == _NEW_LINE] = 2
    unit_sep[unit_codes == _NEW_CAPTION] = 3
    sep[unit_first] = unit_sep
    sep[newline] = 2
    out: list[tuple[str, ...]] = []
    for a, b in pairwise(_stretches(caption_starts, len(text))):
        seps = sep[a:b]
        seps[0] = 0  # the stretch starts a caption: nothing before its first token
        parts: list[str] = [""] * (2 * (b - a))
        parts[0::2] = _SEPARATORS[seps].tolist()
        parts[1::2] = text[a:b]
        joined = "".join(parts)
        captions = joined.split(_CAPTION_BREAK)
        if len(captions) != int((seps == 3).sum()) + 1 or joined.count("\n") != int(
            (seps == 2).sum()
        ):
            return None
        out += [tuple(caption.split("\n")) for caption in captions]
    return out


_STRETCH = 1 << 16  # about how many tokens _lines_by_separators joins at a time


def _stretches(caption_starts: npt.NDArray[np.intp], n: int) -> list[int]:
    """The bounds of stretches of whole captions, each about :data:`_STRETCH` tokens long:
    the first token of each (a caption's first; ``caption_starts[0]`` is 0), then ``n``."""
    if n <= _STRETCH:  # one stretch: the whole document
        return [0, n]
    at = np.searchsorted(caption_starts, np.arange(0, n, _STRETCH))
    return [*np.unique(caption_starts[at[at < len(caption_starts)]]).tolist(), n]


def caption_runs(
    prepared: PreparedLayout,
    unit_codes: Codes,
    caption_units: npt.NDArray[np.intp],
    wanted: Iterable[int],
) -> list[list[Run]]:
    """The runs of each ``wanted`` caption (``caption_units``: each caption's first unit),
    each with the spoken time of its tokens. A unit is one run; a long word's block, one
    unit of several lines, one run per line."""
    text = prepared.text
    ts = prepared.start.tolist()
    te = prepared.end.tolist()
    space = prepared.space.tolist()
    newline = prepared.newline.tolist()
    first = prepared.unit_first.tolist()
    bounds = [*first[1:], len(text)]
    codes = unit_codes.tolist()
    unit_spaced = ((prepared.unit_bits & _SPACE) != 0).tolist()
    unit_limits = [*caption_units.tolist(), len(first)]
    out: list[list[Run]] = []
    for k in wanted:
        runs: list[Run] = []
        line = 0
        for u in range(unit_limits[k], unit_limits[k + 1]):
            if codes[u] == _NEW_LINE:
                line += 1
            a, b = first[u], bounds[u]
            spaced = unit_spaced[u]
            chunk = [text[a]]
            t0, t1 = ts[a], te[a]
            for t in range(a + 1, b):
                if newline[t]:
                    runs.append(Run(line, "".join(chunk), spaced, t0, t1))
                    line += 1
                    chunk = [text[t]]
                    t0, t1 = ts[t], te[t]
                    spaced = False
                else:
                    chunk.append(" " + text[t] if space[t] else text[t])
                    t0, t1 = min(t0, ts[t]), max(t1, te[t])
            runs.append(Run(line, "".join(chunk), spaced, t0, t1))
        out.append(runs)
    return out


# The compiled caption columns (in the layout kernel's module), or the pure twin above.
_compiled: Any = kernels.compiled("_layout")
_columns: Callable[..., CaptionColumns] = (
    _compiled.caption_columns if _compiled is not None else caption_columns
)

__all__ = ["caption_columns", "caption_runs", "spoken_captions"]
