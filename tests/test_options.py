"""Option parsing: Python values, cielo24 wire strings, pasted query strings and CLI flags."""

from __future__ import annotations

import argparse
import dataclasses
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elementlist import CaptionOptions, OptionError, TranscriptOptions
from elementlist.cli.option_flags import add_option_flags, options_from_cli
from elementlist.cli.parser import CommandParser
from elementlist.options import (
    ALIASES,
    DEFAULT_SRT_FORMAT,
    SOUND_TAGS,
    OptionField,
    OptionSpec,
    canonical_name,
    fields_of,
    option,
    option_field,
    option_names,
    parse_option,
    parse_query,
    split_caption_query,
    split_options,
)
from elementlist.options.values import choice


def error_of(call: Any, *args: Any, **kwargs: Any) -> OptionError:
    with pytest.raises(OptionError) as info:
        call(*args, **kwargs)
    return info.value


# --- the contract: names and defaults ----------------------------------------------------


def test_caption_defaults_are_the_documented_ones() -> None:
    o = CaptionOptions()
    assert o.build_url is False
    assert o.caption_words_min == 1
    assert o.caption_by_sentence is True
    assert o.characters_per_caption_line == 42
    assert o.display_effects_speaker_as == "Effects"
    assert o.display_speaker_id == "name"
    assert o.emit_speaker_change_tokens_as == ">>"
    assert o.force_case == ""
    assert o.include_dfxp_metadata is True
    assert o.layout_target_caption_length_ms == 5000
    assert o.line_ending_format == "UNIX"
    assert o.lines_per_caption == 2
    assert o.maximum_caption_duration is None
    assert o.merge_gap_interval == 1000
    assert o.remove_disfluencies is True
    assert o.remove_sound_references is True
    assert o.remove_sounds_list == ()
    assert o.silence_max_ms == 2000
    assert o.single_speaker_per_caption is False
    assert o.sound_boundaries == ("[", "]")
    assert o.sound_tokens_by_caption_list == ("BLANK_AUDIO", "MUSIC")
    assert o.sound_tokens_by_line_list == ("BLANK_AUDIO", "MUSIC")
    assert o.speaker_on_new_line is True
    assert o.srt_format == DEFAULT_SRT_FORMAT
    assert o.replace_english_spelling == ""
    assert (o.scc_mode, o.scc_frame_rate, o.scc_channel) == ("pop_on", "29.97df", "CC1")
    assert o.maximum_characters_per_second is None  # ours, off: cielo24's behaviour
    assert o.maximum_words_per_minute is None  # ours, off
    assert o.caption_profile == ""  # ours, off
    assert len(option_names(CaptionOptions)) == 48


def test_transcript_defaults_are_the_documented_ones() -> None:
    o = TranscriptOptions()
    assert o.create_paragraphs is True
    assert o.newlines_after_paragraph == 2
    assert o.newlines_after_sentence == 0
    assert o.timecode_every_paragraph is True
    assert o.timecode_format == "[%H:%M:%S.%f]"
    assert o.timecode_interval == 0
    assert o.timecode_offset == 0
    assert o.file_format == "txt"
    assert len(option_names(TranscriptOptions)) == 20


def test_default_objects_are_equal_to_themselves_built_from_nothing() -> None:
    assert CaptionOptions.from_mapping({}) == CaptionOptions()
    assert TranscriptOptions.from_query("") == TranscriptOptions()


# --- booleans ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wire", ["true", "True", "TRUE", "1", "t", "T", "y", "Y", "yes", "Yes", " true ", True, 1]
)
def test_true_spellings(wire: Any) -> None:
    assert CaptionOptions.from_mapping({"mask_profanity": wire}).mask_profanity is True


@pytest.mark.parametrize("wire", ["false", "False", "FALSE", "0", "f", "n", "no", "NO", False, 0])
def test_false_spellings(wire: Any) -> None:
    assert CaptionOptions.from_mapping({"remove_disfluencies": wire}).remove_disfluencies is False


def test_bad_boolean_is_named_with_its_value() -> None:
    e = error_of(CaptionOptions.from_mapping, {"utf8_mark": "maybe"})
    assert str(e) == "utf8_mark: expected true or false, got 'maybe'"
    assert e.option == "utf8_mark"
    assert e.value == "maybe"
    assert str(error_of(CaptionOptions, utf8_mark=2)) == "utf8_mark: expected true or false, got 2"


def test_build_url_true_is_refused_false_is_fine() -> None:
    assert CaptionOptions.from_mapping({"build_url": "false"}).build_url is False
    e = error_of(CaptionOptions.from_query, "build_url=true&caption_format=SRT")
    assert str(e) == (
        "build_url=true has no meaning offline (it asks cielo24 for a link to a stored "
        "caption file); leave it false"
    )


