"""Per token, where a unit may start and what the options and the text say around it: the
rule pass of :mod:`.prepare` (the rules themselves are stated in :mod:`.layout`).

This is the pure twin of the compiled ``elementlist._breaks`` (:mod:`elementlist.kernels`
chooses; ``tests/test_kernel_twins.py`` holds the two to the same arrays). It is written in
numpy operations over the whole table; the compiled one does the same in one loop, which
on a short document is most of the preparation's time saved (a hundred small numpy
operations cost more than the loop over its few hundred tokens, issue 15).

Inputs, one row per token: ``kind`` (TokenKind), ``flags`` (TokenFlag), ``looks`` (the
:mod:`.word_facts` bits of its text), ``piece`` (a piece of a token cut for being wider
than a line), ``start``/``end`` (as the layout reads them: a marker has the next token's),
``speaker``, ``tag`` (sound tag index, -1 for none); then the options. ``caption_tags`` and
``line_tags`` say per sound tag index whether a sound of that tag gets its own caption or
line, with one more entry, last, for a sound without a tag.

Before it, :func:`token_widths` and :func:`token_looks` give each token's width and
``looks`` from its text, asking the given function once per distinct string.

Returns ``space`` (a space before the token when it is not first on its line),
``breakable`` (a unit may start here), ``before`` (the HARD, SENTENCE, LINE and SPEAKER bits
the options put before the token) and ``after`` (the NO_BREAK_AFTER, SENTENCE_END and
CLAUSE_END bits of what follows it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from ..document.vocabulary import TokenKind
from ..table.token_table import TokenFlag, rows_where
from .units import UnitBit
from .word_facts import (
    ADJECTIVE,
    CAPITAL,
    GLUE,
    NO_BREAK,
    NO_BREAK_BEFORE,
    NUMBER,
    UNIT,
)

BoolArray = npt.NDArray[np.bool_]
Bits = npt.NDArray[np.uint16]

# "starts here" bits the options set (a marker hands them to the word before it)
MOVABLE = int(UnitBit.HARD | UnitBit.SENTENCE | UnitBit.LINE | UnitBit.SPEAKER)

# The members as plain ints for numpy: an enum operand costs an operation about 4 us more
# (numpy looks up its type's array hooks, which an enum class answers in Python).
_HARD = int(UnitBit.HARD)
_SENTENCE = int(UnitBit.SENTENCE)
_LINE = int(UnitBit.LINE)
_SPEAKER_LINE = int(UnitBit.SPEAKER | UnitBit.LINE)
_NO_BREAK_AFTER = int(UnitBit.NO_BREAK_AFTER)
_SENTENCE_END = int(UnitBit.SENTENCE_END)
_TEXT_ENDS = int(UnitBit.SENTENCE_END | UnitBit.CLAUSE_END)
_OPENS_PHRASE = int(UnitBit.OPENS_PHRASE)
_SPACE = int(UnitBit.SPACE)
_UNIT_ENDS = int(UnitBit.NO_BREAK_AFTER | UnitBit.SENTENCE_END | UnitBit.CLAUSE_END)
_SEQUENCE_START = int(TokenFlag.SEQUENCE_START)
_TOKEN_SENTENCE_END = int(TokenFlag.SENTENCE_END)
_TOKEN_NO_BREAK_AFTER = int(TokenFlag.NO_BREAK_AFTER)
_SPEAKER_CHANGE = int(TokenFlag.SPEAKER_CHANGE)
_WORD = int(TokenKind.WORD)
_PUNCTUATION = int(TokenKind.PUNCTUATION)
_SOUND = int(TokenKind.SOUND)
_SPEAKER = int(TokenKind.SPEAKER)
_MARKER = int(TokenKind.SPEAKER)


def token_breaks(
    kind: npt.NDArray[np.int8],
    flags: Bits,
    looks: npt.NDArray[np.int32],
    piece: BoolArray,
    start: npt.NDArray[np.int64],
    end: npt.NDArray[np.int64],
    speaker: npt.NDArray[np.int32],
    tag: npt.NDArray[np.int16],
    spaced: bool,
    single_speaker_per_caption: bool,
    speaker_on_new_line: bool,
    silence_max_ms: int,
    caption_tags: BoolArray,
    line_tags: BoolArray,
    sound_threshold: int,
    caption_by_sentence: bool,
    line_break_on_sentence: bool,
) -> tuple[BoolArray, BoolArray, Bits, Bits]:
    """``(space, breakable, before, after)`` for every token (module docstring);
    ``sound_threshold`` is -1 for none."""
    n = len(kind)
    if n == 0:
        nothing = np.zeros(0, dtype=np.bool_)
        return nothing, nothing.copy(), np.zeros(0, np.uint16), np.zeros(0, np.uint16)
    marker = kind == _MARKER
    prev_marker = np.zeros(n, dtype=np.bool_)
    prev_marker[1:] = marker[:-1]
    seq = _has(flags, _SEQUENCE_START)
    glue = (looks & GLUE) != 0

    space = (seq & spaced) | marker | prev_marker
    space[0] = False
    breakable = seq | piece if spaced else ~glue
    breakable &= ~glue | piece
    del glue
    sentence_end = _has(flags, _TOKEN_SENTENCE_END)
    after_sentence = np.zeros(n, dtype=np.bool_)
    after_sentence[1:] = sentence_end[:-1]
    breakable |= after_sentence
    breakable &= ~prev_marker

    before = np.zeros(n, dtype=np.uint16)
    change = _has(flags, _SPEAKER_CHANGE) | marker
    if single_speaker_per_caption:
        change[1:] |= speaker[1:] != speaker[:-1]
    change &= ~prev_marker  # the marker carries the change
    before[change] |= _HARD if speaker_on_new_line or single_speaker_per_caption else _SPEAKER_LINE
    del change

    # a gap: the token starts more than silence_max_ms after every token before it ended
    ended = np.maximum.accumulate(end)
    ended += silence_max_ms
    before[1:][start[1:] > ended[:-1]] |= _HARD
    del ended

    is_sound = kind == _SOUND
    if is_sound.any():  # most short documents have no sound: six operations saved
        _sound_starts(is_sound, tag, start, end, caption_tags, line_tags, sound_threshold, before)
    if caption_by_sentence:
        before[after_sentence] |= _SENTENCE
    if line_break_on_sentence:
        before[after_sentence] |= _LINE
    del after_sentence
    before[0] = 0
    _markers_keep_their_word(prev_marker, before)
    breakable |= (before & MOVABLE) != 0
    breakable[0] = True

    after = (looks & _TEXT_ENDS).astype(np.uint16)
    after[sentence_end] |= _SENTENCE_END
    no_break = marker | _has(flags, _TOKEN_NO_BREAK_AFTER) | ((looks & NO_BREAK) != 0)
    no_break |= first_of_name(kind, seq, sentence_end, looks)
    no_break |= kept_with_next(kind, seq, looks)
    after[no_break] |= _NO_BREAK_AFTER
    return space, breakable, before, after


def _has(flags: Bits, flag: int) -> BoolArray:
    """Per token: True where ``flags`` has a bit of ``flag`` (no int64 temporary)."""
    marked: BoolArray = (flags & np.uint16(flag)) != 0
    return marked


def _sound_starts(
    is_sound: BoolArray,
    tag: npt.NDArray[np.int16],
    start: npt.NDArray[np.int64],
    end: npt.NDArray[np.int64],
    caption_tags: BoolArray,
    line_tags: BoolArray,
    sound_threshold: int,
    before: Bits,
) -> None:
    """The HARD and LINE bits sounds put before themselves and the token after them: a
    sound of its own caption or line by its tag, or longer than the threshold."""
    own_caption = is_sound & caption_tags[tag]  # tag -1 reads the last entry
    if sound_threshold >= 0:
        own_caption |= is_sound & (end - start > sound_threshold)
    before[own_caption] |= _HARD
    before[1:][own_caption[:-1]] |= _HARD
    own_line = is_sound & line_tags[tag]
    before[own_line] |= _LINE
    before[1:][own_line[:-1]] |= _LINE


def _markers_keep_their_word(prev_marker: BoolArray, before: Bits) -> None:
    """A marker keeps the word after it: the word's start bits move onto the marker (a
    chain of markers hands them back to the first), through a dict of the rows involved."""
    after_marker = rows_where(prev_marker)
    if not len(after_marker):
        return
    markers = after_marker - 1
    bits = dict(zip(markers.tolist(), before[markers].tolist(), strict=True))
    bits.update(zip(after_marker.tolist(), before[after_marker].tolist(), strict=True))
    for i in after_marker[::-1].tolist():  # chains resolve back to front
        bits[i - 1] |= bits[i] & MOVABLE
        bits[i] &= ~MOVABLE & 0xFFFF
    before[list(bits)] = list(bits.values())


def first_of_name(
    kind: Any, seq: BoolArray, sentence_end: BoolArray, bits: npt.NDArray[np.int32]
) -> BoolArray:
    """A capitalised word in mid-sentence followed by another: the first half of a name.

    Never a word at a sentence start (no word since the last sentence end, whether a
    token's flag or the word's own ``?``/``!`` says so), and never a word that ends a clause
    or sentence itself ("Really? Tom", "Paris, London")."""
    n = len(kind)
    is_word = kind == _WORD
    capital_word = is_word & ((bits & CAPITAL) != 0)
    next_is_capital = np.zeros(n, dtype=np.bool_)
    next_is_capital[:-1] = capital_word[1:] & seq[1:]
    candidate: BoolArray = capital_word & next_is_capital
    if not candidate.any():  # no two capitalised words in a row: the sentence walk is moot
        return candidate
    ends = (bits & _TEXT_ENDS) != 0
    # sentence-initial: no word since the last sentence end (both strictly before i)
    positions = np.arange(n, dtype=np.int32)
    last_word = np.maximum.accumulate(np.where(is_word, positions, -1))
    sentence_ends = sentence_end | (is_word & ((bits & _SENTENCE_END) != 0))
    last_end = np.maximum.accumulate(np.where(sentence_ends, positions, -1))
    del positions, sentence_ends
    word_since_end = np.zeros(n, dtype=np.bool_)
    word_since_end[1:] = last_word[:-1] > last_end[:-1]
    del last_word, last_end
    out: BoolArray = candidate & word_since_end & ~ends
    return out


def kept_with_next(kind: Any, seq: BoolArray, bits: npt.NDArray[np.int32]) -> BoolArray:
    """Tokens a line or caption should not end after, because of the word that follows
    (a word starting a new sequence, with no punctuation between):

    * the next word is on ``no_break_before.txt`` ("not"): a verb stays with its negation;
    * a number before a unit (``units.txt``): "50 percent", "ten minutes";
    * a common adjective (``common_adjectives.txt``) before a content word (one neither on
      ``no_break_after.txt`` nor opening a phrase): "the new kitchen".

    An auxiliary or modal before its verb is on ``no_break_after.txt`` itself; a first name
    before a last name is :func:`first_of_name`.
    """
    n = len(kind)
    out = np.zeros(n, dtype=np.bool_)
    if n < 2:
        return out
    is_word = kind == _WORD
    ends = (bits & _TEXT_ENDS) != 0
    here = is_word[:-1] & ~ends[:-1]
    nxt = bits[1:]
    next_word = is_word[1:] & seq[1:]
    function = (nxt & (NO_BREAK | _OPENS_PHRASE)) != 0
    negation = (nxt & NO_BREAK_BEFORE) != 0
    number_unit = ((bits[:-1] & NUMBER) != 0) & ((nxt & UNIT) != 0)
    adjective_noun = ((bits[:-1] & ADJECTIVE) != 0) & ~function & ((nxt & NUMBER) == 0)
    out[:-1] = here & next_word & (negation | number_unit | adjective_noun)
    return out


def unit_starts(
    breakable: BoolArray, width: npt.NDArray[np.int32], space: BoolArray, cpl: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int32]]:
    """The first token of each unit, and each unit's width (its tokens' widths and the
    spaces between them). A unit starts where a token is breakable, and where a run of
    tokens wider than a line must be cut: there the tokens are filled greedily, a new unit
    starting at the token that would overflow (a run that fits is never cut: its every
    prefix fits too). ``breakable[0]`` is true (the rule pass makes it so)."""
    space_w = space.astype(np.int32)
    first = rows_where(breakable)
    unit_width = np.add.reduceat(width + space_w, first) - space_w[first]
    too_wide = rows_where(unit_width > cpl)
    if too_wide.size:
        ends = np.append(first[1:], len(breakable))
        wd = width.tolist()
        sp = space_w.tolist()
        extra: list[int] = []
        for u in too_wide.tolist():
            a, b = int(first[u]), int(ends[u])
            w = wd[a]
            for t in range(a + 1, b):
                add = sp[t] + wd[t]
                if w + add > cpl:
                    extra.append(t)
                    w = wd[t]
                else:
                    w += add
        first = np.union1d(first, np.array(extra, dtype=np.intp)).astype(np.intp)
        unit_width = np.add.reduceat(width + space_w, first) - space_w[first]
    return first, unit_width.astype(np.int32)


def unit_facts(
    first: npt.NDArray[np.intp],
    kind: Any,
    space: BoolArray,
    looks: npt.NDArray[np.int32],
    before: Bits,
    after: Bits,
) -> tuple[Bits, npt.NDArray[np.int32]]:
    """Each unit's :class:`~.units.UnitBit` bits and its number of words (words and
    sounds count): the movable start bits and the space of its first token, whether that
    token opens a phrase, and the "ends here" bits of its last."""
    n = len(kind)
    last = np.empty_like(first)
    last[:-1] = first[1:] - 1
    last[-1] = n - 1
    unit_bits: Bits = before[first] & np.uint16(MOVABLE)
    unit_bits[space[first]] |= _SPACE
    unit_bits |= (looks[first] & _OPENS_PHRASE).astype(np.uint16)
    unit_bits |= after[last] & _UNIT_ENDS
    counted = (kind == _WORD) | (kind == _SOUND)
    return unit_bits, np.add.reduceat(counted, first, dtype=np.int32)


def widest(width: npt.NDArray[np.int32]) -> int:
    """The largest of the tokens' widths, 0 for no token (whether a long word must be
    split; the compiled twin reads it without numpy's reduction, whose first call after a
    collection costs 40 µs, issue 15)."""
    return int(width.max()) if len(width) else 0


def unit_times(
    start: npt.NDArray[np.int64], end: npt.NDArray[np.int64], first: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each unit's start (its tokens' earliest) and end (their latest): the units' times
    the kernel reads. ``first`` holds each unit's first token, rising, within the tokens."""
    if len(end) != len(start):
        raise ValueError("unit_times: the columns differ in length")
    first = np.asarray(first, dtype=np.intp)
    if len(first) and (first[0] < 0 or first[-1] >= len(start) or (np.diff(first) <= 0).any()):
        raise ValueError("unit_times: the units' first tokens must rise within the tokens")
    if not len(first):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    start = np.asarray(start, dtype=np.int64)
    end = np.asarray(end, dtype=np.int64)
    return np.minimum.reduceat(start, first), np.maximum.reduceat(end, first)


