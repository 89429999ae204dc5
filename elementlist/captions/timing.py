"""The timing pass: durations, gaps and merges, after the layout, in this order.

:func:`time_captions` is the one entry point: it takes the layout's
:class:`~.model.SpokenCaptions` (spoken times, lines, hard starts, and the timed runs of the
captions that may need splitting) and returns the timed :class:`~.model.Caption` s.

0. Spoken times: a caption runs from its first token's start to its last token's end. If a
   caption starts before the previous one ends (overlapping input), its start moves to that
   end. A caption of zero or negative length gets 1 ms, borrowed from the time after it
   (the next caption's start moves on if it must). These starts are the *spoken starts*
   that step 1's drift is measured from.
1. ``minimum_caption_length_ms`` (unset: off): a shorter caption is lengthened to it, the
   time taken from what follows it; the next caption must start at least
   ``minimum_gap_between_captions_ms`` after that, so a caption spoken for at least the
   minimum but followed too soon is looked at too (else step 3 would open the gap by
   taking it under the minimum again). In this order:

   a. the silence after it;
   b. the next caption's surplus over the minimum: its start moves later while it keeps
      the minimum (a next caption already shorter gives nothing);
   c. a cascade: the following captions move later, start and end, each shift absorbed by
      the silence after it beyond the minimum gap (what a silence cannot absorb moves the
      caption after it too).

   Under ``maximum_characters_per_second`` / ``maximum_words_per_minute``, (b) and (c)
   also leave each caption they delay the time its words need (step 4's
   :meth:`ReadingLimits.needed_ms`): its surplus is over that, and only the silence beyond
   it absorbs a shift, so a caption given its minimum does not leave the next too fast to
   read. A caption too fast even from its spoken start to the next one's (less the minimum
   gap) keeps only the minimum: the time goes where it helps (:meth:`_Timeline.keeps`);
   d. under a ``caption_profile`` with a sync tolerance, and only where this makes up the
      rest: the silence before it, beyond the minimum gap after the caption before; the
      start moves earlier, at most by the tolerance (:func:`start_lead_ms`; netflix-en
      125 ms, which ``check`` allows either side of the first word). Without a profile a
      caption never starts before its first word;
   e. where (a)–(d) cannot give enough, the short caption is merged into the next caption,
      else into the one before, when the two fit ``lines_per_caption`` lines of
      ``characters_per_caption_line`` (their lines one after the other, or the first's last
      line and the second's first joined with a space, or, in a language written with
      spaces, all their words wrapped anew: :func:`_rewrapped`), no hard caption start
      lies between them (a speaker change under ``speaker_on_new_line``, a silence over
      ``silence_max_ms``, a sound of its own) and the merged caption stays within
      ``maximum_caption_duration``; the merged caption is looked at again;
   f. else it takes what (a)–(c) can give and stays short;
   g. then, over each run of captions (a)–(f) left short of the minimum or too fast to
      read (a caption whose words the speech gives the time, :meth:`_Timeline.keeps`), a
      programme (:meth:`_Timeline.replan`) that chooses which captions stay short, which
      merge (as in (e), up to four into one) and which keep their minimum: in dense
      speech the cascade lengthens one caption after another, each delaying the next by
      up to the drift bound, where leaving one in a few short lets the next start with
      its words again and gives the others their minimum. Each caption starts as early as
      it may (its spoken start, or after the one before and the minimum gap; never more
      than the drift bound late) and ends at its spoken end at the earliest, then at the
      minimum or when its words are read; the programme keeps, for each cost, the way
      that lets the next caption start earliest (a front, as ``check``'s
      :func:`~elementlist.quality.checks.fewest_short` counts what the speech forces),
      the cost being the captions short or too fast, then the merges, then the time the
      short ones lack. A run starts and ends at a caption (a)–(f) leave at its spoken
      start after the one before; it takes the programme's times only where they breach
      less, so where every caption gets its minimum nothing moves.

   In (b), (c) and (g) no caption's start moves more than :func:`start_drift_ms` after
   its spoken start: :data:`MAX_START_DRIFT_MS` (1.5 s), or under a ``caption_profile``
   its sync tolerance where that is tighter (netflix-en: 3 frames, 125 ms). The last
   caption is simply lengthened (silence follows it).
2. ``merge_gap_interval`` (0: off): a gap shorter than this between two captions is
   closed by moving the earlier caption's end to the next caption's start.
3. ``minimum_gap_between_captions_ms`` (unset: off): where the gap is smaller, the earlier
   caption ends sooner to leave the gap, but never lasts less than 1 ms. Step 1 has already
   started the next caption late enough where a caption needs its minimum length, so this
   never takes a caption under the minimum that step 1 gave it.
4. ``maximum_characters_per_second`` and ``maximum_words_per_minute`` (ours; unset: off):
   a caption read faster than either (grapheme clusters of its lines, line breaks not
   counted, per second; words, :func:`reading_words`, per minute) ends later, into
   the silence after it: at most to the next caption's start less
   ``minimum_gap_between_captions_ms``, and within ``maximum_caption_duration``; the gap it
   leaves then obeys steps 2 and 3 again (closed when shorter than ``merge_gap_interval``,
   then the minimum gap opened). Its start
   never moves earlier: a caption appears with its first word (Netflix times the in-cue on
   the first frame of the audio), and text shown before it is said is read as the wrong
   speaker's. What is still too fast after step 5 is counted and reported as one
   :class:`~elementlist.errors.LayoutWarning` line ("N of M captions read faster than X
   cps; the speech leaves no room").
5. ``maximum_caption_duration`` (unset: off): a longer caption whose words were all spoken
   within the maximum is cut back to it; otherwise it is split, between the layout's runs,
   at the times the runs were spoken: into the fewest pieces that keep each within the
   maximum, and of those, the one whose piece durations are most even (least sum of
   squares). Each piece runs from its first run's spoken start (the first: the caption's
   start) to the next piece's start less ``minimum_gap_between_captions_ms`` (the last: the
   caption's end); when the gaps leave no room the pieces abut. When as few pieces can be
   cut at line boundaries, they are. A piece that is one run spoken for longer than the
   maximum ends sooner. Without word times (a caption without runs, cut at the spaces of
   its lines, or runs made by hand) the time goes by characters: as few pieces of equal
   time as fit, each holding about an equal share of the characters (at line boundaries
   when there are at least as many lines as pieces); when there are fewer words than
   pieces, each word gets a piece of the maximum length and the caption ends sooner.

Afterwards captions never overlap, never go backwards and never last less than 1 ms: that is
the floor for every caption in every format. Step 0 only ever needs to give that 1 ms to a
caption of zero spoken length (a lone zero-length mark, or overlapping input); the layout
sees to it that a word cut across captions never does (layout.py). When the minimum length
exceeds the maximum duration, the maximum wins (it comes last).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import regex

from .. import kernels
from ..document.vocabulary import TokenKind
from ..errors import LayoutWarning
from ..options.classes import CaptionOptions
from ..profiles import LOOSEST_SYNC_MS, get_profile
from .breaks_kernel import kept_with_next
from .model import Caption, Run, SpokenCaptions, join_runs
from .word_facts import NO_BREAK, grapheme_width, text_bits

MAX_START_DRIFT_MS = LOOSEST_SYNC_MS
"""The furthest step 1 moves a caption's start after its spoken start (the start the layout
gave it, overlaps resolved). BBC's guidelines (§5.2) allow text to hang or anticipate the
speech by at most 1.5 s, the loosest sync tolerance the guidelines publish (Netflix wants
in-times on the first frame of the audio and out-times at most 12 frames after it); a
caption delayed further is visibly out of step with its words."""


def start_drift_ms(options: CaptionOptions) -> int:
    """How far step 1 may move a caption's start after its spoken start:
    :data:`MAX_START_DRIFT_MS`, or the late side of the ``caption_profile``'s sync window
    (:attr:`~elementlist.profiles.Profile.sync_window_ms`) where it is tighter (Netflix:
    3 frames, 125 ms), so that the captions a profile lays out pass
    ``check --source`` with that profile; what cannot be lengthened within it merges or
    stays short (and is counted)."""
    if options.caption_profile:
        return min(get_profile(options.caption_profile).sync_window_ms[1], MAX_START_DRIFT_MS)
    return MAX_START_DRIFT_MS


def start_lead_ms(options: CaptionOptions) -> int:
    """How far step 1 (d) may start a caption before its spoken start: the early side of
    the ``caption_profile``'s sync window (netflix-en: 125 ms; ``check`` allows a start that
    far either side of the first word; 0 for a profile that states no tolerance), else 0:
    without a profile a caption never starts before its first word."""
    if options.caption_profile:
        return get_profile(options.caption_profile).sync_window_ms[0]
    return 0


_DP_ATOMS = 400  # a split balances its pieces by a dynamic programme up to this many runs


def time_captions(spoken: SpokenCaptions, options: CaptionOptions) -> list[Caption]:
    """The whole pass, steps 0–5, on the layout's captions at their spoken times; warns
    (:class:`~elementlist.errors.LayoutWarning`, one line) when captions still read faster
    than ``maximum_characters_per_second``."""
    if not len(spoken.start) == len(spoken.end) == len(spoken.lines):
        raise ValueError("time_captions: start, end and lines differ in length")
    limits = ReadingLimits(options.maximum_characters_per_second, options.maximum_words_per_minute)
    needed: dict[tuple[str, ...], int] = {}  # each caption's ReadingLimits.needed_ms, once
    said: Sequence[int] = spoken.end  # each caption's spoken end, for step 5
    runs: Mapping[int, Sequence[Run]] = spoken.runs
    if options.minimum_caption_length_ms or options.minimum_gap_between_captions_ms or limits:
        captions, said, runs = _steps_0_to_4(spoken, options, limits, needed)
    else:  # the default options: steps 0 and 2 alone, one kernel pass
        captions = _closed(
            list(spoken.start),
            list(spoken.end),
            list(spoken.lines),
            options.merge_gap_interval or 0,
            Caption,
            CAPTION_SLOTS,
        )
    if options.maximum_caption_duration is not None:
        captions = _split_long_captions(
            captions,
            options.maximum_caption_duration,
            said,
            runs,
            options.minimum_gap_between_captions_ms or 0,
        )
    if limits:
        _warn_if_too_fast(captions, limits, needed)
    return captions


def _steps_0_to_4(
    spoken: SpokenCaptions,
    options: CaptionOptions,
    limits: ReadingLimits,
    needed: dict[tuple[str, ...], int],
) -> tuple[list[Caption], list[int], dict[int, Sequence[Run]]]:
    """Steps 0-4, and each caption's spoken end and runs after them (``needed`` gets each
    caption's ReadingLimits.needed_ms under ``limits``)."""
    s = list(spoken.start)
    e = list(spoken.end)
    lines = list(spoken.lines)
    said = list(spoken.end)
    runs: dict[int, Sequence[Run]] = dict(spoken.runs)
    _normalise(s, e)
    if options.minimum_caption_length_ms:
        fixed = list(spoken.fixed_start) or [False] * len(s)
        if len(fixed) != len(s):
            raise ValueError("time_captions: fixed_start and lines differ in length")
        timeline = _Timeline(
            s, e, list(s), said, lines, fixed, runs,
            start_drift_ms(options), start_lead_ms(options), limits,
        )  # fmt: skip
        timeline.lengthen(options, spoken.line_join)
        timeline.replan(options, spoken.line_join)
        s, e, said, lines, runs = (
            timeline.s,
            timeline.e,
            timeline.said,
            timeline.lines,
            timeline.runs,
        )
    if options.merge_gap_interval:
        _close_gaps(s, e, options.merge_gap_interval)
    if options.minimum_gap_between_captions_ms:
        _open_gaps(s, e, options.minimum_gap_between_captions_ms)
    if limits:
        needed.update((text, limits.needed_ms(text)) for text in lines)
        _slow_down(s, e, [needed[text] for text in lines], options)
        # what the extension left of a gap obeys steps 2 and 3 again (a gap shorter than
        # merge_gap_interval is closed, then the minimum gap opened)
        if options.merge_gap_interval:
            _close_gaps(s, e, options.merge_gap_interval)
        if options.minimum_gap_between_captions_ms:
            _open_gaps(s, e, options.minimum_gap_between_captions_ms)
    return list(map(Caption, s, e, lines)), said, runs


