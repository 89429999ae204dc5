"""Bytes, text, paths, files and dicts → :class:`~elementlist.document.model.ElementList`.

The fast path is one msgspec decoder compiled from the model's Structs, which rejects
unknown fields. Real data carries fields the format does not define, so when that decoder
meets one the document is decoded again generically, the unknown fields are set aside per
object (``obj.extra``) and the rest is converted to the model. ``dumps`` puts them back.

With the compiled scanner (``src_ext/_scan.pyx``, the kernel
:mod:`elementlist.table.from_bytes` renders from), :func:`loads` first asks it to read the
bytes: when it is sure of them (it accepts only what the decoder accepts) the document is
made not yet decoded (:func:`~elementlist.document.model.deferred_document`): it holds the
bytes and the scanner's columns, and the decoder below builds its tree the first time a
field is read. When the scanner is not sure, or missing (``ELEMENTLIST_PURE=1``), the
decoder runs at once, as it always did.

Every failure is one :class:`ElementListError` naming the JSON path, and for malformed JSON
the line and column, worded by :mod:`elementlist.document.decode_errors` whatever the
msgspec release; nothing else escapes, whatever the input. A known key given twice in one
object is refused (:mod:`elementlist.document.duplicates`), and so is a time beyond
``MAX_TIME_MS`` (see the model).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

import msgspec

from .. import kernels
from ..errors import ElementListError
from ..gcpause import paused_gc
from .decode_errors import (
    duplicate_key,
    from_decode_error,
    from_validation_error,
    key_not_a_string,
    reported_directly,
    too_deep,
    tree_with_huge_numbers,
)
from .duplicates import first_duplicate
from .model import (
    CHILDREN,
    EXTRA_KEY,
    KEYED_MAPS,
    KNOWN_KEYS,
    ElementList,
    ElementListTree,
    PathKey,
    _Node,
    deferred_document,
    document_of_tree,
    format_path,
    tree_of,
)

Source = (
    str | bytes | bytearray | memoryview | os.PathLike[str] | IO[bytes] | IO[str] | dict[str, Any]
)

_decoder = msgspec.json.Decoder(ElementListTree)
_generic_decoder = msgspec.json.Decoder()
_encoder = msgspec.json.Encoder()

_EXTRA_MARK = msgspec.json.encode(EXTRA_KEY)[1:-1]  # how the key looks inside encoded JSON


def load(source: Source, *, name: str | None = None) -> ElementList:
    """Decode an ElementList from a path, bytes, JSON text, a file object or a dict.

    A ``str`` that starts with ``{`` or ``[`` (after whitespace) is JSON text; any other
    ``str`` or an ``os.PathLike`` is a path. ``name`` is used in error messages in place of
    the path.

    Errors: input that is not an ElementList (malformed JSON, wrong types, a missing field,
    a duplicate key, a time beyond a week, nothing at all — ``b""``, ``""`` or a file with
    only whitespace) raises :class:`ElementListError`, an :class:`elementlist.Error`. A
    path that cannot be read raises the ``OSError`` Python raises for it
    (``FileNotFoundError``, ``IsADirectoryError``, ``PermissionError``), which names the
    path: catch ``(elementlist.Error, OSError)`` to catch both.
    """
    if source is None or isinstance(source, (dict, list, int, float)):  # already-decoded JSON
        return _from_dict(source, name)  # a dict cannot hold a key twice
    raw = source_bytes(source)
    if raw is not None:
        return loads(raw[0], name=name or raw[1])
    if hasattr(source, "read"):
        return loads(source.read(), name=name or getattr(source, "name", None))
    raise TypeError(f"cannot load an ElementList from {type(source).__name__}")


def is_json_text(text: str) -> bool:
    """A ``str`` source is JSON text when it starts with ``{`` or ``[`` (after whitespace);
    any other ``str`` is a path. The one place that decides."""
    return text.lstrip()[:1] in ("{", "[")


def source_path(source: object) -> str | None:
    """The path a source names (a ``str`` that is not JSON text, or an ``os.PathLike``), or
    None for every other kind of source."""
    if isinstance(source, (bytes, bytearray, memoryview)):  # before an ABC's isinstance
        return None
    if isinstance(source, str):
        if is_json_text(source):
            return None
        if not source.strip():
            raise ElementListError(
                "the input is empty (an empty string is neither a path nor JSON text)"
            )
    if not isinstance(source, (str, os.PathLike)):
        return None
    path = os.fspath(source)
    if not isinstance(path, str) or "\0" in path:
        raise ElementListError("not a path: it holds a NUL character or is not text")
    return path


def source_bytes(source: object) -> tuple[bytes, str | None] | None:
    """The JSON bytes of ``source`` and its name for messages, for the sources that
    :func:`load` reads as JSON bytes (bytes-likes, JSON text, paths); None for the others
    (a model, a dict, a file object)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), None
    if isinstance(source, str) and is_json_text(source):
        return source.encode("utf-8", "surrogatepass"), None  # as loads() encodes text
    path = source_path(source)
    if path is None:
        return None
    return Path(path).read_bytes(), path


_compiled_scan = kernels.compiled("_scan")
_scan = None if _compiled_scan is None else _compiled_scan.scan


def loads(data: bytes | str, *, name: str | None = None) -> ElementList:
    """Decode an ElementList from JSON bytes or text.

    Input the compiled scanner reads without doubt (the usual case) gives a document not
    yet decoded: it holds ``data`` and the scanner's columns, renders from those, and
    builds its tree when a field is first read or set (:class:`ElementList`,
    ``decoded``). Input the decoder refuses raises here, whichever way it is read."""
    raw = _strip_bom(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if _scan is not None and type(raw) is bytes:
        scanned = _scan(raw)
        if scanned is not None:
            return deferred_document(raw, scanned, _decode_tree, loads)
    return document_of_tree(_decode_tree(raw, name))


def loads_decoded(data: bytes | str, *, name: str | None = None) -> ElementList:
    """:func:`loads` with the tree built at once, the scanner not asked: for a caller that
    reads the whole tree anyway (validation), or that the scanner has just turned down, so
    that it does not pay for a scan it would not use."""
    raw = _strip_bom(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return document_of_tree(_decode_tree(raw, name))


def _decode_tree(raw: bytes, name: str | None = None) -> ElementListTree:
    """The tree of the JSON ``raw`` (a BOM already stripped), or the ElementListError."""
    try:
        with paused_gc():
            doc = _decoder.decode(raw)
    except msgspec.ValidationError as exc:
        if reported_directly(exc):
            raise from_validation_error(exc, name) from None
        return _decode_keeping_extras(raw, name)  # an unknown field: keep it
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        raise from_decode_error(exc, raw, name) from None
    except RecursionError:
        raise too_deep(name) from None
    _refuse_duplicates(raw, name, doc)
    return doc


def _refuse_duplicates(raw: bytes, name: str | None, doc: ElementListTree | None = None) -> None:
    found = first_duplicate(raw, doc)
    if found is not None:
        key, location = found
        raise duplicate_key(key, format_path(location), name)


def dumps(doc: ElementList) -> str:
    """The document as compact JSON, with every field it was loaded with."""
    return dumpb(doc).decode("utf-8")


def dumpb(doc: ElementList) -> bytes:
    """Like :func:`dumps`, as UTF-8 bytes."""
    tree = tree_of(doc)
    data = _encoder.encode(tree)
    if _EXTRA_MARK not in data:
        return data
    return _encoder.encode(_merge_extras(msgspec.to_builtins(tree)))


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


def _decode_keeping_extras(data: bytes, name: str | None) -> ElementListTree:
    try:
        tree = _generic_decoder.decode(data)
    except msgspec.ValidationError as exc:  # a number too large for any type
        # find its path when it is in a known field: read the tree with the huge numbers
        # as ±inf, which the model refuses where they are; else say where it is in the text
        tree = tree_with_huge_numbers(data)
        if tree is not None:
            _tree_of_dict(tree, name)
        raise from_validation_error(exc, name, data) from None
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        raise from_decode_error(exc, data, name) from None
    except RecursionError:
        raise too_deep(name) from None
    doc = _tree_of_dict(tree, name)
    _refuse_duplicates(data, name)
    return doc


def _from_dict(tree: Any, name: str | None) -> ElementList:
    return document_of_tree(_tree_of_dict(tree, name))


def _tree_of_dict(tree: Any, name: str | None) -> ElementListTree:
    extras: list[tuple[PathKey, dict[str, Any]]] = []
    try:
        clean = _strip(tree, ElementListTree, (), extras, name)
        doc = msgspec.convert(clean, ElementListTree)
    except msgspec.ValidationError as exc:
        raise from_validation_error(exc, name) from None
    except RecursionError:
        raise too_deep(name) from None
    for path, extra in extras:
        _node_at(doc, path).extra_fields = extra  # type: ignore[attr-defined]
    return doc


def _strip(
    node: Any,
    cls: type[_Node],
    path: PathKey,
    out: list[tuple[PathKey, dict[str, Any]]],
    name: str | None,
) -> Any:
    """A copy of ``node`` without unknown fields; those are appended to ``out`` by path."""
    if not isinstance(node, dict):
        return node  # msgspec.convert reports the wrong type with its path
    known = KNOWN_KEYS[cls]
    children = CHILDREN[cls]
    clean: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in node.items():
        if key not in known:
            if not isinstance(key, str):  # only a dict given to load() can have one
                raise key_not_a_string(key, format_path(path), name)
            extra[key] = value
            continue
        child = children.get(key)
        if child is not None:
            if key in KEYED_MAPS and isinstance(value, dict):
                value = {k: _strip(v, child, (*path, key, k), out, name) for k, v in value.items()}
            elif isinstance(value, list):
                value = [_strip(v, child, (*path, key, i), out, name) for i, v in enumerate(value)]
        clean[key] = value
    if extra:
        out.append((path, extra))
    return clean


def _node_at(doc: ElementListTree, path: PathKey) -> _Node:
    node: Any = doc
    for key in path:
        node = node[key] if isinstance(key, int) or isinstance(node, dict) else getattr(node, key)
    return node  # type: ignore[no-any-return]
