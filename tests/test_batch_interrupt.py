"""A batch stopped half-way resumes with nothing lost and nothing half-written: a real SIGINT
to a real ``elementlist batch`` process, and a worker process killed under a running batch."""

from __future__ import annotations

import concurrent.futures as cf
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from batch_support import LONG_DOCUMENT, children_of, holders, part_files
from conftest import REAL_EXAMPLE, ROOT, run_cli

from elementlist import get_caption
from elementlist.batch import REPORT_NAME, ReportRow, convert

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import corpus

pytestmark = pytest.mark.usefixtures("signals_as_a_terminal_gives")
FILES = 150
FORMATS = {"srt": ".srt", "vtt": ".vtt"}


@pytest.fixture(scope="module")
def hour_long(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A generated LONG_DOCUMENT ElementList (long enough that a batch of them takes a while) and
    the bytes each format must have."""
    folder = tmp_path_factory.mktemp("hour")
    source = folder / "hour.json"
    source.write_bytes(corpus(LONG_DOCUMENT))
    expected = {ext: get_caption(source, fmt).encode() for fmt, ext in FORMATS.items()}
    return source, expected


def _inputs(root: Path, source: Path, count: int) -> Path:
    """``count`` inputs in nested folders, each a link to the same document."""
    for i in range(count):
        link = root / f"part{i % 3}" / f"doc{i:03d}.json"
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(source)
    return root


def _outputs(out: Path) -> dict[Path, int]:
    return {
        p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and p.name != REPORT_NAME
    }


def _check_complete(outputs: dict[Path, int], expected: dict[str, bytes]) -> None:
    for path in outputs:
        ext = path.suffix
        assert path.read_bytes() == expected[ext], f"{path} is not whole"


def _report(out: Path) -> list[ReportRow]:
    lines = (out / REPORT_NAME).read_text().splitlines()
    return [ReportRow.from_json(line) for line in lines]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_stops_cleanly_and_a_rerun_completes(
    tmp_path: Path, hour_long: tuple[Path, dict[str, bytes]], jobs: str
) -> None:
    source, expected = hour_long
    root = _inputs(tmp_path / "in", source, FILES)
    out = tmp_path / "out"
    args = [
        sys.executable,
        "-m",
        "elementlist",
        "batch",
        str(root),
        "-o",
        str(out),
        "-f",
        "srt",
        "-f",
        "vtt",
        "--jobs",
        jobs,
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    report = out / REPORT_NAME
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if report.exists() and report.read_text().count("\n") >= 5:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the batch ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)

    assert process.returncode == 130, stderr
    assert b"interrupted" in stderr
    assert b"Traceback" not in stderr
    assert part_files(tmp_path) == []
    finished = [row for row in _report(out) if row.status == "ok"]
    assert 5 <= len(finished) < FILES
    first = _outputs(out)
    _check_complete(first, expected)
    for row in finished:
        assert all((out / name) in first for name in row.outputs)

    again = run_cli("batch", str(root), "-o", str(out), "-f", "srt", "-f", "vtt", "-j", jobs)
    assert again.returncode == 0, again.stderr
    rows = _report(out)
    assert len(rows) == FILES
    status = {row.input: row.status for row in rows}
    assert all(status[row.input] == "skipped" for row in finished)
    # skipped: exactly the inputs whose every output the first run finished (one whose
    # outputs were done just as Ctrl-C came may lack its report line: it is still skipped)
    for row in rows:
        was_done = all((out / name) in first for name in row.outputs)
        assert row.status == ("skipped" if was_done else "ok"), row
    second = _outputs(out)
    assert len(second) == FILES * len(FORMATS)
    _check_complete(second, expected)
    assert all(second[path] == when for path, when in first.items())  # not written again
    assert part_files(tmp_path) == []


def test_a_killed_worker_loses_no_input(
    tmp_path: Path, hour_long: tuple[Path, dict[str, bytes]]
) -> None:
    source, expected = hour_long
    root = _inputs(tmp_path / "in", source, 24)
    out = tmp_path / "out"
    killed: list[int] = []

    def kill_a_worker(row: ReportRow | None, done: int, total: int) -> None:
        if row is None or killed:
            return
        workers = multiprocessing.active_children()
        assert workers, "no worker processes"
        victim = workers[0].pid
        assert victim is not None
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)

    rows = convert(root, out, list(FORMATS), jobs=2, progress=kill_a_worker)

    assert len(killed) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(killed[0], 0)
    assert [row.status for row in rows] == ["ok"] * 24, [r.error for r in rows]
    outputs = _outputs(out)
    assert len(outputs) == 24 * len(FORMATS)
    _check_complete(outputs, expected)
    assert part_files(tmp_path) == []
    assert [
        json.loads(line)["status"] for line in (out / REPORT_NAME).read_text().splitlines()
    ] == (["ok"] * 24)


def _child_pids() -> set[int]:
    pids: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        try:
            pids.update(int(p) for p in (task / "children").read_text().split())
        except OSError:
            continue
    return pids


def _stuck_tree(root: Path) -> Path:
    """Twelve good inputs in two folders, and a FIFO among them: the input that hangs."""
    for i in range(12):
        (root / f"d{i % 2}").mkdir(parents=True, exist_ok=True)
        (root / f"d{i % 2}/doc{i:02d}.json").write_bytes(REAL_EXAMPLE.read_bytes())
    stuck = root / "d0/doc05b.json"
    os.mkfifo(stuck)
    return stuck


class _Operator:
    """Someone who kills every worker (of the processes ``pids`` gives) holding ``stuck``
    open, as an operator kills what hangs: from a thread of this process. Each worker is
    killed once: after SIGKILL, the kernel frees a process's memory before its descriptors,
    so for a moment it still holds the FIFO while its command line reads empty."""

    def __init__(self, stuck: Path, pids: Callable[[], Iterable[int]]) -> None:
        self.stuck, self.pids = stuck, pids
        self.kills: list[tuple[int, bytes]] = []  # each killed worker and its command line
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stop.is_set():
            for pid in holders(self.stuck, self.pids()):
                if pid in {killed for killed, _ in self.kills}:
                    continue  # dying: it holds the FIFO until its memory is gone, cmdline b""
                try:
                    command = Path(f"/proc/{pid}/cmdline").read_bytes()
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    continue
                self.kills.append((pid, command))
            time.sleep(0.01)

    def __enter__(self) -> _Operator:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(5)


def _check_only_the_stuck_one_failed(
    rows: list[ReportRow], stuck: Path, out: Path, kills: list[tuple[int, bytes]]
) -> None:
    by_input = {row.input: row for row in rows}
    assert by_input[str(stuck)].status == "failed"
    assert by_input[str(stuck)].error == "the worker process died while converting this input"
    assert by_input[str(stuck)].outputs == ()
    others = [row for name, row in by_input.items() if name != str(stuck)]
    assert len(others) == 12
    assert [row for row in others if row.status != "ok"] == []
    assert len(kills) >= 2  # once among the others, once alone
    assert part_files(out.parent) == []
    outputs = sorted(p.name for p in out.rglob("*.srt"))
    assert len(outputs) == 12 and "doc05b.srt" not in outputs


def test_the_input_that_kills_its_worker_is_found_and_only_it_fails(tmp_path: Path) -> None:
    """An input that hangs its worker (a FIFO no one ever closes), and an operator who kills
    every worker stuck on it: the batch retries the inputs that were in flight alongside,
    then runs each alone, so only the stuck input is reported, as the one that died. Here
    the batch runs in this process, beside the operator's thread: its workers are spawned."""
    stuck = _stuck_tree(tmp_path / "in")
    keep_open = os.open(stuck, os.O_RDWR | os.O_NONBLOCK)  # a writer that never finishes
    try:
        with _Operator(stuck, _child_pids) as operator:
            rows = convert(tmp_path / "in", tmp_path / "out", ["srt", "vtt"], jobs=2)
    finally:
        os.close(keep_open)

    _check_only_the_stuck_one_failed(rows, stuck, tmp_path / "out", operator.kills)
    assert all(b"spawn_main" in command for _, command in operator.kills)


def test_forked_workers_hold_none_of_the_callers_descriptors(tmp_path: Path) -> None:
    """The same, from a program of one thread (its workers are forked) that holds the FIFO
    open itself, as the test above does: a forked worker inherits that descriptor, and
    would be killed as stuck whatever it converts, every input failing, unless it lets go
    of what its parent had open. Only the worker reading the FIFO holds it."""
    stuck = _stuck_tree(tmp_path / "in")
    out = tmp_path / "out"
    args = [sys.executable, str(ROOT / "tests" / "batch_start_script.py"), "fifo"]
    process = subprocess.Popen(
        [*args, str(tmp_path / "in"), str(out), str(stuck)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    with _Operator(stuck, lambda: [pid for pid, _ in children_of(process.pid)]) as operator:
        stdout, stderr = process.communicate(timeout=300)

    assert process.returncode == 0, stderr
    rows = [ReportRow.from_json(line) for line in json.loads(stdout.splitlines()[-1])]
    _check_only_the_stuck_one_failed(rows, stuck, out, operator.kills)
    assert [command for _, command in operator.kills if b"spawn_main" in command] == []


@pytest.mark.parametrize("dying", [1, 2, 4])
def test_workers_that_die_as_they_start_cost_no_input(tmp_path: Path, dying: int) -> None:
    """Workers killed as they start (before their initializer: the moment an operator's
    kill of a process holding the FIFO can land, above) break a pool before it takes an
    input, or while the first ones run: a new pool is started and every input is done.
    A pool that breaks while it starts is handed back broken, not raised from it."""
    root, out, marks = tmp_path / "in", tmp_path / "out", tmp_path / "marks"
    marks.mkdir()
    for i in range(8):
        (root / f"d{i % 2}").mkdir(parents=True, exist_ok=True)
        (root / f"d{i % 2}/doc{i}.json").write_bytes(REAL_EXAMPLE.read_bytes())
    process = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "batch_start_script.py"), "dying", str(root),
         str(out), str(marks), str(dying)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, timeout=300,
    )  # fmt: skip
    assert process.returncode == 0, process.stderr
    assert sorted(p.name for p in marks.iterdir()) == [str(k) for k in range(dying)]
    rows = json.loads(process.stdout.splitlines()[-1])
    assert len(rows) == 8 and {json.loads(row)["status"] for row in rows} == {"ok"}
    assert len([p for p in out.rglob("*") if p.suffix in (".srt", ".vtt")]) == 16
    assert part_files(out.parent) == []


def test_a_broken_pool_is_shut_down_even_with_a_worker_busy() -> None:
    """A worker dies while another is busy (a slow input, say): the standard library would
    stop the busy one with SIGTERM, which our workers ignore, and wait for it forever. The
    pool's shut-down kills it instead, and returns."""
    from elementlist.batch.local import _init_worker, _ShuttingDown

    context = multiprocessing.get_context("spawn")
    pool = cf.ProcessPoolExecutor(2, mp_context=context, initializer=_init_worker, initargs=(None,))
    busy = pool.submit(time.sleep, 3600)
    other = pool.submit(os.getpid).result(timeout=60)
    processes = list(pool._processes.values())  # type: ignore[attr-defined]
    assert len(processes) == 2 and other in {p.pid for p in processes}
    os.kill(other, signal.SIGKILL)
    with pytest.raises(cf.process.BrokenProcessPool):
        busy.result(timeout=60)

    closing = _ShuttingDown(pool)
    waiter = threading.Thread(target=closing.wait, kwargs={"broken": True}, daemon=True)
    waiter.start()
    waiter.join(60)
    assert not waiter.is_alive(), "the shut-down waits for a worker that ignores SIGTERM"
    assert [p.is_alive() for p in processes] == [False, False]


def test_a_stop_signal_is_noted_while_the_pool_runs_never_raised_inside_it(
    tmp_path: Path, hour_long: tuple[Path, dict[str, bytes]]
) -> None:
    """A stop signal that lands while the pool's own bookkeeping runs is noted, not raised
    there: raised inside ``cf.wait`` (which takes the futures' locks one at a time in a
    Python loop), it left locks held and the pool's manager thread waiting for ever. Here
    the signal is sent from inside the batch's own code, the progress callback the pool
    loop calls: the callback runs to its end, the running jobs finish and are recorded, and
    only then does the batch raise the signal."""
    from elementlist.stop_signals import Stopped, taken

    source, expected = hour_long
    root = _inputs(tmp_path / "in", source, 40)
    out = tmp_path / "out"
    calls: list[int] = []

    def progress(row: ReportRow | None, done: int, total: int) -> None:
        if done == 1 and row is not None:
            os.kill(os.getpid(), signal.SIGTERM)  # the handler runs at the next bytecode
        calls.append(done)

    with pytest.raises(Stopped) as stopped, taken():  # the stop signals taken, as the CLI does
        convert(root, out, list(FORMATS), jobs=2, progress=progress)

    assert stopped.value.signum == signal.SIGTERM
    assert calls == list(range(len(calls)))  # every call ran to its end, none was cut
    rows = _report(out)
    assert len(rows) == len(calls) - 1 < 40  # stopped early, every finished job recorded
    assert {row.status for row in rows} == {"ok"}
    assert part_files(tmp_path) == []
    _check_complete(_outputs(out), expected)
    assert len(_outputs(out)) == len(rows) * len(FORMATS)
