"""What the transcript layout produces and both renderers (text and HTML) read: paragraphs
of pieces. Reading only this, the txt and the HTML transcript always hold the same words in
the same paragraphs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..options.classes import TranscriptOptions

# Piece kinds
TEXT = 0  # words, punctuation and the spaces between them
SOUND_TEXT = 1  # a sound reference such as "[MUSIC]"
SPEAKER_LABEL = 2  # a speaker-change marker such as ">> Tim:"
TIMECODE = 3  # an inline timecode (``value``: the shown time in ms)
LINE_BREAKS = 4  # ``value`` newlines (newlines_after_sentence)

# The HTML title when the source names none.
DEFAULT_TITLE = "Transcript"


class Piece(NamedTuple):
    kind: int
    text: str
    value: int = 0


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph (or, with paragraphs off, one block between interval timecodes).

    ``heading`` is the timecode standing on its own line before the text, if any;
    ``separator`` the newlines written after this paragraph when another follows (0: the
    two are joined like words). ``first``/``stop`` are the token rows it holds.
    """

    start: int
    end: int
    heading: Piece | None
    pieces: tuple[Piece, ...]
    separator: int
    first: int
    stop: int

    @property
    def text(self) -> str:
        """The paragraph's text as written in a txt transcript (heading line included)."""
        body = "".join("\n" * p.value if p.kind == LINE_BREAKS else p.text for p in self.pieces)
        return body if self.heading is None else f"{self.heading.text}\n{body}"


@dataclass(frozen=True, slots=True)
class Transcript:
    """A laid-out transcript: its paragraphs, language (BCP 47), whether the language is
    written with spaces, and the options it was laid out with."""

    paragraphs: tuple[Paragraph, ...]
    language: str  # BCP 47
    spaced: bool
    options: TranscriptOptions
