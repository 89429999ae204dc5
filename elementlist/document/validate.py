"""The ElementList rules (reference 5.2.2, as real cielo24 data keeps them) → a Report.

``validate`` never raises on a document that decoded. Each violation has a stable code, a
severity, the JSON path of the offending value and a one-line message. Paths are kept as
tuples and only turned into text when read.

Tolerances (what real cielo24 data does, accepted on purpose):
- zero-length punctuation tokens (cielo24 puts them at the previous word's end);
- punctuation tokens after the ENDS_SENTENCE token of a segment (a closing quote);
- the ``SOUND`` tag, which is in no enumeration but is in cielo24's own example;
- ``speaker_id: false`` (or null) meaning "no speaker";
- fields the format does not define (kept, not reported).

A model built in Python can hold what decoding refuses (a time of 10**400, NaN): those are
reported (EL-TIME-RANGE), never an exception, and every message shows such a value short.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from msgspec import UNSET

from ..errors import InvalidDocumentError
from .model import (
    MAX_TIME_MS,
    ElementList,
    Meta,
    PathKey,
    Segment,
    Sequence,
    Speaker,
    Token,
    format_path,
)
from .vocabulary import ENDS_SENTENCE, KIND_BY_TYPE, KNOWN_TAGS, TokenKind

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"

SUPPORTED_VERSIONS = (2, 3)

# code → what it checks (the stable list; docs/validation.md explains each)
CODES: dict[str, tuple[Severity, str]] = {
    "EL-VERSION": (ERROR, "version is 2 or 3"),
    "EL-TIME-NOT-INT": (ERROR, "times are whole milliseconds"),
    "EL-NEG-TIME": (ERROR, "times are >= 0"),
    "EL-TIME-RANGE": (ERROR, f"times are numbers within ±{MAX_TIME_MS} ms (one week)"),
    "EL-TIME-ORDER": (ERROR, "start_time <= end_time"),
    "EL-ZERO-LENGTH": (ERROR, "segments, sequences, words and sounds have a length"),
    "EL-OVERLAP": (ERROR, "siblings do not overlap and come in time order"),
    "EL-OUTSIDE-PARENT": (ERROR, "children lie inside their parent's span"),
    "EL-TOKEN-TYPE": (ERROR, "token type is word/punctuation/sound or 0/1/2"),
    "EL-UNKNOWN-SPEAKER": (ERROR, "speaker_id names a speaker in speakers"),
    "EL-DUP-SPEAKER": (ERROR, "speaker ids in speakers are unique"),
    "EL-SENTENCE-INSIDE": (ERROR, "ENDS_SENTENCE only on the last token of a segment"),
    "EL-NO-SENTENCE-END": (WARNING, "a speech segment ends a sentence"),
    "EL-UNKNOWN-TAG": (WARNING, "tags are in the enumeration"),
    "EL-META-RANGE": (WARNING, "keyword/topic/entity ranges lie inside the document"),
}

_SINGULAR = {"keywords": "keyword", "topics": "topic", "entities": "entity"}
# plain ints for the loops over tokens (an enum member is slow to reach)
_UNKNOWN = int(TokenKind.UNKNOWN)
_WORD = int(TokenKind.WORD)
_PUNCTUATION = int(TokenKind.PUNCTUATION)
_TOKEN_NOUN = {
    TokenKind.WORD: "word",
    TokenKind.PUNCTUATION: "punctuation token",
    TokenKind.SOUND: "sound token",
}


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: its code (``EL-…``, docs/validation.md), severity, where and what."""

    code: str
    severity: Severity
    location: PathKey
    message: str

    @property
    def path(self) -> str:
        """Where, as a JSON path: ``$.segments[3].start_time``."""
        return format_path(self.location)

    def __str__(self) -> str:
        return f"{self.path}: {self.severity} {self.code}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        """The violation as JSON-ready data, its location as ``path``."""
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """Every violation ``validate`` found, in document order."""

    violations: tuple[Violation, ...] = field(default=())

    @property
    def errors(self) -> tuple[Violation, ...]:
        """The violations of severity error."""
        return tuple(v for v in self.violations if v.severity == ERROR)

    @property
    def warnings(self) -> tuple[Violation, ...]:
        """The violations of severity warning."""
        return tuple(v for v in self.violations if v.severity == WARNING)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not any(v.severity == ERROR for v in self.violations)

    def passes(self, strict: bool = False) -> bool:
        """No errors; with ``strict``, no warnings either."""
        return not self.violations if strict else self.ok

    def codes(self) -> list[str]:
        """The code of every violation, in order (repeats kept)."""
        return [v.code for v in self.violations]

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: counts and every violation (``validate --json``)."""
        return {
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "violations": [v.to_dict() for v in self.violations],
        }


