"""Paragraphs (the documented rule), joining, interval marks and the layout's invariants."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from conftest import REAL_EXAMPLE
from transcript_docs import make_doc, sentences_of, turn

import elementlist
from elementlist.options.classes import TranscriptOptions
from elementlist.table.from_model import build_token_table
from elementlist.table.token_table import TokenFlag
from elementlist.table.transforms import apply_transforms
from elementlist.transcripts import (
    PARAGRAPH_RULE,
    ParagraphRule,
    get_transcript,
    interval_marks,
    layout_transcript,
    paragraph_starts,
)

EXAMPLES = Path(__file__).parent.parent / "examples"
REAL = REAL_EXAMPLE


def paragraph_texts(doc: dict, **values: object) -> list[str]:
    """Each paragraph's words, without timecode and speaker marker."""
    out = get_transcript(doc, timecode_every_paragraph=False, emit_speaker_change_tokens_as="",
                         **values)  # fmt: skip
    return [re.sub(r"^\w+: ", "", p) for p in out.rstrip("\n").split("\n\n")]


def monologue(n: int, gaps: list[int] | int, word_ms: int = 300) -> dict:
    text = " ".join(f"Sentence number {i}." for i in range(1, n + 1))
    return make_doc([turn(1, text, gaps=gaps, word_ms=word_ms)])


def grouped(n: int, sizes: list[int]) -> list[str]:
    """The expected paragraphs: sentences 1..n in groups of ``sizes``."""
    out, i = [], 1
    for size in sizes:
        out.append(" ".join(f"Sentence number {k}." for k in range(i, i + size)))
        i += size
    assert i == n + 1
    return out


# --- the paragraph rule -------------------------------------------------------------------


def test_the_documented_defaults() -> None:
    assert ParagraphRule(
        min_sentences=3, min_duration_ms=20_000, pause_ms=1_000, max_sentences=8,
        max_duration_ms=60_000,
    ) == PARAGRAPH_RULE  # fmt: skip


def test_a_short_turn_is_one_paragraph_even_with_long_pauses() -> None:
    doc = monologue(2, 5000)  # two sentences: too few to split, whatever the pause
    assert paragraph_texts(doc) == grouped(2, [2])


def test_split_at_the_first_pause_once_three_sentences_are_in() -> None:
    # pauses after sentences 1..6: the one after sentence 2 is too early, after 4 is taken
    doc = monologue(7, [1500, 1500, 900, 1200, 300, 2000])
    assert paragraph_texts(doc) == grouped(7, [4, 3])


def test_a_pause_just_under_the_threshold_does_not_split() -> None:
    doc = monologue(5, [200, 200, 999, 200])
    assert paragraph_texts(doc) == grouped(5, [5])
    doc = monologue(5, [200, 200, 1000, 200])
    assert paragraph_texts(doc) == grouped(5, [3, 2])


def test_twenty_seconds_make_a_paragraph_long_enough_to_split() -> None:
    # sentences of 10 words x 1 s: the first ends after ~10 s, the second after ~21 s
    text = " ".join(
        f"{w} one two three four five six seven eight nine." for w in ("Alpha", "Beta", "Gamma")
    )
    doc = make_doc([turn(1, text, gaps=[1200, 1200], word_ms=1000)])
    assert [p.split()[0] for p in paragraph_texts(doc)] == ["Alpha", "Gamma"]


def test_without_a_pause_the_longest_one_wins_at_eight_sentences() -> None:
    # no pause reaches 1 s; at sentence 8 the paragraph ends after the longest pause seen
    # since it could first end (sentence 3): 900 ms after sentence 5
    gaps = [950, 100, 300, 200, 900, 100, 800, 100, 100, 100, 100]
    doc = monologue(12, gaps)
    assert paragraph_texts(doc) == grouped(12, [5, 7])


def test_ties_take_the_earliest_pause() -> None:
    doc = monologue(9, [100, 100, 500, 100, 500, 100, 100, 100])
    assert paragraph_texts(doc) == grouped(9, [3, 6])


def test_sixty_seconds_force_a_split() -> None:
    # two-sentence paragraphs are too short by count; 4 sentences of 20 s reach 60 s
    text = " ".join(f"Part {k} " + "word " * 18 + "end." for k in range(1, 5))
    doc = make_doc([turn(1, text, gaps=[100, 600, 100], word_ms=1000)])
    assert [p.split()[1] for p in paragraph_texts(doc)] == ["1", "3"]


def test_a_speaker_change_always_starts_a_paragraph() -> None:
    doc = make_doc([turn(1, "One.", pause=0), turn(2, "Two.", pause=0), turn(1, "Three.", pause=0)])
    assert paragraph_texts(doc) == ["One.", "Two.", "Three."]


