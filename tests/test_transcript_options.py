"""Every get_transcript option, each with a test that fails if the option is ignored.

Outputs are read back with independent regular expressions, not with our own code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REAL_EXAMPLE
from transcript_docs import make_doc, turn

import elementlist
from elementlist.errors import OptionError
from elementlist.options.classes import TranscriptOptions
from elementlist.transcripts import get_transcript

EXAMPLES = Path(__file__).parent.parent / "examples"
REAL = REAL_EXAMPLE
PODCAST = EXAMPLES / "podcast_v3.json"
INTERVIEW = EXAMPLES / "interview_v3_int_types.json"

TIMECODE = re.compile(r"\[(\d{2,}):(\d\d):(\d\d)\.(\d{3})\]")


def ms_of(match: re.Match[str]) -> int:
    h, m, s, f = (int(g) for g in match.groups())
    return ((h * 60 + m) * 60 + s) * 1000 + f


def blocks(text: str) -> list[str]:
    """Paragraphs of a txt transcript: text between blank lines."""
    return [b for b in re.split(r"\n{2,}", text.rstrip("\n")) if b]


TWO_SPEAKERS = make_doc(
    [
        turn(1, "Hello there. We cook pork today.", pause=1000),
        turn(2, "Right. It takes hours.", pause=700),
        turn(1, "So we start now.", pause=2000),
    ]
)


def first_word_starts(doc: dict) -> list[int]:
    """The start time of each segment that begins a new speaker's turn."""
    return [s["start_time"] for s in doc["segments"] if s["speaker_change"]]


# --- create_paragraphs --------------------------------------------------------------------


def test_create_paragraphs_on_gives_one_paragraph_per_turn() -> None:
    out = get_transcript(TWO_SPEAKERS)
    paragraphs = blocks(out)
    assert len(paragraphs) == 3
    assert [p.splitlines()[1].split(":")[0] for p in paragraphs] == [">> Ann", ">> Tim", ">> Ann"]


def test_create_paragraphs_off_gives_running_text() -> None:
    out = get_transcript(TWO_SPEAKERS, create_paragraphs=False)
    assert out == (
        ">> Ann: Hello there. We cook pork today. >> Tim: Right. It takes hours. "
        ">> Ann: So we start now.\n"
    )


