"""Duplicate keys: a known key twice in one object of the model is refused.

msgspec (like most JSON readers) keeps the last of two equal keys, so a second
``"segments": []`` would silently empty a document. After msgspec has accepted the input,
:func:`find_duplicate_key` looks for the first key that the model defines and that occurs
twice in the same document, segment, sequence, token, speaker, keyword/topic/entity or time
range, and for a term given twice in ``keywords``/``topics``/``entities``. "First" is in
byte order of the second occurrence. Keys the model does not define may repeat (the last
value is kept, as in any JSON reader); so may keys inside their values.

The compiled twin, ``_scan.find_duplicate_key``, walks the bytes without building anything;
this pure one reads them with :func:`json.loads` and an ``object_pairs_hook``. Both answer
the same ``(key, location)`` or None, and are only asked about JSON msgspec has accepted.

The pure walk costs ten times msgspec's decode, so without the extension a document that
decoded on the fast path (no unknown field anywhere) is first checked by counting: see
:func:`may_repeat_a_key`.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from .. import kernels as kernel
from ..gcpause import paused_gc
from .model import CHILDREN, KEYED_MAPS, KNOWN_KEYS, ElementListTree, PathKey, _Node

Duplicate = tuple[str, PathKey]


class _Pairs(list[tuple[str, Any]]):
    """An object's members in input order, duplicates kept."""


def _ignore(_: str) -> int:
    return 0  # numbers are never looked at (and a 5000-digit int must not stop us)


def find_duplicate_key_pure(data: bytes) -> Duplicate | None:
    """The first duplicate known key in the ElementList JSON ``data``, or None."""
    try:
        with paused_gc():  # a million small lists, none of them in a cycle
            tree = json.loads(
                data,
                object_pairs_hook=_Pairs,
                parse_int=_ignore,
                parse_float=_ignore,
                parse_constant=_ignore,
            )
    except (ValueError, RecursionError):  # not for us to say: msgspec has accepted it
        return None
    return _first_in(tree, ElementListTree, ()) if isinstance(tree, _Pairs) else None


def _first_in(pairs: _Pairs, cls: type[_Node], location: PathKey) -> Duplicate | None:
    known = KNOWN_KEYS[cls]
    children = CHILDREN[cls]
    seen: set[str] = set()
    for key, value in pairs:
        if key not in known:
            continue
        if key in seen:
            return key, location
        seen.add(key)
        child = children.get(key)
        if child is None:
            continue
        here = (*location, key)
        if key in KEYED_MAPS:
            if isinstance(value, _Pairs):
                terms: set[str] = set()
                for term, meta in value:
                    if term in terms:
                        return term, here
                    terms.add(term)
                    if isinstance(meta, _Pairs):
                        found = _first_in(meta, child, (*here, term))
                        if found is not None:
                            return found
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, _Pairs):
                    found = _first_in(item, child, (*here, i))
                    if found is not None:
                        return found
    return None


_encoder = msgspec.json.Encoder()


def may_repeat_a_key(data: bytes, doc: ElementListTree) -> bool:
    """False only when ``data``, which decoded to ``doc`` with no unknown field, surely
    holds no key twice; cheap (one encode, two counts).

    Every ``:`` outside a string separates one member of one object. Without unknown
    fields every object is one of the model's (or a keyword map), and encoding ``doc``
    writes each member it kept once (every default is UNSET, which is never written), with
    every string as it was read. So ``data`` has as many ``:`` as the encoding plus one per
    member a repeated key dropped (and the ``:`` inside what that member held), unless a
    string in ``data`` spells a colon as an escape (``\\u003a``), which the encoding
    writes as ``:``.
    """
    if b"\\u003" in data:
        return True
    return data.count(b":") != _encoder.encode(doc).count(b":")


def first_duplicate(data: bytes, doc: ElementListTree | None = None) -> Duplicate | None:
    """:func:`find_duplicate_key`, skipped without the extension when ``doc`` (what the
    fast path decoded from ``data``) proves there is none."""
    if _compiled is None and doc is not None and not may_repeat_a_key(data, doc):
        return None
    return find_duplicate_key(data)  # type: ignore[no-any-return]


def _choose() -> Any:
    if _compiled is None:
        return find_duplicate_key_pure
    compiled = _compiled.find_duplicate_key

    def find_duplicate_key_compiled(data: bytes) -> Duplicate | None:
        found = compiled(data)
        if found is False:  # the compiled walk could not follow the bytes: ask the twin
            return find_duplicate_key_pure(data)
        return found  # type: ignore[no-any-return]

    return find_duplicate_key_compiled


_compiled = kernel.compiled("_scan")
find_duplicate_key = _choose()
