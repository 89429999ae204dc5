"""``table_from_bytes`` (the compiled scanner: JSON bytes → TokenTable) on the generated
1-minute, 1-hour and 10-hour documents, and the same scan with its validation check.

Run: ``PYTHONPATH=. python benchmarks/bench_scan.py [--rounds N]``. Each time is the best
of N calls (default: 200, 50 and 15 by size), with ``gc.collect()`` before each call.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus

from elementlist import kernels
from elementlist.table.from_bytes import table_from_bytes

ROUNDS = {"1min": 200, "1h": 50, "10h": 15}


def best(fn: Callable[[], object], rounds: int) -> float:
    """Best wall time of ``rounds`` calls in ms, each after a full collection."""
    times = []
    for _ in range(rounds):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=0, help="calls per size (0: by size)")
    args = parser.parse_args()
    print(f"scanner: {kernels.implementations()['_scan']}\n")
    print("| document | MB | table_from_bytes |")
    print("|---|---|---|")
    for name, rounds in ROUNDS.items():
        data = corpus(name)
        n = args.rounds or rounds
        ms = best(lambda d=data: table_from_bytes(d), n)
        print(f"| {name} | {len(data) / 1e6:.1f} | {ms:.2f} ms |")


if __name__ == "__main__":
    main()
