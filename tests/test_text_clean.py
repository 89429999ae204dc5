"""The one text clean-up (elementlist/text_clean.py): its rule, and that every text from a
document — words, speaker names, sound tags, word-list replacements — goes through it
before the layout, for captions and transcripts alike."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pysubs2
import pytest
import srt
from conftest import run_cli
from hypothesis import given
from hypothesis import strategies as st
from test_writers_qt import read_qt
from test_writers_sbv import read_sbv

import elementlist
from elementlist import CaptionOptions, OptionError, TranscriptOptions
from elementlist.captions.api import build_captions
from elementlist.captions.model import DocumentInfo
from elementlist.table.text import clean_text, is_clean
from elementlist.table.wordlists import WordLists
from elementlist.writers import render_captions

INJECTED = "3\n\n00:00:01,000 --> 00:00:02,000\ninjected"
CONTROLS = "\x00\x07\x08\x1b\x1f\x7f\x80\x9b\x9f"


def doc(*words: str, names: dict[int, str] | None = None, tags: str = "MUSIC") -> dict[str, Any]:
    """One segment per word, 500 ms each with 100 ms between; a word ``[S]`` is a sound
    tagged ``tags``. Speakers alternate when ``names`` has two."""
    speakers = names or {1: "Ann"}
    ids = list(speakers)
    segments = []
    t = 0
    for k, word in enumerate(words):
        sound = word == "[S]"
        token = {"start_time": t, "end_time": t + 500, "value": word.lower(),
                 "type": "sound" if sound else "word", "display_as": "" if sound else word,
                 "tags": [tags] if sound else []}  # fmt: skip
        stop = {"start_time": t + 500, "end_time": t + 500, "value": ".",
                "type": "punctuation", "display_as": ".", "tags": ["ENDS_SENTENCE"]}  # fmt: skip
        segments.append({"start_time": t, "end_time": t + 500,
                         "speaker_id": ids[k % len(ids)],
                         "sequences": [{"start_time": t, "end_time": t + 500,
                                        "tokens": [token, stop]}]})  # fmt: skip
        t += 600
    return {"version": 3, "start_time": 0, "end_time": t, "language": "en",
            "segments": segments,
            "speakers": [{"id": i, "name": n} for i, n in speakers.items()]}  # fmt: skip


# --- the rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        (INJECTED, "3 00:00:01,000 --> 00:00:02,000 injected"),
        ("tw\r\no\u2028x\u2029y\x85z", "tw o x y z"),
        ("a\vb\fc\x1cd\x1de\x1ef\tg", "a b c d e f g"),
        ("a \n\t b", "a b"),  # the spaces around a break go with it
        ("a  b", "a  b"),  # spaces alone are the author's
        ("\n lead and trail \r\n", "lead and trail"),
        (f"es{CONTROLS}c\x1b[31mred", "esc[31mred"),
        ("lone \ud800 and \udfff", "lone \ufffd and \ufffd"),
        ("pair \ud83d\ude00", "pair 😀"),
        ("\ufeffbom\ufffe\uffff\U0001fffe\U0010ffff\ufdd0", "bom"),
        ("a\u202eb\u202ac\u202cd\u2066e\u2067f\u2068g\u2069h", "abcdefgh"),
    ],
)
def test_the_rule(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned
    assert is_clean(cleaned)
    assert is_clean(text) == (text == cleaned)


@pytest.mark.parametrize(
    "kept",
    [
        "\u200eLRM \u200fRLM \u061cALM",
        "می\u200cخواهم",  # ZWNJ in Persian
        "क्\u200dष 👨\u200d👩\u200d👧",  # ZWJ in Devanagari and an emoji sequence
        "ฉัน\u200bรัก",  # ZWSP between Thai words
        "word\u2060joiner soft\u00adhyphen",
        "e\u0301 👍🏽 🇫🇷 ︎\ufe0f",
        "\u00a0nbsp\u3000ideographic\u2009thin",
        "\ue000 private \U000e0067 tag",
    ],
)
def test_real_text_is_kept(kept: str) -> None:
    assert is_clean(kept)
    assert clean_text(kept) == kept


@given(st.text())
def test_is_clean_says_whether_clean_text_changes_anything(text: str) -> None:
    cleaned = clean_text(text)
    assert is_clean(text) == (cleaned == text)
    assert is_clean(cleaned)
    assert clean_text(cleaned) == cleaned
    assert len(cleaned.splitlines()) <= 1 and "\t" not in cleaned
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in cleaned)
    cleaned.encode("utf-8")


# --- through the pipeline -----------------------------------------------------------------


def test_a_newline_in_a_word_cannot_inject_a_cue() -> None:
    document = doc("Hello", INJECTED, "world")
    written = build_captions(document)
    srt_text = elementlist.get_caption(document, "SRT")
    events = pysubs2.SSAFile.from_string(srt_text, format_="srt")
    assert [(e.start, e.end) for e in events] == [(c.start, c.end) for c in written]
    assert len(list(srt.parse(srt_text))) == len(written)
    sbv = read_sbv(elementlist.get_caption(document, "SBV"))
    assert [(a, b) for a, b, _ in sbv] == [(c.start, c.end) for c in written]
    _, samples = read_qt(elementlist.get_caption(document, "QT"))
    assert [(a, b) for a, b, lines in samples if lines] == [(c.start, c.end) for c in written]
    for cue in [*(e.text.split(r"\N") for e in events), *(lines for *_, lines in sbv)]:
        assert len(cue) <= 2
    assert any("injected" in line for c in written for line in c.lines)


@pytest.mark.parametrize("fmt", ["SRT", "WEB_VTT", "SBV", "QT", "TRANSCRIPT", "DFXP", "SAMI"])
def test_controls_never_reach_a_caption_file(fmt: str) -> None:
    document = doc(f"red{CONTROLS}\x1b[31m", "\x1b]0;title\x07ok", names={1: "A\x1bnn"})
    out = elementlist.get_caption(document, fmt)
    assert not any(c in out for c in CONTROLS)
    assert "red[31m" in out and "]0;titleok" in out


def test_controls_never_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "esc.json"
    path.write_text(json.dumps(doc("\x1b[2J\x1b[31mred", "bell\x07\x00")), encoding="utf-8")
    for command in (("caption", str(path)), ("caption", str(path), "-f", "txt"),
                    ("transcript", str(path))):  # fmt: skip
        done = run_cli(*command)
        assert done.returncode == 0, done.stderr
        assert b"\x1b" not in done.stdout and b"\x07" not in done.stdout
        assert b"\x00" not in done.stdout
        assert b"[2J[31mred" in done.stdout


def test_lone_surrogates_become_replacement_characters() -> None:
    document = doc("bro\ud800ken", "pa\ud83d\ude00ir")
    for fmt in ("SRT", "WEB_VTT", "DFXP", "SBV", "QT", "SAMI", "TRANSCRIPT"):
        out = elementlist.get_caption(document, fmt)
        out.encode("utf-8")
        assert "bro\ufffdken" in out and "pa😀ir" in out
    for file_format in ("txt", "html"):
        out = elementlist.get_transcript(document, file_format=file_format)
        assert "bro\ufffdken" in out.encode("utf-8").decode("utf-8")


def test_speaker_names_are_one_line() -> None:
    document = doc("Hi", "there", names={1: "Ann\nB\x1bob", 2: "\n\t"})
    captions = build_captions(document, speaker_on_new_line=False, lines_per_caption=3)
    lines = [line for c in captions for line in c.lines]
    assert ">> Ann Bob: Hi." in lines
    assert ">> Speaker 2: there." in lines  # a name left blank falls back to the number
    transcript = elementlist.get_transcript(document)
    assert ">> Ann Bob: Hi." in transcript and ">> Speaker 2:" in transcript


def test_sound_tags_are_one_line() -> None:
    document = doc("[S]", "ok", tags="DOG\nBARKS\x1b")
    shown = elementlist.get_caption(document, "SRT", remove_sound_references=False)
    assert "[DOG BARKS]" in shown
    events = pysubs2.SSAFile.from_string(shown, format_="srt")
    assert len(events) == len(build_captions(document, remove_sound_references=False))


def test_a_word_list_replacement_is_cleaned_too() -> None:
    lists = WordLists.default().with_words(slang={"gonna": "going\nto\x1b"})
    document = doc("gonna")
    captions = build_captions(document, replace_slang=True, word_lists=lists)
    assert [c.lines for c in captions] == [(">> Ann: going to.",)]
    text = elementlist.get_transcript(document, replace_slang=True, word_lists=lists)
    assert "going to." in text and "\x1b" not in text


def test_a_word_left_blank_goes_with_its_punctuation() -> None:
    document = doc("One", "\n\x00\t", "three")
    captions = build_captions(document, merge_gap_interval=0)
    assert [(c.start, c.end, c.lines) for c in captions] == [
        (0, 500, (">> Ann: One.",)),
        (1200, 1700, ("three.",)),
    ]


def test_bidi_marks_and_joiners_reach_the_output() -> None:
    document = doc("\u200fשלום\u200e", "می\u200cخواهم", "👨\u200d👩\u200d👧")
    out = elementlist.get_caption(document, "SRT")
    assert "\u200fשלום\u200e" in out and "می\u200cخواهم" in out and "👨\u200d👩\u200d👧" in out


def test_embeddings_and_overrides_cannot_reverse_the_next_word() -> None:
    out = elementlist.get_caption(doc("\u202eevil", "next"), "SRT", caption_by_sentence=False)
    assert "\u202e" not in out and "evil. next." in out


# --- options that add text are checked when they are made -----------------------------


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"emit_speaker_change_tokens_as": ">>\x1b[2J"},
         "emit_speaker_change_tokens_as: expected text without control characters "
         "(U+001B at index 2), got '>>\\x1b[2J'"),
        ({"emit_speaker_change_tokens_as": ">>\u2028"},
         "emit_speaker_change_tokens_as: expected one line of text, got '>>\\u2028'"),
        ({"display_effects_speaker_as": "FX\t"},
         "display_effects_speaker_as: expected text without control characters "
         "(U+0009 at index 2), got 'FX\\t'"),
        ({"sound_boundaries": ("[\x85", "]")},
         "sound_boundaries: expected one line of text, got ('[\\x85', ']')"),
        ({"sound_boundaries": ("\u202e", "]")},
         "sound_boundaries: expected text without control characters "
         "(U+202E at index 0), got ('\\u202e', ']')"),
        ({"srt_format": "{caption_text}\x00\n\n"},
         "srt_format: expected text without control characters (U+0000 at index 14), "
         "got '{caption_text}\\x00\\n\\n'"),
        ({"dfxp_header": "<head>\ud800</head>"},
         "dfxp_header: expected text without control characters (U+D800 at index 6), "
         "got '<head>\\ud800</head>'"),
    ],
)  # fmt: skip
def test_caption_options_refuse_controls(values: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionError) as info:
        CaptionOptions(**values)
    assert str(info.value) == message


def test_transcript_options_refuse_controls() -> None:
    with pytest.raises(OptionError) as info:
        TranscriptOptions(timecode_format="[%H:%M:%S]\x1b")
    assert str(info.value) == (
        "timecode_format: expected text without control characters (U+001B at index 10), "
        "got '[%H:%M:%S]\\x1b'"
    )


def test_multi_line_options_keep_their_line_breaks_and_tabs() -> None:
    options = CaptionOptions(srt_format="{caption_number}\t{caption_text}\r\n\r\n")
    assert options.srt_format == "{caption_number}\t{caption_text}\r\n\r\n"


def test_titles_follow_the_same_rule() -> None:
    info = DocumentInfo(language="en", title="talk\x1b[2J\nnight\ud800", job_id="j\x9b1\t2")
    captions = build_captions(doc("Hi"))
    dfxp = render_captions(captions, "DFXP", CaptionOptions(), info)
    assert "<ttm:title>talk[2J night\ufffd</ttm:title>" in dfxp
    assert "<ttm:desc>job_id: j1 2</ttm:desc>" in dfxp
    sami = render_captions(captions, "SAMI", CaptionOptions(), info)
    assert "<TITLE>talk[2J night\ufffd</TITLE>" in sami
    page = elementlist.get_transcript(doc("Hi"), file_format="html", title="a\x1bb\nc")
    assert "<title>ab c</title>" in page