def validate(doc: ElementList) -> Report:
    """Check ``doc`` against every rule; return all violations in document order."""
    return Report(tuple(_check_document(doc)))


def _v(code: str, location: PathKey, message: str) -> Violation:
    return Violation(code, CODES[code][0], location, message)


def _shown(value: Any) -> str:
    """A number for a message: as written, or short when it is an enormous int (Python
    will not even print one past 4300 digits)."""
    if isinstance(value, int) and not -(10**20) < value < 10**20:
        exponent = int(abs(value).bit_length() * 0.30103)
        return f"{'-' if value < 0 else ''}about 10^{exponent}"
    return repr(value)


def _span(node: Any) -> str:
    return f"{_shown(node.start_time)}-{_shown(node.end_time)}"


def _in_range(value: Any) -> bool:
    return bool(-MAX_TIME_MS <= value <= MAX_TIME_MS)  # False for NaN too


def _check_time(value: Any, location: PathKey) -> Iterator[Violation]:
    if not _in_range(value):
        yield _v(
            "EL-TIME-RANGE",
            location,
            f"time {_shown(value)} is not within ±{MAX_TIME_MS} ms (one week)",
        )
        return
    if isinstance(value, float) and not value.is_integer():
        yield _v("EL-TIME-NOT-INT", location, f"time {value!r} is not a whole number of ms")
    if value < 0:
        yield _v("EL-NEG-TIME", location, f"time {value!r} is negative")


def _check_span(node: Any, location: PathKey, what: str, zero_ok: bool) -> Iterator[Violation]:
    start, end = node.start_time, node.end_time
    yield from _check_time(start, (*location, "start_time"))
    yield from _check_time(end, (*location, "end_time"))
    if start > end:
        yield _v(
            "EL-TIME-ORDER",
            (*location, "end_time"),
            f"{what} ends at {_shown(end)}, before it starts at {_shown(start)}",
        )
    elif start == end and not zero_ok:
        yield _v("EL-ZERO-LENGTH", location, f"{what} has zero length (at {_shown(start)} ms)")


def _check_siblings(
    nodes: list[Any], location: PathKey, key: str, what: str, parent: Any | None, parent_what: str
) -> Iterator[Violation]:
    previous_end: Any = None
    for i, node in enumerate(nodes):
        here = (*location, key, i)
        if previous_end is not None and node.start_time < previous_end:
            yield _v(
                "EL-OVERLAP",
                (*here, "start_time"),
                f"{what} starts at {_shown(node.start_time)}, before the previous one ends at "
                f"{_shown(previous_end)}",
            )
        previous_end = node.end_time if previous_end is None else max(previous_end, node.end_time)
        if parent is not None and (
            node.start_time < parent.start_time or node.end_time > parent.end_time
        ):
            yield _v(
                "EL-OUTSIDE-PARENT",
                here,
                f"{what} {_span(node)} lies outside its {parent_what} {_span(parent)}",
            )


