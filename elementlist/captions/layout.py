"""Captions from a cleaned TokenTable: prep (numpy) → kernel → text → timing.

``layout_captions(table, options)`` is the whole stage. The prep turns tokens into *units*
(runs that never break apart) and a bit set per unit that says what the options demand;
the kernel (:mod:`elementlist.kernels`, compiled or pure) chooses caption and line breaks;
Python joins the text and :mod:`elementlist.captions.timing` sets the times.

Rules (what each option does here; docs/options.md carries the same text):

- Widths are grapheme clusters (``regex`` ``\\X``). A space goes between sequences
  (``SEQUENCE_START``) in spaced languages; never inside a sequence; in languages written
  without spaces, only around speaker markers.
- ``characters_per_caption_line`` and ``lines_per_caption`` are hard limits. A token wider
  than a line is cut into pieces of at most that many graphemes, glued without a space,
  its time shared in proportion to the graphemes (each piece at least 1 ms when the token
  lasts that many). A run of glued tokens wider than a line is cut where it must be. The
  only overrun of a line is ``disallow_dangling``: the unit that ends a sentence stays on
  the line before it rather than wrap alone (that line may then exceed the limit by that
  unit); a line or caption holding just the sentence's last word is avoided where any
  other layout exists.
- A cut token keeps to its own time. Its *run* (the token with what is glued to it: a
  speaker marker, a bracket, its punctuation) spans its first start to its last end, and
  every caption holding a line of it lasts at least 1 ms inside that span: where a line
  would last 0 ms, the span is shared among the run's lines in proportion to their
  graphemes. When the span has fewer ms than lines, no caption could hold a line and last
  1 ms: the run's lines are grouped into captions of their own, as few as the span allows,
  of ``lines_per_caption`` lines or more. This is the one exception to
  ``lines_per_caption``: a run of ``m`` lines over ``D`` ms gets captions of
  ``max(lines_per_caption, ceil(m / D))`` lines (all in one caption when ``D`` is 0), each
  an equal share of the span. Text is never dropped and the next word never pushed (a 1 MiB
  word over 500 ms: 500 captions of 50 lines, 1 ms each).
- Units: a line or caption may break before a sequence start (any token in unspaced
  languages) but never before closing punctuation (``, . ? ! ) 」`` …) and never between a
  speaker marker and the word after it.
- A caption must start at: a speaker change (the marker, or the segment's first token)
  when ``speaker_on_new_line`` or ``single_speaker_per_caption`` is true (the latter also
  splits wherever the speaker id changes); a gap between tokens longer than
  ``silence_max_ms``; a sound token that gets its own caption and the token after it
  (``sound_tokens_by_caption``: every sound; otherwise the tags in
  ``sound_tokens_by_caption_list``; and any sound longer than ``sound_threshold`` ms).
- ``caption_by_sentence``: a sentence (up to a token tagged ENDS_SENTENCE) starts a new
  caption, unless that would leave a caption with fewer than ``caption_words_min`` words
  (then it joins its neighbour, within the limits). Words and sounds count as words.
- When speakers may share a caption, each speaker change starts a new line (with
  ``lines_per_caption=1`` that means a new caption).
- ``sound_tokens_by_line`` / ``sound_tokens_by_line_list``: the sound gets a line of its
  own (a new line before and after it inside the caption).
- ``line_break_on_sentence``: a new line after every sentence end inside a caption.
- Caption boundaries are chosen, not filled: the kernel minimises a cost per caption
  (see ``elementlist/_layout_py.py``) that prefers durations near
  ``layout_target_caption_length_ms``, boundaries at sentence ends, clause ends and
  pauses, never after a no-break word, and avoids captions longer than
  ``maximum_caption_duration``.
- Line breaks are chosen: the fewest lines that hold the caption, balanced (a slightly
  bottom-heavy pyramid wins ties), preferring breaks after punctuation and never after a
  word of ``data/no_break_after.txt`` (articles, prepositions, conjunctions, possessives,
  auxiliaries), after the first of two capitalised words in mid-sentence (a name), or
  after a speaker marker, where the limits leave a choice.
- Caption times: first token start to last token end (a speaker marker takes the time of
  the word after it); then :func:`elementlist.captions.timing.apply_timing`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt
import regex

from .. import kernels
from ..document.vocabulary import TokenKind
from ..options.classes import CaptionOptions
from ..table.token_table import TokenFlag, TokenTable
from . import layout_kernel
from .layout_kernel import (
    U_CLAUSE_END,
    U_HARD,
    U_LINE,
    U_NO_BREAK_AFTER,
    U_OPENS_PHRASE,
    U_SENTENCE,
    U_SENTENCE_END,
    U_SPACE,
    U_SPEAKER,
)
from .model import Caption
from .timing import apply_timing, join_units, split_long_captions

Int64Array = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_CLUSTER = regex.compile(r"\X")
_MOVABLE = U_HARD | U_SENTENCE | U_LINE | U_SPEAKER  # "starts here" bits the options set
_AFTER = U_NO_BREAK_AFTER | U_SENTENCE_END | U_CLAUSE_END  # "ends here" bits
_SENTENCE_PUNCT = frozenset(".?!…。？！‼⁇⁈⁉")
_CLAUSE_PUNCT = frozenset(",;:—–-、，；：")
_WORD_SENTENCE_PUNCT = frozenset("?!？！")  # a word ending in "." may be "Dr."
_CLOSING = frozenset(",.;:!?…)]}»”’\"'、。，；：！？）」』】〉》")
_STRIP = "\"'“”‘’«»()[]{}<>,.;:!?…-—–¿¡"


# The compiled layout kernel, or its pure twin (kernels.py decides for every kernel).
_kernel: Any = kernels.compiled("_layout") or layout_kernel


@dataclass(frozen=True, slots=True)
class PreparedLayout:
    """Tokens ready for the kernel: per-token text and times, and the unit columns."""

    text: list[str]
    start: Int64Array  # per token (a speaker marker carries the next token's start)
    end: Int64Array
    space: BoolArray  # a space before the token when it is not first on its line
    newline: BoolArray  # the token starts a new line inside its unit (a long word's block)
    unit_first: npt.NDArray[np.intp]  # the first token of each unit
    unit_start: Int64Array
    unit_end: Int64Array
    unit_width: npt.NDArray[np.int32]
    unit_bits: npt.NDArray[np.uint16]
    unit_words: npt.NDArray[np.int32]


def layout_captions(table: TokenTable, options: CaptionOptions) -> list[Caption]:
    """Lay ``table`` out as captions under ``options``, timing included."""
    prepared = prepare_layout(table, options)
    if not prepared.text:
        return []
    codes = _kernel.layout_units(*kernel_arguments(prepared, options))
    return captions_from_codes(prepared, codes, options)


def grapheme_width(text: str) -> int:
    """How many grapheme clusters ``text`` shows (an accent or an emoji counts once)."""
    if text.isascii() and "\r" not in text:
        return len(text)
    return len(_CLUSTER.findall(text))


@lru_cache(maxsize=1)
def _word_list() -> tuple[frozenset[str], frozenset[str]]:
    raw = resources.files("elementlist.data").joinpath("no_break_after.txt").read_text("utf-8")
    no_break: set[str] = set()
    opens: set[str] = set()
    for line in raw.splitlines():
        entry = line.split("#", 1)[0].split()
        if not entry:
            continue
        word = entry[0].lower()
        no_break.add(word)
        if entry[1:] == ["+"]:
            opens.add(word)
    return frozenset(no_break), frozenset(opens)


def no_break_after_words() -> frozenset[str]:
    """The words after which a line should not end (``data/no_break_after.txt``)."""
    return _word_list()[0]


def phrase_opening_words() -> frozenset[str]:
    """Conjunctions and prepositions: a break just before one of them is a fair one."""
    return _word_list()[1]


def prepare_layout(table: TokenTable, options: CaptionOptions) -> PreparedLayout:
    """Check the options and turn ``table`` into units and their bits (see module doc)."""
    cpl = options.characters_per_caption_line
    text = list(table.text)
    n = len(text)
    distinct = _Distinct(text)
    width = distinct.width()
    piece = np.zeros(n, dtype=np.bool_)
    split: BoolArray | None = None
    if n and int(width.max()) > cpl:
        table, width, piece, split = _split_long_tokens(table, width, cpl)
        text = list(table.text)
        n = len(text)
        distinct = _Distinct(text)
    if n == 0:
        empty64 = np.zeros(0, dtype=np.int64)
        no = np.zeros(0, np.bool_)
        return PreparedLayout(
            [], empty64, empty64, no, no, np.zeros(0, np.intp), empty64,
            empty64, np.zeros(0, np.int32), np.zeros(0, np.uint16), np.zeros(0, np.int32),
        )  # fmt: skip

    kind = np.asarray(table.kind)
    flags = np.asarray(table.flags).astype(np.int64)
    ts = np.array(table.start, dtype=np.int64)
    te = np.array(table.end, dtype=np.int64)
    marker = kind == TokenKind.SPEAKER
    prev_marker = np.zeros(n, dtype=np.bool_)
    prev_marker[1:] = marker[:-1]
    seq = (flags & TokenFlag.SEQUENCE_START) != 0
    for i in np.flatnonzero(marker[:-1])[::-1].tolist():  # chains resolve back to front
        ts[i] = te[i] = ts[i + 1]

    looks = distinct.looks(kind)
    glue = (looks & _GLUE) != 0

    space = (seq & table.spaced) | marker | prev_marker
    space[0] = False
    breakable = seq | piece if table.spaced else ~glue
    breakable &= ~glue | piece
    sentence_end = (flags & TokenFlag.SENTENCE_END) != 0
    after_sentence = np.zeros(n, dtype=np.bool_)
    after_sentence[1:] = sentence_end[:-1]
    breakable |= after_sentence
    breakable &= ~prev_marker

    before = _starts(table, options, kind, flags, ts, te, marker, prev_marker, after_sentence)
    breakable |= (before & _MOVABLE) != 0
    breakable[0] = True

    after = looks & (U_SENTENCE_END | U_CLAUSE_END)
    after |= np.where(sentence_end, U_SENTENCE_END, 0)
    no_break = marker | ((flags & TokenFlag.NO_BREAK_AFTER) != 0) | ((looks & _NO_BREAK) != 0)
    no_break |= _first_of_name(text, kind, seq, sentence_end, looks)
    after |= np.where(no_break, U_NO_BREAK_AFTER, 0)

    space_w = space.astype(np.int32)
    first = _unit_starts(breakable, width, space_w, cpl)
    unit_width = (np.add.reduceat(width + space_w, first) - space_w[first]).astype(np.int32)
    newline = np.zeros(n, dtype=np.bool_)
    if split is not None:
        lines = first
        first, hard = _time_long_runs(
            lines, unit_width, breakable, split, piece, ts, te, options.lines_per_caption
        )
        if len(first) < len(lines):
            newline[np.setdiff1d(lines, first, assume_unique=True)] = True
            unit_width = np.maximum.reduceat(unit_width, np.searchsorted(lines, first))
        before[hard] |= U_HARD
    last = np.empty_like(first)
    last[:-1] = first[1:] - 1
    last[-1] = n - 1
    unit_bits = (
        (before[first] & _MOVABLE)
        | np.where(space[first], U_SPACE, 0)
        | (looks[first] & U_OPENS_PHRASE)
        | (after[last] & _AFTER)
    ).astype(np.uint16)
    counted = ((kind == TokenKind.WORD) | (kind == TokenKind.SOUND)).astype(np.int32)
    return PreparedLayout(
        text=text,
        start=ts,
        end=te,
        space=space,
        newline=newline,
        unit_first=first,
        unit_start=np.minimum.reduceat(ts, first),
        unit_end=np.maximum.reduceat(te, first),
        unit_width=unit_width,
        unit_bits=unit_bits,
        unit_words=np.add.reduceat(counted, first).astype(np.int32),
    )


def kernel_arguments(prepared: PreparedLayout, options: CaptionOptions) -> tuple[Any, ...]:
    """The positional arguments of ``layout_units`` for ``prepared`` under ``options``."""
    return (
        np.ascontiguousarray(prepared.unit_start, dtype=np.int64),
        np.ascontiguousarray(prepared.unit_end, dtype=np.int64),
        np.ascontiguousarray(prepared.unit_width, dtype=np.int32),
        np.ascontiguousarray(prepared.unit_bits, dtype=np.uint16),
        np.ascontiguousarray(prepared.unit_words, dtype=np.int32),
        options.characters_per_caption_line,
        options.lines_per_caption,
        options.layout_target_caption_length_ms,
        options.maximum_caption_duration or 0,
        options.caption_words_min,
        options.disallow_dangling,
    )


def token_codes(
    prepared: PreparedLayout, unit_codes: npt.NDArray[np.uint8]
) -> npt.NDArray[np.uint8]:
    """Spread the kernel's per-unit codes onto tokens (0 within a unit)."""
    codes = np.zeros(len(prepared.text), dtype=np.uint8)
    codes[prepared.unit_first] = unit_codes
    return codes


