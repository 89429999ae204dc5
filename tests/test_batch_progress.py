"""The progress bar (tqdm): its text, in place on a terminal, whole lines when forced
elsewhere, silence when not forced; and what ``elementlist batch`` shows on stderr."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

from batch_support import make_tree
from conftest import ROOT, run_cli

from elementlist.batch import ReportRow, convert
from elementlist.batch.progress import LINE_INTERVAL, TTY_INTERVAL, ProgressBar

# tqdm's line: "batch:  40%|####      | 2/5 [00:00<00:00,  3.1file/s, 1 failed]"
BAR_LINE = re.compile(r"^batch: +(\d+)%\|[^|]*\| (\d+)/(\d+) \[[^\]]*\]$")


def lines_of(stream: io.StringIO) -> list[tuple[int, int]]:
    """(done, total) of each line the bar wrote; every line must be a whole bar line."""
    text = stream.getvalue()
    assert "\r" not in text and text.endswith("\n")
    found = []
    for line in text.splitlines():
        match = BAR_LINE.match(line)
        assert match, line
        found.append((int(match.group(2)), int(match.group(3))))
    return found


def finish(bar: ProgressBar, statuses: list[str]) -> None:
    for status in statuses:
        bar.advance(status)
    bar.close()


def test_the_line_counts_failures_and_skips_with_the_rate_and_time_left() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, enabled=True, interval=0)
    bar.start(10)
    finish(bar, ["ok", "ok", "failed", "skipped"])
    last = stream.getvalue().splitlines()[-1]
    assert last.startswith("batch:  40%|####      | 4/10 [")
    assert last.endswith("file/s, 1 failed, 1 skipped]")
    assert "<" in last  # elapsed<time left


def test_forced_on_a_pipe_it_writes_whole_lines_throttled_first_and_last_always() -> None:
    every = io.StringIO()
    bar = ProgressBar(every, enabled=True, interval=0)  # no throttling: a line per state
    bar.start(5)
    finish(bar, ["ok"] * 5)
    assert lines_of(every) == [(n, 5) for n in range(6)]

    throttled = io.StringIO()
    bar = ProgressBar(throttled, enabled=True, interval=3600)
    bar.start(5)
    finish(bar, ["ok"] * 5)
    assert lines_of(throttled) == [(0, 5), (5, 5)]  # the first and the last, nothing between
    assert ProgressBar(io.StringIO(), enabled=True).interval == LINE_INTERVAL == 1.0


def test_closing_early_still_ends_with_the_state_reached() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, enabled=True, interval=3600)
    bar.start(4)
    finish(bar, ["ok", "failed"])  # stopped after two of four (Ctrl-C)
    assert lines_of(stream) == [(0, 4), (2, 4)]
    bar.close()  # a second close adds nothing
    assert lines_of(stream) == [(0, 4), (2, 4)]


def test_a_line_written_while_the_bar_shows_stands_whole_on_its_own_line() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, enabled=True, interval=0)
    bar.start(2)
    bar.advance("ok")
    bar.write("elementlist: a.json: recognised as srt (SubRip captions)")
    finish(bar, ["ok"])
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("batch:   0%") and lines[1].startswith("batch:  50%")
    assert lines[2] == "elementlist: a.json: recognised as srt (SubRip captions)"
    assert lines[3].startswith("batch: 100%") and len(lines) == 4
    assert stream.getvalue().endswith("\n") and "\r" not in stream.getvalue()
    silent = io.StringIO()
    quiet = ProgressBar(silent, enabled=False)
    quiet.write("a line")  # no bar: the line all the same
    assert silent.getvalue() == "a line\n"


def test_not_a_terminal_and_not_forced_it_is_silent() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    assert not bar.enabled
    bar.start(3)
    finish(bar, ["ok"] * 3)
    assert stream.getvalue() == ""
    off = io.StringIO()
    bar = ProgressBar(off, enabled=False)
    bar.start(1)
    finish(bar, ["ok"])
    assert off.getvalue() == ""


def read_terminal(leader: int) -> str:
    shown = ""
    while not shown.endswith("\n"):  # a pty hands the text over in pieces
        ready, _, _ = select.select([leader], [], [], 5)
        assert ready, f"no more output after {shown!r}"
        shown += os.read(leader, 4096).decode()
    return shown


def test_on_a_terminal_it_redraws_one_line_in_place_within_its_width() -> None:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
    try:
        with open(follower, "w", closefd=False) as stream:
            bar = ProgressBar(stream)  # enabled because it is a terminal
            assert bar.enabled and bar.interval == TTY_INTERVAL
            bar.start(2)
            finish(bar, ["ok", "failed"])
        shown = read_terminal(leader)
    finally:
        os.close(leader)
        os.close(follower)
    body = shown.rstrip("\r\n")
    assert "\n" not in body  # one line, redrawn
    drawings = [d.rstrip() for d in body.split("\r") if d]
    assert len(drawings) >= 2 and all(d.startswith("batch:") for d in drawings)
    assert all(len(d) <= 60 for d in drawings)  # fits the terminal
    assert "2/2 [" in drawings[-1] and "1 failed]" in drawings[-1]


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
    assert "\r" not in forced.stderr.decode()
    lines = forced.stderr.decode().splitlines()
    bars = [line for line in lines if BAR_LINE.match(line)]
    assert bars[0].startswith("batch:   0%|") and " 0/6 [" in bars[0]
    assert bars[-1].startswith("batch: 100%|") and " 6/6 [" in bars[-1]
    assert bars[-1].endswith(", 3 failed]")
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
    assert "| 6/6 [" in text and "3 failed]" in text
