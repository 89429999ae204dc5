"""A word longer than a line keeps to its own time (layout.py's rules, docs/options.md at
characters_per_caption_line): its captions lie inside its span, none is shorter than the
1 ms floor, no time is invented after the spoken words and the next word is never pushed.
When the span has fewer ms than the word needs captions of ``lines_per_caption`` lines, its
captions hold more lines (the documented exception); text is never dropped."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
import pysubs2
import regex
import srt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import elementlist
from elementlist import kernels
from elementlist.captions import layout_kernel as pure
from elementlist.captions.api import build_captions
from elementlist.captions.model import Caption
from elementlist.captions.prepare import kernel_arguments, prepare_layout
from elementlist.options.classes import CaptionOptions
from elementlist.table.build import table_of as token_table
from elementlist.table.transforms import apply_transforms

MEBIBYTE = 1 << 20
# Timing rules off: the times are the spoken ones, so every property is exact.
SPOKEN = CaptionOptions(merge_gap_interval=0, emit_speaker_change_tokens_as="",
                        display_speaker_id="no")  # fmt: skip


def word(start: int, end: int, text: str) -> dict[str, Any]:
    return {"start_time": start, "end_time": end, "tokens": [
        {"start_time": start, "end_time": end, "value": text.lower(), "type": "word",
         "display_as": text}]}  # fmt: skip


def document(*sequences: dict[str, Any], name: str = "Ann") -> dict[str, Any]:
    end = sequences[-1]["end_time"]
    last = sequences[-1]["tokens"]
    last.append({"start_time": end, "end_time": end, "value": ".", "type": "punctuation",
                 "display_as": ".", "tags": ["ENDS_SENTENCE"]})  # fmt: skip
    return {"version": 3, "start_time": 0, "end_time": end + 500, "language": "en",
            "speakers": [{"id": 1, "name": name}],
            "segments": [{"start_time": sequences[0]["start_time"], "end_time": end,
                          "speaker_id": 1, "sequences": list(sequences)}]}  # fmt: skip


def graphemes(text: str) -> int:
    return len(regex.findall(r"\X", text))


def holding(captions: list[Caption], text: str) -> list[Caption]:
    return [c for c in captions if any(text in line for line in c.lines)]


def assert_ordered(captions: list[Caption]) -> None:
    assert all(c.end - c.start >= 1 for c in captions)
    assert all(a.end <= b.start for a, b in pairwise(captions))


def test_a_mebibyte_word_keeps_to_its_own_half_second() -> None:
    huge = "a" * MEBIBYTE
    doc = document(word(0, 500, huge), word(1000, 1500, "next"))
    captions = build_captions(doc, SPOKEN)
    own, rest = captions[:-1], captions[-1]
    assert (rest.start, rest.end, rest.lines) == (1000, 1500, ("next.",))
    assert "".join("".join(c.lines) for c in own) == huge
    assert_ordered(captions)
    assert own[0].start == 0 and own[-1].end == 500
    lines = -(-MEBIBYTE // 42)  # 24,967 lines of at most 42 characters
    assert all(len(line) <= 42 for c in own for line in c.lines)
    # 500 ms hold at most 500 captions of 1 ms: 50 lines each, not lines_per_caption's 2
    assert len(own) == 500 and {c.end - c.start for c in own} == {1}
    assert max(len(c.lines) for c in own) == -(-lines // 500) == 50


def test_a_mebibyte_word_in_srt_under_the_default_timing() -> None:
    huge = "a" * MEBIBYTE
    doc = document(word(0, 500, huge), word(1000, 1500, "next"))
    text = elementlist.get_caption(doc, "SRT")
    cues = list(srt.parse(text))
    assert len(cues) == len(pysubs2.SSAFile.from_string(text, format_="srt")) == 501
    ends = [round(c.end.total_seconds() * 1000) for c in cues]
    starts = [round(c.start.total_seconds() * 1000) for c in cues]
    # merge_gap_interval (1000 ms by default) closes the gap to "next", nothing more
    assert ends[-2] == starts[-1] == 1000 and ends[-1] == 1500
    assert "".join(c.content.replace("\n", "") for c in cues[:-1]) == ">> Ann:" + huge


def test_a_word_with_enough_time_keeps_lines_per_caption() -> None:
    long_word = "b" * 400  # 10 lines of 42
    doc = document(word(0, 3000, long_word), word(3100, 3400, "next"))
    captions = build_captions(doc, SPOKEN)
    assert all(len(c.lines) <= 2 for c in captions)
    assert "".join(line for c in captions for line in c.lines).replace(" ", "") == (
        long_word + "next."
    )
    assert_ordered(captions)
    assert captions[0].start == 0 and holding(captions, "next")[0].end == 3400


def test_a_word_of_no_length_gets_one_caption_of_the_floor() -> None:
    doc = document(word(0, 300, "before"), word(1000, 1000, "c" * 100), word(2000, 2300, "next"))
    captions = build_captions(doc, SPOKEN.with_values(characters_per_caption_line=10))
    own = [c for c in captions if set("".join(c.lines)) == {"c"}]
    assert len(own) == 1 and (own[0].start, own[0].end) == (1000, 1001)
    assert own[0].lines == ("c" * 10,) * 10
    assert holding(captions, "next")[0].start == 2000


def test_a_speaker_marker_wider_than_the_line_takes_time_from_its_word() -> None:
    # The marker has no time of its own (it takes its word's start): cut into two lines
    # with one line a caption, its first line used to get an invented 1 ms.
    doc = document(word(6230, 6690, "Tim"), word(6700, 7190, "and"), name="Ann Taylor Pittman")
    options = CaptionOptions(characters_per_caption_line=20, lines_per_caption=1,
                             merge_gap_interval=0)  # fmt: skip
    captions = build_captions(doc, options)
    assert [c.lines for c in captions] == [(">> Ann Taylor Pittma",), ("n: Tim and.",)]
    first, second = captions
    assert first.start == 6230 and first.end == second.start and second.end == 7190
    assert 6230 + 1 < first.end < 6690


# --- generated long words ------------------------------------------------------------------

clusters = st.sampled_from(["a", "b", "é", "e\u0301", "👍🏽", "日", "ก\u0e31", "x"])


@st.composite
def long_word_documents(draw: st.DrawFn) -> tuple[dict[str, Any], str, int, int]:
    """Words, one long word of ``length`` ms, words after it; returns the long word and
    its span too."""
    t = draw(st.integers(0, 3000))
    sequences = []
    for k in range(draw(st.integers(0, 3))):
        length = draw(st.integers(1, 600))
        sequences.append(word(t, t + length, f"pre{k}"))
        t += length + draw(st.integers(0, 400))
    size = draw(st.one_of(st.integers(1, 100), st.integers(100, 3000)))
    long_word = "".join(draw(st.lists(clusters, min_size=size, max_size=size)))
    span = draw(st.one_of(st.integers(1, 30), st.integers(1, 4000)))  # short spans matter
    start = t
    sequences.append(word(t, t + span, long_word))
    t += span + draw(st.integers(0, 400))
    for k in range(draw(st.integers(1, 3))):
        length = draw(st.integers(1, 600))
        sequences.append(word(t, t + length, f"zz{k}"))
        t += length + draw(st.integers(0, 400))
    return document(*sequences), long_word, start, start + span


layout_options = st.builds(
    CaptionOptions,
    characters_per_caption_line=st.integers(5, 60),  # the other words fit a line
    lines_per_caption=st.integers(1, 4),
    caption_by_sentence=st.booleans(),
    merge_gap_interval=st.just(0),
    emit_speaker_change_tokens_as=st.just(""),
    display_speaker_id=st.just("no"),
    layout_target_caption_length_ms=st.integers(0, 8000),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=long_word_documents(), options=layout_options)
def test_a_long_word_keeps_to_its_span(
    case: tuple[dict[str, Any], str, int, int], options: CaptionOptions
) -> None:
    doc, long_word, start, end = case
    cpl, lpc = options.characters_per_caption_line, options.lines_per_caption
    captions = build_captions(doc, options)
    assert_ordered(captions)
    # nothing dropped, nothing reordered; every line within the limit
    shown = "".join("".join(c.lines).replace(" ", "") for c in captions)
    spoken = [t["display_as"] for s in doc["segments"][0]["sequences"] for t in s["tokens"]]
    assert shown == "".join(spoken)
    assert all(graphemes(line) <= cpl for c in captions for line in c.lines)
    # the word's own captions lie inside its span, at most one per ms of it
    letters = set(long_word) - {" "}
    own = [c for c in captions if set("".join(c.lines)) <= letters]
    assert all(start <= c.start and c.end <= end for c in own)
    assert len(own) <= end - start
    # more lines than lines_per_caption only for the word's own captions, and only as many
    # as its span makes necessary
    needed = -(-graphemes(long_word) // cpl)
    for c in captions:
        if len(c.lines) > lpc:
            assert c in own and len(c.lines) <= -(-needed // (end - start))
    # no time invented after the words, and the word after it is not pushed
    last = doc["segments"][0]["sequences"][-1]["end_time"]
    assert captions[-1].end == last
    after = holding(captions, "zz0")[0]
    assert after.start <= doc["segments"][0]["sequences"][-1]["start_time"]
    zz0 = next(s for s in doc["segments"][0]["sequences"] if s["tokens"][0]["value"] == "zz0")
    assert after.start <= zz0["start_time"]
    # the compiled kernel and its pure twin agree on it
    prepared = prepare_layout(apply_transforms(token_table(doc), options), options)
    args = kernel_arguments(prepared, options)
    chosen = kernels.compiled("_layout") or pure
    np.testing.assert_array_equal(chosen.layout_units(*args), pure.layout_units(*args))