def captions_from_codes(
    prepared: PreparedLayout, unit_codes: npt.NDArray[np.uint8], options: CaptionOptions
) -> list[Caption]:
    """Join the text of each line, set the raw times, and run the timing pass."""
    all_lines: list[tuple[str, ...]] | None = None
    units: list[list[tuple[int, str, bool]]] | None = None
    if options.maximum_caption_duration is None:
        all_lines = _lines_by_separators(prepared, unit_codes)
    if all_lines is None:
        units = _caption_units(prepared, unit_codes)
        all_lines = [join_units(caption_units) for caption_units in units]

    firsts = prepared.unit_first[unit_codes == 2]
    spoken_start = np.minimum.reduceat(prepared.start, firsts)
    spoken_end = np.maximum.reduceat(prepared.end, firsts)
    starts, ends = apply_timing(spoken_start, spoken_end, options)
    captions = [
        Caption(s, e, lines_)
        for s, e, lines_ in zip(starts.tolist(), ends.tolist(), all_lines, strict=True)
    ]
    if options.maximum_caption_duration is not None:
        captions = split_long_captions(
            captions,
            options.maximum_caption_duration,
            spoken_ends=spoken_end.tolist(),
            gap_ms=options.minimum_gap_between_captions_ms or 0,
            units=units if units is not None else _caption_units(prepared, unit_codes),
        )
    return captions


