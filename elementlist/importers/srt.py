"""SubRip (``.srt``) captions.

Blocks of an index line, a timing line ``00:00:01,000 --> 00:00:02,500`` (a ``.``
before the milliseconds, fewer than three digits, or coordinates after the times are
accepted) and text lines. The ``<i>``, ``<b>``, ``<u>``, ``<s>`` and ``<font>`` tags and
ASS override codes (``{\\an8}``) are removed; any other text, ``<`` and ``&`` included, is
text (SubRip has no escapes). Lines and newlines of any kind; a number alone on the line
before a timing line is that cue's index, not text. See :mod:`.cues` for the words.
"""

from __future__ import annotations

import re

from ..errors import ElementListError
from .cues import Cue, Run, clock, draft_of
from .draft import Draft

_TS = r"(\d+):([0-5]?\d):([0-5]?\d)(?:[,.](\d{1,3}))?"
TIMING = re.compile(rf"^[ \t]*{_TS}[ \t]*-->[ \t]*{_TS}(?:[ \t].*)?$")
_MARKUP = re.compile(r"</?(?:i|b|u|s|font)\b[^>\n]*>|\{\\[^}\n]*\}", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"\r\n|\r")


def lines_of(text: str) -> list[str]:
    return _LINE_BREAKS.sub("\n", text.lstrip("\ufeff")).split("\n")


def detect(text: str) -> bool:
    head = [line for line in lines_of(text[:4096]) if line.strip()][:3]
    if not head or head[0].strip().upper().startswith("WEBVTT"):
        return False
    if TIMING.match(head[0]):
        return True
    return head[0].strip().isdigit() and len(head) > 1 and TIMING.match(head[1]) is not None


def cues_of(
    text: str, name: str | None, timing: re.Pattern[str], markup: re.Pattern[str] | None
) -> list[Cue]:
    """The cues of a file of timing lines each followed by text lines (SRT, SBV)."""
    lines = lines_of(text)
    timings = [(i, m) for i, line in enumerate(lines) if (m := timing.match(line))]
    if not timings:
        raise ElementListError(
            "no cues: no timing line like 00:00:01,000 --> 00:00:02,000", source=name
        )
    cues = []
    for k, (i, m) in enumerate(timings):
        stop = timings[k + 1][0] if k + 1 < len(timings) else len(lines)
        body = lines[i + 1 : stop]
        if k + 1 < len(timings) and body and body[-1].strip().isdigit():
            body = body[:-1]  # the next cue's index
        while body and not body[-1].strip():
            body.pop()
        text_of_cue = "\n".join(line.strip() for line in body)
        if markup is not None:
            text_of_cue = markup.sub("", text_of_cue)
        g = m.groups()
        cues.append(Cue(clock(*g[0:4]), clock(*g[4:8]), [Run(text_of_cue)]))
    return cues


def read_cues(text: str, name: str | None) -> list[Cue]:
    """The file's cues, times and text as written (markup removed)."""
    return cues_of(text, name, TIMING, _MARKUP)


def read(text: str, name: str | None) -> Draft:
    return draft_of(read_cues(text, name))
