from __future__ import annotations

import json
from pathlib import Path

from conftest import REAL_EXAMPLE, run_cli


def test_clean_file_exits_0_with_warnings_listed() -> None:
    r = run_cli("validate", str(REAL_EXAMPLE))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode().splitlines()
    assert lines[0] == (
        f"{REAL_EXAMPLE}: $.segments[43]: warning EL-NO-SENTENCE-END: segment "
        "with words has no ENDS_SENTENCE token"
    )
    assert lines[-1] == "1 file(s): 0 error(s), 4 warning(s), 0 failed, 0 unreadable"
    assert r.stderr == b""


def test_strict_counts_warnings() -> None:
    r = run_cli("validate", "--strict", str(REAL_EXAMPLE))
    assert r.returncode == 1
    assert r.stdout.decode().splitlines()[-1].endswith("1 failed, 0 unreadable")


def test_errors_exit_1_and_name_file_path_severity_code(tmp_path: Path) -> None:
    d = json.loads(REAL_EXAMPLE.read_bytes())
    d["segments"][2]["sequences"][0]["tokens"][0]["end_time"] = d["segments"][2]["sequences"][0][
        "tokens"
    ][0]["start_time"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(d))
    r = run_cli("validate", str(REAL_EXAMPLE), str(bad))
    assert r.returncode == 1
    out = r.stdout.decode()
    assert (
        f"{bad}: $.segments[2].sequences[0].tokens[0]: error EL-ZERO-LENGTH: word has zero length"
        in out
    )
    assert out.splitlines()[-1] == "2 file(s): 1 error(s), 8 warning(s), 1 failed, 0 unreadable"


def test_unreadable_and_not_an_elementlist_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": 3,\n "segments": [')
    r = run_cli("validate", str(broken), str(tmp_path / "missing.json"))
    assert r.returncode == 2
    err = r.stderr.decode().splitlines()
    assert err == [
        f"{broken}: JSON is malformed: the input ends too early (line 2, column 15)",
        f"{tmp_path / 'missing.json'}: No such file or directory",
    ]
    assert "Traceback" not in r.stderr.decode()


def test_stdin_and_json_report() -> None:
    r = run_cli("validate", "--json", "-", stdin=REAL_EXAMPLE.read_bytes())
    assert r.returncode == 0
    report = json.loads(r.stdout)
    assert report["summary"] == {
        "files": 1,
        "failed": 0,
        "unreadable": 0,
        "errors": 0,
        "warnings": 4,
    }
    v = report["files"][0]["violations"][0]
    assert v == {
        "code": "EL-NO-SENTENCE-END",
        "severity": "warning",
        "path": "$.segments[43]",
        "message": "segment with words has no ENDS_SENTENCE token",
    }


def test_help_version_and_typo() -> None:
    assert run_cli("--help").returncode == 0
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.decode().startswith("elementlist ")
    r = run_cli("valdate", "x.json")
    assert r.returncode == 2
    assert r.stderr.decode().strip() == (
        "elementlist: error: unknown command 'valdate' (did you mean 'validate'?); "
        "see 'elementlist --help'"
    )
    r = run_cli("validate", "--nope", str(REAL_EXAMPLE))
    assert r.returncode == 2 and b"unrecognized arguments: --nope" in r.stderr


def test_stdin_is_named_once_in_an_error() -> None:
    done = run_cli("validate", "-", stdin=b"{")
    assert done.returncode == 2
    line = done.stderr.decode().strip()
    assert line.startswith("<stdin>: ") and not line.startswith("-: ")


def test_a_control_character_in_a_name_never_reaches_the_terminal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "\x1b[2J.json"
    path.write_bytes(b"{")
    for command in ("validate", "caption", "transcript"):
        done = run_cli(command, str(path))
        assert done.returncode == 2
        assert b"\x1b" not in done.stderr and b"\\x1b[2J.json" in done.stderr
