"""SBV (YouTube): a ``H:MM:SS.mmm,H:MM:SS.mmm`` line, the caption's lines, a blank line."""

from __future__ import annotations

from collections.abc import Sequence

from ..captions.model import Caption, DocumentInfo
from ..options.classes import CaptionOptions
from ..timecodes import timestamp_formatter
from .text import visible_lines

_CLOCK = timestamp_formatter("sbv")


def write(captions: Sequence[Caption], options: CaptionOptions, info: DocumentInfo) -> str:
    clock = _CLOCK
    blocks: list[str] = []
    for caption in captions:
        lines = visible_lines(caption.lines)
        blocks.append("\n".join([f"{clock(caption.start)},{clock(caption.end)}", *lines]) + "\n")
    return "\n".join(blocks)
