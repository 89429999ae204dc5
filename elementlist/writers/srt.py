"""SubRip (SRT), one block per caption through the ``srt_format`` template.

The template is a Python ``str.format`` string with the placeholders cielo24 documents:
``caption_number`` (from 1), ``start_hour`` … ``start_millisecond``, ``end_hour`` …
``end_millisecond`` and ``caption_text`` (the caption's lines joined by ``\\n``). Our default
has a space after ``-->``, as the Docs' own sample output shows. Hours do not wrap: past 99
they take three digits or more.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Sequence
from typing import Any

from ..captions import Caption, DocumentInfo
from ..errors import OptionError
from ..options import DEFAULT_SRT_FORMAT, CaptionOptions
from .text import visible_lines
from .timestamps import split_ms, timestamp_formatter

_FORMATTER = string.Formatter()

_SAMPLE_FIELDS: dict[str, Any] = {
    "caption_number": 1,
    "start_hour": 0,
    "start_minute": 0,
    "start_second": 1,
    "start_millisecond": 0,
    "end_hour": 0,
    "end_minute": 0,
    "end_second": 2,
    "end_millisecond": 0,
    "caption_text": "text",
}


def check_template(template: str) -> None:
    """Raise OptionError naming ``srt_format`` when the template cannot be filled.

    Only the documented names are allowed, without attribute or index access, so a
    template can never reach into Python objects.
    """
    try:
        names = list(_field_names(template))
    except ValueError as exc:
        raise _invalid(template, exc) from None
    for name in names:
        if name not in _SAMPLE_FIELDS:
            known = ", ".join(_SAMPLE_FIELDS)
            raise OptionError(
                f"srt_format has an unknown placeholder {{{name}}}; known: {known}",
                option="srt_format",
                value=template,
            )
    try:
        template.format(**_SAMPLE_FIELDS)
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as exc:
        raise _invalid(template, exc) from None


def _invalid(template: str, exc: Exception) -> OptionError:
    return OptionError(
        f"srt_format is not a valid template: {exc}", option="srt_format", value=template
    )


def _field_names(template: str) -> Iterator[str]:
    """Every replacement field's name, nested format specs included."""
    for _literal, name, spec, _conversion in _FORMATTER.parse(template):
        if name is not None:
            yield name
            if spec and "{" in spec:
                yield from _field_names(spec)


def write(captions: Sequence[Caption], options: CaptionOptions, info: DocumentInfo) -> str:
    template = options.srt_format
    if template == DEFAULT_SRT_FORMAT:
        return _write_default(captions)
    check_template(template)
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
