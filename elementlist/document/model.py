"""The ElementList data model (reference section 5.2.1), as typed msgspec Structs.

Optional fields are ``UNSET`` when the input did not carry them, so a document dumps back
to the JSON it was loaded from. Times are typed ``int | float`` so that a fractional time
decodes and is *reported* by ``validate`` rather than rejected here; but a time beyond
``MAX_TIME_MS`` either way is no time of any real recording, and decoding refuses it (so no
kernel ever sees a number that does not fit). Fields the format does not define are kept
per object in ``extra`` (see :mod:`elementlist.document.decode`).

The whole document is :class:`ElementList`, a plain class over the decoder's Struct,
:class:`ElementListTree`: a document loaded from bytes holds the bytes and the scanner's
columns until a field is first read (:func:`deferred_document`, :func:`tree_of`), and no
Struct could hold a field that is not there yet (msgspec's C code reads Struct fields
directly: the encoder, ``to_builtins``, ``structs.replace``, ``convert``).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar, overload

from msgspec import UNSET, Struct, UnsetType, field
from msgspec import Meta as Constraint

from .vocabulary import TokenKind, token_kind

# The bound of every time field, either sign: one week in ms. Far below int64 and exact in
# float64, so the kernels never overflow, wrap or lose precision; a real recording is hours.
MAX_TIME_MS = 604_800_000

_WITHIN_A_WEEK = Constraint(ge=-MAX_TIME_MS, le=MAX_TIME_MS)
Time = Annotated[int, _WITHIN_A_WEEK] | Annotated[float, _WITHIN_A_WEEK]

# The JSON key under which unknown fields travel inside the model (never seen in real data;
# ``dumps`` folds it back into the object it belongs to).
EXTRA_KEY = "__elementlist_unknown_fields__"


PathKey = tuple[str | int, ...]  # where a value is: ("segments", 3, "start_time")


def format_path(location: PathKey) -> str:
    """``("segments", 3, "start_time")`` → ``$.segments[3].start_time``."""
    parts = ["$"]
    for key in location:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        elif key.isidentifier():
            parts.append(f".{key}")
        else:
            parts.append(f"[{key!r}]")
    return "".join(parts)


def _extra_field() -> Any:
    return field(default=UNSET, name=EXTRA_KEY)


class _Node(Struct, omit_defaults=True, forbid_unknown_fields=True, gc=False):
    """Base of the model's Structs (``gc=False``: a document holds no reference cycles).

    Each subclass ends with ``extra_fields``: the fields of that object the format does not
    define, set only by the decoder's slow path (see :mod:`elementlist.document.decode`).
    """

    @property
    def extra(self) -> dict[str, Any]:
        """Fields of this object that the format does not define, in input order."""
        extra = getattr(self, "extra_fields", UNSET)
        return {} if extra is UNSET else extra  # type: ignore[no-any-return]


class TimeRange(_Node):
    """Where a keyword, topic or entity is spoken: a start and an end time in ms."""

    start_time: Time
    end_time: Time
    extra_fields: dict[str, Any] | UnsetType = _extra_field()


class Meta(_Node):
    """A keyword, topic or entity (the key of its dict is the term itself)."""

    display_name: str | UnsetType = UNSET
    url: str | UnsetType = UNSET
    time_ranges: list[TimeRange] | UnsetType = UNSET
    extra_fields: dict[str, Any] | UnsetType = _extra_field()


class Speaker(_Node):
    """A speaker of the document: its id (what segments' ``speaker_id`` names), name, gender."""

    id: int
    name: str | UnsetType = UNSET
    gender: str | UnsetType = UNSET
    extra_fields: dict[str, Any] | UnsetType = _extra_field()


class Token(_Node):
    """One word, punctuation mark or sound, with its times in ms and its tags."""

    start_time: Time
    end_time: Time
    value: str
    type: str | int
    display_as: str | UnsetType = UNSET
    tags: tuple[str, ...] | UnsetType = UNSET  # a tuple: most are empty, and () is shared
    interpolated: bool | UnsetType = UNSET
    style: str | UnsetType = UNSET
    extra_fields: dict[str, Any] | UnsetType = _extra_field()

    @property
    def kind(self) -> TokenKind:
        """WORD, PUNCTUATION or SOUND; UNKNOWN for a type the format does not know."""
        return token_kind(self.type)

    @property
    def text(self) -> str:
        """What to show: ``display_as``, or ``value`` when there is none."""
        return self.value if self.display_as is UNSET else self.display_as  # type: ignore[return-value]


class Sequence(_Node):
    """Tokens written together (a word and the punctuation on it), with times in ms."""

    start_time: Time
    end_time: Time
    tokens: list[Token]
    interpolated: bool | UnsetType = UNSET
    confidence_score: float | UnsetType = UNSET
    style: str | UnsetType = UNSET
    extra_fields: dict[str, Any] | UnsetType = _extra_field()


class Segment(_Node):
    """A run of sequences of one speaker (``speaker_id``), with times in ms."""

    start_time: Time
    end_time: Time
    sequences: list[Sequence]
    speaker_change: bool | UnsetType = UNSET
    speaker_id: int | bool | UnsetType | None = UNSET
    interpolated: bool | UnsetType = UNSET
    style: str | UnsetType = UNSET
    bad_timing: bool | UnsetType = UNSET
    extra_fields: dict[str, Any] | UnsetType = _extra_field()

    @property
    def speaker(self) -> int | None:
        """The speaker id, or None: absent, null and ``false`` all mean "no speaker"."""
        sid = self.speaker_id
        if sid is UNSET or sid is None or isinstance(sid, bool):
            return None
        return sid


class ElementListTree(_Node):
    """A whole document as msgspec Structs: the decoder's type, and what an
    :class:`ElementList` holds once its tree is built (its fields are ElementList's)."""

    version: int
    segments: list[Segment]
    start_time: Time | UnsetType = UNSET
    end_time: Time | UnsetType = UNSET
    language: str | UnsetType = UNSET
    speakers: list[Speaker] | UnsetType = UNSET
    keywords: dict[str, Meta] | UnsetType = UNSET
    topics: dict[str, Meta] | UnsetType = UNSET
    entities: dict[str, Meta] | UnsetType = UNSET
    extra_fields: dict[str, Any] | UnsetType = _extra_field()


T = TypeVar("T")


class _TreeField(Generic[T]):
    """A field of :class:`ElementList`, read and set on its tree (built first when the
    document still holds only its bytes)."""

    __slots__ = ("name",)

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, doc: None, owner: type) -> _TreeField[T]: ...
    @overload
    def __get__(self, doc: ElementList, owner: type) -> T: ...
    def __get__(self, doc: ElementList | None, owner: type) -> T | _TreeField[T]:
        if doc is None:
            return self
        return getattr(tree_of(doc), self.name)  # type: ignore[no-any-return]

    def __set__(self, doc: ElementList, value: T) -> None:
        setattr(tree_of(doc), self.name, value)