def _check_document(doc: ElementList) -> Iterator[Violation]:
    if doc.version not in SUPPORTED_VERSIONS or isinstance(doc.version, bool):
        yield _v("EL-VERSION", ("version",), f"version {_shown(doc.version)} is not 2 or 3")
    has_span = doc.start_time is not UNSET and doc.end_time is not UNSET
    if doc.start_time is not UNSET:
        yield from _check_time(doc.start_time, ("start_time",))
    if doc.end_time is not UNSET:
        yield from _check_time(doc.end_time, ("end_time",))
    if has_span and doc.start_time > doc.end_time:  # type: ignore[operator]
        yield _v(
            "EL-TIME-ORDER",
            ("end_time",),
            f"document ends at {_shown(doc.end_time)}, before it starts at "
            f"{_shown(doc.start_time)}",
        )
    speaker_ids = None if doc.speakers is UNSET else {s.id for s in doc.speakers}
    if doc.speakers is not UNSET and len(speaker_ids or ()) < len(doc.speakers):
        yield from _check_speaker_ids(doc.speakers)
    yield from _check_siblings(
        doc.segments, (), "segments", "segment", doc if has_span else None, "document"
    )
    for i, segment in enumerate(doc.segments):
        yield from _check_segment(segment, ("segments", i), speaker_ids)
    for group in ("keywords", "topics", "entities"):
        metas = getattr(doc, group)
        if metas is not UNSET:
            yield from _check_meta(doc, group, metas)


def _check_speaker_ids(speakers: list[Speaker]) -> Iterator[Violation]:
    first_index: dict[int, int] = {}
    for i, speaker in enumerate(speakers):
        first = first_index.setdefault(speaker.id, i)
        if first != i:
            yield _v(
                "EL-DUP-SPEAKER",
                ("speakers", i, "id"),
                f"speaker id {_shown(speaker.id)} is already the id of speakers[{first}]",
            )


def _check_segment(
    segment: Segment, location: PathKey, speaker_ids: set[int] | None
) -> Iterator[Violation]:
    yield from _check_span(segment, location, "segment", zero_ok=False)
    sid = segment.speaker_id
    if sid is not UNSET and sid is not None and not isinstance(sid, bool):
        if speaker_ids is None:
            yield _v(
                "EL-UNKNOWN-SPEAKER",
                (*location, "speaker_id"),
                f"speaker_id {_shown(sid)} but the document has no speakers",
            )
        elif sid not in speaker_ids:
            yield _v(
                "EL-UNKNOWN-SPEAKER",
                (*location, "speaker_id"),
                f"speaker_id {_shown(sid)} is not in speakers",
            )
    yield from _check_siblings(
        segment.sequences, location, "sequences", "sequence", segment, "segment"
    )
    for j, sequence in enumerate(segment.sequences):
        if not _sequence_is_clean(sequence):
            yield from _check_sequence(sequence, (*location, "sequences", j))
    if not _sentences_are_clean(segment):
        tokens = [
            ((*location, "sequences", j, "tokens", k), t)
            for j, sequence in enumerate(segment.sequences)
            for k, t in enumerate(sequence.tokens)
        ]
        yield from _check_sentences(tokens, location)


# The fast paths: one tight pass that accepts what is plainly valid (whole-ms times, known
# types and tags, in order, inside the parent) and leaves anything else to the detailed
# checks below, which alone write violations. A 10-hour document validates in a fraction
# of the time, and there is still one statement of each rule.
def _fast_kind(t: object) -> int:
    """The kind of a ``type`` as real data writes it (a lower-case name or 0/1/2), else -1
    (and the detailed checks decide)."""
    return KIND_BY_TYPE.get(t, -1) if type(t) is str or type(t) is int else -1  # type: ignore[arg-type]


def _sequence_is_clean(sequence: Sequence) -> bool:
    first, last = sequence.start_time, sequence.end_time
    if type(first) is not int or type(last) is not int or not 0 <= first < last <= MAX_TIME_MS:
        return False
    previous_end = first
    for token in sequence.tokens:
        start, end = token.start_time, token.end_time
        if type(start) is not int or type(end) is not int:
            return False
        if start < previous_end or end > last or start > end:
            return False
        kind = _fast_kind(token.type)
        if kind < 0 or (start == end and kind != _PUNCTUATION):
            return False
        tags = token.tags
        if tags and not KNOWN_TAGS.issuperset(tags):  # type: ignore[arg-type]
            return False
        previous_end = end
    return True


