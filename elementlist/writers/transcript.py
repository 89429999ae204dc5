"""TRANSCRIPT as a caption format: the captions' text as plain running paragraphs.

Caption lines are joined by a space (nothing in languages written without spaces), so a
paragraph is one line of text that the reader's viewer wraps. A new paragraph (a blank line
before it) starts at every caption line that begins with the speaker-change marker
(``emit_speaker_change_tokens_as``); with an empty marker the whole text is one paragraph.
No times are written: ``get_transcript`` is the call for timecoded transcripts.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..captions.model import Caption, DocumentInfo
from ..language import bcp47
from ..options.classes import CaptionOptions
from ..table.token_table import UNSPACED_LANGUAGES
from .text import visible_lines


def write(captions: Sequence[Caption], options: CaptionOptions, info: DocumentInfo) -> str:
    marker = options.emit_speaker_change_tokens_as
    joiner = "" if bcp47(info.language).split("-", 1)[0] in UNSPACED_LANGUAGES else " "
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for caption in captions:
        for line in visible_lines(caption.lines):
            piece = line.strip()
            if marker and piece.startswith(marker) and current:
                paragraphs.append(current)
                current = []
            current.append(piece)
    if current:
        paragraphs.append(current)
    return "".join(joiner.join(words) + "\n\n" for words in paragraphs)[:-1]
