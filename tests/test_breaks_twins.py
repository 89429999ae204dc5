"""The compiled break rules (``elementlist._breaks``) and their pure twin
(``elementlist.captions.breaks_kernel``) give the same arrays, on raw columns in every
combination of bits and on generated documents through the whole preparation.

The compiled module must be built (``python setup.py build_ext --inplace``); without it
these tests fail, unless ELEMENTLIST_PURE=1 says the pure twin is meant to run alone.
"""

from __future__ import annotations

from itertools import pairwise
from types import ModuleType

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_kernel_twins import SETTINGS, caption_options, token_tables
from twin_support import compiled_twin, twins

from elementlist.captions import breaks_kernel as pure
from elementlist.captions import prepare
from elementlist.captions.units import UnitBit
from elementlist.captions.word_facts import (
    ADJECTIVE,
    CAPITAL,
    GLUE,
    NO_BREAK,
    NO_BREAK_BEFORE,
    NUMBER,
    UNIT,
)
from elementlist.document.vocabulary import TokenKind
from elementlist.options.classes import CaptionOptions
from elementlist.table.token_table import TokenFlag, TokenTable

BREAKS = ("_breaks", "the compiled break rules")

# every bit a token's text can carry: the word_facts ones and the UnitBit ones it shares
TEXT_BITS = {"GLUE": GLUE, "NO_BREAK": NO_BREAK, "CAPITAL": CAPITAL, "NUMBER": NUMBER,
             "UNIT": UNIT, "ADJECTIVE": ADJECTIVE, "NO_BREAK_BEFORE": NO_BREAK_BEFORE}  # fmt: skip
LOOK_BITS = [*TEXT_BITS.values(), int(UnitBit.SENTENCE_END), int(UnitBit.CLAUSE_END),
             int(UnitBit.OPENS_PHRASE)]  # fmt: skip


def compiled() -> ModuleType:
    return compiled_twin(*BREAKS)


def test_the_compiled_rules_were_built_with_the_python_numbers() -> None:
    twin = compiled()
    assert twin.TEXT_BITS == TEXT_BITS
    assert {
        "TokenKind": {kind.name: kind.value for kind in TokenKind},
        "TokenFlag": {flag.name: flag.value for flag in TokenFlag},
    } == twin.CONSTANTS


@st.composite
def raw_columns(draw: st.DrawFn) -> tuple[object, ...]:
    """Token columns straight from hypothesis: kinds, flags and text bits in every mix."""
    n = draw(st.integers(0, 40))
    ints = lambda lo, hi: draw(st.lists(st.integers(lo, hi), min_size=n, max_size=n))  # noqa: E731
    looks = [sum(b for b in LOOK_BITS if draw(st.integers(0, 3)) == 0) for _ in range(n)]
    start = np.cumsum(ints(0, 3000), dtype=np.int64) if n else np.zeros(0, np.int64)
    n_tags = draw(st.integers(0, 4)) + 1
    return (
        np.array(ints(0, 3), dtype=np.int8),
        np.array(ints(0, 31), dtype=np.uint16),
        np.array(looks, dtype=np.int32),
        np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=np.bool_),
        start,
        start + np.array(ints(0, 2500), dtype=np.int64),
        np.array(ints(-1, 2), dtype=np.int32),
        np.array(ints(-1, n_tags - 2), dtype=np.int16),
        draw(st.booleans()),
        draw(st.booleans()),
        draw(st.booleans()),
        draw(st.integers(0, 3000)),
        np.array(draw(st.lists(st.booleans(), min_size=n_tags, max_size=n_tags)), np.bool_),
        np.array(draw(st.lists(st.booleans(), min_size=n_tags, max_size=n_tags)), np.bool_),
        draw(st.sampled_from([-1, 0, 500, 2000])),
        draw(st.booleans()),
        draw(st.booleans()),
    )


