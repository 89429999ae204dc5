"""The Captions value: made by ``elementlist.captions``, a sequence of Caption, edited
(shift, filter, map_text) into new values that stay valid, and rendered (``.to``, ``.save``)
with the same bytes as ``get_caption``; outputs read back by parsers that are not ours."""

from __future__ import annotations

import copy
import io
import pickle
from collections.abc import Sequence
from pathlib import Path

import pytest
import srt
import webvtt
from conftest import EXAMPLES, REAL_EXAMPLE
from golden_cases import Case, cases
from lxml import etree
from scc_support import read_ttconv

import elementlist as el
from elementlist.writers import FORMATS, RENDER_OPTIONS

PODCAST = EXAMPLES / "podcast_v3.json"
TTML = "{http://www.w3.org/ns/ttml}"
TTM = "{http://www.w3.org/ns/ttml#metadata}"


def _ms(td) -> int:  # type: ignore[no-untyped-def]
    return round(td.total_seconds() * 1000)


def _srt_spans(text: str) -> list[tuple[int, int, str]]:
    return [(_ms(s.start), _ms(s.end), s.content) for s in srt.parse(text)]


@pytest.fixture(scope="module")
def podcast() -> el.Captions:
    return el.captions(PODCAST)


# --- the same bytes as get_caption ------------------------------------------------------------

CAPTION_CASES = [c for c in cases() if c.kind == "caption"]


@pytest.mark.parametrize("case", CAPTION_CASES, ids=lambda c: c.name)
def test_to_gives_the_golden_bytes(case: Case) -> None:
    """Every golden caption case: laid out once with the layout options, rendered with the
    render options, gives exactly the bytes get_caption gives (the golden file)."""
    if not case.source.exists():
        pytest.skip(f"{case.source} is absent")
    layout = {k: v for k, v in case.options.items() if k not in RENDER_OPTIONS}
    render = {k: v for k, v in case.options.items() if k in RENDER_OPTIONS}
    made = el.captions(case.source, **layout)
    assert made.to(case.fmt, **render).encode("utf-8") == case.golden.read_bytes()
    assert el.captions(case.source, **case.options).to(case.fmt).encode() == (
        case.golden.read_bytes()
    )


def test_a_loaded_document_renders_every_format_from_one_value() -> None:
    """Load once, lay out once, render each format: what get_caption gives for each."""
    doc = el.load(REAL_EXAMPLE)
    made = el.captions(doc, lines_per_caption=1)
    for name in FORMATS:
        if name != "SCC":  # SCC: laid out within its grid, below
            assert made.to(name) == el.get_caption(doc, name, lines_per_caption=1), name
    within_the_grid = el.captions(doc, lines_per_caption=1, characters_per_caption_line=32)
    assert within_the_grid.to("SCC") == el.get_caption(doc, "SCC", lines_per_caption=1)


def test_scc_of_captions_wider_than_the_grid_says_its_rows_are_rewrapped() -> None:
    wide = el.captions(el.load(REAL_EXAMPLE))  # 42 characters a line, the default
    with pytest.warns(el.LayoutWarning, match="re-wrapped to CEA-608's 32 x 4 grid"):
        scc = wide.to("SCC")
    rows = [line for cue in read_ttconv(scc) for line in cue.lines]
    assert rows and max(len(row) for row in rows) <= 32
    words = " ".join(" ".join(c.lines) for c in wide).split()
    assert " ".join(rows).split() == words  # every word, in order


# --- a sequence -------------------------------------------------------------------------------


def test_it_is_an_immutable_sequence_of_caption(podcast: el.Captions) -> None:
    assert isinstance(podcast, Sequence)
    items = list(podcast)
    assert len(podcast) == len(items) > 10
    assert all(isinstance(c, el.Caption) for c in podcast)
    assert podcast[0] == items[0] and podcast[-1] == items[-1]
    assert items[3] in podcast and podcast.index(items[3]) == 3
    with pytest.raises(IndexError):
        podcast[len(items)]
    with pytest.raises(AttributeError):
        podcast.info = el.DocumentInfo()  # type: ignore[misc]
    assert _srt_spans(podcast.to("srt")) == [(c.start, c.end, c.text) for c in items]


