"""WebVTT (``.vtt``) captions, as the W3C spec writes them.

The header, ``NOTE``, ``STYLE`` and ``REGION`` blocks are skipped; a cue is an optional
identifier, the timing line (``00:01.000 --> 00:02.500`` with or without hours, cue
settings after it) and its payload. In the payload, ``<c>``, ``<i>``, ``<b>``, ``<u>``,
``<lang>`` and ``<ruby>`` are removed (the ``<rt>`` annotation with its text); ``<v
Name>`` names the speaker; a timestamp tag ``<00:00:01.500>`` starts a timed part of the
cue (word timestamps); character references (``&amp;``, ``&lt;``, ``&#x2014;`` …) are
decoded. See :mod:`.cues` for the words.
"""

from __future__ import annotations

import html
import re

from ..errors import ElementListError
from .cues import Cue, Run, clock, draft_of
from .draft import Draft
from .srt import lines_of

_TS = r"(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING = re.compile(rf"^[ \t]*{_TS}[ \t]+-->[ \t]+{_TS}(?:[ \t].*)?$")
_TAG = re.compile(r"<([^>\n]*)>")
_TIMESTAMP = re.compile(rf"{_TS}\Z")


def detect(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:6] == "WEBVTT"


def _runs(payload: str) -> list[Run]:
    """The payload's text as runs: a new run at each timestamp tag and voice change."""
    runs = [Run("")]
    voice: str | None = None
    in_annotation = 0
    position = 0
    for m in _TAG.finditer(payload):
        if not in_annotation:
            runs[-1].text += html.unescape(payload[position : m.start()])
        position = m.end()
        tag = m.group(1).strip()
        timestamp = _TIMESTAMP.match(tag)
        if timestamp is not None:
            runs.append(Run("", start=clock(*timestamp.groups()), voice=voice))
            continue
        head = tag.split(None, 1)
        kind = head[0].split(".", 1)[0].lower() if head else ""
        if kind == "v":
            voice = html.unescape(head[1]).strip() if len(head) > 1 else None
            runs.append(Run("", start=None, voice=voice))
        elif kind == "/v":
            voice = None
        elif kind == "rt":
            in_annotation += 1
        elif kind == "/rt":
            in_annotation = max(0, in_annotation - 1)
    if not in_annotation:
        runs[-1].text += html.unescape(payload[position:])
    return _joined(runs)


def _joined(runs: list[Run]) -> list[Run]:
    """Drop empty runs, keeping a timestamp's time for the text after it."""
    out: list[Run] = []
    for run in runs:
        if not run.text and out and run.start is None and run.voice == out[-1].voice:
            continue
        out.append(run)
    return [run for run in out if run.text] or [Run("")]


def read_cues(text: str, name: str | None) -> list[Cue]:
    """The file's cues, times and text as written (tags removed, references decoded)."""
    lines = lines_of(text)
    cues: list[Cue] = []
    i = 0
    n = len(lines)
    while i < n and lines[i].strip():  # the header block
        i += 1
    while i < n:
        while i < n and not lines[i].strip():
            i += 1
        block = []
        while i < n and lines[i].strip():
            block.append(lines[i])
            i += 1
        if not block:
            break
        timing_at = next((k for k, line in enumerate(block[:2]) if "-->" in line), None)
        if timing_at is None:
            continue  # NOTE, STYLE, REGION, or a stray block
        m = TIMING.match(block[timing_at])
        if m is None:
            continue
        g = m.groups()
        payload = "\n".join(line.strip() for line in block[timing_at + 1 :])
        cues.append(Cue(clock(*g[0:4]), clock(*g[4:8]), _runs(payload)))
    if not cues:
        raise ElementListError(
            "no cues: no timing line like 00:00:01.000 --> 00:00:02.000", source=name
        )
    return cues


def read(text: str, name: str | None) -> Draft:
    return draft_of(read_cues(text, name))
