"""The transforms' row edits, in Python: the pure twin of the compiled ``elementlist._rows``
(``src_ext/_rows.pyx``), which gives the same results in one pass each.

* :func:`kept_strings`, :func:`placed_strings`: a text column with rows dropped, or with
  rows inserted (the numpy columns beside it are a mask or a placement away);
  :func:`not_plain_printable`: the texts the clean-up must look at;
* :func:`listed_words`: the word rows whose value a word list holds (the disfluencies);
  :func:`listed_or_kind` those and the rows of one kind (the sounds) at once;
* :func:`removal_runs`: which rows a removal drops, and the repair around each run
  (the rule: :func:`~elementlist.table.removal.remove_tokens`);
* :func:`dropped_rows`: the row columns without the dropped rows, their flags handed on
  (the rule: :func:`~elementlist.table.removal.drop_rows`), and :func:`removed_rows`: a
  whole removal, the walk, the drop and the capitals, in one call (a short document's
  removal was two dozen numpy calls, each slow to start after a collection, issue 15);
* :func:`placed_rows`: the row columns with new rows placed among them, every column in
  one call;
* :func:`marker_changes`: where a table's speaker-change markers go, with the key each
  one's text depends on, and :func:`placed_markers`: the row columns with those markers
  placed (the rule: :func:`~elementlist.table.speaker_markers.insert_speaker_markers`;
  that step was a dozen numpy calls on arrays of a few items, issue 15);
* :func:`filled`: a table made from its fields (the compiled one fills its slots without
  running ``__init__``: a frozen dataclass stores each field through ``object.__setattr__``,
  and the transforms make several tables a document).

:mod:`elementlist.kernels` chooses between the two; ``tests/test_rows_twins.py`` holds them
to the same results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from ..document.vocabulary import TokenKind
from . import speakers  # a module: speakers imports token_table, which imports this
from .token_table import RowColumns, TokenFlag

BoolArray = npt.NDArray[np.bool_]

# plain ints for the loops over Python lists (an enum member's arithmetic is Python code)
_WORD = int(TokenKind.WORD)
_PUNCTUATION = int(TokenKind.PUNCTUATION)
_SPEAKER = int(TokenKind.SPEAKER)
_SPEAKER_CHANGE = int(TokenFlag.SPEAKER_CHANGE)
_SEGMENT_AND_CHANGE = int(TokenFlag.SEGMENT_START | TokenFlag.SPEAKER_CHANGE)
# a marker row's own flags, besides the SEGMENT_START it takes from the row it precedes
_MARKER_FLAGS = int(TokenFlag.SEQUENCE_START | TokenFlag.SPEAKER_CHANGE | TokenFlag.NO_BREAK_AFTER)
_SENTENCE_END = int(TokenFlag.SENTENCE_END)
_SEQUENCE_START = int(TokenFlag.SEQUENCE_START)
_SEGMENT_START = int(TokenFlag.SEGMENT_START)
# the flags a dropped row hands on to the next kept one
_FORWARD_FLAGS = np.uint16(
    TokenFlag.SEGMENT_START | TokenFlag.SPEAKER_CHANGE | TokenFlag.SEQUENCE_START
)
_WITHOUT_SEQUENCE_START = np.uint16(0xFFFF ^ TokenFlag.SEQUENCE_START)
_SENTENCE_END_BIT = np.uint16(TokenFlag.SENTENCE_END)

SENTENCE_FINAL_MARKS = frozenset(".?!…")


def kept_strings(column: list[str], keep: BoolArray) -> list[str]:
    """The items of ``column`` where ``keep`` is True, in a list made at its final size (one
    grown item by item would hold twice a long document's list while it moves)."""
    padded = np.zeros(len(keep) + 2, dtype=np.bool_)  # np.diff with prepend: 5x the time
    padded[1:-1] = keep
    edges = padded[1:] != padded[:-1]
    bounds = edges.nonzero()[0].tolist()
    out = [""] * int(np.count_nonzero(keep))
    at = 0
    for a, b in zip(bounds[0::2], bounds[1::2], strict=True):
        out[at : at + b - a] = column[a:b]
        at += b - a
    return out


def not_plain_printable(texts: list[str]) -> list[int]:
    """The indexes of the strings that are not printable ASCII alone (a character outside
    space to ``~``): only those can hold what the clean-up changes (a string of printable
    ASCII is clean), so it looks at those alone, not at a join of every token's text."""
    joined = "".join(texts)
    if joined.isascii() and joined.isprintable():
        return []
    return [i for i, t in enumerate(texts) if not (t.isascii() and t.isprintable())]


def placed_strings(
    column: list[str], new_at: npt.NDArray[np.intp], inserted: list[str]
) -> list[str]:
    """``column`` with ``inserted[k]`` at ``new_at[k]`` (increasing places in the new list),
    made at its final size."""
    out = [""] * (len(column) + len(inserted))
    previous = 0  # where the next stretch of old rows starts, in the old list
    for k, at in enumerate(new_at.tolist()):
        old_at = at - k
        out[previous + k : at] = column[previous:old_at]
        out[at] = inserted[k]
        previous = old_at
    out[previous + len(inserted) :] = column[previous:]
    return out


def listed_words(
    value: list[str],
    kind: npt.NDArray[np.int8],
    forms: Callable[[str], tuple[str, str]],
    listed: frozenset[str],
) -> BoolArray:
    """Per row: a word whose ``forms(value)`` (lower case, and that without its edge
    punctuation) has one in ``listed``. ``forms`` is asked once per distinct value, and not
    of a value that is its own forms (:func:`is_own_forms`)."""
    distinct = list(set(value))
    hits = {
        v
        for v in distinct
        if (v in listed if is_own_forms(v) else any(form in listed for form in forms(v)))
    }
    if not hits:
        return np.zeros(len(value), dtype=np.bool_)
    mask = np.fromiter(map(hits.__contains__, value), dtype=np.bool_, count=len(value))
    mask &= kind == _WORD
    return mask


def is_own_forms(value: str) -> bool:
    """A lower-case ASCII value that begins and ends with a letter or a digit: its lower
    case and its core (no edge punctuation) are itself, so the word lists' ``forms`` need not
    be asked (a cached call per word costs a cold look-up in a large cache, issue 15)."""
    return (
        value.isascii() and value[:1].isalnum() and value[-1:].isalnum() and value == value.lower()
    )


def listed_or_kind(
    value: list[str],
    kind: npt.NDArray[np.int8],
    forms: Callable[[str], tuple[str, str]],
    listed: frozenset[str],
    marked_kind: int,
) -> BoolArray | None:
    """Per row: :func:`listed_words` (none when ``listed`` is empty), or a token of
    ``marked_kind`` (the sounds, when every sound goes; -1: none); None when no row is."""
    mask = listed_words(value, kind, forms, listed) if listed else np.zeros(len(value), np.bool_)
    mask |= kind == marked_kind
    return mask if mask.any() else None


def removal_runs(
    core: BoolArray,
    kind: npt.NDArray[np.int8],
    flags: npt.NDArray[np.uint16],
    text: list[str],
) -> tuple[BoolArray, list[int], list[int]]:
    """One removal's walk over the runs of the ``core`` rows: the rows that go, the end
    marks that stay and lose their space (``attach``), and the rows that take a capital
    (``capitalise``, by their place before the drop; some may be dropped themselves)."""
    walk = _Walk(core, kind, flags, text)
    done = 0
    for i in core.nonzero()[0].tolist():
        if i >= done:  # not inside the run before
            done = walk.remove_run(i)
    return walk.drop, walk.attach, walk.capitalise


def is_final_text(text: str) -> bool:
    """Punctuation text that ends a sentence: its last mark, spaces aside, is . ? ! or …"""
    stripped = text.strip()
    return bool(stripped) and stripped[-1] in SENTENCE_FINAL_MARKS


class _Walk:
    """The state of :func:`removal_runs`: plain lists for the walk, and the results."""

    def __init__(
        self,
        core: BoolArray,
        kind: npt.NDArray[np.int8],
        flags: npt.NDArray[np.uint16],
        text: list[str],
    ) -> None:
        self.n = len(core)
        self.drop = core.copy()
        self.core = core.tolist()
        self.kind = kind.tolist()
        self.flags = flags.tolist()
        self.text = text
        self.attach: list[int] = []
        self.capitalise: list[int] = []
        self._final_text: dict[str, bool] = {}

    def remove_run(self, i: int) -> int:
        """Remove the run that starts at the removed token ``i``; the row after it."""
        end, final = self._run_end(i)
        words_before = self._has_words_before(i)
        self.drop[i:end] = True
        if final >= 0 and words_before:  # the sentence keeps its end mark
            self.drop[final] = False
            self.attach.append(final)
            self._drop_dangling_before(i)
        elif final < 0:
            at_segment_end = end >= self.n or bool(self.flags[end] & _SEGMENT_START)
            if at_segment_end and words_before:
                self._drop_dangling_before(i)
            elif not words_before and not at_segment_end and self._took_a_capital(i, end):
                self.capitalise.append(end)
        return end

    def _run_end(self, i: int) -> tuple[int, int]:
        """Past the removed tokens and the punctuation attached to them from ``i``: the row
        where the run stops, and the sentence-final mark that ends it (-1 for none)."""
        end = i + 1
        while end < self.n:
            f = self.flags[end]
            if f & _SEGMENT_START:
                break
            if self.core[end]:
                end += 1
            elif self.kind[end] == _PUNCTUATION and not f & _SEQUENCE_START:
                end += 1
                if self._is_final(end - 1):
                    return end, end - 1
            else:
                break
        return end, -1

    def _is_final(self, j: int) -> bool:
        """Row ``j`` ends a sentence: ENDS_SENTENCE, or punctuation ending in . ? ! …"""
        if self.flags[j] & _SENTENCE_END:
            return True
        if self.kind[j] != _PUNCTUATION:
            return False
        t = self.text[j]
        hit = self._final_text.get(t)
        if hit is None:
            hit = self._final_text[t] = is_final_text(t)
        return hit

    def _has_words_before(self, i: int) -> bool:
        """A kept word before ``i`` in its sentence and segment."""
        q = i
        while True:
            if self.flags[q] & _SEGMENT_START:
                return False
            q -= 1
            if q < 0:
                return False
            if self.drop[q]:
                continue
            if self.kind[q] == _PUNCTUATION:
                if self._is_final(q):
                    return False
                continue
            return True

    def _drop_dangling_before(self, i: int) -> None:
        """Drop the punctuation left hanging right before ``i`` (a comma before a run)."""
        p = i - 1
        drop, kind = self.drop, self.kind
        while p >= 0 and not drop[p] and kind[p] == _PUNCTUATION and not self._is_final(p):
            drop[p] = True
            if self.flags[p] & _SEGMENT_START:
                break
            p -= 1

    def _took_a_capital(self, i: int, end: int) -> bool:
        """The run from word ``i`` began its sentence with a capital the word at ``end``
        should now carry."""
        return self.kind[i] == _WORD and self.kind[end] == _WORD and self.text[i][:1].isupper()


def dropped_rows(drop: BoolArray, attach: list[int], *columns: Any) -> RowColumns:
    """The row ``columns`` (:data:`~elementlist.table.token_table.ROW_COLUMNS` order)
    without the ``drop`` rows, moving their flags so none is lost: SEGMENT_START,
    SPEAKER_CHANGE and SEQUENCE_START go to the next kept row (SEQUENCE_START not onto
    punctuation, which stays attached to the word before it); SENTENCE_END goes to the
    previous kept row. The ``attach`` rows (kept) lose SEQUENCE_START."""
    start, end, kind, flags, speaker, tag, text, value = columns
    keep = ~drop
    kept = keep.nonzero()[0]
    dropped = drop.nonzero()[0]
    moved = flags.copy()
    if len(kept) and len(dropped):
        position = np.searchsorted(kept, dropped)
        old = flags[dropped]
        has_next = position < len(kept)
        targets = kept[position[has_next]]
        bits = old[has_next] & _FORWARD_FLAGS
        bits[kind[targets] == _PUNCTUATION] &= _WITHOUT_SEQUENCE_START
        np.bitwise_or.at(moved, targets, bits)
        ends = ((old & _SENTENCE_END_BIT) != 0) & (position > 0)
        np.bitwise_or.at(moved, kept[position[ends] - 1], _SENTENCE_END_BIT)
    if attach:
        moved[attach] &= _WITHOUT_SEQUENCE_START
    del kept, dropped  # a row index each: let them go before the copies
    return (start[keep], end[keep], kind[keep], moved[keep], speaker[keep], tag[keep],
            kept_strings(text, keep), kept_strings(value, keep))  # fmt: skip


def removed_rows(core: BoolArray, *columns: Any) -> RowColumns:
    """The row ``columns`` after removing the ``core`` rows: :func:`removal_runs`' walk,
    :func:`dropped_rows`, and a capital for each ``capitalise`` row that is kept."""
    kind, flags, text = columns[2], columns[3], columns[6]
    drop, attach, capitalise = removal_runs(core, kind, flags, text)
    kept = dropped_rows(drop, attach, *columns)
    if capitalise:
        new_text = kept[6]
        dropped_before = np.cumsum(drop).tolist()  # at a kept row: the drops before it
        for c in capitalise:
            if not drop[c]:
                at = c - dropped_before[c]
                t = new_text[at]
                new_text[at] = t[:1].upper() + t[1:]
    return kept


def placed_rows(new_at: npt.NDArray[np.intp], inserted: RowColumns, *columns: Any) -> RowColumns:
    """The row ``columns`` with the rows of ``inserted`` (the same columns, one item per new
    row) at the places ``new_at`` (increasing, in the new table) and the old rows, in
    their order, in the places left."""
    size = len(columns[6]) + len(new_at)
    is_old = np.ones(size, dtype=np.bool_)
    is_old[new_at] = False
    placed: list[Any] = []
    for column, new in zip(columns[:6], inserted[:6], strict=True):
        out = np.empty(size, dtype=column.dtype)
        out[is_old] = column
        out[new_at] = new
        placed.append(out)
    text = placed_strings(columns[6], new_at, inserted[6])
    value = placed_strings(columns[7], new_at, inserted[7])
    return (*placed, text, value)  # type: ignore[return-value]


MarkerChanges = tuple[
    npt.NDArray[np.intp], list[int], npt.NDArray[np.intp], npt.NDArray[np.uint16], bool
]


def marker_changes(
    kind: npt.NDArray[np.int8], flags: npt.NDArray[np.uint16], speaker: npt.NDArray[np.int32]
) -> MarkerChanges | None:
    """Where a table's speaker-change markers go, or None when it has them already (a row
    of kind SPEAKER: transformed twice).

    Gives ``(at, keys, spread, flags, stale)``: the change rows
    (:func:`~elementlist.table.speakers.speaker_changes`; a row without a speaker changes
    where SEGMENT_START comes with SPEAKER_CHANGE); the distinct keys a marker's text
    depends on, increasing (``2 * speaker``, and for a row without one -2, or -1 when its
    segment has no word: an Effects marker); for each change row the index of its key;
    the flags with the stale SPEAKER_CHANGE bits (rows that are no change) cleared; and
    whether any was stale.
    """
    if (kind == _SPEAKER).any():
        return None
    both = _SEGMENT_AND_CHANGE
    changes = speakers.speaker_changes(speaker, (flags & both) == both)
    stale = ((flags & _SPEAKER_CHANGE) != 0) & ~changes
    any_stale = bool(stale.any())
    new_flags = flags.copy()
    new_flags[stale] &= 0xFFFF ^ _SPEAKER_CHANGE
    at = changes.nonzero()[0]
    who = speaker[at]
    key = who.astype(np.int64) * 2
    unnamed = who < 0
    if unnamed.any():
        key[_sound_only_segments(kind, flags)[at] & unnamed] += 1
    keys, spread = np.unique(key, return_inverse=True)
    return at, keys.tolist(), spread.astype(np.intp), new_flags, any_stale


def _sound_only_segments(kind: npt.NDArray[np.int8], flags: npt.NDArray[np.uint16]) -> BoolArray:
    """Per row: True when its segment has no word (rows before the first SEGMENT_START
    belong to the segment it starts)."""
    segment = np.cumsum((flags & _SEGMENT_START) != 0) - 1
    segment = np.maximum(segment, 0)
    words = np.bincount(segment, weights=kind == _WORD, minlength=int(segment[-1]) + 1)
    only: BoolArray = words[segment] == 0
    return only


def placed_markers(
    at: npt.NDArray[np.intp],
    spread: npt.NDArray[np.intp],
    shown: list[str],
    lowered: list[str],
    *columns: Any,
) -> RowColumns:
    """The row ``columns`` with a SPEAKER row before each change row ``at[k]`` whose text
    ``shown[spread[k]]`` is not empty (its value: ``lowered[spread[k]]``). The marker
    starts and ends where its row starts, has its row's speaker, no tag, and the flags
    SEQUENCE_START, SPEAKER_CHANGE, NO_BREAK_AFTER and its row's SEGMENT_START; its row
    keeps SEQUENCE_START and loses SEGMENT_START and SPEAKER_CHANGE."""
    start, end, kind, flags, speaker, tag, text, value = columns
    with_marker = np.array([bool(t) for t in shown], dtype=np.bool_)[spread]
    rows, spread = at[with_marker], spread[with_marker]
    m = len(rows)
    new_flags = flags.copy()
    marker_flags = (new_flags[rows] & _SEGMENT_START) | _MARKER_FLAGS
    new_flags[rows] &= 0xFFFF ^ _SEGMENT_AND_CHANGE
    new_flags[rows] |= _SEQUENCE_START
    starts = start[rows]
    which = spread.tolist()
    markers = (
        starts,
        starts,
        np.full(m, _SPEAKER, dtype=np.int8),
        marker_flags.astype(np.uint16),
        speaker[rows],
        np.full(m, -1, dtype=np.int16),
        [shown[i] for i in which],
        [lowered[i] for i in which],
    )
    old = (start, end, kind, new_flags, speaker, tag, text, value)
    return placed_rows(rows + np.arange(m), markers, *old)


def filled(owner: type[Any], slots: tuple[Any, ...], values: tuple[Any, ...]) -> Any:
    """An ``owner`` holding ``values`` in its ``slots`` (its fields' member descriptors, in
    ``__init__``'s order, each once): ``owner(*values)``, for classes whose ``__init__``
    only stores them."""
    if len(values) != len(slots):
        raise ValueError(f"filled: {len(values)} values for {len(slots)} slots")
    return owner(*values)
