"""SubRip (SRT), one block per caption through the ``srt_format`` template.

The template is a Python ``str.format`` string with the placeholders cielo24 documents:
``caption_number`` (from 1), ``start_hour`` … ``start_millisecond``, ``end_hour`` …
``end_millisecond`` and ``caption_text`` (the caption's lines joined by ``\\n``). Our default
has a space after ``-->``, as the Docs' own sample output shows. Hours do not wrap: past 99
they take three digits or more. CaptionOptions checks the template when it is made (only the
documented names, no attribute or index access), so it is safe to fill here.

SRT has no escaping. The text holds no line break the layout did not make (the transforms
normalise it), so no blank line can end a cue early; a clock time in the text
(``00:00:01,000``), which loose readers such as pysubs2 and FFmpeg take for a timing line,
gets an invisible ZERO WIDTH NON-JOINER after its hours (:func:`.text.defuse_clock_times`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import kernels
from ..captions.model import Caption, DocumentInfo
from ..options.classes import DEFAULT_SRT_FORMAT, CaptionOptions
from ..timecodes import split_ms, timestamp_formatter
from .text import defuse_clock_times, has_clock_time, stretches, visible_lines

_CLOCK = timestamp_formatter("srt")
# the compiled blocks writer (``_blocks``: the default template in one string), or None
_compiled: Any = kernels.compiled("_blocks")


def caption_texts(captions: Sequence[Caption]) -> list[str]:
    """Each caption's text as SRT writes it: visible lines joined by ``\\n``, clock times
    defused (one scan over all the text decides whether any needs it; a text without one
    is the same either way, so the writer may ask a stretch at a time)."""
    texts = ["\n".join(visible_lines(caption.lines)) for caption in captions]
    if has_clock_time("\n".join(texts)):
        texts = [defuse_clock_times(text) for text in texts]
    return texts


def write(captions: Sequence[Caption], options: CaptionOptions, info: DocumentInfo) -> str:
    template = options.srt_format
    if template == DEFAULT_SRT_FORMAT:
        if _compiled is not None:
            written: str | None = _compiled.srt_blocks(captions, defuse_clock_times)
            if written is not None:
                return written
        return "".join(_default_blocks(part, first) for first, part in stretches(captions))
    return "".join(_blocks(part, first, template) for first, part in stretches(captions))


def _blocks(captions: Sequence[Caption], first: int, template: str) -> str:
    """The blocks of ``captions``, numbered from ``first``, through ``template``."""
    fill = template.format
    parts: list[str] = []
    texts = caption_texts(captions)
    for number, (caption, text) in enumerate(zip(captions, texts, strict=True), start=first):
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
                caption_text=text,
            )
        )
    return "".join(parts)


def _default_blocks(captions: Sequence[Caption], first: int) -> str:
    """The default template, without ``str.format``'s per-call cost (the hot path)."""
    clock = _CLOCK
    texts = caption_texts(captions)
    return "".join(
        f"{number}\n{clock(caption.start)} --> {clock(caption.end)}\n{text}\n\n"
        for number, (caption, text) in enumerate(zip(captions, texts, strict=True), start=first)
    )
