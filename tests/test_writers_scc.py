"""The SCC writer's parts, each checked against something that is not ours: ttconv's code
tables, ttconv's SMPTE time codes, the lint of tests/scc_support.py, and the rules of
scc.md for the schedule (load time, 15 frames, the fewest frames of delay)."""

from __future__ import annotations

import itertools
import warnings
from pathlib import Path

import pytest
from caption_cases import LATE, TRICKY, caption_lists
from conftest import REAL_EXAMPLE, run_cli
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scc_support import frame_of, lint, parse
from ttconv.scc.codes.control_codes import SccControlCode
from ttconv.scc.codes.extended_characters import SccExtendedCharacter
from ttconv.scc.codes.preambles_address_codes import SccPreambleAddressCode
from ttconv.scc.codes.special_characters import SccSpecialCharacter
from ttconv.scc.codes.standard_characters import SCC_STANDARD_CHARACTERS_MAPPING
from ttconv.time_code import FPS_29_97, FPS_30, SmpteTimeCode

import elementlist as el
from elementlist.captions.model import Caption
from elementlist.cea608 import EXTENDED, SPECIAL, STANDARD
from elementlist.errors import CharacterWarning, LayoutWarning, OptionError
from elementlist.options.classes import CaptionOptions
from elementlist.scc_timecode import FRAME_RATES
from elementlist.writers import render_captions
from elementlist.writers.scc import schedule_captions
from elementlist.writers.scc.charset import transliterate
from elementlist.writers.scc.codes import (
    CHANNELS,
    CR,
    EDM,
    ENM,
    EOC,
    PARITY,
    RCL,
    RDC,
    RU2,
    RU3,
    RU4,
    pair,
)
from elementlist.writers.scc.grid import fit_rows, scc_layout_options
from elementlist.writers.scc.timeline import MIN_SHOW

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RATES = list(FRAME_RATES)
MODES = ["pop_on", "roll_up_2", "roll_up_3", "roll_up_4", "paint_on"]


def scc(captions: list[Caption] | tuple[Caption, ...], **options: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return render_captions(captions, "SCC", CaptionOptions(**options))


def unparity(word: str) -> int:
    return int(word, 16) & 0x7F7F


# --- bytes: parity and the code tables, against ttconv's ------------------------------


def test_every_byte_has_odd_parity_and_keeps_its_seven_bits() -> None:
    for byte in range(128):
        assert bin(PARITY[byte]).count("1") % 2 == 1
        assert PARITY[byte] & 0x7F == byte
    assert [pair(0x14, c) for c in (RCL, ENM, EOC, EDM)] == ["9420", "94ae", "942f", "942c"]


@pytest.mark.parametrize("name", ["CC1", "CC2", "CC3", "CC4"])
def test_control_codes_are_ttconvs_for_each_channel(name: str) -> None:
    channel = CHANNELS[name]
    index = ["CC1", "CC2", "CC3", "CC4"].index(name)
    ours = {"RCL": RCL, "ENM": ENM, "EOC": EOC, "EDM": EDM, "CR": CR, "RDC": RDC}
    ours |= {"RU2": RU2, "RU3": RU3, "RU4": RU4}
    for code_name, code in ours.items():
        expected = getattr(SccControlCode, code_name).get_values()[index]
        assert unparity(channel.control(code)) == expected, (name, code_name)
    for columns in (1, 2, 3):
        expected = getattr(SccControlCode, f"TO{columns}").get_values()[index]
        assert unparity(channel.tab_offset(columns)) == expected


@pytest.mark.parametrize("name", ["CC1", "CC2", "CC3", "CC4"])
def test_preamble_address_codes_are_read_as_their_row_and_indent(name: str) -> None:
    channel = CHANNELS[name]
    for row in range(1, 16):
        for indent in range(0, 32, 4):
            value = unparity(channel.pac(row, indent))
            pac = SccPreambleAddressCode.find(value >> 8, value & 0xFF)
            assert pac is not None
            assert (pac.get_row(), pac.get_indent()) == (row, indent)
            assert pac.get_channel().value == channel.data_channel
    with pytest.raises(ValueError):
        channel.pac(15, 2)


def test_character_tables_are_cea608s_as_ttconv_reads_them() -> None:
    for char, byte in STANDARD.items():
        assert SCC_STANDARD_CHARACTERS_MAPPING[byte] == char
    assert not set("*\\^_`{|}~") & set(STANDARD)
    for char, second in SPECIAL.items():
        code = SccSpecialCharacter.find(0x1100 | second)
        assert code is not None and code.get_unicode_value() == char
    for char, (first, second, fallback) in EXTENDED.items():
        code = SccExtendedCharacter.find(first << 8 | second)
        # ttconv reads 0x13 0x2C, CEA-608's caret, as U+028C (a ttconv quirk)
        assert code is not None and code.get_unicode_value() == ("ʌ" if char == "^" else char)
        assert fallback in STANDARD
    assert set(SPECIAL) == set("®°½¿™¢£♪àèâêîôû")


# --- characters: what is sent for anything else ---------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, 42!", "plain text, 42!"),
        ("café résumé naïve ñ Ñ ç", "café résumé naïve ñ Ñ ç"),  # standard and extended
        ("É À Ü ß Ø å ©", "É À Ü ß Ø å ©"),  # extended
        ("♪ ® ° ½ ¿ ™ ¢ £ à è â ê î ô û", "♪ ® ° ½ ¿ ™ ¢ £ à è â ê î ô û"),  # special
        ("* \\ ^ _ { | } ~", "* \\ ^ _ { | } ~"),  # not standard: extended
        ("`back`", "'back'"),  # no code at all: an apostrophe
        ("“curly” ‘single’ it’s", "\"curly\" 'single' it's"),
        ("em—dash en–dash", "em--dash en-dash"),
        ("łódź Œuvre æ ﬁ … ¼ €5", "lódz OEuvre ae fi ... 1/4 EUR5"),
        ("a\u00a0b\u2009c", "a b c"),  # every space is a space
        ("zero\u200dwidth\u00ad\u200e", "zerowidth"),  # invisible: nothing to show
        ("♫ ♬", "♪ ♪"),
        ("日本 😀👍🏽 Ωmega", "?? ?? ?mega"),  # one ? per grapheme
    ],
)
def test_transliteration(text: str, shown: str) -> None:
    assert transliterate(text) == shown