def false_column(n: int) -> BoolArray:
    """``n`` False: the columns of token bits that start unset."""
    return np.zeros(n, dtype=np.bool_)


__all__ = [
    "MOVABLE",
    "false_column",
    "first_of_name",
    "kept_with_next",
    "marker_times",
    "token_breaks",
    "unit_facts",
    "unit_starts",
    "unit_times",
    "widest",
]


def marker_times(
    start: npt.NDArray[np.int64], end: npt.NDArray[np.int64], kind: Any, copy: bool
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each token's start and end as the layout reads them: a speaker marker's are the start
    of the token after it (a chain of markers resolved back to front). ``start`` and
    ``end`` themselves when they say so already (the markers the transforms insert do) and
    ``copy`` is false; copies otherwise (the long words' timing writes into them)."""
    ts = np.asarray(start, dtype=np.int64)
    te = np.asarray(end, dtype=np.int64)
    markers = rows_where(np.asarray(kind)[:-1] == _SPEAKER)
    after = ts[markers + 1]
    if not copy and (ts[markers] == after).all() and (te[markers] == after).all():
        return ts, te
    ts, te = ts.copy(), te.copy()
    for i in markers[::-1].tolist():
        ts[i] = te[i] = ts[i + 1]
    return ts, te


def token_widths(
    text: list[str], width_of: Callable[[str], int], known: dict[str, int]
) -> npt.NDArray[np.int32]:
    """Every token's width (int32): an ASCII string without a carriage return is as wide
    as it is long (``word_facts.grapheme_width``'s own rule, without a call); the others'
    are ``known``'s (answers kept across calls) or else ``width_of``'s, which keeps its
    answer there."""
    strings = list(dict.fromkeys(text))
    index = {t: i for i, t in enumerate(strings)}
    codes = np.fromiter(map(index.__getitem__, text), dtype=np.intp, count=len(text))
    per_string = np.fromiter(
        (len(t) if t.isascii() and "\r" not in t else _known_or_asked(known, t, width_of)
         for t in strings),
        dtype=np.int32,
        count=len(strings),
    )  # fmt: skip
    widths: npt.NDArray[np.int32] = per_string[codes]
    return widths


def token_looks(
    text: list[str],
    kind: npt.NDArray[np.int8],
    packed_bits: Callable[[str], int],
    shift: int,
    known: dict[str, int],
) -> npt.NDArray[np.int32]:
    """Each token's text bits (int32): its text's packed bits, ``known``'s or else
    ``packed_bits``', hold them as a word below bit ``shift`` and as punctuation from it;
    a word takes the first, punctuation the second, any other kind none."""
    strings = list(dict.fromkeys(text))
    index = {t: i for i, t in enumerate(strings)}
    codes = np.fromiter(map(index.__getitem__, text), dtype=np.intp, count=len(text))
    per_string = np.fromiter(
        (_known_or_asked(known, t, packed_bits) for t in strings), np.int64, count=len(strings)
    )
    both = per_string[codes]
    out = (both & ((1 << shift) - 1)).astype(np.int32)
    out[kind != _WORD] = 0
    punctuation = kind == _PUNCTUATION
    out[punctuation] = both[punctuation] >> shift
    return out


def _known_or_asked(known: dict[str, int], text: str, ask: Callable[[str], int]) -> int:
    found = known.get(text)
    return ask(text) if found is None else found