# --- whole numbers -----------------------------------------------------------------------


def test_ints_from_strings_and_python() -> None:
    o = CaptionOptions.from_mapping(
        {"characters_per_caption_line": "32", "lines_per_caption": 3, "merge_gap_interval": " 0 "}
    )
    assert (o.characters_per_caption_line, o.lines_per_caption, o.merge_gap_interval) == (32, 3, 0)
    assert type(o.characters_per_caption_line) is int


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("lines_per_caption", "two", "lines_per_caption: expected a whole number >= 1, got 'two'"),
        ("lines_per_caption", "0", "lines_per_caption: expected a whole number >= 1, got '0'"),
        (
            "characters_per_caption_line",
            0,
            "characters_per_caption_line: expected a whole number >= 1, got 0",
        ),
        ("silence_max_ms", -5, "silence_max_ms: expected a whole number >= 0, got -5"),
        ("silence_max_ms", "1.5", "silence_max_ms: expected a whole number >= 0, got '1.5'"),
        ("caption_words_min", True, "caption_words_min: expected a whole number >= 0, got True"),
        (
            "merge_gap_interval",
            ["1", "2"],
            "merge_gap_interval: given 2 values ['1', '2']; expected one",
        ),
    ],
)
def test_bad_whole_numbers(name: str, value: Any, message: str) -> None:
    assert str(error_of(CaptionOptions.from_mapping, {name: value})) == message


@pytest.mark.parametrize("unset", ["", "none", "None", "NULL", None])
def test_optional_ints_take_unset(unset: Any) -> None:
    o = CaptionOptions.from_mapping(
        {
            "maximum_caption_duration": unset,
            "minimum_caption_length_ms": unset,
            "minimum_gap_between_captions_ms": unset,
            "sound_threshold": unset,
        }
    )
    assert o.maximum_caption_duration is None
    assert o.minimum_caption_length_ms is None
    assert o.minimum_gap_between_captions_ms is None
    assert o.sound_threshold is None


def test_optional_ints_take_numbers() -> None:
    o = CaptionOptions.from_query(
        "maximum_caption_duration=10000&minimum_caption_length_ms=1500"
        "&minimum_gap_between_captions_ms=100&sound_threshold=5000"
    )
    assert o.maximum_caption_duration == 10000
    assert o.minimum_caption_length_ms == 1500
    assert o.minimum_gap_between_captions_ms == 100
    assert o.sound_threshold == 5000
    e = error_of(CaptionOptions.from_mapping, {"sound_threshold": "soon"})
    assert str(e) == "sound_threshold: expected a whole number >= 0 or none, got 'soon'"


# --- lists of sound tags -------------------------------------------------------------------


@pytest.mark.parametrize(
    "wire",
    [
        '["MUSIC","LAUGH"]',  # Python/Java clients
        '["MUSIC", "LAUGH"]',  # .NET
        "MUSIC,LAUGH",
        "music, laugh",
        "['MUSIC', 'LAUGH']",
        "[MUSIC, LAUGH]",
        ["MUSIC", "LAUGH"],  # repeated keys
        ("music", "laugh"),
        ["MUSIC,LAUGH"],
    ],
)
def test_sound_tag_lists(wire: Any) -> None:
    o = CaptionOptions.from_mapping({"remove_sounds_list": wire})
    assert o.remove_sounds_list == ("MUSIC", "LAUGH")


@pytest.mark.parametrize("wire", ["[]", "", [], ()])
def test_empty_sound_tag_list(wire: Any) -> None:
    o = CaptionOptions.from_mapping({"sound_tokens_by_caption_list": wire})
    assert o.sound_tokens_by_caption_list == ()


def test_every_enumerated_tag_and_sound_are_accepted() -> None:
    o = CaptionOptions(sound_tokens_by_line_list=",".join(SOUND_TAGS))  # type: ignore[arg-type]
    assert o.sound_tokens_by_line_list == SOUND_TAGS
    assert "SOUND" in SOUND_TAGS


def test_unknown_sound_tag_gets_a_suggestion() -> None:
    e = error_of(TranscriptOptions.from_query, "remove_sounds_list=%5B%22MUSK%22%5D")
    assert str(e) == "remove_sounds_list: unknown sound tag 'MUSK' (did you mean 'MUSIC'?)"
    e = error_of(CaptionOptions.from_mapping, {"remove_sounds_list": [3]})
    assert str(e) == "remove_sounds_list: expected a list of sound tags, got [3]"


def test_repeated_tags_are_kept_once_in_order() -> None:
    o = CaptionOptions.from_query(
        "remove_sounds_list=NOISE&remove_sounds_list=MUSIC&remove_sounds_list=noise"
    )
    assert o.remove_sounds_list == ("NOISE", "MUSIC")


