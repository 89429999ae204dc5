"""``convert(...)`` saved as a script: spawned workers import the script again, so a call
outside ``if __name__ == "__main__":`` would start the batch again in every worker. It is
refused with one clear error, before any work; the documented example (with its guard)
runs as a script. Each script runs as a real subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLES, REAL_EXAMPLE, ROOT

from elementlist.batch import REPORT_NAME

DOCS = ROOT / "docs" / "batch.md"
GUARD = "'if __name__ == \"__main__\":'"


def _archive(folder: Path) -> Path:
    archive = folder / "archive"
    (archive / "2024").mkdir(parents=True)
    (archive / "talk.json").write_bytes(REAL_EXAMPLE.read_bytes())
    (archive / "2024/podcast.json").write_bytes((EXAMPLES / "podcast_v3.json").read_bytes())
    return archive


def _run(folder: Path, *args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    if code is not None:
        (folder / "convert_all.py").write_text(textwrap.dedent(code))
    return subprocess.run(
        [sys.executable, *args],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )


UNGUARDED = """\
    from elementlist.batch import convert

    rows = convert(["archive/"], "out/", ["srt", "vtt"], jobs=2)
    print(sorted(row.status for row in rows))
"""

IN_A_FUNCTION = """\
    from elementlist.batch import convert


    def main():
        return convert(["archive/"], "out/", ["srt"], jobs=2)


    main()
"""


@pytest.mark.parametrize("code", [UNGUARDED, IN_A_FUNCTION], ids=["top-level", "function"])
def test_a_script_without_the_guard_gets_one_clear_error(tmp_path: Path, code: str) -> None:
    _archive(tmp_path)
    done = _run(tmp_path, "convert_all.py", code=code)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    line = 3 if code is UNGUARDED else 8
    assert last == (
        f"elementlist.batch.report.BatchError: {tmp_path / 'convert_all.py'}, line {line}: "
        f"convert() with worker processes must run under {GUARD} (each worker imports your "
        "script again and would start the batch again); put the call under that guard, or "
        "pass jobs=1"
    )
    assert done.stderr.count("Traceback") == 1  # the script's own, nothing from any worker
    assert "RuntimeError" not in done.stderr and "BrokenProcessPool" not in done.stderr
    assert not (tmp_path / "out" / REPORT_NAME).exists()  # refused before any work
    assert not list((tmp_path / "out").rglob("*.srt"))


def test_a_module_run_with_dash_m_without_the_guard_is_refused(tmp_path: Path) -> None:
    _archive(tmp_path)
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools/__init__.py").write_text("")
    (tmp_path / "tools/convert_all.py").write_text(textwrap.dedent(UNGUARDED))
    done = _run(tmp_path, "-m", "tools.convert_all")
    assert done.returncode == 1
    assert GUARD in done.stderr.strip().splitlines()[-1]


def test_with_the_guard_the_script_runs_on_workers(tmp_path: Path) -> None:
    _archive(tmp_path)
    code = UNGUARDED.replace("    rows =", '    if __name__ == "__main__":\n        rows =')
    code = code.replace("    print(", "        print(")
    done = _run(tmp_path, "convert_all.py", code=code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['ok', 'ok']"
    assert (tmp_path / "out/2024/podcast.vtt").is_file()


def test_without_workers_no_guard_is_needed(tmp_path: Path) -> None:
    _archive(tmp_path)
    done = _run(tmp_path, "convert_all.py", code=UNGUARDED.replace("jobs=2", "jobs=1"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['ok', 'ok']"


def test_python_dash_c_needs_no_guard(tmp_path: Path) -> None:
    """``python -c``: nothing for a worker to import again."""
    _archive(tmp_path)
    done = _run(tmp_path, "-c", textwrap.dedent(UNGUARDED))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['ok', 'ok']"


def test_the_documented_example_runs_as_a_script(tmp_path: Path) -> None:
    """docs/batch.md's Python example, saved as it is into a script, next to an archive/."""
    [example] = re.findall(r"In Python:\n\n```python\n(.*?)```", DOCS.read_text(), re.S)
    assert 'if __name__ == "__main__":' in example
    _archive(tmp_path)
    done = _run(tmp_path, "convert_all.py", code=example)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""  # it prints the failures: none
    for name in ("talk.srt", "talk.vtt", "talk.html", "2024/podcast.srt", "2024/podcast.html"):
        assert (tmp_path / "out" / name).is_file(), name
