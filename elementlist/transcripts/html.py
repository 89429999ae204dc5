"""The HTML transcript: a small, valid HTML5 document over the same paragraphs as the text.

* ``<!DOCTYPE html>``, ``<html lang>`` (the document's language as BCP 47, ``und`` when
  unknown), ``<meta charset="utf-8">``, a ``<title>`` and a readable default ``<style>``.
* Each paragraph is a ``<p>`` inside ``<main class="transcript">``. Its heading timecode is
  the first child, followed by ``<br>``; every newline of the text transcript is a
  ``<br>``, so a paragraph's ``textContent`` is exactly its text in the txt transcript.
* Timecodes are ``<time class="timecode" datetime="PT6.230S">`` (a valid HTML duration: the
  shown position in the media), speaker markers ``<span class="speaker">``, sound
  references ``<span class="sound">``; CSS can style or hide each.
* ``newlines_after_paragraph`` becomes the space between paragraphs in the style sheet
  (``n`` newlines: ``n - 1`` empty lines; 0: paragraphs run on inline).
* Text is escaped; characters HTML forbids (controls other than tab/LF/FF/CR, lone
  surrogates, noncharacters) are left out.
"""

from __future__ import annotations

import html
import re

from .._version import __version__
from ..table.text import clean_text
from ..timecodes import html_duration
from .model import (
    DEFAULT_TITLE,
    LINE_BREAKS,
    SOUND_TEXT,
    SPEAKER_LABEL,
    TIMECODE,
    Paragraph,
    Piece,
    Transcript,
)

LINE_HEIGHT_EM = 1.6

_NOT_HTML = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    "\ufffe\uffff\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff"
    "\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff"
    "\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff"
    "\U000cfffe\U000cffff\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff"
    "\U0010fffe\U0010ffff]"
)

_STYLE = """\
body {{
  margin: 2em auto;
  max-width: 42em;
  padding: 0 1em;
  color: #1f2328;
  background: #fff;
  font: 1.0625rem/{line} Georgia, "Times New Roman", serif;
}}
.transcript > p {{ {paragraph} }}
.timecode {{
  color: #57606a;
  font: 0.85em/1 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
}}
.speaker {{ font-weight: bold; }}
.sound {{ color: #57606a; font-style: italic; }}
@media (prefers-color-scheme: dark) {{
  body {{ color: #e6edf3; background: #0d1117; }}
  .timecode, .sound {{ color: #8b949e; }}
}}
@media print {{
  body {{ margin: 0; max-width: none; }}
}}"""


def html_text(text: str) -> str:
    """Text escaped for an HTML element, without the characters HTML forbids."""
    return html.escape(_NOT_HTML.sub("", text), quote=False)


def paragraph_style(transcript: Transcript) -> str:
    """The CSS declarations of every paragraph (the spacing ``newlines_after_paragraph``
    asks for; blocks between interval timecodes follow each other without a gap)."""
    options = transcript.options
    newlines = options.newlines_after_paragraph if options.create_paragraphs else 1
    if newlines == 0:
        return "display: inline; margin: 0;"
    gap = round((newlines - 1) * LINE_HEIGHT_EM, 4)
    return f"margin: 0 0 {gap:g}em;"


def render_html(transcript: Transcript, *, title: str = DEFAULT_TITLE) -> str:
    """The transcript as an HTML5 document (UTF-8, LF line ends, ending with a newline)."""
    style = _STYLE.format(line=LINE_HEIGHT_EM, paragraph=paragraph_style(transcript))
    joiner = "\n" if transcript.spaced else ""
    body = joiner.join(_paragraph(p) for p in transcript.paragraphs)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(transcript.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="elementlist {html.escape(__version__)}">\n'
        f"<title>{html_text(clean_text(title)) or DEFAULT_TITLE}</title>\n"
        f"<style>\n{style}\n</style>\n"
        "</head>\n"
        "<body>\n"
        '<main class="transcript">\n'
        f"{body}{joiner if body else ''}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def _paragraph(paragraph: Paragraph) -> str:
    out = ["<p>"]
    if paragraph.heading is not None:
        out.append(_time(paragraph.heading))
        out.append("<br>\n")
    for piece in paragraph.pieces:
        kind = piece.kind
        if kind == LINE_BREAKS:
            out.append("<br>\n" * piece.value)
        elif kind == TIMECODE:
            out.append(_time(piece))
        elif kind == SPEAKER_LABEL:
            out.append(f'<span class="speaker">{html_text(piece.text)}</span>')
        elif kind == SOUND_TEXT:
            out.append(f'<span class="sound">{html_text(piece.text)}</span>')
        else:
            out.append(html_text(piece.text))
    out.append("</p>")
    return "".join(out)


def _time(piece: Piece) -> str:
    return (
        f'<time class="timecode" datetime="{html_duration(piece.value)}">'
        f"{html_text(piece.text)}</time>"
    )


__all__ = ["html_text", "paragraph_style", "render_html"]