_CAPTION_BREAK = "\x1e"  # ASCII record separator: never in a caption's text
_SEPARATORS = np.array(["", " ", "\n", _CAPTION_BREAK], dtype=object)


def _lines_by_separators(
    prepared: PreparedLayout, unit_codes: npt.NDArray[np.uint8]
) -> list[tuple[str, ...]] | None:
    """Every caption's lines from one join over all tokens (the fast path).

    Each token gets the separator that goes before it — nothing, a space, a line break or a
    caption break — and the whole text is joined once and split. Returns None when a token's
    own text holds a line or caption break, so the splits would not line up.
    """
    text = prepared.text
    n = len(text)
    sep = prepared.space.astype(np.int8)
    unit_sep = ((prepared.unit_bits & U_SPACE) != 0).astype(np.int8)
    unit_sep[unit_codes == 1] = 2
    unit_sep[unit_codes == 2] = 3
    sep[prepared.unit_first] = unit_sep
    sep[prepared.newline] = 2
    sep[0] = 0
    parts: list[str] = [""] * (2 * n)
    parts[0::2] = _SEPARATORS[sep].tolist()
    parts[1::2] = text
    joined = "".join(parts)
    captions = joined.split(_CAPTION_BREAK)
    if len(captions) != int((unit_codes == 2).sum()) or joined.count("\n") != int(
        (unit_codes == 1).sum()
    ) + int(prepared.newline.sum()):
        return None
    return [tuple(caption.split("\n")) for caption in captions]