# Caption's fields as __slots__ members, for the compiled closed_captions to fill directly.
CAPTION_SLOTS = tuple(vars(Caption)[name] for name in ("start", "end", "lines"))


def closed_captions(
    start: list[int],
    end: list[int],
    lines: list[tuple[str, ...]],
    merge_gap: int,
    caption: type[Caption] = Caption,
    slots: tuple[object, ...] = CAPTION_SLOTS,
) -> list[Caption]:
    """Steps 0 and 2 alone (what the default options ask): the times put in order, each
    gap shorter than ``merge_gap`` closed (0: none), one ``caption`` per caption. The pure
    twin of ``_layout.closed_captions``, which fills each caption's ``slots`` (its fields'
    member descriptors) without running ``__init__``; ``start`` and ``end`` are lists of
    int64 times there."""
    _normalise(start, end)
    if merge_gap:
        _close_gaps(start, end, merge_gap)
    return list(map(caption, start, end, lines))


# --- step 1: minimum_caption_length_ms -------------------------------------------------------

_FOREVER = 1 << 62
# a plan's cost: its breaches, then its merges, then the time its short captions lack
_BREACH = 1 << 48
_MERGE = 1 << 36
_GROUP = 4  # (g) merges at most this many captions into one


@dataclass(frozen=True, slots=True)
class _Plan:
    """One way (g) may time the captions of a run up to one of them
    (:meth:`_Timeline.replan`)."""

    cost: int  # breaches (short of the minimum, too fast to read) * _BREACH + merges
    ready: int  # the earliest the next caption may start: this one's end + the minimum gap
    parent: int  # the way the captions before were timed: its index in their front
    first: int  # this caption is captions first … last, merged
    last: int
    start: int
    end: int
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Run:
    """Captions ``[first, end)``, the programme's ways of timing them (``fronts[m]``: up to
    caption ``first + m - 1``) and its best, where that breaches less than the cascade."""

    first: int
    end: int
    best: _Plan | None
    fronts: list[list[_Plan]]


