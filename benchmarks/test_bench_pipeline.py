"""pytest-benchmark view of the pipeline (the README's table comes from report.py).

    python -m pytest -n0 benchmarks/test_bench_pipeline.py --benchmark-enable

Each case times one call on a generated document; compare a case with its ``orjson``
baseline in the same run. Nothing here asserts a time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus

import elementlist as el

SIZES = ["1h", "10h"]


@pytest.mark.parametrize("size", SIZES)
def test_orjson_loads(benchmark, size: str) -> None:  # type: ignore[no-untyped-def]
    data = corpus(size)
    benchmark(orjson.loads, data)


@pytest.mark.parametrize("fmt", ["SRT", "WEB_VTT", "DFXP"])
@pytest.mark.parametrize("size", SIZES)
def test_bytes_to_captions(benchmark, size: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    data = corpus(size)
    out = benchmark(el.get_caption, data, fmt)
    assert out  # the call really rendered something


@pytest.mark.parametrize("size", SIZES)
def test_bytes_to_transcript(benchmark, size: str) -> None:  # type: ignore[no-untyped-def]
    data = corpus(size)
    assert benchmark(el.get_transcript, data)
