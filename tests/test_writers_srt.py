"""SRT: read back by the `srt` library and by pysubs2; the srt_format template."""

from __future__ import annotations

import pysubs2
import pytest
import srt
from caption_cases import INFO, LATE, TRICKY, TRICKY_LINES, caption_lists
from hypothesis import given, settings

from elementlist.captions.model import Caption
from elementlist.errors import OptionError
from elementlist.options.classes import DEFAULT_SRT_FORMAT, CaptionOptions
from elementlist.writers import render_captions
from elementlist.writers.srt import write

OPTIONS = CaptionOptions()
KNOWN = (
    "caption_number, start_hour, start_minute, start_second, start_millisecond, end_hour, "
    "end_minute, end_second, end_millisecond, caption_text"
)


def _ms(delta: object) -> int:
    return round(delta.total_seconds() * 1000)  # type: ignore[attr-defined]


def test_tricky_captions_read_back_by_srt_and_pysubs2() -> None:
    text = render_captions(TRICKY, "SRT", OPTIONS, INFO)
    parsed = list(srt.parse(text))
    assert [s.index for s in parsed] == list(range(1, len(TRICKY) + 1))
    assert [(_ms(s.start), _ms(s.end)) for s in parsed] == [(c.start, c.end) for c in TRICKY]
    assert [tuple(s.content.split("\n")) for s in parsed] == list(TRICKY_LINES)
    events = pysubs2.SSAFile.from_string(text, format_="srt")
    assert [(e.start, e.end) for e in events] == [(c.start, c.end) for c in TRICKY]
    assert len(events) == len(TRICKY)


def test_default_block_shape() -> None:
    text = render_captions([Caption(1_230, 62_004, ("one", "two"))], "SRT", OPTIONS)
    assert text == "1\n00:00:01,230 --> 00:01:02,004\none\ntwo\n\n"


def test_hours_widen_past_99() -> None:
    text = render_captions([LATE], "SRT", OPTIONS)
    assert text.splitlines()[1] == "100:00:12,345 --> 100:00:23,456"
    (parsed,) = srt.parse(text)
    assert (_ms(parsed.start), _ms(parsed.end)) == (LATE.start, LATE.end)


def test_empty_list_is_an_empty_file() -> None:
    assert render_captions([], "SRT", OPTIONS) == ""
    assert list(srt.parse("")) == []


def test_caption_without_visible_text_stays_a_block() -> None:
    text = render_captions([Caption(0, 10, ("  ",)), Caption(20, 30, ("x",))], "SRT", OPTIONS)
    parsed = list(srt.parse(text))
    assert [(s.index, s.content) for s in parsed] == [(1, ""), (2, "x")]


@settings(max_examples=150, deadline=None)
@given(caption_lists())
def test_any_captions_round_trip(captions: list[Caption]) -> None:
    text = render_captions(captions, "SRT", OPTIONS)
    parsed = list(srt.parse(text))
    assert [(_ms(s.start), _ms(s.end), s.content) for s in parsed] == [
        (c.start, c.end, "\n".join(c.lines)) for c in captions
    ]


@settings(max_examples=100, deadline=None)
@given(caption_lists())
def test_default_fast_path_equals_the_template(captions: list[Caption]) -> None:
    # the same template written differently takes the general str.format path
    spelled_out = CaptionOptions(srt_format=DEFAULT_SRT_FORMAT + "")
    same_text = DEFAULT_SRT_FORMAT.replace("{caption_text}", "{caption_text!s}")
    general = CaptionOptions(srt_format=same_text)
    assert write(captions, spelled_out, INFO) == write(captions, general, INFO)


def test_nested_format_specs_may_use_known_fields() -> None:
    template = "{caption_number:0{end_second}d}|{caption_text}\n"
    assert render_captions(TRICKY[1:2], "SRT", CaptionOptions(srt_format=template)) == (
        "01|Ünïcödé — “quotes” ’n’ 日本語\nemoji 😀👍🏽 ok\n"
    )


def test_srt_format_is_used() -> None:
    template = (
        "#{caption_number:03d} {start_minute}m{start_second:02d}.{start_millisecond:03d}"
        "|{end_hour}h{end_minute:02d}m{end_second:02d}s{end_millisecond}|{caption_text}\n"
    )
    text = render_captions(TRICKY[:2], "SRT", CaptionOptions(srt_format=template))
    assert text == (
        "#001 0m00.000|0h00m01s500|Fish & chips <b>now</b>\na --> b\n"
        "#002 0m01.500|0h00m02s750|Ünïcödé — “quotes” ’n’ 日本語\nemoji 😀👍🏽 ok\n"
    )


def test_documented_default_without_space_after_arrow_still_parses() -> None:
    documented = DEFAULT_SRT_FORMAT.replace("--> ", "-->")
    text = render_captions(TRICKY, "SRT", CaptionOptions(srt_format=documented))
    assert "00:00:01,500 -->00:00:02,750" in text
    parsed = list(srt.parse(text))
    assert [(_ms(s.start), _ms(s.end)) for s in parsed] == [(c.start, c.end) for c in TRICKY]


def _unknown(field: str, template: str) -> str:
    return f"srt_format: unknown placeholder {{{field}}} (known: {KNOWN}), got {template!r}"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{caption_num}\n", _unknown("caption_num", "{caption_num}\n")),
        (
            "{caption_number:q}",
            "srt_format: not a usable template (Unknown format code 'q' for object of type "
            "'int'), got '{caption_number:q}'",
        ),
        ("{}", _unknown("", "{}")),
        (
            "{caption_text.__class__}",
            _unknown("caption_text.__class__", "{caption_text.__class__}"),
        ),
        ("{caption_number[0]}", _unknown("caption_number[0]", "{caption_number[0]}")),
        ("{caption_number:{x}}", _unknown("x", "{caption_number:{x}}")),
        (
            "{caption_text",
            "srt_format: not a usable template (expected '}' before end of string), got "
            "'{caption_text'",
        ),
    ],
)
def test_bad_srt_format_is_refused(template: str, message: str) -> None:
    with pytest.raises(OptionError) as caught:
        render_captions(TRICKY, "SRT", CaptionOptions(srt_format=template))
    assert str(caught.value) == message
    assert (caught.value.option, caught.value.value) == ("srt_format", template)


@pytest.mark.parametrize("stretch", [1, 2, 3])
@pytest.mark.parametrize("caption_format", ["SRT", "WebVTT"])
@pytest.mark.parametrize("template", [DEFAULT_SRT_FORMAT, "{caption_number}|{caption_text}\n"])
def test_a_file_written_a_stretch_of_captions_at_a_time_is_the_same_file(
    stretch: int, caption_format: str, template: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SRT and WebVTT render a stretch of captions at a time (their small strings then
    never outgrow the file): numbering and clock-time defusing run on across stretches."""
    from elementlist.writers import text

    clock = Caption(9000, 9500, ("at 00:00:01,000 --> 00:00:02,000",))  # defused
    captions = [*TRICKY, clock, *TRICKY]
    options = CaptionOptions(srt_format=template)
    whole = render_captions(captions, caption_format, options, INFO)
    monkeypatch.setattr(text, "STRETCH", stretch)
    assert render_captions(captions, caption_format, options, INFO) == whole
    assert "00\u200c:00:01,000" in whole if caption_format == "SRT" else "00:00:01" in whole
