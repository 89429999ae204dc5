"""whisper-timestamped JSON: Whisper's shape, with words as ``{"text", "start", "end",
"confidence"}`` (not ``word``/``probability``) and no leading spaces. Read by
:func:`elementlist.importers.whisper.read_document`; ``[*]`` (its disfluency mark) is a
sound like any bracketed description."""

from __future__ import annotations

from typing import Any

from .draft import Draft
from .whisper import TIMESTAMPED, draft_of_typed, flavour, read_document, typed


def detect(tree: Any) -> bool:
    return flavour(tree) == TIMESTAMPED


def read(tree: Any, name: str | None) -> Draft:
    return read_document(tree, name, word_key="text", confidence_key="confidence")


def read_fast(raw: bytes | None, tree: Any, name: str | None) -> Draft | None:
    doc = typed(raw, tree)
    return None if doc is None else draft_of_typed(doc, "text", "confidence")
