"""timecode_format: %H %M %S, three-digit %f, %%; hours past 24; never negative."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elementlist.errors import OptionError
from elementlist.timecodes import format_timecode, html_duration, timecode_formatter


@pytest.mark.parametrize(
    ("ms", "pattern", "expected"),
    [
        (0, "[%H:%M:%S.%f]", "[00:00:00.000]"),
        (6230, "[%H:%M:%S.%f]", "[00:00:06.230]"),
        (3723004, "[%H:%M:%S.%f]", "[01:02:03.004]"),
        (1000, "[%H:%M:%S]", "[00:00:01]"),
        (11999, "[%H:%M:%S]", "[00:00:11]"),  # truncated like cielo24's example, not rounded
        (90061000, "%H:%M:%S", "25:01:01"),  # hours keep counting past a day
        (360000000, "%H:%M:%S", "100:00:00"),
        (59999, "%M min %S s %f ms", "00 min 59 s 999 ms"),
        (5000, "100%% at %S{s}", "100% at 05{s}"),  # %% and literal braces
        (5000, "no fields", "no fields"),
        (5000, "", ""),
    ],
)
def test_formats(ms: int, pattern: str, expected: str) -> None:
    assert format_timecode(ms, pattern) == expected


def test_default_pattern_is_cielo24s() -> None:
    assert format_timecode(6230) == "[00:00:06.230]"


def test_negative_times_print_as_zero() -> None:
    assert format_timecode(-1500, "[%H:%M:%S.%f]") == "[00:00:00.000]"
    assert html_duration(-5) == "PT0.000S"


@pytest.mark.parametrize("pattern", ["%d", "[%H:%M:%S.%s]", "%", "50%"])
def test_unknown_fields_are_refused(pattern: str) -> None:
    with pytest.raises(OptionError) as caught:
        format_timecode(0, pattern)
    assert caught.value.option == "timecode_format"
    assert str(caught.value).startswith("timecode_format: unknown field %")


def test_the_formatter_is_compiled_once_per_pattern() -> None:
    assert timecode_formatter("[%H]") is timecode_formatter("[%H]")


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 24 * 3600 * 1000 - 1))
def test_agrees_with_the_standard_library_within_a_day(ms: int) -> None:
    """Within a day our fields are Python's, except %f: milliseconds, not microseconds."""
    clock = datetime.datetime(2000, 1, 1) + datetime.timedelta(milliseconds=ms)
    expected = clock.strftime("%H:%M:%S.") + f"{clock.microsecond // 1000:03d}"
    assert format_timecode(ms, "%H:%M:%S.%f") == expected


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12))
def test_fields_give_back_the_time(ms: int) -> None:
    shown = format_timecode(ms, "%H|%M|%S|%f")
    hours, minutes, seconds, millis = (int(x) for x in shown.split("|"))
    assert 0 <= minutes < 60 and 0 <= seconds < 60 and 0 <= millis < 1000
    assert ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis == ms
    assert re.fullmatch(r"\d{2,}\|\d\d\|\d\d\|\d{3}", shown)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**10))
def test_html_duration_is_a_valid_duration_of_the_same_time(ms: int) -> None:
    text = html_duration(ms)
    match = re.fullmatch(r"PT(\d+)\.(\d{3})S", text)
    assert match
    assert int(match.group(1)) * 1000 + int(match.group(2)) == ms
