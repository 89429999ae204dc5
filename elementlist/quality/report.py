"""What ``check`` finds in one caption file: each :class:`Breach` of the profile, and a
:class:`Summary` (cue count, distributions, the share of cues within the profile).
:meth:`QualityReport.to_dict` is the JSON of ``elementlist check --json`` (docs/check.md)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .cues import Cue

# The stable codes, in the order a cue's breaches are listed.
CODES = (
    "EMPTY-CUE",
    "OUT-OF-ORDER",
    "OVERLAP",
    "GAP-TOO-SMALL",
    "TOO-SHORT",
    "TOO-LONG",
    "TOO-MANY-LINES",
    "LINE-TOO-LONG",
    "BAD-LINE-BREAK",
    "TOO-FAST",
    "OUT-OF-SYNC",
    "MISSING-WORDS",
    "EXTRA-WORDS",
)


@dataclass(frozen=True, slots=True)
class Breach:
    """One breach of the profile by one cue (``cue`` is its number in the file, from 1)."""

    code: str
    cue: int
    start_ms: int
    end_ms: int
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "cue": self.cue,
            "start_ms": self.start_ms,
            "end_ms": self.end_ms,
            "message": self.message,
        }

    def __str__(self) -> str:
        return f"cue {self.cue} ({_clock(self.start_ms)}): {self.code}: {self.message}"


def _clock(ms: int) -> str:
    sign = "-" if ms < 0 else ""
    ms = abs(ms)
    hours, minutes, seconds = ms // 3_600_000, ms // 60_000 % 60, ms // 1000 % 60
    return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}.{ms % 1000:03d}"


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` percentile (0–100) of ``values``, interpolated between the two nearest
    ranks (numpy's default, "linear")."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True, slots=True)
class Distribution:
    """Median, 95th percentile and maximum of a measure over a file's cues (0 when none)."""

    median: float
    p95: float
    max: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Distribution:
        if not values:
            return cls(0.0, 0.0, 0.0)
        return cls(
            round(percentile(values, 50), 2),
            round(percentile(values, 95), 2),
            round(float(max(values)), 2),
        )

    def to_dict(self) -> dict[str, float]:
        return {"median": self.median, "p95": self.p95, "max": self.max}


@dataclass(frozen=True, slots=True)
class Summary:
    """A file's numbers. ``reading_speed`` is in ``reading_unit`` (the profile's: ``cps``
    or ``wpm``); ``gap_ms`` is over the gaps between cues that follow one another without
    overlap; ``within_profile`` is the share (0–1) of cues without any breach;
    ``too_fast_unavoidable`` counts the TOO-FAST cues whose words could not be shown slowly
    enough even held from their first word until the next cue's, ``too_short_unavoidable``
    the fewest cues that must be TOO-SHORT however the time is shared within the profile's
    sync window (at most the TOO-SHORT found), ``bad_line_break_unavoidable`` the
    BAD-LINE-BREAK breaches no wrap of their cue's words within the profile's lines could
    avoid (docs/check.md)."""

    cues: int
    reading_unit: str
    reading_speed: Distribution
    duration_ms: Distribution
    gap_ms: Distribution
    within_profile: float
    breaches: dict[str, int]
    too_fast_unavoidable: int
    too_short_unavoidable: int = 0
    bad_line_break_unavoidable: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "cues": self.cues,
            "reading_unit": self.reading_unit,
            "reading_speed": self.reading_speed.to_dict(),
            "duration_ms": self.duration_ms.to_dict(),
            "gap_ms": self.gap_ms.to_dict(),
            "within_profile": self.within_profile,
            "breaches": dict(self.breaches),
            "too_fast_unavoidable": self.too_fast_unavoidable,
            "too_short_unavoidable": self.too_short_unavoidable,
            "bad_line_break_unavoidable": self.bad_line_break_unavoidable,
        }


@dataclass(frozen=True, slots=True)
class SpokenWord:
    """A word of the source ElementList and its times (for the report's timeline)."""

    text: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class QualityReport:
    """The check of one caption file against one profile."""

    file: str
    profile: str
    breaches: tuple[Breach, ...]
    summary: Summary
    cues: tuple[Cue, ...] = field(default=(), repr=False)
    spoken: tuple[SpokenWord, ...] = field(default=(), repr=False)  # with a source only
    limits: dict[str, float | None] = field(default_factory=dict, repr=False)

    @property
    def passed(self) -> bool:
        """True when no cue breaches the profile."""
        return not self.breaches

    def codes(self) -> list[tuple[str, int]]:
        """(code, cue) of every breach, in order."""
        return [(b.code, b.cue) for b in self.breaches]

    def to_dict(self) -> dict[str, Any]:
        """``{"file", "profile", "violations": [...], "summary": {...}}``."""
        return {
            "file": self.file,
            "profile": self.profile,
            "violations": [b.to_dict() for b in self.breaches],
            "summary": self.summary.to_dict(),
        }


__all__ = [
    "CODES",
    "Breach",
    "Distribution",
    "QualityReport",
    "SpokenWord",
    "Summary",
    "percentile",
]
