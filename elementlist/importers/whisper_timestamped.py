"""whisper-timestamped JSON: Whisper's shape, with words as ``{"text", "start", "end",
"confidence"}`` (not ``word``/``probability``) and no leading spaces. Read by
:func:`elementlist.importers.whisper.read_segments`; ``[*]`` (its disfluency mark) is a
sound like any bracketed description."""

from __future__ import annotations

from typing import Any

from .draft import Draft
from .whisper import (
    TIMESTAMPED,
    draft_of_typed,
    flavour,
    language_of,
    read_segments,
    segments_of,
    typed,
)


def detect(tree: Any) -> bool:
    return flavour(tree) == TIMESTAMPED


def read(tree: Any, name: str | None) -> Draft:
    segments = segments_of(tree)
    assert segments is not None
    draft = Draft(language=language_of(tree), brackets_are_sounds=True)
    read_segments(
        segments,
        draft,
        name,
        word_key="text",
        confidence_key="confidence",
        base=("segments",) if isinstance(tree, dict) else (),
    )
    return draft


def read_fast(raw: bytes | None, tree: Any, name: str | None) -> Draft | None:
    doc = typed(raw, tree)
    return None if doc is None else draft_of_typed(doc, "text", "confidence")
