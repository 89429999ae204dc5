"""Every time unit the sources use → whole milliseconds, or None when it is not usable.

Converted once, at the edge, as each importer reads a value. A usable time is a finite
number in ``[0, MAX_TIME_MS]`` (one week); anything else — null, a missing field, a
negative or non-finite number, text that is not a number, a value of another type — gives
None, and the builder then interpolates the time (``interpolated: true``). Rounding is to
the nearest millisecond, which also removes the float noise of Deepgram (``1.1999999``)
and Speechmatics (``0.26999998092651367``).

- seconds, a number or a string (``"1.24"``): Whisper family, Deepgram, Rev.ai,
  Speechmatics, AWS, Watson — :func:`seconds`;
- milliseconds: AssemblyAI, AWS Call Analytics — :func:`millis`;
- protobuf Durations, ``"1.500s"`` or ``{"seconds": "23", "nanos": 900000000}``: Google —
  :func:`duration`;
- 100 ns ticks: Azure ``offsetInTicks`` — :func:`ticks`;
- ISO 8601 durations (``PT1M2.5S``): Azure ``offset`` / ``duration`` — :func:`iso_duration`.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from ..document.model import MAX_TIME_MS

Millis = int | None

MAX_S = MAX_TIME_MS / 1000  # a usable time in seconds is at most this: the importers' inline test


def _usable(ms: float) -> Millis:
    if ms != ms or ms < 0 or ms > MAX_TIME_MS:  # NaN, negative, beyond a week (or inf)
        return None
    return int(ms + 0.5)  # round half up; ms is non-negative


def _number(value: Any) -> float | None:
    """A number or numeric text as a float (an int too large for one is +-inf); None for
    anything else (null, booleans, lists, objects, other text)."""
    t = type(value)
    try:
        if t is float or t is int or t is str:
            return float(value)
    except ValueError:
        return None
    except OverflowError:  # an int beyond any float
        return math.inf if value > 0 else -math.inf
    return None


def seconds(value: Any) -> Millis:
    """Seconds (a number or a numeric string) → ms."""
    if type(value) is float:  # the common case, inline
        ms = value * 1000.0
        if 0 <= ms <= MAX_TIME_MS:
            return int(ms + 0.5)
        return None
    number = _number(value)
    return None if number is None else _usable(number * 1000.0)


def seconds_column(values: list[float | None]) -> list[Millis]:
    """:func:`seconds` of each of ``values`` (floats or None, as typed decoding gives them),
    at C speed: the same arithmetic on the same doubles (``int(v * 1000.0 + 0.5)`` for a
    usable time); the few values that are not usable times go through :func:`seconds`."""
    array = np.array(values, dtype=np.float64)  # None: NaN, which is not usable
    usable = (array >= 0.0) & (array <= MAX_S)
    out: list[Millis] = (np.where(usable, array, 0.0) * 1000.0 + 0.5).astype(np.int64).tolist()
    if not usable.all():
        for i in np.flatnonzero(~usable).tolist():
            out[i] = seconds(values[i])
    return out


def millis(value: Any) -> Millis:
    """Milliseconds (a number or a numeric string) → ms."""
    number = _number(value)
    return None if number is None else _usable(float(number))


def ticks(value: Any) -> Millis:
    """100-nanosecond ticks (Azure ``offsetInTicks``, often a float) → ms."""
    number = _number(value)
    return None if number is None else _usable(number / 10_000.0)


def duration(value: Any) -> Millis:
    """A protobuf Duration as JSON gives it: ``"1.500s"``, ``"0s"``; as client libraries
    dump it: ``{"seconds": "23", "nanos": 900000000}`` (either part may be missing); a
    plain number is taken as seconds."""
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("s"):
            text = text[:-1]
        number = _number(text)
        return None if number is None else _usable(number * 1000.0)
    if isinstance(value, dict):
        whole = _number(value.get("seconds", 0)) if "seconds" in value else 0.0
        nanos = _number(value.get("nanos", 0)) if "nanos" in value else 0.0
        if whole is None or nanos is None:
            return None
        return _usable(whole * 1000.0 + nanos / 1_000_000.0)
    if isinstance(value, bool):
        return None
    return seconds(value)


_ISO = re.compile(
    r"P(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?\Z"
)


def iso_duration(value: Any) -> Millis:
    """An ISO 8601 duration as Azure writes it (``PT0.09S``, ``PT1M2.5S``, ``PT1H``) → ms."""
    if not isinstance(value, str):
        return None
    m = _ISO.match(value.strip().upper())
    if m is None or value.strip().upper() in ("P", "PT"):
        return None
    total = 0.0
    for key, scale in (("d", 86_400_000.0), ("h", 3_600_000.0), ("m", 60_000.0), ("s", 1000.0)):
        part = m.group(key)
        if part is not None:
            total += float(part) * scale
    if math.isinf(total):
        return None
    return _usable(total)
