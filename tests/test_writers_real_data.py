"""cielo24's own example ElementList, cut into captions here, through every writer and back.

The cutting is deliberately simple (a segment's words wrapped at 42 characters, two lines a
caption, the segment's time shared out): the point is real text and real times in every
format, read back by the same independent readers as the other writer tests.
"""

from __future__ import annotations

import html
import io
import itertools
import textwrap
import warnings

import pycaption
import pytest
import srt
import webvtt
from conftest import REAL_EXAMPLE
from test_writers_qt import read_qt
from test_writers_sami import read_syncs
from test_writers_sbv import read_sbv

from elementlist.captions.model import Caption, DocumentInfo
from elementlist.document.decode import load
from elementlist.options.classes import CaptionOptions
from elementlist.timecodes import parse_timestamp
from elementlist.writers import render_captions


def _captions() -> tuple[list[Caption], DocumentInfo]:
    doc = load(REAL_EXAMPLE)
    captions: list[Caption] = []
    for segment in doc.segments:
        words = ["".join(token.text for token in sequence.tokens) for sequence in segment.sequences]
        lines = textwrap.wrap(" ".join(words), 42)
        groups = [tuple(lines[i : i + 2]) for i in range(0, len(lines), 2)]
        span = (segment.end_time - segment.start_time) // len(groups)
        for index, group in enumerate(groups):
            start = segment.start_time + index * span
            end = segment.end_time if index + 1 == len(groups) else start + span
            captions.append(Caption(start, end, group))
    language = doc.language if isinstance(doc.language, str) else ""
    return captions, DocumentInfo(language=language, title="Docs example", job_id="0" * 32)


OPTIONS = CaptionOptions()


@pytest.fixture(scope="module")
def cut() -> tuple[list[Caption], DocumentInfo]:
    """The captions and document info (read when a test needs them: ../shared may be absent)."""
    return _captions()


def test_the_cut_is_sane(cut: tuple[list[Caption], DocumentInfo]) -> None:
    captions, info = cut
    assert len(captions) > 45 and info.language == "EN_US"
    assert all(a.end <= b.start for a, b in itertools.pairwise(captions))
    assert all(c.start < c.end for c in captions)


def _expected(captions: list[Caption]) -> list[tuple[int, int, str]]:
    return [(c.start, c.end, "\n".join(c.lines)) for c in captions]


def test_srt(cut: tuple[list[Caption], DocumentInfo]) -> None:
    written, info = cut
    parsed = srt.parse(render_captions(written, "srt", OPTIONS, info))
    read = [
        (
            s.start // srt.timedelta(milliseconds=1),
            s.end // srt.timedelta(milliseconds=1),
            s.content,
        )
        for s in parsed
    ]
    assert read == _expected(written)


def test_webvtt(cut: tuple[list[Caption], DocumentInfo]) -> None:
    written, info = cut
    cues = webvtt.from_buffer(io.StringIO(render_captions(written, "vtt", OPTIONS, info)))
    read = [
        (
            parse_timestamp(c.start, "webvtt"),
            parse_timestamp(c.end, "webvtt"),
            html.unescape(c.text),
        )
        for c in cues
    ]
    assert read == _expected(written)


@pytest.mark.parametrize("reader", ["DFXPReader", "SAMIReader"])
def test_dfxp_and_sami_with_pycaption(reader: str, cut: tuple[list[Caption], DocumentInfo]) -> None:
    written, info = cut
    name = "DFXP" if reader == "DFXPReader" else "SAMI"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        captions = getattr(pycaption, reader)().read(render_captions(written, name, OPTIONS, info))
    assert captions.get_languages() == ["en-US"]
    read = [(c.start // 1000, c.end // 1000, c.get_text()) for c in captions.get_captions("en-US")]
    assert read == _expected(written)


def test_sami_markup(cut: tuple[list[Caption], DocumentInfo]) -> None:
    written, info = cut
    syncs = read_syncs(render_captions(written, "SAMI", OPTIONS, info))
    shown = [(start, "\n".join(lines)) for start, _, lines in syncs if lines != ("\u00a0",)]
    assert shown == [
        (c.start, text) for c, (_, _, text) in zip(written, _expected(written), strict=True)
    ]


def test_sbv(cut: tuple[list[Caption], DocumentInfo]) -> None:
    written, info = cut
    read = read_sbv(render_captions(written, "SBV", OPTIONS, info))
    assert [(s, e, "\n".join(t)) for s, e, t in read] == _expected(written)


def test_qt(cut: tuple[list[Caption], DocumentInfo]) -> None:
    written, info = cut
    _, samples = read_qt(render_captions(written, "QT", OPTIONS, info))
    assert [(s, e, "\n".join(t)) for s, e, t in samples if t] == _expected(written)


def test_transcript_keeps_every_word(cut: tuple[list[Caption], DocumentInfo]) -> None:
    written, info = cut
    text = render_captions(written, "TRANSCRIPT", OPTIONS, info)
    assert text.split() == [word for c in written for line in c.lines for word in line.split()]