@dataclass(frozen=True, slots=True)
class _Rules:
    """What (g) holds every caption of a run to."""

    minimum: int
    gap: int
    longest: int  # maximum_caption_duration, or _FOREVER
    options: CaptionOptions
    line_join: str


@dataclass(slots=True)
class _Timeline:
    """The captions' times while step 1 lengthens them (it may merge two into one)."""

    s: list[int]
    e: list[int]
    anchor: list[int]  # each caption's spoken start (overlaps resolved): drift is measured from it
    said: list[int]  # each caption's spoken end
    lines: list[tuple[str, ...]]
    fixed: list[bool]
    runs: dict[int, Sequence[Run]]
    drift: int = MAX_START_DRIFT_MS  # the furthest (b) and (c) move a start (start_drift_ms)
    lead: int = 0  # the furthest (d) moves a start earlier (start_lead_ms)
    reading: ReadingLimits | None = None  # what (b) and (c) leave a caption they delay
    needs: dict[tuple[str, ...], int] = field(default_factory=dict)  # needed_ms, by lines

    def needed(self, lines: tuple[str, ...]) -> int:
        """:meth:`ReadingLimits.needed_ms` of ``lines`` (0 without a limit), measured once."""
        if not self.reading:
            return 0
        need = self.needs.get(lines)
        if need is None:
            need = self.needs[lines] = self.reading.needed_ms(lines)
        return need

    def keeps(self, j: int, gap: int) -> int:
        """The time caption ``j`` keeps from its start when (b) or (c) delays it: under a
        reading-speed limit, the time its words need (:meth:`ReadingLimits.needed_ms`), so a
        caption given its minimum does not leave the next one too fast to read; but only
        where the speech has that time, from its spoken start to the next one's less the
        minimum ``gap`` (a caption
        too fast even so keeps only the minimum, and the time goes where it helps). 0
        without a limit."""
        if not self.reading:
            return 0
        need = self.needed(self.lines[j])
        if j + 1 < len(self.s) and self.anchor[j + 1] - gap - self.anchor[j] < need:
            return 0
        return need

    def lengthen(self, options: CaptionOptions, line_join: str) -> None:
        """Every caption shorter than the minimum, or followed too soon to keep it and the
        minimum gap, in order: (a) the silence after it, (b) the next caption's surplus
        over the minimum, (c) the cascade, (d) under a profile, the silence before it,
        when that makes up the rest, (e) a merge, (f) none."""
        minimum = options.minimum_caption_length_ms or 0
        gap = options.minimum_gap_between_captions_ms or 0
        s, e = self.s, self.e
        k = 0
        while k < len(s):
            want = s[k] + minimum
            if k == len(s) - 1:  # the last caption: silence follows
                e[k] = max(e[k], want)
                break
            nxt = k + 1
            need = want + gap - s[nxt]  # how much later the next caption must start
            if need <= 0:  # (a), or long enough already
                e[k] = max(e[k], want)
                k += 1
                continue
            surplus = max(0, e[nxt] - s[nxt] - max(minimum, self.keeps(nxt, gap)))
            drift_room = max(0, self.drift - (s[nxt] - self.anchor[nxt]))
            taken = min(need, surplus, drift_room)  # (b)
            shift = self.cascade_room(nxt, need - taken, taken, gap)  # (c)
            early = self.lead_room(k, gap)  # (d)
            if taken + shift + early < need:
                merged = self.merge(k, options, line_join)  # (e)
                if merged is not None:
                    k = merged  # the merged caption may still be short: look again
                    continue
                early = 0
            early = min(early, need - taken - shift)
            s[k] -= early
            want -= early
            s[nxt] += taken
            self.shift_from(nxt, shift, gap)
            # (f) when still short of the minimum; step 3 opens the gap
            e[k] = max(e[k], min(want, s[nxt] - gap))
            k += 1

    def replan(self, options: CaptionOptions, line_join: str) -> None:
        """(g): in dense speech the cascade lengthens short captions one after another, each
        delaying the next by up to the drift bound, where leaving one in a few short would
        give the others their minimum. So each run of captions is also timed by a programme
        that chooses which stay short, which merge and which keep their minimum
        (:meth:`_step`): the fewest captions short of the minimum or too fast to read (a
        caption whose words the speech gives the time to read, :meth:`keeps`), then the
        fewest merges, then the least time the short ones lack. Only the runs the cascade
        leaves breaching are looked at: each from a caption the cascade leaves at its
        spoken start after the one before, to the first such caption the programme's best
        way lets start there too. A run takes the programme's times only where they
        breach less than the cascade's: where every caption gets its minimum, nothing
        moves (the goldens at ``minimum_caption_length_ms=1800`` keep their bytes)."""
        rules = _Rules(
            options.minimum_caption_length_ms or 0,
            options.minimum_gap_between_captions_ms or 0,
            options.maximum_caption_duration or _FOREVER,
            options,
            line_join,
        )
        n = len(self.s)
        if n < 2 or not rules.minimum:
            return
        greedy = self.breaches(rules)
        if not any(greedy):
            return
        # where the cascade leaves caption k at its spoken start, after the one before
        free = [k == 0 or self.e[k - 1] + rules.gap <= self.anchor[k] == self.s[k]
                for k in range(n)] + [True]  # fmt: skip
        runs: list[_Run] = []
        first = 0
        while first < n:
            end = next(k for k in range(first + 1, n + 1) if free[k])
            if not any(greedy[first:end]):
                runs.append(_Run(first, end, None, []))
                first = end
                continue
            run = self._programme(first, greedy, free, rules)
            runs.append(run)
            first = run.end
        self._take(runs, rules)

    def _programme(self, first: int, greedy: list[int], free: list[bool], rules: _Rules) -> _Run:
        """The programme from caption ``first`` (the cascade leaves it at its spoken start)
        to the first caption the cascade leaves so that the programme's best way lets it
        start there too; that way where it breaches less than the cascade."""
        n = len(self.s)
        fronts: list[list[_Plan]] = [[_Plan(0, -_FOREVER, -1, 0, -1, 0, 0, ())]]
        for k in range(first, n):
            front = self._step(k, first, fronts, rules)
            if not front:  # no way within the drift bound: the cascade's, to a free caption
                end = next(j for j in range(k + 1, n + 1) if free[j])
                return _Run(first, end, None, fronts)
            fronts.append(front)
            # free, and the best way lets the next start at its spoken start: no way that
            # delays it could do better after it
            if free[k + 1] and (k + 1 == n or front[0].ready <= self.anchor[k + 1]):
                better = front[0].cost // _BREACH < sum(greedy[first : k + 1])
                return _Run(first, k + 1, front[0] if better else None, fronts)
        raise AssertionError("the last caption is always free")

    def breaches(self, rules: _Rules) -> list[int]:
        """Per caption, how many of its minimum and its reading time (:meth:`keeps`) the
        times give it less than: 0, 1 or 2 (steps 2 and 4 end a caption later into the
        silence after it, up to the next one's start less the minimum gap)."""
        s, e, n = self.s, self.e, len(self.s)
        out = []
        for k in range(n):
            until = s[k + 1] - rules.gap if k + 1 < n else _FOREVER
            shown = min(max(until, e[k]) - s[k], rules.longest)
            need = self.keeps(k, rules.gap)
            out.append((k + 1 < n and e[k] - s[k] < rules.minimum) + (shown < need))
        return out

    def _step(self, k: int, first: int, fronts: list[list[_Plan]], rules: _Rules) -> list[_Plan]:
        """The ways of timing the run's captions up to ``k`` worth keeping: for each cost the
        one that lets the next caption start earliest. Caption ``k`` (or captions ``j``…``k``
        merged, when :func:`_merged_lines` fits them and no hard start or maximum duration
        stands between) starts as early as it may, its spoken start or after the one
        before, never more than :attr:`drift` late; it is shown at least as long as its words
        were spoken (or the minimum, if less), and ends there, at the minimum, or once its
        words are read."""
        anchor, last = self.anchor, k + 1 == len(self.s)
        until = anchor[k + 1] - rules.gap if not last else _FOREVER
        out: list[_Plan] = []
        lines = self.lines[k]
        for j in range(k, max(first, k - _GROUP + 1) - 1, -1):
            if j < k:
                if self.fixed[j + 1] or j in self.runs or k in self.runs:
                    break
                if self.said[k] - anchor[j] > rules.longest:
                    break
                merged = _merged_lines(self.lines[j], lines, rules.options, rules.line_join)
                if merged is None:
                    break
                lines = merged
            spoken_end = max(self.said[k], anchor[j] + 1)
            need = self._needs(anchor[j], lines, k, rules)
            for index, plan in enumerate(fronts[j - first]):
                start = max(anchor[j], plan.ready)
                if start > anchor[j] + self.drift:
                    continue
                least = max(spoken_end, start + 1)
                ends = {least, max(least, start + rules.minimum), max(least, start + need)}
                if last:
                    ends = {max(least, start + rules.minimum, start + need)}
                for end in ends:
                    shown = min(max(until, end) - start, rules.longest)
                    short = shown < rules.minimum and not last
                    cost = (
                        plan.cost
                        + (short + (shown < need)) * _BREACH
                        + (k - j) * _MERGE
                        + short * (rules.minimum - shown)
                    )
                    out.append(_Plan(cost, end + rules.gap, index, j, k, start, end, lines))
        out.sort(key=lambda p: (p.cost, p.ready))
        kept: list[_Plan] = []
        for plan in out:
            if not kept or plan.ready < kept[-1].ready:
                kept.append(plan)
        return kept

    def _needs(self, start: int, lines: tuple[str, ...], k: int, rules: _Rules) -> int:
        """:meth:`keeps` for ``lines`` spoken from ``start`` to the end of caption ``k``."""
        if not self.reading:
            return 0
        need = self.needed(lines)
        room = rules.longest
        if k + 1 < len(self.s):
            room = min(room, self.anchor[k + 1] - rules.gap - start)
        return need if need <= room else 0

    def _take(self, runs: list[_Run], rules: _Rules) -> None:
        """The captions again: each run at the times of its programme's best plan where it
        breaches less (its merges made), else as the cascade left it."""
        kept: list[tuple[int, int, int, int, tuple[str, ...], bool, Sequence[Run] | None, bool]]
        kept = []  # start, end, spoken start and end, lines, fixed start, runs, planned
        for run in runs:
            if run.best is None:
                kept += [
                    (self.s[k], self.e[k], self.anchor[k], self.said[k], self.lines[k],
                     self.fixed[k], self.runs.get(k), False)
                    for k in range(run.first, run.end)
                ]  # fmt: skip
                continue
            groups: list[_Plan] = []
            plan, m = run.best, run.end - run.first
            while m > 0:
                groups.append(plan)
                m = plan.first - run.first
                plan = run.fronts[m][plan.parent]
            kept += [
                (p.start, p.end, self.anchor[p.first], max(self.said[p.first : p.last + 1]),
                 p.lines, self.fixed[p.first], self.runs.get(p.last) if p.first == p.last
                 else None, True)
                for p in reversed(groups)
            ]  # fmt: skip
        self.s = [c[0] for c in kept]
        self.e = [c[1] for c in kept]
        self.anchor = [c[2] for c in kept]
        self.said = [c[3] for c in kept]
        self.lines = [c[4] for c in kept]
        self.fixed = [c[5] for c in kept]
        self.runs = {k: c[6] for k, c in enumerate(kept) if c[6] is not None}
        s, e = self.s, self.e
        for k, c in enumerate(kept[:-1]):  # a caption left short shows until the next starts
            if c[7]:
                e[k] = max(e[k], min(s[k] + rules.minimum, s[k + 1] - rules.gap))

    def lead_room(self, k: int, gap: int) -> int:
        """How much earlier caption ``k`` may start (d): into the silence before it, beyond
        the minimum ``gap`` after the caption before, and at most :attr:`lead` before its
        spoken start (0 without a profile: a caption starts with its first word)."""
        earliest = self.anchor[k] - self.lead
        if k > 0:
            earliest = max(earliest, self.e[k - 1] + gap)
        return max(0, self.s[k] - max(earliest, 0))

    def cascade_room(self, j: int, wanted: int, taken: int, gap: int) -> int:
        """How far (at most ``wanted``) captions ``j``, ``j + 1`` … may all move later, each
        shift absorbed by the silence after it beyond the minimum ``gap``, no start drifting
        past the bound (``taken``: what step (b) already delays caption ``j``'s start by)."""
        s, e, anchor = self.s, self.e, self.anchor
        room = wanted
        absorbed = 0  # silence between caption j and the caption looked at
        extra = taken
        while room > absorbed:
            room = min(room, self.drift - (s[j] + extra - anchor[j]) + absorbed)
            if j + 1 == len(s):
                break
            absorbed += max(0, s[j + 1] - max(e[j], s[j] + extra + self.keeps(j, gap)) - gap)
            extra = 0
            j += 1
        return max(room, 0)

    def shift_from(self, j: int, shift: int, gap: int) -> None:
        """Move caption ``j`` ``shift`` ms later, and those after it as far as they must to
        keep the minimum ``gap`` (a gap already smaller is kept, not widened) and, under a
        reading-speed limit, the time each one's words need (:meth:`keeps`)."""
        s, e = self.s, self.e
        while shift > 0:
            s[j] += shift
            e[j] += shift
            if j + 1 == len(s):
                return
            shift -= max(0, s[j + 1] - gap - max(e[j], s[j] + self.keeps(j, gap)) + shift)
            j += 1

    def merge(self, k: int, options: CaptionOptions, line_join: str) -> int | None:
        """Merge caption ``k`` into the next, else into the one before, when the lines fit
        and no hard start or maximum duration stands between; the merged caption's index,
        or None."""
        for a in (k, k - 1):
            b = a + 1
            if a < 0 or b >= len(self.s) or self.fixed[b] or a in self.runs or b in self.runs:
                continue
            start, end = self.s[a], max(self.e[a], self.e[b])
            limit = options.maximum_caption_duration
            if limit is not None and end - start > limit:
                continue
            lines = _merged_lines(self.lines[a], self.lines[b], options, line_join)
            if lines is None:
                continue
            self.s[a], self.e[a], self.lines[a] = start, end, lines
            self.said[a] = max(self.said[a], self.said[b])
            for column in (self.s, self.e, self.anchor, self.said, self.lines, self.fixed):
                del column[b]
            self.runs = {i - (i > a): r for i, r in self.runs.items() if i not in (a, b)}
            return a
        return None


