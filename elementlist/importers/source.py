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

import bisect
import os
import re
from itertools import accumulate
from pathlib import Path
from typing import Any

import msgspec
import numpy as np

from ..document.decode_errors import (
    empty_input,
    from_decode_error,
    from_validation_error,
    too_deep,
    tree_with_huge_numbers,
)
from ..gcpause import paused_gc

_decoder = msgspec.json.Decoder()
_WHITESPACE = " \t\r\n"


_NOTHING: Any = object()


class Input:
    """The input, decoded once: JSON (``raw`` bytes and/or an already-decoded ``tree``) or
    caption ``text``. The generic JSON tree of bytes is decoded only when an importer needs
    it (:attr:`tree`); detection reads a :func:`skeleton` of the bytes instead, and the
    fast importers decode the bytes straight into their own typed structs."""

    __slots__ = ("_quick", "_skeleton", "_tree", "name", "raw", "text")

    def __init__(
        self,
        *,
        tree: Any = _NOTHING,
        raw: bytes | None = None,
        text: str | None = None,
        name: str | None = None,
    ) -> None:
        self._tree = tree
        self._skeleton: Any = _NOTHING
        self._quick: Any = _NOTHING
        self.raw = raw
        self.text = text
        self.name = name

    @property
    def is_text(self) -> bool:
        return self.text is not None

    @property
    def tree(self) -> Any:
        """The JSON value (decoded from the bytes on first use)."""
        if self._tree is _NOTHING:
            assert self.raw is not None
            self._tree = decode_json(self.raw, self.name)
        return self._tree

    def shape(self, quick: bool = False) -> Any:
        """What the detectors look at: the caption text, the JSON tree when there is one,
        else a skeleton of the JSON bytes (``quick``: :func:`quick_skeleton`)."""
        if self.text is not None:
            return self.text
        if self._tree is not _NOTHING:
            return self._tree
        assert self.raw is not None
        if quick:
            if self._quick is _NOTHING:
                self._quick = quick_skeleton(self.raw, self.name)
            return self._quick
        if self._skeleton is _NOTHING:
            self._skeleton = skeleton(self.raw, self.name)
        return self._skeleton


_object_of_raw = msgspec.json.Decoder(dict[str, msgspec.Raw])
_list_of_raw = msgspec.json.Decoder(list[msgspec.Raw])
SKELETON_DEPTH = 6
SKELETON_WIDTH = 64


def skeleton(raw: bytes, name: str | None = None) -> Any:
    """The JSON value of ``raw`` as deep as the detectors look: objects to
    SKELETON_DEPTH levels, and each array's first SKELETON_WIDTH items only. One scan of
    the bytes per level, and only the values kept are built, so a 10-hour document is
    sketched in a fraction of its decoding. Malformed JSON raises as decoding does."""
    try:
        return _sketch(raw, SKELETON_DEPTH)
    except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError, RecursionError):
        return decode_json(raw, name)  # raises the error, worded as for ElementLists


def _sketch(raw: bytes | msgspec.Raw, depth: int) -> Any:
    first = bytes(memoryview(raw)[:1])
    if first == b"{":
        if depth <= 0:
            return {}  # deeper than any detector looks
        return {key: _sketch(value, depth - 1) for key, value in _object_of_raw.decode(raw).items()}
    if first == b"[":
        if depth <= 0:
            return []
        head = _first_items(raw) if len(memoryview(raw)) > PREFIX_BYTES else None
        if head is not None:  # a long list: its first items, decoded from its first bytes
            return head[:SKELETON_WIDTH]
        return [_sketch(item, depth - 1) for item in _list_of_raw.decode(raw)[:SKELETON_WIDTH]]
    return _decoder.decode(raw)


PREFIX_BYTES = 1 << 16
# complete strings, a quote that opens a string the prefix cuts, and the structure
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|"|[\[\]{},]')
_STRING = re.compile(rb'("(?:[^"\\]|\\.)*")')  # a complete string (kept by split)
_NOT_BRACKET = bytes(sorted(set(range(256)) - set(b"[]{}")))
_CLOSER = bytes.maketrans(b"[{", b"]}")
_MAX_DEPTH_PASSES = 32  # bracket-pair removals before the token loop is cheaper


def _first_items(raw: bytes | msgspec.Raw) -> list[Any] | None:
    """The items of a long JSON array that lie whole in its first bytes, or None."""
    value = prefix_value(raw)
    return value if isinstance(value, list) and value else None


def prefix_value(raw: bytes | msgspec.Raw) -> Any:
    """A long JSON object or array as far as its first PREFIX_BYTES bytes go: cut after its
    last complete member or item at any depth, and closed (``{"a": [1, 2, 3`` reads as
    ``{"a": [1, 2]}``). None when no cut is clean. One short scan, whatever the length."""
    prefix = bytes(memoryview(raw)[:PREFIX_BYTES])
    found = _cut(prefix)
    if found is None:
        found = _cut_token_by_token(prefix)
    cut, closers = found
    if cut < 0:
        return None
    try:
        return _decoder.decode(prefix[:cut] + closers)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None


