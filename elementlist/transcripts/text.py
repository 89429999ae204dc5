"""The txt transcript."""

from __future__ import annotations

from .model import Paragraph, Transcript


def render_text(transcript: Transcript) -> str:
    """The txt transcript: UTF-8 text with LF line ends, ending with one newline."""
    out: list[str] = []
    joiner = " " if transcript.spaced else ""
    previous: Paragraph | None = None
    for paragraph in transcript.paragraphs:
        if previous is not None:
            out.append("\n" * previous.separator if previous.separator else joiner)
        out.append(paragraph.text)
        previous = paragraph
    if not out:
        return ""
    return "".join(out) + "\n"
