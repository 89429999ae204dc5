"""The checks of each cue against a profile, from the file alone (the checks against the
spoken words are :mod:`.speech`). docs/check.md says what each code means.

Widths are grapheme clusters, as the layout counts them
(:func:`~elementlist.captions.word_facts.grapheme_width`); a line should not end on a word
of ``data/no_break_after.txt``, the list the layout avoids breaking after
(:func:`~elementlist.captions.word_facts.text_bits`). A cue that shows nothing is only
``EMPTY-CUE``: it takes no part in the other checks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..captions.timing import fewest_bad_line_ends, reading_characters, reading_words
from ..captions.word_facts import NO_BREAK, grapheme_width, text_bits
from ..document.vocabulary import TokenKind
from ..profiles import Profile
from .cues import Cue
from .report import Breach


def characters(cue: Cue) -> int:
    """The characters a viewer reads: every line's grapheme clusters, spaces and
    punctuation included, line breaks not counted (Netflix counts them so); the layout's
    own count, so what it times is what is checked."""
    return reading_characters(cue.lines)


def words(cue: Cue) -> int:
    """The words of a cue: its whitespace-separated pieces that hold a letter or a digit
    (the layout's own count)."""
    return reading_words(cue.lines)


def reading_speed(cue: Cue, profile: Profile, duration_ms: int | None = None) -> float | None:
    """The cue's speed in the profile's unit (cps without one); None for no duration."""
    duration = cue.duration_ms if duration_ms is None else duration_ms
    if duration <= 0:
        return None
    unit = profile.reading_speed.unit if profile.reading_speed else "cps"
    if unit == "wpm":
        return words(cue) * 60_000 / duration
    return characters(cue) * 1000 / duration


def load_pairs(cue: Cue) -> int:
    """Byte pairs a CEA-608 pop-on caption takes to send: the fixed codes, a doubled PAC per
    row and the text two characters a pair (scc.md 2.4's count)."""
    assert cue.lines
    return 6 + 2 * len(cue.lines) + sum(math.ceil(grapheme_width(line) / 2) for line in cue.lines)


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f} s"


def _speed(value: float, unit: str) -> str:
    return f"{value:.1f} {unit}"


@dataclass(slots=True)
class _Context:
    profile: Profile
    out: list[Breach]

    def add(self, code: str, cue: Cue, message: str) -> None:
        self.out.append(Breach(code, cue.number, cue.start_ms, cue.end_ms, message))


def _order(ctx: _Context, cues: Sequence[Cue]) -> None:
    """OUT-OF-ORDER, OVERLAP and GAP-TOO-SMALL against the cues before (file order)."""
    p = ctx.profile
    previous: Cue | None = None  # the cue just before
    latest: Cue | None = None  # the cue before that ends last
    for cue in cues:
        if previous is not None and latest is not None:
            if cue.start_ms < previous.start_ms:
                ctx.add(
                    "OUT-OF-ORDER",
                    cue,
                    f"starts at {_seconds(cue.start_ms)}, before cue {previous.number} "
                    f"({_seconds(previous.start_ms)})",
                )
            elif cue.start_ms < latest.end_ms:
                ctx.add(
                    "OVERLAP",
                    cue,
                    f"starts at {_seconds(cue.start_ms)}, while cue {latest.number} is shown "
                    f"(until {_seconds(latest.end_ms)})",
                )
            elif p.minimum_gap_ms is not None:
                gap = cue.start_ms - latest.end_ms
                closed = gap == 0 and p.gap_may_be_closed
                if gap < p.minimum_gap_ms and not closed:
                    rule = " (or none)" if p.gap_may_be_closed else ""
                    ctx.add(
                        "GAP-TOO-SMALL",
                        cue,
                        f"{gap} ms after cue {latest.number}, under the {p.minimum_gap_ms} ms "
                        f"minimum{rule}",
                    )
        previous = cue
        if latest is None or cue.end_ms > latest.end_ms:
            latest = cue


