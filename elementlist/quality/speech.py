"""The checks of cues against the words spoken (an ElementList): ``OUT-OF-SYNC``,
``MISSING-WORDS`` and ``EXTRA-WORDS``.

Both sides become sequences of normalised words (NFKC, case folded, ’ read as ', every
character but letters, digits and inner apostrophes dropped; a piece with no letter or
digit is no word), cut at spaces and hyphens on both sides (a token "New York" is two
words, "for-sure" shown is the "for sure" spoken). On the caption side, bracketed text
(``[MUSIC]``, ``(laughs)``) is a sound, not a word; on the ElementList side, only tokens of
type word count, and not those in brackets either (their own, or punctuation tokens around
them: AWS's redacted ``[``, ``PII``, ``]``). The two sequences are aligned with
:class:`difflib.SequenceMatcher`; spoken words the alignment leaves out are MISSING-WORDS
(given to the cue whose caption word comes just before them, else the first cue), caption
words it leaves out are EXTRA-WORDS of their cue. A cue's start is compared with the spoken
start of its first matched word (a cue that opens with a sound may start before it: it
shows the sound first).

Captions are not verbatim: a speaker's name shown before their words (``>> Ann Taylor:``,
``ANN TAYLOR:``, when it is the name of a speaker of the ElementList, or ``Speaker 2:``, the
label of one without a name) is no word, and a spoken disfluency (``um``, ``uh``: the
packaged list ``remove_disfluencies`` uses) left out of the captions is not missing.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..document.model import ElementList
from ..profiles import Profile
from ..table.wordlists import WordLists
from .cues import Cue
from .report import Breach, SpokenWord

_SOUND = regex.compile(r"\[[^\[\]]*\]|\([^()]*\)")
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}']+")
_SHOWN = 8  # words quoted in a message
# words are cut at spaces and hyphens on both sides: a token "New York" is two words as
# shown, and "for-sure" shown is the "for sure" spoken
_PIECES = regex.compile(r"[\s\-\u2010\u2011]+")
_LABEL = regex.compile(r"^(?:>>+\s*)?([^:]{1,60}):(?:\s|$)")


def normalised(word: str) -> str:
    """A word as the alignment compares it ("" when it is no word)."""
    folded = unicodedata.normalize("NFKC", word).casefold().replace("’", "'")
    return str(_NOT_WORD.sub("", folded)).strip("'")


def spoken_words(doc: ElementList) -> list[SpokenWord]:
    """The words of an ElementList, with their times (whole ms), in order."""
    out = []
    depth = 0  # inside brackets or parentheses made of punctuation tokens ("[", "PII", "]")
    for token in doc.tokens():
        text = token.text
        if token.kind != 0:
            depth = max(
                0, depth + sum(text.count(c) for c in "[(") - sum(text.count(c) for c in "])")
            )
            continue
        if depth == 0:
            for piece in _PIECES.split(_SOUND.sub(" ", text)):
                if normalised(piece):
                    out.append(SpokenWord(piece, int(token.start_time), int(token.end_time)))
    return out


@dataclass(frozen=True, slots=True)
class _Shown:
    word: str
    key: str
    cue: Cue


def speaker_names(doc: ElementList) -> frozenset[str]:
    """The speakers' names, each as its normalised words joined by a space."""
    if not doc.speakers:
        return frozenset()
    return frozenset(_name_key(s.name) for s in doc.speakers if s.name)


def _name_key(name: str) -> str:
    return " ".join(k for k in map(normalised, name.split()) if k)


_NUMBERED = regex.compile(r"speaker \d+")  # the label of a speaker without a name


def _without_label(line: str, names: frozenset[str]) -> str:
    m = _LABEL.match(line)
    if m is not None and (
        (key := _name_key(m.group(1))) in names or _NUMBERED.fullmatch(key) is not None
    ):
        return line[m.end() :]
    return line.lstrip(">").lstrip() if line.startswith(">>") else line


