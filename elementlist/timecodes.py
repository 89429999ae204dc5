"""Times as people and formats write them, from and to whole milliseconds: the one place
that turns milliseconds into hours, minutes, seconds and milliseconds (:func:`split_ms`).

Caption timestamps, one style per format:

| style    | shape           | example        | hours                  |
|----------|-----------------|----------------|------------------------|
| srt      | HH:MM:SS,mmm    | 01:02:03,004   | two digits or more     |
| webvtt   | HH:MM:SS.mmm    | 01:02:03.004   | two digits or more     |
| dfxp     | HH:MM:SS.mmm    | 01:02:03.004   | two digits or more     |
| qt       | HH:MM:SS.mmm    | 01:02:03.004   | two digits or more     |
| sbv      | H:MM:SS.mmm     | 1:02:03.004    | one digit or more      |

Hours never wrap: 100 hours is written ``100:00:00,000`` (the field widens), which WebVTT,
TTML clock-time and SBV allow and SubRip readers accept.

Transcript timecodes: cielo24's strftime-like ``timecode_format``:

| field | prints                                   | 3 723 004 ms |
|-------|------------------------------------------|--------------|
| ``%H`` | hours, two digits or more (never wraps) | ``01``       |
| ``%M`` | minutes, two digits                     | ``02``       |
| ``%S`` | seconds, two digits                     | ``03``       |
| ``%f`` | milliseconds, three digits              | ``004``      |
| ``%%`` | a percent sign                          | ``%``        |

Everything else is copied as it is. cielo24 documents ``%f`` as milliseconds (Python's own
``%f`` would print six digits of microseconds). Hours keep counting past 24 (a 30-hour
recording shows ``30:00:00``): a transcript timecode is a position in the media, not a time
of day. A negative time (never produced from valid data) prints as zero in a transcript; a
caption timestamp refuses it.

>>> format_timestamp(3723004, "srt"), format_timestamp(3723004, "sbv")
('01:02:03,004', '1:02:03.004')
>>> format_timecode(3723004, "[%H:%M:%S.%f]"), format_timecode(90061000, "%H:%M:%S")
('[01:02:03.004]', '25:01:01')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Literal

from .errors import OptionError

# The caption formats' timestamp styles (format_timestamp, parse_timestamp).
TimestampStyle = Literal["srt", "webvtt", "dfxp", "qt", "sbv"]
# A formatter of one style: ms → its text (timestamp_formatter, timecode_formatter).
Clock = Callable[[int], str]

_SEPARATOR: dict[str, str] = {"srt": ",", "webvtt": ".", "dfxp": ".", "qt": ".", "sbv": "."}
_HOUR_DIGITS: dict[str, int] = {"srt": 2, "webvtt": 2, "dfxp": 2, "qt": 2, "sbv": 1}
_PATTERN: dict[str, re.Pattern[str]] = {
    style: re.compile(
        rf"(?P<h>[0-9]{{{digits},}}):(?P<m>[0-5][0-9]):(?P<s>[0-5][0-9])"
        rf"{re.escape(_SEPARATOR[style])}(?P<ms>[0-9]{{3}})"
    )
    for style, digits in _HOUR_DIGITS.items()
}

# timecode_format: a % field and what it prints (positions in split_ms's tuple)
TIMECODE_FIELD = re.compile(r"%(.?)")
_FORMAT_OF_FIELD = {"H": "{0:02d}", "M": "{1:02d}", "S": "{2:02d}", "f": "{3:03d}", "%": "%"}
# The fields timecode_format knows, for messages.
TIMECODE_FIELDS = "%H %M %S %f %%"


def split_ms(ms: int) -> tuple[int, int, int, int]:
    """Whole milliseconds → (hours, minutes, seconds, milliseconds); hours unbounded."""
    if ms < 0:
        raise ValueError(f"a timestamp cannot be negative: {ms} ms")
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return hours, minutes, seconds, millis


def _style(style: str) -> str:
    if style not in _SEPARATOR:
        raise ValueError(f"unknown timestamp style {style!r}")
    return style


@cache
def _clock_fields() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``MM:SS`` for every second of an hour, and ``mmm`` for every millisecond (made on
    first use: about 4,600 short strings)."""
    minutes_seconds = tuple(f"{m:02d}:{s:02d}" for m in range(60) for s in range(60))
    return minutes_seconds, tuple(f"{ms:03d}" for ms in range(1000))


