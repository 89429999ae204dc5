"""Real signals to a real ``elementlist batch`` process group (as a terminal, ``docker stop``
or systemd send them): SIGTERM and SIGHUP stop it as Ctrl-C does, a second Ctrl-C exits
130, and a signal that comes while the workers start does not kill them."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_support import LONG_DOCUMENT, children_of, part_files
from conftest import ROOT, run_cli

from elementlist import get_caption
from elementlist.batch import REPORT_NAME, ReportRow
from elementlist.batch.start import START_ENV

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import corpus

pytestmark = pytest.mark.usefixtures("signals_as_a_terminal_gives")
FILES = 120
FORMATS = {"srt": ".srt", "vtt": ".vtt"}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """FILES inputs (links to one generated LONG_DOCUMENT, so a batch takes a while)
    and the bytes each output must have."""
    folder = tmp_path_factory.mktemp("signals")
    source = folder / "hour.json"
    source.write_bytes(corpus(LONG_DOCUMENT))
    for i in range(FILES):
        link = folder / "in" / f"part{i % 3}" / f"doc{i:03d}.json"
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(source)
    expected = {ext: get_caption(source, fmt).encode() for fmt, ext in FORMATS.items()}
    return folder / "in", expected


def _start(root: Path, out: Path, jobs: str, start: str = "auto") -> subprocess.Popen[bytes]:
    """The command, in a process group of its own; ``start``: $ELEMENTLIST_WORKER_START
    (auto: the command runs one thread, so its workers are forked)."""
    args = [sys.executable, "-m", "elementlist", "batch", str(root), "-o", str(out)]
    args += [a for fmt in FORMATS for a in ("-f", fmt)] + ["--jobs", jobs]
    return subprocess.Popen(
        args,
        env={**os.environ, "PYTHONPATH": str(ROOT), START_ENV: start},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a service has
    )


def _wait_for_rows(process: subprocess.Popen[bytes], out: Path, count: int) -> None:
    report = out / REPORT_NAME
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if report.exists() and report.read_text().count("\n") >= count:
            return
        time.sleep(0.01)
    raise AssertionError("the batch ended (or never started) before it could be stopped")


def _rows(out: Path) -> list[ReportRow]:
    return [ReportRow.from_json(line) for line in (out / REPORT_NAME).read_text().splitlines()]


def _check_whole(out: Path, expected: dict[str, bytes]) -> set[Path]:
    outputs = {p for p in out.rglob("*") if p.is_file() and p.name != REPORT_NAME}
    for path in outputs:
        assert path.read_bytes() == expected[path.suffix], f"{path} is not whole"
    return outputs


def _check_resumes(root: Path, out: Path, expected: dict[str, bytes], jobs: str) -> None:
    again = run_cli("batch", str(root), "-o", str(out), "-f", "srt", "-f", "vtt", "-j", jobs)
    assert again.returncode == 0, again.stderr
    rows = _rows(out)
    assert len(rows) == FILES and {r.status for r in rows} <= {"ok", "skipped"}
    assert len(_check_whole(out, expected)) == FILES * len(FORMATS)


@pytest.mark.parametrize(
    ("signum", "status", "jobs"),
    [
        (signal.SIGTERM, 143, "2"),
        (signal.SIGTERM, 143, "1"),
        (signal.SIGHUP, 129, "2"),
    ],
    ids=["SIGTERM-2-workers", "SIGTERM-in-process", "SIGHUP-2-workers"],
)
def test_a_stop_signal_to_the_group_stops_like_ctrl_c(
    tmp_path: Path, tree: tuple[Path, dict[str, bytes]], signum: int, status: int, jobs: str
) -> None:
    """Every process of the group gets the signal: the workers ignore it and finish what
    they hold, the batch records them and exits 128+N; nothing failed, nothing half-written,
    and a re-run completes."""
    root, expected = tree
    out = tmp_path / "out"
    process = _start(root, out, jobs)
    _wait_for_rows(process, out, 5)
    os.killpg(process.pid, signum)
    _, stderr = process.communicate(timeout=120)

    assert process.returncode == status, stderr
    name = signal.Signals(signum).name
    assert stderr.decode().strip().splitlines()[-1] == f"elementlist: stopped by {name}"
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr
    rows = _rows(out)
    assert [r for r in rows if r.status != "ok"] == []  # none failed: BrokenProcessPool, say
    assert 5 <= len(rows) < FILES
    assert part_files(tmp_path) == []
    outputs = _check_whole(out, expected)
    assert all(out / name in outputs for row in rows for name in row.outputs)
    _check_resumes(root, out, expected, jobs)


@pytest.mark.parametrize("delay", [0.0, 0.02, 0.1, 0.4])
def test_a_second_ctrl_c_exits_130(
    tmp_path: Path, tree: tuple[Path, dict[str, bytes]], delay: float
) -> None:
    """Ctrl-C twice (to the whole group, as a terminal sends it), at any moment of the stop:
    exit 130, never a death by SIGINT, never a traceback, no temporary file left."""
    root, expected = tree
    out = tmp_path / "out"
    process = _start(root, out, "2")
    _wait_for_rows(process, out, 3)
    os.killpg(process.pid, signal.SIGINT)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):  # already gone: the first stop was quick
        os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)

    assert process.returncode == 130, stderr
    assert stderr.decode().strip().splitlines()[-1] == "elementlist: interrupted"
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr
    assert part_files(tmp_path) == []
    _check_whole(out, expected)
    assert [r for r in _rows(out) if r.status != "ok"] == []
    _check_resumes(root, out, expected, "2")


def _workers_of(pid: int) -> list[int]:
    """The worker processes of ``pid``: its children (forked ones have its command line,
    spawned ones ``spawn_main``), not multiprocessing's resource tracker (which a spawned
    pool starts first, its signals held too)."""
    return [child for child, command in children_of(pid) if b"resource_tracker" not in command]


def _held_or_ignored(pid: int) -> set[int]:
    """The signals process ``pid`` blocks or ignores (from /proc/PID/status)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = int(value.strip(), 16) if key in ("SigBlk", "SigIgn") else 0
    mask = fields["SigBlk"] | fields["SigIgn"]
    return {n for n in range(1, 65) if mask >> (n - 1) & 1}


