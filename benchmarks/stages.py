"""Where the time of ``get_caption(bytes, "SRT")`` goes, stage by stage, at each size.

    python benchmarks/stages.py            # 1 min, 10 min, 1 h (and a one-word document)
    python benchmarks/stages.py --10h      # the 10-hour document too

Each stage runs alone on what the stage before it made (best of several rounds, the
collector paused as elementlist pauses it), and is shown in µs and as a share of
``orjson.loads`` of the same bytes; the last rows are the whole call and the stages' sum
(what the call costs beyond them: options, the Captions value, the writer's set-up). The
one-word document shows the fixed cost of a call. docs/performance.md reads this table.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import corpus  # noqa: E402

import elementlist as el  # noqa: E402
from elementlist.captions.layout import _kernel as layout_kernel  # noqa: E402
from elementlist.captions.lines import spoken_captions  # noqa: E402
from elementlist.captions.model import DocumentInfo  # noqa: E402
from elementlist.captions.prepare import kernel_arguments, prepare_layout  # noqa: E402
from elementlist.captions.timing import time_captions  # noqa: E402
from elementlist.captions.value import Captions  # noqa: E402
from elementlist.table.build import table_of  # noqa: E402
from elementlist.table.transforms import apply_transforms  # noqa: E402

ONE_WORD = orjson.dumps(
    {"version": 3, "language": "en", "start_time": 0, "end_time": 1000, "segments": [
        {"start_time": 0, "end_time": 1000, "sequences": [
            {"start_time": 0, "end_time": 1000, "tokens": [
                {"start_time": 0, "end_time": 1000, "value": "Hello", "type": "word"}]}]}]}
)  # fmt: skip


def best_us(fn: Callable[[], object], rounds: int) -> float:
    times = []
    gc.disable()
    try:
        for _ in range(rounds):
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
    finally:
        gc.enable()
    return min(times) * 1e6


def stages(data: bytes, rounds: int) -> list[tuple[str, float]]:
    options = el.CaptionOptions()
    table = table_of(data)
    transformed = apply_transforms(table, options)
    prepared = prepare_layout(transformed, options)
    arguments = kernel_arguments(prepared, options)
    codes = layout_kernel.layout_units(*arguments)
    spoken = spoken_captions(prepared, codes, options)
    timed = time_captions(spoken, options)
    made = Captions._trusted(tuple(timed), DocumentInfo(language=table.language), options)
    rows = [
        ("orjson.loads", lambda: orjson.loads(data)),
        ("bytes → TokenTable (scan)", lambda: table_of(data)),
        ("transforms", lambda: apply_transforms(table, options)),
        ("layout: preparation", lambda: prepare_layout(transformed, options)),
        (
            "layout: kernel",
            lambda: layout_kernel.layout_units(*kernel_arguments(prepared, options)),
        ),
        ("layout: lines", lambda: spoken_captions(prepared, codes, options)),
        ("layout: timing", lambda: time_captions(spoken, options)),
        ("writer: SRT", lambda: made.to("SRT")),
        ("get_caption(bytes, SRT)", lambda: el.get_caption(data, "SRT")),
    ]
    return [(name, best_us(fn, rounds)) for name, fn in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--10h", dest="ten_hours", action="store_true")
    args = parser.parse_args()
    sizes = {"one word": (ONE_WORD, 3000), "1min": (corpus("1min"), 500),
             "10min": (corpus("10min"), 60), "1h": (corpus("1h"), 15)}  # fmt: skip
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