def _caption_units(
    prepared: PreparedLayout, unit_codes: npt.NDArray[np.uint8]
) -> list[list[tuple[int, str, bool]]]:
    """Per caption, its units as (line number, text, space before); a long word's block,
    one unit of several lines, gives one entry per line."""
    text = prepared.text
    space = prepared.space.tolist()
    newline = prepared.newline.tolist()
    first = prepared.unit_first.tolist()
    bounds = [*first[1:], len(text)]
    unit_spaced = ((prepared.unit_bits & U_SPACE) != 0).tolist()
    units: list[list[tuple[int, str, bool]]] = []
    line_no = 0
    for a, b, code, spaced in zip(first, bounds, unit_codes.tolist(), unit_spaced, strict=True):
        if code == 2:
            units.append([])
            line_no = 0
        elif code == 1:
            line_no += 1
        if b - a == 1:
            units[-1].append((line_no, text[a], spaced))
            continue
        chunk = [text[a]]
        for k in range(a + 1, b):
            if newline[k]:
                units[-1].append((line_no, "".join(chunk), spaced))
                line_no += 1
                chunk = [text[k]]
                spaced = False
            else:
                chunk.append(" " + text[k] if space[k] else text[k])
        units[-1].append((line_no, "".join(chunk), spaced))
    return units


