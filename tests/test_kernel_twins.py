"""The compiled layout kernel and its pure twin agree; layouts keep their invariants.

The compiled module must be built (``python setup.py build_ext --inplace``); without it
these tests fail, unless ELEMENTLIST_PURE=1 says the pure twin is meant to run alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twin_support import PURE_ONLY, built, compiled_twin

from elementlist import kernels
from elementlist.captions import layout_kernel as pure
from elementlist.captions.layout import layout_captions
from elementlist.captions.prepare import PreparedLayout, kernel_arguments, prepare_layout
from elementlist.captions.units import UnitBit, UnitStart
from elementlist.captions.word_facts import grapheme_width
from elementlist.document.vocabulary import TokenKind
from elementlist.options.classes import CaptionOptions
from elementlist.table.token_table import TokenFlag, TokenTable

ROOT = Path(__file__).resolve().parents[1]
compiled_module = built("_layout")


def token_codes(prepared: PreparedLayout, unit_codes: np.ndarray) -> np.ndarray:
    """The kernel's per-unit codes spread onto tokens (0 within a unit)."""
    codes = np.zeros(len(prepared.text), dtype=np.uint8)
    codes[prepared.unit_first] = unit_codes
    return codes


def chosen() -> ModuleType:
    """The kernel that runs in this process (what kernels.py chose)."""
    return kernels.compiled("_layout") or pure


def compiled() -> ModuleType:
    """The compiled kernel; the pure twin alone where it is not built and ELEMENTLIST_PURE=1."""
    if compiled_module is None and PURE_ONLY:
        return pure
    return compiled_twin("_layout", "the compiled kernel")


# --- strategies ---------------------------------------------------------------------------

WORDS = ["the", "a", "cat", "sat", "on", "mat", "and", "Tim", "Ann", "really", "braising",
         "café", "naïve", "👍🏽", "e\u0301clair", "Dutch", "oven", "of", "to", "with", "I",
         "supercalifragilistic", "antidisestablishmentarianism", "you", "日本語", "で"]  # fmt: skip
TAGS = ["MUSIC", "LAUGH", "NOISE", "BLANK_AUDIO"]


@st.composite
def token_tables(draw: st.DrawFn) -> TokenTable:
    language = draw(st.sampled_from(["en", "EN_US", "de", "ja", "zh"]))
    speakers = ((0, "Effects"), (1, "Tim"), (2, "Ann"))
    rows: list[tuple[int, int, int, int, int, int, str]] = []  # start end kind flags spk tag text
    t = draw(st.integers(0, 5000))
    speaker = -1
    for _ in range(draw(st.integers(1, 8))):  # segments
        new_speaker = draw(st.integers(0, 2))
        change = new_speaker != speaker
        speaker = new_speaker
        seg_flag = TokenFlag.SEGMENT_START | (TokenFlag.SPEAKER_CHANGE if change else 0)
        if change and draw(st.booleans()):
            rows.append((t, t, TokenKind.SPEAKER, TokenFlag.SEQUENCE_START | TokenFlag.SPEAKER_CHANGE | TokenFlag.NO_BREAK_AFTER,
                         speaker, -1, f">> {speakers[speaker][1]}:"))  # fmt: skip
            seg_flag = TokenFlag.SEGMENT_START
        n_seq = draw(st.integers(1, 12))
        for s in range(n_seq):
            t += draw(st.sampled_from([0, 0, 10, 50, 200, 900, 2500]))
            length = draw(st.sampled_from([0, 1, 80, 300, 700, 3000]))
            if draw(st.integers(0, 9)) == 0:
                tag = draw(st.integers(0, len(TAGS) - 1))
                rows.append((t, t + length, TokenKind.SOUND, TokenFlag.SEQUENCE_START | seg_flag, speaker, tag,
                             f"[{TAGS[tag]}]"))  # fmt: skip
            else:
                word = draw(st.sampled_from(WORDS))
                rows.append((t, t + max(length, 1), TokenKind.WORD, TokenFlag.SEQUENCE_START | seg_flag, speaker,
                             -1, word))  # fmt: skip
            seg_flag = 0
            t += length
            last = s == n_seq - 1
            if last or draw(st.integers(0, 4)) == 0:
                mark = "." if last else draw(st.sampled_from([",", "?", ";", "."]))
                ends = TokenFlag.SENTENCE_END if mark in ".?" else 0
                rows.append((t, t, TokenKind.PUNCTUATION, ends, speaker, -1, mark))
    return table_from_rows(rows, language)


