"""Properties over generated documents and option sets: every surviving word appears exactly
once, in order, in both the txt and the HTML transcript; timecodes never run backwards."""

from __future__ import annotations

import re
from typing import Any

import html5lib
import lxml.html
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import element_lists

import elementlist
from elementlist.options.classes import TranscriptOptions
from elementlist.table.from_model import build_token_table
from elementlist.table.transforms import apply_transforms
from elementlist.transcripts import get_transcript

MARKER = "§§"
TIMECODE = re.compile(r"\[(\d{2,}):(\d\d):(\d\d)\.(\d{3})\]")
# A speaker label is "NAME:" after the marker; the engine's own labels are "Effects:" (sounds
# of no speaker, or the speaker named Effects) and "Speaker N:" (an unnamed speaker). The other
# generated names ("Tim", "Ann …") are also generated words, so "§§ Tim: the" of a document
# without speakers would read as a label: the test brackets those names (see labelled) so that
# a label can only be a label.
NAME_OPEN, NAME_CLOSE = "⟦", "⟧"
MARKER_TEXT = re.compile(
    re.escape(MARKER) + rf"(?: (?:{NAME_OPEN}[^{NAME_CLOSE}]*{NAME_CLOSE}|Effects|Speaker \d+):)?"
)

option_sets = st.fixed_dictionaries(
    {
        "create_paragraphs": st.booleans(),
        "newlines_after_paragraph": st.integers(0, 3),
        "newlines_after_sentence": st.integers(0, 2),
        "timecode_every_paragraph": st.booleans(),
        "timecode_interval": st.sampled_from([0, 700, 3000]),
        "timecode_offset": st.sampled_from([0, 250, 3600000]),
        "remove_disfluencies": st.booleans(),
        "remove_sound_references": st.booleans(),
        "emit_speaker_change_tokens_as": st.just(MARKER),
    }
)


def labelled(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with its speakers' names bracketed, so no word sequence looks like a label
    (the Effects speaker keeps its name: the engine knows it by that name)."""
    if "speakers" not in doc:
        return doc
    speakers = [
        {**s, "name": s["name"] if s["name"] in ("", "Effects") else f"{NAME_OPEN}{s['name']}{NAME_CLOSE}"}
        for s in doc["speakers"]
    ]  # fmt: skip
    return {**doc, "speakers": speakers}


def _token(start: int, end: int, value: str, type_: str, tags: list[str]) -> dict[str, Any]:
    return {
        "start_time": start, "end_time": end, "value": value.lower(), "type": type_,
        "display_as": value, "tags": tags, "interpolated": False,
    }  # fmt: skip


# The example hypothesis found: no speakers, the words "Tim" ":" — a speaker label to the
# old oracle, which stripped it from the transcript and then missed it.
TIM_COLON = {
    "version": 3,
    "segments": [
        {
            "start_time": 0,
            "end_time": 200,
            "sequences": [
                {"start_time": 0, "end_time": 100, "tokens": [
                    _token(0, 100, "Tim", "word", []), _token(100, 100, ":", "punctuation", [])]},
                {"start_time": 100, "end_time": 200, "tokens": [
                    _token(100, 200, "the", "word", []),
                    _token(200, 200, ".", "punctuation", ["ENDS_SENTENCE"])]},
            ],
            "speaker_change": True,
            "interpolated": False,
        }
    ],
    "language": "EN_US",
}  # fmt: skip
EXAMPLE_VALUES = {
    "create_paragraphs": True, "newlines_after_paragraph": 2, "newlines_after_sentence": 0,
    "timecode_every_paragraph": True, "timecode_interval": 0, "timecode_offset": 0,
    "remove_disfluencies": False, "remove_sound_references": False,
    "emit_speaker_change_tokens_as": MARKER,
}  # fmt: skip


def squeeze(text: str) -> str:
    return "".join(text.split())


def txt_words(out: str) -> str:
    """The transcript's text without timecodes and whitespace (markers kept)."""
    return squeeze(TIMECODE.sub("", out))


def html_words(page: str) -> str:
    root = lxml.html.document_fromstring(page.encode("utf-8"))
    for element in root.iter("time"):
        element.text = ""
    return squeeze(root.find("body").text_content())


@settings(max_examples=120, deadline=None)
@given(element_lists(max_segments=8), option_sets)
def test_every_surviving_token_appears_once_in_order(doc: dict[str, Any], values: dict) -> None:
    options = TranscriptOptions.from_mapping(values)
    table = apply_transforms(build_token_table(elementlist.load(doc)), options)
    expected = "".join(squeeze(t) for t in table.text)
    txt = get_transcript(doc, options)
    page = get_transcript(doc, options, file_format="html")
    assert txt_words(txt) == expected
    assert html_words(page) == expected
    html5lib.HTMLParser(strict=True).parse(page)
    assert txt == "" or (txt.endswith("\n") and not txt.endswith("\n\n"))
    assert "\r" not in txt


@settings(max_examples=120, deadline=None)
@given(element_lists(max_segments=8), option_sets)
@example(TIM_COLON, EXAMPLE_VALUES)
@example({**TIM_COLON, "speakers": [{"id": 1, "name": "Tim", "gender": "MALE"}],
          "segments": [{**TIM_COLON["segments"][0], "speaker_id": 1}]}, EXAMPLE_VALUES)  # fmt: skip
def test_nothing_removed_means_every_token_of_the_document(doc: dict, values: dict) -> None:
    """Checked against the input itself, not against the transforms."""
    doc = labelled(doc)
    values = {**values, "remove_disfluencies": False, "remove_sound_references": False}
    shown = [
        tok["display_as"] for seg in doc["segments"] for seq in seg["sequences"]
        for tok in seq["tokens"]
    ]  # fmt: skip
    out = get_transcript(doc, **values)
    assert squeeze(MARKER_TEXT.sub("", TIMECODE.sub("", out))) == squeeze("".join(shown))


@settings(max_examples=120, deadline=None)
@given(element_lists(max_segments=8), option_sets)
def test_timecodes_never_run_backwards(doc: dict, values: dict) -> None:
    out = get_transcript(doc, **values)
    stamps = [
        ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(f)
        for h, m, s, f in TIMECODE.findall(out)
    ]
    assert stamps == sorted(stamps)
    assert all(stamp >= values["timecode_offset"] for stamp in stamps)