def _merged_lines(
    first: tuple[str, ...], second: tuple[str, ...], options: CaptionOptions, join: str
) -> tuple[str, ...] | None:
    """The lines of two captions as one, within ``lines_per_caption`` lines of at most
    ``characters_per_caption_line`` graphemes: the lines one after the other, else the
    first's last line and the second's first joined into one, else (in a language written
    with spaces) all their words wrapped anew (:func:`_rewrapped`); None when none fits."""
    most = options.lines_per_caption
    if len(first) + len(second) <= most:
        return first + second
    joined = first[-1] + join + second[0]
    if (
        len(first) + len(second) - 1 <= most
        and grapheme_width(joined) <= options.characters_per_caption_line
    ):
        return (*first[:-1], joined, *second[1:])
    if join == " ":
        return _rewrapped((*first, *second), most, options.characters_per_caption_line)
    return None


def _rewrapped(lines: tuple[str, ...], most: int, width: int) -> tuple[str, ...] | None:
    """The words of ``lines`` in at most ``most`` lines of at most ``width`` graphemes: the
    fewest lines, then no line ending on a word of the no-break-after list where a layout
    without allows, then balanced (least sum of squared widths; a tie goes to the longer
    last line). A speaker marker (``>> NAME:``) stays with the word after it. None when the
    words do not fit."""
    pieces, breakable = _wrap_pieces(lines)
    n = len(pieces)
    widths = [grapheme_width(p) for p in pieces]
    bad = [bool(text_bits(p, TokenKind.WORD) & NO_BREAK) for p in pieces]
    inf = (most + 1, 0, 0)
    # best[j]: (lines, bad ends, sum of squares) of pieces [0, j); back[j]: the last line's start
    best: list[tuple[int, int, int]] = [(0, 0, 0)] + [inf] * n
    back = [0] * (n + 1)
    for j in range(1, n + 1):
        if j < n and not breakable[j - 1]:
            continue
        for i, w in _line_starts(j, widths, breakable, width):
            if best[i] == inf:
                continue
            lines_, bads, squares = best[i]
            candidate = (lines_ + 1, bads + (j < n and bad[j - 1]), squares + w * w)
            if candidate <= best[j]:
                best[j] = candidate
                back[j] = i
    if best[n][0] > most:
        return None
    out: list[str] = []
    j = n
    while j > 0:
        out.append(" ".join(pieces[back[j] : j]))
        j = back[j]
    return tuple(reversed(out))