def _sentences_are_clean(segment: Segment) -> bool:
    """No ENDS_SENTENCE before the end, and one at the end when there are words."""
    tokens = [t for sequence in segment.sequences for t in sequence.tokens]
    last = len(tokens) - 1
    while last > 0 and _fast_kind(tokens[last].type) == _PUNCTUATION:
        last -= 1
    has_words = ends = False
    for n, token in enumerate(tokens):
        kind = _fast_kind(token.type)
        if kind < 0:
            return False
        has_words = has_words or kind == _WORD
        tags = token.tags
        if tags and ENDS_SENTENCE in tags:  # type: ignore[operator]
            if n < last:
                return False
            ends = True
    return ends or not has_words


def _check_sequence(sequence: Sequence, location: PathKey) -> Iterator[Violation]:
    yield from _check_span(sequence, location, "sequence", zero_ok=False)
    yield from _check_siblings(sequence.tokens, location, "tokens", "token", sequence, "sequence")
    for k, token in enumerate(sequence.tokens):
        yield from _check_token(token, (*location, "tokens", k))


def _check_token(token: Token, location: PathKey) -> Iterator[Violation]:
    kind = token.kind
    if kind == _UNKNOWN:
        yield _v(
            "EL-TOKEN-TYPE",
            (*location, "type"),
            f"unknown token type {_shown(token.type)} (word, punctuation, sound or 0, 1, 2)",
        )
    what = _TOKEN_NOUN.get(kind, "token")
    yield from _check_span(token, location, what, zero_ok=kind == _PUNCTUATION)
    if token.tags is not UNSET:
        for n, tag in enumerate(token.tags):
            if tag not in KNOWN_TAGS:
                yield _v("EL-UNKNOWN-TAG", (*location, "tags", n), f"unknown tag {tag!r}")


def _check_sentences(tokens: list[tuple[PathKey, Token]], location: PathKey) -> Iterator[Violation]:
    """ENDS_SENTENCE only closes a segment; a segment with words should have one."""
    last_significant = len(tokens) - 1
    while last_significant > 0 and tokens[last_significant][1].kind == _PUNCTUATION:
        last_significant -= 1  # trailing punctuation (a closing quote) may follow the end mark
    has_words = False
    ends = False
    for n, (here, token) in enumerate(tokens):
        has_words = has_words or token.kind == _WORD
        if token.tags is not UNSET and ENDS_SENTENCE in token.tags:
            if n < last_significant:
                yield _v(
                    "EL-SENTENCE-INSIDE",
                    (*here, "tags"),
                    "ENDS_SENTENCE on a token that is not the last of its segment "
                    "(two sentences in one segment)",
                )
            else:
                ends = True
    if has_words and not ends:
        yield _v("EL-NO-SENTENCE-END", location, "segment with words has no ENDS_SENTENCE token")


def _check_meta(doc: ElementList, group: str, metas: dict[str, Meta]) -> Iterator[Violation]:
    start = None if doc.start_time is UNSET else doc.start_time
    end = None if doc.end_time is UNSET else doc.end_time
    for term, meta in metas.items():
        if meta.time_ranges is UNSET:
            continue
        for n, r in enumerate(meta.time_ranges):
            here = (group, term, "time_ranges", n)
            if not (_in_range(r.start_time) and _in_range(r.end_time)):
                yield from _check_time(r.start_time, (*here, "start_time"))
                yield from _check_time(r.end_time, (*here, "end_time"))
                continue
            outside = (
                r.start_time > r.end_time
                or (start is not None and r.start_time < start)
                or (end is not None and r.end_time > end)
                or r.start_time < 0
            )
            if outside:
                yield _v(
                    "EL-META-RANGE",
                    here,
                    f"{_SINGULAR[group]} {term!r} range {r.start_time!r}-{r.end_time!r} "
                    f"lies outside the document {_shown(start)}-{_shown(end)}",
                )


def require_valid(doc: ElementList) -> None:
    """Raise :class:`InvalidDocumentError` when ``doc`` has any violation (errors or
    warnings): what ``strict=True`` and ``--strict`` refuse."""
    refuse_violations(validate(doc))


def refuse_violations(report: Report) -> None:
    """Raise :class:`InvalidDocumentError` when ``report`` holds any violation."""
    if report.violations:
        first = report.violations[0]
        raise InvalidDocumentError(
            f"document has {len(report.errors)} error(s) and {len(report.warnings)} warning(s); "
            f"first: {first}",
            violations=report.violations,
        )
