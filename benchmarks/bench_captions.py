"""Several formats from one parse: a Captions value against one get_caption call per format.

Run: ``PYTHONPATH=. python benchmarks/bench_captions.py [--sizes 1h 10h]``. For each
generated document (``benchmarks/corpus.py``) it times, best of a few rounds, three formats
(SRT, WebVTT, DFXP) rendered

* from the bytes: ``get_caption(data, f)`` three times, against ``captions(data)`` once and
  ``.to(f)`` three times;
* from a document already loaded with ``elementlist.load``: the same two, on the model;

and prints each as a ratio to ``orjson.loads`` of the same bytes (the collector on, as in a
user's process; benchmarks/report.py measures the same way).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import DURATIONS, corpus  # noqa: E402

import elementlist as el  # noqa: E402
from elementlist import kernels  # noqa: E402

FORMATS = ("SRT", "WEB_VTT", "DFXP")


def best(fn: Callable[[], object], rounds: int) -> float:
    """Best wall time of ``rounds`` calls, in ms."""
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000


def three_calls(source: object) -> list[str]:
    return [el.get_caption(source, f) for f in FORMATS]  # type: ignore[arg-type]


def one_value(source: object) -> list[str]:
    made = el.captions(source)  # type: ignore[arg-type]
    return [made.to(f) for f in FORMATS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1h", "10h"], choices=list(DURATIONS))
    args = parser.parse_args()
    print(f"elementlist {el.__version__}, kernels: {kernels.IMPLEMENTATION}\n")
    print(
        "| document | orjson.loads | load() | from bytes: 3 × get_caption | captions + 3 × .to "
        "| from the model: 3 × get_caption | captions + 3 × .to | .to alone (3 formats) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name in args.sizes:
        print(row(name))


def row(name: str) -> str:
    """One document's line of the table."""
    data = corpus(name)
    rounds = 3 if name == "10h" else 7
    model = el.load(data)
    assert three_calls(data) == one_value(data) == three_calls(model) == one_value(model)
    base = best(lambda: orjson.loads(data), rounds)
    load = best(lambda: el.load(data), rounds)
    made = el.captions(model)
    cells = [
        best(lambda: three_calls(data), rounds),
        best(lambda: one_value(data), rounds),
        best(lambda: three_calls(model), rounds),
        best(lambda: one_value(model), rounds),
        best(lambda: [made.to(f) for f in FORMATS], rounds),
    ]
    shown = " | ".join(f"{ms:.1f} ms ({ms / base:.2f}×)" for ms in cells)
    return f"| {name} | {base:.1f} ms | {load:.1f} ms ({load / base:.2f}×) | {shown} |"


if __name__ == "__main__":
    main()
