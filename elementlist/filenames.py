"""File names that are not UTF-8: how messages show them, and how outputs are named after them.

On POSIX a file name is bytes. Python hands the bytes that are not UTF-8 over as lone
surrogates (``surrogateescape``: the byte 0xE9 becomes U+DCE9), which open the file but
cannot be written as UTF-8 text. Two renderings, each for one job (docs/batch.md):

* :func:`shown`: for messages and the batch report, each such byte as ``\\xNN``
  (``caf\\xe9.json``), which reads as what ``ls -b`` and Python show;
* :func:`output_safe`: for an output's name, each such byte as ``%NN`` (``caf%E9.srt``): a
  valid UTF-8 name with no backslash (trouble in shells and on Windows), distinct for
  distinct inputs.
"""

from __future__ import annotations

from collections.abc import Callable

_ESCAPED_LOW, _ESCAPED_HIGH = 0xDC80, 0xDCFF  # surrogateescape's range: bytes 0x80-0xFF


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _rendered(text: str, byte: Callable[[int], str], surrogate: Callable[[int], str]) -> str:
    """``text`` with each escaped byte as ``byte(value)`` and any other lone surrogate (never
    from a file name, but text can hold one) as ``surrogate(code point)``."""
    parts = []
    for char in text:
        code = ord(char)
        if _ESCAPED_LOW <= code <= _ESCAPED_HIGH:
            parts.append(byte(code - 0xDC00))
        elif 0xD800 <= code <= 0xDFFF:
            parts.append(surrogate(code))
        else:
            parts.append(char)
    return "".join(parts)


def shown(text: str) -> str:
    """``text`` as UTF-8-safe text for a message: each byte that was not UTF-8 as ``\\xNN``.

    >>> shown("caf\\udce9.json")
    'caf\\\\xe9.json'
    """
    if _is_utf8(text):
        return text
    return _rendered(text, lambda b: f"\\x{b:02x}", lambda c: f"\\u{c:04x}")


def output_safe(text: str) -> str:
    """``text`` usable in an output's name: each byte that was not UTF-8 as ``%NN``.

    >>> output_safe("caf\\udce9")
    'caf%E9'
    """
    return text if _is_utf8(text) else _rendered(text, lambda b: f"%{b:02X}", lambda c: "_")
