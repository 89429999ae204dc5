"""Bytes, text, paths, files and dicts → :class:`~elementlist.model.ElementList`.

The fast path is one msgspec decoder compiled from the model's Structs, which rejects
unknown fields. Real data carries fields the format does not define, so when that decoder
meets one the document is decoded again generically, the unknown fields are set aside per
object (``obj.extra``) and the rest is converted to the model. ``dumps`` puts them back.

Every failure is one :class:`ElementListError` naming the JSON path, and for malformed JSON
the line and column; nothing else escapes, whatever the input.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import msgspec

from .errors import ElementListError
from .gcpause import paused_gc
from .model import (
    EXTRA_KEY,
    ElementList,
    Meta,
    Segment,
    Sequence,
    Speaker,
    TimeRange,
    Token,
    _Node,
)

Source = (
    str | bytes | bytearray | memoryview | os.PathLike[str] | IO[bytes] | IO[str] | dict[str, Any]
)

_decoder = msgspec.json.Decoder(ElementList)
_generic_decoder = msgspec.json.Decoder()
_encoder = msgspec.json.Encoder()

_AT = re.compile(r"^(?P<msg>.*?)(?: - at `(?P<path>\$[^`]*)`)?$", re.S)
_BYTE = re.compile(r"\(byte (\d+)\)")
_UNKNOWN_FIELD = "Object contains unknown field"

# field name → the Struct its value holds (directly, as a list, or as a dict of them)
_CHILDREN: dict[type[_Node], dict[str, type[_Node]]] = {
    ElementList: {
        "segments": Segment,
        "speakers": Speaker,
        "keywords": Meta,
        "topics": Meta,
        "entities": Meta,
    },
    Segment: {"sequences": Sequence},
    Sequence: {"tokens": Token},
    Meta: {"time_ranges": TimeRange},
    Speaker: {},
    Token: {},
    TimeRange: {},
}
_FIELDS: dict[type[_Node], frozenset[str]] = {
    cls: frozenset(cls.__struct_encode_fields__) - {EXTRA_KEY} for cls in _CHILDREN
}
_EXTRA_MARK = msgspec.json.encode(EXTRA_KEY)[1:-1]  # how the key looks inside encoded JSON
_MAPS = frozenset({"keywords", "topics", "entities"})

PathKey = tuple[str | int, ...]


def load(source: Source, *, name: str | None = None) -> ElementList:
    """Decode an ElementList from a path, bytes, JSON text, a file object or a dict.

    A ``str`` that starts with ``{`` (after whitespace) is JSON text; any other ``str`` or an
    ``os.PathLike`` is a path. ``name`` is used in error messages in place of the path.
    """
    if source is None or isinstance(source, (dict, list, int, float)):  # already-decoded JSON
        return _from_dict(source, name)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return loads(bytes(source), name=name)
    if isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        return loads(source, name=name)
    if isinstance(source, (str, os.PathLike)):
        return loads(Path(source).read_bytes(), name=name or str(source))
    if hasattr(source, "read"):
        return loads(source.read(), name=name or getattr(source, "name", None))
    raise TypeError(f"cannot load an ElementList from {type(source).__name__}")


def loads(data: bytes | str, *, name: str | None = None) -> ElementList:
    """Decode an ElementList from JSON bytes or text."""
    raw = _strip_bom(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    try:
        with paused_gc():
            return _decoder.decode(raw)
    except msgspec.ValidationError as exc:
        if str(exc).startswith(_UNKNOWN_FIELD):
            return _decode_keeping_extras(raw, name)
        raise _validation_error(exc, name) from None
    except msgspec.DecodeError as exc:
        raise _decode_error(exc, raw, name) from None
    except RecursionError:
        raise ElementListError("JSON nested too deeply", path="$", source=name) from None


def dumps(doc: ElementList) -> str:
    """The document as compact JSON, with every field it was loaded with."""
    return dumpb(doc).decode("utf-8")


def dumpb(doc: ElementList) -> bytes:
    """Like :func:`dumps`, as UTF-8 bytes."""
    data = _encoder.encode(doc)
    if _EXTRA_MARK not in data:
        return data
    return _encoder.encode(_merge_extras(msgspec.to_builtins(doc)))


def _merge_extras(node: Any) -> Any:
    """Put each object's unknown fields back in place of the model's carrier key."""
    if isinstance(node, dict):
        extra = node.pop(EXTRA_KEY, None)
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                node[key] = _merge_extras(value)
        if extra:
            node.update(extra)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, (dict, list)):
                node[i] = _merge_extras(value)
    return node


def _strip_bom(data: bytes) -> bytes:
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data
    return data


def _decode_keeping_extras(data: bytes, name: str | None) -> ElementList:
    try:
        tree = _generic_decoder.decode(data)
    except msgspec.DecodeError as exc:
        raise _decode_error(exc, data, name) from None
    except UnicodeDecodeError:  # msgspec's generic decoder lets this one through
        raise ElementListError(
            "JSON is malformed: invalid UTF-8 in a string", source=name
        ) from None
    except RecursionError:
        raise ElementListError("JSON nested too deeply", path="$", source=name) from None
    return _from_dict(tree, name)


def _from_dict(tree: Any, name: str | None) -> ElementList:
    extras: list[tuple[PathKey, dict[str, Any]]] = []
    try:
        clean = _strip(tree, ElementList, (), extras)
        doc = msgspec.convert(clean, ElementList)
    except msgspec.ValidationError as exc:
        raise _validation_error(exc, name) from None
    except RecursionError:
        raise ElementListError("JSON nested too deeply", path="$", source=name) from None
    for path, extra in extras:
        _node_at(doc, path).extra_fields = extra  # type: ignore[attr-defined]
    return doc


def _strip(
    node: Any, cls: type[_Node], path: PathKey, out: list[tuple[PathKey, dict[str, Any]]]
) -> Any:
    """A copy of ``node`` without unknown fields; those are appended to ``out`` by path."""
    if not isinstance(node, dict):
        return node  # msgspec.convert reports the wrong type with its path
    known = _FIELDS[cls]
    children = _CHILDREN[cls]
    clean: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in node.items():
        if key not in known:
            extra[key] = value
            continue
        child = children.get(key)
        if child is not None:
            if key in _MAPS and isinstance(value, dict):
                value = {k: _strip(v, child, (*path, key, k), out) for k, v in value.items()}
            elif isinstance(value, list):
                value = [_strip(v, child, (*path, key, i), out) for i, v in enumerate(value)]
        clean[key] = value
    if extra:
        out.append((path, extra))
    return clean


def _node_at(doc: ElementList, path: PathKey) -> _Node:
    node: Any = doc
    for key in path:
        node = node[key] if isinstance(key, int) or isinstance(node, dict) else getattr(node, key)
    return node  # type: ignore[no-any-return]


def _validation_error(exc: msgspec.ValidationError, name: str | None) -> ElementListError:
    match = _AT.match(str(exc))
    assert match is not None
    return ElementListError(match["msg"], path=match["path"] or "$", source=name)


def _decode_error(exc: msgspec.DecodeError, data: bytes, name: str | None) -> ElementListError:
    text = str(exc)
    m = _BYTE.search(text)
    if m is None:
        return ElementListError(text, source=name)
    offset = int(m.group(1))
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return ElementListError(_BYTE.sub("", text).rstrip(), line=line, column=column, source=name)


def iter_paths(doc: ElementList) -> Iterator[tuple[PathKey, _Node]]:
    """Every object of the document with its path (for tools that walk the tree)."""
    yield (), doc
    for i, seg in enumerate(doc.segments):
        yield ("segments", i), seg
        for j, seq in enumerate(seg.sequences):
            yield ("segments", i, "sequences", j), seq
            for k, tok in enumerate(seq.tokens):
                yield ("segments", i, "sequences", j, "tokens", k), tok
