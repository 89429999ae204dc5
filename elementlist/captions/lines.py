"""The kernel's codes back into text: every caption's lines, its spoken times, whether it
starts at a hard caption start, and the timed runs of the captions the timing may have to
split (:class:`~.model.SpokenCaptions`)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from ..options.classes import CaptionOptions
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
_SEPARATORS = np.array(["", " ", "\n", _CAPTION_BREAK], dtype=object)


def spoken_captions(
    prepared: PreparedLayout, unit_codes: Codes, options: CaptionOptions
) -> SpokenCaptions:
    """The captions the kernel's ``unit_codes`` make of ``prepared``: lines, spoken times
    (first token's start to last token's end), which captions start at a hard start
    (``UnitBit.HARD``: the timing never merges those into the caption before), and the runs
    of every caption whose spoken time is longer than ``maximum_caption_duration``."""
    caption_units = rows_where(unit_codes == _NEW_CAPTION)
    firsts = prepared.unit_first[caption_units]
    start = np.minimum.reduceat(prepared.start, firsts)
    end = np.maximum.reduceat(prepared.end, firsts)
    lines = _lines_by_separators(prepared, unit_codes, firsts)
    every: list[list[Run]] | None = None
    if lines is None:  # a token's text holds a break: join run by run
        every = caption_runs(prepared, unit_codes, caption_units, range(len(caption_units)))
        lines = [join_runs(r) for r in every]
    runs: dict[int, list[Run]] = {}
    if options.maximum_caption_duration is not None:
        long = rows_where(end - start > options.maximum_caption_duration).tolist()
        if every is None:
            every = caption_runs(prepared, unit_codes, caption_units, long)
            runs = dict(zip(long, every, strict=True))
        else:
            runs = {k: every[k] for k in long}
    fixed = ((prepared.unit_bits[caption_units] & _HARD) != 0).tolist()
    return SpokenCaptions(
        start.tolist(), end.tolist(), lines, runs, fixed, " " if prepared.spaced else ""
    )


def _lines_by_separators(
    prepared: PreparedLayout, unit_codes: Codes, caption_starts: npt.NDArray[np.intp]
) -> list[tuple[str, ...]] | None:
    """Every caption's lines from joins over all tokens (the fast path).

    Each token gets the separator that goes before it — nothing, a space, a line break or a
    caption break — and the text is joined and split, a stretch of whole captions of about
    :data:`_STRETCH` tokens at a time (so the joined text and its parts stay small however
    long the document; ``caption_starts``: each caption's first token). Returns None when
    a token's own text holds a line or caption break, so the splits would not line up.
    """
    text = prepared.text
    sep = prepared.space.astype(np.int8)
    unit_sep = ((prepared.unit_bits & _SPACE) != 0).astype(np.int8)
    unit_sep[unit_codes == _NEW_LINE] = 2
    unit_sep[unit_codes == _NEW_CAPTION] = 3
    sep[prepared.unit_first] = unit_sep
    sep[prepared.newline] = 2
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


__all__ = ["caption_runs", "spoken_captions"]