# --- the sound_boundaries tuple ------------------------------------------------------------


@pytest.mark.parametrize(
    "wire",
    [
        '("{","}")',  # Python client
        "('{','}')",  # Docs
        "({, })",  # .NET
        '["{","}"]',  # Java (Gson on char[])
        ["{", "}"],  # repeated keys (OpenAPI clients)
        ("{", "}"),
        "{}",
        "{,}",
        ['("{", "}")'],
    ],
)
def test_sound_boundaries_spellings(wire: Any) -> None:
    assert CaptionOptions.from_mapping({"sound_boundaries": wire}).sound_boundaries == ("{", "}")


def test_sound_boundaries_square_brackets_as_repeated_keys() -> None:
    o = TranscriptOptions.from_query("sound_boundaries=%5B&sound_boundaries=%5D")
    assert o.sound_boundaries == ("[", "]")
    o = CaptionOptions.from_query("sound_boundaries=([, ])")
    assert o.sound_boundaries == ("[", "]")


def test_bad_sound_boundaries() -> None:
    e = error_of(CaptionOptions.from_mapping, {"sound_boundaries": "([)"})
    assert str(e) == (
        'sound_boundaries: expected an opening and a closing string such as ("[","]"), got \'([)\''
    )
    with pytest.raises(OptionError):
        CaptionOptions(sound_boundaries=("[", "]", ")"))  # type: ignore[arg-type]


# --- enumerations ------------------------------------------------------------------------


def test_enums_are_case_insensitive_and_normalised() -> None:
    o = CaptionOptions.from_mapping(
        {
            "display_speaker_id": "NUMBER",
            "force_case": "Upper",
            "line_ending_format": "windows",
            "replace_english_spelling": "b",
        }
    )
    assert o.display_speaker_id == "number"
    assert o.force_case == "upper"
    assert o.line_ending_format == "WINDOWS"
    assert o.replace_english_spelling == "B"
    assert CaptionOptions(force_case="UNCHANGED").force_case == ""
    assert CaptionOptions(force_case="lower").force_case == "lower"
    assert CaptionOptions(line_ending_format="osx").line_ending_format == "OSX"
    assert TranscriptOptions(replace_english_spelling="Canadian").replace_english_spelling == "C"
    assert TranscriptOptions(file_format="HTML").file_format == "html"


def test_bad_enums() -> None:
    e = error_of(CaptionOptions.from_mapping, {"display_speaker_id": "initials"})
    assert str(e) == "display_speaker_id: expected one of no, number, name, got 'initials'"
    e = error_of(CaptionOptions.from_mapping, {"replace_english_spelling": "X"})
    assert str(e) == "replace_english_spelling: expected one of '', A, B, Z, U, C, got 'X'"
    e = error_of(CaptionOptions.from_mapping, {"line_ending_format": "MAC"})
    assert str(e) == "line_ending_format: expected one of UNIX, WINDOWS, OSX, got 'MAC'"


def test_pdf_is_refused_with_the_reason() -> None:
    e = error_of(TranscriptOptions.from_query, "file_format=PDF")
    assert str(e) == "file_format=pdf is not supported offline (cielo24 lists it as coming soon)"
    e = error_of(TranscriptOptions.from_mapping, {"file_format": "docx"})
    assert str(e) == "file_format: expected one of txt, html, got 'docx'"


# --- templates -----------------------------------------------------------------------------


def test_srt_format_literal_backslash_n_becomes_a_newline() -> None:
    o = CaptionOptions.from_query(
        "srt_format=%7Bcaption_number%3Ad%7D%5Cn%7Bcaption_text%7D%5Cn%5Cn"
    )
    assert o.srt_format == "{caption_number:d}\n{caption_text}\n\n"


def test_srt_format_unknown_placeholder() -> None:
    e = error_of(CaptionOptions.from_mapping, {"srt_format": "{caption_number}: {speaker}"})
    assert str(e) == (
        "srt_format: unknown placeholder {speaker} (known: caption_number, start_hour, "
        "start_minute, start_second, start_millisecond, end_hour, end_minute, end_second, "
        "end_millisecond, caption_text), got '{caption_number}: {speaker}'"
    )
    e = error_of(CaptionOptions.from_mapping, {"srt_format": "{caption_text"})
    assert str(e).startswith("srt_format: not a usable template (")


def test_timecode_format_fields() -> None:
    assert TranscriptOptions(timecode_format="[%H:%M:%S]").timecode_format == "[%H:%M:%S]"
    assert TranscriptOptions(timecode_format="%%%H").timecode_format == "%%%H"
    e = error_of(TranscriptOptions.from_mapping, {"timecode_format": "%H:%M:%X"})
    assert str(e) == "timecode_format: unknown field %X (known: %H %M %S %f %%), got '%H:%M:%X'"