def table_from_rows(
    rows: list[tuple[int, int, int, int, int, int, str]], language: str
) -> TokenTable:
    return TokenTable(
        start=np.array([r[0] for r in rows], dtype=np.int64),
        end=np.array([r[1] for r in rows], dtype=np.int64),
        kind=np.array([r[2] for r in rows], dtype=np.int8),
        flags=np.array([r[3] for r in rows], dtype=np.uint16),
        speaker=np.array([r[4] for r in rows], dtype=np.int32),
        tag=np.array([r[5] for r in rows], dtype=np.int16),
        text=[r[6] for r in rows],
        value=[r[6].lower() for r in rows],
        speakers=((0, "Effects"), (1, "Tim"), (2, "Ann")),
        tag_names=tuple(TAGS),
        language=language,
    )


tag_lists = st.lists(st.sampled_from(TAGS), max_size=3, unique=True).map(tuple)
caption_options = st.builds(
    CaptionOptions,
    characters_per_caption_line=st.integers(1, 50),
    lines_per_caption=st.integers(1, 4),
    caption_by_sentence=st.booleans(),
    disallow_dangling=st.booleans(),
    speaker_on_new_line=st.booleans(),
    single_speaker_per_caption=st.booleans(),
    silence_max_ms=st.integers(0, 3000),
    layout_target_caption_length_ms=st.integers(0, 9000),
    caption_words_min=st.integers(0, 4),
    sound_tokens_by_caption=st.booleans(),
    sound_tokens_by_caption_list=tag_lists,
    sound_tokens_by_line=st.booleans(),
    sound_tokens_by_line_list=tag_lists,
    sound_threshold=st.none() | st.integers(0, 2000),
    line_break_on_sentence=st.booleans(),
    maximum_caption_duration=st.none() | st.integers(1, 9000),
    minimum_caption_length_ms=st.none() | st.integers(0, 3000),
    merge_gap_interval=st.integers(0, 1500),
    minimum_gap_between_captions_ms=st.none() | st.integers(0, 400),
    maximum_characters_per_second=st.none() | st.integers(1, 40),
    maximum_words_per_minute=st.none() | st.integers(1, 400),
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the twins agree ------------------------------------------------------------------------


def test_the_unit_bits_and_codes_are_the_compiled_ones() -> None:
    """units.py (Python) and elementlist._layout.pxd (Cython) state the bits and the codes
    once each; the compiled module carries the .pxd's as enums: they agree name for name."""
    twin = compiled()
    if twin is pure:
        pytest.skip("the compiled kernel is not built (ELEMENTLIST_PURE=1)")
    for ours, theirs in ((UnitBit, twin.UnitBit), (UnitStart, twin.UnitStart)):
        assert {m.name: m.value for m in theirs} == {m.name: m.value for m in ours}
    for name in ("MAX_CHARS", "MAX_TARGET_MS", "MAX_WORDS_MIN"):
        assert getattr(twin, name) == getattr(pure, name), name


def test_the_pxd_states_what_units_py_states() -> None:
    """Read from the source too, so a build that is not current cannot hide a change."""
    text = (ROOT / "src_ext" / "elementlist._layout.pxd").read_text("utf-8")
    stated: dict[str, dict[str, int]] = {}
    enum = ""
    for line in text.splitlines():
        if line.startswith("cpdef enum "):
            enum = line.split()[2].rstrip(":")
            stated[enum] = {}
        elif enum and "=" in line and not line.lstrip().startswith("#"):
            name, value = (part.strip() for part in line.split("="))
            stated[enum][name] = int(value)
    assert stated == {
        "UnitBit": {m.name: m.value for m in UnitBit},
        "UnitStart": {m.name: m.value for m in UnitStart},
    }


@SETTINGS
@given(table=token_tables(), options=caption_options)
def test_twins_agree_on_generated_documents(table: TokenTable, options: CaptionOptions) -> None:
    args = kernel_arguments(prepare_layout(table, options), options)
    expected = pure.layout_units(*args)
    got = compiled().layout_units(*args)
    assert got.dtype == np.uint8
    np.testing.assert_array_equal(got, expected)


@st.composite
def raw_units(draw: st.DrawFn) -> tuple[object, ...]:
    """Unit columns straight from hypothesis, bits in every combination."""
    n = draw(st.integers(0, 60))
    cpl = draw(st.integers(1, 30))
    starts = np.cumsum(draw(st.lists(st.integers(-50, 3000), min_size=n, max_size=n)) or [0])[:n]
    lengths = draw(st.lists(st.integers(0, 2000), min_size=n, max_size=n))
    return (
        np.ascontiguousarray(starts, dtype=np.int64),
        np.ascontiguousarray(starts + np.array(lengths, dtype=np.int64), dtype=np.int64),
        np.array(draw(st.lists(st.integers(0, cpl), min_size=n, max_size=n)), dtype=np.int32),
        np.array(draw(st.lists(st.integers(0, 511), min_size=n, max_size=n)), dtype=np.uint16),
        np.array(draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)), dtype=np.int32),
        cpl,
        draw(st.integers(1, 4)),
        draw(st.integers(0, 8000)),
        draw(st.integers(0, 8000)),
        draw(st.integers(0, 5)),
        draw(st.booleans()),
        draw(st.integers(-1, 40)),  # max_cps (<= 0: none)
        draw(st.integers(-1, 400)),  # max_wpm
    )


