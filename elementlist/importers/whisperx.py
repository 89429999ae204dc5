"""WhisperX JSON: Whisper's shape with ``score`` and ``speaker`` (pyannote's
``SPEAKER_00`` …) on words and segments, and the same words again in ``word_segments``.

The words are read from ``segments`` (``word_segments`` only when no segment has words, so
nothing is read twice). A word the aligner could not place (numerals, symbols) has no
``start``/``end``: it gets an interpolated time between its neighbours. A word without a
``speaker`` takes its segment's.
"""

from __future__ import annotations

from typing import Any

from .draft import Draft
from .fields import as_list
from .whisper import (
    WHISPERX,
    draft_of_typed,
    flavour,
    language_of,
    read_document,
    read_words,
    segments_of,
    typed,
)


def detect(tree: Any) -> bool:
    return flavour(tree) == WHISPERX


def read(tree: Any, name: str | None) -> Draft:
    segments = segments_of(tree)
    assert segments is not None
    has_words = any(isinstance(s, dict) and s.get("words") for s in segments)
    if not has_words and isinstance(tree, dict) and tree.get("word_segments"):
        words = as_list(tree.get("word_segments"), ("word_segments",), name)
        draft = Draft(language=language_of(tree), brackets_are_sounds=True)
        read_words(
            words,
            draft,
            name,
            word_key="word",
            confidence_key="score",
            spaced=False,
            speaker=None,
            base=("word_segments",),
        )
        return draft
    return read_document(tree, name, word_key="word", confidence_key="score")


def read_fast(raw: bytes | None, tree: Any, name: str | None) -> Draft | None:
    doc = typed(raw, tree)
    return None if doc is None else draft_of_typed(doc, "word", "score", word_segments=True)
