"""The one way every route reads a document in any input format: ``input_format``.

``elementlist.load(source, input_format="auto")``, the ``input_format=`` of get_caption,
get_transcript, captions(), validate and the batch, and the CLI's ``--from`` all come here.

- ``"elementlist"``: only a cielo24 ElementList, read by
  :func:`elementlist.document.decode.load` exactly as before (its errors unchanged).
- ``"auto"`` (the default): an ElementList is recognised first and cheaply — from the first
  :data:`~.source.PREFIX_BYTES` of the JSON: a ``"sequences": [`` key (no other source has
  one: one byte search), else an object with ``version``, or with ``segments`` whose first
  item has ``sequences`` — and then read exactly as with
  ``"elementlist"`` (for captions and transcripts straight from the bytes, the fast path).
  Anything else goes through :func:`~elementlist.importers.import_reporting`, which
  recognises the shape or refuses it with one error listing the names to pass.
- any other name (``whisper``, ``srt`` …, or an alias): that importer.

What a source may be is what :func:`elementlist.document.decode.load` takes: a path (a
``str`` that is not JSON text, or an ``os.PathLike``), bytes, JSON text, a file object, or
a decoded JSON value. Caption text is passed as bytes or a file object (a ``str`` that is
not JSON text is a path, as everywhere).
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..document.decode import Source, is_json_text, source_path
from ..document.decode import load as load_elementlist
from ..document.model import ElementList
from ..document.validate import Report
from ..document.validate import validate as validate_document
from ..errors import ElementListError
from . import AUTO, ELEMENTLIST, UnknownShapeError, import_reporting, resolve_source_format
from .elementlist import detect as detect_elementlist
from .source import PREFIX_BYTES, prefix_value

_WHITESPACE = b" \t\r\n"
# the key only an ElementList has (a word "sequences" is followed by a comma, not a colon)
_SEQUENCES_KEY = re.compile(rb'"sequences"[ \t\r\n]*:[ \t\r\n]*\[')
_COMPACT_SEQUENCES = b'"sequences":['  # as cielo24 serves it: a plain search, no regex
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def looks_like_elementlist(head: bytes) -> bool | None:
    """From the first bytes of a document: True for an ElementList (or a broken one: its
    errors are the ElementList's), False for another shape, None when the bytes cannot
    tell (malformed JSON: the ElementList decoder words the error). One short scan."""
    if head[:3] == _BOMS[0]:
        head = head[3:]
    elif head[:2] in _BOMS[1:]:
        return None  # UTF-16: the decoder converts it first
    first = head.lstrip(_WHITESPACE)[:1]
    if first == b"[":
        return False  # an ElementList is an object; several vendors' outputs are lists
    if first != b"{":
        return False if first else None  # caption text; nothing at all: "the input is empty"
    if _COMPACT_SEQUENCES in head or _SEQUENCES_KEY.search(head):  # the usual cases
        return True
    try:  # no segment in the first bytes: read the top level's keys as far as they go
        value = prefix_value(head.strip(_WHITESPACE))
    except RecursionError:  # nested too deeply: the decoder says so
        return None
    if not isinstance(value, dict):
        return None
    return is_elementlist_tree(value)


def is_elementlist_tree(tree: Any) -> bool:
    """An ElementList's shape: a ``version`` (no other source has one at the top), or
    ``segments`` whose first item has ``sequences``."""
    return isinstance(tree, dict) and ("version" in tree or detect_elementlist(tree))


def _head_of_file(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read(PREFIX_BYTES)


def _is_file_object(source: object) -> bool:
    return hasattr(source, "read") and not isinstance(source, (str, bytes, os.PathLike))


def _data_of(source: Any, name: str | None) -> tuple[Any, str | None]:
    """``source`` read once: (bytes or a decoded JSON value, its name for messages)."""
    if isinstance(source, (dict, list)):
        return source, name
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name
    if isinstance(source, str) and is_json_text(source):
        return source.encode("utf-8", "surrogatepass"), name
    path = source_path(source)
    if path is not None:
        with open(path, "rb") as f:
            return f.read(), name or path
    if _is_file_object(source):
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        return data, name or getattr(source, "name", None)
    return source, name  # a number, None, another type: the ElementList decoder says what


def _elementlist_first(data: Any) -> bool:
    """Whether ``auto`` reads ``data`` (read by :func:`_data_of`) as an ElementList."""
    if isinstance(data, bytes):
        return looks_like_elementlist(data[:PREFIX_BYTES]) is not False
    if isinstance(data, dict):
        return is_elementlist_tree(data)
    return not isinstance(data, list)  # not JSON of any source: the decoder's error


def load_reporting(
    source: Source, *, input_format: str = AUTO, name: str | None = None
) -> tuple[ElementList, str]:
    """:func:`load`, and the name of the format the source was read as."""
    fmt = resolve_source_format(input_format)
    if fmt == ELEMENTLIST:
        return load_elementlist(source, name=name), ELEMENTLIST
    data, name = _data_of(source, name)
    if fmt == AUTO and _elementlist_first(data):
        return load_elementlist(data, name=name), ELEMENTLIST
    return _imported(data, fmt, name)


def _imported(data: Any, fmt: str, name: str | None) -> tuple[ElementList, str]:
    """``data`` through the importers. Input of no shape we know is refused with the
    ElementList decoder's own words (``missing required field 'version'``, ``JSON is
    malformed …``) and the ``--from`` names to pass."""
    try:
        return import_reporting(data, fmt, name=name)
    except UnknownShapeError as unknown:
        if isinstance(data, bytes):
            text = data.lstrip(_WHITESPACE)[:1] not in (b"{", b"[")
        elif isinstance(data, dict):
            text = False
        else:
            raise
        try:
            load_elementlist(data, name=name)
        except ElementListError as exc:
            other = "caption file" if text else "other source"
            raise ElementListError(
                f"{exc.detail}{_where(exc)}, and no {other} we know either; "
                + unknown.detail.split("; ", 1)[-1],
                source=exc.source,
            ) from None
        raise  # pragma: no cover - what the ElementList decoder reads is an ElementList


def _where(exc: ElementListError) -> str:
    return f" (line {exc.line}, column {exc.column})" if exc.line is not None else ""


def load(source: Source, *, input_format: str = AUTO, name: str | None = None) -> ElementList:
    """An ElementList from a path, bytes, JSON text, a file object or a decoded JSON value,
    in any input format we import (docs/sources.md, "Other sources").

    ``input_format``: ``"auto"`` (default) recognises the source by its shape, a cielo24
    ElementList first; ``"elementlist"`` reads only an ElementList; any other name of
    ``elementlist formats --from`` (``"whisper"``, ``"deepgram"``, ``"srt"`` …) reads that
    source. ``name`` is used in error messages in place of the path.

    A cielo24 ElementList read from bytes the compiled scanner is sure of (a path, bytes,
    JSON text) is not decoded yet: it holds the bytes and the scanner's columns, renders
    from those, and builds its tree the first time a field is read or set
    (:class:`ElementList`, ``decoded``; docs/sources.md). Every error is raised here.

    Errors: an unknown ``input_format`` raises :class:`OptionError`; input that is not a
    valid ElementList, or not in the format named, or (``auto``) in no shape we know or in
    more than one, raises :class:`ElementListError` (naming the ``--from`` /
    ``input_format`` names to pass); a path that cannot be read raises ``OSError``.
    """
    return load_reporting(source, input_format=input_format, name=name)[0]


def table_source(source: Any, input_format: str = AUTO) -> Any:
    """What :func:`~elementlist.table.build.table_of` is to read for ``source`` given in
    ``input_format``: an ElementList's own source as it is (the table is built straight from
    its bytes), or the ElementList imported from any other source. A model or a table is
    taken as it is, whatever ``input_format`` says."""
    fmt = resolve_source_format(input_format)
    if fmt == ELEMENTLIST or not _readable(source):
        return source
    if fmt == AUTO:
        if isinstance(source, bytes):  # a short document's slice is the document itself
            if looks_like_elementlist(source[:PREFIX_BYTES]) is not False:
                return source
        elif isinstance(source, (bytearray, memoryview)):
            head = memoryview(source)[:PREFIX_BYTES]  # no copy of the rest
            if looks_like_elementlist(bytes(head)) is not False:
                return source
        elif isinstance(source, str) and is_json_text(source):
            if looks_like_elementlist(source[: 2 * PREFIX_BYTES].encode()) is not False:
                return source
        elif not _is_file_object(source) and not isinstance(source, (dict, list)):
            path = source_path(source)
            if path is not None and looks_like_elementlist(_head_of_file(path)) is not False:
                return source
    data, name = _data_of(source, None)
    if fmt == AUTO and _elementlist_first(data):
        return load_elementlist(data, name=name)
    return _imported(data, fmt, name)[0]


def _readable(source: object) -> bool:
    """A source to read (not a model, a table or another object the caller passes on)."""
    return isinstance(
        source, (str, bytes, bytearray, memoryview, os.PathLike, dict, list)
    ) or _is_file_object(source)


def validate(source: ElementList | Source, *, input_format: str = AUTO) -> Report:
    """The violations of the rules of the format (docs/validation.md) in ``source``: an
    ElementList, or any source :func:`load` reads in ``input_format``."""
    if isinstance(source, ElementList):
        return validate_document(source)
    return validate_document(load(source, input_format=input_format))


__all__ = [
    "is_elementlist_tree",
    "load",
    "load_reporting",
    "looks_like_elementlist",
    "table_source",
    "validate",
]
