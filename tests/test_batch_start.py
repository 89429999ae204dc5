"""How local workers start: forked from a process of one thread (on Linux), spawned from one
that runs another thread (a Python one or a native one) or when asked to; the same bytes
either way; a forked worker keeps nothing of its parent's (descriptors, signal handlers, a
paused collector) and does not outlive it. Every batch runs in a real subprocess
(tests/batch_start_script.py, or the command), its workers watched from here in /proc."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from batch_support import GOOD, children_of, make_tree
from conftest import REAL_EXAMPLE, ROOT, run_cli

from elementlist.batch import REPORT_NAME, ReportRow
from elementlist.batch.start import START_ENV

SCRIPT = ROOT / "tests" / "batch_start_script.py"


def _inputs(root: Path, count: int = 40) -> Path:
    for i in range(count):
        path = root / f"d{i % 2}" / f"doc{i:02d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(REAL_EXAMPLE.read_bytes())
    return root


def _environment(start: str | None = None, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != START_ENV}
    env.update(PYTHONPATH=str(ROOT), **more)
    if start is not None:
        env[START_ENV] = start
    return env


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (not ended, nor a zombie waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def _parent_of(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rpartition(")")[2].split()[1])  # the field after the state


def _observe_command(tmp_path: Path) -> list[str]:
    root = _inputs(tmp_path / "in")
    return [sys.executable, str(SCRIPT), "observe", str(root), str(tmp_path / "out")]


@dataclass
class Watched:
    """A batch seen while it runs: its pid and command line, the threads it ran before it
    started, and its workers (each with its command line)."""

    pid: int
    command: bytes
    threads: int
    workers: list[tuple[int, bytes]]


def _watch(tmp_path: Path, *extra: str, start: str | None = None, **environ: str) -> Watched:
    """Run the script's ``observe`` mode: at its first finished input the batch waits, its
    workers are looked at, then it goes on; every input must be converted."""
    process = subprocess.Popen(
        [*_observe_command(tmp_path), *extra],
        env=_environment(start, **environ),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        threads = process.stdout.readline().split()
        ready = process.stdout.readline().split()
        assert threads[:1] == [b"threads"] and ready[:1] == [b"ready"], process.stderr
        pid = int(ready[1])
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
        workers = [(c, cmd) for c, cmd in children_of(pid) if b"resource_tracker" not in cmd]
        assert all(_parent_of(worker) == pid for worker, _ in workers)
        process.stdin.write(b"\n")
        process.stdin.flush()
        stdout, stderr = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, stderr
    assert json.loads(stdout.splitlines()[-1]) == ["ok"] * 40
    return Watched(pid, command, int(threads[1]), workers)


def _forked(watched: Watched) -> bool:
    """Whether every worker was forked (its parent's command line); else each must have
    been spawned (``spawn_main``)."""
    assert len(watched.workers) == 2, watched.workers
    if all(command == watched.command for _, command in watched.workers):
        return True
    assert all(b"spawn_main" in command for _, command in watched.workers), watched.workers
    return False


def test_workers_are_forked_from_a_process_of_one_thread(tmp_path: Path) -> None:
    assert _forked(_watch(tmp_path))


@pytest.mark.skipif(
    len(os.sched_getaffinity(0)) < 2, reason="numpy's OpenBLAS starts no pool on one CPU"
)
def test_numpys_blas_threads_do_not_prevent_fork(tmp_path: Path) -> None:
    """numpy's OpenBLAS runs a pool of threads from its import (one per further CPU), which
    it stops itself before any fork: the batch stops it to count the threads left, and
    forks. (Its size asked for: a Dask cluster, test_batch_dask's, sets
    OPENBLAS_NUM_THREADS=1 in the environment of the process that starts it.)"""
    watched = _watch(tmp_path, OPENBLAS_NUM_THREADS="2")
    assert watched.threads >= 2  # the pool ran when the batch started
    assert _forked(watched)


@pytest.mark.parametrize("extra", ["--python-thread", "--native-thread"])
def test_a_second_thread_means_spawn(tmp_path: Path, extra: str) -> None:
    """A thread of Python's or one a library started itself (``pthread_create``, which
    Python does not know of): a fork would copy neither, nor free a lock either holds, so
    the workers are spawned."""
    watched = _watch(tmp_path, extra)
    assert watched.threads >= 2
    assert not _forked(watched)


def test_the_environment_can_ask_for_spawn(tmp_path: Path) -> None:
    assert not _forked(_watch(tmp_path, start="spawn"))
    assert _forked(_watch(tmp_path / "auto", start="Auto"))


def test_a_bad_worker_start_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(
        "batch",
        str(_inputs(tmp_path / "in", 2)),
        "-o",
        str(out),
        "-j",
        "2",
        env={START_ENV: "thread"},
    )
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        f"elementlist: error: {START_ENV} must be auto or spawn, not 'thread'"
    ]
    assert not out.exists()


def test_forked_and_spawned_workers_write_the_same_bytes(tmp_path: Path) -> None:
    """Every output, and every report row but its time, byte for byte the same whether the
    workers were forked, spawned, or the batch ran in one process."""
    tree = make_tree(tmp_path / "in")
    for i in range(30):  # enough inputs for several groups on each worker
        target = tree.root / "many" / f"copy{i:02d}.json"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(list(GOOD.values())[i % len(GOOD)].read_bytes())
    formats = [a for f in ("srt", "vtt", "dfxp", "sbv", "sami", "txt", "html") for a in ("-f", f)]
    results = {}
    for name, jobs, start in (("fork", "2", None), ("spawn", "2", "spawn"), ("one", "1", None)):
        out = tmp_path / name
        env = {START_ENV: start} if start is not None else {}
        result = run_cli("batch", str(tree.root), "-o", str(out), *formats, "-j", jobs, env=env)
        assert result.returncode == 1, result.stderr  # the broken inputs fail, alike
        files = {
            p.relative_to(out): p.read_bytes()
            for p in out.rglob("*")
            if p.is_file() and p.name != REPORT_NAME
        }
        rows = [ReportRow.from_json(line) for line in (out / REPORT_NAME).read_text().splitlines()]
        results[name] = (files, [(r.input, r.status, r.error, r.outputs, r.read_as) for r in rows])
    assert len(results["fork"][0]) == (len(GOOD) + 30) * 7
    assert results["fork"] == results["spawn"] == results["one"]


def test_a_forked_worker_keeps_nothing_of_its_parent(tmp_path: Path) -> None:
    """Forked from a process that holds a file open, handles SIGUSR1 itself and has paused
    the garbage collector, each worker holds no descriptor of that file, handles SIGUSR1
    as Python does by default, ignores SIGINT, and collects garbage: as a spawned one."""
    held = tmp_path / "held.bin"
    held.write_bytes(b"held open by the parent")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "probe", str(tmp_path / "out"), str(held)],
        env=_environment(),
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    workers = json.loads(result.stdout.splitlines()[-1])
    assert len(workers) == 2
    for worker in workers:
        assert b"spawn_main" not in worker["command"].encode()  # forked
        assert worker["holds"] == []
        assert worker["sigusr1"] == "SIG_DFL"
        assert worker["sigint"] == "SIG_IGN"
        assert worker["gc_enabled"] is True


def test_a_forked_worker_dies_with_its_batch(tmp_path: Path) -> None:
    """A batch killed outright (``kill -9``, the OOM killer): its spawned workers read the
    end of their queue and exit; forked ones hold a copy of its writing end themselves and
    would wait for ever, so each is killed when its parent dies."""
    process = subprocess.Popen(
        _observe_command(tmp_path),
        env=_environment(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    workers: list[int] = []
    try:
        process.stdout.readline()
        ready = process.stdout.readline().split()
        assert ready[:1] == [b"ready"], process.stderr
        command = Path(f"/proc/{process.pid}/cmdline").read_bytes()
        found = [(c, cmd) for c, cmd in children_of(process.pid) if b"resource_tracker" not in cmd]
        workers = [worker for worker, _ in found]
        assert len(workers) == 2 and all(cmd == command for _, cmd in found)  # forked
        process.kill()
        process.wait(60)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.01)
        assert [w for w in workers if _alive(w)] == []
    finally:
        for worker in workers:  # none, unless the test failed
            with contextlib.suppress(OSError):
                os.kill(worker, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
        process.communicate()