@SETTINGS
@given(args=raw_columns())
def test_twins_agree_on_raw_columns(args: tuple[object, ...]) -> None:
    expected = pure.token_breaks(*args)  # type: ignore[arg-type]
    got = compiled().token_breaks(*args)
    for name, a, b in zip(("space", "breakable", "before", "after"), got, expected, strict=True):
        assert a.dtype == b.dtype, name
        np.testing.assert_array_equal(a, b, err_msg=name)


@SETTINGS
@given(table=token_tables(), options=caption_options)
def test_twins_prepare_the_same_layout(table: TokenTable, options: CaptionOptions) -> None:
    """Through the whole preparation (long words cut, markers, sounds by tag), either rule
    pass gives the same units."""
    twin = compiled()
    chosen = prepare._breaks
    try:
        prepare._breaks = pure
        expected = prepare.prepare_layout(table, options)
        prepare._breaks = twin
        got = prepare.prepare_layout(table, options)
    finally:
        prepare._breaks = chosen
    for field in ("start", "end", "space", "newline", "unit_first", "unit_width", "unit_bits",
                  "unit_words"):  # fmt: skip
        np.testing.assert_array_equal(getattr(got, field), getattr(expected, field), field)
    assert got.text == expected.text


def test_a_marker_hands_its_words_starts_back_through_a_chain() -> None:
    """Two markers before a sound of its own caption: the sound's HARD start lands on the
    first marker, in both twins, and neither the second marker nor the sound keeps it."""
    kind = np.array([0, 3, 3, 2], dtype=np.int8)
    flags = np.full(4, int(TokenFlag.SEQUENCE_START), dtype=np.uint16)
    start = np.array([0, 100, 100, 100], dtype=np.int64)
    end = np.array([100, 100, 100, 400], dtype=np.int64)
    args = (kind, flags, np.zeros(4, np.int32), np.zeros(4, np.bool_), start, end,
            np.zeros(4, np.int32), np.full(4, -1, np.int16), True, False, False, 1000,
            np.ones(1, np.bool_), np.zeros(1, np.bool_), -1, False, False)  # fmt: skip
    hard = int(UnitBit.HARD)
    for twin in twins(*BREAKS, pure):
        _, breakable, before, _ = twin.token_breaks(*args)
        assert (before & hard).tolist() == [0, hard, 0, 0], twin
        assert breakable.tolist() == [True, True, False, False], twin


@st.composite
def token_runs(draw: st.DrawFn) -> tuple[object, ...]:
    """Widths, spaces and breakable tokens (the first always, as the rule pass leaves it),
    and a line width often narrower than a run: ``unit_starts``'s input."""
    n = draw(st.integers(1, 60))
    breakable = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), np.bool_)
    breakable[0] = True
    width = np.array(draw(st.lists(st.integers(0, 45), min_size=n, max_size=n)), np.int32)
    space = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), np.bool_)
    return breakable, width, space, draw(st.integers(1, 60))


@SETTINGS
@given(args=token_runs())
def test_twins_cut_the_same_units(args: tuple[object, ...]) -> None:
    """The units' starts (breakable tokens, and greedy cuts of a run wider than a line)
    and widths agree, and a cut run's units each fit the line unless one token alone
    does not."""
    expected = pure.unit_starts(*args)  # type: ignore[arg-type]
    got = compiled().unit_starts(*args)
    for name, a, b in zip(("first", "unit_width"), got, expected, strict=True):
        assert a.dtype == b.dtype, name
        np.testing.assert_array_equal(a, b, err_msg=name)
    breakable, width, _, cpl = args
    first, unit_width = expected
    for u, a in enumerate(first.tolist()):
        cut = not breakable[a]  # type: ignore[index]
        assert not cut or unit_width[u] <= cpl or unit_width[u] == width[a]  # type: ignore[index]


