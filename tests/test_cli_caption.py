from __future__ import annotations

import html
import json
from pathlib import Path

import srt
import webvtt
from conftest import EXAMPLES, REAL_EXAMPLE, run_cli

import elementlist as el

PODCAST = EXAMPLES / "podcast_v3.json"


def test_srt_to_stdout_matches_the_library() -> None:
    r = run_cli("caption", str(PODCAST))
    assert r.returncode == 0, r.stderr
    assert r.stderr == b""
    assert r.stdout.decode() == el.get_caption(PODCAST, "SRT")
    assert len(list(srt.parse(r.stdout.decode()))) > 20


def test_output_file_format_flag_and_option_flags(tmp_path: Path) -> None:
    out = tmp_path / "podcast.vtt"
    r = run_cli(
        "caption",
        str(PODCAST),
        "-f",
        "vtt",
        "-o",
        str(out),
        "--characters-per-caption-line",
        "32",
        "--lines-per-caption",
        "1",
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == b""
    cues = webvtt.read(str(out))
    assert all(len(html.unescape(c.text)) <= 32 and "\n" not in c.text for c in cues)
    assert out.read_text() == el.get_caption(
        PODCAST, "WEB_VTT", characters_per_caption_line=32, lines_per_caption=1
    )


def test_pasted_query_and_flags_win(tmp_path: Path) -> None:
    query = (
        "https://api.cielo24.com/api/v1/job/get_caption?v=1&api_token=abc&job_id=123"
        "&caption_format=DFXP&force_case=upper&remove_sound_references=false"
    )
    r = run_cli("caption", str(PODCAST), "--query", query)
    assert r.returncode == 0, r.stderr
    text = r.stdout.decode()
    assert text.startswith("<?xml") and "KITCHEN" in text and "[MUSIC]" in text
    r = run_cli("caption", str(PODCAST), "--query", query, "-f", "srt", "--force-case", "lower")
    assert r.returncode == 0 and "welcome back" in r.stdout.decode()


def test_stdin_input_and_windows_line_endings() -> None:
    r = run_cli(
        "caption",
        "-",
        "-f",
        "sbv",
        "--line-ending-format",
        "WINDOWS",
        "--utf8-mark",
        "true",
        stdin=PODCAST.read_bytes(),
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in r.stdout and b"\n" not in r.stdout.replace(b"\r\n", b"")


def test_bad_option_value_is_one_line_exit_2_and_no_output(tmp_path: Path) -> None:
    out = tmp_path / "x.srt"
    r = run_cli("caption", str(PODCAST), "-o", str(out), "--lines-per-caption", "two")
    assert r.returncode == 2
    assert r.stderr.decode() == (
        "elementlist: error: lines_per_caption: expected a whole number >= 1, got 'two'\n"
    )
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_refused_and_unknown_formats() -> None:
    r = run_cli("caption", str(PODCAST), "-f", "ECHO")
    assert r.returncode == 2
    assert r.stderr.decode().strip() == (
        "elementlist: error: caption_format 'ECHO' is refused: cielo24 documents no layout "
        "for ECHO output"
    )
    r = run_cli("caption", str(PODCAST), "-f", "webvt")
    assert r.returncode == 2 and b"did you mean WEB_VTT?" in r.stderr
    r = run_cli("caption", str(PODCAST), "--build-url", "true")
    assert r.returncode == 2 and b"build_url" in r.stderr and b"offline" in r.stderr


def test_violations_warn_and_strict_refuses(tmp_path: Path) -> None:
    r = run_cli("caption", str(REAL_EXAMPLE), "-f", "srt")
    assert r.returncode == 0
    assert r.stderr.decode() == (
        f"elementlist: warning: {REAL_EXAMPLE}: 0 error(s), 4 warning(s) (see 'elementlist "
        "validate'); rendered anyway\n"
    )
    out = tmp_path / "real.srt"
    r = run_cli("caption", str(REAL_EXAMPLE), "-o", str(out), "--strict")
    assert r.returncode == 1
    assert r.stderr.decode().splitlines()[-1] == (
        f"elementlist: error: {REAL_EXAMPLE}: 0 error(s), 4 warning(s); not rendered (--strict)"
    )
    assert not out.exists()


def test_document_with_errors_still_renders(tmp_path: Path) -> None:
    d = json.loads(PODCAST.read_bytes())
    seq = d["segments"][2]["sequences"][1]
    seq["tokens"][0]["end_time"] = seq["tokens"][0]["start_time"]  # a zero-length word
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(d))
    r = run_cli("caption", str(bad))
    assert r.returncode == 0
    assert b"1 error(s)" in r.stderr
    word = seq["tokens"][0]["display_as"]
    assert word in r.stdout.decode()


def test_not_an_elementlist_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 3, "segments": [{"start_time": 0}]}')
    out = tmp_path / "o.srt"
    r = run_cli("caption", str(bad), "-o", str(out))
    assert r.returncode == 2
    assert r.stderr.decode() == (
        f"elementlist: error: {bad}: missing required field 'end_time' - at $.segments[0]\n"
    )
    assert not out.exists()


def test_help_lists_every_option_flag() -> None:
    r = run_cli("caption", "--help")
    assert r.returncode == 0
    text = r.stdout.decode()
    for name in el.CaptionOptions.__dataclass_fields__:
        assert "--" + name.replace("_", "-") in text, name
