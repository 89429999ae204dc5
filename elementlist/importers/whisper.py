"""OpenAI Whisper JSON (``transcribe()`` / ``whisper -f json``, with or without
``word_timestamps``), and the same shape as faster-whisper and stable-ts users save it.

``{"text", "segments": [{"start", "end", "text", "words": [{"word", "start", "end",
"probability"}]}], "language"}``; seconds. Also a bare list of segments (faster-whisper
segments dumped one by one). The whole family shares :func:`read_document`:
whisper-timestamped (``text``/``confidence`` words) and WhisperX (``score``, ``speaker``)
only name their fields differently.

Quirks handled: each word carries its leading space (``" Hello"``) and a word without
one continues the word before (Whisper's tokens can split a word: ``" Kub"`` +
``"ernetes"``), when the document writes leading spaces at all (CJK output does not); a
``null`` time (faster-whisper, WhisperX numerals) or a zero-length word is interpolated;
without words, a segment's text is spread over its span by character length; ``[Music]``
is a sound. Hallucinated text (high ``compression_ratio`` / ``no_speech_prob``) is kept:
we never drop text.
"""

from __future__ import annotations

import bisect
import operator
from itertools import accumulate, chain, repeat
from operator import attrgetter
from typing import Any

import msgspec
import numpy as np

from ..document.model import PathKey
from .draft import GLUE_PREVIOUS, WORD, Draft, spread
from .fields import as_dict, as_list, as_text, label, score
from .times import MAX_S, seconds, seconds_column

WHISPER = "whisper"
TIMESTAMPED = "whisper-timestamped"
WHISPERX = "whisperx"

_SCAN = 50  # segments looked at to tell the family apart


def segments_of(tree: Any) -> list[Any] | None:
    """The segment list of a Whisper-shaped document, or None when it is not one."""
    if isinstance(tree, dict):
        segments = tree.get("segments")
        if not isinstance(segments, list) or "version" in tree:
            return None
        if segments:
            head = segments[0]
            if not isinstance(head, dict) or "sequences" in head:
                return None
            if not ("text" in head or "words" in head or "start" in head):
                return None
        elif not ("text" in tree or "language" in tree or "word_segments" in tree):
            return None
        return segments
    if isinstance(tree, list) and tree:  # a bare list of segments
        head = tree[0]
        if isinstance(head, dict) and "start" in head and ("text" in head or "words" in head):
            return tree
    return None


def flavour(tree: Any) -> str | None:
    """Which of the family ``tree`` is (or None): its words' field names tell."""
    segments = segments_of(tree)
    if segments is None:
        return None
    if isinstance(tree, dict) and "word_segments" in tree:
        return WHISPERX
    for segment in segments[:_SCAN]:
        if not isinstance(segment, dict):
            return None
        if "speaker" in segment:
            return WHISPERX
        words = segment.get("words")
        if isinstance(words, list) and words:
            word = words[0]
            if not isinstance(word, dict):
                return None
            if "word" not in word and "text" in word:
                return TIMESTAMPED
            if "speaker" in word or ("score" in word and "probability" not in word):
                return WHISPERX
            return WHISPER
    return WHISPER


def detect(tree: Any) -> bool:
    return flavour(tree) == WHISPER


def language_of(tree: Any) -> str | None:
    language = tree.get("language") if isinstance(tree, dict) else None
    return language if isinstance(language, str) and language.strip() else None


def _spaced(segments: list[Any], word_key: str) -> bool:
    """Whether the words carry leading spaces (most of them do, in a spaced language)."""
    seen = spaced = 0
    for segment in segments:
        words = segment.get("words") if isinstance(segment, dict) else None
        if not isinstance(words, list):
            continue
        for word in words[:20]:
            text = word.get(word_key) if isinstance(word, dict) else None
            if isinstance(text, str) and text:
                seen += 1
                spaced += text[0].isspace()
        if seen >= 200:
            break
    return seen > 0 and spaced * 2 >= seen


def read_words(
    words: list[Any],
    draft: Draft,
    name: str | None,
    *,
    word_key: str,
    confidence_key: str,
    spaced: bool,
    speaker: str | None,
    base: PathKey,
) -> None:
    """One segment's words into ``draft`` (``base`` is the JSON path of the list). The
    leading space that marks a new word is dropped here; a word without one is glued."""
    texts, starts, ends, confidences = draft.text, draft.start, draft.end, draft.confidence
    speakers, kinds, glues, made_up = draft.speaker, draft.kind, draft.glue, draft.made_up
    first = True
    for j, word in enumerate(words):
        if type(word) is not dict:
            word = as_dict(word, (*base, j), name)
        text = word.get(word_key)
        if type(text) is not str:
            text = as_text(text, (*base, j, word_key), name)
        if text[:1] == " ":
            text = text[1:]
            glue = 0
        else:
            glue = GLUE_PREVIOUS if spaced and not first and text and not text[0].isspace() else 0
        if first and text.strip():
            first = False
        s = word.get("start")
        e = word.get("end")
        c = word.get(confidence_key)
        own = word.get("speaker")
        texts.append(text)
        starts.append(
            int(s * 1000.0 + 0.5) if type(s) is float and 0.0 <= s <= MAX_S else seconds(s)
        )
        ends.append(int(e * 1000.0 + 0.5) if type(e) is float and 0.0 <= e <= MAX_S else seconds(e))
        confidences.append(c if type(c) is float and c - c == 0.0 else score(c))
        speakers.append(speaker if own is None else label(own))
        kinds.append(WORD)
        glues.append(glue)
        made_up.append(False)


