"""Removing tokens (sounds, disfluencies, text the clean-up left blank) and repairing the
punctuation and capitals around what was removed; dropping rows without losing flags.

Steps 1-2 of :func:`~elementlist.table.transforms.apply_transforms`; docs/options.md
describes the repair with examples.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from ..document.vocabulary import TokenKind
from ..options.classes import CaptionOptions, TranscriptOptions
from .token_table import TokenFlag, TokenTable, rows_where
from .wordlists import WORD_EDGE_PUNCTUATION, WordLists

Options = CaptionOptions | TranscriptOptions
BoolArray = npt.NDArray[np.bool_]

SENTENCE_FINAL_MARKS = frozenset(".?!…")

# plain ints for the loops over Python lists (an enum member's arithmetic is Python code)
_WORD = int(TokenKind.WORD)
_PUNCTUATION = int(TokenKind.PUNCTUATION)
_SENTENCE_END = int(TokenFlag.SENTENCE_END)
_SEQUENCE_START = int(TokenFlag.SEQUENCE_START)
_SEGMENT_START = int(TokenFlag.SEGMENT_START)
# the flags a dropped row hands on to the next kept one
_FORWARD_FLAGS = np.uint16(
    TokenFlag.SEGMENT_START | TokenFlag.SPEAKER_CHANGE | TokenFlag.SEQUENCE_START
)
_WITHOUT_SEQUENCE_START = np.uint16(0xFFFF ^ TokenFlag.SEQUENCE_START)
_SENTENCE_END_BIT = np.uint16(TokenFlag.SENTENCE_END)


def removal_mask(table: TokenTable, options: Options, lists: WordLists) -> BoolArray | None:
    """The tokens the options remove (sounds, listed sounds, disfluencies), or None."""
    mask: BoolArray | None = None
    if options.remove_sound_references:
        mask = table.is_kind(TokenKind.SOUND)
    elif options.remove_sounds_list:
        wanted = set(options.remove_sounds_list)
        ids = [i for i, name in enumerate(table.tag_names) if name.upper() in wanted]
        if ids:
            mask = table.is_kind(TokenKind.SOUND) & np.isin(table.tag, ids)
    if options.remove_disfluencies and lists.disfluencies:
        disfluent = disfluency_mask(table, lists.disfluencies)
        mask = disfluent if mask is None else mask | disfluent
    return mask if mask is not None and mask.any() else None


def disfluency_mask(table: TokenTable, disfluencies: frozenset[str]) -> BoolArray:
    """True for word tokens whose lower-case value (edge punctuation stripped) is listed."""
    value = table.value
    distinct = list(set(value))
    listed = {
        v
        for v, (low, core) in zip(distinct, map(_matched_forms, distinct), strict=True)
        if low in disfluencies or core in disfluencies
    }
    if not listed:
        return np.zeros(len(table), dtype=np.bool_)
    mask = np.fromiter(map(listed.__contains__, value), dtype=np.bool_, count=len(value))
    mask &= table.kind == _WORD
    return mask


@lru_cache(maxsize=1 << 16)
def _matched_forms(value: str) -> tuple[str, str]:
    """The forms of a value a word list is matched against: lower case, and that stripped
    of edge punctuation (cached: a pure function of an immutable string, the same words
    recur in every document)."""
    low = value.lower()
    return low, low.strip(WORD_EDGE_PUNCTUATION)


def remove_tokens(table: TokenTable, core: BoolArray | None) -> TokenTable:
    """Drop the ``core`` tokens and repair the punctuation and capitals around them.

    A run is a removed token plus the punctuation attached to it (no space before), up to
    the next kept word, a segment start, or a sentence-final mark. The run's punctuation
    goes with it, except a sentence-final mark when the sentence keeps words before the
    run; then a comma left dangling before the run goes instead ("I think, um." → "I
    think."). A run that ends its segment takes a dangling comma before it too. When the
    run began a sentence with a capital, the next word gets a capital.
    """
    if core is None:
        return table
    removal = _Removal(table, core)
    done = 0
    for i in rows_where(core).tolist():
        if i >= done:  # not inside the run before
            done = removal.remove_run(i)
    return removal.result()


class _Removal:
    """One :func:`remove_tokens` pass: the rows that go, the end marks that stay (and lose
    their space), the words that take a capital."""

    def __init__(self, table: TokenTable, core: BoolArray) -> None:
        self.table = table
        self.n = len(table)
        self.drop = core.copy()
        self.core = core.tolist()
        self.kind = table.kind.tolist()
        self.flags = table.flags.tolist()
        self.text = table.text
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

    def result(self) -> TokenTable:
        del self.core, self.kind, self.flags  # the lists of the runs' walk, not needed now
        table = drop_rows(self.table, self.drop, self.attach)
        if not self.capitalise:
            return table
        # in the new table's own text list (no copy of the document's): a row's new place
        # is its old one less the rows dropped before it
        rows = np.array([c for c in self.capitalise if not self.drop[c]], dtype=np.intp)
        text = table.text
        for c in (rows - np.searchsorted(rows_where(self.drop), rows)).tolist():
            t = text[c]
            text[c] = t[:1].upper() + t[1:]
        return table

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
            stripped = t.strip()
            hit = self._final_text[t] = bool(stripped) and stripped[-1] in SENTENCE_FINAL_MARKS
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


def drop_rows(table: TokenTable, drop: BoolArray, attach: list[int] | None = None) -> TokenTable:
    """Drop rows, moving their flags so none is lost.

    SEGMENT_START, SPEAKER_CHANGE and SEQUENCE_START go to the next kept token
    (SEQUENCE_START not onto punctuation, which stays attached to the word before it);
    SENTENCE_END goes to the previous kept token. ``attach`` rows lose SEQUENCE_START.
    """
    kept = rows_where(~drop)
    dropped = rows_where(drop)
    flags = table.flags.copy()
    without_sequence_start = _WITHOUT_SEQUENCE_START
    if len(kept) and len(dropped):
        position = np.searchsorted(kept, dropped)
        old = table.flags[dropped]
        has_next = position < len(kept)
        targets = kept[position[has_next]]
        bits = old[has_next] & _FORWARD_FLAGS
        onto_punctuation = table.kind[targets] == _PUNCTUATION
        bits[onto_punctuation] &= without_sequence_start
        np.bitwise_or.at(flags, targets, bits)
        ends = ((old & _SENTENCE_END_BIT) != 0) & (position > 0)
        np.bitwise_or.at(flags, kept[position[ends] - 1], _SENTENCE_END_BIT)
    if attach:
        flags[attach] &= without_sequence_start
    del kept, dropped  # a row index each: let them go before the copy
    return table.with_columns(flags=flags).take(~drop)
