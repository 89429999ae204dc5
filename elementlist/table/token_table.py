"""TokenTable: the flat, columnar view of a document's tokens that the kernels read.

One row per token in document order. Numeric facts live in numpy columns; display strings
stay a Python list (the writers need them as ``str`` anyway). The kind column holds
:class:`~elementlist.document.vocabulary.TokenKind` numbers, the flags column
:class:`TokenFlag` bits. Two builders make one: from the model
(:mod:`elementlist.table.from_model`) and straight from the bytes
(:mod:`elementlist.table.from_bytes`); :func:`elementlist.table.build.table_of` picks.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import IntFlag
from typing import Any

import numpy as np
import numpy.typing as npt

from ..document.model import MAX_TIME_MS
from ..document.vocabulary import TokenKind

Int64Array = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class TokenFlag(IntFlag):
    """The bits of the flags column (the Cython kernels share them through
    ``src_ext/token_constants.pxd``).

    To numpy a member is an ``int64``: ``flags & TokenFlag.X`` is an ``int64`` array. Where
    the result is stored in the column, give the bits as ``np.uint16(TokenFlag.X)``;
    :meth:`TokenTable.flagged` asks which rows have a bit."""

    SENTENCE_END = 1  # the token carries ENDS_SENTENCE
    SEQUENCE_START = 2  # first token of a sequence: a space goes before it (spaced languages)
    SEGMENT_START = 4  # first token of a segment
    SPEAKER_CHANGE = 8  # first token of a segment whose speaker differs from the one before
    NO_BREAK_AFTER = 16  # a line should not end after this token (set by the layout's prep)


# Languages written without spaces between words (primary subtags).
UNSPACED_LANGUAGES = frozenset({"ja", "zh", "cmn", "yue", "th", "lo", "km", "my", "bo", "jp"})


@dataclass(frozen=True, slots=True)
class TokenTable:
    """A document flattened to one row per token, as numpy columns and lists of text: what
    the transforms, the caption layout and the transcript read (docs/captions.md)."""

    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int8]  # TokenKind
    flags: npt.NDArray[np.uint16]  # TokenFlag bits
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

    def is_kind(self, kind: TokenKind) -> BoolArray:
        """Per row: True where the token is of ``kind`` (compared as a plain int: numpy
        takes about 4 us more for an enum operand, issue 15)."""
        same: BoolArray = self.kind == int(kind)
        return same

    def flagged(self, flag: TokenFlag) -> BoolArray:
        """Per row: True where any of the bits of ``flag`` is set."""
        marked: BoolArray = (self.flags & int(flag)) != 0
        return marked

    def with_columns(self, **changes: Any) -> TokenTable:
        """This table with the fields in ``changes`` replaced: ``dataclasses.replace`` at
        half its cost (the transforms make several tables a document, issue 15)."""
        if not changes.keys() <= _FIELD_NAMES:
            raise TypeError(f"TokenTable has no field {sorted(changes.keys() - _FIELD_NAMES)}")
        get = changes.get
        return table_of_fields(
            (
                get("start", self.start),
                get("end", self.end),
                get("kind", self.kind),
                get("flags", self.flags),
                get("speaker", self.speaker),
                get("tag", self.tag),
                get("text", self.text),
                get("value", self.value),
                get("speakers", self.speakers),
                get("tag_names", self.tag_names),
                get("language", self.language),
            )
        )

    def row_columns(self) -> RowColumns:
        """The columns with one item per row, in :data:`ROW_COLUMNS` order (what the row
        edits of :mod:`~elementlist.table.row_edits` take and give)."""
        return (self.start, self.end, self.kind, self.flags, self.speaker, self.tag,
                self.text, self.value)  # fmt: skip

    def with_row_columns(self, columns: RowColumns) -> TokenTable:
        """This table with its row columns replaced by ``columns`` (:data:`ROW_COLUMNS`
        order), its speakers, tag names and language kept."""
        return table_of_fields((*columns, self.speakers, self.tag_names, self.language))

    def take(self, index: npt.ArrayLike) -> TokenTable:
        """A new table holding the rows at ``index`` (an int array or a boolean mask)."""
        idx = np.asarray(index)
        if idx.dtype == np.bool_:
            text = row_edits.KERNEL.kept_strings(self.text, idx)
            value = row_edits.KERNEL.kept_strings(self.value, idx)
        else:
            rows = idx.tolist()
            text = [self.text[i] for i in rows]
            value = [self.value[i] for i in rows]
        return self.with_columns(
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
        """The sound tag of ``row`` (``"MUSIC"``), or ``""`` when it has none."""
        t = int(self.tag[row])
        return self.tag_names[t] if t >= 0 else ""


_FIELD_NAMES = frozenset(f.name for f in fields(TokenTable))
# the fields' member descriptors, in __init__'s order, for the row kernel's ``filled``
_SLOTS = tuple(vars(TokenTable)[f.name] for f in fields(TokenTable))
ROW_COLUMNS = ("start", "end", "kind", "flags", "speaker", "tag", "text", "value")
"""The fields with one item per row, in the order the row edits take and give them."""
RowColumns = tuple[Any, Any, Any, Any, Any, Any, list[str], list[str]]


def rows_where(mask: npt.NDArray[Any]) -> npt.NDArray[np.intp]:
    """The rows where the 1-D ``mask`` is true (non-zero): ``np.flatnonzero`` without its ravel and
    dispatch (1.6 us a call against 0.2 us; a short document makes a dozen, issue 15)."""
    rows: npt.NDArray[np.intp] = mask.nonzero()[0]
    return rows


def primary_language(language: str) -> str:
    """``EN_US`` / ``en-US`` / ``en`` → ``en``."""
    return language.replace("_", "-").split("-", 1)[0].lower()


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


# the row edits' kernel: after TokenFlag, which its pure twin reads
from . import row_edits  # noqa: E402


def table_of_fields(values: tuple[Any, ...]) -> TokenTable:
    """``TokenTable(*values)``, made by the row kernel (``filled``: the compiled one at a
    tenth of ``__init__``'s cost; issue 15)."""
    table: TokenTable = row_edits.KERNEL.filled(TokenTable, _SLOTS, values)
    return table