def _duration(ctx: _Context, cue: Cue) -> None:
    p = ctx.profile
    duration = cue.duration_ms
    minimum = p.minimum_duration_ms or 0
    if duration < minimum or duration <= 0:
        shown = "ends before it starts" if duration < 0 else f"shown {duration} ms"
        floor = f"the {minimum} ms minimum" if minimum else "1 ms"
        ctx.add("TOO-SHORT", cue, f"{shown}, under {floor}")
    if p.maximum_duration_ms is not None and duration > p.maximum_duration_ms:
        ctx.add(
            "TOO-LONG",
            cue,
            f"shown {_seconds(duration)}, over the {_seconds(p.maximum_duration_ms)} maximum",
        )


def _lines(ctx: _Context, cue: Cue) -> None:
    p = ctx.profile
    if len(cue.lines) > p.lines:
        ctx.add("TOO-MANY-LINES", cue, f"{len(cue.lines)} lines, over the {p.lines} line maximum")
    for number, line in enumerate(cue.lines, 1):
        width = grapheme_width(line)
        if width > p.characters_per_line:
            ctx.add(
                "LINE-TOO-LONG",
                cue,
                f"line {number} has {width} characters, over {p.characters_per_line}",
            )
    if p.line_break_rules:
        for number, line in enumerate(cue.lines[:-1], 1):
            last = line.split()[-1]
            if text_bits(last, TokenKind.WORD) & NO_BREAK:
                ctx.add(
                    "BAD-LINE-BREAK",
                    cue,
                    f"line {number} ends on {last!r}, a word a line should not end on",
                )


def _speed_breach(ctx: _Context, cue: Cue, cues: Sequence[Cue], index: int) -> None:
    p = ctx.profile
    if p.reading_speed is not None:
        speed = reading_speed(cue, p)
        limit, unit = p.reading_speed.limit, p.reading_speed.unit
        if speed is not None and speed > limit:
            count = f"{words(cue)} words" if unit == "wpm" else f"{characters(cue)} characters"
            ctx.add(
                "TOO-FAST",
                cue,
                f"{_speed(speed, unit)}, over {limit} {unit} ({count} in "
                f"{_seconds(cue.duration_ms)})",
            )
    if p.load_time is not None:
        previous = next((c for c in reversed(cues[:index]) if c.lines), None)
        since = cue.start_ms - (previous.start_ms if previous is not None else 0)
        frames = math.floor(max(0, since) * p.load_time.rate / 1000)
        needed = load_pairs(cue)
        if needed > frames:
            after = f"cue {previous.number}" if previous is not None else "the start"
            ctx.add(
                "TOO-FAST",
                cue,
                f"needs {needed} frames to load on line 21 (one byte pair a frame), has "
                f"{frames} since {after}",
            )


def cue_breaches(cues: Sequence[Cue], profile: Profile) -> list[Breach]:
    """Every breach of ``profile`` the file alone shows, ordered by cue (a cue's in the
    order of :data:`~.report.CODES`)."""
    ctx = _Context(profile, [])
    shown = [c for c in cues if c.lines]
    for cue in cues:
        if not cue.lines:
            ctx.add("EMPTY-CUE", cue, "the cue shows no text")
    _order(ctx, shown)
    for index, cue in enumerate(shown):
        _duration(ctx, cue)
        _lines(ctx, cue)
        _speed_breach(ctx, cue, shown, index)
    return ctx.out


def unavoidably_fast(
    cues: Sequence[Cue], profile: Profile, spoken_start: Mapping[int, int] | None = None
) -> set[int]:
    """The numbers of the cues over the reading speed even if shown from their first
    spoken word (``spoken_start``: cue number → ms; the cue's start where not given) until
    the next cue's first word, less the minimum gap, and no longer than the maximum
    duration: the speech itself is too fast for them. CEA-608 load-time breaches are counted
    the same way, on the first words' times."""
    p = profile
    starts = spoken_start or {}
    shown = [c for c in cues if c.lines]
    out: set[int] = set()
    gap = 0 if p.gap_may_be_closed or p.minimum_gap_ms is None else p.minimum_gap_ms
    for index, cue in enumerate(shown):
        begin = starts.get(cue.number, cue.start_ms)
        following = shown[index + 1] if index + 1 < len(shown) else None
        stop: int | None = None
        if following is not None:
            stop = starts.get(following.number, following.start_ms) - gap
        if p.maximum_duration_ms is not None:
            cap = begin + p.maximum_duration_ms
            stop = cap if stop is None else min(stop, cap)
        if p.reading_speed is not None and stop is not None:
            speed = reading_speed(cue, p, stop - begin)
            if speed is None or speed > p.reading_speed.limit:
                out.add(cue.number)
        if p.load_time is not None:
            previous = shown[index - 1] if index > 0 else None
            since = begin - (starts.get(previous.number, previous.start_ms) if previous else 0)
            if load_pairs(cue) > math.floor(max(0, since) * p.load_time.rate / 1000):
                out.add(cue.number)
    return out


