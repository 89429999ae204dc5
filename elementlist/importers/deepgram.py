"""Deepgram pre-recorded responses (``/v1/listen``), with or without ``punctuate`` /
``smart_format``, ``diarize``, ``utterances``, ``paragraphs``, one or more channels.

``results.channels[c].alternatives[0].words[]`` = ``{word, start, end, confidence,
punctuated_word, speaker, speaker_confidence}``; seconds. The text is ``punctuated_word``
when there is one (``word`` is lower case without punctuation; Deepgram-hosted Whisper
has no ``punctuated_word``), the speaker ``speaker`` (an int). Sentence ends come from
``paragraphs.paragraphs[].sentences[]`` when present (each sentence ends after the last
word starting before its ``end``), else from the punctuation; ``utterances[]`` are the
units. Several channels are merged in time order, each word's speaker then being
``Channel N`` (with diarization, ``Channel N speaker S``). Float noise (``1.1999999``) is
rounded away by the conversion to ms.
"""

from __future__ import annotations

import heapq
from typing import Any

from .draft import Draft, last_pieces_before
from .fields import as_dict, as_list, as_text, first, label, score
from .times import seconds


def detect(tree: Any) -> bool:
    if not isinstance(tree, dict):
        return False
    results = tree.get("results")
    return isinstance(results, dict) and isinstance(results.get("channels"), list)


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


_Word = tuple[int | None, int | None, str, float | None, str | None, bool, bool]


def _channel_words(
    words: list[Any],
    base: tuple[Any, ...],
    name: str | None,
    channel: int | None,
    sentence_ends: list[int],
    unit_ends: list[int],
) -> list[_Word]:
    out: list[_Word] = []
    for j, raw in enumerate(words):
        word = raw if type(raw) is dict else as_dict(raw, (*base, j), name)
        text = word.get("punctuated_word")
        if type(text) is not str:
            text = word.get("word")
            if type(text) is not str:
                text = as_text(text, (*base, j, "word"), name)
        speaker = word.get("speaker")
        who = label(speaker) if speaker is not None else None
        if channel is not None:
            who = f"Channel {channel}" if who is None else f"Channel {channel} speaker {who}"
        out.append(
            (
                seconds(word.get("start")),
                seconds(word.get("end")),
                text,
                score(word.get("confidence")),
                who,
                False,
                False,
            )
        )
    if sentence_ends or unit_ends:
        starts = [w[0] for w in out]
        eos = last_pieces_before(starts, sentence_ends)
        units = last_pieces_before(starts, unit_ends)
        out = [
            (w[0], w[1], w[2], w[3], w[4], i in eos, i in units) if i in eos or i in units else w
            for i, w in enumerate(out)
        ]
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
        if end is not None and isinstance(channel, int):
            utterance_ends.setdefault(channel, []).append(end)
    several = len(channels) > 1
    per_channel: list[list[_Word]] = []
    language = None
    for c, raw in enumerate(channels):
        channel = as_dict(raw, ("results", "channels", c), name)
        if language is None and isinstance(channel.get("detected_language"), str):
            language = channel["detected_language"]
        alternative = first(
            channel.get("alternatives"), ("results", "channels", c, "alternatives"), name
        )
        if alternative is None:
            continue
        base = ("results", "channels", c, "alternatives", 0, "words")
        words = as_list(alternative.get("words"), base, name)
        per_channel.append(
            _channel_words(
                words,
                base,
                name,
                c if several else None,
                _sentence_ends(alternative),
                utterance_ends.get(c, []),
            )
        )
    draft = Draft(language=language)
    merged = per_channel[0] if len(per_channel) == 1 else _merge(per_channel)
    add = draft.add
    sentence_ends = draft.sentence_ends
    unit_ends = draft.unit_ends
    for i, (start, end, text, confidence, speaker, eos, unit) in enumerate(merged):
        add(text, start, end, confidence, speaker)
        if eos:
            sentence_ends.add(i)
        if unit:
            unit_ends.add(i)
    return draft


def _merge(channels: list[list[_Word]]) -> list[_Word]:
    """The words of every channel in time order (each channel keeps its own order)."""
    keyed = []
    for words in channels:
        last = 0
        keys = []
        for w in words:
            if w[0] is not None:
                last = w[0]
            keys.append((last, w))
        keyed.append(keys)
    return [w for _, w in heapq.merge(*keyed, key=lambda pair: pair[0])]