def test_unshowable_characters_are_counted_in_one_warning() -> None:
    with pytest.warns(CharacterWarning) as caught:
        out = render_captions([Caption(1000, 4000, ("日本 and 😀",))], "SCC", CaptionOptions())
    messages = [str(w.message) for w in caught if w.category is CharacterWarning]
    assert messages == [
        "SCC: 3 character(s) CEA-608 cannot show were written as '?': "
        "'日' U+65E5, '本' U+672C, '😀' U+1F600"
    ]
    assert "bfbf" in out  # "??" as a text pair, never a blank


def test_two_byte_codes_are_doubled_on_pair_boundaries() -> None:
    words = [w for b in parse(scc([Caption(2000, 5000, ("aÉ b♪♪",))]), "29.97df") for w in b.words]
    # a É: "a" and the fallback "E" share a pair, then É twice; " b" a pair; ♪ twice, a
    # padding pair, ♪ twice (so that a decoder that drops one repeat shows two notes)
    assert words[words.index("6145") :][:8] == [
        "6145", "92a1", "92a1", "2062", "9137", "9137", "8080", "9137",
    ]  # fmt: skip
    lone = [w for b in parse(scc([Caption(2000, 5000, ("odd",))]), "29.97df") for w in b.words]
    assert "6480" in lone  # "d" alone: padded with 80


# --- time codes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "label"),
    [
        (0, "00:00:00;00"),
        (1799, "00:00:59;29"),
        (1800, "00:01:00;02"),
        (3597, "00:01:59;29"),
        (3598, "00:02:00;02"),
        (17981, "00:09:59;29"),
        (17982, "00:10:00;00"),
        (17982 + 1800, "00:11:00;02"),
        (107892, "01:00:00;00"),
    ],
)
def test_drop_frame_labels(frame: int, label: str) -> None:
    rate = FRAME_RATES["29.97df"]
    assert rate.label(frame) == label
    assert rate.frame_of(label) == frame
    with pytest.raises(ValueError, match="does not exist"):
        rate.frame_of("00:01:00;00")


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 24 * 107892), st.sampled_from(RATES))
def test_labels_are_smpte_time_codes_as_ttconv_makes_them(frame: int, name: str) -> None:
    rate = FRAME_RATES[name]
    fps = FPS_30 if name == "30" else FPS_29_97
    expected = str(SmpteTimeCode.from_frames(frame, fps, rate.drop_frame))
    assert rate.label(frame) == expected
    assert rate.frame_of(expected) == frame == frame_of(expected, name)


def test_milliseconds_to_the_nearest_frame() -> None:
    df, thirty = FRAME_RATES["29.97df"], FRAME_RATES["30"]
    assert [df.frame_at(ms) for ms in (0, 16, 17, 1000, 3_600_000)] == [0, 0, 1, 30, 107892]
    assert [thirty.frame_at(ms) for ms in (0, 16, 17, 1000, 3_600_000)] == [0, 0, 1, 30, 108000]


