"""``elementlist formats``, and the format that ``-o``'s name asks for (caption and
transcript), as subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import webvtt
from conftest import EXAMPLES, run_cli

import elementlist as el
from elementlist.transcripts import get_transcript
from elementlist.writers import ALIASES, FORMATS, REFUSED

PODCAST = EXAMPLES / "podcast_v3.json"


# --- caption: the extension names the format ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "caption_format"),
    [
        ("out.vtt", "WEB_VTT"),
        ("OUT.VTT", "WEB_VTT"),
        ("out.webvtt", "WEB_VTT"),
        ("out.dfxp", "DFXP"),
        ("out.ttml", "DFXP"),
        ("out.smi", "SAMI"),
        ("out.sbv", "SBV"),
        ("out.qt.txt", "QT"),
        ("out.txt", "TRANSCRIPT"),  # .txt alone: the registry's TRANSCRIPT
        ("out.srt", "SRT"),
        ("out.captions", "SRT"),  # an extension that names nothing: the default
        ("out", "SRT"),
    ],
)
def test_without_f_the_output_name_gives_the_format(
    tmp_path: Path, name: str, caption_format: str
) -> None:
    out = tmp_path / name
    done = run_cli("caption", str(PODCAST), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == el.get_caption(PODCAST, caption_format)


def test_out_vtt_is_webvtt_a_browser_parser_reads(tmp_path: Path) -> None:
    out = tmp_path / "podcast.vtt"
    assert run_cli("caption", str(PODCAST), "-o", str(out)).returncode == 0
    assert out.read_text().startswith("WEBVTT")
    assert len(webvtt.read(str(out))) > 20


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "srt", "-o", "{tmp}/out.vtt"], "the name says WEB_VTT, but -f asks for SRT"),
        (["-f", "dfxp", "-o", "{tmp}/out.txt"], "the name says TRANSCRIPT, but -f asks for DFXP"),
        (
            ["--query", "caption_format=SBV", "-o", "{tmp}/out.smi"],
            "the name says SAMI, but --query's caption_format asks for SBV",
        ),
        (
            ["-o", "{tmp}/out.html"],
            "the name says a get_transcript html file; 'elementlist transcript' writes it",
        ),
    ],
)
def test_an_extension_that_contradicts_the_format_is_one_line_and_no_file(
    tmp_path: Path, args: list[str], message: str
) -> None:
    given = [a.format(tmp=tmp_path) for a in args]
    out = given[given.index("-o") + 1]
    done = run_cli("caption", str(PODCAST), *given)
    assert done.returncode == 2
    assert done.stderr.decode() == f"elementlist: error: -o {out}: {message}\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("qt", "out.txt"), ("transcript", "out.text"), ("vtt", "out.webvtt"), ("sami", "out.sami")],
)
def test_an_extension_the_format_may_have_is_no_contradiction(
    tmp_path: Path, fmt: str, name: str
) -> None:
    out = tmp_path / name
    done = run_cli("caption", str(PODCAST), "-f", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text() == el.get_caption(PODCAST, fmt)


def test_f_wins_over_the_query_and_stdout_says_nothing() -> None:
    done = run_cli("caption", str(PODCAST), "--query", "caption_format=DFXP", "-f", "vtt")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == el.get_caption(PODCAST, "WEB_VTT")
    to_dev = run_cli("caption", str(PODCAST), "-f", "sbv", "-o", "/dev/stdout")
    assert to_dev.returncode == 0 and to_dev.stdout.decode() == el.get_caption(PODCAST, "SBV")


# --- transcript: -f like the others, and the extension ------------------------------------


@pytest.mark.parametrize(
    ("args", "file_format"),
    [
        (["-f", "html"], "html"),
        (["--format", "HTML"], "html"),
        (["--file-format", "html"], "html"),
        (["-f", "text"], "txt"),
        (["-o", "{tmp}/t.html"], "html"),
        (["-o", "{tmp}/t.htm"], "html"),
        (["-o", "{tmp}/t.txt"], "txt"),
        (["-o", "{tmp}/t.qt.txt"], "txt"),
        (["--query", "file_format=html", "-o", "{tmp}/t.html"], "html"),
        (["-o", "{tmp}/t.out"], "txt"),
    ],
)
def test_transcript_takes_f_and_reads_the_extension(
    tmp_path: Path, args: list[str], file_format: str
) -> None:
    given = [a.format(tmp=tmp_path) for a in args]
    done = run_cli("transcript", str(PODCAST), *given)
    assert done.returncode == 0, done.stderr
    written = (
        Path(given[given.index("-o") + 1]).read_text(encoding="utf-8")
        if "-o" in given
        else done.stdout.decode()
    )
    assert written == get_transcript(PODCAST, file_format=file_format)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "txt", "-o", "{tmp}/t.html"], "the name says html, but -f asks for txt"),
        (
            ["--query", "file_format=html", "-o", "{tmp}/t.txt"],
            "the name says txt, but --query's file_format asks for html",
        ),
        (
            ["-o", "{tmp}/t.srt"],
            "the name says SRT captions; a transcript is txt or html "
            "('elementlist caption' writes captions)",
        ),
    ],
)
def test_transcript_extension_contradictions(tmp_path: Path, args: list[str], message: str) -> None:
    given = [a.format(tmp=tmp_path) for a in args]
    out = given[given.index("-o") + 1]
    done = run_cli("transcript", str(PODCAST), *given)
    assert done.returncode == 2
    assert done.stderr.decode() == f"elementlist: error: -o {out}: {message}\n"
    assert list(tmp_path.iterdir()) == []


# --- elementlist formats ------------------------------------------------------------------


def test_formats_lists_every_registry_format_with_aliases_and_extensions() -> None:
    done = run_cli("formats")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    rows = {line.split()[0]: line for line in lines if line.startswith("  ") and "NAME" not in line}
    for name, fmt in FORMATS.items():
        assert fmt.extension in rows[name], name
        for alias, target in ALIASES.items():
            if target == name:
                assert alias in rows[name], (name, alias)
    assert ".html" in rows["html"] and "htm" in rows["html"]
    assert ".txt" in rows["txt"]
    assert "(batch writes .transcript.txt)" in rows["TRANSCRIPT"]
    refused_at = lines.index("refused caption formats:")
    for name, reason in REFUSED.items():
        if name not in FORMATS:
            assert any(line.split()[0] == name and reason in line for line in lines[refused_at:])


def test_formats_as_json_names_kinds_and_refusals() -> None:
    done = run_cli("formats", "--json")
    assert done.returncode == 0, done.stderr
    table = {row["name"]: row for row in json.loads(done.stdout)}
    assert set(FORMATS) | set(REFUSED) | {"txt", "html"} == set(table)
    assert table["WEB_VTT"]["kind"] == "caption"
    assert table["WEB_VTT"]["extensions"][0] == ".vtt"
    assert "vtt" in table["WEB_VTT"]["aliases"]
    assert table["html"] == {
        "name": "html",
        "kind": "transcript",
        "aliases": ["htm"],
        "extensions": [".html", ".htm"],
        "batch_extension": ".html",
        "refused": None,
    }
    for name, reason in REFUSED.items():
        if name not in FORMATS:
            assert table[name]["refused"] == reason
    # every extension listed is read back as its format by -o
    from elementlist.writers import format_for_filename

    for name in FORMATS:
        for extension in table[name]["extensions"]:
            assert format_for_filename("x" + extension) == name