@st.composite
def unit_columns(draw: st.DrawFn) -> tuple[object, ...]:
    """Units over tokens (the first token starts one) with kinds, spaces, text bits and
    start and end bits in every mix: ``unit_facts``'s input."""
    n = draw(st.integers(1, 40))
    starts = draw(st.sets(st.integers(1, n - 1), max_size=n)) if n > 1 else set()
    first = np.array(sorted({0, *starts}), dtype=np.intp)
    ints = lambda lo, hi: draw(st.lists(st.integers(lo, hi), min_size=n, max_size=n))  # noqa: E731
    looks = [sum(b for b in LOOK_BITS if draw(st.integers(0, 3)) == 0) for _ in range(n)]
    return (
        first,
        np.array(ints(0, 3), dtype=np.int8),
        np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), np.bool_),
        np.array(looks, dtype=np.int32),
        np.array(ints(0, 0x1FF), dtype=np.uint16),
        np.array(ints(0, 0x1FF), dtype=np.uint16),
    )


@SETTINGS
@given(args=unit_columns())
def test_twins_give_units_the_same_bits_and_words(args: tuple[object, ...]) -> None:
    expected = pure.unit_facts(*args)  # type: ignore[arg-type]
    got = compiled().unit_facts(*args)
    for name, a, b in zip(("unit_bits", "unit_words"), got, expected, strict=True):
        assert a.dtype == b.dtype, name
        np.testing.assert_array_equal(a, b, err_msg=name)
    first, kind = args[0], args[1]
    assert int(expected[1].sum()) == int(np.isin(kind, [0, 2]).sum())  # type: ignore[arg-type]
    assert len(expected[0]) == len(first)  # type: ignore[arg-type]


def test_columns_of_unequal_length_are_refused_not_read_past() -> None:
    """The compiled passes read the columns through their data: one shorter than the rest
    is refused before a row is read."""
    n = 3
    long, short = np.zeros(n, np.int32), np.zeros(n - 1, np.int32)
    flags, tags = np.zeros(n, np.uint16), np.zeros(2, np.bool_)
    times = np.arange(n, dtype=np.int64)
    with pytest.raises(ValueError, match="differ in length"):
        compiled().token_breaks(np.zeros(n, np.int8), flags, short, np.zeros(n, np.bool_),
                                times, times, long, np.zeros(n, np.int16), True, False, False,
                                0, tags, tags, -1, False, False)  # fmt: skip
    with pytest.raises(ValueError, match="two tag look-ups differ in length"):
        compiled().token_breaks(np.zeros(n, np.int8), flags, long, np.zeros(n, np.bool_),
                                times, times, long, np.zeros(n, np.int16), True, False, False,
                                0, tags, tags[:1], -1, False, False)  # fmt: skip
    with pytest.raises(ValueError, match="differ in length"):
        compiled().unit_starts(np.ones(n, np.bool_), short, np.zeros(n, np.bool_), 32)
    with pytest.raises(ValueError, match="differ in length"):
        compiled().unit_facts(np.arange(1, dtype=np.intp), np.zeros(n, np.int8),
                              np.zeros(n, np.bool_), short, flags, flags)  # fmt: skip


# texts that meet every text bit and width rule: marks, capitals, numbers and units,
# accents and emoji (one cluster each), blanks, repeats
FACT_TEXTS = ["the", "The", "I", "I'm", "not", "3", "km", "big", ",", ".", "?", ")", "é",
              "e\u0301", "👍🏽", "", " ", "Dr.", "and", "—"]  # fmt: skip


