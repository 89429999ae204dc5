"""WebVTT: read back by webvtt-py and by Chromium's own track parser."""

from __future__ import annotations

import html
import io

import pytest
import webvtt
from browser import BrowserError, browser_cues, browser_cues_many
from caption_cases import INFO, LATE, TRICKY, TRICKY_LINES, caption_lists
from hypothesis import given, settings
from hypothesis import strategies as st

from elementlist.captions.model import Caption
from elementlist.options.classes import CaptionOptions
from elementlist.timecodes import parse_timestamp
from elementlist.writers import render_captions

OPTIONS = CaptionOptions()


def _webvtt_py(text: str) -> list[tuple[int, int, str]]:
    cues = webvtt.from_buffer(io.StringIO(text))
    return [
        (parse_timestamp(c.start, "webvtt"), parse_timestamp(c.end, "webvtt"), c.text) for c in cues
    ]


def test_tricky_captions_read_back_by_webvtt_py() -> None:
    text = render_captions(TRICKY, "WEB_VTT", OPTIONS, INFO)
    assert text.startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\n")
    read = _webvtt_py(text)
    assert [(s, e) for s, e, _ in read] == [(c.start, c.end) for c in TRICKY]
    assert [tuple(html.unescape(t).split("\n")) for _, _, t in read] == list(TRICKY_LINES)


def test_markup_is_escaped_and_no_arrow_or_blank_line_in_cues() -> None:
    text = render_captions(TRICKY, "WEB_VTT", OPTIONS, INFO)
    assert "Fish &amp; chips &lt;b&gt;now&lt;/b&gt;\na --&gt; b\n" in text
    assert "&amp;amp; stays literal" in text
    for block in text.split("\n\n")[1:]:
        lines = block.strip("\n").split("\n")
        assert lines[0].isdigit()
        assert "-->" in lines[1] and all("-->" not in line for line in lines[2:])
        assert all(line.strip() for line in lines)


def test_empty_list_is_a_valid_empty_file() -> None:
    assert render_captions([], "WEB_VTT", OPTIONS) == "WEBVTT\n"
    assert _webvtt_py("WEBVTT\n") == []


@settings(max_examples=150, deadline=None)
@given(caption_lists())
def test_any_captions_round_trip_webvtt_py(captions: list[Caption]) -> None:
    read = _webvtt_py(render_captions(captions, "WEB_VTT", OPTIONS))
    assert [(s, e, html.unescape(t)) for s, e, t in read] == [
        (c.start, c.end, "\n".join(c.lines)) for c in captions
    ]


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def _read(cue: dict[str, object]) -> tuple[object, int, int, object]:
    """A Chromium cue as (id, start ms, end ms, the text it shows)."""
    return (cue["id"], _ms(cue["startTime"]), _ms(cue["endTime"]), cue["shown"])  # type: ignore[arg-type]


@pytest.mark.browser
def test_chromium_reads_tricky_captions_with_every_option() -> None:
    files = [
        render_captions((*TRICKY, LATE), "WEB_VTT", OPTIONS, INFO),
        render_captions(
            TRICKY, "WEB_VTT", CaptionOptions(line_ending_format="WINDOWS", utf8_mark=True)
        ),
        render_captions(TRICKY, "WEB_VTT", CaptionOptions(line_ending_format="OSX")),
        render_captions([], "WEB_VTT", CaptionOptions(utf8_mark=True)).encode("utf-8"),
    ]
    first, windows, mac, empty = browser_cues_many(files)
    expected = [
        (str(number), caption.start, caption.end, "\n".join(lines))
        for number, (caption, lines) in enumerate(
            zip((*TRICKY, LATE), (*TRICKY_LINES, LATE.lines), strict=True), start=1
        )
    ]
    assert [_read(cue) for cue in first] == expected
    assert windows == first[: len(TRICKY)]
    assert mac == first[: len(TRICKY)]
    assert empty == []


@pytest.mark.browser
def test_chromium_rejects_what_is_not_webvtt() -> None:
    # the harness can fail: a file without the header fires the track's error event
    with pytest.raises(
        BrowserError, match=r"could not load WebVTT file\(s\) \[0\] \(error event\)"
    ):
        browser_cues("00:00:01.000 --> 00:00:02.000\nno header\n")


@pytest.mark.browser
@settings(max_examples=3, deadline=None)
@given(st.lists(caption_lists(max_size=15), min_size=4, max_size=8))
def test_chromium_reads_any_captions(batch: list[list[Caption]]) -> None:
    read = browser_cues_many([render_captions(c, "WEB_VTT", OPTIONS) for c in batch])
    for captions, cues in zip(batch, read, strict=True):
        assert [_read(cue) for cue in cues] == [
            (str(n), c.start, c.end, "\n".join(c.lines)) for n, c in enumerate(captions, start=1)
        ]