def read_segments(
    segments: list[Any],
    draft: Draft,
    name: str | None,
    *,
    word_key: str,
    confidence_key: str,
    base: PathKey,
) -> None:
    """Every segment's words (or its text, spread over its span) into ``draft``."""
    spaced = _spaced(segments, word_key)
    for i, raw in enumerate(segments):
        segment = as_dict(raw, (*base, i), name)
        speaker = label(segment.get("speaker"))
        words = as_list(segment.get("words"), (*base, i, "words"), name)
        if words:
            read_words(
                words,
                draft,
                name,
                word_key=word_key,
                confidence_key=confidence_key,
                spaced=spaced,
                speaker=speaker,
                base=(*base, i, "words"),
            )
        else:
            text = as_text(segment.get("text"), (*base, i, "text"), name)
            _segment_text(draft, text, segment.get("start"), segment.get("end"), speaker)
        draft.end_unit()


def _segment_text(draft: Draft, text: str, start: Any, end: Any, speaker: str | None) -> None:
    """A segment without words: its text's words spread over its span by character length
    (no times when the span is unusable)."""
    pieces = text.split()
    times = spread(pieces, seconds(start), seconds(end))
    for k, piece in enumerate(pieces):
        if times is None:
            draft.add(piece, None, None, None, speaker)
        else:
            draft.add(piece, times[k][0], times[k][1], None, speaker, made_up=True)


def read_document(tree: Any, name: str | None, *, word_key: str, confidence_key: str) -> Draft:
    """A Whisper-shaped document's segments into a new Draft, its words' text and
    confidence read from ``word_key`` and ``confidence_key`` (the family's one walk)."""
    segments = segments_of(tree)
    assert segments is not None
    draft = Draft(language=language_of(tree), brackets_are_sounds=True)
    read_segments(
        segments,
        draft,
        name,
        word_key=word_key,
        confidence_key=confidence_key,
        base=("segments",) if isinstance(tree, dict) else (),
    )
    return draft


def read(tree: Any, name: str | None) -> Draft:
    return read_document(tree, name, word_key="word", confidence_key="probability")


# --- the fast path: the bytes decoded straight into typed structs ---------------------------
#
# The same reading as above, on structs msgspec decodes from the bytes (or converts from a
# tree) with only the fields we read: a document with any value of another type (a text
# that is a number, a time that is a list) is not decodable so, and goes the lenient way
# above, which reports or tolerates it. tests/test_importers_fast.py checks that both
# ways give the same document for every sample and fixture.


class _Word(msgspec.Struct, gc=False):
    word: str | None = None
    text: str | None = None
    start: float | None = None  # (a time of another type: the lenient way)
    end: float | None = None
    probability: float | None = None
    confidence: float | None = None
    score: float | None = None
    speaker: str | int | None = None


class _Segment(msgspec.Struct, gc=False):
    start: float | str | None = None
    end: float | str | None = None
    text: str | None = None
    words: list[_Word] | None = None
    speaker: str | int | None = None


class _Document(msgspec.Struct, gc=False):
    segments: list[_Segment] = []
    language: str | None = None
    word_segments: list[_Word] | None = None


_decode_document = msgspec.json.Decoder(_Document)
_decode_segments = msgspec.json.Decoder(list[_Segment])


def typed(raw: bytes | None, tree: Any) -> _Document | None:
    """The document as typed structs, or None when a value has another type."""
    try:
        if raw is not None:
            if raw[:1] == b"[":
                return _Document(segments=_decode_segments.decode(raw))
            return _decode_document.decode(raw)
        if isinstance(tree, list):
            return _Document(segments=msgspec.convert(tree, list[_Segment]))
        return msgspec.convert(tree, _Document)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None


def _typed_spaced(segments: list[_Segment], word_attr: str) -> bool:
    seen = spaced = 0
    for segment in segments:
        for word in (segment.words or ())[:20]:
            text = getattr(word, word_attr)
            if text:
                seen += 1
                spaced += text[0].isspace()
        if seen >= 200:
            break
    return seen > 0 and spaced * 2 >= seen


_START = attrgetter("start")
_END = attrgetter("end")
_SPEAKER = attrgetter("speaker")
_WORDS = attrgetter("words")


def _scores(values: list[float | None]) -> list[float | None]:
    """Confidences as they are when all are finite numbers (C speed), else one by one."""
    if np.isfinite(np.array(values, dtype=np.float64)).all():  # (None: NaN)
        return values
    return [c if c is not None and c - c == 0.0 else None for c in values]