# --- the grid --------------------------------------------------------------------------


def test_layout_options_for_scc() -> None:
    default = CaptionOptions()
    opts, messages = scc_layout_options(default)
    assert (opts.characters_per_caption_line, opts.lines_per_caption, messages) == (32, 2, [])
    narrow = CaptionOptions(characters_per_caption_line=20, lines_per_caption=3)
    assert scc_layout_options(narrow) == (narrow, [])
    opts, messages = scc_layout_options(
        CaptionOptions(characters_per_caption_line=60, lines_per_caption=6)
    )
    assert (opts.characters_per_caption_line, opts.lines_per_caption) == (32, 4)
    assert messages == [
        "characters_per_caption_line 60 is more than SCC allows; using 32 "
        "(CEA-608 rows hold 32 characters)",
        "lines_per_caption 6 is more than SCC allows; using 4 (CEA-608 captions hold 4 rows)",
    ]
    given_default = scc_layout_options(default, given={"characters_per_caption_line"})
    assert len(given_default[1]) == 1


def test_get_caption_lowers_the_grid_with_one_warning_per_option() -> None:
    with pytest.warns(LayoutWarning) as caught:
        out = el.get_caption(EXAMPLES / "podcast_v3.json", "scc", characters_per_caption_line=40)
    grid = [str(w.message) for w in caught if "characters_per_caption_line" in str(w.message)]
    assert grid == [
        "characters_per_caption_line 40 is more than SCC allows; using 32 "
        "(CEA-608 rows hold 32 characters)"
    ]
    with warnings.catch_warnings(record=True) as quiet:
        warnings.simplefilter("always")
        el.get_caption(EXAMPLES / "podcast_v3.json", "scc")
    assert not [w for w in quiet if "characters_per_caption_line" in str(w.message)]
    # given, even at its default (42), it is lowered with its warning; the default alone is
    # lowered silently (above); so is a query's value
    with pytest.warns(LayoutWarning) as asked:
        el.get_caption(EXAMPLES / "podcast_v3.json", "scc", characters_per_caption_line=42)
    assert [str(w.message) for w in asked if "characters_per_caption_line" in str(w.message)] == [
        "characters_per_caption_line 42 is more than SCC allows; using 32 "
        "(CEA-608 rows hold 32 characters)"
    ]
    queried = CaptionOptions.from_query("characters_per_caption_line=42&lines_per_caption=2")
    assert scc_layout_options(queried)[1] == [asked[0].message.args[0]]
    # what the layout made at 32 columns is what the file shows
    captions = el.build_captions(EXAMPLES / "podcast_v3.json", characters_per_caption_line=32)
    assert out == scc(captions)


def test_rows_that_do_not_fit_are_wrapped_and_split_never_dropped() -> None:
    long_line = "word " * 20 + "x" * 70
    assert fit_rows([long_line, "", "  ", "short"]) == [
        "word word word word word word", "word word word word word word", "word word word word word word",
        "word word", "x" * 32, "x" * 32, "x" * 6, "short",
    ]  # fmt: skip
    schedule = schedule_captions(
        [Caption(0, 8000, (long_line, "short"))], CaptionOptions(), missing=[]
    )
    assert [len(s.rows) for s in schedule.shown] == [4, 4]
    assert [r for s in schedule.shown for r in s.rows] == fit_rows([long_line, "short"])
    assert all(len(r) <= 32 for s in schedule.shown for r in s.rows)


# --- the schedule --------------------------------------------------------------------


def _dense() -> list[Caption]:
    """Short-then-long captions back to back (pycaption #352) and 200 ms one-word ones."""
    captions: list[Caption] = []
    t = 500
    for i in range(12):
        captions.append(Caption(t, t + 200, (f"Yes{i}.",)))
        t += 200
        captions.append(
            Caption(t, t + 1400, ("a long caption that fills its", "two rows to the end of them"))
        )
        t += 1400
    for i in range(30):
        captions.append(Caption(t, t + 200, (f"word{i}",)))
        t += 200
    return captions


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("rate", RATES)
def test_dense_captions_pass_the_lint(mode: str, rate: str) -> None:
    out = scc(_dense(), scc_mode=mode, scc_frame_rate=rate)
    blocks = lint(out, rate)
    assert blocks[0].label.startswith("00:00:0")


