"""``elementlist.check``: one caption file (or a Captions value) against one profile."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from ..captions.value import Captions
from ..document.decode import load
from ..document.model import ElementList
from ..profiles import DEFAULT_PROFILE, Profile, get_profile
from .checks import (
    cue_breaches,
    fewest_short,
    forced_bad_line_breaks,
    reading_speed,
    unavoidably_fast,
)
from .cues import Cue, names_a_path, read_cues
from .lines import lines_of
from .report import CODES, Breach, Distribution, QualityReport, SpokenWord, Summary
from .speech import align, speaker_names, spoken_words

CaptionsInput = Captions | str | bytes | os.PathLike[str]


def _cues_of(
    captions: CaptionsInput, format: str | None, name: str | None
) -> tuple[list[Cue], str]:
    if isinstance(captions, Captions):
        cues = [
            Cue(k, c.start, c.end, lines_of("\n".join(c.lines))) for k, c in enumerate(captions, 1)
        ]
        return cues, name or "<captions>"
    if isinstance(captions, os.PathLike):
        shown = name or os.fspath(captions)
    elif isinstance(captions, str) and names_a_path(captions):
        shown = name or captions
    else:
        shown = name or "<captions>"
    return read_cues(captions, format, name=shown), shown


def _source_of(source: Any) -> ElementList:
    return source if isinstance(source, ElementList) else load(source)


def _ordered(breaches: list[Breach]) -> tuple[Breach, ...]:
    rank = {code: k for k, code in enumerate(CODES)}
    indexed = sorted(enumerate(breaches), key=lambda kb: (kb[1].cue, rank[kb[1].code], kb[0]))
    return tuple(b for _k, b in indexed)


def _summary(
    cues: list[Cue],
    breaches: tuple[Breach, ...],
    profile: Profile,
    unavoidable: set[int],
    first: dict[int, int],
) -> Summary:
    shown = [c for c in cues if c.lines]
    speeds = [s for c in shown if (s := reading_speed(c, profile)) is not None]
    durations = [float(c.duration_ms) for c in shown]
    gaps: list[float] = []
    latest_end: int | None = None
    for cue in shown:
        if latest_end is not None and cue.start_ms >= latest_end:
            gaps.append(float(cue.start_ms - latest_end))
        latest_end = cue.end_ms if latest_end is None else max(latest_end, cue.end_ms)
    breaching = {b.cue for b in breaches}
    counts = Counter(b.code for b in breaches)
    too_fast = {b.cue for b in breaches if b.code == "TOO-FAST"}
    too_short = {b.cue for b in breaches if b.code == "TOO-SHORT"}
    return Summary(
        cues=len(cues),
        reading_unit=profile.reading_speed.unit if profile.reading_speed else "cps",
        reading_speed=Distribution.of(speeds),
        duration_ms=Distribution.of(durations),
        gap_ms=Distribution.of(gaps),
        within_profile=round(1 - len(breaching) / len(cues), 4) if cues else 1.0,
        breaches={code: counts[code] for code in CODES if counts[code]},
        too_fast_unavoidable=len(too_fast & unavoidable),
        too_short_unavoidable=fewest_short(cues, profile, first, most=len(too_short)),
        bad_line_break_unavoidable=forced_bad_line_breaks(shown, profile)
        if counts["BAD-LINE-BREAK"]
        else 0,
    )


def _limits(profile: Profile) -> dict[str, float | None]:
    return {
        "reading_speed": profile.reading_speed.limit if profile.reading_speed else None,
        "minimum_duration_ms": profile.minimum_duration_ms,
        "maximum_duration_ms": profile.maximum_duration_ms,
    }


def check(
    captions_or_path: CaptionsInput,
    profile: str | Profile = DEFAULT_PROFILE,
    source: ElementList | Any = None,
    *,
    format: str | None = None,
    name: str | None = None,
) -> QualityReport:
    """Check caption cues against a broadcast profile (docs/check.md).

    ``captions_or_path``: a :class:`~elementlist.Captions` value, a path (``os.PathLike``
    or a one-line ``str`` that is no markup), or a caption file's text or bytes in SRT,
    WebVTT, SBV, DFXP/TTML, SAMI or SCC (``format`` names it; found from the text otherwise).
    ``profile``: ``netflix-en`` (default), ``netflix-en-kids``, ``bbc``, ``dcmp``,
    ``cea608``, or a :class:`~elementlist.quality.Profile`. ``source``: the ElementList the
    captions were made from (or anything :func:`elementlist.load` takes), for the
    OUT-OF-SYNC, MISSING-WORDS and EXTRA-WORDS checks. ``name`` names the file in the report.

    Errors: an unknown profile or format is an :class:`~elementlist.OptionError`; a file
    that is not a caption file we read is an :class:`~elementlist.ElementListError`; a path
    that cannot be read raises ``OSError``.
    """
    p = get_profile(profile)
    cues, shown = _cues_of(captions_or_path, format, name)
    found = cue_breaches(cues, p)
    spoken: list[SpokenWord] = []
    first: dict[int, int] = {}
    if source is not None:
        doc = _source_of(source)
        spoken = spoken_words(doc)
        alignment = align(cues, spoken, p, speaker_names(doc))
        found += alignment.breaches
        first = alignment.first_spoken
    breaches = _ordered(found)
    summary = _summary(cues, breaches, p, unavoidably_fast(cues, p, first), first)
    return QualityReport(
        file=shown,
        profile=p.name,
        breaches=breaches,
        summary=summary,
        cues=tuple(cues),
        spoken=tuple(spoken),
        limits=_limits(p),
    )


__all__ = ["check"]
