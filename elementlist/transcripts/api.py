"""get_transcript: an ElementList as a timecoded transcript, plain text or HTML.

decode → :func:`~elementlist.table.build.build_token_table` →
:func:`~elementlist.table.transforms.apply_transforms` (the transforms captions use too) →
:func:`layout_transcript` (paragraphs, timecodes, line breaks) → :func:`render_text` or
:func:`~elementlist.transcripts.html.render_html`.

The layout is a list of :class:`Paragraph`; both renderers read only that, so the text and
the HTML always hold the same words in the same paragraphs. docs/transcripts.md gives every
rule with examples; in short:

* Words are joined with a space before each sequence in spaced languages, with nothing in
  languages written without spaces (ja, zh, th …).
* ``create_paragraphs``: a speaker change always starts a paragraph; a long turn is split by
  :class:`ParagraphRule`. Paragraphs are separated by ``newlines_after_paragraph`` newlines.
  Off: there are no paragraphs, and the text breaks only at ``timecode_interval`` timecodes
  and by ``newlines_after_sentence``.
* A paragraph's timecode (``timecode_every_paragraph``) stands on its own line before its
  text, as in cielo24's example response ``[00:00:01]\\nFirst line of text.``.
* ``timecode_interval``: a timecode before the first word starting at or after each multiple
  of the interval (document time); inline within a paragraph, or heading a new block of text
  when paragraphs are off or the word starts a paragraph.
* The transcript ends with exactly one newline (nothing for a document without tokens).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from ..captions.api import check_strict, token_table
from ..document.decode import Source, load
from ..document.model import ElementList
from ..gcpause import paused_gc
from ..language import bcp47
from ..options.classes import TranscriptOptions, require_options
from ..table.build import (
    SEGMENT_START,
    SENTENCE_END,
    SEQUENCE_START,
    SOUND,
    SPEAKER,
    SPEAKER_CHANGE,
    TokenTable,
    build_token_table,
)
from ..table.transforms import apply_transforms
from ..table.wordlists import WordLists
from .timecode import timecode_formatter

# Piece kinds
TEXT = 0  # words, punctuation and the spaces between them
SOUND_TEXT = 1  # a sound reference such as "[MUSIC]"
SPEAKER_LABEL = 2  # a speaker-change marker such as ">> Tim:"
TIMECODE = 3  # an inline timecode (``value``: the shown time in ms)
LINE_BREAKS = 4  # ``value`` newlines (newlines_after_sentence)

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
    paragraphs: tuple[Paragraph, ...]
    language: str  # BCP 47
    spaced: bool
    options: TranscriptOptions


@dataclass(frozen=True, slots=True)
class ParagraphRule:
    """How a long turn of one speaker is split into paragraphs (all at sentence ends).

    A paragraph may end at a sentence end once it holds ``min_sentences`` sentences or lasts
    ``min_duration_ms`` (first word start to that sentence's end). It ends at the first such
    sentence end followed by a pause of at least ``pause_ms`` before the next token. If it
    reaches ``max_sentences`` or ``max_duration_ms`` without one, it ends at the sentence
    end, among those where it could have ended, followed by the longest pause (the earliest
    on a tie). The last token of a segment counts as a sentence end here even without
    ENDS_SENTENCE, so data without sentence tags still gets paragraphs.
    """

    min_sentences: int = 3
    min_duration_ms: int = 20_000
    pause_ms: int = 1_000
    max_sentences: int = 8
    max_duration_ms: int = 60_000


PARAGRAPH_RULE = ParagraphRule()


# ---------------------------------------------------------------------------------------
# Public entry point


def get_transcript(
    source: ElementList | TokenTable | Source,
    options: TranscriptOptions | None = None,
    *,
    word_lists: WordLists | None = None,
    strict: bool = False,
    title: str | None = None,
    **option_values: Any,
) -> str:
    """The transcript of ``source`` as cielo24's get_transcript writes it, offline.

    ``source`` is an :class:`ElementList` or anything :func:`elementlist.load` takes.
    ``options`` (default: cielo24's defaults) and ``option_values`` (cielo24 names, Python
    or wire values: ``file_format="html"``, ``timecode_interval="30000"``) are combined,
    the keywords winning. ``strict`` refuses a document with any violation (errors or
    warnings) with :class:`InvalidDocumentError`; otherwise it renders what it safely can.
    ``title`` names the HTML page (default: the file name, else "Transcript").
    """
    opts = resolve_options(options, option_values)
    with paused_gc():
        if strict:  # validation needs the model
            if isinstance(source, TokenTable):
                raise TypeError("strict=True needs the document, not a TokenTable")
            doc = source if isinstance(source, ElementList) else load(source)
            check_strict(doc)
            table = build_token_table(doc)
        else:
            table = token_table(source)
        transcript = layout_transcript(apply_transforms(table, opts, word_lists), opts)
    if opts.file_format == "html":
        from .html import render_html

        return render_html(transcript, title=title or _title_of(source))
    return render_text(transcript)


def resolve_options(
    options: TranscriptOptions | None, option_values: Mapping[str, Any]
) -> TranscriptOptions:
    """``options`` (or the defaults) with ``option_values`` applied and validated."""
    if options is None:
        return TranscriptOptions.from_mapping(option_values)
    options = require_options(options, TranscriptOptions)
    return options.with_values(**option_values) if option_values else options


def _title_of(source: Any) -> str:
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and source.lstrip()[:1] not in ("{", "[")
    ):
        return Path(source).stem or DEFAULT_TITLE
    return DEFAULT_TITLE


# ---------------------------------------------------------------------------------------
# Paragraphs


def paragraph_starts(table: TokenTable, rule: ParagraphRule = PARAGRAPH_RULE) -> list[int]:
    """The first token row of every paragraph (``[0, …]``; ``[]`` for an empty table).

    Every speaker change (SPEAKER_CHANGE, which a speaker marker carries) starts one; each
    speaker's turn is then split by ``rule``.
    """
    n = len(table)
    if n == 0:
        return []
    flags = table.flags
    changes = np.flatnonzero((flags & np.uint16(SPEAKER_CHANGE)) != 0).tolist()
    turns = [0, *(i for i in changes if i > 0), n]
    is_end = (flags & np.uint16(SENTENCE_END)) != 0
    is_end[:-1] |= (flags[1:] & np.uint16(SEGMENT_START)) != 0
    is_end[:-1] &= (flags[1:] & np.uint16(SEQUENCE_START)) != 0  # never before attached marks
    is_end &= table.kind != SPEAKER
    ends = np.flatnonzero(is_end).tolist()
    start = table.start.tolist()
    end = table.end.tolist()
    starts: list[int] = []
    k = 0
    for t0, t1 in pairwise(turns):
        if t0 == t1:
            continue
        while k < len(ends) and ends[k] < t0:
            k += 1
        j = k
        while j < len(ends) and ends[j] < t1 - 1:  # an end at the turn's last token splits nothing
            j += 1
        starts.extend(_split_turn(t0, ends[k:j], start, end, rule))
        k = j
    return starts


def _split_turn(
    first: int, ends: list[int], start: list[int], end: list[int], rule: ParagraphRule
) -> list[int]:
    starts = [first]
    paragraph = first
    sentences = 0
    window = -1  # index in ends of the first sentence end where the paragraph could end
    k = 0
    while k < len(ends):
        e = ends[k]
        sentences += 1
        duration = end[e] - start[paragraph]
        if sentences >= rule.min_sentences or duration >= rule.min_duration_ms:
            if window < 0:
                window = k
            split = -1
            if start[e + 1] - end[e] >= rule.pause_ms:
                split = k
            elif sentences >= rule.max_sentences or duration >= rule.max_duration_ms:
                pauses = [start[ends[w] + 1] - end[ends[w]] for w in range(window, k + 1)]
                split = window + pauses.index(max(pauses))
            if split >= 0:
                paragraph = ends[split] + 1
                starts.append(paragraph)
                sentences, window, k = 0, -1, split + 1
                continue
        k += 1
    return starts


def interval_marks(table: TokenTable, interval: int) -> list[int]:
    """Rows that get a ``timecode_interval`` timecode: for each multiple of ``interval`` (0,
    interval, 2·interval … in document time), the first word boundary whose token starts at
    or after it. One timecode covers every multiple a long pause skips."""
    if interval <= 0 or len(table) == 0:
        return []
    boundary = (table.flags & np.uint16(SEQUENCE_START)) != 0
    boundary[0] = True
    rows = np.flatnonzero(boundary).tolist()
    start = table.start.tolist()
    marks: list[int] = []
    due = 0
    for i in rows:
        s = start[i]
        if s >= due:
            marks.append(i)
            due = (s // interval + 1) * interval
    return marks


# ---------------------------------------------------------------------------------------
# Layout


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
            if i > a and f & SEQUENCE_START:
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
            if k in (SPEAKER, SOUND):
                flush()
                pieces.append(Piece(SPEAKER_LABEL if k == SPEAKER else SOUND_TEXT, text[i]))
            else:
                run.append(text[i])
            if newlines and f & SENTENCE_END:
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


# ---------------------------------------------------------------------------------------
# Plain text


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


__all__ = [
    "LINE_BREAKS",
    "PARAGRAPH_RULE",
    "SOUND_TEXT",
    "SPEAKER_LABEL",
    "TEXT",
    "TIMECODE",
    "Paragraph",
    "ParagraphRule",
    "Piece",
    "Transcript",
    "get_transcript",
    "interval_marks",
    "layout_transcript",
    "paragraph_starts",
    "render_text",
]
