"""A transformed TokenTable → a :class:`~.model.Transcript`: paragraphs, timecodes and
line breaks (docs/transcripts.md)."""

from __future__ import annotations

from itertools import pairwise

from ..document.vocabulary import TokenKind
from ..language import bcp47
from ..options.classes import TranscriptOptions
from ..table.token_table import TokenFlag, TokenTable
from ..timecodes import timecode_formatter
from .model import (
    LINE_BREAKS,
    SOUND_TEXT,
    SPEAKER_LABEL,
    TEXT,
    TIMECODE,
    Paragraph,
    Piece,
    Transcript,
)
from .paragraphs import PARAGRAPH_RULE, ParagraphRule, interval_marks, paragraph_starts

# plain ints for the loop over the rows (an enum member is slow to reach and to combine)
_SEQUENCE_START = int(TokenFlag.SEQUENCE_START)
_SENTENCE_END = int(TokenFlag.SENTENCE_END)
_SPEAKER = int(TokenKind.SPEAKER)
_SOUND = int(TokenKind.SOUND)


def layout_transcript(
    table: TokenTable, options: TranscriptOptions, rule: ParagraphRule = PARAGRAPH_RULE
) -> Transcript:
    """Paragraphs, timecodes and line breaks of a transformed token table."""
    n = len(table)
    language = bcp47(table.language)
    if n == 0:
        return Transcript((), language, table.spaced, options)
    marks = interval_marks(table, options.timecode_interval)
    if options.create_paragraphs:
        firsts = paragraph_starts(table, rule)
        headed = set(marks) & set(firsts)
        if options.timecode_every_paragraph:
            headed = set(firsts)
    else:
        firsts = sorted({0, *marks})
        headed = set(marks)
    builder = _Builder(table, options, set(marks))
    paragraphs = []
    bounds = [*firsts, n]
    for a, b in pairwise(bounds):
        paragraphs.append(builder.paragraph(a, b, heading=a in headed))
    return Transcript(tuple(paragraphs), language, table.spaced, options)


class _Builder:
    """Turns token rows into pieces; the columns are read into lists once."""

    def __init__(self, table: TokenTable, options: TranscriptOptions, marks: set[int]) -> None:
        self.text = table.text  # clean: apply_transforms normalised it (no line breaks)
        self.start = table.start.tolist()
        self.end = table.end.tolist()
        self.kind = table.kind.tolist()
        self.flags = table.flags.tolist()
        self.space = " " if table.spaced else ""
        self.marks = marks
        self.sentence_newlines = options.newlines_after_sentence
        self.paragraph_newlines = options.newlines_after_paragraph
        self.paragraphs_on = options.create_paragraphs
        format_ms = timecode_formatter(options.timecode_format)
        offset = options.timecode_offset

        def timecode(row: int) -> Piece:
            shown = max(0, self.start[row] + offset)
            return Piece(TIMECODE, format_ms(shown), shown)

        self.timecode = timecode

    def paragraph(self, a: int, b: int, *, heading: bool) -> Paragraph:
        pieces: list[Piece] = []
        run: list[str] = []  # TEXT being gathered

        def flush() -> None:
            if run:
                pieces.append(Piece(TEXT, "".join(run)))
                run.clear()

        text, kind, flags, space = self.text, self.kind, self.flags, self.space
        newlines = self.sentence_newlines
        pending = False  # a sentence ended: break before the next word boundary
        for i in range(a, b):
            f = flags[i]
            if i > a and f & _SEQUENCE_START:
                if pending:
                    flush()
                    pieces.append(Piece(LINE_BREAKS, "", newlines))
                    pending = False
                else:
                    run.append(space)
                if i in self.marks:
                    flush()
                    pieces.append(self.timecode(i))
                    run.append(space)
            k = kind[i]
            if k in (_SPEAKER, _SOUND):
                flush()
                pieces.append(Piece(SPEAKER_LABEL if k == _SPEAKER else SOUND_TEXT, text[i]))
            else:
                run.append(text[i])
            if newlines and f & _SENTENCE_END:
                pending = True
        flush()
        if self.paragraphs_on:
            separator = self.paragraph_newlines
        else:
            separator = max(1, newlines if pending else 0)
        return Paragraph(
            start=self.start[a],
            end=max(self.end[a:b]),
            heading=self.timecode(a) if heading else None,
            pieces=tuple(pieces),
            separator=separator,
            first=a,
            stop=b,
        )