def forced_bad_line_breaks(cues: Sequence[Cue], profile: Profile) -> int:
    """How many of the BAD-LINE-BREAK breaches no wrap could avoid: per cue, the fewest
    lines ending on a no-break-after word in any wrap of its words within the profile's
    lines and characters per line (:func:`~elementlist.captions.timing.fewest_bad_line_ends`,
    a speaker marker kept with its word), at most the breaches found in it; a cue whose
    words fit no wrap at all counts all of its own. Only a different cut between captions
    could avoid these (``>> Speaker 2: Final steps before | they begin the space walk.`` in
    32 columns)."""
    if not profile.line_break_rules:
        return 0
    out = 0
    for cue in cues:
        if len(cue.lines) < 2:
            continue
        found = sum(
            1 for line in cue.lines[:-1] if text_bits(line.split()[-1], TokenKind.WORD) & NO_BREAK
        )
        if found:
            fewest = fewest_bad_line_ends(cue.lines, profile.lines, profile.characters_per_line)
            out += found if fewest is None else min(found, fewest)
    return out


def fewest_short(
    cues: Sequence[Cue],
    profile: Profile,
    spoken_start: Mapping[int, int] | None = None,
    most: int | None = None,
) -> int:
    """The fewest cues that must be shorter than the minimum duration, whatever their
    times, when every cue starts within the profile's sync window of its first spoken word
    (:attr:`~elementlist.profiles.Profile.sync_window_ms`; ``spoken_start`` as in
    :func:`unavoidably_fast`, the cue's start where not given), in order, the minimum gap
    apart (a cue that keeps its minimum lasts it; one that is short shows until the next
    one's words may begin, at least 1 ms). A run of
    cues spoken faster than one a minimum (dense speech under ``dcmp``'s 2 s) forces some to
    be short however the time is shared; this counts how many, not which. ``most`` bounds
    the count (the TOO-SHORT cues found: no more than those can be forced). The last cue
    may always last the minimum (silence follows it)."""
    p = profile
    minimum = p.minimum_duration_ms
    shown = [c for c in cues if c.lines]
    if not minimum or not shown:
        return 0
    top = len(shown) if most is None else min(most, len(shown))
    starts = spoken_start or {}
    early, late = p.sync_window_ms
    gap = 0 if p.gap_may_be_closed or p.minimum_gap_ms is None else p.minimum_gap_ms
    never = 1 << 62
    # the states worth keeping: (c, the earliest the cues so far can end with c of them
    # short), c rising and the end falling (a state with more short cues and no earlier end
    # is never better), so a run of cues with room between them collapses to one state
    front: list[tuple[int, int]] = [(0, -never)]
    firsts = [starts.get(c.number, c.start_ms) for c in shown]
    for k, first in enumerate(firsts):
        # a short cue still shows until the next one's words may begin
        held = firsts[k + 1] - early - gap if k + 1 < len(firsts) else first
        earliest, latest = max(first - early, 0), first + late
        ends: dict[int, int] = {}
        for c, end in front:
            begin = max(earliest, end + gap)
            if begin > latest:
                continue
            if begin + minimum < ends.get(c, never):  # this cue keeps the minimum
                ends[c] = begin + minimum
            short = max(begin + 1, min(held, begin + minimum - 1))
            if c < top and short < ends.get(c + 1, never):  # this cue is short
                ends[c + 1] = short
        if not ends:  # no start in the window: count this one short, go on
            ends = {min(front[0][0] + 1, top): latest + 1}
        front = []
        for c in sorted(ends):
            if not front or ends[c] < front[-1][1]:
                front.append((c, ends[c]))
    return front[0][0]


__all__ = [
    "characters",
    "cue_breaches",
    "fewest_short",
    "forced_bad_line_breaks",
    "load_pairs",
    "reading_speed",
    "unavoidably_fast",
    "words",
]
