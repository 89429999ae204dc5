"""Batch throughput: 1,000 generated ElementLists (1 minute each, issue 15's case; or 10
minutes) into SRT + WebVTT + DFXP.

Run: ``PYTHONPATH=. python benchmarks/bench_batch.py [--files N] [--repeat R]
[--duration 1min|10min]``.

Measured, best of R rounds, the four runs in turn within a round, every run into a fresh
output directory and after an ``os.sync`` (the order of the runs otherwise decides which
pays for the disk's work left by the one before):

* plain loop: read, decode, lay out once, render the three formats, write them whole
  (``AtomicFiles``, and one flush to disk for each 16 inputs, as the batch groups 1-minute
  inputs); the same work the batch does, with none of its machinery;
* naive loop: ``get_caption`` once per format and a plain ``write_bytes`` (what a
  hand-written script does; shown for reference);
* ``convert(jobs=1)`` (in this process) and ``convert(jobs=2)`` (two worker processes).

The overhead of the batch machinery (walking the tree, checking what is up to date,
scheduling, the report) is ``convert(jobs=1)`` over the plain loop; the target is under 10%.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bytecode import compile_package
from corpus import DURATIONS, corpus, words

from elementlist import CaptionOptions, captions, get_caption
from elementlist.atomic import AtomicFiles, commit_all
from elementlist.batch import convert
from elementlist.batch.grouping import GROUP_JOBS

FORMATS = (("SRT", ".srt"), ("WEB_VTT", ".vtt"), ("DFXP", ".dfxp"))


def make_inputs(root: Path, count: int, duration: str) -> list[Path]:
    """``count`` copies of the generated document of ``duration``, 100 to a folder."""
    data = corpus(duration)
    paths = []
    for i in range(count):
        path = root / f"set{i // 100:02d}" / f"talk{i:04d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


def plain_loop(paths: list[Path], root: Path, out: Path) -> None:
    options = CaptionOptions()
    for start in range(0, len(paths), GROUP_JOBS):  # flushed to disk as the batch does
        group = []
        for path in paths[start : start + GROUP_JOBS]:
            made = captions(path.read_bytes(), options, source_name=path.name)  # one layout
            stem = out / path.relative_to(root).with_suffix("")
            stem.parent.mkdir(parents=True, exist_ok=True)
            files = AtomicFiles()
            for fmt, ext in FORMATS:
                files.add(stem.with_name(stem.name + ext), made.to(fmt).encode("utf-8"))
            group.append(files)
        commit_all(group)  # one flush for the group's outputs, then the renames


def naive_loop(paths: list[Path], root: Path, out: Path) -> None:
    for path in paths:
        data = path.read_bytes()
        stem = out / path.relative_to(root).with_suffix("")
        stem.parent.mkdir(parents=True, exist_ok=True)
        for fmt, ext in FORMATS:
            text = get_caption(data, fmt, source_name=path.name)
            stem.with_name(stem.name + ext).write_bytes(text.encode("utf-8"))


def best_of_each(
    repeat: int, runs: dict[str, Callable[[Path], object]], scratch: Path
) -> dict[str, float]:
    """The best time of each run over ``repeat`` rounds, the runs taken in turn within each
    round; each starts with the disk quiet (``os.sync``: what the run before it wrote, and
    the deletion of its outputs, is flushed first, not in the next run's time)."""
    best = dict.fromkeys(runs, float("inf"))
    for i in range(repeat):
        for name, run in runs.items():
            out = scratch / f"out{i}"
            os.sync()
            started = time.perf_counter()
            run(out)
            best[name] = min(best[name], time.perf_counter() - started)
            shutil.rmtree(out)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--duration", choices=[d for d in DURATIONS if d in ("1min", "10min")], default="1min"
    )
    parser.add_argument(
        "--scratch",
        metavar="DIR",
        help="where inputs and outputs go (default: the system's temporary folder); a tmpfs "
        "such as /dev/shm leaves the disk out, whose file creation times vary from run to run",
    )
    args = parser.parse_args()
    compile_package()  # measured as installed: see bytecode.py

    data = corpus(args.duration)
    with tempfile.TemporaryDirectory(prefix="bench_batch.", dir=args.scratch) as scratch_name:
        scratch = Path(scratch_name)
        root = scratch / "in"
        paths = make_inputs(root, args.files, args.duration)
        n = len(paths)
        print(
            f"{n} inputs of {len(data) / 1e3:.0f} kB, {words(data)} words, {args.duration} each; "
            f"SRT + WebVTT + DFXP; {os.cpu_count()} CPUs; best of {args.repeat}; in {scratch}"
        )
        results = best_of_each(
            args.repeat,
            {
                "plain loop (same work, written whole)": lambda out: plain_loop(paths, root, out),
                "naive loop (get_caption per format)": lambda out: naive_loop(paths, root, out),
                "convert, jobs=1 (in process)": lambda out: convert(
                    root, out, ["srt", "vtt", "dfxp"], jobs=1
                ),
                "convert, jobs=2 (2 worker processes)": lambda out: convert(
                    root, out, ["srt", "vtt", "dfxp"], jobs=2
                ),
            },
            scratch,
        )
        width = max(map(len, results))
        for name, seconds in results.items():
            print(f"  {name:<{width}}  {seconds:6.2f} s  {n / seconds:7.1f} files/s")
        plain = results["plain loop (same work, written whole)"]
        one = results["convert, jobs=1 (in process)"]
        two = results["convert, jobs=2 (2 worker processes)"]
        print(
            f"batch machinery overhead (jobs=1 over the plain loop): {(one / plain - 1):+.1%} "
            "(target < 10%)"
        )
        print(f"speed-up with 2 workers over jobs=1: {one / two:.2f}x")


if __name__ == "__main__":
    main()
