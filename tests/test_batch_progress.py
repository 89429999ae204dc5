"""The progress bar: its text, in place on a terminal, whole lines when forced elsewhere,
silence when not forced; and what ``elementlist batch`` shows on stderr."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

from batch_support import make_tree
from conftest import ROOT, run_cli

from elementlist.batch import ReportRow, convert
from elementlist.batch.progress import ProgressBar, format_duration

BAR_LINE = re.compile(r"^batch \[[#.]{24}\] \d+/\d+ +\d+%")


class Clock:
    """Time that moves only when told to."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_line_counts_failures_skips_rate_and_time_left() -> None:
    clock = Clock()
    stream = io.StringIO()
    bar = ProgressBar(stream, enabled=True, clock=clock)
    bar.start(10)
    assert bar.line() == "batch [........................] 0/10   0%"
    clock.now += 2
    for status in ("ok", "ok", "failed", "skipped"):
        bar.advance(status)
    assert bar.line() == (
        "batch [#########...............] 4/10  40%  1 failed  1 skipped  2.0 files/s  ETA 0:03"
    )
    assert format_duration(3725) == "1:02:05"


def test_forced_on_a_pipe_it_writes_whole_lines_at_most_once_a_second() -> None:
    clock = Clock()
    stream = io.StringIO()
    bar = ProgressBar(stream, enabled=True, clock=clock)
    bar.start(5)
    bar.advance("ok")  # too soon after the first line: not drawn
    clock.now += 1.5
    bar.advance("ok")
    for _ in range(3):
        bar.advance("ok")  # the last one always draws
    bar.close()
    lines = stream.getvalue().splitlines()
    assert [line.split("]")[1].split()[0] for line in lines] == ["0/5", "2/5", "5/5"]
    assert "\r" not in stream.getvalue()


def test_not_a_terminal_and_not_forced_it_is_silent() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    assert not bar.enabled
    bar.start(3)
    for _ in range(3):
        bar.advance("ok")
    bar.close()
    assert stream.getvalue() == ""


def test_on_a_terminal_it_redraws_one_line() -> None:
    leader, follower = pty.openpty()
    try:
        with open(follower, "w", closefd=False) as stream:
            clock = Clock()
            bar = ProgressBar(stream, clock=clock)  # enabled because it is a terminal
            assert bar.enabled
            bar.start(2)
            clock.now += 1
            bar.advance("ok")
            bar.advance("failed")
            bar.close()
        shown = ""
        while not shown.endswith("\n"):  # a pty hands the text over in pieces
            ready, _, _ = select.select([leader], [], [], 5)
            assert ready, f"no more output after {shown!r}"
            shown += os.read(leader, 4096).decode()
    finally:
        os.close(leader)
        os.close(follower)
    assert shown.count("\rbatch [") == 3
    assert shown.endswith("\n") or shown.endswith("\r\n")
    assert "2/2 100%  1 failed" in shown


def test_convert_reports_each_input_to_the_callback(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in")
    calls: list[tuple[str | None, int, int]] = []

    def progress(row: ReportRow | None, done: int, total: int) -> None:
        calls.append((row.status if row else None, done, total))

    convert(tree.root, tmp_path / "out", ["srt"], jobs=2, progress=progress)
    assert calls[0] == (None, 0, 6)
    assert [done for _, done, _ in calls[1:]] == [1, 2, 3, 4, 5, 6]
    assert sorted(status for status, _, _ in calls[1:]) == ["failed"] * 3 + ["ok"] * 3


def test_the_command_shows_the_bar_when_forced_and_not_otherwise(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in")
    forced = run_cli("batch", str(tree.root), "-o", str(tmp_path / "a"), "--progress")
    lines = forced.stderr.decode().splitlines()
    bars = [line for line in lines if BAR_LINE.match(line)]
    assert bars[0].startswith("batch [........................] 0/6")
    assert bars[-1].startswith("batch [########################] 6/6 100%  3 failed")
    assert lines[-1] == (
        f"elementlist: 3 converted, 3 failed, 0 up to date; report: {tmp_path / 'a'}/_report.jsonl"
    )

    quiet = run_cli("batch", str(tree.root), "-o", str(tmp_path / "b"))
    assert not any(BAR_LINE.match(line) for line in quiet.stderr.decode().splitlines())
    assert "3 converted, 3 failed" in quiet.stderr.decode()

    off = run_cli("batch", str(tree.root), "-o", str(tmp_path / "c"), "--no-progress")
    assert not any(BAR_LINE.match(line) for line in off.stderr.decode().splitlines())


def test_on_a_terminal_the_command_shows_the_bar_by_itself(tmp_path: Path) -> None:
    tree = make_tree(tmp_path / "in")
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "elementlist",
            "batch",
            str(tree.root),
            "-o",
            str(tmp_path / "o"),
            "-j",
            "1",
        ],
        stderr=follower,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    shown = b""
    try:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the process has exited
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
        process.wait(timeout=60)
    text = shown.decode()
    assert "\r" in text
    assert "6/6 100%  3 failed" in text