def test_a_slice_is_a_captions_with_the_same_info_and_options(podcast: el.Captions) -> None:
    part = podcast[2:5]
    assert isinstance(part, el.Captions)
    assert list(part) == list(podcast)[2:5]
    assert part.info == podcast.info and part.options == podcast.options
    assert part.info.title == "podcast_v3" and part.info.language == "en-US"
    assert [s.index for s in srt.parse(part.to("srt"))] == [1, 2, 3]  # numbered anew
    assert list(podcast[::3]) == list(podcast)[::3]
    with pytest.raises(el.CaptionError, match="keeps time order"):
        podcast[::-1]
    assert list(reversed(podcast)) == list(podcast)[::-1]


def test_equality_is_that_of_the_captions_held() -> None:
    from_path = el.captions(PODCAST)
    from_model = el.captions(el.load(PODCAST))
    assert from_path.info != from_model.info  # a path names a title; a model does not
    assert from_path == from_model and hash(from_path) == hash(from_model)
    assert from_path != el.captions(PODCAST, lines_per_caption=1)
    assert from_path != list(from_path)  # a Captions is not a list


def test_it_pickles_and_copies(podcast: el.Captions) -> None:
    back = pickle.loads(pickle.dumps(podcast))
    assert back == podcast and back.info == podcast.info and back.options == podcast.options
    assert copy.deepcopy(podcast).to("dfxp") == podcast.to("dfxp")


# --- edits ------------------------------------------------------------------------------------


def test_shift_moves_every_caption(podcast: el.Captions) -> None:
    later = podcast.shift(2500)
    assert _srt_spans(later.to("srt")) == [(c.start + 2500, c.end + 2500, c.text) for c in podcast]
    assert list(later.shift(-2500)) == list(podcast)
    assert podcast.shift(0) is podcast
    assert later.info == podcast.info and later.options == podcast.options


def test_a_shift_before_zero_is_refused(podcast: el.Captions) -> None:
    first = podcast[0].start
    assert podcast.shift(-first)[0].start == 0
    with pytest.raises(el.CaptionError) as info:
        podcast.shift(-first - 1)
    assert str(info.value) == (
        f"shift({-first - 1}) would start caption 1 at -1 ms, before 0; leave out the "
        f"captions before {first + 1} ms first (filter) and then shift"
    )
    assert isinstance(info.value, el.Error) and isinstance(info.value, ValueError)
    trimmed = podcast.filter(lambda c: c.start >= 20_000).shift(-20_000)
    assert trimmed[0].start >= 0 and len(trimmed) < len(podcast)


@pytest.mark.parametrize("ms", [1.5, "10", True, None])
def test_shift_takes_whole_milliseconds(podcast: el.Captions, ms: object) -> None:
    with pytest.raises(TypeError, match="whole milliseconds"):
        podcast.shift(ms)  # type: ignore[arg-type]


def test_filter_keeps_what_the_predicate_keeps(podcast: el.Captions) -> None:
    speakers = podcast.filter(lambda c: c.lines[0].startswith(">>"))
    assert 0 < len(speakers) < len(podcast)
    assert all(c.lines[0].startswith(">>") for c in speakers)
    cues = webvtt.from_buffer(io.StringIO(speakers.to("vtt")))
    assert [cue.text.split("\n")[0] for cue in cues] == [
        c.lines[0].replace(">", "&gt;") for c in speakers
    ]
    assert len(podcast.filter(lambda c: False)) == 0
    assert podcast.filter(lambda c: False).to("vtt") == "WEBVTT\n"


def test_map_text_replaces_each_captions_text(podcast: el.Captions) -> None:
    upper = podcast.map_text(str.upper)
    assert [c.text for c in upper] == [c.text.upper() for c in podcast]
    assert [(c.start, c.end) for c in upper] == [(c.start, c.end) for c in podcast]
    one_line = podcast.map_text(lambda t: t.replace("\n", " "))
    assert all(len(c.lines) == 1 for c in one_line)
    split = podcast[:1].map_text(lambda t: "a\nb\nc")
    assert split[0].lines == ("a", "b", "c")
    assert _srt_spans(split.to("srt")) == [(podcast[0].start, podcast[0].end, "a\nb\nc")]


@pytest.mark.parametrize("bad", ["a\rb", "a\r\nb", "a\u2028b", "a\x0bb"])
def test_map_text_refuses_other_line_breaks(podcast: el.Captions, bad: str) -> None:
    with pytest.raises(el.CaptionError, match=r"^map_text: the function gave caption 1 a line"):
        podcast.map_text(lambda t: bad)


def test_map_text_wants_text_back(podcast: el.Captions) -> None:
    with pytest.raises(TypeError, match="gave NoneType for caption 1, not str"):
        podcast.map_text(lambda t: None)  # type: ignore[arg-type,return-value]