def timestamp_formatter(style: TimestampStyle) -> Clock:
    """A function formatting milliseconds in one caption style (for writers' loops).

    Below 100 hours a timestamp is two divisions and three look-ups in tables of its fields
    (half the time of formatting each field; a 1-hour document has about 3,500 timestamps
    per format, issue 15); beyond, and for an int-like that is not an ``int``, the fields
    are formatted."""
    digits = _HOUR_DIGITS[_style(style)]
    separator = _SEPARATOR[style]
    template = f"%0{digits}d:%02d:%02d{separator}%03d"
    minutes_seconds, millis = _clock_fields()
    hours = tuple(f"{h:0{digits}d}:" for h in range(100))

    def format_ms(ms: int) -> str:
        if ms >= 0 and ms.__class__ is int:
            seconds, ms_part = divmod(ms, 1000)
            h, rest = divmod(seconds, 3600)
            if h < 100:
                return f"{hours[h]}{minutes_seconds[rest]}{separator}{millis[ms_part]}"
        return template % split_ms(ms)

    return format_ms


_FORMATTERS: dict[str, Clock] = {style: timestamp_formatter(style) for style in _SEPARATOR}  # type: ignore[arg-type]


def format_timestamp(ms: int, style: TimestampStyle) -> str:
    """Whole milliseconds as the given caption format writes them."""
    return _FORMATTERS[_style(style)](ms)


def parse_timestamp(text: str, style: TimestampStyle) -> int:
    """The mirror of :func:`format_timestamp`: a timestamp of that style → milliseconds.

    >>> parse_timestamp("100:00:00.001", "webvtt")
    360000001
    """
    match = _PATTERN[_style(style)].fullmatch(text)
    if match is None:
        raise ValueError(f"not a {style} timestamp: {text!r}")
    seconds = (int(match["h"]) * 60 + int(match["m"])) * 60 + int(match["s"])
    return seconds * 1000 + int(match["ms"])


@lru_cache(maxsize=32)
def timecode_formatter(pattern: str) -> Clock:
    """A function formatting whole milliseconds with a ``timecode_format`` (compiled once).

    Raises :class:`OptionError` for a ``%`` field other than ``%H %M %S %f %%`` (this is the
    check the ``timecode_format`` option makes).
    """
    pieces: list[str] = []
    position = 0
    for match in TIMECODE_FIELD.finditer(pattern):
        pieces.append(_literal(pattern[position : match.start()]))
        field = match.group(1)
        if field not in _FORMAT_OF_FIELD:
            raise OptionError(
                f"timecode_format: unknown field %{field} (known: {TIMECODE_FIELDS}), "
                f"got {pattern!r}",
                option="timecode_format",
                value=pattern,
            )
        pieces.append(_FORMAT_OF_FIELD[field])
        position = match.end()
    pieces.append(_literal(pattern[position:]))
    template = "".join(pieces).format

    def format_ms(ms: int) -> str:
        return template(*split_ms(ms if ms > 0 else 0))

    return format_ms


def _literal(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def format_timecode(ms: int, pattern: str = "[%H:%M:%S.%f]") -> str:
    """``ms`` (whole milliseconds, clamped at 0) written with ``pattern``."""
    return timecode_formatter(pattern)(int(ms))


def html_duration(ms: int) -> str:
    """A valid HTML duration string for a ``<time datetime>``: ``PT6.230S``."""
    seconds, millis = divmod(ms if ms > 0 else 0, 1000)
    return f"PT{seconds}.{millis:03d}S"


__all__ = [
    "TIMECODE_FIELDS",
    "Clock",
    "TimestampStyle",
    "format_timecode",
    "format_timestamp",
    "html_duration",
    "parse_timestamp",
    "split_ms",
    "timecode_formatter",
    "timestamp_formatter",
]
