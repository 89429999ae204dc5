"""Tokens wider than a line: cut into pieces of at most a line, and their time shared so that
every caption holding a piece lasts at least 1 ms inside the token's own span (the rule is
stated in :mod:`.layout`, "A cut token keeps to its own time").

:func:`split_long_tokens` cuts the tokens (before the units are made);
:func:`time_long_runs` times the runs holding them (once the units are known) and says
where captions must start.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import numpy.typing as npt

from ..table.token_table import TokenFlag, TokenTable, rows_where
from .word_facts import CLUSTER

Int64Array = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def split_long_tokens(
    table: TokenTable, width: npt.NDArray[np.int32], cpl: int
) -> tuple[TokenTable, npt.NDArray[np.int32], BoolArray, BoolArray]:
    """Cut every token wider than ``cpl`` into glued pieces of at most ``cpl`` graphemes.

    The pieces share the token's span in proportion to their graphemes, each getting at
    least 1 ms when the span has that many (:func:`time_long_runs` sees to the rest).
    Returns the new table, its widths, which rows are pieces after a token's first, and
    which rows are pieces at all.
    """
    counts = np.where(width > cpl, -(-width // cpl), 1)
    rows = np.repeat(np.arange(len(width)), counts)
    start = np.array(table.start, dtype=np.int64)[rows]
    end = np.array(table.end, dtype=np.int64)[rows]
    flags = np.array(table.flags)[rows]
    new_width = width[rows].copy()
    piece = np.zeros(len(rows), dtype=np.bool_)
    split = counts[rows] > 1
    text: list[str] = []
    value: list[str] = []
    out = 0
    keep_last = TokenFlag.SENTENCE_END | TokenFlag.NO_BREAK_AFTER
    for i, c in enumerate(counts.tolist()):
        if c == 1:
            text.append(table.text[i])
            value.append(table.value[i])
            out += 1
            continue
        clusters = CLUSTER.findall(table.text[i])
        total = len(clusters)
        s = int(table.start[i])
        d = int(table.end[i]) - s
        f = int(table.flags[i])
        lows = [k * cpl for k in range(c)]
        bounds = [d * lo // total for lo in lows] + [d]
        if d >= c:
            at_least_one_ms_apart(bounds)
        for k in range(c):
            lo = lows[k]
            hi = min(total, lo + cpl)
            chunk = "".join(clusters[lo:hi])
            text.append(chunk)
            value.append(chunk.lower())
            start[out] = s + bounds[k]
            end[out] = s + bounds[k + 1]
            flags[out] = f & ~keep_last if k == 0 else (f & keep_last if k == c - 1 else 0)
            piece[out] = k > 0
            new_width[out] = hi - lo
            out += 1
    table = replace(
        table,
        start=start,
        end=end,
        kind=np.array(table.kind)[rows],
        flags=flags,
        speaker=np.array(table.speaker)[rows],
        tag=np.array(table.tag)[rows],
        text=text,
        value=value,
    )
    return table, new_width, piece, split


def at_least_one_ms_apart(bounds: list[int]) -> None:
    """Make ``bounds`` (0 … d, with d ≥ len - 1) strictly increasing, moving each as little
    as it must: bounds that already are stay as they are."""
    last = len(bounds) - 1
    for k in range(1, last):
        if bounds[k] <= bounds[k - 1]:
            bounds[k] = bounds[k - 1] + 1
    for k in range(last - 1, 0, -1):
        if bounds[k] >= bounds[k + 1]:
            bounds[k] = bounds[k + 1] - 1


def time_long_runs(
    lines: npt.NDArray[np.intp],
    line_width: npt.NDArray[np.int32],
    breakable: BoolArray,
    split: BoolArray,
    piece: BoolArray,
    ts: Int64Array,
    te: Int64Array,
    lines_per_caption: int,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Times (and, where they must, captions) for the runs holding a token cut into pieces.

    ``lines`` are the unit starts: where a cut token is, one line each. A run is the cut
    token (all its pieces, ``piece`` marking those after the first) with the tokens glued
    to it (a speaker marker, a bracket, its punctuation); its
    *span* runs from its first start to its last end. Where every line of the run already
    lasts at least 1 ms, in order, nothing changes. Otherwise, when the span has at least
    as many ms as the run has lines, the span is shared among the lines in proportion to
    their graphemes, each at least 1 ms. When it has fewer, the lines are grouped into
    *blocks* of ``L`` lines, each block one unit and one caption of its own: ``L`` is
    ``lines_per_caption``, or as many more as keep the number of blocks within the span's
    ms, and block ``k`` of ``C`` lasts from ``S + D·k // C`` to ``S + D·(k+1) // C`` (``S``,
    ``D``: the span's start and length; a span of 0 ms gets one block). Every caption so
    lasts at least 1 ms inside the run's own span.

    ``ts``/``te`` are changed in place. Returns the unit starts (block lines merged) and
    the rows that must start a caption (each block, and the token after its run).
    """
    n = len(breakable)
    run_starts = rows_where(breakable)
    rows = rows_where(split)
    continued = piece.tolist()
    regions: list[list[int]] = []  # [first row, last row] of each run of a cut token
    for r in rows.tolist():
        after = int(np.searchsorted(run_starts, r, side="right"))
        b = int(run_starts[after]) - 1 if after < len(run_starts) else n - 1
        if regions and (r <= regions[-1][1] or continued[r]):
            regions[-1][1] = max(regions[-1][1], b)
        else:
            regions.append([int(run_starts[after - 1]), b])
    line_list = lines.tolist()
    dropped: list[int] = []
    hard: list[int] = []
    for a, b in regions:
        lo = int(np.searchsorted(lines, a))
        hi = int(np.searchsorted(lines, b, side="right"))
        starts = line_list[lo:hi]
        m = len(starts)
        offsets = np.array(starts, dtype=np.intp) - a
        line_start = np.minimum.reduceat(ts[a : b + 1], offsets)
        line_end = np.maximum.reduceat(te[a : b + 1], offsets)
        if (line_end > line_start).all() and (line_start[1:] >= line_end[:-1]).all():
            continue
        span_start = int(ts[a : b + 1].min())
        length = max(int(te[a : b + 1].max()) - span_start, 0)
        stops = [*starts[1:], b + 1]
        if length >= m:
            widths = np.cumsum(line_width[lo:hi]).tolist()
            total = max(widths[-1], 1)
            bounds = [0] + [length * w // total for w in widths[:-1]] + [length]
            at_least_one_ms_apart(bounds)
            for k in range(m):
                ts[starts[k] : stops[k]] = span_start + bounds[k]
                te[starts[k] : stops[k]] = span_start + bounds[k + 1]
            continue
        per_block = max(lines_per_caption, -(-m // max(length, 1)))
        count = -(-m // per_block)
        for k in range(count):
            first_line = k * per_block
            last_line = min(first_line + per_block, m) - 1
            hard.append(starts[first_line])
            dropped.extend(starts[first_line + 1 : last_line + 1])
            ts[starts[first_line] : stops[last_line]] = span_start + length * k // count
            te[starts[first_line] : stops[last_line]] = span_start + length * (k + 1) // count
        if b + 1 < n:
            hard.append(b + 1)
    kept = np.setdiff1d(lines, np.array(dropped, dtype=np.intp), assume_unique=True)
    return kept.astype(np.intp), np.array(hard, dtype=np.intp)


__all__ = ["at_least_one_ms_apart", "split_long_tokens", "time_long_runs"]