@SETTINGS
@given(args=raw_units())
def test_twins_agree_on_raw_unit_columns(args: tuple[object, ...]) -> None:
    expected = pure.layout_units(*args)  # type: ignore[arg-type]
    got = compiled().layout_units(*args)
    np.testing.assert_array_equal(got, expected)
    if len(expected):
        assert expected[0] == UnitStart.NEW_CAPTION


def test_twins_refuse_the_same_bad_columns() -> None:
    one = np.zeros(1, dtype=np.int64)
    bad_width = (one, one, np.array([9], np.int32), np.zeros(1, np.uint16), np.zeros(1, np.int32),
                 5, 2, 0, 0, 0, False)  # fmt: skip
    for twin in (pure, compiled()):
        with pytest.raises(ValueError, match="wider than chars_per_line"):
            twin.layout_units(*bad_width)
        with pytest.raises(ValueError, match="differ in length"):
            twin.layout_units(one, np.zeros(2, np.int64), *bad_width[2:])


# --- invariants of whole layouts ------------------------------------------------------------


@SETTINGS
@given(table=token_tables(), options=caption_options)
def test_layout_invariants(table: TokenTable, options: CaptionOptions) -> None:
    prepared = prepare_layout(table, options)
    unit_codes = chosen().layout_units(*kernel_arguments(prepared, options))
    codes = token_codes(prepared, unit_codes)
    cpl = options.characters_per_caption_line
    captions = layout_captions(table, options)

    # every token once, in order: the lines hold exactly the tokens' text
    flat = "".join("".join(c.lines) for c in captions).replace(" ", "")
    assert flat == "".join(table.text).replace(" ", "")

    # lines per caption is a hard limit, except a cut token's block: one unit of several
    # lines, alone in its caption (too short a span for lines_per_caption lines a caption,
    # see test_layout_long_words.py); the caption count matches the kernel's unless the
    # timing may split (maximum_caption_duration) or merge (minimum_caption_length_ms)
    if options.maximum_caption_duration is None and not options.minimum_caption_length_ms:
        assert len(captions) == int((codes == 2).sum())
        block_units = _block_units(prepared)
        caption_units = np.split(np.arange(len(unit_codes)), np.flatnonzero(unit_codes == 2)[1:])
        for caption, held in zip(captions, caption_units, strict=True):
            assert len(caption.lines) >= 1
            if len(caption.lines) > options.lines_per_caption:
                assert len(held) == 1 and held[0] in block_units
    else:
        assert all(len(c.lines) >= 1 for c in captions)

    # line width is a hard limit, except the documented disallow_dangling overrun
    units = prepared.unit_width.tolist()
    bits = prepared.unit_bits.tolist()
    ucodes = unit_codes.tolist()
    line_units: list[list[int]] = []
    for u, code in enumerate(ucodes):
        if code or not line_units:
            line_units.append([])
        line_units[-1].append(u)
    for line in line_units:
        width = sum(
            units[u] + (1 if k and bits[u] & UnitBit.SPACE else 0) for k, u in enumerate(line)
        )
        if width > cpl:
            last = line[-1]
            assert options.disallow_dangling and len(line) > 1
            assert bits[last] & UnitBit.SENTENCE_END
            assert width - units[last] - (1 if bits[last] & UnitBit.SPACE else 0) <= cpl
    for c in captions:
        for text in c.lines:
            if grapheme_width(text) > cpl:
                assert options.disallow_dangling

    # times: ordered, no overlap, never zero or negative, maximum respected
    for c in captions:
        assert c.end > c.start
        if options.maximum_caption_duration is not None:
            assert c.end - c.start <= options.maximum_caption_duration
    for a, b in pairwise(captions):
        assert a.end <= b.start