@SETTINGS
@given(
    text=st.lists(st.sampled_from(FACT_TEXTS) | st.text(max_size=4), max_size=30),
    data=st.data(),
)
def test_twins_give_the_same_token_widths_and_looks(text: list[str], data: st.DataObject) -> None:
    """Each token's width and text bits from its text: what the answers kept across calls
    hold is taken from there, anything else is asked (an ASCII string's width never)."""
    from elementlist.captions.word_facts import (
        PUNCTUATION_SHIFT,
        grapheme_width,
        packed_text_bits,
        text_bits,
    )

    n = len(text)
    kind = np.array(data.draw(st.lists(st.sampled_from([0, 1, 2, 3]), min_size=n,
                                       max_size=n)), np.int8)  # fmt: skip
    # some strings already answered, with an answer of their own: taken as it is
    kept = data.draw(st.sets(st.sampled_from(text))) if text else set()
    for twin in twins(*BREAKS, pure):
        asked: list[str] = []

        def width(t: str, asked: list[str] = asked) -> int:
            asked.append(t)
            return grapheme_width(t)

        known_widths = {t: 1000 + len(t) for t in kept}
        widths = twin.token_widths(text, width, known_widths)
        assert widths.dtype == np.int32, twin.__name__
        plain = {t for t in text if t.isascii() and "\r" not in t}
        assert widths.tolist() == [
            len(t) if t in plain else known_widths.get(t, grapheme_width(t)) for t in text
        ], twin.__name__
        assert set(asked) == set(text) - plain - kept, twin.__name__

        known_looks = {t: 7 | 5 << PUNCTUATION_SHIFT for t in kept}
        looks = twin.token_looks(text, kind, packed_text_bits, PUNCTUATION_SHIFT, known_looks)
        assert looks.dtype == np.int32, twin.__name__
        assert looks.tolist() == [
            0 if k not in (0, 1) else (7 if k == 0 else 5) if t in kept else text_bits(t, int(k))
            for t, k in zip(text, kind, strict=True)
        ], twin.__name__


def test_the_answers_kept_across_calls_are_the_functions_own_and_bounded() -> None:
    """grapheme_width and packed_text_bits keep what they answer, for the kernels to read;
    full, the store starts again rather than grow."""
    from elementlist.captions import word_facts as wf

    wf.KNOWN_WIDTHS.pop("ça", None)
    wf.KNOWN_LOOKS.pop("Zebra,", None)
    assert wf.grapheme_width("ça") == 2 and wf.KNOWN_WIDTHS["ça"] == 2
    bits = wf.packed_text_bits("Zebra,")
    assert bits & wf.CAPITAL and wf.KNOWN_LOOKS["Zebra,"] == bits
    assert "abc" not in wf.KNOWN_WIDTHS and wf.grapheme_width("abc") == 3  # ASCII: its length
    store: dict[str, int] = {str(i): i for i in range(wf.KNOWN_LIMIT)}
    assert wf._kept(store, "new", 1) == 1
    assert store == {"new": 1}


def test_token_looks_refuses_a_kind_column_of_another_length() -> None:
    from elementlist.captions.word_facts import PUNCTUATION_SHIFT, packed_text_bits

    with pytest.raises(ValueError, match="a kind for each text"):
        compiled().token_looks(["a", "b"], np.zeros(1, np.int8), packed_text_bits,
                               PUNCTUATION_SHIFT, {})  # fmt: skip


@SETTINGS
@given(
    spans=st.lists(
        st.tuples(st.sampled_from([0, 0, 1, 2, 3]), st.integers(0, 9000), st.integers(0, 900)),
        max_size=20,
    ),
    copy=st.booleans(),
)
def test_twins_give_markers_the_same_times(spans: list[tuple[int, int, int]], copy: bool) -> None:
    """A speaker marker's times are the next token's start, through chains of markers;
    the columns come back as they are when nothing changes and no copy is asked, else
    as new arrays (the caller's stay untouched)."""
    kind = np.array([k for k, _, _ in spans], np.int8)
    start = np.array([s for _, s, _ in spans], np.int64)
    end = start + np.array([d for _, _, d in spans], np.int64)
    given_start, given_end = start.copy(), end.copy()
    results = []
    for twin in twins(*BREAKS, pure):
        ts, te = twin.marker_times(start, end, kind, copy)
        assert ts.dtype == te.dtype == np.int64
        assert (
            (ts is start)
            == (te is end)
            == (not copy and ts.tolist() == start.tolist() and te.tolist() == end.tolist())
        ), twin.__name__
        results.append((ts.tolist(), te.tolist()))
    assert start.tolist() == given_start.tolist() and end.tolist() == given_end.tolist()
    assert all(r == results[0] for r in results)
    ts_list, te_list = results[0]
    for i in range(len(spans) - 1):
        if kind[i] == TokenKind.SPEAKER:
            assert ts_list[i] == te_list[i] == ts_list[i + 1]


