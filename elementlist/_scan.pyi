from typing import Any

def scan(data: bytes, check: bool = False) -> tuple[Any, ...] | None:
    """The TokenTable fields of the ElementList JSON in ``data``, in TokenTable field order
    (start, end, kind, flags, speaker, tag, text, value, speakers, tag_names, language),
    then with ``check`` whether the document is plainly valid (else None); or None when the
    full decoder must decide."""

def find_duplicate_key(data: bytes) -> tuple[str, tuple[str | int, ...]] | bool | None:
    """The first key the model defines given twice in one of its objects (or a term twice
    in keywords/topics/entities) in ElementList JSON msgspec has accepted: ``(key,
    location)``, None when there is none, or False when the walk cannot follow the bytes."""