def _block_units(prepared: PreparedLayout) -> set[int]:
    """The units that hold a line break inside them (a cut token's block)."""
    starts = np.searchsorted(prepared.unit_first, np.flatnonzero(prepared.newline), "right") - 1
    return set(starts.tolist())


@SETTINGS
@given(table=token_tables(), options=caption_options)
def test_speaker_marker_stays_with_its_word(table: TokenTable, options: CaptionOptions) -> None:
    prepared = prepare_layout(table, options)
    codes = token_codes(prepared, chosen().layout_units(*kernel_arguments(prepared, options)))
    text = prepared.text
    for m in range(len(text) - 1):
        if text[m].startswith(">> ") and text[m].endswith(":"):
            together = grapheme_width(text[m]) + 1 + grapheme_width(text[m + 1])
            assert codes[m + 1] == 0 or together > options.characters_per_caption_line


# --- one place chooses ----------------------------------------------------------------------


def _active(env_pure: str | None) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ELEMENTLIST_PURE", None)
    if env_pure is not None:
        env["ELEMENTLIST_PURE"] = env_pure
    code = "from elementlist import kernels; print(kernels.IMPLEMENTATION, kernels.COMPILED)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    return out.stdout.strip()


def test_environment_forces_the_pure_twin() -> None:
    assert _active("1") == "pure False"


def test_compiled_kernel_is_chosen_when_built() -> None:
    expected = "pure False" if compiled_module is None else "compiled True"
    if compiled_module is None:
        compiled()  # fails unless ELEMENTLIST_PURE=1
    assert _active(None) == expected
    expected_compiled = compiled_module is not None and not PURE_ONLY
    assert kernels.COMPILED is expected_compiled


def test_a_reading_speed_limit_moves_a_cut_to_where_the_words_have_time() -> None:
    """Eight words, the fifth followed by 1.2 s of silence. Without a limit the captions are
    words 1-4 and 5-8: the first, 4 words in the 700 ms until the next caption starts,
    needs 1500 ms at 160 wpm. With max_wpm=160 the first takes the fifth word too and the
    silence after it (5 words, 1875 ms needed, 1900 until the next start)."""
    gaps = [150, 150, 200, 200, 1200, 200, 150]
    start = np.cumsum([0, *gaps]).astype(np.int64)
    args = (start, start + 140, np.array([4, 8, 4, 4, 8, 3, 6, 6], np.int32),
            np.full(8, UnitBit.SPACE.value, np.uint16), np.ones(8, np.int32),
            20, 2, 2000, 0, 0, False)  # fmt: skip
    for twin in (pure, compiled()):
        plain = twin.layout_units(*args)
        assert np.flatnonzero(plain == UnitStart.NEW_CAPTION).tolist() == [0, 4]
        np.testing.assert_array_equal(twin.layout_units(*args, 0, 0), plain)  # 0: no limit
        limited = twin.layout_units(*args, 0, 160)
        assert np.flatnonzero(limited == UnitStart.NEW_CAPTION).tolist() == [0, 5]
        # by characters: words 1-4 are 23 characters, 920 ms at 25 cps, in 700 ms; the cut
        # moves past the silence (words 1-6: 38 characters, 1520 ms, in 2100)
        by_characters = twin.layout_units(*args, 25, 0)
        assert np.flatnonzero(by_characters == UnitStart.NEW_CAPTION).tolist() == [0, 6]