def _unspaced(texts: list[str]) -> tuple[list[str], list[int]]:
    """``texts`` (a None among them made ``""``, in place) without the one leading space
    that marks a new word, and the indices of the texts that have none, at C speed: joined
    with a separator none holds, the space after each separator dropped, split again."""
    try:
        joined = "\x00" + "\x00".join(texts)
    except TypeError:  # a missing text (None): the empty one
        texts[:] = [t or "" for t in texts]
        joined = "\x00" + "\x00".join(texts)
    if joined.count("\x00") != len(texts):  # a text holds the separator: one by one
        return [t[1:] if t[:1] == " " else t for t in texts], [
            i for i, t in enumerate(texts) if t[:1] != " "
        ]
    if joined.count("\x00 ") == len(texts):  # every text has one (the usual case)
        unspaced = []
    else:  # the character after each separator, as code points
        points = np.frombuffer(
            (joined + "\x00").encode("utf-32-le", "surrogatepass"), dtype=np.uint32
        )
        after = points[np.flatnonzero(points == 0)[:-1] + 1]
        unspaced = np.flatnonzero(after != 32).tolist()
    parts = joined.replace("\x00 ", "\x00").split("\x00")
    del parts[0]
    return parts, unspaced


def _glues(
    raw_texts: list[str], texts: list[str], unspaced: list[int], firsts: list[int]
) -> list[int]:
    """Per word, GLUE_PREVIOUS when it continues the word before: its text (``raw_texts``,
    ``texts`` without the leading space) has no leading space (``unspaced``: the indices of
    those, few) and is not the first text of its segment (``firsts``: the index of each
    segment's first word)."""
    glues = [0] * len(texts)
    for i in unspaced:
        text = raw_texts[i]
        if not text or text[0].isspace():
            continue
        first = firsts[bisect.bisect_right(firsts, i) - 1]
        j = i - 1  # a text before it in its segment (nothing is glued to a segment's start)
        while j >= first and not texts[j].strip():
            j -= 1
        if j >= first:
            glues[i] = GLUE_PREVIOUS
    return glues


def _typed_words(
    words: list[_Word],
    draft: Draft,
    word_attr: str,
    confidence_attr: str,
    spaced: bool,
    speakers: list[str | None] | None,
    firsts: list[int],
) -> None:
    """Words into ``draft``, column by column (as :func:`read_words` does one by one):
    ``speakers`` is each word's segment's speaker (None: none has one), ``firsts`` the
    index of each segment's first word."""
    n = len(words)
    raw_texts: list[Any] = list(map(attrgetter(word_attr), words))
    texts, unspaced = _unspaced(raw_texts)
    glues = _glues(raw_texts, texts, unspaced, firsts) if spaced else [0] * n
    own = list(map(_SPEAKER, words))
    who: list[str | None]
    if own.count(None) == n:
        who = speakers if speakers is not None else [None] * n
    else:
        fallback = speakers if speakers is not None else [None] * n
        who = [f if w is None else label(w) for w, f in zip(own, fallback, strict=True)]
    draft.add_columns(
        texts,
        seconds_column(list(map(_START, words))),
        seconds_column(list(map(_END, words))),
        _scores(list(map(attrgetter(confidence_attr), words))),
        who,
        [WORD] * n,
        glues,
        [False] * n,
    )


def draft_of_typed(
    doc: _Document, word_attr: str, confidence_attr: str, word_segments: bool = False
) -> Draft:
    """The Draft of a typed document (``word_segments``: WhisperX's, read when no segment
    has words)."""
    language = doc.language if doc.language and doc.language.strip() else None
    draft = Draft(language=language, brackets_are_sounds=True)
    segments = doc.segments
    if word_segments and doc.word_segments and not any(s.words for s in segments):
        _typed_words(doc.word_segments, draft, word_attr, confidence_attr, False, None, [0])
        return draft
    spaced = _typed_spaced(segments, word_attr)
    word_lists = list(map(_WORDS, segments))
    if all(word_lists):  # the usual case: all at once
        words = list(chain.from_iterable(word_lists))
        counts = list(map(len, word_lists))
        firsts = list(accumulate(counts, initial=0))
        firsts.pop()
        labels = list(map(_SPEAKER, segments))
        if labels.count(None) != len(labels):
            labels = list(map(label, labels))
        speakers = (
            list(chain.from_iterable(map(repeat, labels, counts)))
            if labels.count(None) != len(labels)
            else None
        )
        _typed_words(words, draft, word_attr, confidence_attr, spaced, speakers, firsts)
        draft.unit_ends.update(map(operator.sub, accumulate(counts), repeat(1)))
        return draft
    for segment in segments:
        speaker = label(segment.speaker)
        if segment.words:
            n = len(segment.words)
            _typed_words(
                segment.words, draft, word_attr, confidence_attr, spaced, [speaker] * n, [0]
            )
        else:
            _segment_text(draft, segment.text or "", segment.start, segment.end, speaker)
        draft.end_unit()
    return draft


def read_fast(raw: bytes | None, tree: Any, name: str | None) -> Draft | None:
    doc = typed(raw, tree)
    return None if doc is None else draft_of_typed(doc, "word", "probability")