@SETTINGS
@given(width=st.lists(st.integers(0, 2**31 - 1), max_size=30))
def test_twins_find_the_same_widest_token(width: list[int]) -> None:
    column = np.array(width, np.int32)
    for twin in twins(*BREAKS, pure):
        assert twin.widest(column) == max(width, default=0), twin.__name__


@SETTINGS
@given(
    spans=st.lists(st.tuples(st.integers(-5, 9000), st.integers(0, 900)), min_size=1, max_size=30),
    data=st.data(),
)
def test_twins_give_units_the_same_times(spans: list[tuple[int, int]], data: st.DataObject) -> None:
    """A unit starts at its tokens' earliest start and ends at their latest end, whatever
    order the tokens' times come in."""
    start = np.array([s for s, _ in spans], np.int64)
    end = start + np.array([d for _, d in spans], np.int64)
    cuts = data.draw(st.sets(st.integers(1, len(spans) - 1))) if len(spans) > 1 else set()
    first = np.array(sorted({0, *cuts}), np.intp)
    bounds = [*first.tolist(), len(spans)]
    expected = (
        [int(start[a:b].min()) for a, b in pairwise(bounds)],
        [int(end[a:b].max()) for a, b in pairwise(bounds)],
    )
    for twin in twins(*BREAKS, pure):
        unit_start, unit_end = twin.unit_times(start, end, first)
        assert unit_start.dtype == unit_end.dtype == np.int64
        assert (unit_start.tolist(), unit_end.tolist()) == expected, twin.__name__
        none_start, none_end = twin.unit_times(start, end, first[:0])
        assert len(none_start) == len(none_end) == 0


@pytest.mark.parametrize("first", [[1, 1], [2, 1], [0, 9], [-1]])
def test_units_that_do_not_rise_within_the_tokens_are_refused(first: list[int]) -> None:
    """The compiled pass reads each unit's tokens unchecked: first tokens out of order or
    outside the tokens are refused by both twins, not read past the columns."""
    start = end = np.zeros(3, np.int64)
    for twin in twins(*BREAKS, pure):
        with pytest.raises(ValueError, match="must rise within the tokens"):
            twin.unit_times(start, end, np.array(first, np.intp))


def test_twins_make_the_same_false_columns() -> None:
    for twin in twins(*BREAKS, pure):
        for n in (0, 1, 17):
            column = twin.false_column(n)
            assert column.dtype == np.bool_ and column.tolist() == [False] * n
            column[:] = True  # a fresh column each call, the caller's to write
            assert not twin.false_column(n).any()


def test_token_looks_on_many_repeated_and_distinct_strings() -> None:
    """The compiled pass's table of strings seen (by address, at most 8,192 slots) answers
    repeats and is overwritten where two strings share a slot: every token still gets its
    own text's bits, equal strings that are distinct objects included."""
    import random

    from elementlist.captions.word_facts import KNOWN_LOOKS, PUNCTUATION_SHIFT, packed_text_bits

    chooser = random.Random(15)
    words = [f"w{i}" + ("," if i % 7 == 0 else "") for i in range(3000)] + ["The", "a", "."]
    text = [chooser.choice(words) for _ in range(20_000)]
    text += ["".join(["Sa", "m"]) for _ in range(3)]  # equal, distinct objects
    kind = np.array([1 if t in (",", ".") else 0 for t in text], np.int8)
    want = [
        packed_text_bits(t) >> PUNCTUATION_SHIFT
        if k
        else packed_text_bits(t) & ((1 << PUNCTUATION_SHIFT) - 1)
        for t, k in zip(text, kind, strict=True)
    ]
    for twin in twins(*BREAKS, pure):
        looks = twin.token_looks(text, kind, packed_text_bits, PUNCTUATION_SHIFT, KNOWN_LOOKS)
        assert looks.tolist() == want, twin.__name__