def test_paragraphs_without_speakers_follow_the_rule() -> None:
    text = " ".join(f"Sentence number {i}." for i in range(1, 8))
    doc = make_doc([turn(None, text, gaps=[1500, 1500, 900, 1200, 300, 2000])], names={})
    assert paragraph_texts(doc) == grouped(7, [4, 3])


def test_a_custom_rule() -> None:
    doc = monologue(4, [100, 100, 100])
    table = apply_transforms(build_token_table(elementlist.load(doc)), TranscriptOptions())
    one_each = ParagraphRule(min_sentences=1, pause_ms=0)
    assert len(paragraph_starts(table, one_each)) == 4
    assert len(paragraph_starts(table)) == 1


@pytest.mark.parametrize("path", [REAL, EXAMPLES / "podcast_v3.json",
                                  EXAMPLES / "interview_v3_int_types.json"])  # fmt: skip
def test_paragraphs_of_real_documents_end_at_sentence_ends(path: Path) -> None:
    table = apply_transforms(build_token_table(elementlist.load(path)), TranscriptOptions())
    starts = paragraph_starts(table)
    assert starts[0] == 0 and starts == sorted(set(starts))
    flags = table.flags.tolist()
    for s in starts[1:]:
        changed = flags[s] & TokenFlag.SPEAKER_CHANGE
        assert changed or flags[s - 1] & TokenFlag.SENTENCE_END
    changes = [i for i, f in enumerate(flags) if f & TokenFlag.SPEAKER_CHANGE]
    assert set(changes) <= set(starts)


def test_the_real_example_as_documented() -> None:
    """docs/transcripts.md: 14 turns, 15 paragraphs, one split after a two-second pause."""
    out = get_transcript(REAL)
    paragraphs = out.rstrip("\n").split("\n\n")
    assert len(paragraphs) == 15
    assert out.count(">> ") == 14
    unmarked = [p for p in paragraphs if ">> " not in p]
    assert len(unmarked) == 1
    before = paragraphs[paragraphs.index(unmarked[0]) - 1]
    assert before.endswith("Now, that's some nice meat.")
    assert unmarked[0].split("\n")[1].startswith("By following just a few simple steps")


# --- joining ------------------------------------------------------------------------------


def test_spaces_go_between_sequences_not_inside() -> None:
    doc = make_doc([turn(1, "Well, it's done. Yes!")])
    assert get_transcript(doc, create_paragraphs=False) == ">> Ann: Well, it's done. Yes!\n"


def test_languages_without_spaces_are_joined_without_them() -> None:
    doc = make_doc([turn(1, "今日は 晴れ です。 明日 も。", pause=1000)], language="ja")
    out = get_transcript(doc, create_paragraphs=False, emit_speaker_change_tokens_as="")
    assert out == "Ann:今日は晴れです。明日も。\n"
    timed = get_transcript(doc, create_paragraphs=False, timecode_interval=1000)
    assert " " not in timed.replace(">> Ann:", "")


def test_line_breaks_inside_a_token_become_spaces() -> None:
    doc = make_doc([turn(1, "One two three.")])
    doc["segments"][0]["sequences"][1]["tokens"][0]["display_as"] = "tw\r\no\u2028x"
    out = get_transcript(doc)
    assert out == "[00:00:00.300]\n>> Ann: One tw o x three.\n"
    assert out.splitlines() == out.split("\n")[:-1]


def test_an_empty_document_gives_an_empty_transcript() -> None:
    doc = {"version": 3, "segments": []}
    assert get_transcript(doc) == ""
    sounds_only = make_doc([turn(1, "[MUSIC]")])
    assert get_transcript(sounds_only) == ""


# --- interval marks and the layout --------------------------------------------------------


def test_interval_marks_are_word_boundaries() -> None:
    table = build_token_table(elementlist.load(REAL))
    marks = interval_marks(table, 5000)
    starts = table.start.tolist()
    assert marks[0] == 0
    for previous, mark in itertools.pairwise(marks):
        assert starts[mark] >= (starts[previous] // 5000 + 1) * 5000
        assert table.flags[mark] & 2  # SEQUENCE_START
    assert interval_marks(table, 0) == []


def test_the_layout_holds_every_token_once_in_order() -> None:
    table = apply_transforms(build_token_table(elementlist.load(REAL)), TranscriptOptions())
    for options in (TranscriptOptions(), TranscriptOptions(create_paragraphs=False,
                                                           timecode_interval=7000)):  # fmt: skip
        layout = layout_transcript(table, options)
        rows = [i for p in layout.paragraphs for i in range(p.first, p.stop)]
        assert rows == list(range(len(table)))


def test_sentences_helper_splits_like_the_documents() -> None:
    assert sentences_of("One two. Three? Four") == ["One two.", "Three?", "Four"]
