"""Deepgram pre-recorded responses (``/v1/listen``), with or without ``punctuate`` /
``smart_format``, ``diarize``, ``utterances``, ``paragraphs``, one or more channels.

``results.channels[c].alternatives[0].words[]`` = ``{word, start, end, confidence,
punctuated_word, speaker, speaker_confidence}``; seconds. The text is ``punctuated_word``
when there is one (``word`` is lower case without punctuation; Deepgram-hosted Whisper
has no ``punctuated_word``), the speaker ``speaker`` (an int). Sentence ends come from
``paragraphs.paragraphs[].sentences[]`` when present (each sentence ends after the last
word starting before its ``end``), else from the punctuation; ``utterances[]`` are the
units (their own copies of the words are not read). Several channels are merged in time
order, each word's speaker then being ``Channel N`` (with diarization, ``Channel N
speaker S``). Float noise (``1.1999999``) is rounded away by the conversion to ms.

Two ways in, one result: the bytes decoded straight into typed structs that hold only
what is read (fast: the utterances' words are skipped unread), or, for a document with a
value of another type, the lenient reading of the JSON tree.
"""

from __future__ import annotations

import heapq
from typing import Any

import msgspec

from .draft import WORD, Draft, last_pieces_before
from .fields import as_dict, as_list, as_text, first, label, score
from .times import MAX_S, seconds


def detect(tree: Any) -> bool:
    if not isinstance(tree, dict):
        return False
    results = tree.get("results")
    return isinstance(results, dict) and isinstance(results.get("channels"), list)


class _Channel:
    """One channel's words as columns, and where its sentences and units end."""

    __slots__ = ("confidence", "end", "ends", "speaker", "start", "text", "units")

    def __init__(self) -> None:
        self.text: list[str] = []
        self.start: list[int | None] = []
        self.end: list[int | None] = []
        self.confidence: list[float | None] = []
        self.speaker: list[str | None] = []
        self.ends: set[int] = set()
        self.units: set[int] = set()

    def mark(self, sentence_ends: list[int], unit_ends: list[int]) -> None:
        if sentence_ends:
            self.ends = last_pieces_before(self.start, sentence_ends)
        if unit_ends:
            self.units = last_pieces_before(self.start, unit_ends)


def _who(speaker: str | None, channel: int | None) -> str | None:
    if channel is None:
        return speaker
    return f"Channel {channel}" if speaker is None else f"Channel {channel} speaker {speaker}"


def _draft(channels: list[_Channel], language: str | None) -> Draft:
    draft = Draft(language=language)
    n = sum(len(c.text) for c in channels)
    if len(channels) == 1:  # the columns are the draft's, as they are
        c = channels[0]
        draft.text, draft.start, draft.end = c.text, c.start, c.end
        draft.confidence, draft.speaker = c.confidence, c.speaker
        draft.sentence_ends, draft.unit_ends = c.ends, c.units
    else:  # several channels: merged in time order, each keeping its own order
        keyed = []
        for c in channels:
            last = 0
            rows = []
            for i in range(len(c.text)):
                s = c.start[i]
                if s is not None:
                    last = s
                rows.append((last, c.text[i], s, c.end[i], c.confidence[i], c.speaker[i],
                             i in c.ends, i in c.units))  # fmt: skip
            keyed.append(rows)
        for k, row in enumerate(heapq.merge(*keyed, key=lambda r: r[0])):
            draft.add(row[1], row[2], row[3], row[4], row[5])
            if row[6]:
                draft.sentence_ends.add(k)
            if row[7]:
                draft.unit_ends.add(k)
        return draft
    draft.kind = [WORD] * n
    draft.glue = [0] * n
    draft.made_up = [False] * n
    return draft


# --- the lenient way: the JSON tree ---------------------------------------------------------


def _sentence_ends(alternative: dict[str, Any]) -> list[int]:
    paragraphs = alternative.get("paragraphs")
    if not isinstance(paragraphs, dict):
        return []
    out: list[int] = []
    for paragraph in paragraphs.get("paragraphs") or ():
        if not isinstance(paragraph, dict):
            continue
        for sentence in paragraph.get("sentences") or ():
            if isinstance(sentence, dict):
                end = seconds(sentence.get("end"))
                if end is not None:
                    out.append(end)
    return out


