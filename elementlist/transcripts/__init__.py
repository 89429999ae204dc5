"""Transcripts (cielo24's get_transcript): a transformed TokenTable laid out as paragraphs
with timecodes (:mod:`.layout`, :mod:`.paragraphs`), then written as text (:mod:`.text`) or
HTML (:mod:`.html`); :mod:`.api` is the one-call entry point."""

from .api import get_transcript, resolve_options
from .html import render_html
from .layout import layout_transcript
from .model import DEFAULT_TITLE, Paragraph, Piece, Transcript
from .paragraphs import PARAGRAPH_RULE, ParagraphRule, interval_marks, paragraph_starts
from .text import render_text

__all__ = [
    "DEFAULT_TITLE",
    "PARAGRAPH_RULE",
    "Paragraph",
    "ParagraphRule",
    "Piece",
    "Transcript",
    "get_transcript",
    "interval_marks",
    "layout_transcript",
    "paragraph_starts",
    "render_html",
    "render_text",
    "resolve_options",
]