class _Pending:
    """What a document the decoder made from bytes the scanner was sure of holds until its
    tree is built: the bytes, what the scanner read from them (until rendering takes it, see
    :func:`scanned_for_rendering`), the decoder that builds the tree, the lock under which
    it does (once), and the loader that makes the document again when unpickled."""

    __slots__ = ("data", "decode", "load", "lock", "scanned")

    def __init__(
        self,
        data: bytes,
        scanned: object,
        decode: Callable[[bytes], ElementListTree],
        load: Callable[[bytes], ElementList],
    ) -> None:
        self.data = data
        self.scanned: object = scanned
        self.decode = decode
        self.load = load
        self.lock = threading.Lock()


class ElementList:
    """A whole document (version 2 or 3): its segments, speakers, language and metadata.

    ``elementlist.load``/``loads`` make one, ``dumps`` writes it back with every field it
    was loaded with. Made from bytes the compiled scanner reads (the usual case), it holds
    the bytes and the scanner's columns, not a tree of objects: rendering it uses those
    columns, and the tree (the Structs ``Segment``, ``Sequence``, ``Token`` …) is decoded
    the first time any field is read or set (``==``, ``repr``, ``dumps`` and ``validate``
    read them); from then on the document is that tree, and the bytes and columns are let
    go (until then it holds the bytes: about the size of its file). :attr:`decoded` says
    which; docs/sources.md tells the whole of it. Equality, ``repr``, pickling and copying
    are those of the tree (a document not yet decoded pickles as its bytes). Not a
    ``msgspec.Struct``: encode it with :func:`elementlist.dumps`/``dumpb``.
    """

    __slots__ = ("_pending", "_tree")
    __match_args__ = (
        "version",
        "segments",
        "start_time",
        "end_time",
        "language",
        "speakers",
        "keywords",
        "topics",
        "entities",
        "extra_fields",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable, like the Structs

    version: _TreeField[int] = _TreeField()
    segments: _TreeField[list[Segment]] = _TreeField()
    start_time: _TreeField[Time | UnsetType] = _TreeField()
    end_time: _TreeField[Time | UnsetType] = _TreeField()
    language: _TreeField[str | UnsetType] = _TreeField()
    speakers: _TreeField[list[Speaker] | UnsetType] = _TreeField()
    keywords: _TreeField[dict[str, Meta] | UnsetType] = _TreeField()
    topics: _TreeField[dict[str, Meta] | UnsetType] = _TreeField()
    entities: _TreeField[dict[str, Meta] | UnsetType] = _TreeField()
    extra_fields: _TreeField[dict[str, Any] | UnsetType] = _TreeField()

    def __init__(
        self,
        version: int,
        segments: list[Segment],
        start_time: Time | UnsetType = UNSET,
        end_time: Time | UnsetType = UNSET,
        language: str | UnsetType = UNSET,
        speakers: list[Speaker] | UnsetType = UNSET,
        keywords: dict[str, Meta] | UnsetType = UNSET,
        topics: dict[str, Meta] | UnsetType = UNSET,
        entities: dict[str, Meta] | UnsetType = UNSET,
        extra_fields: dict[str, Any] | UnsetType = UNSET,
    ) -> None:
        self._tree: ElementListTree | None = ElementListTree(
            version,
            segments,
            start_time,
            end_time,
            language,
            speakers,
            keywords,
            topics,
            entities,
            extra_fields,
        )
        self._pending: _Pending | None = None

    @property
    def decoded(self) -> bool:
        """Whether the tree is built: True for a document made in Python, from a dict, by
        an importer, or loaded without the compiled scanner; False for one loaded from
        bytes until a field is first read or set."""
        return self._tree is not None

    @property
    def extra(self) -> dict[str, Any]:
        """Fields of this object that the format does not define, in input order."""
        return tree_of(self).extra

    def tokens(self) -> list[Token]:
        """Every token in document order."""
        return [t for seg in self.segments for seq in seg.sequences for t in seq.tokens]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ElementList):
            return NotImplemented
        return tree_of(self) == tree_of(other)

    def __repr__(self) -> str:
        tree = repr(tree_of(self))
        return "ElementList" + tree[len(ElementListTree.__name__) :]

    def __copy__(self) -> ElementList:
        return document_of_tree(copy.copy(tree_of(self)))

    def __reduce__(self) -> tuple[Any, ...]:
        pending = self._pending
        tree = self._tree
        if tree is None and pending is not None:  # not decoded: its bytes, loaded again there
            return pending.load, (pending.data,)
        return document_of_tree, (tree_of(self),)


