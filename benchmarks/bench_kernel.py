"""Compiled layout kernel vs its pure twin on a generated 10-hour document (~60,000 words).

Run: ``PYTHONPATH=. python benchmarks/bench_kernel.py`` (prints a table and the ratio;
the target is compiled >= 10x pure for the kernel call). Also usable under
pytest-benchmark: ``PYTHONPATH=. python -m pytest -n0 benchmarks/bench_kernel.py --benchmark-enable``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from elementlist.captions import layout_kernel as pure_kernel
from elementlist.captions.layout import layout_captions
from elementlist.captions.prepare import kernel_arguments, prepare_layout
from elementlist.document.vocabulary import TokenKind
from elementlist.options.classes import CaptionOptions
from elementlist.table.token_table import TokenFlag, TokenTable

_WORDS = """the and to of a in that it is you we was for on are with as I his they be at
one have this from or had by hot but some what there can out other were all your when up use
word how said an each she which do their time if will way about many then them would write
like so these her long make thing see him two has look more day could go come did my sound no
most number who over know water than call first people may down side been now find braising
technique equipment Dutch oven shoulder vegetables complexity"""
VOCABULARY = tuple(_WORDS.split())


def ten_hour_table(words: int = 60_000, seed: int = 7) -> TokenTable:
    """Words of ~600 ms (10 h at 60,000), commas and sentence ends, speakers every ~40 words."""
    rng = random.Random(seed)
    start: list[int] = []
    end: list[int] = []
    kind: list[int] = []
    flags: list[int] = []
    speaker: list[int] = []
    text: list[str] = []
    t = 0
    who = 0
    new_segment = True
    for _ in range(words):
        t += rng.choice((0, 0, 0, 40, 120, 300, 900))
        length = rng.randint(200, 560)
        f = TokenFlag.SEQUENCE_START
        if new_segment:
            f |= TokenFlag.SEGMENT_START
            if rng.random() < 0.3:
                who = 1 - who
                f |= TokenFlag.SPEAKER_CHANGE
            new_segment = False
        start.append(t)
        end.append(t + length)
        kind.append(TokenKind.WORD)
        flags.append(f)
        speaker.append(who)
        text.append(rng.choice(VOCABULARY))
        t += length
        r = rng.random()
        if r < 0.08 or r > 0.97:
            sentence = r < 0.08
            start.append(t)
            end.append(t)
            kind.append(TokenKind.PUNCTUATION)
            flags.append(TokenFlag.SENTENCE_END if sentence else 0)
            speaker.append(who)
            text.append("." if sentence else ",")
            new_segment = sentence
    return TokenTable(
        start=np.array(start, dtype=np.int64),
        end=np.array(end, dtype=np.int64),
        kind=np.array(kind, dtype=np.int8),
        flags=np.array(flags, dtype=np.uint16),
        speaker=np.array(speaker, dtype=np.int32),
        tag=np.full(len(text), -1, dtype=np.int16),
        text=text,
        value=[w.lower() for w in text],
        speakers=((0, "Tim"), (1, "Ann")),
        language="en",
    )


def best_of(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    try:
        from elementlist import _layout as compiled  # type: ignore[attr-defined]
    except ImportError as exc:  # the point of this script is the comparison
        raise SystemExit(
            f"compiled kernel not built ({exc}): python setup.py build_ext --inplace"
        ) from exc
    options = CaptionOptions()
    table = ten_hour_table()
    words = int((table.kind == TokenKind.WORD).sum())
    prep_s = best_of(lambda: prepare_layout(table, options), 3)
    args = kernel_arguments(prepare_layout(table, options), options)
    pure_s = best_of(lambda: pure_kernel.layout_units(*args), 2)
    compiled_s = best_of(lambda: compiled.layout_units(*args), 10)
    np.testing.assert_array_equal(pure_kernel.layout_units(*args), compiled.layout_units(*args))
    total_s = best_of(lambda: layout_captions(table, options), 3)
    captions = len(layout_captions(table, options))
    print(f"document: {words} words, {len(table)} tokens, {len(args[0])} units, "
          f"{captions} captions, {(table.end[-1] - table.start[0]) / 3.6e6:.1f} h")  # fmt: skip
    print(f"{'step':<34}{'ms':>10}")
    print(f"{'prep (numpy)':<34}{prep_s * 1e3:>10.1f}")
    print(f"{'kernel, pure twin':<34}{pure_s * 1e3:>10.1f}")
    print(f"{'kernel, compiled':<34}{compiled_s * 1e3:>10.1f}")
    print(f"{'layout_captions (compiled), total':<34}{total_s * 1e3:>10.1f}")
    print(
        f"compiled / pure speed-up of the kernel call: {pure_s / compiled_s:.1f}x (target >= 10x)"
    )


def test_kernel_compiled(benchmark: Any) -> None:
    from elementlist import _layout as compiled  # type: ignore[attr-defined]

    options = CaptionOptions()
    args = kernel_arguments(prepare_layout(ten_hour_table(), options), options)
    benchmark(compiled.layout_units, *args)


def test_kernel_pure(benchmark: Any) -> None:
    options = CaptionOptions()
    args = kernel_arguments(prepare_layout(ten_hour_table(), options), options)
    benchmark.pedantic(pure_kernel.layout_units, args=args, rounds=2, iterations=1)


if __name__ == "__main__":
    main()
