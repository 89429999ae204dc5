"""What a token's text says about breaking around it: its width in grapheme clusters, closing
punctuation glued to the word before, sentence and clause ends, words a line should not end
on (``data/no_break_after.txt``), words that open a phrase, and what the pairs a break
should not split are made of (:func:`~.breaks_kernel.kept_with_next` and
:func:`~.breaks_kernel.first_of_name` read them): a verb's negation
(``data/no_break_before.txt``), a number and a unit (``data/units.txt``,
``data/number_words.txt``), a common adjective (``data/common_adjectives.txt``), a
capital letter.

Each fact is computed once per distinct string (a transcript repeats its words, and the
functions are cached); the break rules' ``token_widths`` and ``token_looks`` spread them
over the tokens as numpy columns for :mod:`.prepare`.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

import regex

from ..document.vocabulary import TokenKind
from .units import UnitBit

CLUSTER = regex.compile(r"\X")  # one grapheme cluster

# Bits of a token's text: the UnitBit ones it shares with the kernel, and three of its own.
GLUE = 1 << 12  # the token is closing punctuation, glued to the one before
NO_BREAK = 1 << 13  # the word is on the no-break-after list
CAPITAL = 1 << 14  # a word starting with a capital letter (not "I")
NUMBER = 1 << 15  # digits (1,200  3.5  $20) or a number word
UNIT = 1 << 16  # a unit a number goes with (units.txt)
ADJECTIVE = 1 << 17  # a common adjective (common_adjectives.txt)
NO_BREAK_BEFORE = 1 << 18  # a line should not start with it ("not": no_break_before.txt)

_SENTENCE_END = UnitBit.SENTENCE_END.value
_CLAUSE_END = UnitBit.CLAUSE_END.value
_OPENS_PHRASE = UnitBit.OPENS_PHRASE.value
# plain ints for numpy (an enum operand costs an operation about 4 us more, issue 15)
_WORD = int(TokenKind.WORD)
_PUNCTUATION = int(TokenKind.PUNCTUATION)

_SENTENCE_PUNCT = frozenset(".?!…。？！‼⁇⁈⁉")
_CLAUSE_PUNCT = frozenset(",;:—–-、，；：")
_WORD_SENTENCE_PUNCT = frozenset("?!？！")  # a word ending in "." may be "Dr."
_CLOSING = frozenset(",.;:!?…)]}»”’\"'、。，；：！？）」』】〉》")
_STRIP = "\"'“”‘’«»()[]{}<>,.;:!?…-—–¿¡"
_NUMBER = regex.compile(r"[$€£¥]?\d[\d,.:]*(?:st|nd|rd|th|s)?")


# The answers of grapheme_width and packed_text_bits for the strings asked so far, kept
# across calls (a batch of short documents shares most of its words, and these are per-string
# Python work). The break rules' kernels read them directly, a C dict look-up per token where
# an lru_cache hit is a Python call (issue 15: 0.2 us a token, a third of the preparation).
# Each holds immutable str -> int pairs of pure functions, at most KNOWN_LIMIT of them (full,
# it starts again): dict reads and writes are atomic, so every thread may share them.
KNOWN_LIMIT = 1 << 16
KNOWN_WIDTHS: dict[str, int] = {}
KNOWN_LOOKS: dict[str, int] = {}


def _kept(known: dict[str, int], text: str, answer: int) -> int:
    if len(known) >= KNOWN_LIMIT:
        known.clear()
    known[text] = answer
    return answer


def grapheme_width(text: str) -> int:
    """How many grapheme clusters ``text`` shows (an accent or an emoji counts once)."""
    if text.isascii() and "\r" not in text:
        return len(text)
    found = KNOWN_WIDTHS.get(text)
    if found is not None:
        return found
    return _kept(KNOWN_WIDTHS, text, len(CLUSTER.findall(text)))


@cache
def _words(name: str) -> frozenset[str]:
    """The words of the packaged list ``data/<name>`` (one a line, ``#`` comments)."""
    raw = resources.files("elementlist.data").joinpath(name).read_text("utf-8")
    return frozenset(
        entry for line in raw.splitlines() if (entry := line.split("#", 1)[0].strip().lower())
    )


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


# Cached across calls: a pure function of an immutable string (a batch of short documents
# shares most of its words, and this is per-string Python work); lru_cache is thread-safe.
@lru_cache(maxsize=1 << 16)
def text_bits(text: str, kind: int) -> int:
    """What a token's text says about breaking around it (cached per string and kind):
    ``SENTENCE_END``, ``CLAUSE_END`` and ``OPENS_PHRASE`` of :class:`~.units.UnitBit`, and
    :data:`GLUE`, :data:`NO_BREAK`, :data:`CAPITAL`, :data:`NUMBER`, :data:`UNIT`,
    :data:`ADJECTIVE` and :data:`NO_BREAK_BEFORE`. Only words and punctuation have any."""
    bits = 0
    stripped = text.strip()
    last = stripped[-1:]
    if kind == TokenKind.PUNCTUATION:
        if last in _SENTENCE_PUNCT:
            bits |= _SENTENCE_END
        elif last in _CLAUSE_PUNCT:
            bits |= _CLAUSE_END
        if stripped[:1] in _CLOSING:
            bits |= GLUE
    elif kind == TokenKind.WORD:
        if last in _WORD_SENTENCE_PUNCT:
            bits |= _SENTENCE_END
        elif last in _CLAUSE_PUNCT and last not in "-–—":
            bits |= _CLAUSE_END
        core = stripped.strip(_STRIP).lower().replace("’", "'")
        if core in no_break_after_words() and last not in _CLAUSE_PUNCT:
            bits |= NO_BREAK
        if _NUMBER.fullmatch(core) or core in _words("number_words.txt"):
            bits |= NUMBER
        if core in _words("units.txt") or stripped in _words("units.txt"):
            bits |= UNIT
        if core in _words("common_adjectives.txt"):
            bits |= ADJECTIVE
        if core in _words("no_break_before.txt"):
            bits |= NO_BREAK_BEFORE
        if core in phrase_opening_words():
            bits |= _OPENS_PHRASE
        pronoun_i = core == "i" or core.startswith("i'")
        if (core[:1].isupper() or stripped[:1].isupper()) and not pronoun_i:
            bits |= CAPITAL
    return bits


PUNCTUATION_SHIFT = 20  # text_bits are below 1 << 19: a word's and a mark's fit one int


def packed_text_bits(text: str) -> int:
    """:func:`text_bits` of ``text`` as a word and, shifted by :data:`PUNCTUATION_SHIFT`,
    as punctuation: one look-up per distinct string instead of two (kept in
    :data:`KNOWN_LOOKS`); the break rules' ``token_looks`` unpacks it per token."""
    found = KNOWN_LOOKS.get(text)
    if found is not None:
        return found
    word = text_bits(text, _WORD)
    return _kept(KNOWN_LOOKS, text, word | text_bits(text, _PUNCTUATION) << PUNCTUATION_SHIFT)


__all__ = [
    "CAPITAL",
    "CLUSTER",
    "GLUE",
    "KNOWN_LOOKS",
    "KNOWN_WIDTHS",
    "NO_BREAK",
    "PUNCTUATION_SHIFT",
    "grapheme_width",
    "no_break_after_words",
    "packed_text_bits",
    "phrase_opening_words",
    "text_bits",
]
