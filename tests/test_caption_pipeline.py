"""get_caption end to end: real and example documents through every format, read back by
independent parsers (and WebVTT by Chromium), and words never lost or reordered."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pytest
import srt
import webvtt
from browser import browser_cues_many
from conftest import EXAMPLES, REAL_EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from pycaption import DFXPReader, SAMIReader
from strategies import element_lists

import elementlist as el

DOCUMENTS = [REAL_EXAMPLE, EXAMPLES / "podcast_v3.json", EXAMPLES / "interview_v3_int_types.json"]
TTML = "{http://www.w3.org/ns/ttml}"


def _ms(td) -> int:  # type: ignore[no-untyped-def]
    return round(td.total_seconds() * 1000)


def _vtt_ms(stamp: str) -> int:
    h, m, rest = stamp.split(":")
    s, ms = rest.split(".")
    return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(ms)


def _check_times(spans: list[tuple[int, int]]) -> None:
    assert spans, "no captions"
    for (s, e), (s2, _) in itertools.pairwise(spans):
        assert s < e <= s2, (s, e, s2)
    assert spans[-1][0] < spans[-1][1]


def _letters(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_srt_reads_back_in_srt(path: Path) -> None:
    doc = el.load(path)
    captions = el.build_captions(doc)
    subs = list(srt.parse(el.get_caption(doc, "SRT")))
    assert [(_ms(s.start), _ms(s.end)) for s in subs] == [(c.start, c.end) for c in captions]
    assert [s.content for s in subs] == [c.text for c in captions]
    _check_times([(c.start, c.end) for c in captions])


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_webvtt_reads_back_in_webvtt_py(path: Path) -> None:
    doc = el.load(path)
    captions = el.build_captions(doc)
    cues = webvtt.from_buffer(io.StringIO(el.get_caption(doc, "WEB_VTT")))
    assert len(cues) == len(captions)
    for cue, cap in zip(cues, captions, strict=True):
        assert (_vtt_ms(cue.start), _vtt_ms(cue.end)) == (cap.start, cap.end)
        assert cue.text == cap.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.browser
def test_webvtt_is_read_by_chromium() -> None:
    docs = [el.load(p) for p in DOCUMENTS]
    files = [el.get_caption(d, "vtt") for d in docs]
    tracks = browser_cues_many(files)
    for doc, cues in zip(docs, tracks, strict=True):
        captions = el.build_captions(doc)
        assert len(cues) == len(captions)
        for cue, cap in zip(cues, captions, strict=True):
            assert round(cue["startTime"] * 1000) == cap.start
            assert round(cue["endTime"] * 1000) == cap.end
            assert cue["shown"] == cap.text


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_dfxp_is_ttml_read_by_lxml_and_pycaption(path: Path) -> None:
    doc = el.load(path)
    captions = el.build_captions(doc)
    text = el.get_caption(doc, "DFXP")
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == f"{TTML}tt"
    paragraphs = root.findall(f".//{TTML}p")
    assert len(paragraphs) == len(captions)
    assert ["\n".join(p.itertext()) for p in paragraphs] == [c.text for c in captions]
    read = DFXPReader().read(text)
    lang = read.get_languages()[0]
    cues = read.get_captions(lang)
    assert len(cues) == len(captions)
    assert [(c.start // 1000, c.end // 1000) for c in cues] == [(c.start, c.end) for c in captions]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_sami_is_read_by_pycaption(path: Path) -> None:
    doc = el.load(path)
    captions = el.build_captions(doc)
    read = SAMIReader().read(el.get_caption(doc, "SAMI"))
    cues = read.get_captions(read.get_languages()[0])
    assert [(c.start // 1000, c.end // 1000) for c in cues] == [(c.start, c.end) for c in captions]


@pytest.mark.parametrize("fmt", ["SBV", "QT", "TRANSCRIPT"])
def test_other_formats_keep_every_letter(fmt: str) -> None:
    doc = el.load(EXAMPLES / "podcast_v3.json")
    captions = el.build_captions(doc)
    out = el.get_caption(doc, fmt)
    body = out
    if fmt == "SBV":
        body = re.sub(r"^\d+:\d\d:\d\d\.\d{3},\d+:\d\d:\d\d\.\d{3}$", "", out, flags=re.M)
    if fmt == "QT":
        body = re.sub(r"^\{.*\}$|^\[\d\d:\d\d:\d\d\.\d{3}\]$", "", out, flags=re.M)
    assert _letters(body) == _letters("".join(c.text for c in captions))


def _surviving_letters(doc: el.ElementList, options: el.CaptionOptions) -> str:
    from elementlist.table.transforms import apply_transforms

    table = apply_transforms(el.build_token_table(doc), options)
    return _letters("".join(table.text))


option_sets = st.fixed_dictionaries(
    {},
    optional={
        "characters_per_caption_line": st.integers(1, 60),
        "lines_per_caption": st.integers(1, 4),
        "caption_by_sentence": st.booleans(),
        "caption_words_min": st.integers(1, 6),
        "disallow_dangling": st.booleans(),
        "remove_disfluencies": st.booleans(),
        "remove_sound_references": st.booleans(),
        "sound_tokens_by_caption": st.booleans(),
        "sound_tokens_by_line": st.booleans(),
        "single_speaker_per_caption": st.booleans(),
        "speaker_on_new_line": st.booleans(),
        "silence_max_ms": st.integers(0, 5000),
        "minimum_caption_length_ms": st.none() | st.integers(0, 3000),
        "minimum_gap_between_captions_ms": st.none() | st.integers(0, 500),
        "maximum_caption_duration": st.none() | st.integers(500, 10000),
        "merge_gap_interval": st.integers(0, 3000),
        "display_speaker_id": st.sampled_from(["no", "number", "name"]),
        "line_break_on_sentence": st.booleans(),
    },
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(element_lists(), option_sets)
def test_every_surviving_word_appears_once_in_order(d: dict, values: dict) -> None:
    doc = el.load(d)
    options = el.CaptionOptions(**values)
    captions = el.build_captions(doc, options)
    shown = _letters("".join("".join(c.lines) for c in captions))
    assert shown == _surviving_letters(doc, options)
    spans = [(c.start, c.end) for c in captions]
    for s, e in spans:
        assert s < e
    for (_, e), (s2, _) in itertools.pairwise(spans):
        assert e <= s2
    subs = list(srt.parse(el.get_caption(doc, "SRT", options)))
    assert len(subs) == sum(1 for c in captions if any(line.strip() for line in c.lines)) or len(
        subs
    ) == len(captions)


def test_keyword_options_and_options_object_agree() -> None:
    doc = el.load(REAL_EXAMPLE)
    a = el.get_caption(doc, "srt", el.CaptionOptions(lines_per_caption=1))
    b = el.get_caption(doc, "srt", lines_per_caption="1")
    c = el.get_caption(
        REAL_EXAMPLE, "SRT", el.CaptionOptions(lines_per_caption=3), lines_per_caption=1
    )
    assert a == b == c
    assert a != el.get_caption(doc, "srt")


def test_strict_refuses_a_document_with_violations() -> None:
    with pytest.raises(el.InvalidDocumentError) as info:
        el.get_caption(REAL_EXAMPLE, "SRT", strict=True)
    assert str(info.value).startswith("document has 0 error(s) and 4 warning(s); first: ")
    assert len(info.value.violations) == 4


@pytest.mark.parametrize(
    ("call", "wanted", "given"),
    [
        (
            lambda doc: el.get_caption(doc, options=el.TranscriptOptions()),
            "CaptionOptions",
            "TranscriptOptions",
        ),
        (
            lambda doc: el.get_caption(doc, "SRT", el.TranscriptOptions()),
            "CaptionOptions",
            "TranscriptOptions",
        ),
        (
            lambda doc: el.build_captions(doc, el.TranscriptOptions()),
            "CaptionOptions",
            "TranscriptOptions",
        ),
        (
            lambda doc: el.get_caption(doc, options={"lines_per_caption": 1}),
            "CaptionOptions",
            "dict",
        ),
        (
            lambda doc: el.get_transcript(doc, el.CaptionOptions()),
            "TranscriptOptions",
            "CaptionOptions",
        ),
        (
            lambda doc: el.get_transcript(doc, options=el.TranscriptOptions),
            "TranscriptOptions",
            "the class TranscriptOptions",
        ),
    ],
    ids=[
        "caption-kw",
        "caption-positional",
        "build_captions",
        "caption-dict",
        "transcript",
        "transcript-class",
    ],
)
def test_the_other_calls_options_are_one_clear_option_error(call, wanted: str, given: str) -> None:  # type: ignore[no-untyped-def]
    """Both calls refuse options of the wrong class the same way: an OptionError (an
    elementlist.Error), never an AttributeError from deep inside."""
    doc = el.load(EXAMPLES / "podcast_v3.json")
    with pytest.raises(el.OptionError) as info:
        call(doc)
    assert isinstance(info.value, el.Error)
    assert str(info.value) == (
        f"options must be {wanted}, not {given} "
        f"(make one with {wanted}(...), {wanted}.from_mapping or {wanted}.from_query)"
    )
    assert info.value.option == "options"


def test_options_in_the_place_of_the_format_are_an_option_error() -> None:
    doc = el.load(EXAMPLES / "podcast_v3.json")
    with pytest.raises(el.OptionError) as info:
        el.get_caption(doc, el.CaptionOptions())  # type: ignore[arg-type]
    assert str(info.value) == (
        "caption_format must be a format name such as 'SRT', not CaptionOptions "
        "(options go in options=)"
    )
