"""The writer registry: format names, refusals, and the options every format shares."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from caption_cases import INFO, TRICKY

from elementlist.errors import OptionError
from elementlist.options.classes import CaptionOptions
from elementlist.writers import (
    ALIASES,
    FORMATS,
    RENDER_OPTIONS,
    format_for_filename,
    lookup_format,
    render_captions,
    resolve_format,
)

ALL_FORMATS = list(FORMATS)
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("SRT", "SRT"),
        ("srt", "SRT"),
        ("SubRip", "SRT"),
        ("WEB_VTT", "WEB_VTT"),
        ("web_vtt", "WEB_VTT"),
        ("web-vtt", "WEB_VTT"),
        ("WebVTT", "WEB_VTT"),
        ("vtt", "WEB_VTT"),
        ("DFXP", "DFXP"),
        ("ttml", "DFXP"),
        ("SBV", "SBV"),
        ("qt", "QT"),
        ("QuickTime", "QT"),
        ("SAMI", "SAMI"),
        ("smi", "SAMI"),
        ("TRANSCRIPT", "TRANSCRIPT"),
        ("txt", "TRANSCRIPT"),
        (" srt ", "SRT"),
    ],
)
def test_names_and_aliases_resolve(name: str, canonical: str) -> None:
    assert resolve_format(name) == canonical
    assert lookup_format(name).name == canonical


def test_every_alias_names_a_registered_format() -> None:
    assert set(ALIASES.values()) == set(FORMATS)
    for name in FORMATS:
        assert resolve_format(name) == name


@pytest.mark.parametrize("name", ["ECHO", "TPM", "TWX"])
def test_undocumented_cielo24_formats_are_refused(name: str) -> None:
    with pytest.raises(OptionError) as caught:
        resolve_format(name.lower())
    assert str(caught.value) == (
        f"caption_format '{name.lower()}' is refused: cielo24 documents no layout for {name} output"
    )
    assert caught.value.option == "caption_format"
    assert caught.value.value == name.lower()


def test_scc_is_a_format() -> None:
    assert resolve_format("scc") == resolve_format("SCC") == "SCC"
    assert lookup_format("scc").extension == ".scc"
    assert format_for_filename("show.SCC") == "SCC"
    with pytest.warns(UserWarning):  # TRICKY has characters CEA-608 cannot show
        assert render_captions(TRICKY, "SCC", CaptionOptions()).startswith("Scenarist_SCC V1.0\n\n")


def test_unknown_format_suggests_the_closest() -> None:
    with pytest.raises(OptionError) as caught:
        resolve_format("webvt")
    assert str(caught.value) == (
        "unknown caption_format 'webvt' (did you mean WEB_VTT?); "
        "known: SRT, WEB_VTT, DFXP, SBV, QT, SAMI, SCC, TRANSCRIPT"
    )


def test_unknown_format_without_a_close_name() -> None:
    with pytest.raises(OptionError) as caught:
        resolve_format("pdf")
    assert str(caught.value) == (
        "unknown caption_format 'pdf'; known: SRT, WEB_VTT, DFXP, SBV, QT, SAMI, SCC, TRANSCRIPT"
    )


def test_refusal_pickles_with_its_inputs() -> None:
    with pytest.raises(OptionError) as caught:
        resolve_format("TWX")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (str(copy), copy.option, copy.value) == (str(caught.value), "caption_format", "TWX")


def test_extensions_and_file_names() -> None:
    extensions = {name: fmt.extension for name, fmt in FORMATS.items()}
    assert extensions == {
        "SRT": ".srt",
        "WEB_VTT": ".vtt",
        "DFXP": ".dfxp",
        "SBV": ".sbv",
        "QT": ".qt.txt",
        "SAMI": ".smi",
        "SCC": ".scc",
        "TRANSCRIPT": ".txt",
    }
    for name, extension in extensions.items():
        assert format_for_filename(f"out/Talk{extension.upper()}") == name
    assert format_for_filename("talk.webvtt") == "WEB_VTT"
    assert format_for_filename("talk.ttml") == "DFXP"
    assert format_for_filename("talk.sami") == "SAMI"
    assert format_for_filename("talk.json") is None
    assert format_for_filename("talk") is None


@pytest.mark.parametrize("name", ALL_FORMATS)
@pytest.mark.parametrize(("setting", "ending"), [("WINDOWS", b"\r\n"), ("OSX", b"\r")])
def test_line_ending_format_applies_to_every_line(name: str, setting: str, ending: bytes) -> None:
    unix = render_captions(TRICKY, name, CaptionOptions(), INFO).encode("utf-8")
    other = render_captions(TRICKY, name, CaptionOptions(line_ending_format=setting), INFO).encode(
        "utf-8"
    )
    assert unix.count(b"\n") >= 3 and b"\r" not in unix
    assert other == unix.replace(b"\n", ending)
    # no other ending is left anywhere
    stripped = other.replace(ending, b"")
    assert b"\r" not in stripped and b"\n" not in stripped


@pytest.mark.parametrize("name", ALL_FORMATS)
def test_utf8_mark_puts_a_bom_first(name: str) -> None:
    plain = render_captions(TRICKY, name, CaptionOptions(), INFO).encode("utf-8")
    marked = render_captions(
        TRICKY, name, CaptionOptions(utf8_mark=True, line_ending_format="WINDOWS"), INFO
    ).encode("utf-8")
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert marked.startswith(b"\xef\xbb\xbf")
    assert marked[3:] == plain.replace(b"\n", b"\r\n")


@pytest.mark.parametrize("name", ALL_FORMATS)
def test_empty_caption_list_with_options(name: str) -> None:
    text = render_captions([], name, CaptionOptions(utf8_mark=True, line_ending_format="OSX"))
    assert text.startswith("\ufeff")
    assert "\n" not in text


def test_template_line_endings_are_converted_too() -> None:
    template = "{caption_number}\r\n{start_second} -> {end_second}\r\n{caption_text}\r\n\r\n"
    text = render_captions(
        TRICKY[:2], "SRT", CaptionOptions(srt_format=template, line_ending_format="UNIX")
    )
    assert text == "1\n0 -> 1\nFish & chips <b>now</b>\na --> b\n\n2\n1 -> 2\n" + (
        "Ünïcödé — “quotes” ’n’ 日本語\nemoji 😀👍🏽 ok\n\n"
    )


def test_unknown_line_ending_format_is_refused() -> None:
    with pytest.raises(OptionError) as caught:
        render_captions(TRICKY, "SRT", CaptionOptions(line_ending_format="MAC"))
    assert str(caught.value) == "line_ending_format: expected one of UNIX, WINDOWS, OSX, got 'MAC'"
    assert caught.value.option == "line_ending_format"


def test_the_registry_names_every_format_its_aliases_and_extensions() -> None:
    """What ``elementlist formats`` and ``-o`` inference read: public, one entry a format."""
    table = {name: (fmt.aliases, fmt.extensions, fmt.extension) for name, fmt in FORMATS.items()}
    assert table == {
        "SRT": (("subrip",), (".srt",), ".srt"),
        "WEB_VTT": (("webvtt", "vtt"), (".vtt", ".webvtt"), ".vtt"),
        "DFXP": (("ttml",), (".dfxp", ".ttml"), ".dfxp"),
        "SBV": ((), (".sbv",), ".sbv"),
        "QT": (("quicktime",), (".qt.txt", ".qt"), ".qt.txt"),
        "SAMI": (("smi",), (".smi", ".sami"), ".smi"),
        "SCC": ((), (".scc",), ".scc"),
        "TRANSCRIPT": (("txt", "text"), (".txt", ".text"), ".txt"),
    }
    assert all(fmt.description for fmt in FORMATS.values())
    # ALIASES is derived from the entries: every alias and every name resolves to its entry
    for name, fmt in FORMATS.items():
        for spelling in (name, name.lower(), *fmt.aliases, *(a.upper() for a in fmt.aliases)):
            assert resolve_format(spelling) == name
    assert set(ALIASES) == {
        key for name, fmt in FORMATS.items() for key in (name.lower(), *fmt.aliases)
    }


@pytest.mark.parametrize(
    ("filename", "name"),
    [("a.srt", "SRT"), ("a.VTT", "WEB_VTT"), ("a.webvtt", "WEB_VTT"), ("a.ttml", "DFXP"),
     ("a.dfxp", "DFXP"), ("a.sbv", "SBV"), ("a.qt", "QT"), ("dir.v2/a.qt.txt", "QT"),
     ("a.smi", "SAMI"), ("a.sami", "SAMI"), ("a.txt", "TRANSCRIPT"),
     ("a.transcript.txt", "TRANSCRIPT"), ("a.json", None), ("a.subrip", None),
     ("srt", None), ("a.srt.bak", None)],
)  # fmt: skip
def test_every_registered_extension_names_its_format(filename: str, name: str | None) -> None:
    """Only the registered extensions name a format (an alias is no extension)."""
    assert format_for_filename(filename) == name
    assert format_for_filename(Path(filename)) == name


def test_render_options_are_read_by_the_writers_alone() -> None:
    """Each of RENDER_OPTIONS, set away from its default, leaves the captions as they are
    (they change only what a writer writes), and each is a real CaptionOptions field."""
    import elementlist as el

    assert set(CaptionOptions.__dataclass_fields__) >= RENDER_OPTIONS
    source = ROOT / "examples" / "podcast_v3.json"
    plain = list(el.captions(source))
    changed = {
        "line_ending_format": "WINDOWS",
        "utf8_mark": True,
        "srt_format": "{caption_number:d}\n{caption_text}\n\n",
        "dfxp_header": '<?xml version="1.0" encoding="utf-8"?>',
        "qt_seamless": True,
        "include_dfxp_metadata": False,
    }
    assert set(changed) == RENDER_OPTIONS
    for name, value in changed.items():
        assert list(el.captions(source, **{name: value})) == plain, name
