"""What a source is called, one rule for every route: the title and job id of its outputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli

import elementlist
from elementlist.captions.model import DocumentInfo
from elementlist.fetch.specs import Cielo24Spec, is_remote, source_job_id, source_title


@pytest.mark.parametrize(
    ("spec", "title", "job_id"),
    [
        ("cielo24:ABC", "ABC", "ABC"),
        ("cielo24:ABC@FINAL", "ABC", "ABC"),
        ("cielo24:ABC@2024-01-02", "ABC", "ABC"),
        ("https://media.example.com/a/talk%201.json?token=x", "talk 1", ""),
        ("http://h/", "", ""),
        ("archive/2019/keynote.json", "keynote", ""),
        ("keynote", "keynote", ""),
        ("-", "", ""),
    ],
)
def test_title_and_job_id(spec: str, title: str, job_id: str) -> None:
    assert (source_title(spec), source_job_id(spec)) == (title, job_id)
    assert DocumentInfo.for_source(spec, "en") == DocumentInfo("en", title, job_id)


def test_cielo24_spec_round_trip() -> None:
    for spec in ("cielo24:ABC", "cielo24:ABC@FINAL", "cielo24:ABC@2024-01-02"):
        assert str(Cielo24Spec.parse(spec)) == spec and is_remote(spec)
    assert Cielo24Spec.parse("cielo24:ABC@2024-01-02").elementlist_version == "2024-01-02"
    assert Cielo24Spec.parse("cielo24:ABC@FINAL").iwp_name == "FINAL"


@pytest.mark.parametrize("fmt", ["DFXP", "SAMI"])
def test_library_and_cli_title_a_file_alike(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "Kitchen Table.json"
    shutil.copy(EXAMPLES / "podcast_v3.json", source)
    done = run_cli("caption", str(source), "-f", fmt)
    assert done.returncode == 0, done.stderr
    library = elementlist.get_caption(source, fmt).encode()
    assert done.stdout == library and b"Kitchen Table" in library


def test_transcript_page_is_titled_by_the_file_on_every_route(tmp_path: Path) -> None:
    source = tmp_path / "episode 12.json"
    shutil.copy(EXAMPLES / "podcast_v3.json", source)
    done = run_cli("transcript", str(source), "--file-format", "html")
    library = elementlist.get_transcript(source, file_format="html").encode()
    assert done.stdout == library and b"<title>episode 12</title>" in library
    stdin = run_cli("transcript", "-", "--file-format", "html", stdin=source.read_bytes())
    assert b"<title>Transcript</title>" in stdin.stdout


def test_an_unnamed_source_gets_its_language_alone_the_same_info_each_time() -> None:
    for spec in (None, ""):
        info = DocumentInfo.for_source(spec, "fr-CA")
        assert info == DocumentInfo("fr-CA") and info is DocumentInfo.for_source(None, "fr-CA")
    assert DocumentInfo.for_source(None, "de") == DocumentInfo("de")

    class Mine(DocumentInfo):
        pass

    assert type(Mine.for_source(None, "de")) is Mine  # a subclass gets its own kind