def test_with_info_changes_what_dfxp_says(podcast: el.Captions) -> None:
    named = podcast.with_info(title="Kitchen Table 12", job_id="ABC123", language="fr_CA")
    root = etree.fromstring(named.to("dfxp").encode("utf-8"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr-CA"
    assert root.findtext(f".//{TTM}title") == "Kitchen Table 12"
    assert "ABC123" in root.findtext(f".//{TTM}desc")
    assert list(named) == list(podcast)


# --- made by hand -----------------------------------------------------------------------------


def test_captions_made_by_hand_render() -> None:
    made = el.Captions([el.Caption(0, 900, ("one",)), el.Caption(900, 2000, ("two", "lines"))])
    assert made.options == el.CaptionOptions() and made.info == el.DocumentInfo()
    assert _srt_spans(made.to("srt")) == [(0, 900, "one"), (900, 2000, "two\nlines")]
    assert el.Captions().to("srt") == ""


@pytest.mark.parametrize(
    ("captions", "message"),
    [
        ([el.Caption(-5, 10, ("a",))], "caption 1 starts before 0 (-5 ms)"),
        ([el.Caption(10, 10, ("a",))], "caption 1 lasts no time: it ends at 10 ms, starting "
         "at 10 ms (every caption lasts at least 1 ms)"),
        ([el.Caption(0, 500, ("a",)), el.Caption(400, 900, ("b",))],
         "caption 2 starts at 400 ms, before caption 1 ends (500 ms): captions may not overlap"),
        ([el.Caption(0, 5, ("a", "b\nc"))], "caption 1: line 2 holds a line break ('\\n'); a "
         "caption's lines are separate strings"),
        ([el.Caption(0, 5, "abc")], "caption 1: lines must be a tuple of str"),  # type: ignore[arg-type]
        ([el.Caption(0.0, 5, ("a",))], "caption 1: start must be whole milliseconds (int), "  # type: ignore[arg-type]
         "not float"),
    ],
)  # fmt: skip
def test_captions_that_no_file_may_hold_are_refused(
    captions: list[el.Caption], message: str
) -> None:
    with pytest.raises(el.CaptionError) as info:
        el.Captions(captions)
    assert str(info.value) == message


def test_what_is_not_a_caption_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="caption 1 is a tuple, not a Caption"):
        el.Captions([(0, 5, ("a",))])  # type: ignore[list-item]
    with pytest.raises(el.OptionError, match="options must be CaptionOptions"):
        el.Captions([], options=el.TranscriptOptions())  # type: ignore[arg-type]


# --- rendering options ------------------------------------------------------------------------


def test_render_options_change_at_render_time(podcast: el.Captions) -> None:
    windows = podcast.to("srt", line_ending_format="WINDOWS", utf8_mark="true")
    assert windows == el.get_caption(PODCAST, "srt", line_ending_format="WINDOWS", utf8_mark=True)
    assert windows.startswith("\ufeff1\r\n") and "\n" not in windows.replace("\r\n", "")
    plain = podcast.to("dfxp", el.CaptionOptions(include_dfxp_metadata=False))
    assert b"ttm:title" not in plain.encode() and b"ttm:title" in podcast.to("dfxp").encode()
    assert podcast.to("srt") == el.get_caption(PODCAST, "srt")  # the value itself unchanged


def test_a_layout_option_at_render_time_is_refused(podcast: el.Captions) -> None:
    with pytest.raises(el.OptionError) as info:
        podcast.to("srt", characters_per_caption_line=20, force_case="upper")
    message = str(info.value)
    assert message.startswith(
        "characters_per_caption_line=20 (laid out with 42), force_case='upper' (laid out with "
        "''): the captions were laid out with these, so rendering cannot change them;"
    )
    assert message.endswith(
        "Rendering may change only dfxp_header, include_dfxp_metadata, line_ending_format, "
        "qt_seamless, srt_format, utf8_mark"
    )
    assert info.value.option == "characters_per_caption_line"
    # the value it was laid out with is no change, so it is accepted
    assert podcast.to("srt", characters_per_caption_line="42") == podcast.to("srt")


def test_an_options_object_differing_in_layout_is_refused() -> None:
    narrow = el.captions(PODCAST, characters_per_caption_line=32)
    with pytest.raises(
        el.OptionError, match=r"^characters_per_caption_line=42 \(laid out with 32\)"
    ):
        narrow.to("srt", el.CaptionOptions(line_ending_format="WINDOWS"))
    same = narrow.options.with_values(line_ending_format="WINDOWS")
    assert narrow.to("srt", same) == el.get_caption(PODCAST, "srt", same)
    with pytest.raises(
        el.OptionError, match="options must be CaptionOptions, not TranscriptOptions"
    ):
        narrow.to("srt", el.TranscriptOptions())  # type: ignore[arg-type]


def test_a_bad_format_is_an_option_error(podcast: el.Captions) -> None:
    with pytest.raises(el.OptionError, match="unknown caption_format 'srtx'"):
        podcast.to("srtx")
    with pytest.raises(el.OptionError, match="ECHO"):
        podcast.to("echo")
    with pytest.raises(el.OptionError, match="caption_format must be a format name"):
        podcast.to(el.CaptionOptions())  # type: ignore[arg-type]


# --- save -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extension", sorted({e for fmt in FORMATS.values() for e in fmt.extensions})
)
def test_save_takes_the_format_from_the_extension(
    podcast: el.Captions, tmp_path: Path, extension: str
) -> None:
    path = tmp_path / f"talk{extension.upper()}"
    podcast.save(path)
    name = next(n for n, fmt in FORMATS.items() if extension in fmt.extensions)
    if extension == ".txt":
        name = "TRANSCRIPT"
    assert path.read_bytes() == podcast.to(name).encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_saved_files_read_back(podcast: el.Captions, tmp_path: Path) -> None:
    podcast.save(tmp_path / "a.srt", line_ending_format="WINDOWS")
    podcast.save(str(tmp_path / "a.vtt"))
    assert _srt_spans((tmp_path / "a.srt").read_text("utf-8")) == [
        (c.start, c.end, c.text) for c in podcast
    ]
    assert b"\r\n" in (tmp_path / "a.srt").read_bytes()
    assert len(webvtt.read(str(tmp_path / "a.vtt"))) == len(podcast)