def test_text_options() -> None:
    o = CaptionOptions.from_mapping(
        {"display_effects_speaker_as": "Sound", "dfxp_header": "<head></head>", "iwp_name": "FINAL"}
    )
    assert (o.display_effects_speaker_as, o.dfxp_header, o.iwp_name) == (
        "Sound",
        "<head></head>",
        "FINAL",
    )
    e = error_of(CaptionOptions.from_mapping, {"emit_speaker_change_tokens_as": 5})
    assert str(e) == "emit_speaker_change_tokens_as: expected text, got 5"
    e = error_of(CaptionOptions.from_mapping, {"display_effects_speaker_as": "a\nb"})
    assert str(e) == "display_effects_speaker_as: expected one line of text, got 'a\\nb'"


# --- names -------------------------------------------------------------------------------


def test_singular_alias_of_the_2015_clients() -> None:
    o = CaptionOptions.from_query("emit_speaker_change_token_as=--")
    assert o.emit_speaker_change_tokens_as == "--"
    o = TranscriptOptions.from_mapping({"emit_speaker_change_token_as": "-->"})
    assert o.emit_speaker_change_tokens_as == "-->"
    assert (
        CaptionOptions().with_values(emit_speaker_change_token_as="#").emit_speaker_change_tokens_as
        == "#"
    )


def test_alias_and_name_given_differently_is_an_error() -> None:
    e = error_of(
        CaptionOptions.from_mapping,
        {"emit_speaker_change_tokens_as": ">>", "emit_speaker_change_token_as": "--"},
    )
    assert str(e) == (
        "emit_speaker_change_tokens_as: given twice, as emit_speaker_change_tokens_as='>>' "
        "and emit_speaker_change_token_as='--'"
    )


def test_unknown_option_gets_a_suggestion() -> None:
    e = error_of(CaptionOptions.from_mapping, {"lines_per_captions": 3})
    assert str(e) == "unknown option 'lines_per_captions' (did you mean 'lines_per_caption'?)"
    assert e.option == "lines_per_captions"
    e = error_of(CaptionOptions.from_mapping, {"emit_speaker_change_token_ass": "x"})
    assert str(e) == (
        "unknown option 'emit_speaker_change_token_ass' "
        "(did you mean 'emit_speaker_change_tokens_as'?)"
    )
    e = error_of(CaptionOptions.from_mapping, {"colour": "red"})
    assert str(e) == "unknown option 'colour'"


def test_option_of_the_other_call_is_named_as_such() -> None:
    e = error_of(TranscriptOptions.from_mapping, {"characters_per_caption_line": 30})
    assert str(e) == (
        "'characters_per_caption_line' is a get_caption option; get_transcript does not take it"
    )
    e = error_of(CaptionOptions.from_query, "timecode_format=%5B%25H%5D")
    assert str(e) == "'timecode_format' is a get_transcript option; get_caption does not take it"


def test_request_parameters_are_ignored() -> None:
    o = CaptionOptions.from_mapping({"v": "1", "api_token": "abc", "job_id": "123"})
    assert o == CaptionOptions()


def test_parse_option_by_name() -> None:
    assert parse_option("qt_seamless", "True") is True
    assert parse_option("emit_speaker_change_token_as", "--") == "--"
    assert str(error_of(parse_option, "qt_seamles", "1")) == (
        "unknown option 'qt_seamles' (did you mean 'qt_seamless'?)"
    )


# --- query strings -------------------------------------------------------------------------

PASTED = (
    "https://api.cielo24.com/api/v1/job/get_caption?v=1&api_token=7ca5dc5c7cce449fb0fff719307e8f5f"
    "&job_id=ed5e9a6e4c1f4eb5b9d0d7b3b5c2a4f1&caption_format=SRT"
    "&characters_per_caption_line=32&lines_per_caption=3"
    "&remove_sounds_list=%5B%22MUSIC%22%2C%22LAUGH%22%5D&remove_sound_references=False"
    "&sound_boundaries=%28%27%7B%27%2C%27%7D%27%29&display_speaker_id=number"
    "&emit_speaker_change_token_as=--&display_effects_speaker_as=Sound+effects"
    "&force_case=upper&minimum_caption_length_ms=&maximum_caption_duration=10000"
)


def test_pasted_get_caption_url() -> None:
    caption_format, o = split_caption_query(PASTED)
    assert caption_format == "SRT"
    assert o == CaptionOptions(
        characters_per_caption_line=32,
        lines_per_caption=3,
        remove_sounds_list=("MUSIC", "LAUGH"),
        remove_sound_references=False,
        sound_boundaries=("{", "}"),
        display_speaker_id="number",
        emit_speaker_change_tokens_as="--",
        display_effects_speaker_as="Sound effects",
        force_case="upper",
        maximum_caption_duration=10000,
    )
    assert CaptionOptions.from_query(PASTED) == o


