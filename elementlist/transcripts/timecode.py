"""Transcript timecodes: cielo24's strftime-like ``timecode_format`` over whole milliseconds.

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
of day. A negative time (never produced from valid data) prints as zero.

>>> format_timecode(3723004, "[%H:%M:%S.%f]")
'[01:02:03.004]'
>>> format_timecode(90061000, "%H:%M:%S")
'25:01:01'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..errors import OptionError

_FIELD = re.compile(r"%(.?)")
_FORMAT_OF_FIELD = {"H": "{0:02d}", "M": "{1:02d}", "S": "{2:02d}", "f": "{3:03d}", "%": "%"}


@lru_cache(maxsize=32)
def timecode_formatter(pattern: str) -> Callable[[int], str]:
    """A function formatting whole milliseconds with ``pattern`` (compiled once).

    Raises :class:`OptionError` for a ``%`` field other than ``%H %M %S %f %%``.
    """
    pieces: list[str] = []
    position = 0
    for match in _FIELD.finditer(pattern):
        pieces.append(_literal(pattern[position : match.start()]))
        field = match.group(1)
        if field not in _FORMAT_OF_FIELD:
            raise OptionError(
                f"timecode_format: unknown field %{field} (known: %H %M %S %f %%), got {pattern!r}",
                option="timecode_format",
                value=pattern,
            )
        pieces.append(_FORMAT_OF_FIELD[field])
        position = match.end()
    pieces.append(_literal(pattern[position:]))
    template = "".join(pieces).format

    def format_ms(ms: int) -> str:
        total = ms if ms > 0 else 0
        seconds, millis = divmod(total, 1000)
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return template(hours, minutes, seconds, millis)

    return format_ms


def _literal(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def format_timecode(ms: int, pattern: str = "[%H:%M:%S.%f]") -> str:
    """``ms`` (whole milliseconds, clamped at 0) written with ``pattern``."""
    return timecode_formatter(pattern)(int(ms))


def html_duration(ms: int) -> str:
    """A valid HTML duration string for a ``<time datetime>``: ``PT6.230S``."""
    total = ms if ms > 0 else 0
    seconds, millis = divmod(total, 1000)
    return f"PT{seconds}.{millis:03d}S"


__all__ = ["format_timecode", "html_duration", "timecode_formatter"]
