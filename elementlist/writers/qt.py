"""QuickTime text (``{QTtext}``): text descriptors, then time-stamped text samples.

The header sets the look once (font, size, colours, centred, 640x60 box), ``{timeScale:1000}``
so a timestamp's fraction is whole milliseconds, and ``{timeStamps:absolute}``. Each caption
is its start ``[HH:MM:SS.mmm]`` and its lines; a timestamp with no text under it is a blank
sample. Without ``qt_seamless`` a blank sample clears the screen in every gap between
captions; with it each caption lasts until the next one starts. Either way a blank sample
covers the time from 0 to the first caption, and a final timestamp closes the last caption
(QuickTime needs one to know the track's end).

QuickTime reads ``{`` … ``}`` inside text as a descriptor and ``[00:00:01.000]`` as a
timestamp, so caption text shows braces, and the brackets around a clock time, as
parentheses. The ``{language:N}`` descriptor (a classic Mac OS language code) is written only
for languages with a known code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..captions.model import Caption, DocumentInfo
from ..language import bcp47
from ..options.classes import CaptionOptions
from ..timecodes import timestamp_formatter
from .text import visible_lines

HEADER_LINES = (
    "{QTtext}{font:Arial}{plain}{size:20}",
    "{textColor:65535,65535,65535}{backColor:0,0,0}{justify:center}",
    "{timeScale:1000}{width:640}{height:60}{timeStamps:absolute}",
)

# Classic Mac OS language codes (Script Manager ``lang*`` constants).
_MAC_LANGUAGE: dict[str, int] = {
    "en": 0, "fr": 1, "de": 2, "it": 3, "nl": 4, "sv": 5, "es": 6, "da": 7, "pt": 8,
    "no": 9, "nb": 9, "he": 10, "ja": 11, "jp": 11, "ar": 12, "fi": 13, "el": 14,
    "is": 15, "tr": 17, "hr": 18, "hi": 21, "th": 22, "ko": 23, "pl": 25, "hu": 26,
    "ru": 32,
}  # fmt: skip

_clock = timestamp_formatter("qt")

# A bracketed clock time in caption text, which QuickTime would read as a timestamp.
_BRACKETED_TIME = re.compile(r"\[(\d+:\d+:\d+(?:[.:]\d+)?)\]")


def shown_line(line: str) -> str:
    """A caption line as QT text: no descriptor braces, no bracketed clock time."""
    line = line.replace("{", "(").replace("}", ")")
    if "[" in line:
        line = _BRACKETED_TIME.sub(r"(\1)", line)
    return line


def _stamp(ms: int) -> str:
    return f"[{_clock(ms)}]"


def _header(info: DocumentInfo) -> list[str]:
    lines = list(HEADER_LINES)
    code = _MAC_LANGUAGE.get(bcp47(info.language).split("-", 1)[0])
    if code is not None:
        lines[-1] += f"{{language:{code}}}"
    return lines


def write(captions: Sequence[Caption], options: CaptionOptions, info: DocumentInfo) -> str:
    out = _header(info)
    seamless = options.qt_seamless
    shown_until = 0  # the end of what the file has covered so far
    for index, caption in enumerate(captions):
        if caption.start > shown_until and (index == 0 or not seamless):
            out.append(_stamp(shown_until))  # a blank sample over the gap
        out.append(_stamp(caption.start))
        out.extend(map(shown_line, visible_lines(caption.lines)))
        if seamless and index + 1 < len(captions):
            shown_until = captions[index + 1].start
        else:
            shown_until = caption.end
    out.append(_stamp(shown_until))
    return "\n".join(out) + "\n"
