"""SBV (YouTube): a ``H:MM:SS.mmm,H:MM:SS.mmm`` line, the caption's lines, a blank line."""

from __future__ import annotations

from collections.abc import Sequence

from ..captions import Caption, DocumentInfo
from ..options import CaptionOptions
from .text import visible_lines
from .timestamps import format_timestamp


def write(captions: Sequence[Caption], options: CaptionOptions, info: DocumentInfo) -> str:
    blocks: list[str] = []
    for caption in captions:
        start = format_timestamp(caption.start, "sbv")
        end = format_timestamp(caption.end, "sbv")
        lines = visible_lines(caption.lines)
        blocks.append("\n".join([f"{start},{end}", *lines]) + "\n")
    return "\n".join(blocks)