def test_create_paragraphs_off_breaks_only_at_intervals_and_sentences() -> None:
    off = get_transcript(PODCAST, create_paragraphs=False)
    assert off.count("\n") == 1 and not TIMECODE.search(off)
    timed = get_transcript(PODCAST, create_paragraphs=False, timecode_interval=60000)
    lines = timed.rstrip("\n").split("\n")
    # timecode line, text line, timecode line, text line …: one block per minute
    assert [bool(TIMECODE.fullmatch(x)) for x in lines] == [True, False] * (len(lines) // 2)
    assert len(lines) == 2 * 3  # the podcast runs 3 minutes
    by_sentence = get_transcript(PODCAST, create_paragraphs=False, newlines_after_sentence=1)
    assert not TIMECODE.search(by_sentence)
    assert all(line.endswith((".", "?", "!", "]")) for line in by_sentence.splitlines())


def test_a_speaker_change_always_starts_a_paragraph_in_real_data() -> None:
    doc = elementlist.load(REAL)
    out = get_transcript(doc)
    markers = re.findall(r">> [^:]+:", out)
    assert len(markers) == 14
    for paragraph in blocks(out):
        assert paragraph.count(">> ") <= 1  # never two speakers in one paragraph
    paragraphs_with_marker = [p for p in blocks(out) if ">> " in p]
    assert len(paragraphs_with_marker) == len(markers)
    for p in paragraphs_with_marker:
        assert p.splitlines()[1].startswith(">> ")  # the marker opens the paragraph's text


# --- newlines_after_paragraph -------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_newlines_after_paragraph(count: int) -> None:
    out = get_transcript(TWO_SPEAKERS, newlines_after_paragraph=count)
    separators = re.findall(r"\n+(?=\[)", out)
    assert separators == ["\n" * count] * 2
    assert out.endswith("now.\n")  # one newline ends the file, whatever the count


def test_newlines_after_paragraph_zero_runs_paragraphs_on() -> None:
    out = get_transcript(TWO_SPEAKERS, newlines_after_paragraph=0)
    assert "today. [00:00:03.740]\n>> Tim: Right. It takes hours. [00:00:07.160]\n>> Ann:" in out


# --- newlines_after_sentence --------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 2])
def test_newlines_after_sentence(count: int) -> None:
    out = get_transcript(TWO_SPEAKERS, newlines_after_sentence=count, create_paragraphs=False)
    sentences = [
        ">> Ann: Hello there.",
        "We cook pork today.",
        ">> Tim: Right.",
        "It takes hours.",
        ">> Ann: So we start now.",
    ]
    assert out == ("\n" * count).join(sentences) + "\n"


def test_newlines_after_sentence_inside_paragraphs() -> None:
    out = get_transcript(TWO_SPEAKERS, newlines_after_sentence=1)
    first = blocks(out)[0]
    assert first.split("\n") == ["[00:00:01.000]", ">> Ann: Hello there.", "We cook pork today."]


def test_newlines_after_sentence_keep_closing_marks_with_their_sentence() -> None:
    doc = make_doc([turn(1, "He said stop. ”Then what?")])
    # The closing quote is attached to nothing here; build one attached to the full stop.
    seg = doc["segments"][0]
    last = seg["sequences"][-1]["tokens"]
    end = last[-1]["end_time"]
    last.append(
        {"type": "punctuation", "value": "”", "display_as": "”", "tags": [],
         "start_time": end, "end_time": end, "interpolated": False}
    )  # fmt: skip
    out = get_transcript(doc, newlines_after_sentence=1, create_paragraphs=False)
    assert out == ">> Ann: He said stop.”\n”Then what?\n"


# --- timecode_every_paragraph -------------------------------------------------------------


def test_timecode_every_paragraph() -> None:
    on = get_transcript(TWO_SPEAKERS)
    stamps = [ms_of(m) for m in TIMECODE.finditer(on)]
    assert stamps == first_word_starts(TWO_SPEAKERS)
    assert all(TIMECODE.fullmatch(p.splitlines()[0]) for p in blocks(on))  # on its own line
    off = get_transcript(TWO_SPEAKERS, timecode_every_paragraph=False)
    assert not TIMECODE.search(off)
    assert len(blocks(off)) == 3


# --- timecode_format ----------------------------------------------------------------------


def test_timecode_format() -> None:
    out = get_transcript(TWO_SPEAKERS, timecode_format="%H:%M:%S")
    heads = [p.splitlines()[0] for p in blocks(out)]
    expected = [
        f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}"
        for ms in first_word_starts(TWO_SPEAKERS)
    ]
    assert heads == expected == ["00:00:01", "00:00:03", "00:00:07"]
    assert not TIMECODE.search(out)


def test_timecode_format_of_the_cielo24_example_response_shape() -> None:
    """cielo24's documented response: '[00:00:01]\\nFirst line of text.\\n\\n[00:00:11]…'."""
    doc = make_doc(
        [
            turn(1, "First line of text.", pause=1000),
            turn(2, "Second line of text.", pause=8000),
        ]
    )
    out = get_transcript(
        doc, timecode_format="[%H:%M:%S]", emit_speaker_change_tokens_as="", iwp_name="FINAL"
    )
    assert out == "[00:00:01]\nAnn: First line of text.\n\n[00:00:10]\nTim: Second line of text.\n"


# --- timecode_interval --------------------------------------------------------------------


def _word_starts(path: Path) -> list[int]:
    doc = elementlist.load(path)
    return [
        tok.start_time
        for seg in doc.segments
        for seq in seg.sequences
        for tok in seq.tokens[:1]
        if tok.type in ("word", 0)
    ]


