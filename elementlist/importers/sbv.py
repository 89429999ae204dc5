"""YouTube SBV (``.sbv``) captions: ``0:00:01.000,0:00:03.500`` then the text lines, blocks
separated by a blank line; no markup. See :mod:`.cues` for the words."""

from __future__ import annotations

import re

from .cues import Cue, draft_of
from .draft import Draft
from .srt import cues_of, lines_of

_TS = r"(\d+):([0-5]?\d):([0-5]?\d)(?:\.(\d{1,3}))?"
TIMING = re.compile(rf"^[ \t]*{_TS},{_TS}[ \t]*$")


def detect(text: str) -> bool:
    head = [line for line in lines_of(text[:4096]) if line.strip()][:1]
    return bool(head) and TIMING.match(head[0]) is not None


def read_cues(text: str, name: str | None) -> list[Cue]:
    """The file's cues, times and text as written."""
    return cues_of(text, name, TIMING, None)


def read(text: str, name: str | None) -> Draft:
    return draft_of(read_cues(text, name))
