"""The batch at its edges: outputs that clash across formats, file names that are not UTF-8,
symbolic links inside OUTDIR, lists of sources with a bad line, percent-encoded dot
segments, and the summary's words. The command runs as a subprocess; every output is
compared with what ``get_caption`` makes of its input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from batch_support import check_parses, expected_text, part_files, report_lines
from conftest import EXAMPLES, REAL_EXAMPLE, run_cli
from servers import LocalServer

from elementlist.batch import REPORT_NAME, convert, output_formats, remote_stem
from elementlist.batch.inputs import _Entry, plan
from elementlist.transcripts import get_transcript

PODCAST = EXAMPLES / "podcast_v3.json"


def _stderr_lines(done: object) -> list[str]:
    return done.stderr.decode().strip().splitlines()  # type: ignore[attr-defined, no-any-return]


def _rows(out: Path) -> dict[str, dict[str, object]]:
    return {str(row["input"]): row for row in report_lines(out)}


# --- outputs that clash ----------------------------------------------------------------------


def test_outputs_that_clash_across_formats_fail_the_later_input(tmp_path: Path) -> None:
    """``talk.json`` as QT and ``talk.qt.json`` as a txt transcript both make
    ``talk.qt.txt``: the first (in input order) keeps it, the second fails, before any work."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "talk.json").write_bytes(REAL_EXAMPLE.read_bytes())
    (src / "talk.qt.json").write_bytes(PODCAST.read_bytes())
    out = tmp_path / "out"
    done = run_cli("batch", str(src), "-o", str(out), "-f", "qt", "-f", "txt", "-j", "1")
    assert done.returncode == 1, done.stderr
    rows = _rows(out)
    first, second = rows[str(src / "talk.json")], rows[str(src / "talk.qt.json")]
    assert first["status"] == "ok" and first["outputs"] == ["talk.qt.txt", "talk.txt"]
    assert second["status"] == "failed" and second["outputs"] == []
    assert second["error"] == f"its outputs (talk.qt.txt) are {src / 'talk.json'}'s too"
    assert (out / "talk.qt.txt").read_text() == expected_text(src / "talk.json", "qt", "talk")
    assert not (out / "talk.qt.qt.txt").exists()  # nothing of the failed input was written
    assert f"elementlist: failed: {src / 'talk.qt.json'}: its outputs" in done.stderr.decode()


def test_an_output_where_another_needs_a_folder_fails_either_way(tmp_path: Path) -> None:
    """``x.srt`` (a file) and ``x.srt/y.srt`` (needs ``x.srt`` as a folder): in a folder's
    order the file comes first; in a list, the folder first. Either way the later fails."""
    src = tmp_path / "in"
    (src / "x.srt").mkdir(parents=True)
    (src / "x.json").write_bytes(REAL_EXAMPLE.read_bytes())
    (src / "x.srt/y.json").write_bytes(PODCAST.read_bytes())

    rows = convert(src, tmp_path / "out1", ["srt"], jobs=1)
    assert [r.status for r in rows] == ["ok", "failed"]
    assert rows[1].error == f"its outputs need a folder x.srt: {src / 'x.json'}'s output"
    assert (tmp_path / "out1/x.srt").is_file()

    listing = src / "sources.list"
    listing.write_text("x.srt/y.json\nx.json\n")
    rows = convert(listing, tmp_path / "out2", ["srt"], jobs=1)
    assert [r.status for r in rows] == ["ok", "failed"]
    assert rows[1].error == f"its output x.srt is a folder of {src / 'x.srt/y.json'}'s outputs"
    assert (tmp_path / "out2/x.srt/y.srt").is_file()


def test_an_output_named_like_the_report_folder_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / REPORT_NAME).mkdir(parents=True)
    (src / REPORT_NAME / "talk.json").write_bytes(REAL_EXAMPLE.read_bytes())
    [row] = convert(src, tmp_path / "out", ["srt"], jobs=1)
    assert row.status == "failed"
    assert row.error == f"its outputs need a folder {REPORT_NAME}: the batch report's output"


def test_on_a_case_blind_file_system_names_differing_by_case_clash() -> None:
    """macOS and Windows file systems ignore case: ``Talk.srt`` is ``talk.srt`` there."""
    formats = output_formats(["srt"])
    found = [
        _Entry(str(REAL_EXAMPLE), "a/Talk.json", "Talk"),
        _Entry(str(PODCAST), "b/talk.json", "talk"),
    ]
    _jobs, rows = plan(list(found), Path("/nonexistent"), formats, True, fold_case=True)
    assert (
        rows[1].status == "failed"
        and rows[1].error == "its outputs (talk.srt) are a/Talk.json's too"
    )
    jobs, rows = plan(list(found), Path("/nonexistent"), formats, True, fold_case=False)
    assert len(jobs) == 2 and rows == {}


