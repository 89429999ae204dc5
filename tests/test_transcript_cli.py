"""``elementlist transcript`` as a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, REAL_EXAMPLE, run_cli

from elementlist.transcripts import get_transcript

PODCAST = EXAMPLES / "podcast_v3.json"


def test_writes_the_transcript_to_stdout() -> None:
    done = run_cli("transcript", str(PODCAST))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == get_transcript(PODCAST)
    assert done.stderr == b""


def test_writes_the_output_file(tmp_path: Path) -> None:
    out = tmp_path / "podcast.html"
    done = run_cli("transcript", str(PODCAST), "-o", str(out), "--file-format", "html")
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert out.read_text(encoding="utf-8") == get_transcript(PODCAST, file_format="html")
    assert "<title>podcast_v3</title>" in out.read_text(encoding="utf-8")


def test_option_flags(tmp_path: Path) -> None:
    done = run_cli(
        "transcript", str(REAL_EXAMPLE),
        "--create-paragraphs", "false", "--timecode-interval", "30000",
        "--timecode-format", "[%H:%M:%S]", "--remove-sound-references", "False",
        "--remove-sounds-list", "MUSIC", "--emit-speaker-change-token-as=--",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    expected = get_transcript(
        REAL_EXAMPLE, create_paragraphs=False, timecode_interval=30000,
        timecode_format="[%H:%M:%S]", remove_sound_references=False, remove_sounds_list=["MUSIC"],
        emit_speaker_change_tokens_as="--",
    )  # fmt: skip
    assert done.stdout.decode("utf-8") == expected
    assert "-- Tim:" in expected


def test_a_pasted_query_with_flags_winning() -> None:
    query = (
        "https://api.cielo24.com/api/v1/job/get_transcript?v=1&api_token=abc&job_id=123"
        "&timecode_format=%5B%25H%3A%25M%3A%25S%5D&newlines_after_paragraph=3"
        "&replace_slang=true"
    )
    done = run_cli("transcript", str(REAL_EXAMPLE), "--query", query, "--replace-slang", "false")
    assert done.returncode == 0, done.stderr
    expected = get_transcript(
        REAL_EXAMPLE, timecode_format="[%H:%M:%S]", newlines_after_paragraph=3
    )
    assert done.stdout.decode("utf-8") == expected
    assert "gonna" in expected


def test_reads_stdin() -> None:
    done = run_cli("transcript", "-", stdin=PODCAST.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == get_transcript(PODCAST)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--newlines-after-paragraph", "-1"],
         "elementlist: error: newlines_after_paragraph: expected a whole number >= 0, got '-1'"),
        (["--file-format", "pdf"],
         "elementlist: error: file_format=pdf is not supported offline "
         "(cielo24 lists it as coming soon)"),
        (["--query", "timecode_formatt=x"],
         "elementlist: error: unknown option 'timecode_formatt' (did you mean "
         "'timecode_format'?)"),
        (["--timecode-format", "%Q"],
         "elementlist: error: timecode_format: unknown field %Q (known: %H %M %S %f %%), "
         "got '%Q'"),
    ],
)  # fmt: skip
def test_a_bad_option_is_one_line_exit_2_and_no_file(
    tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out.txt"
    done = run_cli("transcript", str(PODCAST), "-o", str(out), *args)
    assert done.returncode == 2
    assert done.stderr.decode("utf-8") == message + "\n"
    assert done.stdout == b""
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_bad_option_leaves_an_existing_file_alone(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("before")
    done = run_cli("transcript", str(PODCAST), "-o", str(out), "--mixed", "perhaps")
    assert done.returncode == 2
    assert out.read_text() == "before"


def test_not_an_element_list(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 3, "segments": [{"start_time": "x"}]}')
    out = tmp_path / "out.txt"
    done = run_cli("transcript", str(bad), "-o", str(out))
    assert done.returncode == 2
    assert len(done.stderr.decode().splitlines()) == 1
    assert not out.exists()


def test_strict_refuses_a_document_with_a_warning(tmp_path: Path) -> None:
    doc = json.loads(PODCAST.read_text())
    doc["segments"][1]["sequences"][0]["tokens"][0]["tags"] = ["MADE_UP"]  # a warning
    source = tmp_path / "warned.json"
    source.write_text(json.dumps(doc))
    out = tmp_path / "out.txt"
    lenient = run_cli("transcript", str(source), "-o", str(out))
    assert lenient.returncode == 0
    assert "warning" in lenient.stderr.decode()
    assert out.exists()
    out.unlink()
    strict = run_cli("transcript", str(source), "-o", str(out), "--strict")
    assert strict.returncode == 1
    assert "not rendered (--strict)" in strict.stderr.decode()
    assert not out.exists()


def test_the_python_strict_flag_refuses_the_same_document(tmp_path: Path) -> None:
    from elementlist.errors import InvalidDocumentError

    doc = json.loads(PODCAST.read_text())
    doc["segments"][1]["sequences"][0]["tokens"][0]["tags"] = ["MADE_UP"]  # a warning
    with pytest.raises(
        InvalidDocumentError, match=r"^document has 0 error\(s\) and 1 warning\(s\); first: "
    ):
        get_transcript(doc, strict=True)
    assert get_transcript(doc) == get_transcript(PODCAST)


def test_fetch_only_flags_are_accepted_on_a_file() -> None:
    done = run_cli(
        "transcript", str(PODCAST), "--audio-description", "true", "--mixed", "true",
        "--iwp-name", "FINAL", "--elementlist-version", "2014-07-31T12:35:52Z",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == get_transcript(PODCAST)


def test_listed_in_help() -> None:
    done = run_cli("--help")
    assert b"transcript" in done.stdout
    sub = run_cli("transcript", "--help")
    assert sub.returncode == 0
    for flag in (b"--create-paragraphs", b"--timecode-interval", b"--query", b"--strict",
                 b"--emit-speaker-change-token-as"):  # fmt: skip
        assert flag in sub.stdout
