"""Small ElementLists with chosen timing, for the transcript tests.

``make_doc([turn(1, "Hello there. How are you?", pause=1500), ...])``: each turn is one
segment per sentence; each whitespace-separated chunk is a sequence (a word and the
punctuation attached to it); ``.?!`` carry ENDS_SENTENCE; ``[MUSIC]`` is a sound token.
``pause`` is the silence before the turn's first segment, ``gaps`` the silence after each of
its sentences (one value, or one per sentence), ``word_ms`` every word's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_PIECE = re.compile(r"\[[A-Za-z_]+\]|[\w'’*-]+|[^\w\s]")
_SENTENCE = re.compile(r"[^.?!]+[.?!]*")


@dataclass
class Turn:
    speaker: int | None
    text: str
    pause: int = 300
    gaps: int | list[int] = 200
    word_ms: int = 300


def turn(
    speaker: int | None,
    text: str,
    *,
    pause: int = 300,
    gaps: int | list[int] = 200,
    word_ms: int = 300,
) -> Turn:
    return Turn(speaker, text, pause, gaps, word_ms)


@dataclass
class _Clock:
    t: int = 0
    segments: list[dict[str, Any]] = field(default_factory=list)


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def _sequence(chunk: str, clock: _Clock, word_ms: int) -> dict[str, Any]:
    tokens = []
    start = clock.t
    for piece in _PIECE.findall(chunk):
        if piece.startswith("[") and len(piece) > 2:
            tag = piece[1:-1].upper()
            tok = {"type": "sound", "value": piece.lower(), "display_as": piece, "tags": [tag]}
            length = max(word_ms, 500)
        elif re.match(r"[\w'’*-]", piece):
            tok = {"type": "word", "value": piece.lower(), "display_as": piece, "tags": []}
            length = word_ms
        else:
            tags = ["ENDS_SENTENCE"] if piece in ".?!" else []
            tok = {"type": "punctuation", "value": piece, "display_as": piece, "tags": tags}
            length = 0
        tok.update(start_time=clock.t, end_time=clock.t + length, interpolated=False)
        clock.t += length
        tokens.append(tok)
    return {"start_time": start, "end_time": clock.t, "tokens": tokens}


def make_doc(
    turns: list[Turn], *, language: str = "en-US", names: dict[int, str] | None = None
) -> dict[str, Any]:
    clock = _Clock()
    previous: int | str | None = "none yet"
    for item in turns:
        clock.t += item.pause
        parts = sentences_of(item.text)
        gaps = item.gaps if isinstance(item.gaps, list) else [item.gaps] * len(parts)
        for index, sentence in enumerate(parts):
            seg_start = clock.t
            sequences = []
            for w, chunk in enumerate(sentence.split()):
                if w:
                    clock.t += 10
                sequences.append(_sequence(chunk, clock, item.word_ms))
            segment: dict[str, Any] = {
                "start_time": seg_start,
                "end_time": clock.t,
                "sequences": sequences,
                "speaker_change": item.speaker != previous,
                "interpolated": False,
            }
            if item.speaker is not None:
                segment["speaker_id"] = item.speaker
            clock.segments.append(segment)
            previous = item.speaker
            if index < len(parts) - 1:
                clock.t += gaps[index]
    speakers = names if names is not None else {1: "Ann", 2: "Tim"}
    ids = sorted({t.speaker for t in turns if t.speaker is not None})
    return {
        "version": 3,
        "start_time": 0,
        "end_time": clock.t,
        "language": language,
        "speakers": [{"id": i, "name": speakers.get(i, ""), "gender": "UNKNOWN"} for i in ids],
        "segments": clock.segments,
    }
