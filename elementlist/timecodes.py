"""Timestamps of every caption format, from and to whole milliseconds.

| style    | shape           | example        | hours                  |
|----------|-----------------|----------------|------------------------|
| srt      | HH:MM:SS,mmm    | 01:02:03,004   | two digits or more     |
| webvtt   | HH:MM:SS.mmm    | 01:02:03.004   | two digits or more     |
| dfxp     | HH:MM:SS.mmm    | 01:02:03.004   | two digits or more     |
| qt       | HH:MM:SS.mmm    | 01:02:03.004   | two digits or more     |
| sbv      | H:MM:SS.mmm     | 1:02:03.004    | one digit or more      |

Hours never wrap: 100 hours is written ``100:00:00,000`` (the field widens), which WebVTT,
TTML clock-time and SBV allow and SubRip readers accept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

TimestampStyle = Literal["srt", "webvtt", "dfxp", "qt", "sbv"]

_SEPARATOR: dict[str, str] = {"srt": ",", "webvtt": ".", "dfxp": ".", "qt": ".", "sbv": "."}
_HOUR_DIGITS: dict[str, int] = {"srt": 2, "webvtt": 2, "dfxp": 2, "qt": 2, "sbv": 1}
_PATTERN: dict[str, re.Pattern[str]] = {
    style: re.compile(
        rf"(?P<h>[0-9]{{{digits},}}):(?P<m>[0-5][0-9]):(?P<s>[0-5][0-9])"
        rf"{re.escape(_SEPARATOR[style])}(?P<ms>[0-9]{{3}})"
    )
    for style, digits in _HOUR_DIGITS.items()
}


def split_ms(ms: int) -> tuple[int, int, int, int]:
    """Whole milliseconds → (hours, minutes, seconds, milliseconds); hours unbounded."""
    if ms < 0:
        raise ValueError(f"a timestamp cannot be negative: {ms} ms")
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return hours, minutes, seconds, millis


def timestamp_formatter(style: TimestampStyle) -> Callable[[int], str]:
    """A function formatting milliseconds in one style (for writers' loops)."""
    try:
        template = f"%0{_HOUR_DIGITS[style]}d:%02d:%02d{_SEPARATOR[style]}%03d"
    except KeyError:
        raise ValueError(f"unknown timestamp style {style!r}") from None

    def format_ms(ms: int) -> str:
        if ms < 0:
            raise ValueError(f"a timestamp cannot be negative: {ms} ms")
        seconds, millis = divmod(ms, 1000)
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return template % (hours, minutes, seconds, millis)

    return format_ms


_FORMATTERS: dict[str, Callable[[int], str]] = {
    style: timestamp_formatter(style)  # type: ignore[arg-type]
    for style in _SEPARATOR
}


def format_timestamp(ms: int, style: TimestampStyle) -> str:
    """Whole milliseconds as the given format writes them.

    >>> format_timestamp(3723004, "srt"), format_timestamp(3723004, "sbv")
    ('01:02:03,004', '1:02:03.004')
    """
    try:
        formatter = _FORMATTERS[style]
    except KeyError:
        raise ValueError(f"unknown timestamp style {style!r}") from None
    return formatter(ms)


def parse_timestamp(text: str, style: TimestampStyle) -> int:
    """The mirror of :func:`format_timestamp`: a timestamp of that style → milliseconds.

    >>> parse_timestamp("100:00:00.001", "webvtt")
    360000001
    """
    try:
        pattern = _PATTERN[style]
    except KeyError:
        raise ValueError(f"unknown timestamp style {style!r}") from None
    match = pattern.fullmatch(text)
    if match is None:
        raise ValueError(f"not a {style} timestamp: {text!r}")
    seconds = (int(match["h"]) * 60 + int(match["m"])) * 60 + int(match["s"])
    return seconds * 1000 + int(match["ms"])
