"""The broadcast caption profiles: the published numbers of each guideline, as typed values.

Every number comes from ``shared/reference/quality-profiles.md`` (the guideline pages it
names) or, for ``cea608``, from ``shared/reference/scc.md``; the comment beside it says
where. Times a guideline states in frames are kept in frames, with the frame rate it
states, and turned into whole milliseconds rounded down (so a cue of exactly the stated
number of frames, written in whole ms, meets the limit). docs/check.md lists them.

:func:`profile_caption_options` gives the :class:`~elementlist.CaptionOptions` values a
profile sets, for the layout's ``caption_profile`` option.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Literal

from .errors import OptionError

ReadingUnit = Literal["cps", "wpm"]

FILM = Fraction(24)  # frames per second of the Netflix numbers given "@24"
NTSC = Fraction(30000, 1001)  # 29.97: CEA-608 / SCC


@dataclass(frozen=True, slots=True)
class Frames:
    """A time a guideline states in frames, at the frame rate it states."""

    count: int
    rate: Fraction

    @property
    def ms(self) -> int:
        """The time in whole milliseconds, rounded down."""
        return math.floor(Fraction(self.count * 1000) / self.rate)


@dataclass(frozen=True, slots=True)
class Seconds:
    """A time a guideline states in seconds."""

    value: Fraction

    @property
    def ms(self) -> int:
        """The time in whole milliseconds, rounded down."""
        return math.floor(self.value * 1000)


Time = Frames | Seconds

LOOSEST_SYNC_MS = 1500
"""The loosest sync tolerance the guidelines publish: BBC §5.2, "don't anticipate or hang
more than 1.5 s". A profile that states no sync number (``dcmp``, ``cea608``) is held to the
window our layout keeps without one (:attr:`Profile.sync_window_ms`): a cue starts no earlier
than its first word, and no later than this after it."""


@dataclass(frozen=True, slots=True)
class ReadingSpeed:
    """At most ``limit`` characters per second (``cps``) or words per minute (``wpm``)."""

    limit: int
    unit: ReadingUnit


@dataclass(frozen=True, slots=True)
class LoadTime:
    """CEA-608 bandwidth: a pop-on caption is sent one byte pair per frame into the hidden
    buffer between the previous caption's display and its own (scc.md 2.2, 2.4)."""

    rate: Fraction = NTSC
    fixed_pairs: int = 6  # RCL RCL ENM ENM … EOC EOC (scc.md 2.4, ttconv's order)
    pairs_per_row: int = 2  # a PAC, doubled, before each row (scc.md 2.4)


@dataclass(frozen=True, slots=True)
class Profile:
    """What one guideline asks of every caption. ``None``: the guideline states no number,
    and that check is not made."""

    name: str
    title: str
    characters_per_line: int
    lines: int
    reading_speed: ReadingSpeed | None
    minimum_duration: Time | None
    maximum_duration_ms: int | None
    minimum_gap: Time | None
    gap_may_be_closed: bool  # a gap of 0 (captions that abut) meets the minimum gap
    close_gaps_below: Time | None  # gaps shorter than this are closed (timing style)
    sync_tolerance: Time | None  # cue start vs its first spoken word, either way
    line_break_rules: bool  # the guideline forbids ending a line on a function word
    load_time: LoadTime | None = None

    @property
    def minimum_duration_ms(self) -> int | None:
        return None if self.minimum_duration is None else self.minimum_duration.ms

    @property
    def minimum_gap_ms(self) -> int | None:
        return None if self.minimum_gap is None else self.minimum_gap.ms

    @property
    def sync_tolerance_ms(self) -> int | None:
        return None if self.sync_tolerance is None else self.sync_tolerance.ms

    @property
    def sync_window_ms(self) -> tuple[int, int]:
        """How far (ms) a cue may start before and after its first spoken word: the stated
        tolerance either way; where the guideline states none, the window our layout keeps
        without one: never before the word, at most :data:`LOOSEST_SYNC_MS` after it. What
        ``check`` counts as a minimum duration the speech forces is measured within it (no
        ``OUT-OF-SYNC`` is reported where no number is stated)."""
        tolerance = self.sync_tolerance_ms
        return (0, LOOSEST_SYNC_MS) if tolerance is None else (tolerance, tolerance)


NETFLIX_EN = Profile(
    name="netflix-en",
    title="Netflix English (USA), adult programmes",
    # "42 incl. spaces and punctuation", 2 lines: Netflix English (USA), art. 217350977
    characters_per_line=42,
    lines=2,
    # adults 20 cps: art. 217350977 (quoted; the English Template, art. 219375728, says
    # 17 cps / 200 wpm — the reference's built-in list takes 20)
    reading_speed=ReadingSpeed(20, "cps"),
    # 5/6 s = 20 frames @24: Netflix general, art. 215758617 (25 fr @29.97 in art. 219375728)
    minimum_duration=Frames(20, FILM),
    # 7 s: Netflix general, art. 215758617
    maximum_duration_ms=7000,
    # 2 frames at any frame rate (stated here at 24): Netflix general, art. 215758617
    minimum_gap=Frames(2, FILM),
    gap_may_be_closed=False,
    # "gaps ≤ 12 frames (24 fps) closed to 2 frames": Netflix general, art. 215758617
    close_gaps_below=Frames(12, FILM),
    # in-time within 3 frames (the older text; the newer says on the first audio frame):
    # Netflix general, art. 215758617
    sync_tolerance=Frames(3, FILM),
    # never split article–noun, adjective–noun, …: Netflix general, art. 215758617
    line_break_rules=True,
)

NETFLIX_EN_KIDS = replace(
    NETFLIX_EN,
    name="netflix-en-kids",
    title="Netflix English (USA), children's programmes",
    # children 17 cps: Netflix English (USA), art. 217350977 (quoted; the Template says 13);
    # everything else as for adults
    reading_speed=ReadingSpeed(17, "cps"),
)