@pytest.mark.parametrize("interval", [10000, 30000])
def test_timecode_interval_inside_paragraphs(interval: int) -> None:
    out = get_transcript(PODCAST, timecode_interval=interval, timecode_every_paragraph=False)
    stamps = [ms_of(m) for m in TIMECODE.finditer(out)]
    starts = sorted(set(_word_starts(PODCAST)))
    expected = []
    due = 0
    for s in starts:  # the first word at or after each multiple (the podcast has no gaps
        if s >= due:  # longer than the intervals tested, so each multiple gets one)
            expected.append(s)
            due = (s // interval + 1) * interval
    assert stamps == expected
    assert len(stamps) >= 181835 // interval
    plain = get_transcript(PODCAST, timecode_every_paragraph=False)
    assert not TIMECODE.search(plain)
    # inline: the text around an interval timecode stays on its line
    assert re.search(r"\w,? \[\d\d:\d\d:\d\d\.\d{3}\] \w", out)


def test_timecode_interval_zero_means_none() -> None:
    out = get_transcript(PODCAST, timecode_interval=0, create_paragraphs=False)
    assert not TIMECODE.search(out)


def test_interval_timecodes_never_repeat_for_a_long_silence() -> None:
    doc = make_doc([turn(1, "Before the break.", pause=0), turn(1, "After it.", pause=50000)])
    out = get_transcript(doc, timecode_interval=10000, create_paragraphs=False)
    stamps = [ms_of(m) for m in TIMECODE.finditer(out)]
    assert stamps == [0, doc["segments"][1]["start_time"]]


# --- timecode_offset ----------------------------------------------------------------------


@pytest.mark.parametrize("offset", [200, 3600000, 90000000])
def test_timecode_offset_shifts_every_timecode(offset: int) -> None:
    base = [ms_of(m) for m in TIMECODE.finditer(get_transcript(PODCAST, timecode_interval=15000))]
    shifted = get_transcript(PODCAST, timecode_interval=15000, timecode_offset=offset)
    assert [ms_of(m) for m in TIMECODE.finditer(shifted)] == [b + offset for b in base]


def test_negative_offsets_are_refused() -> None:
    with pytest.raises(OptionError, match=r"^timecode_offset: expected a whole number >= 0"):
        get_transcript(PODCAST, timecode_offset=-200)


# --- file_format --------------------------------------------------------------------------


def test_file_format() -> None:
    txt = get_transcript(TWO_SPEAKERS, file_format="txt")
    page = get_transcript(TWO_SPEAKERS, file_format="html")
    assert not txt.startswith("<")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-US">')
    assert "<p>" in page and "&gt;&gt; Ann:" in page
    assert get_transcript(TWO_SPEAKERS, file_format="TEXT") == txt
    assert get_transcript(TWO_SPEAKERS, file_format="htm") == page


def test_file_format_pdf_is_refused_with_a_clear_message() -> None:
    with pytest.raises(OptionError) as caught:
        get_transcript(TWO_SPEAKERS, file_format="pdf")
    assert str(caught.value) == (
        "file_format=pdf is not supported offline (cielo24 lists it as coming soon)"
    )


# --- speaker change tokens ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["emit_speaker_change_tokens_as", "emit_speaker_change_token_as"])
def test_emit_speaker_change_tokens_as_and_its_singular_alias(name: str) -> None:
    out = get_transcript(TWO_SPEAKERS, **{name: "--"})
    assert re.findall(r"^(?:--|>>) \w+:", out, re.M) == ["-- Ann:", "-- Tim:", "-- Ann:"]


def test_empty_speaker_change_token_shows_names_only() -> None:
    out = get_transcript(TWO_SPEAKERS, emit_speaker_change_tokens_as="")
    assert re.findall(r"^[A-Z]\w*:", out, re.M) == ["Ann:", "Tim:", "Ann:"]
    assert ">>" not in out


def test_speaker_names_come_from_the_document() -> None:
    out = get_transcript(PODCAST)
    assert set(re.findall(r">> ([^:]+):", out)) == {"Maya Okafor", "Daniel Reyes"}


# --- the shared transforms ----------------------------------------------------------------


def test_remove_disfluencies() -> None:
    doc = make_doc([turn(1, "Um, we start. I think, uh, it works.")])
    assert get_transcript(doc, create_paragraphs=False) == ">> Ann: We start. I think, it works.\n"
    kept = get_transcript(doc, create_paragraphs=False, remove_disfluencies=False)
    assert kept == ">> Ann: Um, we start. I think, uh, it works.\n"


def test_mask_profanity() -> None:
    doc = make_doc([turn(1, "What the fuck, Tim.")])
    assert "fuck" in get_transcript(doc)
    masked = get_transcript(doc, mask_profanity=True)
    assert "f***," in masked and "fuck" not in masked


def test_remove_sound_references() -> None:
    default = get_transcript(PODCAST)
    assert not re.search(r"\[[A-Z_]+\]", default)
    kept = get_transcript(PODCAST, remove_sound_references=False)
    assert re.findall(r"\[[A-Z_]+\]", kept) == [
        "[MUSIC]", "[LAUGH]", "[LAUGH]", "[APPLAUSE]", "[LAUGH]", "[MUSIC]"
    ]  # fmt: skip


def test_remove_sounds_list() -> None:
    out = get_transcript(
        PODCAST, remove_sound_references=False, remove_sounds_list=["LAUGH", "APPLAUSE"]
    )
    assert re.findall(r"\[[A-Z_]+\]", out) == ["[MUSIC]", "[MUSIC]"]
    ignored = get_transcript(PODCAST, remove_sounds_list="MUSIC")  # references removed anyway
    assert ignored == get_transcript(PODCAST)


def test_sound_boundaries() -> None:
    out = get_transcript(PODCAST, remove_sound_references=False, sound_boundaries="('{','}')")
    assert "{MUSIC}" in out and "{LAUGH}" in out and "[MUSIC]" not in out


def test_replace_slang() -> None:
    before = get_transcript(REAL)
    assert "gonna" in before and "cuz" in before
    after = get_transcript(REAL, replace_slang=True)
    assert "gonna" not in after and "going to" in after and "because there is" in after


def test_replace_english_spelling() -> None:
    before = get_transcript(REAL)
    assert "flavour" in before
    american = get_transcript(REAL, replace_english_spelling="A")
    assert "flavour" not in american and "flavor" in american
    assert american.count("flavor") == before.count("flavour")


# --- options that only choose what a fetcher gets -----------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {"elementlist_version": "2014-07-31T12:35:52Z"},
        {"iwp_name": "MECHANICAL"},
        {"audio_description": True},
        {"audio_description": "true", "mixed": "true"},
    ],
)
def test_fetch_only_options_are_accepted_and_change_nothing_offline(values: dict) -> None:
    for path in (REAL, PODCAST):
        assert get_transcript(path, **values) == get_transcript(path)
        assert get_transcript(path, file_format="html", **values) == get_transcript(
            path, file_format="html"
        )