@settings(max_examples=150, deadline=None)
@given(caption_lists(max_size=20), st.sampled_from(MODES), st.sampled_from(RATES))
def test_schedule_rules(captions: list[Caption], mode: str, rate: str) -> None:
    assume(all(c.end < 20 * 3_600_000 for c in captions))  # a day at most (see below)
    options = CaptionOptions(scc_mode=mode, scc_frame_rate=rate)
    schedule = schedule_captions(captions, options, missing=[])
    blocks = lint(scc(captions, scc_mode=mode, scc_frame_rate=rate), rate)
    assert [b.frame for b in blocks] == [b.frame for b in schedule.blocks]
    used = {b.frame + i for b in blocks for i in range(len(b.words))}
    for shown in schedule.shown:
        assert shown.on >= shown.wanted  # never early
        assert shown.off - shown.on >= MIN_SHOW
    for before, after in itertools.pairwise(schedule.shown):
        assert before.off <= after.on
        if after.on > after.wanted and mode == "pop_on":
            # delayed by the fewest frames: 15 frames after the one before, or every frame
            # from the previous EOC pair up to this EOC carries a pair (no room to load)
            busy = all(f in used for f in range(before.on + 2, after.on))
            assert after.on == before.on + MIN_SHOW or busy, (before, after)


def test_pop_on_loads_as_late_as_it_can_and_shows_at_the_eoc() -> None:
    captions = [Caption(5000, 7000, ("Hello",)), Caption(10_000, 12_000, ("there",))]
    blocks = parse(scc(captions), "29.97df")
    rate = FRAME_RATES["29.97df"]
    # load (RCL RCL ENM ENM PAC PAC TO TO + 3 text pairs = 11) ends just before the EOC line
    assert [(b.frame, b.words[:1]) for b in blocks] == [
        (150 - 11, ("9420",)), (150, ("942f",)), (rate.frame_at(7000), ("942c",)),
        (300 - 11, ("9420",)), (300, ("942f",)), (rate.frame_at(12_000), ("942c",)),
    ]  # fmt: skip
    assert blocks[1].words == ("942f", "942f")


def test_the_erase_is_left_out_when_the_next_caption_follows_within_a_few_frames() -> None:
    abutting = [Caption(5000, 7000, ("one",)), Caption(7100, 9000, ("two",))]
    words = [w for b in parse(scc(abutting), "29.97df") for w in b.words]
    assert words.count("942c") == 2  # only the last caption's EDM
    apart = [Caption(5000, 7000, ("one",)), Caption(8000, 9000, ("two",))]
    words = [w for b in parse(scc(apart), "29.97df") for w in b.words]
    assert words.count("942c") == 4


def test_a_caption_shorter_than_15_frames_is_merged_or_extended() -> None:
    merged = schedule_captions(
        [Caption(1000, 1100, ("Yes.",)), Caption(1100, 3000, ("and then", "more"))],
        CaptionOptions(),
    )
    assert [s.rows for s in merged.shown] == [("Yes.", "and then", "more")]
    extended = schedule_captions(
        [Caption(1000, 1100, ("a", "b", "c", "d")), Caption(1100, 3000, ("8 chars.",))],
        CaptionOptions(),
    )
    first, second = extended.shown  # 5 rows together: too many
    assert second.on == first.on + MIN_SHOW > second.wanted  # it waits: counted as delayed
    alone = schedule_captions([Caption(1000, 1100, ("Yes.",))], CaptionOptions())
    assert alone.shown[0].off - alone.shown[0].on == MIN_SHOW


def test_delayed_captions_are_counted_in_one_warning() -> None:
    with pytest.warns(LayoutWarning) as caught:
        render_captions(_dense(), "SCC", CaptionOptions())
    [message] = [str(w.message) for w in caught if w.category is LayoutWarning]
    assert message.startswith("SCC: ") and "shown later than their start" in message
    assert "no text was dropped" in message


def test_roll_up_and_paint_on_codes() -> None:
    captions = [Caption(2000, 4000, ("first row", "second row"))]
    roll = [b.words for b in parse(scc(captions, scc_mode="roll_up_3"), "29.97df")]
    assert roll[0] == ("9426", "9426")  # RU3, on its own line
    assert roll[1][:4] == ("94ad", "94ad", "9470", "9470")  # CR, then row 15 at column 0
    assert roll[2][:2] == ("94ad", "94ad") and roll[-1] == ("942c", "942c")
    paint = [b.words for b in parse(scc(captions, scc_mode="paint_on"), "29.97df")]
    assert paint[0] == ("9429", "9429")  # RDC
    assert paint[1][:2] == ("942c", "942c") and paint[1][2] == "9454"  # EDM, PAC row 14 indent 8


