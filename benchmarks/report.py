"""One run of every number the README reports: ours against orjson.loads of the same bytes,
against peer libraries, the compiled kernel against its twin, and peak memory.

    python benchmarks/report.py            # prints a Markdown table
    python benchmarks/report.py --quick    # 1 min and 1 h only
    python benchmarks/report.py --routes-only --large   # the routes on issue 11's 108 MB

Each timing is the best of many rounds in this one process, taken round robin (each round
makes every call in turn: ours to each format, orjson.loads, the peers) and each call after
a ``gc.collect()``, with Python's garbage collector left on as a user's process has it
(elementlist pauses it inside its own calls; orjson and the peers run as they are). Ratios
are ours ÷ orjson.loads from the same rounds.

The routes table (the ``elementlist caption`` command, ``get_caption(data)``, ``load()`` then
``get_caption``) is :mod:`bench_cli`'s, run as a process of its own: Linux hands a parent's
peak RSS to a child it starts, and this process holds the corpus, so each route must be
started from a small one to show its own peak. Issue 11's targets: within 10% of the bytes
route in time, under 2x the input in peak RSS. On a small document the interpreter's start-up
(the ``startup`` row) is most of the peak; ``--large`` runs the 108 MB document the issue names.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bytecode import compile_package  # noqa: E402
from corpus import DURATIONS, corpus, words  # noqa: E402
from peers import PEERS  # noqa: E402

import elementlist as el  # noqa: E402
from elementlist import kernels  # noqa: E402
from elementlist.captions import layout_kernel  # noqa: E402
from elementlist.captions.prepare import kernel_arguments, prepare_layout  # noqa: E402
from elementlist.gcpause import paused_gc  # noqa: E402
from elementlist.options.classes import CaptionOptions  # noqa: E402
from elementlist.table.from_model import build_token_table  # noqa: E402
from elementlist.table.transforms import apply_transforms  # noqa: E402

FORMATS = ("SRT", "WEB_VTT", "DFXP")
ROUNDS = {"1min": 200, "10min": 60, "1h": 12, "10h": 3}  # about the same time for each


def round_robin(calls: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The best wall time of each call in ms, over ``rounds`` rounds that make every call
    in turn, each after a ``gc.collect()`` (issue 15's way: no call finds the one before
    it's garbage to collect, and every call starts with the caches as a collection leaves
    them, as a call in a user's process meets them)."""
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(rounds):
        for name, call in calls.items():
            gc.collect()
            t0 = time.perf_counter()
            call()
            best[name] = min(best[name], time.perf_counter() - t0)
    return {name: seconds * 1000 for name, seconds in best.items()}


def _paused(call: Callable[[bytes], object], data: bytes) -> object:
    with paused_gc():  # orjson without the collector's passes over its dicts
        return call(data)


def best(fn: Callable[[], object], rounds: int) -> float:
    """Best wall time of ``rounds`` calls, in ms."""
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000


def peak_memory(fn: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


ROUTES_MB = 30  # the routes' document by default: about 10 s of routes, best of 3
LARGE_ROUTES_MB = 108  # issue 11's document


def print_routes(megabytes: float) -> None:
    """bench_cli's table of the three routes, from a process of its own (see above)."""
    print("\nRoutes, each in a fresh process (see benchmarks/bench_cli.py):\n", flush=True)
    bench = [sys.executable, str(HERE / "bench_cli.py"), "--mb", str(megabytes), "--rounds", "3"]
    subprocess.run(bench, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--large",
        action="store_true",
        help=f"routes on a {LARGE_ROUTES_MB} MB document (default {ROUTES_MB} MB)",
    )
    parser.add_argument("--routes-only", action="store_true", help="only the routes table")
    args = parser.parse_args()
    compile_package()  # measured as installed: see bytecode.py
    routes_mb = LARGE_ROUTES_MB if args.large else ROUTES_MB
    if args.routes_only:
        print_routes(routes_mb)
        return
    sizes = ["1min", "1h"] if args.quick else list(DURATIONS)
    print(f"elementlist {el.__version__}, kernels: {kernels.IMPLEMENTATION}\n")
    print(
        "| document | bytes | words | orjson.loads | → SRT | → WebVTT | → DFXP | peak memory "
        "| orjson.loads, GC paused | → SRT ÷ that |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    peers_rows = []
    for name in sizes:
        data = corpus(name)
        calls: dict[str, Callable[[], object]] = {
            "orjson": lambda d=data: orjson.loads(d),
            "orjson, GC paused": lambda d=data: _paused(orjson.loads, d),
        }
        for fmt in FORMATS:
            calls[fmt] = lambda d=data, f=fmt: el.get_caption(d, f)
        for peer, fn in PEERS.items():
            calls[peer] = lambda d=data, f=fn: f(d)
        ms = round_robin(calls, ROUNDS[name])
        base = ms["orjson"]
        cells = [f"{ms[fmt]:.1f} ms ({ms[fmt] / base:.2f}×)" for fmt in FORMATS]
        peak = peak_memory(lambda d=data: el.get_caption(d, "SRT"))
        quiet = ms["orjson, GC paused"]
        print(
            f"| {name} | {len(data) / 1e6:.1f} MB | {words(data):,} | {base:.1f} ms | "
            + " | ".join(cells)
            + f" | {peak / len(data):.2f}× input | {quiet:.1f} ms | {ms['SRT'] / quiet:.2f}× |"
        )
        peers_rows.append((name, ms["SRT"] / base, [ms[peer] / base for peer in PEERS]))

    print(
        "\nPeers, the same bytes to captions (× orjson.loads, from the same rounds as the "
        "table above; see benchmarks/peers.py):\n"
    )
    print("| document | elementlist → SRT | " + " | ".join(PEERS) + " |")
    print("|---|---|" + "---|" * len(PEERS))
    for name, ours, row in peers_rows:
        print(f"| {name} | {ours:.2f}× | " + " | ".join(f"{r:.2f}×" for r in row) + " |")

    data = corpus(sizes[-1])
    options = CaptionOptions()
    with paused_gc():
        table = apply_transforms(build_token_table(el.loads(data)), options)
        arguments = kernel_arguments(prepare_layout(table, options), options)
    kernel = kernels.compiled("_layout") or layout_kernel
    compiled = best(lambda: kernel.layout_units(*arguments), 5)
    pure = best(lambda: layout_kernel.layout_units(*arguments), 2)
    print(
        f"\nLayout kernel on the {sizes[-1]} document ({len(arguments[0]):,} units): compiled "
        f"{compiled:.1f} ms, pure twin {pure:.1f} ms — {pure / compiled:.0f}× "
        f"(compiled: {kernel is not layout_kernel})"
    )
    print_routes(routes_mb)


if __name__ == "__main__":
    main()
