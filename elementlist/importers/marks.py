"""What a word's characters say: its edge punctuation, whether it ends a sentence, and
whether it is a sound reference such as ``[MUSIC]``.

Sources that glue punctuation to words (Whisper, Deepgram's ``punctuated_word``,
AssemblyAI, Google, Azure ``display``, caption files) are split here into the cielo24
shape: the word, and its leading and trailing punctuation as punctuation tokens
(``"Hello,"`` → ``Hello`` + ``,``). The characters kept inside a word are apostrophes
(``don't``, ``'til``, ``students’``) and the marks that belong to what they are written
with (``50%``, ``#tag``, ``@name``, ``&``, ``f***``, ``a/b``); an abbreviation written with
inner full stops keeps its last one (``U.S.``). Nothing is ever dropped: the tokens of a
word joined without spaces are its text.
"""

from __future__ import annotations

from functools import lru_cache

import regex

# Unicode punctuation (\p{P}) that is split off a word's edges.
_EDGE_CLASS = r"[\p{P}--['\u2019%\u2030\u2031#@&*/\\_\u00b7\u2027]]"
_EDGES = regex.compile(rf"^({_EDGE_CLASS}*)(.*?)({_EDGE_CLASS}*)\Z", regex.V1 | regex.S)
_ABBREVIATION = regex.compile(r"(?:\p{L}\.)+\p{L}\Z")
# A sound reference: one bracketed description, optionally followed by punctuation.
_SOUND = regex.compile(rf"^(\[[^\[\]]*\])({_EDGE_CLASS}*)\Z", regex.V1 | regex.S)

SENTENCE_FINAL = frozenset(".?!…。？！‼⁇⁈⁉؟।॥։።")
CLOSERS = "\"'”’»›)]}」』】〕）］｝"
OPENERS = CLOSERS + "([{¿¡ "
# Words whose full stop does not end a sentence (an honorific or the like before a name).
ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "vs",
        "mt",
        "lt",
        "col",
        "gen",
        "sgt",
        "capt",
        "gov",
        "rev",
        "hon",
        "fig",
        "approx",
        "e.g",
        "i.e",
        "cf",
    }
)


@lru_cache(maxsize=1 << 16)
def split_edges(text: str) -> tuple[str, str, str]:
    """``text`` → (leading punctuation, word, trailing punctuation); the word is empty when
    ``text`` is all punctuation (then it is all in the first part).

    >>> split_edges('"Hello,'), split_edges("U.S."), split_edges("..."), split_edges("50%")
    (('"', 'Hello', ','), ('', 'U.S.', ''), ('...', '', ''), ('', '50%', ''))
    """
    m = _EDGES.match(text)
    if m is None:  # pragma: no cover - the pattern matches every string
        return "", text, ""
    lead, core, trail = m.groups()
    if trail.startswith(".") and _ABBREVIATION.match(core):
        core, trail = core + ".", trail[1:]
    return lead, core, trail


def plain(text: str) -> bool:
    """True when ``text`` starts and ends with a letter or digit: no edge to split (the
    common case, decided without the pattern)."""
    return text[:1].isalnum() and text[-1:].isalnum()


def ends_sentence(text: str) -> bool:
    """Whether a token's text ends with a sentence-final mark (before closing quotes and
    brackets): ``done.``, ``why?"``, ``終わり。``."""
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in SENTENCE_FINAL


def full_stop_continues(word: str, next_word: str) -> bool:
    """A full stop that does not end the sentence: after an abbreviation on our list, or
    when the next word starts with a lower-case letter (``e.g. this``, ``Mr. Smith``)."""
    stripped = word.rstrip(CLOSERS + " ")
    if not stripped.endswith(".") or stripped.endswith(".."):
        return False
    head = next_word.lstrip(OPENERS)[:1]
    if head.islower():
        return True
    core = stripped[:-1].lstrip(OPENERS).lower()
    return core in ABBREVIATIONS


# Tags for sound descriptions: the cielo24 enumeration, and the words captioners use.
_TAG_WORDS = (
    ("BLANK_AUDIO", ("blank_audio", "blank audio", "silence")),
    ("CROSSTALK", ("crosstalk", "cross talk", "overlapping")),
    ("INAUDIBLE", ("inaudible", "unintelligible", "indistinct")),
    ("APPLAUSE", ("applause", "clapping", "applauding")),
    ("LAUGH", ("laugh",)),  # laugh, laughs, laughter, laughing
    ("COUGH", ("cough",)),
    ("MUSIC", ("music", "♪")),
    ("NOISE", ("noise",)),
    ("FOREIGN", ("foreign",)),
    ("BLEEP", ("bleep",)),
    ("UNKNOWN", ("unknown",)),
)


@lru_cache(maxsize=4096)
def sound_tag(description: str) -> str:
    """The tag of a sound description (``[Laughter]`` → ``LAUGH``, ``[upbeat music]`` →
    ``MUSIC``); ``SOUND`` (a tag cielo24's own data uses) for any other description."""
    inner = description.strip().strip("[]").strip().lower()
    for tag, words in _TAG_WORDS:
        if any(w in inner for w in words):
            return tag
    return "SOUND"


def split_sound(text: str) -> tuple[str, str] | None:
    """``"[MUSIC]."`` → (``[MUSIC]``, ``.``): a bracketed sound reference and the
    punctuation after it; None when ``text`` is not one."""
    m = _SOUND.match(text)
    return None if m is None else (m.group(1), m.group(2))