def test_query_forms() -> None:
    assert split_caption_query("?caption_format=WEB_VTT")[0] == "WEB_VTT"
    assert split_caption_query("lines_per_caption=1")[0] is None
    assert CaptionOptions.from_query("?lines_per_caption=1").lines_per_caption == 1
    assert CaptionOptions.from_query("lines_per_caption=1#frag").lines_per_caption == 1
    assert CaptionOptions.from_query("https://api.cielo24.com/api/v1/job/get_caption") == (
        CaptionOptions()
    )
    assert parse_query("a=1&b=2&a=3&v=1") == {"a": ["1", "3"], "b": "2"}
    e = error_of(split_caption_query, "caption_format=SRT&caption_format=DFXP")
    assert str(e) == "caption_format: given 2 times ('SRT', 'DFXP'); expected one"


def test_transcript_query_rejects_caption_format() -> None:
    o = TranscriptOptions.from_query(
        "https://api.cielo24.com/api/v1/job/get_transcript?v=1&api_token=x&job_id=y"
        "&create_paragraphs=false&timecode_format=%5B%25H%3A%25M%3A%25S%5D&newlines_after_sentence=1"
    )
    assert o == TranscriptOptions(
        create_paragraphs=False, timecode_format="[%H:%M:%S]", newlines_after_sentence=1
    )
    e = error_of(TranscriptOptions.from_query, "caption_format=SRT")
    assert str(e) == "unknown option 'caption_format'"


# --- copying, construction, pickling --------------------------------------------------------


def test_with_values_returns_a_new_validated_object() -> None:
    o = CaptionOptions()
    p = o.with_values(lines_per_caption="3", force_case="LOWER")
    assert (p.lines_per_caption, p.force_case) == (3, "lower")
    assert o.lines_per_caption == 2
    e = error_of(o.with_values, lines_per_caption="many")
    assert str(e) == "lines_per_caption: expected a whole number >= 1, got 'many'"
    e = error_of(o.with_values, line_per_caption=3)
    assert str(e) == "unknown option 'line_per_caption' (did you mean 'lines_per_caption'?)"


def test_direct_construction_is_validated_and_normalised() -> None:
    o = CaptionOptions(remove_sounds_list=["music"])  # type: ignore[arg-type]
    assert o.remove_sounds_list == ("MUSIC",)
    assert hash(o) == hash(CaptionOptions(remove_sounds_list=("MUSIC",)))
    with pytest.raises(OptionError):
        CaptionOptions(lines_per_caption=0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        o.lines_per_caption = 3  # type: ignore[misc]


def test_options_and_errors_pickle() -> None:
    o = CaptionOptions(force_case="upper", remove_sounds_list=("MUSIC",))
    assert pickle.loads(pickle.dumps(o)) == o
    e = error_of(CaptionOptions.from_mapping, {"lines_per_caption": "two"})
    back = pickle.loads(pickle.dumps(e))
    assert (str(back), back.option, back.value) == (str(e), "lines_per_caption", "two")


# --- CLI flags -----------------------------------------------------------------------------


def caption_parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="caption")
    parser.add_argument("input")
    parser.add_argument("--query")
    add_option_flags(parser, CaptionOptions)
    return parser


def test_every_option_has_a_flag_defaulting_to_none() -> None:
    parser = caption_parser()
    args = parser.parse_args(["in.json"])
    for name in option_names(CaptionOptions):
        assert getattr(args, "option_" + name) is None
    assert options_from_cli(args, CaptionOptions) == CaptionOptions()
    help_text = parser.format_help()
    assert "--characters-per-caption-line N" in help_text
    assert "--emit-speaker-change-token-as" in help_text


def test_flags_take_wire_values() -> None:
    args = caption_parser().parse_args(
        [
            "in.json",
            "--characters-per-caption-line",
            "32",
            "--remove-disfluencies",
            "false",
            "--remove-sounds-list",
            "MUSIC",
            "--remove-sounds-list",
            "LAUGH",
            "--sound-boundaries",
            "{",
            "--sound-boundaries",
            "}",
            "--emit-speaker-change-token-as=--",  # a value starting with "-" needs "="
            "--maximum-caption-duration",
            "none",
        ]
    )
    o = options_from_cli(args, CaptionOptions)
    assert o.characters_per_caption_line == 32
    assert o.remove_disfluencies is False
    assert o.remove_sounds_list == ("MUSIC", "LAUGH")
    assert o.sound_boundaries == ("{", "}")
    assert o.emit_speaker_change_tokens_as == "--"
    assert o.maximum_caption_duration is None