def _line_starts(
    j: int, widths: list[int], breakable: list[bool], width: int
) -> Iterator[tuple[int, int]]:
    """Each piece ``i`` a line of pieces ``[i, j)`` may start at, nearest first, with that
    line's width: it fits ``width`` (a space between pieces) and a line may end before it."""
    w = -1
    for i in range(j - 1, -1, -1):
        w += widths[i] + 1
        if w > width:
            return
        if i == 0 or breakable[i - 1]:
            yield i, w


def _wrap_pieces(lines: tuple[str, ...]) -> tuple[list[str], list[bool]]:
    """The words of ``lines`` and, for each, whether a line may end after it: not inside a
    speaker marker (``>> NAME:`` stays with the word after it)."""
    pieces: list[str] = []
    breakable: list[bool] = []
    for line in lines:
        words = line.split()
        marker = bool(words) and words[0] == ">>"
        for word in words:
            pieces.append(word)
            breakable.append(not marker)
            if marker and word.endswith(":"):
                marker = False  # the marker ends here; it stays with the next word
    return pieces, breakable


def fewest_bad_line_ends(lines: tuple[str, ...], most: int, width: int) -> int | None:
    """The fewest line ends the layout's rules forbid in any wrap of the words of ``lines``
    into at most ``most`` lines of at most ``width`` graphemes: after a word of the
    no-break-after list (:data:`NO_BREAK`), or between two words kept together
    (:func:`~.breaks_kernel.kept_with_next`: an adjective and its noun, a number and its unit,
    a verb and its negation); the last line's end aside, a speaker marker kept with its
    word as :func:`_rewrapped` keeps it. None when the words fit no such wrap. ``check``
    counts a line end on a list word as forced where this is not 0: every wrap breaks a
    rule the guidelines name."""
    pieces, breakable = _wrap_pieces(lines)
    n = len(pieces)
    widths = [grapheme_width(p) for p in pieces]
    bits = np.array([text_bits(p, TokenKind.WORD) for p in pieces], dtype=np.int32)
    kept = kept_with_next(np.full(n, int(TokenKind.WORD)), np.ones(n, dtype=np.bool_), bits)
    bad = [bool(b & NO_BREAK) or bool(k) for b, k in zip(bits.tolist(), kept, strict=True)]
    never = n + 1
    # fewest[l][j]: the fewest bad ends of pieces [0, j) in exactly l lines
    fewest = [[never] * (n + 1) for _ in range(most + 1)]
    fewest[0][0] = 0
    for count in range(1, most + 1):
        for j in range(1, n + 1):
            if j < n and not breakable[j - 1]:
                continue
            for i, _ in _line_starts(j, widths, breakable, width):
                if fewest[count - 1][i] >= never:
                    continue
                ends = fewest[count - 1][i] + (j < n and bad[j - 1])
                fewest[count][j] = min(fewest[count][j], ends)
    best = min(fewest[count][n] for count in range(1, most + 1)) if n else 0
    return None if best >= never else best


