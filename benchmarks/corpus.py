"""Generated ElementLists of a given length for the benchmarks (deterministic).

The bundled podcast script is repeated with fresh timing until the document lasts the
requested duration, then written as compact JSON the way cielo24 serves it.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples"))

from make_examples import PODCAST  # noqa: E402
from synth import synthesize  # noqa: E402

DURATIONS = {"1min": 60_000, "10min": 600_000, "1h": 3_600_000, "10h": 36_000_000}


@cache
def corpus(name: str) -> bytes:
    """The JSON bytes of a generated document lasting ``DURATIONS[name]`` ms."""
    target = DURATIONS[name]
    one = synthesize(PODCAST, seed=1)
    per_round = one["end_time"]
    rounds = max(1, -(-target // per_round))
    turns = PODCAST * rounds
    doc = synthesize(turns, seed=3)
    # trim to the target length
    doc["segments"] = [s for s in doc["segments"] if s["end_time"] <= target] or doc["segments"][:1]
    doc["end_time"] = max(doc["segments"][-1]["end_time"], target)
    return msgspec.json.encode(doc)


def words(data: bytes) -> int:
    return data.count(b'"word"')


if __name__ == "__main__":
    for key in DURATIONS:
        data = corpus(key)
        print(f"{key}: {len(data) / 1e6:.1f} MB, {words(data)} words")
