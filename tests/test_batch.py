"""elementlist.batch.convert and ``elementlist batch``: trees, lists of sources, the report,
resuming, exit codes. Every output is read back by an independent parser and compared with
what ``get_caption`` makes of the same input."""

from __future__ import annotations

import json
import os
import pickle
import time
from pathlib import Path

import pytest
from batch_support import (
    BAD,
    CAPTION_FORMATS,
    GOOD,
    check_parses,
    expected_text,
    make_tree,
    part_files,
    report_lines,
)
from conftest import EXAMPLES, REAL_EXAMPLE, run_cli
from lxml import etree
from servers import SERVED, LocalServer

from elementlist import CaptionOptions, OptionError, load, validate
from elementlist.batch import (
    REPORT_NAME,
    BatchError,
    BatchOptions,
    ReportRow,
    convert,
    display_source,
    options_from_query,
    output_format,
    output_formats,
    read_report,
    remote_stem,
    safe_name,
)
from elementlist.transcripts import get_transcript

EXTENSIONS = {
    "srt": ".srt",
    "vtt": ".vtt",
    "dfxp": ".dfxp",
    "sbv": ".sbv",
    "qt": ".qt.txt",
    "sami": ".smi",
    "transcript": ".transcript.txt",
}


@pytest.fixture(scope="module")
def server():
    with LocalServer() as running:
        yield running


def _rows_by_input(rows: list[ReportRow]) -> dict[str, ReportRow]:
    return {row.input: row for row in rows}


# --- a whole tree, every caption format ---------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_tree_in_every_caption_format(tmp_path: Path, jobs: int) -> None:
    tree = make_tree(tmp_path / "in")
    out = tmp_path / "out"
    rows = convert([tree.root], out, CAPTION_FORMATS, jobs=jobs)

    by_input = _rows_by_input(rows)
    assert set(by_input) == {str(p) for p in tree.good + tree.bad}
    for stem in GOOD:
        row = by_input[str(tree.source(stem))]
        assert row.status == "ok", row
        assert row.error is None
        assert row.outputs == tuple(sorted(stem + EXTENSIONS[f] for f in CAPTION_FORMATS))
        for fmt in CAPTION_FORMATS:
            text = (out / (stem + EXTENSIONS[fmt])).read_text(encoding="utf-8")
            assert check_parses(fmt, text) > 0
            assert text == expected_text(tree.source(stem), fmt, Path(stem).name)
    for name, words in BAD.items():
        row = by_input[str(tree.root / name)]
        assert row.status == "failed"
        assert words in row.error
        assert "\n" not in row.error
        assert row.outputs == ()
    # nothing else was written: no output for bad inputs, hidden folders or other files
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    expected = sorted(
        [stem + EXTENSIONS[f] for stem in GOOD for f in CAPTION_FORMATS] + [REPORT_NAME]
    )
    assert written == expected
    assert part_files(tmp_path) == []


