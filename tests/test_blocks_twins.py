"""The compiled blocks writer (``elementlist._blocks``) writes the same SRT blocks, WebVTT
cues and DFXP paragraphs as the writers' own Python loops (``srt._default_blocks``,
``webvtt._cues``, ``dfxp._paragraphs``): on generated captions with blank lines, clock
times, markup characters, line breaks and carriage returns, text of every width (ASCII,
Latin-1, the BMP, beyond) and hours past 99; and it hands back None, for the Python path to
format or refuse, on what it does not take.

The compiled module must be built (``python setup.py build_ext --inplace``); without it
these tests fail, unless ELEMENTLIST_PURE=1 says the pure twin is meant to run alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_kernel_twins import SETTINGS
from twin_support import compiled_twin

from elementlist.captions.model import Caption, DocumentInfo
from elementlist.options.classes import CaptionOptions
from elementlist.writers import dfxp, srt, webvtt
from elementlist.writers.text import defuse_clock_times, stretches, xml_safe

BLOCKS = ("_blocks", "the compiled blocks writer")
HOUR = 3_600_000


def compiled() -> ModuleType:
    return compiled_twin(*BLOCKS)


def python_srt(captions: Sequence[Caption]) -> str:
    return "".join(srt._default_blocks(part, first) for first, part in stretches(captions))


def python_webvtt(captions: Sequence[Caption]) -> str:
    return "WEBVTT\n" + "".join(webvtt._cues(part, first) for first, part in stretches(captions))


DFXP_HEAD, DFXP_TAIL = "<tt>\u00e9<div>\n", "    </div></tt>\n"


def python_dfxp(captions: Sequence[Caption]) -> str:
    return "".join((DFXP_HEAD, *dfxp._paragraphs(captions), DFXP_TAIL))


# lines that meet every rule: blank ones (white space of other scripts too), colons with
# and without clock times (also in Arabic-Indic digits, which a regex \d matches), markup
# characters, and text of each string width
LINES = ["", " ", "\u3000", "\t", "hello world", ">> Maya Okafor: Welcome back",
         "at 00:00:01,000 --> 00:00:02,000", "1:2:3.4", "\u0661:\u0662:\u0663.\u0664",
         "ratio 3:2", "a:", ":", "AT&T <b>", "-->", "café", "naïve 10:30", "中文字幕",
         "😀 emoji", "\u200c", "a\rb", "two\nlines", "tab\there", "AT&T\r\n<i>"]  # fmt: skip
# characters XML 1.0 cannot carry: the DFXP writer's Python path drops them
NOT_XML = ["\x01", "\x0b", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"]
times = st.integers(0, 150 * HOUR) | st.sampled_from([0, 99 * HOUR, 100 * HOUR, 2**63 - 1])
lines = st.lists(st.sampled_from(LINES) | st.text(max_size=6), max_size=4).map(tuple)
captions = st.lists(st.builds(Caption, times, times, lines), max_size=30)


@SETTINGS
@given(captions)
def test_the_compiled_blocks_are_the_python_blocks(generated: list[Caption]) -> None:
    blocks = compiled()
    assert blocks.srt_blocks(generated, defuse_clock_times) == python_srt(generated)
    cues = blocks.webvtt_cues(generated, "WEBVTT\n")
    assert cues == python_webvtt(generated)
    carried = all(  # the text of the lines shown (a blank one is dropped first)
        xml_safe(line) == line
        for caption in generated
        for line in caption.lines
        if line and not line.isspace()
    )
    paragraphs = blocks.dfxp_paragraphs(generated, DFXP_HEAD, DFXP_TAIL)
    assert paragraphs == (python_dfxp(generated) if carried else None)


@pytest.mark.parametrize("unsafe", NOT_XML)
def test_dfxp_text_xml_cannot_carry_goes_to_the_python_path_which_drops_it(unsafe: str) -> None:
    caption = Caption(0, 1000, (f"a{unsafe}b", "c"))
    assert compiled().dfxp_paragraphs([caption], DFXP_HEAD, DFXP_TAIL) is None
    written = dfxp.write([caption], CaptionOptions(), DocumentInfo())
    assert '<p begin="00:00:00.000" end="00:00:01.000">ab<br/>c</p>' in written


def test_the_dfxp_paragraphs_are_written_as_lxml_escapes_them() -> None:
    caption = Caption(3_723_004, 3_723_500, ("AT&T <b>", "", "x\ry"))
    empty = Caption(4_000_000, 4_000_001, (" ",))
    written = compiled().dfxp_paragraphs([caption, empty], "", "")
    assert written == (
        '      <p begin="01:02:03.004" end="01:02:03.500">AT&amp;T &lt;b&gt;<br/>x&#13;y</p>\n'
        '      <p begin="01:06:40.000" end="01:06:40.001"/>\n'
    )


def test_numbers_run_on_past_a_stretch_and_any_sequence_is_taken() -> None:
    many = tuple(Caption(k * 1000, k * 1000 + 900, (f"line {k}",)) for k in range(5000))
    written = compiled().srt_blocks(many, defuse_clock_times)
    assert written == python_srt(many)
    assert "\n\n4097\n01:08:16,000 --> 01:08:16,900\nline 4096\n\n" in written


def test_only_lines_that_may_hold_a_clock_time_are_handed_to_the_transform() -> None:
    asked: list[str] = []

    def transform(line: str) -> str:
        asked.append(line)
        return line.upper()

    caption = Caption(0, 1000, (">> Ann: hi", "at 1:02:03,004", "x:\u0663", "AT&T <b>"))
    written = compiled().srt_blocks([caption], transform)
    assert asked == ["at 1:02:03,004", "x:\u0663"]
    assert (
        written
        == "1\n00:00:00,000 --> 00:00:01,000\n>> Ann: hi\nAT 1:02:03,004\nX:\u0663\nAT&T <b>\n\n"
    )


@pytest.mark.parametrize(
    "caption",
    [
        Caption(np.int64(5), 10, ("a",)),  # type: ignore[arg-type]
        Caption(True, 10, ("a",)),
        Caption(0, 2**63, ("a",)),
        Caption(0, 10, ["a"]),  # type: ignore[arg-type]
        Caption(0, 10, ("a", 7)),  # type: ignore[arg-type]
    ],
)
def test_what_the_fast_path_does_not_take_goes_back_to_python(caption: Caption) -> None:
    assert compiled().srt_blocks([caption], defuse_clock_times) is None
    assert compiled().webvtt_cues([caption], "WEBVTT\n") is None
    assert compiled().dfxp_paragraphs([caption], DFXP_HEAD, DFXP_TAIL) is None


def test_the_writers_still_refuse_a_negative_time() -> None:
    compiled()
    negative = [Caption(-1, 10, ("a",))]
    with pytest.raises(ValueError, match="cannot be negative"):
        srt.write(negative, CaptionOptions(), None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot be negative"):
        webvtt.write(negative, CaptionOptions(), None)  # type: ignore[arg-type]


def test_the_writers_give_the_python_path_what_it_formats() -> None:
    compiled()
    odd = [Caption(np.int64(3_723_004), 3_723_500, ("a", "", "b"))]  # type: ignore[arg-type]
    assert srt.write(odd, CaptionOptions(), None) == python_srt(odd)  # type: ignore[arg-type]
    assert webvtt.write(odd, CaptionOptions(), None) == python_webvtt(odd)  # type: ignore[arg-type]
    assert srt.write(odd, CaptionOptions(), None).startswith("1\n01:02:03,004 --> ")  # type: ignore[arg-type]