# --- prep helpers -------------------------------------------------------------------------


class _Distinct:
    """Per-token facts computed once per distinct string (a transcript repeats its words).

    ``dict.fromkeys`` and ``map`` run at C speed, so the per-token cost is two lookups.
    """

    def __init__(self, text: list[str]) -> None:
        self.strings = list(dict.fromkeys(text))
        index = {t: i for i, t in enumerate(self.strings)}
        self.codes = np.fromiter(map(index.__getitem__, text), dtype=np.intp, count=len(text))

    def width(self) -> npt.NDArray[np.int32]:
        per_string = np.fromiter(
            map(grapheme_width, self.strings), dtype=np.int32, count=len(self.strings)
        )
        return per_string[self.codes]

    def looks(self, kind: npt.NDArray[np.int8]) -> npt.NDArray[np.int64]:
        """``_text_bits`` of every token (only words and punctuation have any)."""
        m = len(self.strings)
        as_word = np.fromiter(
            (_text_bits(t, TokenKind.WORD) for t in self.strings), np.int64, count=m
        )
        as_punct = np.fromiter(
            (_text_bits(t, TokenKind.PUNCTUATION) for t in self.strings), np.int64, count=m
        )
        out: npt.NDArray[np.int64] = np.where(
            kind == TokenKind.WORD,
            as_word[self.codes],
            np.where(kind == TokenKind.PUNCTUATION, as_punct[self.codes], 0),
        )
        return out


_GLUE = 1 << 12  # internal: the token is closing punctuation, glued to the one before
_NO_BREAK = 1 << 13  # internal: the word is on the no-break-after list
_CAPITAL = 1 << 14  # internal: a word starting with a capital letter (not "I")


@lru_cache(maxsize=1 << 16)
def _text_bits(text: str, kind: int) -> int:
    """What a token's text says about breaking around it (cached per string and kind)."""
    bits = 0
    stripped = text.strip()
    last = stripped[-1:]
    if kind == TokenKind.PUNCTUATION:
        if last in _SENTENCE_PUNCT:
            bits |= U_SENTENCE_END
        elif last in _CLAUSE_PUNCT:
            bits |= U_CLAUSE_END
        if stripped[:1] in _CLOSING:
            bits |= _GLUE
    elif kind == TokenKind.WORD:
        if last in _WORD_SENTENCE_PUNCT:
            bits |= U_SENTENCE_END
        elif last in _CLAUSE_PUNCT and last not in "-–—":
            bits |= U_CLAUSE_END
        core = stripped.strip(_STRIP).lower()
        if core in no_break_after_words() and last not in _CLAUSE_PUNCT:
            bits |= _NO_BREAK
        if core in phrase_opening_words():
            bits |= U_OPENS_PHRASE
        pronoun_i = core == "i" or core.startswith(("i'", "i’"))
        if (core[:1].isupper() or stripped[:1].isupper()) and not pronoun_i:
            bits |= _CAPITAL
    return bits


