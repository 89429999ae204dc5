"""The ElementList data model (reference section 5.2.1), as typed msgspec Structs.

Optional fields are ``UNSET`` when the input did not carry them, so a document dumps back
to the JSON it was loaded from. Times are typed ``int | float`` so that a fractional time
decodes and is *reported* by ``validate`` rather than rejected here; but a time beyond
``MAX_TIME_MS`` either way is no time of any real recording, and decoding refuses it (so no
kernel ever sees a number that does not fit). Fields the format does not define are kept
per object in ``extra`` (see :mod:`elementlist.document.decode`).
"""

from __future__ import annotations

from typing import Annotated, Any

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


class ElementList(_Node):
    """A whole document (version 2 or 3): its segments, speakers, language and metadata.

    ``elementlist.load``/``loads`` make one, ``dumps`` writes it back with every field it
    was loaded with.
    """

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

    def tokens(self) -> list[Token]:
        """Every token in document order."""
        return [t for seg in self.segments for seq in seg.sequences for t in seq.tokens]


# The shape of the tree, for the code that walks raw JSON beside the Structs (the decoder's
# slow path, the duplicate-key check): field name → the Struct its value holds, directly,
# as a list, or (the KEYED_MAPS fields) as a dict of them keyed by the term.
CHILDREN: dict[type[_Node], dict[str, type[_Node]]] = {
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
KEYED_MAPS = frozenset({"keywords", "topics", "entities"})
# the JSON keys each object of the model defines (its carrier of unknown fields aside)
KNOWN_KEYS: dict[type[_Node], frozenset[str]] = {
    cls: frozenset(cls.__struct_encode_fields__) - {EXTRA_KEY} for cls in CHILDREN
}