def _shown_words(cues: Sequence[Cue], names: frozenset[str]) -> list[_Shown]:
    out = []
    for cue in cues:
        text = " ".join(_without_label(line, names) for line in cue.lines)
        for piece in _PIECES.split(_SOUND.sub(" ", text)):
            key = normalised(piece)
            if key:
                out.append(_Shown(piece, key, cue))
    return out


def _opens_with_sound(cue: Cue, names: frozenset[str]) -> bool:
    text = " ".join(_without_label(line, names) for line in cue.lines).lstrip()
    return _SOUND.match(text) is not None


def _quoted(words: Sequence[str]) -> str:
    head = " ".join(words[:_SHOWN])
    return f'"{head} …"' if len(words) > _SHOWN else f'"{head}"'


def _clock(ms: int) -> str:
    return f"{ms / 1000:.3f} s"


@dataclass(frozen=True, slots=True)
class Alignment:
    """What the alignment found: the breaches, and each cue's first spoken word's start."""

    breaches: list[Breach]
    first_spoken: dict[int, int]


def align(
    cues: Sequence[Cue],
    spoken: Sequence[SpokenWord],
    profile: Profile,
    names: frozenset[str] = frozenset(),
) -> Alignment:
    """Align the cues' words with the spoken words (``names``: :func:`speaker_names`)."""
    shown = _shown_words([c for c in cues if c.lines], names)
    keys = [normalised(w.text) for w in spoken]
    optional = WordLists.default().disfluencies
    matcher = difflib.SequenceMatcher(None, keys, [s.key for s in shown], autojunk=False)
    first: dict[int, int] = {}
    breaches: list[Breach] = []
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            cue = shown[block.b + k].cue
            first.setdefault(cue.number, spoken[block.a + k].start_ms)
    cue_of = {c.number: c for c in cues}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace") and shown:
            near = shown[j1 - 1].cue if j1 > 0 else shown[0].cue
            missing = [spoken[k] for k in range(i1, i2) if keys[k] not in optional]
            if not missing:
                continue
            noun = "word" if len(missing) == 1 else "words"
            breaches.append(
                Breach(
                    "MISSING-WORDS",
                    near.number,
                    near.start_ms,
                    near.end_ms,
                    f"{len(missing)} spoken {noun} in no caption: "
                    f"{_quoted([w.text for w in missing])} (spoken "
                    f"{_clock(missing[0].start_ms)}–{_clock(missing[-1].end_ms)})",
                )
            )
        if tag in ("insert", "replace"):
            by_cue: dict[int, list[str]] = {}
            for s in shown[j1:j2]:
                by_cue.setdefault(s.cue.number, []).append(s.word)
            for number, extra in by_cue.items():
                cue = cue_of[number]
                noun = "word" if len(extra) == 1 else "words"
                breaches.append(
                    Breach(
                        "EXTRA-WORDS",
                        number,
                        cue.start_ms,
                        cue.end_ms,
                        f"{len(extra)} {noun} not spoken: {_quoted(extra)}",
                    )
                )
    tolerance = profile.sync_tolerance_ms
    if tolerance is not None:
        for cue in cues:
            if cue.number not in first:
                continue
            offset = cue.start_ms - first[cue.number]
            if offset < 0 and _opens_with_sound(cue, names):
                continue  # shown from the sound before its first word ("[PII] hi")
            if abs(offset) > tolerance:
                side = "after" if offset > 0 else "before"
                breaches.append(
                    Breach(
                        "OUT-OF-SYNC",
                        cue.number,
                        cue.start_ms,
                        cue.end_ms,
                        f"starts {abs(offset)} ms {side} its first word is spoken "
                        f"({_clock(first[cue.number])}; tolerance {tolerance} ms)",
                    )
                )
    return Alignment(breaches, first)


__all__ = ["Alignment", "align", "normalised", "speaker_names", "spoken_words"]