# --- steps 0, 2, 3 --------------------------------------------------------------------------


def _normalise(s: list[int], e: list[int]) -> None:
    previous_end: int | None = None
    for k in range(len(s)):
        if previous_end is not None and s[k] < previous_end:
            s[k] = previous_end
        if e[k] <= s[k]:
            e[k] = s[k] + 1
        previous_end = e[k]


def _close_gaps(s: list[int], e: list[int], interval: int) -> None:
    for k in range(len(s) - 1):
        gap = s[k + 1] - e[k]
        if 0 < gap < interval:
            e[k] = s[k + 1]


def _open_gaps(s: list[int], e: list[int], minimum_gap: int) -> None:
    """Step 3: the earlier caption ends sooner (never under 1 ms). Step 1 has already
    started the next caption late enough for a caption it lengthened to keep its minimum
    length and this gap, so this never takes one under the minimum it reached."""
    for k in range(len(s) - 1):
        if s[k + 1] - e[k] < minimum_gap:
            e[k] = max(s[k] + 1, min(e[k], s[k + 1] - minimum_gap))


# --- step 4: maximum_characters_per_second, maximum_words_per_minute -----------------------

_WORD = regex.compile(r"[\p{L}\p{N}]")  # a word holds a letter or a digit


def reading_characters(lines: tuple[str, ...]) -> int:
    """The characters a reader reads in a caption: grapheme clusters of its lines, line
    breaks not counted (spaces and punctuation are)."""
    return sum(grapheme_width(line) for line in lines)


