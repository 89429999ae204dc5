"""WebVTT (W3C): the ``WEBVTT`` header, then one numbered cue per caption.

Cue text escapes ``&``, ``<`` and ``>`` (so ``-->`` can never appear in it) and holds no
blank line. Cue identifiers are the caption numbers from 1. Hours widen past 99.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import kernels
from ..captions.model import Caption, DocumentInfo
from ..options.classes import CaptionOptions
from ..timecodes import timestamp_formatter
from .text import stretches, visible_lines

_CLOCK = timestamp_formatter("webvtt")
_HEADER = "WEBVTT\n"
# the compiled cue writer (``_blocks``: header and cues in one string), or None
_compiled: Any = kernels.compiled("_blocks")


def escape_cue_text(text: str) -> str:
    """Cue text safe for the WebVTT cue text parser (markup characters as references)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write(captions: Sequence[Caption], options: CaptionOptions, info: DocumentInfo) -> str:
    if _compiled is not None:
        written: str | None = _compiled.webvtt_cues(captions, _HEADER)
        if written is not None:
            return written
    return _HEADER + "".join(_cues(part, first) for first, part in stretches(captions))


def _cues(captions: Sequence[Caption], first: int) -> str:
    """The cues of ``captions``, numbered from ``first``."""
    parts: list[str] = []
    append = parts.append
    for number, caption in enumerate(captions, start=first):
        text = escape_cue_text("\n".join(visible_lines(caption.lines)))
        body = f"{text}\n" if text else ""
        append(f"\n{number}\n{_CLOCK(caption.start)} --> {_CLOCK(caption.end)}\n{body}")
    return "".join(parts)
