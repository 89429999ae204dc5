"""SubRip (SRT), one block per caption through the ``srt_format`` template.

The template is a Python ``str.format`` string with the placeholders cielo24 documents:
``caption_number`` (from 1), ``start_hour`` … ``start_millisecond``, ``end_hour`` …
``end_millisecond`` and ``caption_text`` (the caption's lines joined by ``\\n``). Our default
has a space after ``-->``, as the Docs' own sample output shows. Hours do not wrap: past 99
they take three digits or more. CaptionOptions checks the template when it is made (only the
documented names, no attribute or index access), so it is safe to fill here.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..captions import Caption, DocumentInfo
from ..options import DEFAULT_SRT_FORMAT, CaptionOptions
from .text import visible_lines
from .timestamps import split_ms, timestamp_formatter


def write(captions: Sequence[Caption], options: CaptionOptions, info: DocumentInfo) -> str:
    template = options.srt_format
    if template == DEFAULT_SRT_FORMAT:
        return _write_default(captions)
    fill = template.format
    parts: list[str] = []
    for number, caption in enumerate(captions, start=1):
        sh, sm, ss, sms = split_ms(caption.start)
        eh, em, es, ems = split_ms(caption.end)
        parts.append(
            fill(
                caption_number=number,
                start_hour=sh,
                start_minute=sm,
                start_second=ss,
                start_millisecond=sms,
                end_hour=eh,
                end_minute=em,
                end_second=es,
                end_millisecond=ems,
                caption_text="\n".join(visible_lines(caption.lines)),
            )
        )
    return "".join(parts)


def _write_default(captions: Sequence[Caption]) -> str:
    """The default template, without ``str.format``'s per-call cost (the hot path)."""
    clock = timestamp_formatter("srt")
    parts: list[str] = []
    append = parts.append
    for number, caption in enumerate(captions, start=1):
        text = "\n".join(visible_lines(caption.lines))
        append(f"{number}\n{clock(caption.start)} --> {clock(caption.end)}\n{text}\n\n")
    return "".join(parts)
