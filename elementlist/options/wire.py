"""Query strings: a pasted cielo24 query (or URL) → names → values, and back.

This is the wire level only: which option a name means and what its value becomes is the
options classes' business (classes.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from ..errors import OptionError

# Request parameters a pasted query carries that are not rendering options.
REQUEST_KEYS = frozenset({"v", "api_token", "job_id"})
CAPTION_FORMAT = "caption_format"


def parse_query(query: str) -> dict[str, Any]:
    """A query string (or URL) → names → values; repeated keys give a list of strings.

    Percent-escapes are decoded and ``+`` is a space. ``v``, ``api_token`` and ``job_id`` are
    dropped. Names keep their spelling (aliases are resolved by ``from_mapping``).
    """
    text = query.strip()
    if "?" in text:
        text = text.split("?", 1)[1]
    elif "://" in text:  # a URL without a query: no options
        text = urlsplit(text).query
    text = text.split("#", 1)[0]
    mapping: dict[str, Any] = {}
    for key, value in parse_qsl(text, keep_blank_values=True):
        name = key.strip()
        if not name or name in REQUEST_KEYS:
            continue
        if name in mapping:
            previous = mapping[name]
            mapping[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            mapping[name] = value
    return mapping


def format_query(pairs: Iterable[tuple[str, str | tuple[str, ...]]]) -> str:
    """``name=value`` pairs joined with ``&``, each value percent-encoded (``,`` and ``:``
    left as they are); a tuple value becomes a repeated key. :func:`parse_query` reads it
    back."""
    parts: list[str] = []
    for name, value in pairs:
        for item in (value,) if isinstance(value, str) else value:
            parts.append(f"{name}={quote(item, safe=',:')}")
    return "&".join(parts)


def pop_caption_format(mapping: dict[str, Any]) -> str | None:
    """Take ``caption_format`` out of a parsed query: the one format it names, or None.

    The one place a query's ``caption_format`` is read: it is not an option but the format
    to write (get_caption's other argument).
    """
    keys = [key for key in mapping if option_key(key) == CAPTION_FORMAT]
    if len(keys) > 1:
        raise OptionError(
            f"caption_format: given twice, as {keys[0]} and {keys[1]}", option=CAPTION_FORMAT
        )
    fmt = mapping.pop(keys[0]) if keys else None
    if isinstance(fmt, list):
        raise OptionError(
            f"caption_format: given {len(fmt)} times ({', '.join(map(repr, fmt))}); expected one",
            option=CAPTION_FORMAT,
            value=fmt,
        )
    return fmt.strip() if isinstance(fmt, str) and fmt.strip() else None


def option_key(name: object) -> str:
    """A name as given → the form option names are compared in: no surrounding spaces,
    lower case, ``-`` for ``_`` (``Lines-Per-Caption`` → ``lines_per_caption``)."""
    return str(name).strip().lower().replace("-", "_")