def document_of_tree(tree: ElementListTree) -> ElementList:
    """The ElementList whose tree is ``tree`` (as it is, not copied)."""
    doc = ElementList.__new__(ElementList)
    doc._tree = tree
    doc._pending = None
    return doc


def deferred_document(
    data: bytes,
    scanned: object,
    decode: Callable[[bytes], ElementListTree],
    load: Callable[[bytes], ElementList],
) -> ElementList:
    """A document not yet decoded: ``data``, which the scanner read as ``scanned``.
    ``decode(data)`` builds its tree when a field is first read (it must not fail: the
    scanner accepts only what the decoder accepts); ``load(data)`` makes the document
    again when it is unpickled (the scanner's columns are not pickled)."""
    doc = ElementList.__new__(ElementList)
    doc._tree = None
    doc._pending = _Pending(data, scanned, decode, load)
    return doc


def tree_of(doc: ElementList) -> ElementListTree:
    """The tree of ``doc``, decoded now when it holds only its bytes (once, under its
    lock: two threads asking at once get the same tree)."""
    tree = doc._tree
    if tree is not None:
        return tree
    pending = doc._pending
    assert pending is not None
    with pending.lock:
        tree = doc._tree
        if tree is None:
            tree = pending.decode(pending.data)
            doc._tree = tree
            doc._pending = None  # the bytes and the scanner's columns go
    return tree


def scanned_for_rendering(doc: ElementList) -> tuple[Any, bytes] | None:
    """What rendering a loaded document whose tree is not built uses instead of the tree:
    (what the scanner read at load time, the bytes). The scanner's columns are handed over
    to the first caller, and the document keeps only its bytes (so rendering can let go of
    the columns as it goes: holding them would cost a tenth of the input at the peak);
    later callers get ``(None, bytes)`` and read the bytes again. None when the tree is
    built: render the tree (it may have been edited)."""
    pending = doc._pending
    if doc._tree is not None or pending is None:
        return None
    with pending.lock:
        if doc._tree is not None:
            return None
        scanned, pending.scanned = pending.scanned, None
        return scanned, pending.data


# The shape of the tree, for the code that walks raw JSON beside the Structs (the decoder's
# slow path, the duplicate-key check): field name → the Struct its value holds, directly,
# as a list, or (the KEYED_MAPS fields) as a dict of them keyed by the term.
CHILDREN: dict[type[_Node], dict[str, type[_Node]]] = {
    ElementListTree: {
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
KEYED_MAPS = frozenset({"keywords", "topics", "entities"})
# the JSON keys each object of the model defines (its carrier of unknown fields aside)
KNOWN_KEYS: dict[type[_Node], frozenset[str]] = {
    cls: frozenset(cls.__struct_encode_fields__) - {EXTRA_KEY} for cls in CHILDREN
}
