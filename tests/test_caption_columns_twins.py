"""The compiled caption columns (``elementlist._layout.caption_columns``) and their pure
twin (``elementlist.captions.lines.caption_columns``) give the same captions: first units,
spoken times, hard starts and lines, on generated units and codes with spaces, line breaks
inside units and text of every width; None for the lines when a token's text holds a break.

The compiled module must be built (``python setup.py build_ext --inplace``); without it
these tests fail, unless ELEMENTLIST_PURE=1 says the pure twin is meant to run alone.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_kernel_twins import SETTINGS
from twin_support import compiled_twin

from elementlist.captions import lines
from elementlist.captions.units import UnitBit, UnitStart

LAYOUT = ("_layout", "the compiled layout kernel")
TEXTS = ["one", "two,", "Élan", "中文", "😀", "", "a-", ">>", "x y", "ß"]
PLAIN_TEXTS = st.sampled_from(TEXTS)


def compiled() -> ModuleType:
    return compiled_twin(*LAYOUT)


@st.composite
def columns(draw: st.DrawFn, texts: st.SearchStrategy[str] = PLAIN_TEXTS) -> tuple[Any, ...]:
    """Tokens cut into units (each unit's first token never has ``newline``, the codes
    start with a caption), as the preparation and the kernel hand them over."""
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=25))
    n = sum(sizes)
    unit_first = np.cumsum([0, *sizes[:-1]]).astype(np.intp)
    text = draw(st.lists(texts, min_size=n, max_size=n))
    start = np.array(draw(st.lists(st.integers(0, 10**6), min_size=n, max_size=n)), np.int64)
    end = start + np.array(draw(st.lists(st.integers(0, 5000), min_size=n, max_size=n)))
    space = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), np.bool_)
    newline = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), np.bool_)
    newline[unit_first] = False
    bit = st.sampled_from(
        [0, int(UnitBit.SPACE), int(UnitBit.HARD), int(UnitBit.SPACE | UnitBit.HARD)]
    )
    unit_bits = np.array(draw(st.lists(bit, min_size=len(sizes), max_size=len(sizes))), np.uint16)
    code = st.sampled_from([int(c) for c in UnitStart])
    codes = np.array(draw(st.lists(code, min_size=len(sizes), max_size=len(sizes))), np.uint8)
    codes[0] = UnitStart.NEW_CAPTION
    return text, start, end, space, newline, unit_first, unit_bits, codes


def same(a: tuple[Any, ...], b: tuple[Any, ...]) -> None:
    np.testing.assert_array_equal(a[0], b[0])
    assert a[1:] == b[1:]


@SETTINGS
@given(columns())
def test_the_compiled_caption_columns_are_the_pure_ones(given_columns: tuple[Any, ...]) -> None:
    same(compiled().caption_columns(*given_columns), lines.caption_columns(*given_columns))


@SETTINGS
@given(columns(st.sampled_from([*TEXTS, "th\nree", "\x1e", "a\nb\nc"])))
def test_a_break_in_a_text_gives_no_lines_in_both(given_columns: tuple[Any, ...]) -> None:
    ours = compiled().caption_columns(*given_columns)
    same(ours, lines.caption_columns(*given_columns))
    assert (ours[4] is None) == any("\n" in t or "\x1e" in t for t in given_columns[0])


def test_a_document_longer_than_a_stretch_gives_the_same_lines() -> None:
    n = 3 * lines._STRETCH + 11
    text = [f"w{k}" for k in range(n)]
    start = np.arange(n, dtype=np.int64) * 100
    unit_first = np.arange(n, dtype=np.intp)
    codes = np.tile(np.array([2, 0, 0, 1, 0, 0], np.uint8), n // 6 + 1)[:n]
    bits = np.full(n, int(UnitBit.SPACE), np.uint16)
    flags = np.zeros(n, np.bool_)
    given_columns = (text, start, start + 90, flags, flags, unit_first, bits, codes)
    ours = compiled().caption_columns(*given_columns)
    same(ours, lines.caption_columns(*given_columns))
    assert ours[4][1] == ("w6 w7 w8", "w9 w10 w11")


@pytest.mark.parametrize(
    "broken, message",
    [
        ("first_code", "start with a caption"),
        ("newline_first", "first token has newline"),
        ("unit_first", "must rise from 0"),
        ("length", "differ in length"),
    ],
)
def test_the_compiled_columns_refuse_what_the_layout_never_makes(broken: str, message: str) -> None:
    text = ["a", "b", "c"]
    start = np.array([0, 10, 20], np.int64)
    flags = np.zeros(3, np.bool_)
    unit_first = np.array([0, 1, 2], np.intp)
    bits = np.zeros(3, np.uint16)
    codes = np.array([2, 0, 1], np.uint8)
    args: list[Any] = [text, start, start + 5, flags, flags.copy(), unit_first, bits, codes]
    if broken == "first_code":
        args[7] = np.array([0, 0, 1], np.uint8)
    elif broken == "newline_first":
        args[4][1] = True
    elif broken == "unit_first":
        args[5] = np.array([0, 2, 1], np.intp)
    else:
        args[1] = start[:2]
    with pytest.raises(ValueError, match=message):
        compiled().caption_columns(*args)
