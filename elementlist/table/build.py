"""TokenTable: the flat, columnar view of a document's tokens that the kernels read.

One row per token in document order. Numeric facts live in numpy columns; display strings
stay a Python list (the writers need them as ``str`` anyway). Building the table is one
pass over the model, linear in the tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import compress
from typing import Any

import numpy as np
import numpy.typing as npt
from msgspec import UNSET

from .. import kernels as kernel
from ..document.decode import load, loads, source_bytes
from ..document.model import MAX_TIME_MS, TOKEN_KIND_BY_NAME, ElementList
from ..document.validate import require_valid
from ..errors import ElementListError

# kind column
WORD = 0
PUNCTUATION = 1
SOUND = 2
SPEAKER = 3  # a speaker-change marker inserted by the transforms, never in the input
UNKNOWN = -1

# flags column (bits)
SENTENCE_END = 1  # the token carries ENDS_SENTENCE
SEQUENCE_START = 2  # first token of a sequence: a space goes before it (spaced languages)
SEGMENT_START = 4  # first token of a segment
SPEAKER_CHANGE = 8  # first token of a segment whose speaker differs from the one before
NO_BREAK_AFTER = 16  # a line should not end after this token (set by the layout's prep)

ENDS_SENTENCE = "ENDS_SENTENCE"

# Languages written without spaces between words (primary subtags).
UNSPACED_LANGUAGES = frozenset({"ja", "zh", "cmn", "yue", "th", "lo", "km", "my", "bo", "jp"})

Int64Array = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class TokenTable:
    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int8]
    flags: npt.NDArray[np.uint16]
    speaker: npt.NDArray[np.int32]  # index into ``speakers``; -1 for none
    tag: npt.NDArray[np.int16]  # sound tag: index into ``tag_names``; -1 for none
    text: list[str]  # display form
    value: list[str]  # the lower-case value (word lists match on it)
    speakers: tuple[tuple[int, str], ...] = ()  # (id, name) per speaker index
    tag_names: tuple[str, ...] = ()
    language: str = ""

    def __len__(self) -> int:
        return len(self.text)

    @property
    def spaced(self) -> bool:
        """False for languages written without spaces between words."""
        return primary_language(self.language) not in UNSPACED_LANGUAGES

    def take(self, index: npt.ArrayLike) -> TokenTable:
        """A new table holding the rows at ``index`` (an int array or a boolean mask)."""
        idx = np.asarray(index)
        if idx.dtype == np.bool_:
            keep = idx.tolist()
            text = list(compress(self.text, keep))
            value = list(compress(self.value, keep))
        else:
            rows = idx.tolist()
            text = [self.text[i] for i in rows]
            value = [self.value[i] for i in rows]
        return replace(
            self,
            start=self.start[idx],
            end=self.end[idx],
            kind=self.kind[idx],
            flags=self.flags[idx],
            speaker=self.speaker[idx],
            tag=self.tag[idx],
            text=text,
            value=value,
        )

    def sound_tag(self, row: int) -> str:
        t = int(self.tag[row])
        return self.tag_names[t] if t >= 0 else ""


def primary_language(language: str) -> str:
    """``EN_US`` / ``en-US`` / ``en`` → ``en``."""
    return language.replace("_", "-").split("-", 1)[0].lower()


def _kind_of(type_: Any) -> int:
    if isinstance(type_, str):
        return TOKEN_KIND_BY_NAME.get(type_.lower(), UNKNOWN)
    if isinstance(type_, bool):
        return UNKNOWN
    return type_ if type_ in (0, 1, 2) else UNKNOWN


def fill_columns(
    segments: list[Any],
    speaker_index: dict[int, int],
    speakers: list[tuple[int, str]],
    tag_index: dict[str, int],
    kind_of: dict[Any, int],
    kind_fallback: Any,
) -> tuple[Any, ...]:
    """The columns of every token of ``segments`` (pure twin of ``_tokens.fill_columns``).

    ``speaker_index``/``speakers`` and ``tag_index`` grow as unseen speaker ids and sound
    tags are met; ``kind_of`` caches the kind of each ``type`` value.
    """
    starts: list[float] = []
    ends: list[float] = []
    kinds: list[int] = []
    flags: list[int] = []
    spk: list[int] = []
    tags: list[int] = []
    text: list[str] = []
    value: list[str] = []
    previous_speaker: int | None = None
    have_previous = False
    for seg in segments:
        sid = seg.speaker_id
        if sid is UNSET or sid is None or isinstance(sid, bool):
            speaker = -1
        else:
            speaker = speaker_index.get(sid, -1)
            if speaker < 0:  # an id missing from `speakers`: still a distinct speaker
                speaker_index[sid] = speaker = len(speakers)
                speakers.append((sid, ""))
        if speaker >= 0:
            changed = not have_previous or speaker != previous_speaker
        else:
            changed = seg.speaker_change is True
        segment_flag = SEGMENT_START | (SPEAKER_CHANGE if changed else 0)
        if speaker >= 0 or have_previous:
            previous_speaker, have_previous = speaker, True
        for seq in seg.sequences:
            sequence_flag = SEQUENCE_START
            for tok in seq.tokens:
                starts.append(tok.start_time)
                ends.append(tok.end_time)
                t = tok.type
                k = kind_of.get(t)
                if k is None:
                    k = kind_of[t] = kind_fallback(t)
                kinds.append(k)
                f = segment_flag | sequence_flag
                segment_flag = sequence_flag = 0
                tag = -1
                if tok.tags:
                    for name in tok.tags:
                        if name == ENDS_SENTENCE:
                            f |= SENTENCE_END
                        elif tag < 0 and k == SOUND:
                            tag = tag_index.setdefault(name, len(tag_index))
                if k == SOUND and tag < 0:  # untagged sound: its value names it ("[music]")
                    name = tok.value.strip("[]{}() ").upper() or "UNKNOWN"
                    tag = tag_index.setdefault(name, len(tag_index))
                flags.append(f)
                spk.append(speaker)
                tags.append(tag)
                shown = tok.display_as
                text.append(tok.value if shown is UNSET else shown)
                value.append(tok.value)
    return (
        _time_column(starts),
        _time_column(ends),
        np.array(kinds, dtype=np.int8),
        np.array(flags, dtype=np.uint16),
        np.array(spk, dtype=np.int32),
        np.array(tags, dtype=np.int16),
        text,
        value,
    )


# A time beyond any float64 becomes this (then the bound, like any time beyond it).
BEYOND_ANY_TIME = 1e300


def time_value(t: Any) -> float:
    """A model time as float64 for the table, for any value a model built in Python may
    hold: huge ints (beyond float64) saturate, other numbers convert as ``float()`` does.
    Decoded documents never need this (their times are inside the bound); the compiled
    builder calls it for every time that is not a plain ``int`` or ``float``."""
    try:
        return float(t)
    except OverflowError:
        return BEYOND_ANY_TIME if t > 0 else -BEYOND_ANY_TIME
    except (TypeError, ValueError):
        raise ElementListError(f"time {t!r:.40} is not a number") from None


def _time_column(times: list[Any]) -> npt.NDArray[np.float64]:
    try:
        return np.array(times, dtype=np.float64)
    except (OverflowError, TypeError, ValueError):  # an odd time in a model built in Python
        return np.array([time_value(t) for t in times], dtype=np.float64)


_compiled_tokens = kernel.compiled("_tokens")
_fill = fill_columns if _compiled_tokens is None else _compiled_tokens.fill_columns
_compiled_scan = kernel.compiled("_scan")
_scan = None if _compiled_scan is None else _compiled_scan.scan


def scanner_available() -> bool:
    """True when :func:`table_from_bytes` can use the compiled scanner."""
    return _scan is not None


def table_from_bytes(
    data: bytes | bytearray | memoryview, *, name: str | None = None
) -> TokenTable:
    """The TokenTable of the ElementList JSON in ``data``: ``build_token_table(loads(data))``.

    The compiled scanner reads the bytes straight into the columns; when it is missing or
    not sure (anything unusual, see src_ext/_scan.pyx) the full decoder decides, so errors
    are the same ElementListError ``loads`` raises (``name`` names the source in them).
    """
    raw = bytes(data)  # the same object for bytes; a copy for the others
    if _scan is not None:
        fields = _scan(raw)
        if fields is not None:
            start, end, *rest = fields
            return TokenTable(table_times(start), table_times(end), *rest)
    return build_token_table(loads(raw, name=name))


def build_token_table(doc: ElementList) -> TokenTable:
    """Flatten ``doc`` into a TokenTable in one pass."""
    speakers: list[tuple[int, str]] = []
    speaker_index: dict[int, int] = {}
    if doc.speakers is not UNSET:
        for sp in doc.speakers:
            if sp.id not in speaker_index:
                speaker_index[sp.id] = len(speakers)
                speakers.append((sp.id, "" if sp.name is UNSET else sp.name))
    tag_index: dict[str, int] = {}
    starts, ends, kinds, flags, spk, tags, text, value = _fill(
        doc.segments, speaker_index, speakers, tag_index, {}, _kind_of
    )
    return TokenTable(
        start=table_times(starts),
        end=table_times(ends),
        kind=kinds,
        flags=flags,
        speaker=spk,
        tag=tags,
        text=text,
        value=value,
        speakers=tuple(speakers),
        tag_names=tuple(tag_index),
        language="" if doc.language is UNSET else doc.language,
    )


def table_times(times: npt.NDArray[np.float64] | Int64Array) -> Int64Array:
    """A time column as the table holds it, for the scanner's and the model's alike: int64
    ms inside [0, MAX_TIME_MS]. A document that renders with violations renders whole, so
    what ``validate`` reports is made harmless here, in this one place: a time before zero
    becomes 0, a fraction is rounded, a time beyond the bound (only a model built in Python
    can hold one) becomes the bound, and NaN becomes 0. No numpy warning is possible: every
    value is in range before the cast."""
    if times.dtype == np.int64:  # the scanner's: whole and inside ±MAX_TIME_MS already
        if len(times) and int(times.min()) < 0:
            return np.maximum(times, 0)
        return times  # type: ignore[return-value]
    inside = np.fmin(np.fmax(times, 0.0), float(MAX_TIME_MS))  # fmax/fmin: NaN → 0
    return np.rint(inside).astype(np.int64)


def table_of(source: ElementList | TokenTable | Any, *, strict: bool = False) -> TokenTable:
    """The TokenTable of any source :func:`elementlist.load` takes, of an ElementList, or a
    TokenTable as it is (a batch builds one for several outputs): straight from the bytes
    when it can be. With ``strict`` the document is validated first and any violation
    raises :class:`InvalidDocumentError` (validation needs the model)."""
    if isinstance(source, TokenTable):
        if strict:
            raise TypeError("strict=True needs the document, not a TokenTable")
        return source
    if strict:
        doc = source if isinstance(source, ElementList) else load(source)
        require_valid(doc)
        return build_token_table(doc)
    if isinstance(source, ElementList):
        return build_token_table(source)
    raw = source_bytes(source)
    if raw is None:
        return build_token_table(load(source))
    return table_from_bytes(raw[0], name=raw[1])
