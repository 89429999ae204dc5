"""SCC against SRT for the same captions: the whole get_caption, and the writer alone.

    python benchmarks/bench_scc.py            # the 10-hour corpus
    python benchmarks/bench_scc.py --quick    # 1 hour

"The same captions": SCC's layout runs at 32 columns (CEA-608's rows), so SRT is made with
``characters_per_caption_line=32`` too. Each time is the best of several rounds. The goal
(issue 12): SCC within 2× SRT.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import corpus, words  # noqa: E402

import elementlist as el  # noqa: E402
from elementlist.gcpause import paused_gc  # noqa: E402
from elementlist.options.classes import CaptionOptions  # noqa: E402


def best(fn: Callable[[], object], rounds: int) -> float:
    """The best of ``rounds`` runs, each with the garbage collector paused as get_caption
    pauses it around its own work."""
    times = []
    for _ in range(rounds):
        with paused_gc():
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the 1-hour corpus")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    name = "1h" if args.quick else "10h"
    data = corpus(name)
    warnings.simplefilter("ignore", UserWarning)  # the delayed-caption line, once a run
    srt_options = CaptionOptions(characters_per_caption_line=32)
    captions = el.captions(data, srt_options)  # the Captions value: render it as often as wanted
    rows = [
        ("get_caption SRT (32 columns)", lambda: el.get_caption(data, "SRT", srt_options)),
        ("get_caption SCC", lambda: el.get_caption(data, "SCC")),
        ("writer SRT", lambda: captions.to("SRT")),
        ("writer SCC", lambda: captions.to("SCC")),
    ]
    print(f"{name}: {len(data) / 1e6:.1f} MB, {words(data)} words, {len(captions)} captions")
    results = {label: best(fn, args.rounds) for label, fn in rows}
    for label, seconds in results.items():
        print(f"{label:32s} {seconds * 1000:9.1f} ms")
    whole = results["get_caption SCC"] / results["get_caption SRT (32 columns)"]
    writer = results["writer SCC"] / results["writer SRT"]
    print(f"SCC / SRT: get_caption {whole:.2f}x, writer alone {writer:.2f}x")


if __name__ == "__main__":
    main()