@pytest.mark.parametrize(
    ("name", "rcl"), [("CC1", "9420"), ("CC2", "1c20"), ("CC3", "1520"), ("CC4", "9d20")]
)
def test_channels(name: str, rcl: str) -> None:
    out = scc(TRICKY, scc_channel=name)
    lint(out, "29.97df")
    assert out.split("\t")[1].startswith(f"{rcl} {rcl}")


def test_a_document_longer_than_a_day_is_refused() -> None:
    with pytest.raises(OptionError) as caught:
        scc([Caption(1000, 2000, ("early",)), LATE])
    assert str(caught.value) == (
        "caption_format SCC: time codes end at 23:59:59;29, but the captions run to "
        "100:00:23,497; use another format for a document longer than a day"
    )


def test_empty_and_blank_captions() -> None:
    assert scc([]) == "Scenarist_SCC V1.0\n\n"
    assert scc([Caption(0, 1000, ("", " "))]) == "Scenarist_SCC V1.0\n\n"


# --- options and the command line ----------------------------------------------------


def test_scc_options() -> None:
    opts = CaptionOptions.from_query("scc_mode=paint-on&scc_frame_rate=30&scc_channel=cc2")
    assert (opts.scc_mode, opts.scc_frame_rate, opts.scc_channel) == ("paint_on", "30", "CC2")
    assert CaptionOptions(scc_mode="RollUp4", scc_frame_rate="NDF").scc_mode == "roll_up_4"
    with pytest.raises(OptionError, match="scc_mode: expected one of pop_on, roll_up_2"):
        CaptionOptions(scc_mode="roll_up_5")
    with pytest.raises(OptionError, match="scc_frame_rate"):
        CaptionOptions(scc_frame_rate="25")


def test_cli_prints_the_grid_warning_as_one_line(tmp_path: Path) -> None:
    out = tmp_path / "podcast.scc"
    done = run_cli(
        "caption", str(EXAMPLES / "podcast_v3.json"), "-f", "scc", "-o", str(out),
        "--characters-per-caption-line", "40", "--scc-frame-rate", "30",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stderr.decode().splitlines()
    assert lines[0] == (
        "elementlist: warning: characters_per_caption_line 40 is more than SCC allows; "
        "using 32 (CEA-608 rows hold 32 characters)"
    )
    assert all(line.startswith("elementlist: warning: ") for line in lines)
    lint(out.read_text(encoding="ascii"), "30")


@pytest.mark.samples
def test_cli_scc_of_the_real_example_in_every_mode(tmp_path: Path) -> None:
    for mode in MODES:
        done = run_cli("caption", str(REAL_EXAMPLE), "-f", "SCC", "--scc-mode", mode)
        assert done.returncode == 0, done.stderr
        lint(done.stdout.decode("ascii"), "29.97df")
        assert b"Traceback" not in done.stderr


def test_the_batch_writes_what_get_caption_writes(tmp_path: Path) -> None:
    from elementlist.batch import convert

    source = EXAMPLES / "podcast_v3.json"
    options = CaptionOptions(characters_per_caption_line=40)
    with pytest.warns(LayoutWarning) as caught:
        [row] = convert([source], tmp_path, ["scc", "srt"], options, jobs=1)
    assert row.status == "ok", row.error
    grid = [str(w.message) for w in caught if "characters_per_caption_line" in str(w.message)]
    assert len(grid) == 1  # once for the batch, not once per document
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        assert (tmp_path / "podcast_v3.scc").read_text() == el.get_caption(source, "SCC", options)
    # the other formats keep the 40 columns asked for
    assert (tmp_path / "podcast_v3.srt").read_text() == el.get_caption(source, "SRT", options)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_warnings_are_one_line_each_naming_the_input(tmp_path: Path, jobs: str) -> None:
    done = run_cli("batch", str(EXAMPLES), "-o", str(tmp_path / "out"), "-f", "scc", "-j", jobs)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.decode().splitlines()
    warned = [line for line in lines if line.startswith("elementlist: warning: ")]
    assert any(f"{EXAMPLES / 'podcast_v3.json'}: SCC: " in line for line in warned)
    assert lines[-1].startswith("elementlist: 2 converted, 0 failed")
    assert len(warned) == len(lines) - 1  # nothing in Python's own two-line form


def test_the_caption_command_names_scc_in_its_help() -> None:
    done = run_cli("caption", "--help")
    assert done.returncode == 0
    text = " ".join(done.stdout.decode().split())
    assert "SAMI, SCC, TRANSCRIPT" in text and "--scc-mode" in text
    listed = run_cli("formats")
    assert listed.returncode == 0
    assert any(line.split()[:1] == ["SCC"] and ".scc" in line
               for line in listed.stdout.decode().splitlines())  # fmt: skip