def reading_words(lines: tuple[str, ...]) -> int:
    """The words a reader reads in a caption: its whitespace-separated pieces that hold a
    letter or a digit (a lone dash or ``♪`` is not a word)."""
    return sum(1 for line in lines for piece in line.split() if _WORD.search(piece))


@dataclass(frozen=True, slots=True)
class ReadingLimits:
    """The reading speed a caption must keep to: characters per second, words per minute
    (either may be off)."""

    cps: int | None
    wpm: int | None

    def __bool__(self) -> bool:
        return bool(self.cps or self.wpm)

    def needed_ms(self, lines: tuple[str, ...]) -> int:
        """The shortest time ``lines`` can be shown within both limits."""
        needed = 0
        if self.cps:
            needed = -(-reading_characters(lines) * 1000 // self.cps)
        if self.wpm:
            needed = max(needed, -(-reading_words(lines) * 60_000 // self.wpm))
        return needed

    def __str__(self) -> str:
        shown = [f"{self.cps} cps" if self.cps else "", f"{self.wpm} wpm" if self.wpm else ""]
        return " or ".join(part for part in shown if part)


def _slow_down(s: list[int], e: list[int], needed: list[int], options: CaptionOptions) -> None:
    """End each caption shown for less than it ``needed`` (:meth:`ReadingLimits.needed_ms`)
    later, into the silence after it: up to the next caption's start less the minimum gap,
    and within ``maximum_caption_duration``."""
    gap = options.minimum_gap_between_captions_ms or 0
    longest = options.maximum_caption_duration
    last = len(s) - 1
    for k in range(len(s)):
        end = s[k] + needed[k]
        if end <= e[k]:
            continue
        if k < last:
            end = min(end, s[k + 1] - gap)
        if longest is not None:
            end = min(end, s[k] + longest)
        e[k] = max(e[k], end)


def _warn_if_too_fast(
    captions: Sequence[Caption], limits: ReadingLimits, needed: dict[tuple[str, ...], int]
) -> None:
    """The one warning line for the captions the speech leaves too fast to read (``needed``:
    the times step 4 measured, by lines; only the pieces step 5 cut are measured anew)."""
    fast = 0
    for c in captions:
        time = needed.get(c.lines)
        if time is None:
            time = limits.needed_ms(c.lines)
        fast += c.end - c.start < time
    if fast:
        warnings.warn(
            f"{fast} of {len(captions)} captions read faster than {limits}; "
            "the speech leaves no room",
            LayoutWarning,
            stacklevel=3,
        )


# --- step 5: maximum_caption_duration --------------------------------------------------------


def _split_long_captions(
    captions: list[Caption],
    maximum_ms: int,
    spoken_end: Sequence[int],
    runs_of: Mapping[int, Sequence[Run]],
    gap_ms: int,
) -> list[Caption]:
    """No caption lasts longer than ``maximum_ms`` (see the module doc)."""
    out: list[Caption] = []
    for k, cap in enumerate(captions):
        if cap.end - cap.start <= maximum_ms:
            out.append(cap)
            continue
        if cap.start + maximum_ms >= min(spoken_end[k], cap.end):
            out.append(Caption(cap.start, cap.start + maximum_ms, cap.lines))
            continue
        runs = runs_of.get(k)
        if runs is None:
            runs = [
                Run(i, word, True) for i, line in enumerate(cap.lines) for word in line.split(" ")
            ]
        out.extend(_split(cap, runs, maximum_ms, gap_ms))
    return out


def _split(cap: Caption, runs: Sequence[Run], maximum_ms: int, gap_ms: int) -> list[Caption]:
    """``cap`` in the fewest pieces of at most ``maximum_ms``, cut between runs where they
    were spoken, balanced by time; by characters when the runs' times are not known (see
    the module doc)."""
    starts_at = _spoken_starts(cap, runs)
    if starts_at is None:
        return _split_evenly(cap, runs, maximum_ms, gap_ms)
    words = list(range(len(runs)))
    line_starts = [i for i in words if i == 0 or runs[i].line != runs[i - 1].line]
    for gap in dict.fromkeys((gap_ms, 0)):
        by_word = _plan([starts_at[i] for i in words], cap, maximum_ms, gap)
        if by_word is None:
            continue
        atoms, plan = words, by_word
        if len(line_starts) > 1:  # at line boundaries when as few pieces do
            by_line = _plan([starts_at[i] for i in line_starts], cap, maximum_ms, gap)
            if by_line is not None and len(by_line) == len(by_word):
                atoms, plan = line_starts, by_line
        return _pieces(cap, runs, atoms, plan, starts_at, maximum_ms, gap)
    return _split_evenly(cap, runs, maximum_ms, gap_ms)


def _spoken_starts(cap: Caption, runs: Sequence[Run]) -> list[int] | None:
    """Each run's spoken start, within the caption's time and never going back; None when a
    run's time is not known."""
    if any(r.start < 0 for r in runs):
        return None
    out: list[int] = []
    t = cap.start
    for r in runs:
        t = min(max(t, r.start), cap.end)
        out.append(t)
    return out


def _split_evenly(cap: Caption, runs: Sequence[Run], maximum_ms: int, gap_ms: int) -> list[Caption]:
    """Without word times: as few pieces of equal time as keep each within the maximum,
    each holding about an equal share of the characters (at line boundaries when there are
    enough lines), so the time goes by characters."""
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


def _plan(
    cut_at: list[int], cap: Caption, maximum_ms: int, gap: int
) -> list[tuple[int, int]] | None:
    """The pieces [i, j) of atoms starting at ``cut_at``: fewest first, then least sum of
    squared durations. Piece [i, j) runs from its first atom's start (the caption's start
    for the first) to the next piece's start less ``gap`` (the caption's end for the last);
    it must last at least 1 ms, and at most ``maximum_ms`` unless it is one atom."""
    n = len(cut_at)
    c = [cap.start, *cut_at[1:], cap.end + gap]

    def length(i: int, j: int) -> int:
        return c[j] - gap - c[i]

    if n > _DP_ATOMS:  # greedy: each piece as long as it may be
        plan: list[tuple[int, int]] = []
        i = 0
        while i < n:
            j = i + 1
            while j < n and length(i, j + 1) <= maximum_ms:
                j += 1
            if length(i, j) < 1:
                return None
            plan.append((i, j))
            i = j
        return plan
    inf = (n + 1, 0)
    best: list[tuple[int, int]] = [(0, 0)] + [inf] * n
    back = [0] * (n + 1)
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            d = length(i, j)
            if d > maximum_ms and i < j - 1:
                break  # longer still for smaller i
            if d < 1 or best[i] == inf:
                continue
            candidate = (best[i][0] + 1, best[i][1] + d * d)
            if candidate < best[j]:
                best[j] = candidate
                back[j] = i
    if best[n] == inf:
        return None
    plan = []
    j = n
    while j > 0:
        plan.append((back[j], j))
        j = back[j]
    plan.reverse()
    return plan


def _pieces(
    cap: Caption,
    runs: Sequence[Run],
    atoms: list[int],
    plan: list[tuple[int, int]],
    starts_at: list[int],
    maximum_ms: int,
    gap: int,
) -> list[Caption]:
    bounds = [*atoms, len(runs)]
    out: list[Caption] = []
    for g, (lo, hi) in enumerate(plan):
        start = cap.start if g == 0 else starts_at[atoms[lo]]
        end = cap.end if hi == len(atoms) else starts_at[atoms[hi]] - gap
        end = min(end, start + maximum_ms)  # one atom spoken for longer: it ends sooner
        out.append(Caption(start, end, join_runs(runs[bounds[lo] : bounds[hi]])))
    return out


# The compiled steps 0 and 2 (in the layout kernel's module), or the pure twin above.
_compiled: Any = kernels.compiled("_layout")
_closed: Callable[..., list[Caption]] = (
    _compiled.closed_captions if _compiled is not None else closed_captions
)
