"""The real ElementLists of ../shared/reference/samples, as its README.md describes them: what
each holds, what ``validate`` says of it, and that each renders in every caption format,
read back by a parser that is not ours, with every token's text in order.

The files are read from ../shared at run time (conftest skips these tests where it is absent).
"""

from __future__ import annotations

import html
import io
import re
import warnings
from collections import Counter
from pathlib import Path

import pycaption
import pytest
import srt
import webvtt
from conftest import REAL_EXAMPLE, SAMPLE_FILES, THIRDPARTY_EXAMPLE, V2_2014_EXAMPLE
from msgspec import UNSET
from scc_support import read_ttconv
from test_writers_qt import read_qt
from test_writers_sbv import read_sbv

import elementlist as el
from elementlist.writers import FORMATS
from elementlist.writers.scc import transliterate

pytestmark = pytest.mark.samples

# Nothing removed and no speaker names: every token of the document must be in the output,
# and the only other text is the speaker change marker.
SHOW_ALL = el.CaptionOptions(
    remove_disfluencies=False, remove_sound_references=False, display_speaker_id="no"
)
MARKER = SHOW_ALL.emit_speaker_change_tokens_as


def _letters(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _type_counts(doc: el.ElementList) -> Counter[str]:
    return Counter(str(t.type) for t in doc.tokens())


def test_the_v3_docs_example_holds_what_the_readme_says() -> None:
    doc = el.load(REAL_EXAMPLE)
    assert REAL_EXAMPLE.stat().st_size == 442_185
    assert (doc.version, doc.language, doc.start_time, doc.end_time) == (3, "EN_US", 6230, 219290)
    assert len(doc.segments) == 45
    assert sum(len(s.sequences) for s in doc.segments) == 662
    assert _type_counts(doc) == {"word": 657, "punctuation": 83, "sound": 5}
    assert [(s.id, s.name, s.gender) for s in doc.speakers] == [
        (0, "Effects", "Unknown"),
        (1, "Ann Taylor Pittman", "Female"),
        (2, "Tim", "Male"),
    ]
    punctuation = [t for t in doc.tokens() if t.type == "punctuation"]
    assert all(
        t.start_time == t.end_time for t in punctuation
    )  # all zero length, as cielo24 writes


def test_the_2014_v2_example_holds_what_the_readme_says() -> None:
    doc = el.load(V2_2014_EXAMPLE)
    assert V2_2014_EXAMPLE.stat().st_size == 23_206
    assert (doc.version, doc.language) == (2, "EN_US")
    assert (doc.start_time, doc.end_time, doc.speakers) == (UNSET, UNSET, UNSET)
    zero = [s for s in doc.segments if s.start_time == s.end_time]
    assert [[t.display_as for q in s.sequences for t in q.tokens] for s in zero] == [
        ["[MUSIC]", "."]
    ]
    shown = [t.display_as for t in doc.tokens()]
    assert "isn" in shown and shown[shown.index("isn") + 1] == "'"  # the lost "t" of the source


def test_the_thirdparty_example_holds_what_the_readme_says() -> None:
    doc = el.load(THIRDPARTY_EXAMPLE)
    assert (doc.version, doc.language, doc.start_time, doc.end_time) == (3, "en", 5590, 351910)
    assert len(doc.segments) == 2
    assert [(s.id, s.name) for s in doc.speakers] == [(0, "Test Speaker")]


def test_validate_the_v3_docs_example_finds_no_error() -> None:
    report = el.validate(el.load(REAL_EXAMPLE))
    assert report.errors == ()
    # the warnings the README announces: a segment not ending a sentence, and metadata
    # ranges outside the document (reported, never rejected)
    assert sorted(Counter(v.code for v in report.warnings).items()) == [
        ("EL-META-RANGE", 3),
        ("EL-NO-SENTENCE-END", 1),
    ]


def test_validate_the_2014_v2_example_finds_its_three_violations() -> None:
    report = el.validate(el.load(V2_2014_EXAMPLE))
    assert [(v.severity, v.code, v.path) for v in report.violations] == [
        ("error", "EL-ZERO-LENGTH", "$.segments[2]"),
        ("error", "EL-ZERO-LENGTH", "$.segments[2].sequences[0]"),
        ("error", "EL-ZERO-LENGTH", "$.segments[2].sequences[0].tokens[0]"),
    ]
    assert "sound token" in report.violations[2].message  # the [MUSIC] token


def test_validate_the_thirdparty_example_is_clean() -> None:
    assert el.validate(el.load(THIRDPARTY_EXAMPLE)).violations == ()


# --- every format, read back by another parser ----------------------------------------------


def _pycaption_texts(reader: type, text: str) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        read = reader().read(text)
    (language,) = read.get_languages()
    return [c.get_text() for c in read.get_captions(language)]


def _texts(fmt: str, out: str) -> list[str]:
    """The cue texts of ``out`` as an independent reader of ``fmt`` sees them."""
    if fmt == "SRT":
        return [s.content for s in srt.parse(out)]
    if fmt == "WEB_VTT":
        return [html.unescape(c.text) for c in webvtt.from_buffer(io.StringIO(out))]
    if fmt == "DFXP":
        return _pycaption_texts(pycaption.DFXPReader, out)
    if fmt == "SAMI":
        return _pycaption_texts(pycaption.SAMIReader, out)
    if fmt == "SBV":
        return ["\n".join(lines) for _, _, lines in read_sbv(out)]
    if fmt == "QT":
        return ["\n".join(lines) for _, _, lines in read_qt(out)[1] if lines]
    if fmt == "TRANSCRIPT":
        return [out]
    if fmt == "SCC":  # ttconv's reader; pop-on captions may merge (formats.md, SCC)
        return [cue.text for cue in read_ttconv(out)]
    raise AssertionError(f"no reader for {fmt}")


def test_every_caption_format_has_a_reader_here() -> None:
    assert set(FORMATS) == {"SRT", "WEB_VTT", "DFXP", "SBV", "QT", "SAMI", "SCC", "TRANSCRIPT"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: Path(p).stem)
def test_every_format_reads_back_with_every_token(path: Path, fmt: str) -> None:
    doc = el.load(path)
    expected = _letters("".join(t.display_as for t in doc.tokens()))
    out = el.get_caption(path, fmt, SHOW_ALL)
    texts = _texts(fmt, out)
    if fmt not in ("TRANSCRIPT", "SCC"):
        assert len(texts) == len(el.build_captions(doc, SHOW_ALL))
    if fmt == "SCC":  # what CEA-608 can show (the writer's documented transliteration)
        expected = _letters(transliterate(expected))
    assert _letters("".join(texts).replace(MARKER, "")) == expected