def test_flags_win_over_the_query_which_wins_over_defaults() -> None:
    args = caption_parser().parse_args(["in.json", "--lines-per-caption", "1"])
    query = "caption_format=SRT&lines_per_caption=3&characters_per_caption_line=30"
    o = options_from_cli(args, CaptionOptions, query)
    assert o.lines_per_caption == 1
    assert o.characters_per_caption_line == 30
    assert o.merge_gap_interval == 1000
    args = caption_parser().parse_args(["in.json", "--emit-speaker-change-tokens-as", "#"])
    o = options_from_cli(args, CaptionOptions, "emit_speaker_change_token_as=--")
    assert o.emit_speaker_change_tokens_as == "#"


def test_bad_flag_value_names_the_option() -> None:
    args = caption_parser().parse_args(["in.json", "--lines-per-caption", "two"])
    e = error_of(options_from_cli, args, CaptionOptions)
    assert str(e) == "lines_per_caption: expected a whole number >= 1, got 'two'"


def test_transcript_flags() -> None:
    parser = CommandParser(prog="transcript")
    add_option_flags(parser, TranscriptOptions)
    args = parser.parse_args(["--file-format", "html", "--timecode-format", "[%H:%M]"])
    o = options_from_cli(args, TranscriptOptions, "?create_paragraphs=0")
    assert (o.file_format, o.timecode_format, o.create_paragraphs) == ("html", "[%H:%M]", False)
    assert "--characters-per-caption-line" not in parser.format_help()


def test_every_option_has_an_entry_in_the_docs() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "options.md").read_text(encoding="utf-8")
    headings = {line[4:].strip() for line in docs.splitlines() if line.startswith("### ")}
    names = set(option_names(CaptionOptions)) | set(option_names(TranscriptOptions))
    assert names == headings


# One non-default wire value per option: parsing must change exactly that field.
WIRE_VALUES = {
    "audio_description": ("true", True),
    "mixed": ("True", True),
    "caption_words_min": ("3", 3),
    "caption_by_sentence": ("false", False),
    "characters_per_caption_line": ("30", 30),
    "dfxp_header": ("<head></head>", "<head></head>"),
    "disallow_dangling": ("1", True),
    "display_effects_speaker_as": ("Sound", "Sound"),
    "display_speaker_id": ("number", "number"),
    "iwp_name": ("MECHANICAL", "MECHANICAL"),
    "elementlist_version": ("2014-07-31T12:35:52Z", "2014-07-31T12:35:52Z"),
    "emit_speaker_change_tokens_as": ("--", "--"),
    "force_case": ("upper", "upper"),
    "include_dfxp_metadata": ("false", False),
    "layout_target_caption_length_ms": ("4000", 4000),
    "line_break_on_sentence": ("true", True),
    "line_ending_format": ("WINDOWS", "WINDOWS"),
    "lines_per_caption": ("3", 3),
    "mask_profanity": ("true", True),
    "maximum_caption_duration": ("10000", 10000),
    "maximum_characters_per_second": ("17", 17),
    "maximum_words_per_minute": ("180", 180),
    "caption_profile": ("NETFLIX-EN", "netflix-en"),
    "merge_gap_interval": ("1500", 1500),
    "minimum_caption_length_ms": ("1500", 1500),
    "minimum_gap_between_captions_ms": ("100", 100),
    "qt_seamless": ("true", True),
    "remove_disfluencies": ("false", False),
    "remove_sounds_list": ('["MUSIC","LAUGH"]', ("MUSIC", "LAUGH")),
    "remove_sound_references": ("false", False),
    "replace_slang": ("true", True),
    "silence_max_ms": ("1000", 1000),
    "single_speaker_per_caption": ("true", True),
    "sound_boundaries": ("('{','}')", ("{", "}")),
    "sound_threshold": ("5000", 5000),
    "sound_tokens_by_caption": ("true", True),
    "sound_tokens_by_line": ("true", True),
    "sound_tokens_by_caption_list": ("[]", ()),
    "sound_tokens_by_line_list": ('["NOISE"]', ("NOISE",)),
    "speaker_on_new_line": ("false", False),
    "srt_format": (
        "{caption_number:d}\\n{caption_text}\\n\\n",
        "{caption_number:d}\n{caption_text}\n\n",
    ),
    "strip_square_brackets": ("true", True),
    "utf8_mark": ("true", True),
    "replace_english_spelling": ("B", "B"),
    "scc_mode": ("Roll-Up-2", "roll_up_2"),
    "scc_frame_rate": ("29.97NDF", "29.97ndf"),
    "scc_channel": ("cc3", "CC3"),
    "create_paragraphs": ("false", False),
    "newlines_after_paragraph": ("3", 3),
    "newlines_after_sentence": ("1", 1),
    "timecode_every_paragraph": ("false", False),
    "timecode_format": ("[%H:%M:%S]", "[%H:%M:%S]"),
    "timecode_interval": ("100", 100),
    "timecode_offset": ("200", 200),
    "file_format": ("html", "html"),
}