def _first_of_name(
    text: list[str], kind: Any, seq: BoolArray, sentence_end: BoolArray, looks: Any
) -> BoolArray:
    """A capitalised word in mid-sentence followed by another: the first half of a name."""
    n = len(text)
    capital_word = (kind == TokenKind.WORD) & ((looks & _CAPITAL) != 0)
    # sentence-initial: no word since the last sentence end (both strictly before i)
    positions = np.arange(n)
    last_word = np.maximum.accumulate(np.where(kind == TokenKind.WORD, positions, -1))
    last_end = np.maximum.accumulate(np.where(sentence_end, positions, -1))
    word_since_end = np.zeros(n, dtype=np.bool_)
    word_since_end[1:] = last_word[:-1] > last_end[:-1]
    next_is_capital = np.zeros(n, dtype=np.bool_)
    next_is_capital[:-1] = capital_word[1:] & seq[1:]
    out: BoolArray = capital_word & word_since_end & next_is_capital
    return out


def _starts(
    table: TokenTable,
    options: CaptionOptions,
    kind: Any,
    flags: Any,
    ts: Int64Array,
    te: Int64Array,
    marker: BoolArray,
    prev_marker: BoolArray,
    after_sentence: BoolArray,
) -> npt.NDArray[np.int64]:
    """Per token, the U_HARD/U_SENTENCE/U_LINE/U_SPEAKER bits the options put before it."""
    n = len(kind)
    before = np.zeros(n, dtype=np.int64)

    change = ((flags & TokenFlag.SPEAKER_CHANGE) != 0) | marker
    if options.single_speaker_per_caption:
        speaker = np.asarray(table.speaker)
        change[1:] |= speaker[1:] != speaker[:-1]
    change &= ~prev_marker  # the marker carries the change
    if options.speaker_on_new_line or options.single_speaker_per_caption:
        before[change] |= U_HARD
    else:
        before[change] |= U_SPEAKER | U_LINE

    gap = np.zeros(n, dtype=np.int64)
    gap[1:] = ts[1:] - np.maximum.accumulate(te)[:-1]
    before[gap > options.silence_max_ms] |= U_HARD

    is_sound = kind == TokenKind.SOUND
    raw_length = np.asarray(table.end, dtype=np.int64) - np.asarray(table.start, dtype=np.int64)
    own_caption = is_sound & _tagged(table, options.sound_tokens_by_caption,
                                     options.sound_tokens_by_caption_list)  # fmt: skip
    if options.sound_threshold is not None:
        own_caption |= is_sound & (raw_length > options.sound_threshold)
    before[own_caption] |= U_HARD
    before[1:][own_caption[:-1]] |= U_HARD
    own_line = is_sound & _tagged(table, options.sound_tokens_by_line,
                                  options.sound_tokens_by_line_list)  # fmt: skip
    before[own_line] |= U_LINE
    before[1:][own_line[:-1]] |= U_LINE

    if options.caption_by_sentence:
        before[after_sentence] |= U_SENTENCE
    if options.line_break_on_sentence:
        before[after_sentence] |= U_LINE

    before[0] = 0
    for i in np.flatnonzero(prev_marker)[::-1].tolist():  # keep a marker with its word
        moved = before[i] & _MOVABLE
        before[i] &= ~_MOVABLE
        before[i - 1] |= moved
    return before


