"""SAMI (Microsoft Synchronized Accessible Media Interchange), as players read it.

One language class named from the document's language (``en-US`` → ``.ENUSCC``), a
``<SYNC Start=ms>`` per caption with its lines joined by ``<br>``, and an ``&nbsp;`` SYNC at
a caption's end unless the next caption starts right then. Text is HTML-escaped; the title
is DocumentInfo.title.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..captions.model import Caption, DocumentInfo
from ..language import bcp47, display_name
from ..options.classes import CaptionOptions
from ..table.text import clean_text
from .text import visible_lines, xml_safe

PARAGRAPH_STYLE = (
    "P { margin-left: 8pt; margin-right: 8pt; margin-bottom: 2pt; margin-top: 2pt;"
    " text-align: center; font-size: 14pt; font-family: Arial, sans-serif;"
    " font-weight: normal; color: white; background-color: black; }"
)


def class_name(tag: str) -> str:
    """The SAMI class of a BCP 47 tag: ``en-US`` → ``ENUSCC``."""
    return "".join(ch for ch in tag.upper() if ch.isascii() and ch.isalnum()) + "CC"


def _escape(text: str) -> str:
    return html.escape(xml_safe(text), quote=False)


def write(captions: Sequence[Caption], options: CaptionOptions, info: DocumentInfo) -> str:
    tag = bcp47(info.language)
    cls = class_name(tag)
    out = [
        "<SAMI>",
        "<HEAD>",
        f"<TITLE>{_escape(clean_text(info.title))}</TITLE>",
        "<SAMIParam>",
        "  Metrics {time:ms;}",
        "  Spec {MSFT:1.0;}",
        "</SAMIParam>",
        '<STYLE TYPE="text/css">',
        "<!--",
        PARAGRAPH_STYLE,
        f".{cls} {{ Name: {display_name(tag)}; lang: {tag}; SAMIType: CC; }}",
        "-->",
        "</STYLE>",
        "</HEAD>",
        "<BODY>",
    ]
    clear = f"<P Class={cls}>&nbsp;</P></SYNC>"
    for index, caption in enumerate(captions):
        text = "<br>".join(_escape(line) for line in visible_lines(caption.lines))
        out.append(f"<SYNC Start={caption.start}><P Class={cls}>{text or '&nbsp;'}</P></SYNC>")
        following = captions[index + 1].start if index + 1 < len(captions) else None
        if following != caption.end:
            out.append(f"<SYNC Start={caption.end}>{clear}")
    out += ["</BODY>", "</SAMI>"]
    return "\n".join(out) + "\n"
