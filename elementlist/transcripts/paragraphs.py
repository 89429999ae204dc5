"""Where paragraphs start, and where ``timecode_interval`` puts a timecode (token rows)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from ..document.vocabulary import TokenKind
from ..table.token_table import TokenFlag, TokenTable


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


# The rule get_transcript uses (docs/transcripts.md, "Paragraphs").
PARAGRAPH_RULE = ParagraphRule()


def paragraph_starts(table: TokenTable, rule: ParagraphRule = PARAGRAPH_RULE) -> list[int]:
    """The first token row of every paragraph (``[0, …]``; ``[]`` for an empty table).

    Every speaker change (SPEAKER_CHANGE, which a speaker marker carries) starts one; each
    speaker's turn is then split by ``rule``.
    """
    n = len(table)
    if n == 0:
        return []
    flags = table.flags
    changes = np.flatnonzero((flags & np.uint16(TokenFlag.SPEAKER_CHANGE)) != 0).tolist()
    turns = [0, *(i for i in changes if i > 0), n]
    is_end = (flags & np.uint16(TokenFlag.SENTENCE_END)) != 0
    is_end[:-1] |= (flags[1:] & np.uint16(TokenFlag.SEGMENT_START)) != 0
    is_end[:-1] &= (flags[1:] & np.uint16(TokenFlag.SEQUENCE_START)) != 0  # not before marks
    is_end &= table.kind != TokenKind.SPEAKER
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
    boundary = (table.flags & np.uint16(TokenFlag.SEQUENCE_START)) != 0
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
