"""What an importer is handed: the input decoded once, as a JSON tree or as caption text.

:func:`read_input` takes what :func:`elementlist.importers.import_document` takes — bytes,
text, an already-decoded JSON value (a dict or a list), or a path — and returns an
:class:`Input`. Bytes and text that start with ``{`` or ``[`` (after a byte-order mark and
whitespace) are JSON, decoded with msgspec (malformed JSON is one ElementListError with
line and column, worded as :mod:`elementlist.document.decode_errors` words it for
ElementLists); anything else is caption text. Caption bytes are UTF-8 (a UTF-16 file with
its byte-order mark too); a file that is not valid UTF-8 is read as Windows-1252, the
encoding of most old SubRip files, so a legacy file imports instead of failing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from ..document.decode_errors import (
    empty_input,
    from_decode_error,
    from_validation_error,
    too_deep,
    tree_with_huge_numbers,
)
from ..errors import ElementListError
from ..gcpause import paused_gc

_decoder = msgspec.json.Decoder()
_WHITESPACE = " \t\r\n"


@dataclass(frozen=True, slots=True)
class Input:
    """The decoded input: ``tree`` (JSON) or ``text`` (a caption file), never both."""

    tree: Any = None
    text: str | None = None
    name: str | None = None
    raw: bytes | None = (
        None  # the JSON bytes, when there were some (the ElementList decoder reads them)
    )

    @property
    def is_text(self) -> bool:
        return self.text is not None


def _strip_bom(data: bytes) -> bytes:
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16").encode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return data
    return data


def _decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
            return data.decode("latin-1")


def decode_json(raw: bytes, name: str | None) -> Any:
    """The JSON tree of ``raw``; numbers too large for msgspec become ±inf (times and
    confidences then read as unusable, as any non-finite number does)."""
    try:
        with paused_gc():
            return _decoder.decode(raw)
    except msgspec.ValidationError as exc:  # a number beyond float64 or int64
        tree = tree_with_huge_numbers(raw)
        if tree is None:
            raise from_validation_error(exc, name, raw) from None
        return tree
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        raise from_decode_error(exc, raw, name) from None
    except RecursionError:
        raise too_deep(name) from None


def read_input(data: Any, name: str | None = None) -> Input:
    """``data`` as an :class:`Input` (see the module docstring)."""
    if isinstance(data, (dict, list)):
        return Input(tree=data, name=name)
    if isinstance(data, os.PathLike):
        path = os.fspath(data)
        if not isinstance(path, str):
            raise TypeError("a path must be text, not bytes")
        return read_input(Path(path).read_bytes(), name or path)
    if isinstance(data, str):
        if not data.strip(_WHITESPACE + "\ufeff"):
            raise empty_input(name)
        text = data.lstrip("\ufeff")
        if text.lstrip(_WHITESPACE)[:1] in ("{", "["):
            raw = text.encode("utf-8", "surrogatepass")
            return Input(tree=decode_json(raw, name), name=name, raw=raw)
        return Input(text=text, name=name)
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = _strip_bom(bytes(data))
        head = raw.lstrip(_WHITESPACE.encode())[:1]
        if not head:
            raise empty_input(name)
        if head in (b"{", b"["):
            return Input(tree=decode_json(raw, name), name=name, raw=raw)
        return Input(text=_decode_text(raw), name=name)
    raise TypeError(
        f"cannot import from {type(data).__name__}: pass bytes, text, a decoded JSON value "
        "(dict or list) or a path"
    )


def not_json(what: str, name: str | None) -> ElementListError:
    return ElementListError(f"{what} is JSON, but this is text (a caption file?)", source=name)
