"""Timestamps: format and parse are mirrors for every style, hours never wrap."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from elementlist.timecodes import format_timestamp, parse_timestamp, split_ms

STYLES = ("srt", "webvtt", "dfxp", "qt", "sbv")


@pytest.mark.parametrize(
    ("ms", "style", "text"),
    [
        (0, "srt", "00:00:00,000"),
        (0, "sbv", "0:00:00.000"),
        (3_723_004, "srt", "01:02:03,004"),
        (3_723_004, "webvtt", "01:02:03.004"),
        (3_723_004, "dfxp", "01:02:03.004"),
        (3_723_004, "qt", "01:02:03.004"),
        (3_723_004, "sbv", "1:02:03.004"),
        (86_399_999, "srt", "23:59:59,999"),
        (90_000_000, "webvtt", "25:00:00.000"),
        (360_000_001, "srt", "100:00:00,001"),
        (360_000_001, "sbv", "100:00:00.001"),
    ],
)
def test_known_values(ms: int, style: str, text: str) -> None:
    assert format_timestamp(ms, style) == text  # type: ignore[arg-type]
    assert parse_timestamp(text, style) == ms  # type: ignore[arg-type]


@given(st.integers(0, 10**11), st.sampled_from(STYLES))
def test_parse_mirrors_format(ms: int, style: str) -> None:
    assert parse_timestamp(format_timestamp(ms, style), style) == ms  # type: ignore[arg-type]


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="a timestamp cannot be negative: -1 ms"):
        format_timestamp(-1, "srt")
    with pytest.raises(ValueError, match="unknown timestamp style 'ass'"):
        format_timestamp(1, "ass")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"not a srt timestamp: '00:00:01\.000'"):
        parse_timestamp("00:00:01.000", "srt")
    with pytest.raises(ValueError, match="not a webvtt timestamp"):
        parse_timestamp("0:00:01.000", "webvtt")
    assert split_ms(3_723_004) == (1, 2, 3, 4)


@given(
    st.one_of(st.integers(0, 10**11), st.integers(359_990_000, 360_010_000)),
    st.sampled_from(STYLES),
)
def test_every_int_like_and_the_100_hour_edge_format_alike(ms: int, style: str) -> None:
    """Below 100 hours an int goes through the field tables, beyond it and for any other
    int-like (a numpy integer) the fields are formatted: each gives the same text, whose
    fields are the time's own."""
    text = format_timestamp(ms, style)  # type: ignore[arg-type]
    assert format_timestamp(np.int64(ms), style) == text  # type: ignore[arg-type]
    hours, minutes, seconds, millis = split_ms(ms)
    sep = "," if style == "srt" else "."
    width = 1 if style == "sbv" else 2
    assert text == f"{hours:0{width}d}:{minutes:02d}:{seconds:02d}{sep}{millis:03d}"
