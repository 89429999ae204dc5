"""SAMI (``.smi``) cues, as players read them: each ``<SYNC Start=ms>`` shows what its
``<P>`` holds until the next SYNC; a SYNC whose text is blank (``&nbsp;``) clears the
screen. ``<br>`` is a line break, other tags are removed, character references decoded.
Where the file has several language classes, the first class a ``<P>`` names is read. A
last caption that no later SYNC ends is read as ending where it starts (the file gives
no end)."""

from __future__ import annotations

import html
import re

from ..errors import ElementListError
from .lines import Timed, lines_of

_SYNC = re.compile(r"<SYNC\b[^>]*?\bStart\s*=\s*[\"']?(-?\d+)[^>]*>", re.IGNORECASE)
_P = re.compile(r"<P\b([^>]*)>", re.IGNORECASE)
_CLASS = re.compile(r"\bClass\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_WHITESPACE = re.compile(r"[ \t\r\n]+")
_BODY_END = re.compile(r"</BODY\s*>|</SAMI\s*>", re.IGNORECASE)


def detect(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:5].upper() == "<SAMI"


def _paragraphs(chunk: str) -> list[tuple[str | None, str]]:
    """The ``<P>`` elements of a SYNC's content: (class, inner markup)."""
    found = list(_P.finditer(chunk))
    if not found:
        return [(None, chunk)]
    out = []
    for k, m in enumerate(found):
        stop = found[k + 1].start() if k + 1 < len(found) else len(chunk)
        cls = _CLASS.search(m.group(1))
        out.append((cls.group(1).upper() if cls else None, chunk[m.end() : stop]))
    return out


def _text(markup: str) -> str:
    markup = re.sub(r"</P\s*>", "", markup, flags=re.IGNORECASE)
    parts = _BR.split(markup)
    return "\n".join(html.unescape(_WHITESPACE.sub(" ", _TAG.sub("", p))) for p in parts)


def read(text: str, name: str | None) -> list[Timed]:
    end = _BODY_END.search(text)
    body = text[: end.start()] if end else text
    syncs = list(_SYNC.finditer(body))
    if not syncs:
        raise ElementListError("no cues: no <SYNC Start=...> in this SAMI file", source=name)
    language: str | None = None
    shown: list[tuple[int, tuple[str, ...]]] = []  # (time, lines) at each SYNC of the class
    for k, m in enumerate(syncs):
        stop = syncs[k + 1].start() if k + 1 < len(syncs) else len(body)
        start = max(0, int(m.group(1)))
        for cls, inner in _paragraphs(body[m.end() : stop]):
            if language is None and cls is not None:
                language = cls
            if cls is None or cls == language:
                shown.append((start, lines_of(_text(inner))))
                break  # a SYNC that holds only another language's text leaves ours alone
    out: list[Timed] = []
    for k, (start, lines) in enumerate(shown):
        if not lines:
            continue  # a clear
        end_ms = shown[k + 1][0] if k + 1 < len(shown) else start
        out.append((start, end_ms, lines))
    return out
