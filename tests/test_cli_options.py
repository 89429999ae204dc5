"""The option flags every subcommand shares, ``elementlist options``, and usage errors, as
subprocesses: one spelling everywhere, booleans in three forms, two-line usage errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from batch_support import expected_text
from conftest import EXAMPLES, REAL_EXAMPLE, ROOT, run_cli

import elementlist as el
from elementlist.options import CaptionOptions, TranscriptOptions, split_caption_query
from elementlist.transcripts import get_transcript

PODCAST = EXAMPLES / "podcast_v3.json"
CAPTION_USAGE = (
    "usage: elementlist caption INPUT [-f FORMAT] [-o OUT] [--query QUERY] [--strict] "
    "[--OPTION VALUE ...]; see 'elementlist caption --help'"
)


# --- booleans: --NAME, --NAME VALUE, --NAME=VALUE, --no-NAME ------------------------------


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["--mask-profanity"], True),  # bare, and then the input: not taken as its value
        (["--mask-profanity", "true"], True),
        (["--mask-profanity", "Yes"], True),
        (["--mask-profanity=1"], True),
        (["--mask-profanity", "false"], False),
        (["--no-mask-profanity"], False),
        (["--mask-profanity", "--no-mask-profanity"], False),  # the last one wins
        (["--no-mask-profanity", "--mask-profanity"], True),
    ],
)
def test_a_boolean_flag_takes_three_forms(flags: list[str], expected: bool) -> None:
    done = run_cli("caption", *flags, str(REAL_EXAMPLE), "-f", "srt")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == el.get_caption(REAL_EXAMPLE, "SRT", mask_profanity=expected)


def test_no_form_of_a_true_default_and_in_transcript() -> None:
    done = run_cli("transcript", str(PODCAST), "--no-remove-disfluencies", "--no-create-paragraphs")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == get_transcript(
        PODCAST, remove_disfluencies=False, create_paragraphs=False
    )


def test_the_no_form_takes_no_value() -> None:
    done = run_cli("caption", str(PODCAST), "--no-mask-profanity=true")
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [
        CAPTION_USAGE,
        "elementlist caption: error: argument --no-mask-profanity: takes no value (got 'true')",
    ]


@pytest.mark.parametrize("command", ["caption", "transcript", "batch", "fetch", "options"])
def test_audio_description_is_the_same_flag_everywhere(command: str) -> None:
    done = run_cli(command, "--help")
    assert done.returncode == 0, done.stderr
    assert "--audio-description [true|false], --no-audio-description" in done.stdout.decode()


def test_batch_takes_option_flags_as_its_query_does(tmp_path: Path) -> None:
    by_flags = run_cli(
        "batch", str(PODCAST), "-o", str(tmp_path / "a"), "-f", "srt", "-f", "txt", "-j", "1",
        "--characters-per-caption-line", "20", "--no-remove-disfluencies",
        "--timecode-interval", "15000", "--audio-description",
    )  # fmt: skip
    assert by_flags.returncode == 0, by_flags.stderr
    by_query = run_cli(
        "batch", str(PODCAST), "-o", str(tmp_path / "b"), "-f", "srt", "-f", "txt", "-j", "1",
        "--query", "characters_per_caption_line=30&remove_disfluencies=false"
        "&timecode_interval=15000&audio_description=true",
        "--characters-per-caption-line", "20",  # flags win over the query
    )  # fmt: skip
    assert by_query.returncode == 0, by_query.stderr
    for name in ("podcast_v3.srt", "podcast_v3.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    options = CaptionOptions(
        characters_per_caption_line=20, remove_disfluencies=False, audio_description=True
    )
    srt = (tmp_path / "a" / "podcast_v3.srt").read_text()
    assert srt == expected_text(PODCAST, "srt", "podcast_v3", options)
    assert srt != expected_text(PODCAST, "srt", "podcast_v3")


# --- usage errors: the usage line and one line naming what is wrong ------------------------


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["caption", str(PODCAST), "--bogus"], "unrecognized arguments: --bogus"),
        (
            ["caption", str(PODCAST), "--lines-per-captoin", "3"],
            "unrecognized arguments: --lines-per-captoin 3 (did you mean --lines-per-caption?)",
        ),
        (["caption"], "the following arguments are required: INPUT"),
        (["caption", str(PODCAST), "--lines-per-caption"], "argument --lines-per-caption: "),
        (["caption", str(PODCAST), "-o"], "argument -o/--output: expected one argument"),
    ],
)
def test_a_usage_error_is_the_usage_line_and_one_line(args: list[str], error: str) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 2, lines
    assert lines[0] == CAPTION_USAGE
    assert lines[1].startswith("elementlist caption: error: " + error), lines[1]
    assert done.stdout == b""


@pytest.mark.parametrize(
    ("command", "given", "usage"),
    [
        ("transcript", ["x.json"], "usage: elementlist transcript INPUT [-f txt|html] [-o OUT]"),
        ("batch", ["x.json", "-o", "out"], "usage: elementlist batch INPUT... -o OUTDIR [-f "),
        ("validate", ["x.json"], "usage: elementlist validate FILE... [--json] [--strict]"),
        ("fetch", ["x.json"], "usage: elementlist fetch SOURCE [-o OUT] [--list]"),
        ("options", [], "usage: elementlist options [--query QUERY]"),
        ("formats", [], "usage: elementlist formats [--json]"),
        ("completion", ["bash"], "usage: elementlist completion {bash,zsh}"),
    ],
)
def test_every_subcommand_names_an_unknown_flag_with_its_own_usage(
    command: str, given: list[str], usage: str
) -> None:
    done = run_cli(command, *given, "--nope")
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(usage) and lines[0].endswith(f"; see 'elementlist {command} --help'")
    assert lines[1].startswith(f"elementlist {command}: error: unrecognized arguments: --nope")
    assert done.stdout == b""


# --- elementlist options ------------------------------------------------------------------


def options_of(*args: str) -> tuple[str, dict[str, object]]:
    done = run_cli("options", *args)
    assert done.returncode == 0, done.stderr
    query, _, body = done.stdout.decode().partition("\n")
    return query, json.loads(body)


def test_options_shows_what_a_pasted_query_and_flags_resolve_to() -> None:
    pasted = (
        "https://api.cielo24.com/api/v1/job/get_caption?v=1&api_token=secret&job_id=abc"
        "&caption_format=WEB_VTT&lines_per_caption=3&emit_speaker_change_token_as=--"
        "&remove_sounds_list=%5B%22MUSIC%22%5D&force_case=UPPER"
    )
    query, resolved = options_of(
        "--query", pasted, "--lines-per-caption", "1", "--no-mask-profanity"
    )
    expected = CaptionOptions(
        lines_per_caption=1,
        emit_speaker_change_tokens_as="--",
        remove_sounds_list=("MUSIC",),
        force_case="upper",
    )
    assert query == "caption_format=WEB_VTT&" + expected.to_query()
    assert "secret" not in query and "api_token" not in query
    fmt, back = split_caption_query(query)
    assert (fmt, back) == ("WEB_VTT", expected)
    assert resolved["caption_format"] == "WEB_VTT"
    assert resolved["lines_per_caption"] == 1
    assert resolved["remove_sounds_list"] == ["MUSIC"]
    assert resolved["sound_boundaries"] == ["[", "]"]
    assert resolved["maximum_caption_duration"] is None
    assert set(resolved) == {"caption_format", *CaptionOptions().as_dict()}


def test_options_defaults_all_format_and_json_only() -> None:
    query, resolved = options_of()
    assert query == ""
    assert resolved == json.loads(json.dumps(CaptionOptions().as_dict()))
    query, _ = options_of("--all", "-f", "vtt")
    assert query.startswith("caption_format=WEB_VTT&remove_sound_references=true&")
    assert CaptionOptions.from_query(query) == CaptionOptions()
    done = run_cli("options", "--json", "--qt-seamless")
    assert json.loads(done.stdout)["qt_seamless"] is True


def test_options_of_get_transcript() -> None:
    query, resolved = options_of(
        "--transcript", "--query", "timecode_format=%5B%25H%3A%25M%5D", "-f", "html"
    )
    expected = TranscriptOptions(timecode_format="[%H:%M]", file_format="html")
    assert TranscriptOptions.from_query(query) == expected
    assert resolved == json.loads(json.dumps(expected.as_dict()))


def test_options_refuses_the_other_calls_option_and_bad_values() -> None:
    done = run_cli("options", "--timecode-interval", "5")
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "elementlist: error: 'timecode_interval' is a get_transcript option; "
        "get_caption does not take it\n"
    )
    done = run_cli("options", "--query", "lines_per_caption=two")
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "elementlist: error: lines_per_caption: expected a whole number >= 1, got 'two'\n"
    )


@pytest.mark.parametrize("command", [["options"], ["formats"], ["caption", str(PODCAST)]])
def test_a_reader_that_goes_away_is_no_error(command: list[str]) -> None:
    """``elementlist ... | head``: the pipe closes before we write; nothing on stderr, and
    the status a shell gives a command stopped by SIGPIPE (128 + 13)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "elementlist", *command],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first write
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 128 + signal.SIGPIPE
    assert err == b""
