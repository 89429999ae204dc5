"""The ``elementlist caption`` command against the library's routes on one large document:
wall time and peak memory (peak RSS of the process), each route in a fresh subprocess.

Run: ``PYTHONPATH=. python benchmarks/bench_cli.py [--mb 100] [--rounds 3] [--format SRT]``.

The document is the bundled podcast script repeated (as :mod:`corpus` makes them) until it
holds about ``--mb`` megabytes of JSON; it is written once to a temporary folder. Routes:

* ``cli``: ``python -m elementlist caption DOC -f FORMAT -o OUT`` (validates for its
  warning line, as the command does);
* ``bytes``: a script that reads the file and calls ``get_caption(data, FORMAT)``, then
  writes the text (the library's fast route, no validation);
* ``model``: the same with ``load(path)`` first and ``get_caption(doc, FORMAT)``.

Each time is the best of ``--rounds`` runs, startup included; the peak RSS is the largest
``ru_maxrss`` of those runs (``os.wait4`` reports it per child). The document is made in a
subprocess of its own: Linux carries a process's peak RSS across ``fork`` and ``exec``, so
this process stays small to leave each route's own peak to be seen. The targets (issue 11):
the ``cli`` route under 2× the input in peak memory and within 10% of ``bytes`` in time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_package

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

BYTES_ROUTE = """
import sys, elementlist
data = open(sys.argv[1], 'rb').read()
text = elementlist.get_caption(data, sys.argv[2])
open(sys.argv[3], 'wb').write(text.encode('utf-8'))
"""
MODEL_ROUTE = """
import sys, elementlist
doc = elementlist.load(sys.argv[1])
text = elementlist.get_caption(doc, sys.argv[2])
open(sys.argv[3], 'wb').write(text.encode('utf-8'))
"""


def large_document(megabytes: float) -> bytes:
    """About ``megabytes`` MB of ElementList JSON (deterministic), made as corpus.py makes
    its documents: the podcast script repeated with fresh timing."""
    import msgspec

    sys.path.insert(0, str(ROOT / "examples"))
    from make_examples import PODCAST
    from synth import synthesize

    one = msgspec.json.encode(synthesize(PODCAST, seed=3))
    rounds = max(1, round(megabytes * 1e6 / len(one)))
    return msgspec.json.encode(synthesize(PODCAST * rounds, seed=3))


def run(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one subprocess; it must succeed."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read() if process.stderr else b""
    if process.returncode != 0:
        raise SystemExit(f"{argv[:4]} failed ({process.returncode}): {stderr.decode()[-500:]}")
    return elapsed, usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux


TIME_TARGET = 1.10  # issue 11: each route within 10% of the bytes route in time
MEMORY_TARGET = 2.0  # and under 2x the input in peak RSS
Results = dict[str, tuple[float, int]]  # route -> (best wall seconds, peak RSS bytes)


def measure_routes(megabytes: float, rounds: int, fmt: str) -> tuple[int, Results]:
    """The document's size in bytes and each route's best time and largest peak RSS."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "long.json"
        maker = [sys.executable, __file__, "--mb", str(megabytes), "--write", str(doc)]
        subprocess.run(maker, check=True)
        size = doc.stat().st_size
        out = str(Path(tmp) / "out")
        py = sys.executable
        routes = {
            "cli": [py, "-m", "elementlist", "caption", str(doc), "-f", fmt, "-o", out],
            "bytes": [py, "-c", BYTES_ROUTE, str(doc), fmt, out],
            "model": [py, "-c", MODEL_ROUTE, str(doc), fmt, out],
            "startup": [py, "-c", "import elementlist"],
        }
        results: Results = {}
        for name, argv in routes.items():
            runs = [run(argv, env) for _ in range(rounds)]
            results[name] = (min(t for t, _ in runs), max(m for _, m in runs))
    return size, results


def verdict(name: str, ratio: float, memory: float) -> str:
    """Whether a route meets issue 11's targets (the start-up row is a baseline only)."""
    if name == "startup":
        return "baseline"
    misses = [
        *(["time"] if ratio > TIME_TARGET else []),
        *(["memory"] if memory >= MEMORY_TARGET else []),
    ]
    return "missed: " + ", ".join(misses) if misses else "met"


def print_routes(size: int, results: Results, fmt: str, rounds: int) -> None:
    """The routes as one Markdown table: time ÷ the bytes route, peak RSS ÷ the input."""
    print(f"document: {size / 1e6:.1f} MB; format {fmt}; best of {rounds}\n")
    print(
        f"| route | time | ÷ bytes | peak RSS | ÷ input "
        f"| targets (≤ {TIME_TARGET:.2f}× bytes, < {MEMORY_TARGET:.0f}× input) |"
    )
    print("|---|---|---|---|---|---|")
    for name, (seconds, peak) in results.items():
        ratio = seconds / results["bytes"][0]
        print(
            f"| {name} | {seconds:.2f} s | {ratio:.2f}× | {peak / 1e6:.0f} MB "
            f"| {peak / size:.2f}× | {verdict(name, ratio, peak / size)} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=100.0, help="document size (default 100)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--format", default="SRT")
    parser.add_argument("--write", metavar="PATH", help=argparse.SUPPRESS)  # the maker's part
    args = parser.parse_args()
    compile_package(ROOT / "elementlist")  # measured as installed: see bytecode.py
    if args.write:
        Path(args.write).write_bytes(large_document(args.mb))
        return
    size, results = measure_routes(args.mb, args.rounds, args.format)
    print_routes(size, results, args.format, args.rounds)


if __name__ == "__main__":
    main()