# --- names that are not UTF-8 ----------------------------------------------------------------


def test_file_names_that_are_not_utf8_are_converted_and_reported(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    raw = os.fsencode(src)
    with open(raw + b"/caf\xe9.json", "wb") as handle:
        handle.write(REAL_EXAMPLE.read_bytes())
    with open(raw + b"/bad\xff.json", "wb") as handle:
        handle.write(b"{ not JSON")
    (src / "plain.json").write_bytes(PODCAST.read_bytes())
    out = tmp_path / "out"
    done = run_cli("batch", str(src), "-o", str(out), "-f", "srt", "-f", "vtt", "-f", "dfxp")
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    rows = _rows(out)  # the report is UTF-8 JSON, one line per input
    assert set(rows) == {f"{src}/bad\\xff.json", f"{src}/caf\\xe9.json", str(src / "plain.json")}
    cafe = rows[f"{src}/caf\\xe9.json"]
    assert cafe["status"] == "ok"
    assert cafe["outputs"] == ["caf%E9.dfxp", "caf%E9.srt", "caf%E9.vtt"]
    source = Path(os.fsdecode(raw + b"/caf\xe9.json"))
    assert (out / "caf%E9.srt").read_text() == expected_text(source, "srt", "")
    assert check_parses("dfxp", (out / "caf%E9.dfxp").read_text()) > 0
    assert rows[f"{src}/bad\\xff.json"]["status"] == "failed"
    assert f"elementlist: failed: {src}/bad\\xff.json: JSON is malformed" in done.stderr.decode()
    assert rows[str(src / "plain.json")]["status"] == "ok"
    assert sorted(os.listdir(out)) == sorted(
        [
            REPORT_NAME,
            "caf%E9.dfxp",
            "caf%E9.srt",
            "caf%E9.vtt",
            "plain.dfxp",
            "plain.srt",
            "plain.vtt",
        ]
    )
    again = run_cli("batch", str(src), "-o", str(out), "-f", "srt", "-f", "vtt", "-f", "dfxp")
    assert _rows(out)[f"{src}/caf\\xe9.json"]["status"] == "skipped", again.stderr


# --- symbolic links inside OUTDIR ----------------------------------------------------------


def test_a_linked_folder_inside_outdir_does_not_take_outputs_outside(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub/deeper").mkdir(parents=True)
    (src / "sub/talk.json").write_bytes(REAL_EXAMPLE.read_bytes())
    (src / "sub/deeper/more.json").write_bytes(REAL_EXAMPLE.read_bytes())
    (src / "top.json").write_bytes(PODCAST.read_bytes())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(elsewhere)
    done = run_cli("batch", str(src), "-o", str(out), "-f", "srt", "-j", "2")
    assert done.returncode == 1, done.stderr
    rows = _rows(out)
    assert rows[str(src / "top.json")]["status"] == "ok"
    for name in ("sub/talk", "sub/deeper/more"):
        row = rows[str(src / f"{name}.json")]
        assert row["status"] == "failed" and row["outputs"] == []
        real = elsewhere / (name.removeprefix("sub/") + ".srt")
        assert row["error"] == (
            f"{name}.srt would land outside the output directory, at {real} (through a "
            "symbolic link); not written"
        )
    assert list(elsewhere.iterdir()) == []  # not even a folder made there
    assert (out / "sub").is_symlink()


def test_a_linked_file_inside_outdir_is_not_written_through(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "talk.srt").symlink_to(target)
    (out / "talk.vtt").symlink_to(tmp_path / "dangling.vtt")
    src = tmp_path / "talk.json"
    src.write_bytes(REAL_EXAMPLE.read_bytes())
    [row] = convert(src, out, ["srt", "vtt"], jobs=1, force=True)
    assert row.status == "failed" and row.outputs == ()
    assert row.error is not None and row.error.startswith("talk.srt would land outside")
    assert target.read_text() == "keep me\n"
    assert not (tmp_path / "dangling.vtt").exists()
    assert part_files(tmp_path) == []


def test_links_that_stay_inside_outdir_are_followed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "real").mkdir(parents=True)
    (out / "alias").symlink_to("real")
    (out / "talk.srt").symlink_to("real/talk-captions.srt")
    src = tmp_path / "in"
    (src / "alias").mkdir(parents=True)
    (src / "alias/talk.json").write_bytes(REAL_EXAMPLE.read_bytes())
    (src / "talk.json").write_bytes(REAL_EXAMPLE.read_bytes())
    rows = convert(src, out, ["srt"], jobs=1)
    assert [r.status for r in rows] == ["ok", "ok"], [r.error for r in rows]
    assert (out / "real/talk.srt").read_text() == expected_text(src / "talk.json", "srt", "")
    assert (out / "talk.srt").is_symlink()
    assert (out / "real/talk-captions.srt").read_text() == expected_text(
        src / "talk.json", "srt", ""
    )


def test_a_report_linked_out_of_outdir_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "precious.jsonl"
    target.write_text("keep me\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / REPORT_NAME).symlink_to(target)
    done = run_cli("batch", str(REAL_EXAMPLE), "-o", str(out))
    assert done.returncode == 2
    assert _stderr_lines(done) == [
        f"elementlist: error: the report {out / REPORT_NAME} is a symbolic link out of the "
        f"output directory (to {target}); remove it"
    ]
    assert target.read_text() == "keep me\n"
    assert list(out.iterdir()) == [out / REPORT_NAME]


def test_a_fifo_in_outdir_is_not_written_into(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "talk.srt")
    src = tmp_path / "talk.json"
    src.write_bytes(REAL_EXAMPLE.read_bytes())
    [row] = convert(src, out, ["srt"], jobs=1, force=True)
    assert row.status == "failed"
    assert row.error == "talk.srt is there but is no regular file; not written"


# --- lists of sources ------------------------------------------------------------------------


def test_a_bad_line_in_a_list_fails_that_line_only(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(REAL_EXAMPLE.read_bytes())
    (tmp_path / "b.json").write_bytes(PODCAST.read_bytes())
    listing = tmp_path / "sources.list"
    listing.write_bytes(b"a.json\n# fine\ncaf\xe9.json\nwith\x00nul.json\nb.json\n")
    out = tmp_path / "out"
    done = run_cli("batch", f"@{listing}", "-o", str(out), "-f", "srt")
    assert done.returncode == 1, done.stderr
    lines = report_lines(out)
    assert [(row["input"], row["status"]) for row in lines] == [
        (str(tmp_path / "a.json"), "ok"),
        (f"@{listing}:3", "failed"),
        (f"@{listing}:4", "failed"),
        (str(tmp_path / "b.json"), "ok"),
    ]
    assert lines[1]["error"] == (
        "line 3 of the list is not UTF-8 text (byte 0xe9 at byte 4 of the line)"
    )
    assert lines[2]["error"] == "line 4 of the list holds a NUL character"
    assert (out / "b.srt").read_text() == expected_text(tmp_path / "b.json", "srt", "")
    assert b"Traceback" not in done.stderr


def test_a_list_from_stdin_with_a_bad_line(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(REAL_EXAMPLE.read_bytes())
    out = tmp_path / "out"
    done = run_cli(
        "batch", "@-", "-o", str(out), stdin=b"\xff\xfe\n" + str(tmp_path / "a.json").encode()
    )
    assert done.returncode == 1, done.stderr
    assert [(row["input"], row["status"]) for row in report_lines(out)] == [
        ("@-:1", "failed"),
        (str(tmp_path / "a.json"), "ok"),
    ]


def test_percent_encoded_dot_segments_are_dropped(tmp_path: Path) -> None:
    assert remote_stem("http://h/a/%2e%2e/%2E%2e/b/.%2E/%2e/talk.json") == "h/a/b/talk"
    assert remote_stem("http://h/%2e%2e/%2e%2e") == "h/index"
    with LocalServer() as server:
        url = f"{server.url}/doc.json/%2e%2e/%2E%2E/talk.json"
        [row] = convert(url, tmp_path, ["srt"], jobs=1)
    host = server.url.split("//", 1)[1].replace(":", "_")
    assert row.status == "ok", row.error
    assert row.outputs == (f"{host}/doc.json/talk.srt",)
    made = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.srt")]
    assert made == [f"{host}/doc.json/talk.srt"]


# --- the summary and the failure lines ----------------------------------------------------


def test_the_summary_counts_inputs_given_twice_apart(tmp_path: Path) -> None:
    src = tmp_path / "talk.json"
    src.write_bytes(REAL_EXAMPLE.read_bytes())
    out = tmp_path / "out"
    done = run_cli("batch", str(src), str(src), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert _stderr_lines(done)[-1] == (
        f"elementlist: 1 converted, 0 failed, 0 up to date, 1 given twice; "
        f"report: {out}/{REPORT_NAME}"
    )
    again = run_cli("batch", str(src), str(src), "-o", str(out))
    assert _stderr_lines(again)[-1] == (
        f"elementlist: 0 converted, 0 failed, 1 up to date, 1 given twice; "
        f"report: {out}/{REPORT_NAME}"
    )
    rows = report_lines(out)
    assert rows[1]["status"] == "skipped" and rows[1]["error"] == f"given twice (as {src})"


def test_a_file_given_through_a_linked_folder_and_dot_dot_is_the_same_file(
    tmp_path: Path,
) -> None:
    """``link/../talk.json`` names ``real/talk.json`` when ``link`` is ``real/sub``: the link
    is followed before the ``..`` (as the system opens it), so the input is the same file as
    ``real/talk.json`` given again, and a plain file beside the link is a third input of its
    own (the plan resolves a folder once for its files, issue 15)."""
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "talk.json").write_bytes(REAL_EXAMPLE.read_bytes())
    (tmp_path / "link").symlink_to(real / "sub")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "talk.json").write_bytes(REAL_EXAMPLE.read_bytes())
    out = tmp_path / "out"
    done = run_cli(
        "batch", "real/talk.json", "link/../talk.json", "other/talk.json", "-o", str(out),
        "-j", "1", cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    rows = report_lines(out)
    assert [row["status"] for row in rows] == ["ok", "skipped", "failed"]
    assert rows[1]["error"] == "given twice (as real/talk.json)"
    assert "real/talk.json's too" in str(rows[2]["error"])


def test_failure_lines_name_the_source_once(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    link = tmp_path / "gone.json"
    link.symlink_to(tmp_path / "nowhere")
    gone_list = tmp_path / "gone.list"
    out = tmp_path / "out"
    with LocalServer() as server:
        url = f"{server.url}/status/batch-once/talk.json?code=404"
        done = run_cli(
            "batch", str(missing), str(link), f"@{gone_list}", url, "-o", str(out), "-j", "1"
        )
    assert done.returncode == 1
    failures = [line for line in _stderr_lines(done) if line.startswith("elementlist: failed:")]
    assert failures == [
        f"elementlist: failed: {missing}: No such file or directory",
        f"elementlist: failed: {link}: No such file or directory",
        f"elementlist: failed: @{gone_list}: list of sources: No such file or directory",
        f"elementlist: failed: {url}: HTTP 404 Not Found",
    ]
    assert [row["error"] for row in report_lines(out)] == [
        "No such file or directory",
        "No such file or directory",
        "list of sources: No such file or directory",
        "HTTP 404 Not Found",
    ]


def test_a_transcript_beside_the_captions_still_matches(tmp_path: Path) -> None:
    """The clash check works on full names: ``talk.txt`` and ``talk.transcript.txt`` differ."""
    src = tmp_path / "talk.json"
    src.write_bytes(REAL_EXAMPLE.read_bytes())
    rows = convert(src, tmp_path / "out", ["txt", "transcript"], jobs=1)
    assert [r.status for r in rows] == ["ok"]
    assert (tmp_path / "out/talk.txt").read_text() == get_transcript(src)
    assert json.loads((tmp_path / "out" / REPORT_NAME).read_text())["outputs"] == [
        "talk.transcript.txt",
        "talk.txt",
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_reports_a_clash_the_same_with_workers(tmp_path: Path, jobs: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "talk.json").write_bytes(REAL_EXAMPLE.read_bytes())
    (src / "talk.qt.json").write_bytes(PODCAST.read_bytes())
    (src / "zz.json").write_bytes(PODCAST.read_bytes())
    out = tmp_path / "out"
    done = run_cli("batch", str(src), "-o", str(out), "-f", "qt", "-f", "txt", "-j", jobs)
    assert done.returncode == 1
    assert [row["status"] for row in report_lines(out)] == ["ok", "failed", "ok"]


HOSTILE_NAMES = [
    b"two\nlines",
    b"esc\x1b[31mred",
    b"tab\there",
    b"-starts-with-dash",
    b"pct%2e%2e",
    b"back\\slash",
    b"caf\xe9",
    b"lone\xed\xa0\x80surrogate",
    b"emoji\xf0\x9f\x98\x80",
    b"\xe2\x80\xaebidi",
    b"x" * 240,
    b"\xe9" * 120,
]


def test_hostile_file_names_convert_and_every_message_stays_one_line(tmp_path: Path) -> None:
    """Names a Linux file system accepts but a careless tool does not: every one converts,
    its outputs have UTF-8 names without control characters and within 255 bytes, and the
    report and the failure lines stay one line each."""
    src = os.fsencode(tmp_path / "in")
    os.mkdir(src)
    for name in HOSTILE_NAMES:
        with open(src + b"/" + name + b".json", "wb") as handle:
            handle.write(REAL_EXAMPLE.read_bytes())
    with open(src + b"/bad\nname\x1b.json", "wb") as handle:
        handle.write(b"{ not JSON")
    out = tmp_path / "out"
    formats = ["-f", "srt", "-f", "transcript", "-f", "txt"]
    done = run_cli("batch", os.fsdecode(src), "-o", str(out), *formats, "-j", "2")
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr and b"\x1b" not in done.stderr
    failures = [line for line in _stderr_lines(done) if line.startswith("elementlist: failed:")]
    assert len(failures) == 1
    assert failures[0].startswith(
        f"elementlist: failed: {tmp_path}/in/bad\\x0aname\\x1b.json: JSON is malformed"
    )
    rows = report_lines(out)
    assert len(rows) == len(HOSTILE_NAMES) + 1
    assert sum(row["status"] == "ok" for row in rows) == len(HOSTILE_NAMES)
    expected = expected_text(REAL_EXAMPLE, "srt", "")
    written = [p for p in out.iterdir() if p.name != REPORT_NAME]
    assert len(written) == 3 * len(HOSTILE_NAMES)
    for path in written:
        raw = os.fsencode(path.name)
        raw.decode("utf-8")  # a valid UTF-8 name
        assert len(raw) <= 255
        assert not any(b < 0x20 or b == 0x7F for b in raw), path.name
        if path.suffix == ".srt" and not path.name.endswith(".transcript.txt"):
            assert path.read_text() == expected
    names = {str(row["input"]).rsplit("/", 1)[1] for row in rows}
    assert "caf\\xe9.json" in names and "two\\x0alines.json" in names
    assert (out / "caf%E9.srt").is_file() and (out / "two%0Alines.srt").is_file()
    assert (out / "\u202ebidi.srt").is_file()  # text that is no control is kept


def test_the_report_is_rewritten_in_the_order_given_each_row_as_appended(tmp_path: Path) -> None:
    """ReportFile: rows appended as they come, then the report in the order ``finish`` is
    given, a row appended before written as it was then, one never appended made there."""
    from elementlist.batch.report import OK, SKIPPED, ReportFile, ReportRow, read_report

    first = ReportRow("b.json", OK, None, ("b.srt",), 0.25, "elementlist")
    second = ReportRow("a.json", SKIPPED, None, ("a.srt",))
    report = ReportFile(tmp_path)
    report.append(first)
    assert read_report(tmp_path) == [first]
    late = ReportRow("ç.json", OK, None, ("ç.srt",), 1.0, "srt")  # never appended
    report.finish([second, late, first])
    lines = (tmp_path / REPORT_NAME).read_text(encoding="utf-8").splitlines()
    assert lines == [second.to_json(), late.to_json(), first.to_json()]
    assert read_report(tmp_path) == [second, late, first]


def test_the_plan_goes_as_far_as_it_is_asked(tmp_path: Path) -> None:
    """``planned`` plans an entry when its job is asked for (the workers start on the first
    jobs while the rest is planned), handing the other entries' rows on as it meets them:
    an output written after its entry was planned is not seen, one written before is."""
    from elementlist.batch.inputs import planned
    from elementlist.batch.report import ReportRow

    out = tmp_path / "out"
    out.mkdir()
    formats = output_formats(["srt"])
    found = [_Entry(str(REAL_EXAMPLE), f"{name}.json", name) for name in ("a", "b", "c", "d")]
    met: list[tuple[int, ReportRow]] = []
    jobs = planned(list(found), out, formats, False, lambda i, r: met.append((i, r)))
    assert next(jobs).index == 0 and met == []
    (out / "a.srt").write_text("written after a was planned")
    (out / "c.srt").write_text("up to date before c is planned")
    assert next(jobs).index == 1
    assert next(jobs).index == 3  # c is up to date: its row was handed on, no job
    assert [(i, r.status, r.outputs) for i, r in met] == [(2, "skipped", ("c.srt",))]
    assert next(jobs, None) is None