def read(tree: Any, name: str | None) -> Draft:
    results = as_dict(tree.get("results"), ("results",), name)
    channels = as_list(results.get("channels"), ("results", "channels"), name)
    utterances = as_list(results.get("utterances"), ("results", "utterances"), name)
    utterance_ends: dict[int, list[int]] = {}
    for k, raw in enumerate(utterances):
        utterance = as_dict(raw, ("results", "utterances", k), name)
        end = seconds(utterance.get("end"))
        channel = utterance.get("channel", 0)
        if end is not None and type(channel) is int:
            utterance_ends.setdefault(channel, []).append(end)
    several = len(channels) > 1
    out: list[_Channel] = []
    language = None
    for c, raw in enumerate(channels):
        channel = as_dict(raw, ("results", "channels", c), name)
        if language is None and isinstance(channel.get("detected_language"), str):
            language = channel["detected_language"]
        base = ("results", "channels", c, "alternatives")
        alternative = first(channel.get("alternatives"), base, name)
        if alternative is None:
            continue
        words = as_list(alternative.get("words"), (*base, 0, "words"), name)
        columns = _Channel()
        tag = c if several else None
        for j, word in enumerate(words):
            if type(word) is not dict:
                word = as_dict(word, (*base, 0, "words", j), name)
            text = word.get("punctuated_word")
            if type(text) is not str:
                text = word.get("word")
                if type(text) is not str:
                    text = as_text(text, (*base, 0, "words", j, "word"), name)
            speaker = word.get("speaker")
            columns.text.append(text)
            columns.start.append(seconds(word.get("start")))
            columns.end.append(seconds(word.get("end")))
            columns.confidence.append(score(word.get("confidence")))
            columns.speaker.append(_who(None if speaker is None else label(speaker), tag))
        columns.mark(_sentence_ends(alternative), utterance_ends.get(c, []))
        out.append(columns)
    return _draft(out, language)


# --- the fast way: typed structs ------------------------------------------------------------


class _Word(msgspec.Struct, gc=False):
    word: str | None = None
    punctuated_word: str | None = None
    start: float | str | None = None
    end: float | str | None = None
    confidence: float | None = None
    speaker: int | str | None = None


class _Sentence(msgspec.Struct, gc=False):
    end: float | str | None = None


class _Paragraph(msgspec.Struct, gc=False):
    sentences: list[_Sentence] | None = None


class _Paragraphs(msgspec.Struct, gc=False):
    paragraphs: list[_Paragraph] | None = None


class _Alternative(msgspec.Struct, gc=False):
    words: list[_Word] | None = None
    paragraphs: _Paragraphs | None = None


class _ChannelResult(msgspec.Struct, gc=False):
    alternatives: list[_Alternative] | None = None
    detected_language: str | None = None


class _Utterance(msgspec.Struct, gc=False):
    end: float | str | None = None
    channel: int | None = 0


class _Results(msgspec.Struct, gc=False):
    channels: list[_ChannelResult] = []
    utterances: list[_Utterance] | None = None


class _Response(msgspec.Struct, gc=False):
    results: _Results


_decode = msgspec.json.Decoder(_Response)


def read_fast(raw: bytes | None, tree: Any, name: str | None) -> Draft | None:
    try:
        response = _decode.decode(raw) if raw is not None else msgspec.convert(tree, _Response)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
    results = response.results
    utterance_ends: dict[int, list[int]] = {}
    for utterance in results.utterances or ():
        end = seconds(utterance.end)
        if end is not None and utterance.channel is not None:
            utterance_ends.setdefault(utterance.channel, []).append(end)
    several = len(results.channels) > 1
    out: list[_Channel] = []
    language = None
    for c, channel in enumerate(results.channels):
        if language is None and channel.detected_language is not None:
            language = channel.detected_language
        if not channel.alternatives:
            continue
        alternative = channel.alternatives[0]
        words = alternative.words or []
        columns = _Channel()
        columns.text = [
            w.punctuated_word if w.punctuated_word is not None else (w.word or "") for w in words
        ]
        columns.start = [
            int(s * 1000.0 + 0.5) if type(s) is float and 0.0 <= s <= MAX_S else seconds(s)
            for s in (w.start for w in words)
        ]
        columns.end = [
            int(e * 1000.0 + 0.5) if type(e) is float and 0.0 <= e <= MAX_S else seconds(e)
            for e in (w.end for w in words)
        ]
        columns.confidence = [
            c_ if c_ is not None and c_ - c_ == 0.0 else None
            for c_ in (w.confidence for w in words)
        ]
        tag = c if several else None
        if tag is None and all(w.speaker is None for w in words):
            columns.speaker = [None] * len(words)
        else:
            columns.speaker = [
                _who(None if w.speaker is None else label(w.speaker), tag) for w in words
            ]
        sentence_ends = []
        if alternative.paragraphs is not None:
            for paragraph in alternative.paragraphs.paragraphs or ():
                for sentence in paragraph.sentences or ():
                    end = seconds(sentence.end)
                    if end is not None:
                        sentence_ends.append(end)
        columns.mark(sentence_ends, utterance_ends.get(c, []))
        out.append(columns)
    return _draft(out, language)
