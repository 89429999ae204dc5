"""Hostile file names: how messages show them, and how outputs are named after them.

On POSIX a file name is any bytes but ``/`` and NUL. Python hands the bytes that are not
UTF-8 over as lone surrogates (``surrogateescape``: the byte 0xE9 becomes U+DCE9), which
open the file but cannot be written as UTF-8 text; and a name may hold control characters
(a newline, ESC) that would break a one-line message or reach the terminal. Two renderings,
each for one job (docs/batch.md, "Outputs"):

* :func:`shown`, for messages and the batch report: each byte that is not UTF-8, and each
  control character (C0, DEL, C1), as ``\\xNN`` (``caf\\xe9.json``, ``a\\x0ab.json``), as
  ``ls -b`` and Python show them;
* :func:`output_safe`, for an output's name: the same, as ``%NN`` (``caf%E9.srt``), so an
  output's name is valid UTF-8 with no control character and no backslash (trouble in
  shells and on Windows), and distinct inputs keep distinct names.

Everything else (accents, emoji, bidi marks, zero-width joiners) is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_ESCAPED_LOW, _ESCAPED_HIGH = 0xDC80, 0xDCFF  # surrogateescape's range: bytes 0x80-0xFF
_NEEDS_WORK = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _rendered(
    text: str,
    byte: Callable[[int], str],
    control: Callable[[str], str],
    surrogate: Callable[[int], str],
) -> str:
    """``text`` with each escaped byte as ``byte(value)``, each control character as
    ``control(it)``, and any other lone surrogate (never from a file name, but text can
    hold one) as ``surrogate(code point)``."""

    def one(match: re.Match[str]) -> str:
        char = match.group()
        code = ord(char)
        if _ESCAPED_LOW <= code <= _ESCAPED_HIGH:
            return byte(code - 0xDC00)
        if code >= 0xD800:
            return surrogate(code)
        return control(char)

    return _NEEDS_WORK.sub(one, text)


def shown(text: str) -> str:
    """``text`` fit for a one-line message: each byte that was not UTF-8 and each control
    character as ``\\xNN``.

    >>> shown("caf\\udce9.json"), shown("two\\nlines")
    ('caf\\\\xe9.json', 'two\\\\x0alines')
    """
    if _NEEDS_WORK.search(text) is None:
        return text
    return _rendered(
        text, lambda b: f"\\x{b:02x}", lambda c: f"\\x{ord(c):02x}", lambda c: f"\\u{c:04x}"
    )


def output_safe(text: str) -> str:
    """``text`` usable in an output's name: each byte that was not UTF-8 and each control
    character as ``%NN``.

    >>> output_safe("caf\\udce9"), output_safe("two\\nlines")
    ('caf%E9', 'two%0Alines')
    """
    if _NEEDS_WORK.search(text) is None:
        return text
    return _rendered(text, _percent, lambda c: "".join(map(_percent, c.encode())), lambda c: "_")


def _percent(byte: int) -> str:
    return f"%{byte:02X}"
