"""The timing pass: durations, gaps and merges, after the layout, in this order.

:func:`time_captions` is the one entry point: it takes the layout's
:class:`~.model.SpokenCaptions` (spoken times, lines, and the runs of the captions that may
need splitting) and returns the timed :class:`~.model.Caption` s.

0. Spoken times: a caption runs from its first token's start to its last token's end. If a
   caption starts before the previous one ends (overlapping input), its start moves to that
   end. A caption of zero or negative length gets 1 ms, borrowed from the time after it
   (the next caption's start moves on if it must).
1. ``minimum_caption_length_ms`` (unset: off): a shorter caption is lengthened to it, first
   into the silence after it, then into the next caption by delaying that caption's start,
   as long as the next caption keeps at least the minimum (or its own length, if it is
   already shorter). The last caption is simply lengthened.
2. ``merge_gap_interval`` (0: off): a gap shorter than this between two captions is
   closed by moving the earlier caption's end to the next caption's start.
3. ``minimum_gap_between_captions_ms`` (unset: off): where the gap is smaller, the earlier
   caption ends sooner to leave the gap, but never lasts less than 1 ms.
4. ``maximum_caption_duration`` (unset: off): a longer caption whose words were all spoken
   within the maximum is cut back to it; otherwise it is split into as few pieces as keep
   each within the maximum (pieces separated by the minimum gap, when one is set and room
   allows). The text is divided at line boundaries when there are at least as many lines
   as pieces, else between the caption's runs (at the spaces of its lines when it has
   none), in contiguous parts of about equal length, and the time in equal parts. When
   there are fewer words than pieces, each word gets a piece of the maximum length and the
   caption ends sooner.

Afterwards captions never overlap, never go backwards and never last less than 1 ms: that is
the floor for every caption in every format. Step 0 only ever needs to give that 1 ms to a
caption of zero spoken length (a lone zero-length mark, or overlapping input); the layout
sees to it that a word cut across captions never does (layout.py). When the minimum length
exceeds the maximum duration, the maximum wins (it comes last).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..options.classes import CaptionOptions
from .model import Caption, Run, SpokenCaptions, join_runs


def time_captions(spoken: SpokenCaptions, options: CaptionOptions) -> list[Caption]:
    """The whole pass, steps 0–4, on the layout's captions at their spoken times."""
    s = list(spoken.start)
    e = list(spoken.end)
    if not len(s) == len(e) == len(spoken.lines):
        raise ValueError("time_captions: start, end and lines differ in length")
    _normalise(s, e)
    if options.minimum_caption_length_ms:
        _lengthen(s, e, options.minimum_caption_length_ms)
    if options.merge_gap_interval:
        _close_gaps(s, e, options.merge_gap_interval)
    if options.minimum_gap_between_captions_ms:
        _open_gaps(s, e, options.minimum_gap_between_captions_ms)
    captions = list(map(Caption, s, e, spoken.lines))
    if options.maximum_caption_duration is None:
        return captions
    return _split_long_captions(
        captions,
        options.maximum_caption_duration,
        spoken,
        options.minimum_gap_between_captions_ms or 0,
    )


def _split_long_captions(
    captions: list[Caption], maximum_ms: int, spoken: SpokenCaptions, gap_ms: int
) -> list[Caption]:
    """Step 4: no caption lasts longer than ``maximum_ms`` (see the module doc)."""
    out: list[Caption] = []
    for k, cap in enumerate(captions):
        if cap.end - cap.start <= maximum_ms:
            out.append(cap)
            continue
        spoken_end = min(spoken.end[k], cap.end)
        if cap.start + maximum_ms >= spoken_end:
            out.append(Caption(cap.start, cap.start + maximum_ms, cap.lines))
            continue
        runs = spoken.runs.get(k)
        if runs is None:
            runs = [
                Run(i, word, True) for i, line in enumerate(cap.lines) for word in line.split(" ")
            ]
        out.extend(_split(cap, runs, maximum_ms, gap_ms))
    return out


def _split(cap: Caption, runs: Sequence[Run], maximum_ms: int, gap_ms: int) -> list[Caption]:
    duration = cap.end - cap.start
    gap = gap_ms
    pieces = -(-(duration + gap) // (maximum_ms + gap))
    if duration - (pieces - 1) * gap < pieces:  # no room for the gaps: pieces abut
        gap = 0
        pieces = -(-duration // maximum_ms)
    by_line = len(cap.lines) >= pieces
    atoms: list[list[Run]] = []
    for run in runs:
        if by_line and atoms and atoms[-1][0].line == run.line:
            atoms[-1].append(run)
        else:
            atoms.append([run])
    count = min(pieces, len(atoms))
    span = min(duration, count * maximum_ms + (count - 1) * gap)
    each, extra = divmod(span - (count - 1) * gap, count)
    groups = _balanced_groups([sum(len(r.text) + 1 for r in atom) for atom in atoms], count)
    out: list[Caption] = []
    t = cap.start
    for g, (lo, hi) in enumerate(groups):
        length = each + (1 if g < extra else 0)
        out.append(Caption(t, t + length, join_runs(r for atom in atoms[lo:hi] for r in atom)))
        t += length + gap
    return out


def _balanced_groups(sizes: list[int], count: int) -> list[tuple[int, int]]:
    """Cut ``sizes`` into ``count`` non-empty contiguous runs of about equal total."""
    total = sum(sizes)
    bounds = [0]
    acc = 0
    i = 0
    n = len(sizes)
    for g in range(1, count):
        goal = total * g / count
        # advance while the run stays non-empty and enough atoms remain for later runs
        while i < n - (count - g) and (i < bounds[-1] + 1 or acc + sizes[i] / 2 <= goal):
            acc += sizes[i]
            i += 1
        bounds.append(i)
    bounds.append(n)
    return [(bounds[g], bounds[g + 1]) for g in range(count)]


def _normalise(s: list[int], e: list[int]) -> None:
    previous_end: int | None = None
    for k in range(len(s)):
        if previous_end is not None and s[k] < previous_end:
            s[k] = previous_end
        if e[k] <= s[k]:
            e[k] = s[k] + 1
        previous_end = e[k]


def _lengthen(s: list[int], e: list[int], minimum: int) -> None:
    last = len(s) - 1
    for k in range(len(s)):
        if e[k] - s[k] >= minimum:
            continue
        want = s[k] + minimum
        if k == last:
            e[k] = want
            continue
        next_length = e[k + 1] - s[k + 1]
        keep = minimum if next_length >= minimum else next_length
        e[k] = max(e[k], min(want, e[k + 1] - keep))
        if s[k + 1] < e[k]:
            s[k + 1] = e[k]


def _close_gaps(s: list[int], e: list[int], interval: int) -> None:
    for k in range(len(s) - 1):
        gap = s[k + 1] - e[k]
        if 0 < gap < interval:
            e[k] = s[k + 1]


def _open_gaps(s: list[int], e: list[int], minimum_gap: int) -> None:
    for k in range(len(s) - 1):
        if s[k + 1] - e[k] < minimum_gap:
            e[k] = max(s[k] + 1, s[k + 1] - minimum_gap)