BBC = Profile(
    name="bbc",
    title="BBC Subtitle Guidelines v1.2.5 (broadcast)",
    # 37 characters (broadcast/Teletext), 2 lines: BBC Subtitle Guidelines v1.2.5
    characters_per_line=37,
    lines=2,
    # 160–180 wpm, the top of the range: BBC Subtitle Guidelines v1.2.5
    reading_speed=ReadingSpeed(180, "wpm"),
    # ≈0.3 s per word (1.2 s for 4 words), no flat minimum: BBC Subtitle Guidelines v1.2.5.
    # 0.3 s a word is 200 wpm, a reading speed: the 180 wpm above is the stricter form.
    minimum_duration=None,
    maximum_duration_ms=None,  # none stated
    # a gap that is left must be ≥ 1 s (prefer 1.5 s), else close it: BBC v1.2.5
    minimum_gap=Seconds(Fraction(1)),
    gap_may_be_closed=True,
    close_gaps_below=Seconds(Fraction(1)),
    # don't anticipate or hang more than 1.5 s: BBC §5.2
    sync_tolerance=Seconds(Fraction(3, 2)),
    # never split article+noun, preposition+phrase, …: BBC v1.2.5
    line_break_rules=True,
)

DCMP = Profile(
    name="dcmp",
    title="DCMP Captioning Key, adult special-interest programmes",
    # "maintain a 32-character line": DCMP Captioning Guidelines (dcmp.org/learn/5)
    characters_per_line=32,
    # the Key recommends 2 lines (608 allows 4): DCMP Captioning Key
    lines=2,
    # adult special-interest 150–160 wpm, the top of the range: DCMP guidelines
    reading_speed=ReadingSpeed(160, "wpm"),
    # "no captioning should remain on screen less than 2 seconds": DCMP guidelines
    minimum_duration=Seconds(Fraction(2)),
    maximum_duration_ms=None,  # none stated
    minimum_gap=None,  # none stated
    gap_may_be_closed=True,
    close_gaps_below=None,
    sync_tolerance=None,  # none stated in numbers
    # break "at a logical point where speech normally pauses": DCMP Captioning Key
    line_break_rules=True,
)

CEA608 = Profile(
    name="cea608",
    title="CEA-608 (line 21) pop-on captions, as SCC carries them",
    # the grid is 32 columns, pop-on captions at most 4 rows: scc.md 2.3
    characters_per_line=32,
    lines=4,
    reading_speed=None,  # none stated; the bandwidth is the load-time rule below
    # shown at least 15 frames @29.97 (ttconv PR #548 min_popon_display_frames): scc.md 2.4
    minimum_duration=Frames(15, NTSC),
    maximum_duration_ms=None,
    minimum_gap=None,
    gap_may_be_closed=True,
    close_gaps_below=None,
    sync_tolerance=None,
    line_break_rules=False,  # the 608 rules say nothing of line breaks
    # one byte pair per frame, loaded between the previous display and its own: scc.md 2.2/2.4
    load_time=LoadTime(),
)

PROFILES: dict[str, Profile] = {p.name: p for p in (NETFLIX_EN, NETFLIX_EN_KIDS, BBC, DCMP, CEA608)}
DEFAULT_PROFILE = NETFLIX_EN.name


def get_profile(profile: str | Profile) -> Profile:
    """The profile of that name (any case); a Profile is returned as it is. An unknown
    name is an :class:`OptionError` listing the names."""
    if isinstance(profile, Profile):
        return profile
    if not isinstance(profile, str):
        raise OptionError(
            f"profile must be a name such as {DEFAULT_PROFILE!r}, not {type(profile).__name__}",
            option="profile",
            value=type(profile).__name__,
        )
    key = profile.strip().lower().replace("_", "-")
    if key in PROFILES:
        return PROFILES[key]
    close = difflib.get_close_matches(key, list(PROFILES), n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise OptionError(
        f"unknown caption profile {profile!r}{hint}; known: {', '.join(PROFILES)}",
        option="profile",
        value=profile,
    )


def profile_caption_options(profile: str | Profile) -> dict[str, int | None]:
    """The :class:`~elementlist.CaptionOptions` values a profile sets, by option name:
    ``elementlist.captions(doc, **profile_caption_options("netflix-en"))``. Only the
    options the guideline gives a number for are present (an option left out keeps its
    own default or the caller's value)."""
    p = get_profile(profile)
    out: dict[str, int | None] = {
        "characters_per_caption_line": p.characters_per_line,
        "lines_per_caption": p.lines,
    }
    minimum = p.minimum_duration_ms
    if minimum is not None:
        out["minimum_caption_length_ms"] = minimum
    if p.maximum_duration_ms is not None:
        out["maximum_caption_duration"] = p.maximum_duration_ms
    if p.close_gaps_below is not None:
        out["merge_gap_interval"] = p.close_gaps_below.ms
    if p.minimum_gap is not None and not p.gap_may_be_closed:
        out["minimum_gap_between_captions_ms"] = p.minimum_gap_ms
    if p.reading_speed is not None:  # in the profile's own unit, as `check` measures it
        speed = p.reading_speed
        unit = (
            "maximum_characters_per_second" if speed.unit == "cps" else "maximum_words_per_minute"
        )
        out[unit] = speed.limit
    return out


__all__ = [
    "DEFAULT_PROFILE",
    "LOOSEST_SYNC_MS",
    "PROFILES",
    "Frames",
    "LoadTime",
    "Profile",
    "ReadingSpeed",
    "Seconds",
    "Time",
    "get_profile",
    "profile_caption_options",
]