@pytest.mark.parametrize("options_class", [CaptionOptions, TranscriptOptions])
def test_every_option_is_read_from_its_wire_form(options_class: Any) -> None:
    default = options_class()
    for name in option_names(options_class):
        if name == "build_url":
            continue
        wire, expected = WIRE_VALUES[name]
        parsed = options_class.from_query(f"{name}={quote(wire)}")
        assert getattr(parsed, name) == expected != getattr(default, name), name
        assert parsed == dataclasses.replace(default, **{name: expected}), name


# --- each option stated once, on its field ---------------------------------------------------


def test_every_option_field_carries_its_spec() -> None:
    for options_class in (CaptionOptions, TranscriptOptions):
        for field in fields_of(options_class):
            spec = field.spec
            assert isinstance(spec, OptionSpec), field.name
            assert spec.help and "\n" not in spec.help, field.name
            assert spec.origin in ("cielo24", "elementlist"), field.name
            assert spec.shown_metavar, field.name
            assert spec.kind.parse(field.name, field.default) == field.default, field.name


def test_the_options_both_calls_take_are_one_definition() -> None:
    caption = {f.name: f for f in fields_of(CaptionOptions)}
    transcript = {f.name: f for f in fields_of(TranscriptOptions)}
    shared = caption.keys() & transcript.keys()
    assert shared == {
        "remove_sound_references", "remove_sounds_list", "remove_disfluencies", "replace_slang",
        "replace_english_spelling", "mask_profanity", "sound_boundaries",
        "emit_speaker_change_tokens_as", "audio_description", "mixed", "elementlist_version",
        "iwp_name",
    }  # fmt: skip
    for name in shared:
        assert caption[name].spec is transcript[name].spec, name  # the same field, inherited
        assert caption[name].default == transcript[name].default


def test_option_names_in_any_spelling_have_one_reading() -> None:
    assert canonical_name(" Lines-Per-Caption ") == "lines_per_caption"
    assert canonical_name("EMIT-speaker-change-token-as") == "emit_speaker_change_tokens_as"
    assert ALIASES == {"emit_speaker_change_token_as": "emit_speaker_change_tokens_as"}
    o = CaptionOptions.from_query("Lines-Per-Caption=1&Caption-Format=SRT")
    assert o.lines_per_caption == 1
    assert split_caption_query("Caption_Format=DFXP&lines_per_caption=3")[0] == "DFXP"
    e = error_of(split_caption_query, "caption_format=SRT&Caption-Format=DFXP")
    assert str(e) == "caption_format: given twice, as caption_format and Caption-Format"
    assert option_field("Emit-Speaker-Change-Token-As").name == "emit_speaker_change_tokens_as"


def test_split_options_gives_each_name_to_every_call_that_takes_it() -> None:
    captions, transcripts = split_options(
        {"Remove-Disfluencies": "false", "lines_per_caption": "1", "timecode_offset": "5"}
    )
    assert captions == CaptionOptions(remove_disfluencies=False, lines_per_caption=1)
    assert transcripts == TranscriptOptions(remove_disfluencies=False, timecode_offset=5)
    e = error_of(split_options, {"colour": "red"})
    assert str(e) == "unknown option 'colour': not a get_caption or get_transcript option"
    assert split_options({"file_format": "html"}, ignore=("file_format",))[1] == TranscriptOptions()


def test_a_new_option_is_one_field() -> None:
    """What the SCC and importer work will do: one field, and every reader and writer of
    options knows it (from_query, to_query, the CLI flag)."""

    @dataclass(frozen=True, slots=True, kw_only=True)
    class WithFrameRate(CaptionOptions):
        scc_frame_rate: str = option(
            "29.97", choice(("29.97", "30")), "SCC: the frame rate", origin="elementlist"
        )

    o = WithFrameRate.from_query("scc_frame_rate=30&lines_per_caption=1")
    assert (o.scc_frame_rate, o.lines_per_caption) == ("30", 1)
    assert o.to_query() == "lines_per_caption=1&scc_frame_rate=30"
    assert WithFrameRate.from_query(o.to_query()) == o
    assert str(error_of(WithFrameRate, scc_frame_rate="25")) == (
        "scc_frame_rate: expected one of 29.97, 30, got '25'"
    )
    parser = CommandParser(prog="caption")
    add_option_flags(parser, WithFrameRate)
    assert "--scc-frame-rate 29.97|30" in parser.format_help()
    assert "(elementlist's own)" in parser.format_help()
    args = parser.parse_args(["--scc-frame-rate", "30"])
    assert options_from_cli(args, WithFrameRate).scc_frame_rate == "30"


