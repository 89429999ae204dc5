"""Step 3 of the builder: every timed token gets a whole-ms start and end, in text order.

The times the source gives are kept wherever they are consistent (the longest run of
non-decreasing starts); a token with no usable time gets one between its neighbours, by
character length (at a nominal rate, :data:`MS_PER_CHARACTER`, where there is no window or
the window is a long silence); a run with no room between its neighbours (speech of two
channels in one text) shares the next token's span; overlaps are resolved by ending the
earlier token where the later starts; and every token lasts at least 1 ms. Every time made
up or changed is flagged, to become ``interpolated: true``.
"""

from __future__ import annotations

import bisect

import numpy as np

MS_PER_CHARACTER = 65  # nominal speaking rate for times made up without a window (~15 chars/s)


def _nominal(weight: int) -> int:
    return weight * MS_PER_CHARACTER


def _all_consistent(starts: list[int | None], ends: list[int | None]) -> bool:
    """True when every time is known, every token has a length and none overlaps the one
    before (the usual case: nothing to do), checked at C speed (numpy)."""
    if not starts:
        return not ends
    try:
        s = np.array(starts)
        e = np.array(ends)
    except OverflowError:  # (an int beyond any numpy type)
        return False
    if s.dtype.kind != "i" or e.dtype.kind != "i":  # a time not known (None), or not an int
        return False
    return bool((s < e).all() and (e[:-1] <= s[1:]).all())


def _consistent(starts: list[int | None]) -> set[int] | None:
    """The indices of the longest non-decreasing run of known starts (the times to keep),
    or None when every known start is in order already (the usual case)."""
    known = [i for i, s in enumerate(starts) if s is not None]
    previous = -1
    for i in known:
        s = starts[i]
        assert s is not None
        if s < previous:
            break
        previous = s
    else:
        return None
    # patience sorting: tails[k] = index ending the best run of length k+1
    tails: list[int] = []
    tail_values: list[int] = []
    parent: dict[int, int] = {}
    for i in known:
        s = starts[i]
        assert s is not None
        k = bisect.bisect_right(tail_values, s)
        if k > 0:
            parent[i] = tails[k - 1]
        if k == len(tails):
            tails.append(i)
            tail_values.append(s)
        else:
            tails[k] = i
            tail_values[k] = s
    keep = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        keep.add(i)
        i = parent.get(i, -1)
    return keep


def fix_times(
    starts: list[int | None], ends: list[int | None], weights: list[int], made_up: list[bool]
) -> None:
    """Make every start and end a whole ms, in order, each token at least 1 ms long, no
    two overlapping (in place); ``made_up[i]`` becomes True where a time was invented or
    moved. See step 3 of the module docstring."""
    n = len(starts)
    if n == 0 or _all_consistent(starts, ends):
        return
    keep = _consistent(starts)
    if keep is not None:
        for i in range(n):
            if starts[i] is not None and i not in keep:
                starts[i] = ends[i] = None
    open_start: int | None = None  # the start of the last word with no end
    for i in range(n):
        s, e = starts[i], ends[i]
        if s is None:
            ends[i] = None
            continue
        if e is not None and e <= s:
            ends[i] = None  # zero length or inverted: its end is made up
        if s == open_start:
            starts[i] = ends[i] = None  # words at one instant: they share the time after it
            continue
        open_start = s if ends[i] is None else None
    _fill(starts, ends, weights, made_up)
    _repair(starts, ends, made_up)


def _fill(
    starts: list[int | None], ends: list[int | None], weights: list[int], made_up: list[bool]
) -> None:
    """Give every missing start and end a time, run by run."""
    n = len(starts)
    i = 0
    while i < n:
        if starts[i] is not None and ends[i] is not None:
            i += 1
            continue
        # a run: [first, stop) needs times; first may be a known start without an end
        first = i
        if starts[i] is not None:  # open end: the run starts at its start
            lo: int | None = starts[i]
            i += 1
        else:
            lo = ends[i - 1] if i > 0 else None
        while i < n and starts[i] is None:
            i += 1
        stop = i
        hi = starts[stop] if stop < n else None
        need = sum(_nominal(w) for w in weights[first:stop])
        while lo is not None and hi is not None and hi - lo < need // 4 and stop < n:
            # no room between the neighbours (an overlap: speech of two channels in one
            # text): the next word shares the run, up to its own end
            hi = ends[stop]
            stop += 1
            need = sum(_nominal(w) for w in weights[first:stop])
            i = stop
        run_weights = weights[first:stop]
        if lo is None and hi is None:
            lo, hi = 0, need
        elif lo is None:
            assert hi is not None
            lo = max(0, hi - need)
        elif hi is None or hi - lo > 2 * need:
            hi = lo + need  # a long silence after: the words follow the one before
        assert lo is not None and hi is not None
        if hi < lo:
            hi = lo
        total = sum(run_weights)
        acc = 0
        previous = lo
        span = hi - lo
        for j in range(first, stop):
            acc += weights[j]
            stop_time = lo + (span * acc) // total
            starts[j] = previous  # (the first keeps its own start: it is ``lo``)
            ends[j] = stop_time
            made_up[j] = True
            previous = stop_time


def _repair(starts: list[int | None], ends: list[int | None], made_up: list[bool]) -> None:
    """No overlap, no token shorter than 1 ms: end the one before where a token starts, or
    move a token's start to the end of the one before when that cannot be done."""
    previous_start = -1
    previous_end = 0
    for i in range(len(starts)):
        s = starts[i]
        e = ends[i]
        assert s is not None and e is not None
        if s < previous_end:
            if s > previous_start:
                ends[i - 1] = s
                made_up[i - 1] = True
            else:
                s = starts[i] = previous_end
                made_up[i] = True
        if e <= s:
            e = ends[i] = s + 1
            made_up[i] = True
        previous_start = s
        previous_end = e