def _tagged(table: TokenTable, every: bool, names: tuple[str, ...]) -> BoolArray:
    """Tokens whose sound tag is in ``names`` (all of them when ``every``)."""
    n = len(table)
    if every:
        return np.ones(n, dtype=np.bool_)
    wanted = {name.strip().upper() for name in names}
    hits = [i for i, name in enumerate(table.tag_names) if name.upper() in wanted]
    if not hits:
        return np.zeros(n, dtype=np.bool_)
    return np.isin(np.asarray(table.tag), np.array(hits, dtype=np.int64))


def _unit_starts(
    breakable: BoolArray, width: npt.NDArray[np.int32], space: npt.NDArray[np.int32], cpl: int
) -> npt.NDArray[np.intp]:
    """First token of each unit; runs wider than a line get extra starts where they must."""
    first = np.flatnonzero(breakable)
    unit_width = np.add.reduceat(width + space, first) - space[first]
    too_wide = np.flatnonzero(unit_width > cpl)
    if too_wide.size == 0:
        return first
    ends = np.append(first[1:], len(breakable))
    wd = width.tolist()
    sp = space.tolist()
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
    return np.union1d(first, np.array(extra, dtype=np.intp)).astype(np.intp)


def _split_long_tokens(
    table: TokenTable, width: npt.NDArray[np.int32], cpl: int
) -> tuple[TokenTable, npt.NDArray[np.int32], BoolArray, BoolArray]:
    """Cut every token wider than ``cpl`` into glued pieces of at most ``cpl`` graphemes.

    The pieces share the token's span in proportion to their graphemes, each getting at
    least 1 ms when the span has that many (:func:`_time_long_runs` sees to the rest).
    Returns the new table, its widths, which rows are pieces after a token's first, and
    which rows are pieces at all.
    """
    counts = np.where(width > cpl, -(-width // cpl), 1)
    rows = np.repeat(np.arange(len(width)), counts)
    start = np.array(table.start, dtype=np.int64)[rows]
    end = np.array(table.end, dtype=np.int64)[rows]
    flags = np.array(table.flags)[rows]
    new_width = width[rows].copy()
    piece = np.zeros(len(rows), dtype=np.bool_)
    split = counts[rows] > 1
    text: list[str] = []
    value: list[str] = []
    out = 0
    keep_last = int(TokenFlag.SENTENCE_END | TokenFlag.NO_BREAK_AFTER)
    for i, c in enumerate(counts.tolist()):
        if c == 1:
            text.append(table.text[i])
            value.append(table.value[i])
            out += 1
            continue
        clusters = _CLUSTER.findall(table.text[i])
        total = len(clusters)
        s = int(table.start[i])
        d = int(table.end[i]) - s
        f = int(table.flags[i])
        lows = [k * cpl for k in range(c)]
        bounds = [d * lo // total for lo in lows] + [d]
        if d >= c:
            _at_least_one_ms_apart(bounds)
        for k in range(c):
            lo = lows[k]
            hi = min(total, lo + cpl)
            chunk = "".join(clusters[lo:hi])
            text.append(chunk)
            value.append(chunk.lower())
            start[out] = s + bounds[k]
            end[out] = s + bounds[k + 1]
            flags[out] = f & ~keep_last if k == 0 else (f & keep_last if k == c - 1 else 0)
            piece[out] = k > 0
            new_width[out] = hi - lo
            out += 1
    table = replace(
        table,
        start=start,
        end=end,
        kind=np.array(table.kind)[rows],
        flags=flags,
        speaker=np.array(table.speaker)[rows],
        tag=np.array(table.tag)[rows],
        text=text,
        value=value,
    )
    return table, new_width, piece, split


def _at_least_one_ms_apart(bounds: list[int]) -> None:
    """Make ``bounds`` (0 … d, with d ≥ len - 1) strictly increasing, moving each as little
    as it must: bounds that already are stay as they are."""
    last = len(bounds) - 1
    for k in range(1, last):
        if bounds[k] <= bounds[k - 1]:
            bounds[k] = bounds[k - 1] + 1
    for k in range(last - 1, 0, -1):
        if bounds[k] >= bounds[k + 1]:
            bounds[k] = bounds[k + 1] - 1


def _time_long_runs(
    lines: npt.NDArray[np.intp],
    line_width: npt.NDArray[np.int32],
    breakable: BoolArray,
    split: BoolArray,
    piece: BoolArray,
    ts: Int64Array,
    te: Int64Array,
    lines_per_caption: int,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Times (and, where they must, captions) for the runs holding a token cut into pieces.

    ``lines`` are the unit starts: where a cut token is, one line each. A run is the cut
    token (all its pieces, ``piece`` marking those after the first) with the tokens glued
    to it (a speaker marker, a bracket, its punctuation); its
    *span* runs from its first start to its last end. Where every line of the run already
    lasts at least 1 ms, in order, nothing changes. Otherwise, when the span has at least
    as many ms as the run has lines, the span is shared among the lines in proportion to
    their graphemes, each at least 1 ms. When it has fewer, the lines are grouped into
    *blocks* of ``L`` lines, each block one unit and one caption of its own: ``L`` is
    ``lines_per_caption``, or as many more as keep the number of blocks within the span's
    ms, and block ``k`` of ``C`` lasts from ``S + D·k // C`` to ``S + D·(k+1) // C`` (``S``,
    ``D``: the span's start and length; a span of 0 ms gets one block). Every caption so
    lasts at least 1 ms inside the run's own span.

    ``ts``/``te`` are changed in place. Returns the unit starts (block lines merged) and
    the rows that must start a caption (each block, and the token after its run).
    """
    n = len(breakable)
    run_starts = np.flatnonzero(breakable)
    rows = np.flatnonzero(split)
    continued = piece.tolist()
    regions: list[list[int]] = []  # [first row, last row] of each run of a cut token
    for r in rows.tolist():
        after = int(np.searchsorted(run_starts, r, side="right"))
        b = int(run_starts[after]) - 1 if after < len(run_starts) else n - 1
        if regions and (r <= regions[-1][1] or continued[r]):
            regions[-1][1] = max(regions[-1][1], b)
        else:
            regions.append([int(run_starts[after - 1]), b])
    line_list = lines.tolist()
    dropped: list[int] = []
    hard: list[int] = []
    for a, b in regions:
        lo = int(np.searchsorted(lines, a))
        hi = int(np.searchsorted(lines, b, side="right"))
        starts = line_list[lo:hi]
        m = len(starts)
        offsets = np.array(starts, dtype=np.intp) - a
        line_start = np.minimum.reduceat(ts[a : b + 1], offsets)
        line_end = np.maximum.reduceat(te[a : b + 1], offsets)
        if (line_end > line_start).all() and (line_start[1:] >= line_end[:-1]).all():
            continue
        span_start = int(ts[a : b + 1].min())
        length = max(int(te[a : b + 1].max()) - span_start, 0)
        stops = [*starts[1:], b + 1]
        if length >= m:
            widths = np.cumsum(line_width[lo:hi]).tolist()
            total = max(widths[-1], 1)
            bounds = [0] + [length * w // total for w in widths[:-1]] + [length]
            _at_least_one_ms_apart(bounds)
            for k in range(m):
                ts[starts[k] : stops[k]] = span_start + bounds[k]
                te[starts[k] : stops[k]] = span_start + bounds[k + 1]
            continue
        per_block = max(lines_per_caption, -(-m // max(length, 1)))
        count = -(-m // per_block)
        for k in range(count):
            first_line = k * per_block
            last_line = min(first_line + per_block, m) - 1
            hard.append(starts[first_line])
            dropped.extend(starts[first_line + 1 : last_line + 1])
            ts[starts[first_line] : stops[last_line]] = span_start + length * k // count
            te[starts[first_line] : stops[last_line]] = span_start + length * (k + 1) // count
        if b + 1 < n:
            hard.append(b + 1)
    kept = np.setdiff1d(lines, np.array(dropped, dtype=np.intp), assume_unique=True)
    return kept.astype(np.intp), np.array(hard, dtype=np.intp)
