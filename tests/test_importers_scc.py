"""SCC in: our SCC outputs of the bundled examples and of the real samples (read from
../shared) import back with the same words in order, in every scc_mode and frame rate —
the words as ttconv's SCC decoder (not ours) reads the file, speaker marks aside — and each
pop-on cue's words start at its EOC, where ttconv shows it. Then the CEA-608 details a
decoder must get right, on byte pairs written by hand from the standard."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, SAMPLE_FILES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_fixtures.support import normalised, text_of
from scc_support import dense_documents, join_paint_on, read_ttconv

import elementlist
from elementlist import ElementListError
from elementlist.importers import detect_format, import_document

MODES = ("pop_on", "roll_up_2", "roll_up_3", "roll_up_4", "paint_on")
SOURCES = [EXAMPLES / "podcast_v3.json", EXAMPLES / "interview_v3_int_types.json", *SAMPLE_FILES]
MARKER = re.compile(r"^>>\s*(?:[^:]{1,60}:\s+)?")
FRAME_MS = 1001 / 30


def _scc(source: Path, **options: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # transliterated characters, delayed captions
        return elementlist.get_caption(source, "SCC", **options)


def _file_words(text: str, mode: str = "pop_on") -> str:
    """The words of the file as ttconv shows them, speaker marks (``>> Name:``) removed:
    in roll-up each cue is the window after a CR, and its new row is the last one; in
    paint-on a caption is one cue per preamble, joined again."""
    cues = read_ttconv(text)
    if mode.startswith("roll_up"):
        lines = [cue.lines[-1].strip() for cue in cues]
    else:
        cues = join_paint_on(cues) if mode == "paint_on" else cues
        lines = [line.strip() for cue in cues for line in cue.lines]
    return normalised(" ".join(MARKER.sub("", line) for line in lines if line))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_our_scc_imports_back_to_the_same_words(source: Path, mode: str) -> None:
    text = _scc(source, scc_mode=mode)
    assert detect_format(text.encode()) == "scc"
    doc = import_document(text.encode())
    assert elementlist.validate(doc).violations == ()
    assert text_of(doc) == _file_words(text, mode)
    assert len(text_of(doc).split()) > 10


@pytest.mark.parametrize("rate", ["29.97df", "29.97ndf", "30"])
def test_every_frame_rate_imports_with_the_words_at_their_cues(rate: str) -> None:
    source = EXAMPLES / "podcast_v3.json"
    text = _scc(source, scc_frame_rate=rate)
    doc = import_document(text.encode())
    assert text_of(doc) == _file_words(text)
    starts = [t.start_time for t in doc.tokens()]
    for cue in read_ttconv(text):  # each pop-on cue shows at its EOC: a word starts there
        shown = cue.start * FRAME_MS
        assert min(abs(s - shown) for s in starts) <= FRAME_MS, cue


def test_every_route_reads_scc(tmp_path: Path) -> None:
    scc = tmp_path / "podcast.scc"
    scc.write_text(_scc(EXAMPLES / "podcast_v3.json"), encoding="ascii")
    words = text_of(import_document(scc.read_bytes()))
    assert text_of(elementlist.load(scc)) == words
    assert text_of(elementlist.load(scc, input_format="scc")) == words
    srt = elementlist.get_caption(scc, "SRT")
    assert ">> Maya Okafor:" in srt  # the speaker marks became speakers, shown again


# --- CEA-608 by hand ------------------------------------------------------------------

HEAD = "Scenarist_SCC V1.0\n\n"


def _doc(body: str) -> elementlist.ElementList:
    return import_document((HEAD + body).encode())


def _words(body: str) -> list[str]:
    return text_of(_doc(body)).split()


def test_pop_on_shows_at_eoc_and_doubled_codes_act_once() -> None:
    # RCL RCL ENM ENM PAC(row 15) "HI" "THERE"... then EOC EOC at 00:00:02;00, EDM at 3 s
    body = (
        "00:00:01;00\t9420 9420 94ae 94ae 9470 9470 c849 2054 c845 52c5\n\n"
        "00:00:02;00\t942f 942f\n\n"
        "00:00:03;00\t942c 942c\n"
    )
    doc = _doc(body)
    assert text_of(doc) == "HI THERE"
    tokens = doc.tokens()
    assert tokens[0].start_time == round(60 * FRAME_MS)  # frame 60: the EOC, not the load
    assert tokens[-1].end_time <= round(90 * FRAME_MS)


def test_a_third_copy_of_a_code_counts_again() -> None:
    # ♪ is 0x11 0x37 (9137 with parity): sent twice = one ♪; two doubled pairs with a
    # padding pair between = two ♪
    once = "00:00:01;00\t9420 9420 9470 9470 9137 9137 c1c1\n\n00:00:02;00\t942f 942f\n"
    twice = "00:00:01;00\t9420 9420 9470 9470 9137 9137 8080 9137 9137\n\n00:00:02;00\t942f 942f\n"
    assert _words(once) == ["♪AA"]
    assert _words(twice) == ["♪♪"]


def test_extended_characters_replace_their_fallback_and_standard_ones_are_cea608s() -> None:
    # "E" then 0x12 0x21 (É); 0x2A is á in CEA-608's standard set, 0x5C é
    body = "00:00:01;00\t9420 9420 9470 9470 4580 92a1 92a1 2a5c\n\n00:00:02;00\t942f 942f\n"
    assert _words(body) == ["Éáé"]


def test_roll_up_rows_are_cues_and_paint_on_shows_as_painted() -> None:
    roll = (
        "00:00:01;00\t9425 9425\n\n"
        "00:00:01;02\t94ad 94ad 9470 9470 4f4e c520\n\n"  # CR CR PAC PAC "ONE "
        "00:00:03;00\t94ad 94ad 9470 9470 54d7 4f80\n\n"  # "TWO"
        "00:00:05;00\t942c 942c\n"
    )
    doc = _doc(roll)
    assert text_of(doc) == "ONE TWO"
    two = doc.tokens()[-1]
    assert abs(two.start_time - 3000) < 100 and two.end_time <= 5100
    paint = (
        "00:00:01;00\t9429 9429\n\n"
        "00:00:01;02\t942c 942c 9470 9470 c1c2\n\n"
        "00:00:04;00\t942c 942c\n"
    )
    assert _words(paint) == ["AB"]


def test_drop_frame_time_codes_keep_to_the_clock() -> None:
    # 00:10:00;00 is frame 17982 at 29.97 drop-frame, 600 s on the clock (read without
    # dropping, the label would be frame 18000, 600.6 s); the EOC is 4 frames later
    body = "00:10:00;00\t9420 9420 9470 9470 c1c1\n\n00:10:00;04\t942f 942f\n"
    start = _doc(body).tokens()[0].start_time
    assert abs(start - (600_000 + 4 * FRAME_MS)) <= 1


def test_the_other_channel_is_skipped() -> None:
    # CC1 (14xx) text "AA", then CC2 (1Cxx) text "BB": the file's first channel is read
    body = (
        "00:00:01;00\t9420 9420 9470 9470 c1c1 1c20 1c20 1c70 1c70 c2c2\n\n"
        "00:00:02;00\t942f 942f 1c2f 1c2f\n"
    )
    assert _words(body) == ["AA"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("00:00:01;00\tzzzz\n", "not a line of SCC"),
        ("00:00:01;05 9420\n00:00:00;00\t9420\n", ""),
        ("00:01:00;00\t9420 9420\n", "does not exist"),
    ],
)
def test_bad_scc_is_one_error_naming_the_line(body: str, words: str) -> None:
    if not words:  # a time code without a tab is fine (spaces), and going back is read as given
        _doc(body)
        return
    with pytest.raises(ElementListError, match=words) as caught:
        _doc(body)
    assert "line" in str(caught.value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dense_documents(), st.sampled_from(MODES), st.sampled_from(["29.97df", "29.97ndf", "30"]))
def test_dense_documents_import_back_to_the_words_ttconv_reads(
    doc: dict[str, Any], mode: str, rate: str
) -> None:
    """Generated ElementLists with dense timing (the cases where captions are delayed and
    rows re-wrapped), in every mode and rate: the SCC imports to a valid ElementList with the
    words ttconv reads from the same file, every time inside the file's time codes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = elementlist.get_caption(doc, "SCC", scc_mode=mode, scc_frame_rate=rate)
    imported = import_document(text.encode())
    assert elementlist.validate(imported).violations == ()
    assert text_of(imported) == _file_words(text, mode)
    times = [t.start_time for s in imported.segments for q in s.sequences for t in q.tokens]
    assert times == sorted(times)
