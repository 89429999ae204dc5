"""Where the time of ``get_caption(bytes, "SRT")`` goes, stage by stage, at each size.

    python benchmarks/stages.py            # 1 min, 10 min, 1 h (and a one-word document)
    python benchmarks/stages.py --10h      # the 10-hour document too

Measured as issue 15 asks and as benchmarks/report.py measures: every call after a
``gc.collect()``, best of many rounds, round robin with ``orjson.loads`` of the same bytes.
Each stage is timed inside whole calls (the pipeline's own functions, wrapped for this run
only), so a stage meets the caches as the stages before it leave them; its best over the
rounds is shown in µs and as a share of ``orjson.loads``. "The call beyond its stages" is
what the whole call's best costs more than the stages' bests: options, the ``Captions``
value, the source's sniffing, the kernel's arguments. The one-word document shows the fixed
cost of a call. docs/performance.md reads this table.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bytecode import compile_package  # noqa: E402
from corpus import corpus  # noqa: E402

import elementlist as el  # noqa: E402

# the modules whose names for the stages are wrapped (``elementlist.captions`` is also a
# function's name in the package, hence import_module)
_API = importlib.import_module("elementlist.captions.api")
_LAYOUT = importlib.import_module("elementlist.captions.layout")

STAGES = [
    ("bytes → TokenTable (scan)", _API, "table_of"),
    ("transforms", _API, "apply_transforms"),
    ("layout: preparation", _LAYOUT, "prepare_layout"),
    ("layout: kernel", _LAYOUT, "_kernel.layout_units"),
    ("layout: lines", _LAYOUT, "spoken_captions"),
    ("layout: timing", _LAYOUT, "time_captions"),
    ("writer: SRT", _API, "render_captions"),
]

ONE_WORD = orjson.dumps(
    {"version": 3, "language": "en", "start_time": 0, "end_time": 1000, "segments": [
        {"start_time": 0, "end_time": 1000, "sequences": [
            {"start_time": 0, "end_time": 1000, "tokens": [
                {"start_time": 0, "end_time": 1000, "value": "Hello", "type": "word"}]}]}]}
)  # fmt: skip


class _Timed:
    """Stands in for a module attribute: calls it and keeps the call's time."""

    def __init__(self, call: Callable[..., Any], times: dict[str, float], label: str) -> None:
        self.call, self.times, self.label = call, times, label

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self.call(*args, **kwargs)
        finally:
            self.times[self.label] = time.perf_counter() - t0


class _KernelTimed:
    """The layout kernel module with its one call timed."""

    def __init__(self, kernel: Any, times: dict[str, float], label: str) -> None:
        self.layout_units = _Timed(kernel.layout_units, times, label)


def stages(data: bytes, rounds: int) -> list[tuple[str, float]]:
    """The best µs of ``orjson.loads``, of each stage inside whole calls, and of the call."""
    times: dict[str, float] = {}
    saved = []
    for label, module, name in STAGES:
        if name == "_kernel.layout_units":
            saved.append((module, "_kernel", module._kernel))
            module._kernel = _KernelTimed(module._kernel, times, label)
        else:
            saved.append((module, name, getattr(module, name)))
            setattr(module, name, _Timed(getattr(module, name), times, label))
    best = {label: float("inf") for label, _, _ in STAGES}
    base = whole = float("inf")
    try:
        el.get_caption(data, "SRT")
        for _ in range(rounds):
            gc.collect()
            t0 = time.perf_counter()
            orjson.loads(data)
            base = min(base, time.perf_counter() - t0)
            gc.collect()
            t0 = time.perf_counter()
            el.get_caption(data, "SRT")
            whole = min(whole, time.perf_counter() - t0)
            for label, seconds in times.items():
                best[label] = min(best[label], seconds)
    finally:
        for module, name, original in saved:
            setattr(module, name, original)
    rows = [("orjson.loads", base), *best.items(), ("get_caption(bytes, SRT)", whole)]
    return [(label, seconds * 1e6) for label, seconds in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--10h", dest="ten_hours", action="store_true")
    args = parser.parse_args()
    compile_package()  # measured as installed: see bytecode.py
    sizes = {"one word": (ONE_WORD, 1000), "1min": (corpus("1min"), 400),
             "10min": (corpus("10min"), 80), "1h": (corpus("1h"), 15)}  # fmt: skip
    if args.ten_hours:
        sizes["10h"] = (corpus("10h"), 3)
    columns = {name: stages(data, rounds) for name, (data, rounds) in sizes.items()}
    names = [row for row, _ in next(iter(columns.values()))]
    print("| stage | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for i, row in enumerate(names):
        cells = []
        for measured in columns.values():
            us, base = measured[i][1], measured[0][1]
            cells.append(f"{us:,.0f} µs" if i == 0 else f"{us:,.0f} µs ({us / base:.2f}×)")
        print(f"| {row} | " + " | ".join(cells) + " |")
    cells = []
    for measured in columns.values():
        stage_sum = sum(us for _, us in measured[1:-1])
        whole = measured[-1][1]
        cells.append(f"{whole - stage_sum:,.0f} µs")
    print("| the call beyond its stages | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