# --- to_query: options → a query string that reads back to the same options ----------------


def test_to_query_writes_the_values_that_differ_from_the_defaults() -> None:
    assert CaptionOptions().to_query() == ""
    o = CaptionOptions(
        lines_per_caption=1,
        remove_sounds_list=("MUSIC", "LAUGH"),
        sound_boundaries=("{", "}"),
        srt_format="{caption_number:d}\n{caption_text}\n\n",
        force_case="upper",
    )
    assert o.to_query() == (
        "remove_sounds_list=%5B%22MUSIC%22,%22LAUGH%22%5D"
        "&sound_boundaries=%28%22%7B%22,%22%7D%22%29&force_case=upper&lines_per_caption=1"
        "&srt_format=%7Bcaption_number:d%7D%5Cn%7Bcaption_text%7D%5Cn%5Cn"
    )
    assert parse_query(o.to_query())["remove_sounds_list"] == '["MUSIC","LAUGH"]'
    assert parse_query(o.to_query())["sound_boundaries"] == '("{","}")'
    assert CaptionOptions.from_query(o.to_query()) == o
    everything = CaptionOptions().to_query(include_defaults=True)
    assert [pair.split("=")[0] for pair in everything.split("&")] == list(
        option_names(CaptionOptions)
    )
    assert TranscriptOptions(file_format="html").to_query() == "file_format=html"


def test_to_query_keeps_awkward_text_and_unset_values() -> None:
    o = CaptionOptions(
        sound_boundaries=("a,b", ""),  # a comma: written as repeated keys
        emit_speaker_change_tokens_as="&=?#%+ ü",
        maximum_caption_duration=None,
        display_effects_speaker_as="http://x/y?z",
    )
    assert "sound_boundaries=a,b&sound_boundaries=&" in o.to_query()
    assert CaptionOptions.from_query(o.to_query()) == o
    assert CaptionOptions.from_query("?" + o.to_query(include_defaults=True)) == o


def _values(field: OptionField) -> st.SearchStrategy[Any]:
    """Values each kind of option takes (those its parser accepts)."""
    kind = field.spec.kind

    def accepted(value: Any) -> bool:
        try:
            kind.parse(field.name, value)
        except OptionError:
            return False
        return True

    text = st.text(st.characters(codec="utf-8"), max_size=12)
    if kind.boolean:
        return st.booleans() if field.name != "build_url" else st.just(False)
    if kind.repeatable and field.name == "sound_boundaries":
        return st.tuples(text, text).filter(accepted)
    if kind.repeatable:
        return st.lists(st.sampled_from(SOUND_TAGS), unique=True, max_size=4).map(tuple)
    if kind.metavar.startswith("N"):
        numbers = st.integers(min_value=0, max_value=10**7)
        return (st.none() | numbers if "none" in kind.metavar else numbers).filter(accepted)
    if field.name == "srt_format":
        return st.sampled_from(
            [DEFAULT_SRT_FORMAT, "{caption_text}\n", "#{caption_number:03d}\r\n"]
        )
    if field.name == "timecode_format":
        return st.text(st.sampled_from("%HMSf[]:. x"), max_size=10).filter(accepted)
    if "|" in kind.metavar:
        words = ["", "no", "number", "name", "upper", "lower", "UNIX", "WINDOWS", "OSX", "A",
                 "B", "Z", "U", "C", "txt", "html", "pop_on", "roll_up_3", "paint_on",
                 "29.97df", "29.97ndf", "30", "CC1", "CC4"]  # fmt: skip
        return st.sampled_from([w for w in words if accepted(w)]).map(
            lambda w: kind.parse(field.name, w)
        )
    return text.filter(accepted)


@pytest.mark.parametrize("options_class", [CaptionOptions, TranscriptOptions])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_to_query_reads_back_to_an_equal_object(options_class: Any, data: st.DataObject) -> None:
    chosen = data.draw(st.sets(st.sampled_from(option_names(options_class))))
    values = {
        f.name: data.draw(_values(f), label=f.name)
        for f in fields_of(options_class)
        if f.name in chosen
    }
    o = options_class(**values)
    query = o.to_query()
    assert options_class.from_query(query) == o
    assert options_class.from_query(o.to_query(include_defaults=True)) == o
    written = {pair.split("=")[0] for pair in query.split("&") if pair}
    differ = {f.name for f in fields_of(options_class) if getattr(o, f.name) != f.default}
    assert written == differ