def _cut(prefix: bytes) -> tuple[int, bytes] | None:
    """Where :func:`_cut_token_by_token` cuts ``prefix`` and the brackets that close it,
    found at C speed: the strings split off, the last comma or closing bracket outside them,
    and the brackets open there (matched pairs removed). None for what the token loop
    decides better: a value that does not start with a bracket, or closes (or mismatches)
    before the cut, or nests too deeply."""
    if prefix[:1] not in (b"[", b"{"):
        return None
    if b'\\"' in prefix or b"\\\n" in prefix:  # a quote that may be escaped: the regex
        parts = _STRING.split(prefix)  # outside, "string", outside, ..., outside
        outside = parts[0::2]
        structure = b"".join(outside)  # everything outside the complete strings, in order
        cut_string = structure.find(b'"')
        if cut_string >= 0:  # the prefix ends inside this string: nothing after it counts
            structure = structure[:cut_string]
        where = None
    else:  # every quote opens or closes a string: the brackets and commas outside them
        codes = np.frombuffer(prefix, dtype=np.uint8)
        quotes = np.flatnonzero(codes == 34)
        marks = np.flatnonzero(
            (codes == 44) | (codes == 91) | (codes == 93) | (codes == 123) | (codes == 125)
        )  # , [ ] { }
        where = marks[(np.searchsorted(quotes, marks) & 1) == 0]  # an even number before
        structure = codes[where].tobytes()
    comma = structure.rfind(b",")
    close = max(structure.rfind(b"]"), structure.rfind(b"}"))
    if comma < 0 and close < 0:
        return -1, b""
    at = max(comma, close)  # the last one, in ``structure``
    stop = at if comma > close else at + 1  # before a comma, after a bracket
    inner = structure[1:stop].translate(None, _NOT_BRACKET)
    for _ in range(_MAX_DEPTH_PASSES):
        reduced = inner.replace(b"[]", b"").replace(b"{}", b"")
        if len(reduced) == len(inner):
            break
        inner = reduced
    else:
        return None
    if b"]" in inner or b"}" in inner:
        return None  # the top level closes before the cut, or a bracket mismatches
    closers = (structure[:1] + inner)[::-1].translate(_CLOSER)
    if where is not None:
        position = int(where[at])
    else:  # ``at`` in the prefix: the outside piece it lies in, after the strings before it
        ends = list(accumulate(map(len, outside)))
        k = bisect.bisect_right(ends, at)
        position = sum(map(len, parts[: 2 * k])) + at - (ends[k - 1] if k else 0)
    return (position if comma > close else position + 1), closers


def _cut_token_by_token(prefix: bytes) -> tuple[int, bytes]:
    """Where to cut ``prefix`` (-1: nowhere) and the brackets that close it there, by one
    walk over its strings and brackets."""
    stack: list[bytes] = []
    cut = -1
    depth = 0  # of the stack at the cut: after it only brackets open, until the end
    for m in _TOKENS.finditer(prefix):
        token = m.group()
        if token[:1] == b'"':
            if len(token) == 1:
                break  # the prefix ends inside this string
            continue
        if token == b"[":
            stack.append(b"]")
        elif token == b"{":
            stack.append(b"}")
        elif token in (b"]", b"}"):
            if not stack or stack.pop() != token:
                return -1, b""
            cut, depth = m.end(), len(stack)
            if not stack:
                break  # the whole value is in the prefix
        else:  # a comma: everything before it is complete
            cut, depth = m.start(), len(stack)
    return cut, b"".join(reversed(stack[:depth]))


def quick_skeleton(raw: bytes, name: str | None = None) -> Any:
    """A cheaper :func:`skeleton`: the top level's keys exactly (one scan), each long value
    only as far as its first bytes go (:func:`prefix_value`). What it shows is true of the
    document but may be less than the whole: detection falls back to :func:`skeleton` when
    it does not find exactly one format."""
    try:
        first = raw[:1]
        if first == b"[":
            value = prefix_value(raw) if len(raw) > PREFIX_BYTES else None
            return value if value is not None else skeleton(raw, name)
        top = _object_of_raw.decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError, RecursionError):
        return decode_json(raw, name)  # raises the error, worded as for ElementLists
    out = {}
    for key, value in top.items():
        sketched = prefix_value(value) if len(memoryview(value)) > PREFIX_BYTES else None
        out[key] = sketched if sketched is not None else _sketch(value, SKELETON_DEPTH - 1)
    return out


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
            return Input(raw=_stripped(text.encode("utf-8", "surrogatepass")), name=name)
        return Input(text=text, name=name)
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = _strip_bom(bytes(data))
        head = raw.lstrip(_WHITESPACE.encode())[:1]
        if not head:
            raise empty_input(name)
        if head in (b"{", b"["):
            return Input(raw=_stripped(raw), name=name)
        return Input(text=_decode_text(raw), name=name)
    raise TypeError(
        f"cannot import from {type(data).__name__}: pass bytes, text, a decoded JSON value "
        "(dict or list) or a path"
    )


def _stripped(raw: bytes) -> bytes:
    """JSON bytes without the whitespace around them (a skeleton reads the first byte)."""
    return raw.strip(_WHITESPACE.encode())