def test_an_extension_that_names_no_format_is_refused(podcast: el.Captions, tmp_path: Path) -> None:
    with pytest.raises(el.OptionError) as info:
        podcast.save(tmp_path / "talk.json")
    assert str(info.value).startswith(f"{tmp_path / 'talk.json'}: the extension names no caption")
    assert str(info.value).endswith("give caption_format")
    assert ".srt, .vtt, .webvtt" in str(info.value)
    assert list(tmp_path.iterdir()) == []
    podcast.save(tmp_path / "talk.captions", "vtt")  # a format given: any name will do
    assert (tmp_path / "talk.captions").read_text("utf-8") == podcast.to("vtt")


def test_an_extension_against_the_format_is_refused(podcast: el.Captions, tmp_path: Path) -> None:
    with pytest.raises(el.OptionError) as info:
        podcast.save(tmp_path / "talk.vtt", "srt")
    assert str(info.value) == (
        f"{tmp_path / 'talk.vtt'}: the extension names WEB_VTT, but caption_format is SRT"
    )
    assert list(tmp_path.iterdir()) == []
    podcast.save(tmp_path / "talk.vtt", "webvtt")
    assert (tmp_path / "talk.vtt").read_text("utf-8").startswith("WEBVTT\n")


def test_save_replaces_a_file_whole_and_names_the_path_on_error(
    podcast: el.Captions, tmp_path: Path
) -> None:
    target = tmp_path / "talk.srt"
    target.write_text("old")
    podcast.save(target)
    assert target.read_text("utf-8") == podcast.to("srt")
    missing = tmp_path / "no" / "such" / "dir.srt"
    with pytest.raises(OSError) as info:
        podcast.save(missing)
    assert str(missing) in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.srt"]


# --- names ------------------------------------------------------------------------------------


def test_elementlist_captions_is_the_function_and_the_subpackage_is_still_importable() -> None:
    """``elementlist.captions`` is the function (it stands over the subpackage's name); the
    subpackage's modules are imported with ``from elementlist.captions.x import ...``."""
    import importlib

    from elementlist.captions.api import captions
    from elementlist.captions.model import Caption
    from elementlist.captions.value import Captions

    assert el.captions is captions and el.build_captions is captions
    assert Caption is el.Caption and Captions is el.Captions
    package = importlib.import_module("elementlist.captions")
    assert package.__name__ == "elementlist.captions" and hasattr(package, "__path__")
    assert isinstance(el.captions(PODCAST), el.Captions)
    assert "captions" in el.__all__ and "Captions" in el.__all__ and "CaptionError" in el.__all__