def test_the_report_file_holds_the_rows_in_input_order(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in")
    out = tmp_path / "out"
    rows = convert(tree.root, out, "srt", jobs=2)
    assert read_report(out) == rows
    lines = report_lines(out)
    assert [line["input"] for line in lines] == [row.input for row in rows]
    assert set(lines[0]) == {"input", "status", "error", "outputs", "time", "read_as"}
    assert {line["read_as"] for line in lines if line["status"] == "ok"} == {"elementlist"}
    assert all(isinstance(line["time"], float) and line["time"] >= 0 for line in lines)
    # the walk is sorted: files of a folder, then its sub-folders in name order
    assert [r.input for r in rows] == [
        str(tree.root / "top.json"),
        str(tree.root / "broken/gone.json"),
        str(tree.root / "broken/not_elementlist.json"),
        str(tree.root / "broken/not_json.json"),
        str(tree.root / "talks/real.json"),
        str(tree.root / "talks/2024/interview.json"),
    ]


def test_report_rows_round_trip_and_pickle() -> None:
    row = ReportRow("a.json", "failed", "JSON is malformed", ("a.srt",), 0.25)
    assert ReportRow.from_json(row.to_json()) == row
    read = ReportRow("b.json", "ok", None, ("b.srt",), 0.5, read_as="whisper")
    assert ReportRow.from_json(read.to_json()) == read
    older = '{"input": "c.json", "status": "ok", "error": null, "outputs": [], "time": 0.1}'
    assert ReportRow.from_json(older).read_as is None  # a report written before read_as
    assert pickle.loads(pickle.dumps(row)) == row
    assert "\n" not in row.to_json()


def test_a_file_given_directly_is_named_by_its_file_name(tmp_path: Path) -> None:
    out = tmp_path / "out"
    rows = convert([REAL_EXAMPLE, EXAMPLES / "podcast_v3.json"], out, ["vtt"], jobs=1)
    assert [r.outputs for r in rows] == [
        ("cielo24_docs_example_v3.vtt",),
        ("podcast_v3.vtt",),
    ]


def test_a_tree_given_as_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inputs found below ``.`` are shown as Path shows them (``sub/b.json``, no ``./``),
    and their outputs mirror the folders they are in, at every depth."""
    data = (EXAMPLES / "podcast_v3.json").read_bytes()
    for name in ("a.json", "sub/b.json", "sub/deeper/c.JSON"):
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / name).write_bytes(data)
    monkeypatch.chdir(tmp_path / "in")
    rows = convert(["."], tmp_path / "out", ["srt"], jobs=1)
    assert [(r.input, r.status, r.outputs) for r in rows] == [
        ("a.json", "ok", ("a.srt",)),
        ("sub/b.json", "ok", ("sub/b.srt",)),
        ("sub/deeper/c.JSON", "ok", ("sub/deeper/c.srt",)),
    ]
    assert (tmp_path / "out" / "sub" / "deeper" / "c.srt").is_file()


def test_strict_fails_a_document_with_warnings(tmp_path: Path) -> None:
    doc = json.loads(REAL_EXAMPLE.read_text())
    doc["segments"][0]["sequences"][0]["tokens"][0]["tags"] = ["NOT_A_KNOWN_TAG"]
    source = tmp_path / "warned.json"
    source.write_text(json.dumps(doc))
    assert validate(load(source)).warnings
    [lenient] = convert(source, tmp_path / "lenient", ["srt"], jobs=1)
    [strict] = convert(source, tmp_path / "strict", ["srt"], BatchOptions(strict=True), jobs=1)
    assert lenient.status == "ok"
    assert strict.status == "failed"
    assert "warning" in strict.error
    assert not (tmp_path / "strict/warned.srt").exists()


# --- names --------------------------------------------------------------------------------


def test_format_names_and_extensions() -> None:
    assert [f.extension for f in output_formats(["SRT", "web-vtt", "ttml", "smi", "QT"])] == [
        ".srt",
        ".vtt",
        ".dfxp",
        ".smi",
        ".qt.txt",
    ]
    # txt and html are get_transcript; TRANSCRIPT is the caption format, apart on disk
    assert output_format("txt").file_format == "txt"
    assert output_format("html").extension == ".html"
    assert output_format("transcript").caption_format == "TRANSCRIPT"
    assert output_format("transcript").extension == ".transcript.txt"
    assert len(output_formats(["srt", "SRT", "subrip", "vtt"])) == 2
    assert output_format("scc").extension == ".scc"
    with pytest.raises(OptionError, match="did you mean SRT"):
        output_format("srtt")


def test_remote_names_stay_inside_the_output_directory() -> None:
    assert remote_stem("http://127.0.0.1:8080/a/b/doc.json") == "127.0.0.1_8080/a/b/doc"
    assert remote_stem("https://example.com/") == "example.com/index"
    assert remote_stem("https://example.com/../../etc/passwd") == "example.com/etc/passwd"
    assert remote_stem("https://example.com/x/..%2F..%2Fy.json").startswith("example.com/x/")
    assert ".." not in remote_stem("https://example.com/x/..%2F..%2Fy.json").split("/")
    one = remote_stem("https://example.com/doc?id=1")
    two = remote_stem("https://example.com/doc?id=2")
    assert one != two and one.startswith("example.com/doc_")
    assert remote_stem("cielo24:64bea283eff6475ea6596027a6ba0929@2014-07-31T12:35:52Z") == (
        "cielo24/64bea283eff6475ea6596027a6ba0929@2014-07-31T12_35_52Z"
    )
    long = safe_name("x" * 500)
    assert len(long) <= 120 and long != safe_name("x" * 499)
    assert safe_name(".hidden") == "_.hidden"


def test_the_report_shows_no_secret_of_a_url() -> None:
    shown = display_source("https://user:hunter2@example.com/doc.json?api_token=abc123&id=7")
    assert "hunter2" not in shown and "abc123" not in shown
    assert shown == "https://example.com/doc.json?api_token=***&id=7"


# --- one query for both kinds of output --------------------------------------------------


def test_one_query_feeds_captions_and_transcripts() -> None:
    fmt, captions, transcripts = options_from_query(
        "https://api.cielo24.com/api/job/get_caption?v=1&api_token=x&job_id=y"
        "&caption_format=WEB_VTT&characters_per_caption_line=20&remove_disfluencies=false"
        "&timecode_interval=30000&file_format=html"
    )
    assert fmt == "WEB_VTT"
    assert captions.characters_per_caption_line == 20
    assert captions.remove_disfluencies is False
    assert transcripts.remove_disfluencies is False
    assert transcripts.timecode_interval == 30000
    assert transcripts.file_format == "txt"  # -f txt / -f html choose it
    with pytest.raises(OptionError, match="not a get_caption or get_transcript option"):
        options_from_query("no_such_option=1")
    with pytest.raises(OptionError, match="characters_per_caption_line"):
        options_from_query("characters_per_caption_line=zero")


def test_caption_options_reach_every_output(tmp_path: Path) -> None:
    options = CaptionOptions(characters_per_caption_line=20)
    convert(REAL_EXAMPLE, tmp_path, ["srt"], options, jobs=1)
    text = (tmp_path / "cielo24_docs_example_v3.srt").read_text()
    assert text == expected_text(REAL_EXAMPLE, "srt", "cielo24_docs_example_v3", options)
    cue_lines = [ln for ln in text.splitlines() if ln and "-->" not in ln and not ln.isdigit()]
    assert cue_lines and max(len(ln) for ln in cue_lines) <= 20


# --- resuming -------------------------------------------------------------------------------


def _mtimes(out: Path) -> dict[str, int]:
    return {
        str(p.relative_to(out)): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and p.name != REPORT_NAME
    }


def test_a_rerun_skips_what_is_up_to_date_and_force_redoes_it(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in")
    out = tmp_path / "out"
    convert(tree.root, out, ["srt", "dfxp"], jobs=2)
    first = _mtimes(out)

    again = _rows_by_input(convert(tree.root, out, ["srt", "dfxp"], jobs=2))
    assert _mtimes(out) == first
    for source in tree.good:
        assert again[str(source)].status == "skipped"
        assert again[str(source)].error is None
        assert len(again[str(source)].outputs) == 2
    for source in tree.bad:
        assert again[str(source)].status == "failed"  # failures are always tried again

    # an input edited after its outputs were written is converted again, alone
    edited = tree.source("talks/real")
    later = time.time_ns() + 5_000_000_000
    os.utime(edited, ns=(later, later))
    rows = _rows_by_input(convert(tree.root, out, ["srt", "dfxp"], jobs=1))
    assert rows[str(edited)].status == "ok"
    assert [s for s, r in rows.items() if r.status == "ok"] == [str(edited)]
    changed = {k for k, v in _mtimes(out).items() if v != first[k]}
    assert changed == {"talks/real.srt", "talks/real.dfxp"}

    # a new format is added to what is there; old outputs stay
    rows = _rows_by_input(convert(tree.root, out, ["srt", "vtt"], jobs=1))
    assert rows[str(tree.source("top"))].status == "ok"
    assert rows[str(tree.source("top"))].outputs == ("top.srt", "top.vtt")

    before = _mtimes(out)
    forced = convert(tree.root, out, ["srt", "vtt"], jobs=2, force=True)
    assert {r.status for r in forced} == {"ok", "failed"}
    after = _mtimes(out)
    assert all(after[k] > before[k] for k in after if k.endswith((".srt", ".vtt")))


def test_a_removed_output_is_written_again(tmp_path: Path) -> None:
    convert(REAL_EXAMPLE, tmp_path, ["srt", "vtt"], jobs=1)
    (tmp_path / "cielo24_docs_example_v3.vtt").unlink()
    srt_time = (tmp_path / "cielo24_docs_example_v3.srt").stat().st_mtime_ns
    [row] = convert(REAL_EXAMPLE, tmp_path, ["srt", "vtt"], jobs=1)
    assert row.status == "ok"
    assert row.outputs == ("cielo24_docs_example_v3.srt", "cielo24_docs_example_v3.vtt")
    assert (tmp_path / "cielo24_docs_example_v3.srt").stat().st_mtime_ns == srt_time
    assert check_parses("vtt", (tmp_path / "cielo24_docs_example_v3.vtt").read_text()) > 0


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    stale = tmp_path / "sub/.real.srt.ab12cd_9.part"
    stale.write_text("half")
    mine = tmp_path / "sub/.notes.part"  # not ours: left alone
    mine.write_text("keep")
    convert(REAL_EXAMPLE, tmp_path, ["srt"], jobs=1)
    assert not stale.exists()
    assert mine.exists()


def test_two_inputs_with_the_same_output_name(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "talk.json").write_bytes(REAL_EXAMPLE.read_bytes())
    rows = convert(
        [tmp_path / "one", tmp_path / "two", tmp_path / "one/talk.json"],
        tmp_path / "out",
        ["srt"],
        jobs=1,
    )
    assert [r.status for r in rows] == ["ok", "failed", "skipped"]
    assert rows[1].error == f"its outputs (talk.srt) are {tmp_path / 'one/talk.json'}'s too"
    assert rows[2].error == f"given twice (as {tmp_path / 'one/talk.json'})"


# --- lists of sources and URLs ---------------------------------------------------------------


def test_a_list_of_sources_with_paths_folders_and_urls(tmp_path: Path, server) -> None:
    tree = make_tree(tmp_path / "in")
    listing = tmp_path / "in/sources.list"
    listing.write_text(
        "# a list of sources\n"
        "\n"
        "talks/real.json\n"  # relative to the list's folder
        f"{EXAMPLES / 'podcast_v3.json'}\n"  # elsewhere: its file name
        "talks/2024\n"  # a folder
        f"  {server.url}/doc.json  \n"
        f"{server.url}/status/batch-missing?code=404\n"
        "broken/not_json.json\n"
    )
    out = tmp_path / "out"
    rows = convert([f"@{listing}"], out, ["srt", "vtt"], jobs=2)
    port = server.url.rsplit(":", 1)[1]
    assert [(r.input, r.status) for r in rows] == [
        (str(tree.root / "talks/real.json"), "ok"),
        (str(EXAMPLES / "podcast_v3.json"), "ok"),
        (str(tree.root / "talks/2024/interview.json"), "ok"),
        (f"{server.url}/doc.json", "ok"),
        (f"{server.url}/status/batch-missing?code=404", "failed"),
        (str(tree.root / "broken/not_json.json"), "failed"),
    ]
    assert rows[0].outputs == ("talks/real.srt", "talks/real.vtt")
    assert rows[1].outputs == ("podcast_v3.srt", "podcast_v3.vtt")
    assert rows[2].outputs == ("talks/2024/interview.srt", "talks/2024/interview.vtt")
    assert rows[3].outputs == (f"127.0.0.1_{port}/doc.srt", f"127.0.0.1_{port}/doc.vtt")
    assert "404" in rows[4].error
    served = (out / f"127.0.0.1_{port}/doc.srt").read_text()
    assert served == expected_text(SERVED, "srt", "doc")
    assert check_parses("srt", served) > 0

    # the same list by its extension, without @
    again = convert([listing], out, ["srt", "vtt"], jobs=1)
    assert [r.status for r in again] == ["skipped"] * 4 + ["failed"] * 2


def test_a_remote_output_that_exists_is_not_fetched_again(tmp_path: Path, server) -> None:
    url = f"{server.url}/doc.json?batch=remote-skip"
    count = lambda: sum(r.query.get("batch") == ["remote-skip"] for r in server.state.requests)  # noqa: E731
    [first] = convert(url, tmp_path, ["srt"], jobs=1)
    assert first.status == "ok" and count() == 1
    [second] = convert(url, tmp_path, ["srt"], jobs=1)
    assert second.status == "skipped" and count() == 1
    [forced] = convert(url, tmp_path, ["srt"], jobs=1, force=True)
    assert forced.status == "ok" and count() == 2


def test_an_unreadable_list_is_a_failed_row(tmp_path: Path) -> None:
    rows = convert(["@" + str(tmp_path / "missing.txt"), REAL_EXAMPLE], tmp_path / "o", "srt")
    assert [r.status for r in rows] == ["failed", "ok"]
    assert rows[0].error.startswith("list of sources: No such file or directory")


# --- usage errors --------------------------------------------------------------------------


def test_usage_errors_raise_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="parent does not exist"):
        convert(REAL_EXAMPLE, tmp_path / "no/such/dir", ["srt"])
    (tmp_path / "file").write_text("x")
    with pytest.raises(BatchError, match="not a directory"):
        convert(REAL_EXAMPLE, tmp_path / "file", ["srt"])
    with pytest.raises(OptionError, match="jobs must be at least 1"):
        convert(REAL_EXAMPLE, tmp_path / "out", ["srt"], jobs=0)
    with pytest.raises(OptionError):
        convert(REAL_EXAMPLE, tmp_path / "out", ["echo"])
    with pytest.raises(OptionError, match="@-"):
        convert("-", tmp_path / "out", ["srt"])
    assert not (tmp_path / "out" / REPORT_NAME).exists()


# --- the command ---------------------------------------------------------------------------


def test_cli_converts_a_tree_and_exits_1_when_an_input_failed(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in")
    out = tmp_path / "out"
    done = run_cli("batch", str(tree.root), "-o", str(out), "-f", "srt", "-f", "sami", "-j", "2")
    assert done.returncode == 1, done.stderr
    err = done.stderr.decode()
    assert "3 converted, 3 failed, 0 up to date" in err
    assert f"failed: {tree.root / 'broken/not_json.json'}: JSON is malformed" in err
    assert "Traceback" not in err
    assert (out / "talks/2024/interview.smi").is_file()
    assert len(report_lines(out)) == 6


def test_cli_exits_0_when_nothing_failed_and_on_a_rerun(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in")
    folder = tree.root / "talks"
    out = tmp_path / "out"
    first = run_cli("batch", str(folder), "-o", str(out), "--query", "caption_format=DFXP")
    assert first.returncode == 0, first.stderr
    assert sorted(p.name for p in out.rglob("*.dfxp")) == ["interview.dfxp", "real.dfxp"]
    second = run_cli("batch", str(folder), "-o", str(out), "--query", "caption_format=DFXP")
    assert second.returncode == 0
    assert "0 converted, 0 failed, 2 up to date" in second.stderr.decode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "echo"], "caption_format 'echo' is refused"),
        (["-f", "srtx"], "unknown caption_format 'srtx'"),
        (["--query", "bogus_option=1"], "unknown option 'bogus_option'"),
        (["--query", "lines_per_caption=0"], "lines_per_caption"),
        (["-j", "0"], "not a positive count"),
        (["-j", "2", "--dask", "tcp://127.0.0.1:1"], "not allowed with argument"),
    ],
)
def test_cli_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    done = run_cli("batch", str(REAL_EXAMPLE), "-o", str(tmp_path / "out"), *args)
    assert done.returncode == 2
    assert message in done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()
    assert not (tmp_path / "out" / REPORT_NAME).exists()


def test_cli_refuses_an_output_directory_without_a_parent(tmp_path: Path) -> None:
    done = run_cli("batch", str(REAL_EXAMPLE), "-o", str(tmp_path / "a/b"))
    assert done.returncode == 2
    assert done.stderr.decode().strip() == (
        f"elementlist: error: output directory's parent does not exist: {tmp_path / 'a'}"
    )


def test_cli_reads_a_list_from_stdin(tmp_path: Path) -> None:
    listing = f"{REAL_EXAMPLE}\n{EXAMPLES / 'podcast_v3.json'}\n".encode()
    done = run_cli("batch", "@-", "-o", str(tmp_path), "-f", "vtt", stdin=listing)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.vtt")) == [
        "cielo24_docs_example_v3.vtt",
        "podcast_v3.vtt",
    ]


# --- transcripts, and the same bytes as the single-file commands ------------------------------


def test_transcripts_txt_and_html_beside_the_captions(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in")
    out = tmp_path / "out"
    query = "remove_disfluencies=false&timecode_interval=20000&characters_per_caption_line=30"
    _, captions, transcripts = options_from_query(query)
    rows = convert(
        tree.root / "talks",
        out,
        ["txt", "html", "transcript", "srt"],
        BatchOptions(captions=captions, transcripts=transcripts),
        jobs=2,
    )
    assert [r.status for r in rows] == ["ok", "ok"]
    source = tree.source("talks/real")
    assert rows[0].outputs == ("real.html", "real.srt", "real.transcript.txt", "real.txt")
    txt = (out / "real.txt").read_text()
    assert txt == get_transcript(load(source), transcripts, title="real")
    html = (out / "real.html").read_text()
    assert html == get_transcript(
        load(source), transcripts.with_values(file_format="html"), title="real"
    )
    page = etree.fromstring(html.encode(), etree.HTMLParser())
    assert page.findtext(".//title") == "real"
    body_text = " ".join(" ".join(page.find(".//body").itertext()).split())
    assert all(w in body_text for w in txt.split() if not w.startswith("["))
    caption_words = (out / "real.transcript.txt").read_text().split()
    assert caption_words == expected_text(source, "transcript", "real", captions).split()
    assert max(len(ln) for ln in (out / "real.srt").read_text().splitlines()) <= 30


def test_the_same_bytes_as_elementlist_caption_and_transcript(tmp_path: Path, server) -> None:
    url = f"{server.url}/doc.json"
    caption_query = "remove_disfluencies=false&lines_per_caption=1"
    transcript_query = "remove_disfluencies=false&timecode_every_paragraph=false"
    query = f"{caption_query}&timecode_every_paragraph=false"  # a batch takes both kinds
    out = tmp_path / "out"
    done = run_cli(
        "batch",
        str(REAL_EXAMPLE),
        url,
        "-o",
        str(out),
        "-f",
        "dfxp",
        "-f",
        "html",
        "--query",
        query,
    )
    assert done.returncode == 0, done.stderr
    port = server.url.rsplit(":", 1)[1]
    for source, stem in (
        (str(REAL_EXAMPLE), "cielo24_docs_example_v3"),
        (url, f"127.0.0.1_{port}/doc"),
    ):
        caption = run_cli("caption", source, "-f", "dfxp", "--query", caption_query)
        transcript = run_cli(
            "transcript", source, "--query", transcript_query, "--file-format", "html"
        )
        assert caption.returncode == 0 and transcript.returncode == 0
        assert (out / f"{stem}.dfxp").read_bytes() == caption.stdout
        assert (out / f"{stem}.html").read_bytes() == transcript.stdout


def test_an_output_directory_inside_the_input_tree_is_not_read(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in")
    out = tree.root / "talks" / "captions"
    first = convert(tree.root, out, ["srt"], jobs=1)
    (out / "planted.json").write_bytes(REAL_EXAMPLE.read_bytes())  # would be an input
    second = convert(tree.root, out, ["srt"], jobs=1)
    assert [r.input for r in second] == [r.input for r in first]


def test_cli_warns_when_no_input_is_found(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = run_cli("batch", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert done.returncode == 0
    assert "no inputs found" in done.stderr.decode()
    assert (tmp_path / "out" / REPORT_NAME).read_text() == ""