STOPS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


@pytest.mark.parametrize("start", ["auto", "spawn"], ids=["forked", "spawned"])
def test_workers_are_immune_to_stop_signals_from_birth(
    tmp_path: Path, tree: tuple[Path, dict[str, bytes]], start: str
) -> None:
    """Watched from the moment they exist (long before their initializer runs), workers
    hold or ignore SIGINT, SIGTERM and SIGHUP: a signal to the group while they start
    kills none of them. Then a SIGTERM right away stops the batch cleanly."""
    root, expected = tree
    out = tmp_path / "out"
    process = _start(root, out, "2", start)
    seen: dict[int, set[int]] = {}
    deadline = time.monotonic() + 60
    while len(seen) < 2:
        assert process.poll() is None and time.monotonic() < deadline, "no workers started"
        for worker in _workers_of(process.pid):
            if worker not in seen:
                try:
                    seen[worker] = _held_or_ignored(worker)
                except (OSError, KeyError):
                    continue
        time.sleep(0.001)
    os.killpg(process.pid, signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)

    for worker, signals in seen.items():
        assert signals >= STOPS, f"worker {worker} could die of {STOPS - signals} as it started"
    assert process.returncode == 143, stderr
    assert b"Traceback" not in stderr
    # forked workers exist before the batch has made its report: stopped that early, it
    # has none (nothing was done)
    rows = _rows(out) if (out / REPORT_NAME).exists() else []
    assert [r for r in rows if r.status != "ok"] == []
    assert part_files(tmp_path) == []
    _check_whole(out, expected)