# --- how options arrive -------------------------------------------------------------------


def test_options_object_and_keywords_combine_keywords_winning() -> None:
    options = TranscriptOptions(timecode_format="%H:%M:%S", create_paragraphs=False)
    out = get_transcript(TWO_SPEAKERS, options, create_paragraphs=True)
    assert blocks(out)[0].startswith("00:00:01\n")


def test_pasted_query_options() -> None:
    query = (
        "v=1&api_token=x&job_id=y&timecode_format=%5B%25H%3A%25M%3A%25S%5D&create_paragraphs=False"
    )
    options = TranscriptOptions.from_query(query)
    assert get_transcript(TWO_SPEAKERS, options) == get_transcript(
        TWO_SPEAKERS, timecode_format="[%H:%M:%S]", create_paragraphs=False
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"newlines_after_paragraph": "two"},
         "newlines_after_paragraph: expected a whole number >= 0, got 'two'"),
        ({"timecode_format": "%Y"},
         "timecode_format: unknown field %Y (known: %H %M %S %f %%), got '%Y'"),
        ({"lines_per_caption": 2}, "'lines_per_caption' is a get_caption option; "
                                   "get_transcript does not take it"),
    ],
)  # fmt: skip
def test_bad_values_raise_one_clear_line(values: dict, message: str) -> None:
    with pytest.raises(OptionError) as caught:
        get_transcript(TWO_SPEAKERS, **values)
    assert str(caught.value) == message


def test_options_of_the_wrong_class_are_refused() -> None:
    with pytest.raises(OptionError, match="options must be TranscriptOptions"):
        get_transcript(TWO_SPEAKERS, elementlist.CaptionOptions())  # type: ignore[arg-type]
