"""The compiled row edits (``elementlist._rows``) and their pure twin
(``elementlist.table.rows_kernel``) give the same results: on raw columns in every mix of
kinds, flags and texts (spaces of every script, capitals beyond ASCII, marks with spaces
after them), and through the whole transforms on generated tables.

The compiled module must be built (``python setup.py build_ext --inplace``); without it
these tests fail, unless ELEMENTLIST_PURE=1 says the pure twin is meant to run alone.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
import twin_support
from hypothesis import given
from hypothesis import strategies as st
from test_kernel_twins import SETTINGS
from twin_support import compiled_twin

from elementlist.document.vocabulary import TokenKind
from elementlist.options.classes import CaptionOptions
from elementlist.table import removal, row_edits
from elementlist.table import rows_kernel as pure
from elementlist.table.token_table import ROW_COLUMNS, TokenFlag, TokenTable
from elementlist.table.transforms import apply_transforms

ROWS = ("_rows", "the compiled row edits")


def compiled() -> ModuleType:
    return compiled_twin(*ROWS)


def test_the_compiled_row_edits_were_built_with_the_python_numbers() -> None:
    assert {
        "TokenKind": {kind.name: kind.value for kind in TokenKind},
        "TokenFlag": {flag.name: flag.value for flag in TokenFlag},
    } == compiled().CONSTANTS


# texts that test every character rule: final marks with spaces after them (ASCII,
# no-break, ideographic), marks that are not final, capitals and title case beyond ASCII
TEXTS = ["um", "Um", "uh", "the", "The", "Élan", "ǅemal", "ßig", "", " ", ",", ", ", ".",
         ". ", "?", "!", "…", "\u2026\u00a0", "!\u3000", ".,", ";", "-", "Ähm", "1st", "i"]  # fmt: skip


@st.composite
def raw_columns(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """``removal_runs``' input from hypothesis: core, kind, flags and text, each flag bit set
    one time in four (so runs are long enough to meet every rule), words and punctuation
    most often, and any text now and then."""
    n = draw(st.integers(0, 40))
    core = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=np.bool_)
    kinds = st.sampled_from([0, 0, 1, 1, 1, 2, 3])
    kind = np.array(draw(st.lists(kinds, min_size=n, max_size=n)), dtype=np.int8)
    bits = st.lists(st.sampled_from([1, 2, 4, 8, 16, 0, 0, 0]), max_size=3).map(sum)
    flags = np.array(draw(st.lists(bits, min_size=n, max_size=n)), np.uint16)
    texts = st.sampled_from(TEXTS) | st.text(max_size=3)
    text = draw(st.lists(texts, min_size=n, max_size=n))
    return core, kind, flags, text


@SETTINGS
@given(columns=raw_columns())
def test_twins_walk_the_same_runs(
    columns: tuple[np.ndarray, np.ndarray, np.ndarray, list[str]],
) -> None:
    expected = pure.removal_runs(*columns)
    got = compiled().removal_runs(*columns)
    assert got[0].dtype == expected[0].dtype == np.bool_
    np.testing.assert_array_equal(got[0], expected[0], err_msg="drop")
    assert got[1:] == expected[1:]  # attach, capitalise


def twins() -> list[ModuleType]:
    return twin_support.twins(*ROWS, pure)


@pytest.mark.parametrize(
    ("texts", "core", "kinds", "expected"),
    [
        # "Ähm we went": the removed word began its sentence with a capital (not ASCII)
        (["Ähm", "we", "went"], [1, 0, 0], [0, 0, 0], ([1, 0, 0], [], [1])),
        (["ǅemal", "we"], [1, 0], [0, 0], ([1, 0], [], [])),  # title case is no capital
        # "so, um…<no-break space>": the end mark stays (a space of any script after it)
        (["so", ",", "um", "\u2026\u00a0"], [0, 0, 1, 0], [0, 1, 0, 1], ([0, 1, 1, 0], [3], [])),
        (["so", "um", "!\u3000"], [0, 1, 0], [0, 0, 1], ([0, 1, 0], [2], [])),
    ],
    ids=["capital-beyond-ascii", "title-case", "no-break-space", "ideographic-space"],
)
def test_the_character_rules_of_both_twins(
    texts: list[str], core: list[int], kinds: list[int], expected: tuple[list[int], ...]
) -> None:
    """str.strip's spaces and str.isupper's capitals, in the compiled walk too."""
    flags = [int(TokenFlag.SEGMENT_START | TokenFlag.SEQUENCE_START)] + [
        int(TokenFlag.SEQUENCE_START) if k != 1 else 0 for k in kinds[1:]
    ]
    columns = (np.array(core, np.bool_), np.array(kinds, np.int8), np.array(flags, np.uint16))
    for twin in twins():
        drop, attach, capitalise = twin.removal_runs(*columns, texts)
        assert (drop.astype(int).tolist(), attach, capitalise) == expected, twin.__name__


@SETTINGS
@given(column=st.lists(st.sampled_from(TEXTS), max_size=30), data=st.data())
def test_twins_keep_and_place_the_same_strings(column: list[str], data: st.DataObject) -> None:
    keep = np.array(
        data.draw(st.lists(st.booleans(), min_size=len(column), max_size=len(column))), np.bool_
    )
    assert compiled().kept_strings(column, keep) == pure.kept_strings(column, keep)
    inserted = data.draw(st.lists(st.sampled_from([">>", ">> Tim:", "x"]), max_size=8))
    size = len(column) + len(inserted)
    places = sorted(data.draw(st.sets(st.integers(0, max(size - 1, 0)), min_size=len(inserted),
                                      max_size=len(inserted))) if size else [])  # fmt: skip
    new_at = np.array(places, dtype=np.intp)
    assert compiled().placed_strings(column, new_at, inserted) == pure.placed_strings(
        column, new_at, inserted
    )


def test_a_place_outside_the_new_list_is_refused_not_a_crash() -> None:
    """The compiled list fills every slot it makes: places that do not increase, or fall
    outside, would leave one empty, so they are refused."""
    for places in ([0, 0], [3], [1, 0]):
        with pytest.raises(ValueError, match="places must increase"):
            compiled().placed_strings(["a"], np.array(places, np.intp), ["x"] * len(places))


@SETTINGS
@given(
    value=st.lists(st.sampled_from([t.lower() for t in TEXTS] + ["um,", "(uh)"]), max_size=30),
    data=st.data(),
)
def test_twins_find_the_same_listed_words(value: list[str], data: st.DataObject) -> None:
    kind = np.array(
        data.draw(st.lists(st.integers(0, 3), min_size=len(value), max_size=len(value))), np.int8
    )
    listed = frozenset(data.draw(st.sets(st.sampled_from(["um", "uh", "ähm", ",", "the"]))))
    forms = removal._matched_forms
    expected = pure.listed_words(value, kind, forms, listed)
    got = compiled().listed_words(value, kind, forms, listed)
    assert got.dtype == expected.dtype == np.bool_
    np.testing.assert_array_equal(got, expected)


@SETTINGS
@given(
    value=st.lists(st.sampled_from([t.lower() for t in TEXTS] + ["um,", "(uh)"]), max_size=30),
    data=st.data(),
)
def test_twins_find_the_same_listed_words_and_kind(value: list[str], data: st.DataObject) -> None:
    kind = np.array(
        data.draw(st.lists(st.integers(0, 3), min_size=len(value), max_size=len(value))), np.int8
    )
    listed = frozenset(data.draw(st.sets(st.sampled_from(["um", "uh", "ähm", ",", "the"]))))
    marked = data.draw(st.sampled_from([-1, int(TokenKind.SOUND), int(TokenKind.PUNCTUATION)]))
    forms = removal._matched_forms
    expected = pure.listed_or_kind(value, kind, forms, listed, marked)
    got = compiled().listed_or_kind(value, kind, forms, listed, marked)
    if expected is None:
        assert got is None
        assert not (kind == marked).any()
    else:
        assert got is not None and got.dtype == np.bool_
        np.testing.assert_array_equal(got, expected)
        assert expected[kind == marked].all()


@st.composite
def spoken_tables(draw: st.DrawFn) -> TokenTable:
    """Segments of words, disfluencies, punctuation and sounds, with speakers that change."""
    kinds = {"um": 0, "Um": 0, "uh": 0, "so": 0, "We": 0, "went": 0, ",": 1, ".": 1,
             "?": 1, "[MUSIC]": 2}  # fmt: skip
    rows: list[tuple[int, int, str]] = []
    speaker: list[int] = []
    for _ in range(draw(st.integers(1, 6))):
        who = draw(st.integers(-1, 2))
        for k, text in enumerate(draw(st.lists(st.sampled_from(sorted(kinds)), min_size=1,
                                               max_size=12))):  # fmt: skip
            flag = int(TokenFlag.SEQUENCE_START) if kinds[text] != 1 else 0
            if k == 0:
                flag |= int(TokenFlag.SEGMENT_START | TokenFlag.SPEAKER_CHANGE)
            rows.append((kinds[text], flag, text))
            speaker.append(who)
    n = len(rows)
    start = np.arange(n, dtype=np.int64) * 300
    return TokenTable(
        start=start,
        end=start + 250,
        kind=np.array([r[0] for r in rows], dtype=np.int8),
        flags=np.array([r[1] for r in rows], dtype=np.uint16),
        speaker=np.array(speaker, dtype=np.int32),
        tag=np.array([0 if r[0] == 2 else -1 for r in rows], dtype=np.int16),
        text=[r[2] for r in rows],
        value=[r[2].lower() for r in rows],
        speakers=((0, "Effects"), (1, "Tim"), (2, "")),
        tag_names=("MUSIC",),
        language="en",
    )


@SETTINGS
@given(table=spoken_tables(), disfluencies=st.booleans(), sounds=st.booleans())
def test_twins_transform_the_same_table(
    table: TokenTable, disfluencies: bool, sounds: bool
) -> None:
    options = CaptionOptions(remove_disfluencies=disfluencies, remove_sound_references=sounds)
    chosen = row_edits.KERNEL
    try:
        row_edits.KERNEL = pure
        expected = apply_transforms(table, options)
        row_edits.KERNEL = compiled()
        got = apply_transforms(table, options)
    finally:
        row_edits.KERNEL = chosen
    assert got.text == expected.text and got.value == expected.value
    for field in ("start", "end", "kind", "flags", "speaker", "tag"):
        np.testing.assert_array_equal(getattr(got, field), getattr(expected, field), field)


def _row_columns(
    columns: tuple[np.ndarray, np.ndarray, np.ndarray, list[str]],
) -> tuple[object, ...]:
    """A table's row columns (ROW_COLUMNS order) around ``raw_columns``' kind, flags, text."""
    _, kind, flags, text = columns
    n = len(text)
    start = np.arange(n, dtype=np.int64) * 10
    speaker = (np.arange(n, dtype=np.int32) % 3) - 1
    tag = np.where(kind == 2, np.int16(0), np.int16(-1)).astype(np.int16)
    return (start, start + 5, kind, flags, speaker, tag, text, [t.lower() for t in text])


def _assert_same_rows(got: tuple[object, ...], expected: tuple[object, ...]) -> None:
    assert len(got) == len(expected) == len(ROW_COLUMNS)
    for name, a, b in zip(ROW_COLUMNS, got, expected, strict=True):
        if isinstance(b, list):
            assert a == b, name
        else:
            assert a.dtype == b.dtype, name  # type: ignore[attr-defined]
            np.testing.assert_array_equal(a, b, err_msg=name)


@SETTINGS
@given(columns=raw_columns(), data=st.data())
def test_twins_drop_the_same_rows_and_hand_on_the_same_flags(
    columns: tuple[np.ndarray, np.ndarray, np.ndarray, list[str]], data: st.DataObject
) -> None:
    drop = columns[0]
    kept = (~drop).nonzero()[0].tolist()
    attach = sorted(data.draw(st.sets(st.sampled_from(kept))) if kept else [])
    rows = _row_columns(columns)
    expected = pure.dropped_rows(drop, attach, *rows)
    _assert_same_rows(compiled().dropped_rows(drop, attach, *rows), expected)
    assert len(expected[6]) == len(kept)


@SETTINGS
@given(columns=raw_columns())
def test_twins_remove_the_same_rows(
    columns: tuple[np.ndarray, np.ndarray, np.ndarray, list[str]],
) -> None:
    rows = _row_columns(columns)
    _assert_same_rows(
        compiled().removed_rows(columns[0], *rows), pure.removed_rows(columns[0], *rows)
    )


def test_a_dropped_row_hands_its_flags_on_and_back() -> None:
    """'so um .' with 'um' dropped: the next kept row takes its SEGMENT_START,
    SPEAKER_CHANGE and SEQUENCE_START (not SEQUENCE_START onto punctuation), the kept row
    before takes its SENTENCE_END; an attach row loses SEQUENCE_START."""
    seg, seq, end, change = (int(f) for f in (TokenFlag.SEGMENT_START, TokenFlag.SEQUENCE_START,
                                              TokenFlag.SENTENCE_END, TokenFlag.SPEAKER_CHANGE))  # fmt: skip
    text = ["so", "um", ".", "we", "uh", "go"]
    kind = np.array([0, 0, 1, 0, 0, 0], np.int8)
    flags = np.array([seg | seq, seg | change | seq | end, 0, seq, seq | seg, seq], np.uint16)
    drop = np.array([0, 1, 0, 0, 1, 0], np.bool_)
    rows = _row_columns((drop, kind, flags, text))
    for twin in twins():
        got = twin.dropped_rows(drop, [3], *rows)
        assert got[6] == ["so", ".", "we", "go"], twin.__name__
        assert got[3].tolist() == [seg | seq | end, seg | change, 0, seg | seq], twin.__name__


def test_an_attach_row_outside_the_table_is_refused_not_a_crash() -> None:
    drop = np.array([True, False])
    rows = _row_columns((drop, np.zeros(2, np.int8), np.zeros(2, np.uint16), ["a", "b"]))
    with pytest.raises(IndexError, match="outside the 2 rows"):
        compiled().dropped_rows(drop, [5], *rows)


def test_the_row_columns_are_the_tables_first_fields_in_order() -> None:
    """TokenTable(*row_columns, speakers, tag_names, language) builds the same table."""
    from dataclasses import fields

    assert tuple(f.name for f in fields(TokenTable))[: len(ROW_COLUMNS)] == ROW_COLUMNS


@SETTINGS
@given(columns=raw_columns(), data=st.data())
def test_twins_place_the_same_rows(
    columns: tuple[np.ndarray, np.ndarray, np.ndarray, list[str]], data: st.DataObject
) -> None:
    rows = _row_columns(columns)
    n = len(columns[3])
    m = data.draw(st.integers(0, 6))
    new_at = np.array(sorted(data.draw(st.sets(st.integers(0, n + m - 1), min_size=m,
                                               max_size=m))) if n + m else [], np.intp)  # fmt: skip
    texts = [f">> {k}" for k in range(m)]
    inserted = (
        np.arange(m, dtype=np.int64),
        np.arange(m, dtype=np.int64) + 1,
        np.full(m, 3, np.int8),
        np.full(m, 26, np.uint16),
        np.full(m, 2, np.int32),
        np.full(m, -1, np.int16),
        texts,
        [t.lower() for t in texts],
    )
    expected = pure.placed_rows(new_at, inserted, *rows)
    _assert_same_rows(compiled().placed_rows(new_at, inserted, *rows), expected)
    assert [expected[6][i] for i in new_at.tolist()] == texts


def test_rows_placed_out_of_order_or_outside_are_refused_not_a_crash() -> None:
    drop = np.array([False])
    rows = _row_columns((drop, np.zeros(1, np.int8), np.zeros(1, np.uint16), ["a"]))
    one = (np.zeros(1, np.int64), np.zeros(1, np.int64), np.zeros(1, np.int8),
           np.zeros(1, np.uint16), np.zeros(1, np.int32), np.zeros(1, np.int16), ["x"], ["x"])  # fmt: skip
    two = tuple(c[:1] * 2 if isinstance(c, list) else np.concatenate([c, c]) for c in one)
    with pytest.raises(ValueError, match="places must increase"):
        compiled().placed_rows(np.array([2]), one, *rows)
    with pytest.raises(ValueError, match="places must increase"):
        compiled().placed_rows(np.array([1, 1]), two, *rows)
    with pytest.raises(ValueError, match="differ in length from the places"):
        compiled().placed_rows(np.array([0, 1]), one, *rows)


def _without_markers(kind: np.ndarray) -> np.ndarray:
    """``kind`` with its SPEAKER rows made words (a table before its markers)."""
    return np.where(kind == int(TokenKind.SPEAKER), np.int8(0), kind).astype(np.int8)


def _assert_same_changes(got: object, expected: object) -> None:
    if expected is None:
        assert got is None
        return
    assert isinstance(got, tuple) and isinstance(expected, tuple)
    at, keys, spread, flags, stale = got
    assert keys == expected[1] and stale == expected[4]
    for name, a, b in (("at", at, expected[0]), ("spread", spread, expected[2]),
                       ("flags", flags, expected[3])):  # fmt: skip
        assert a.dtype == b.dtype, name
        np.testing.assert_array_equal(a, b, err_msg=name)


@SETTINGS
@given(columns=raw_columns(), data=st.data(), marked=st.booleans())
def test_twins_find_the_same_marker_changes(
    columns: tuple[np.ndarray, np.ndarray, np.ndarray, list[str]],
    data: st.DataObject,
    marked: bool,
) -> None:
    """The change rows, their keys (Effects-ness of a row without a speaker from its
    segment's words) and the stale flags; None for a table with its markers already."""
    _, kind, flags, _ = columns
    kind = kind if marked else _without_markers(kind)
    n = len(kind)
    speaker = np.array(data.draw(st.lists(st.integers(-1, 3), min_size=n, max_size=n)), np.int32)
    expected = pure.marker_changes(kind, flags, speaker)
    _assert_same_changes(compiled().marker_changes(kind, flags, speaker), expected)
    if not marked:
        assert expected is not None


def test_marker_keys_tell_a_sound_only_segment_without_a_speaker() -> None:
    """Rows without a speaker that change (SEGMENT_START with SPEAKER_CHANGE): key -2 in a
    segment with a word, -1 in one of sounds alone; a named speaker's key is twice its
    index; a SPEAKER_CHANGE where nothing changes is stale and cleared."""
    seg_change = int(TokenFlag.SEGMENT_START | TokenFlag.SPEAKER_CHANGE)
    change = int(TokenFlag.SPEAKER_CHANGE)
    kind = np.array([2, 0, 2, 0, 0], np.int8)
    flags = np.array([seg_change, seg_change, 0, seg_change, change], np.uint16)
    speaker = np.array([-1, -1, -1, 1, 1], np.int32)
    for twin in twins():
        changes = twin.marker_changes(kind, flags, speaker)
        assert changes is not None, twin.__name__
        at, keys, spread, new_flags, stale = changes
        assert at.tolist() == [0, 1, 3] and keys == [-2, -1, 2], twin.__name__
        assert [keys[s] for s in spread.tolist()] == [-1, -2, 2], twin.__name__
        assert new_flags.tolist() == [seg_change, seg_change, 0, seg_change, 0], twin.__name__
        assert stale, twin.__name__


@SETTINGS
@given(columns=raw_columns(), data=st.data())
def test_twins_place_the_same_markers(
    columns: tuple[np.ndarray, np.ndarray, np.ndarray, list[str]], data: st.DataObject
) -> None:
    kind = _without_markers(columns[1])
    rows = _row_columns((columns[0], kind, columns[2], columns[3]))
    changes = pure.marker_changes(kind, rows[3], rows[4])
    assert changes is not None
    at, keys, spread, flags, _ = changes
    shown = data.draw(st.lists(st.sampled_from(["", ">>", ">> Tim:", "Effects:"]),
                               min_size=len(keys), max_size=len(keys)))  # fmt: skip
    lowered = [t.lower() for t in shown]
    old = (*rows[:3], flags, *rows[4:])
    expected = pure.placed_markers(at, spread, shown, lowered, *old)
    _assert_same_rows(compiled().placed_markers(at, spread, shown, lowered, *old), expected)
    assert len(expected[6]) == len(rows[6]) + sum(bool(shown[s]) for s in spread.tolist())


def test_markers_at_bad_rows_or_keys_are_refused_not_a_crash() -> None:
    rows = _row_columns((np.zeros(2, np.bool_), np.zeros(2, np.int8), np.zeros(2, np.uint16),
                         ["a", "b"]))  # fmt: skip
    one = np.array([0], np.intp)
    with pytest.raises(ValueError, match="increase inside the table"):
        compiled().placed_markers(np.array([2], np.intp), one, [">>"], [">>"], *rows)
    with pytest.raises(ValueError, match="increase inside the table"):
        compiled().placed_markers(np.array([1, 1], np.intp), np.zeros(2, np.intp), [">>"],
                                  [">>"], *rows)  # fmt: skip
    with pytest.raises(IndexError, match="outside the texts"):
        compiled().placed_markers(one, np.array([3], np.intp), [">>"], [">>"], *rows)
    with pytest.raises(ValueError, match="a lowered text for each"):
        compiled().placed_markers(one, one, [">>"], [], *rows)


@SETTINGS
@given(
    value=st.one_of(
        st.sampled_from(["um", "Um", "um,", "x1", "1x", "", "ähm", "a-b", "_a"]),
        st.text(max_size=6),
    )
)
def test_a_value_that_is_its_own_forms_is_matched_as_it_is(value: str) -> None:
    """The twins skip the word lists' ``forms`` for a value that is its own forms: that is
    only right if the real ``forms`` gives it back as both its lower case and its core."""
    if pure.is_own_forms(value):
        assert removal._matched_forms(value) == (value, value)
    listed = frozenset({value, "um"})
    kind = np.array([TokenKind.WORD], np.int8)
    expected = pure.listed_words([value], kind, removal._matched_forms, listed)
    np.testing.assert_array_equal(
        compiled().listed_words([value], kind, removal._matched_forms, listed), expected
    )


def test_filled_makes_the_table_its_init_makes() -> None:
    """The row kernel's ``filled`` (how the transforms make each table) gives what
    ``TokenTable(*values)`` gives: the same objects in every field, a frozen table the
    collector tracks; the compiled one refuses slots it cannot fill."""
    import dataclasses
    import gc

    from elementlist.table.token_table import _SLOTS

    values = (np.arange(2, dtype=np.int64), np.arange(2, dtype=np.int64), np.zeros(2, np.int8),
              np.zeros(2, np.uint16), np.zeros(2, np.int32), np.full(2, -1, np.int16),
              ["Hi", "there"], ["hi", "there"], ((1, "Ann"),), ("MUSIC",), "en-US")  # fmt: skip
    for twin in (compiled(), pure):
        made = twin.filled(TokenTable, _SLOTS, values)
        assert type(made) is TokenTable
        assert all(
            getattr(made, f.name) is v
            for f, v in zip(dataclasses.fields(TokenTable), values, strict=True)
        )
        assert len(made) == 2 and gc.is_tracked(made)
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.language = "fr"  # type: ignore[misc]
        with pytest.raises(ValueError, match="10 values for 11 slots"):
            twin.filled(TokenTable, _SLOTS, values[:-1])
    with pytest.raises(TypeError, match="__slots__ members"):
        compiled().filled(TokenTable, (*_SLOTS[:-1], TokenTable.spaced), values)
    with pytest.raises(TypeError, match="another class"):
        compiled().filled(CaptionOptions, _SLOTS, values)


@SETTINGS
@given(st.lists(st.sampled_from(TEXTS) | st.text(max_size=5), max_size=30))
def test_the_texts_the_clean_up_looks_at_are_those_not_printable_ascii(texts: list[str]) -> None:
    want = [i for i, t in enumerate(texts) if not all(" " <= c <= "~" for c in t)]
    assert compiled().not_plain_printable(texts) == want
    assert pure.not_plain_printable(texts) == want


def test_listed_words_on_many_repeated_and_distinct_values() -> None:
    """The compiled look-up answers a value it has seen by its address first (a table of at
    most 8,192 slots, shared in turn by values whose addresses meet): on 20,000 words of
    3,000 values, some listed, some equal but distinct objects, it finds what the pure one
    finds."""
    import random

    chooser = random.Random(15)
    values = [f"w{i}" for i in range(3000)] + ["um", "Um,", "uh"]
    value = [chooser.choice(values) for _ in range(20_000)] + ["".join(["u", "m"])] * 3
    kind = np.zeros(len(value), np.int8)
    listed = frozenset({"um", "uh", "w7", "w2999"})
    forms = removal._matched_forms
    expected = pure.listed_words(value, kind, forms, listed)
    assert expected.sum() > 20
    np.testing.assert_array_equal(compiled().listed_words(value, kind, forms, listed), expected)
    np.testing.assert_array_equal(
        compiled().listed_or_kind(value, kind, forms, listed, int(TokenKind.SOUND)), expected
    )
