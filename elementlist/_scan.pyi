from typing import Any

def scan(data: bytes) -> tuple[Any, ...] | None:
    """The TokenTable fields of the ElementList JSON in ``data``, in TokenTable field order
    (start, end, kind, flags, speaker, tag, text, value, speakers, tag_names, language), or
    None when the full decoder must decide."""
