"""Times outside any real recording, and times before zero (issue 10).

Decoding refuses a time beyond ``MAX_TIME_MS`` (a week) either way, with its path, on every
route (msgspec, the slow path for unknown fields, a dict, the compiled scanner). A model
built in Python may still hold one: validate reports it and rendering never overflows,
wraps or lets numpy warn. Times before zero are clamped to zero when the TokenTable is
built, so a document that validates with errors still renders whole.
"""

from __future__ import annotations

import json
import math
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import run_cli
from scc_support import read_ttconv

import elementlist as el
from elementlist.document.model import MAX_TIME_MS
from elementlist.errors import ElementListError, LayoutWarning, OptionError
from elementlist.table.from_bytes import table_from_bytes
from elementlist.table.from_model import build_token_table, fill_columns
from elementlist.table.token_table import table_times
from elementlist.writers import FORMATS

DAY_MS = 24 * 3600 * 1000
WEEK = "time out of range (beyond ±604800000 ms, one week)"
PURE = os.environ.get("ELEMENTLIST_PURE") == "1"


def document(start: int = 0, end: int = 900) -> dict[str, Any]:
    """A small valid document with every kind of time field."""
    return {
        "version": 3,
        "start_time": start,
        "end_time": end,
        "segments": [
            {
                "start_time": start,
                "end_time": end,
                "sequences": [
                    {
                        "start_time": start,
                        "end_time": end,
                        "tokens": [
                            {"start_time": start, "end_time": end, "value": "hi", "type": "word"},
                            {
                                "start_time": end,
                                "end_time": end,
                                "value": ".",
                                "type": "punctuation",
                                "tags": ["ENDS_SENTENCE"],
                            },
                        ],
                    }
                ],
            }
        ],
        "keywords": {"hi": {"time_ranges": [{"start_time": start, "end_time": end}]}},
    }


TOKEN = ("segments", 0, "sequences", 0, "tokens", 0)
TIME_FIELDS = [
    ("start_time",),
    ("end_time",),
    ("segments", 0, "start_time"),
    ("segments", 0, "end_time"),
    ("segments", 0, "sequences", 0, "start_time"),
    ("segments", 0, "sequences", 0, "end_time"),
    (*TOKEN, "start_time"),
    (*TOKEN, "end_time"),
    ("keywords", "hi", "time_ranges", 0, "start_time"),
    ("keywords", "hi", "time_ranges", 0, "end_time"),
]
BEYOND = ["604800001", "-604800001", "1" + "0" * 400, str(2**64), str(-(2**64)), "1e20",
          "1e308", "-1e308", "604800000.5", "6.048e8000", "9" * 5000]  # fmt: skip


def msgspec_path(location: tuple[str | int, ...]) -> str:
    """The path as the decoder names it (dict values are ``[...]`` there)."""
    out = "$"
    for i, key in enumerate(location):
        if isinstance(key, int):
            out += f"[{key}]"
        elif i > 0 and location[i - 1] == "keywords":
            out += "[...]"
        else:
            out += f".{key}"
    return out


def with_time(location: tuple[str | int, ...], literal: str, unknown: bool = False) -> bytes:
    d = document()
    node: Any = d
    for key in location[:-1]:
        node = node[key]
    node[location[-1]] = "@@TIME@@"
    if unknown:
        d["x_first"] = 1  # an unknown field before everything: the slow path decodes
        d = {"x_first": 1, **d}
    return json.dumps(d).replace('"@@TIME@@"', literal).encode()


@pytest.mark.parametrize("literal", BEYOND)
@pytest.mark.parametrize("location", TIME_FIELDS, ids=msgspec_path)
def test_a_time_beyond_a_week_is_refused_with_its_path(
    location: tuple[str | int, ...], literal: str
) -> None:
    for unknown in (False, True):
        data = with_time(location, literal, unknown)
        want = f"in.json: {WEEK} - at {msgspec_path(location)}"
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(ElementListError) as info:
                el.loads(data, name="in.json")
            assert str(info.value) == want
            with pytest.raises(ElementListError) as info:  # the scanner's route
                table_from_bytes(data, name="in.json")
            assert str(info.value) == want
            with pytest.raises(ElementListError) as info:
                el.get_caption(data, "SRT")
            assert info.value.path == msgspec_path(location)


@pytest.mark.parametrize("value", [MAX_TIME_MS + 1, -MAX_TIME_MS - 1, 10**400, 2**64, 1e20,
                                   math.inf, -math.inf, math.nan])  # fmt: skip
@pytest.mark.parametrize("location", TIME_FIELDS, ids=msgspec_path)
def test_a_dict_with_a_time_beyond_a_week_is_refused(
    location: tuple[str | int, ...], value: float
) -> None:
    d = document()
    node: Any = d
    for key in location[:-1]:
        node = node[key]
    node[location[-1]] = value
    with pytest.raises(ElementListError) as info:
        el.load(d)
    assert str(info.value) == f"{WEEK} - at {msgspec_path(location)}"


def test_the_scanner_never_accepts_a_time_loads_refuses() -> None:
    from elementlist._scan import scan  # built, even when the suite runs the pure twins

    for location in TIME_FIELDS:
        for literal in BEYOND:
            assert scan(with_time(location, literal)) is None, (location, literal)
        # the bound itself is a time like any other: read, and the same table
        for literal in (str(MAX_TIME_MS), str(-MAX_TIME_MS)):
            data = with_time(location, literal)
            fields = scan(data)
            assert fields is not None, (location, literal)
            want = build_token_table(el.loads(data))
            assert table_times(fields[0]).tolist() == want.start.tolist()


@pytest.mark.parametrize("literal", ["1.5", "99999999.99", "-0.5e3", "1e7", "12345678e0"])
def test_float_times_surely_inside_the_bound_are_scanned(literal: str) -> None:
    from elementlist._scan import scan

    data = with_time(("segments", 0, "start_time"), literal)
    assert scan(data) is not None
    # and those whose magnitude could reach the bound go to the full decoder
    assert scan(with_time(("segments", 0, "start_time"), "123456789.0")) is None
    assert scan(with_time(("segments", 0, "start_time"), "1e8")) is None


# ---- a model built in Python --------------------------------------------------------------


def built(value: Any, where: str = "token") -> el.ElementList:
    doc = el.load(document())
    token = doc.segments[0].sequences[0].tokens[0]
    if where == "token":
        token.end_time = value
    elif where == "start":
        token.start_time = value
    else:
        doc.segments[0].end_time = value
    return doc


def short(value: Any) -> str:
    if isinstance(value, int) and abs(value) > 10**30:
        return f"int of {abs(value).bit_length()} bits"
    return repr(value)[:12]


HUGE = [10**400, -(10**400), 2**64, -(2**63) - 1, 2**63, 1e20, 1e308, -1e308, math.inf,
        -math.inf, math.nan, MAX_TIME_MS + 1, 10**5000]  # fmt: skip


@pytest.mark.parametrize("value", HUGE, ids=short)
def test_validate_reports_a_time_beyond_the_bound(value: Any) -> None:
    report = el.validate(built(value))
    ranges = [v for v in report.violations if v.code == "EL-TIME-RANGE"]
    assert [v.path for v in ranges] == ["$.segments[0].sequences[0].tokens[0].end_time"]
    assert ranges[0].severity == "error"
    assert ranges[0].message.endswith("is not within ±604800000 ms (one week)")
    assert len(ranges[0].message) < 80  # an enormous int is shown short
    for violation in report.violations:
        str(violation)


@pytest.mark.parametrize("value", HUGE, ids=short)
def test_rendering_a_model_with_a_huge_time_never_overflows_or_warns(value: Any) -> None:
    for where in ("token", "start", "segment"):
        doc = built(value, where)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # numpy's overflow warnings among them
            # SCC's own note that a caption at 0 shows once it is loaded is no overflow
            warnings.simplefilter("ignore", LayoutWarning)
            table = build_token_table(doc)
            assert table.start.dtype == np.int64
            assert table.start.min() >= 0 and table.end.max() <= MAX_TIME_MS
            for fmt in FORMATS:
                if fmt == "SCC" and int(table.end.max()) >= DAY_MS:  # SCC's clock ends at 24 h
                    with pytest.raises(OptionError, match="longer than a day"):
                        el.get_caption(doc, fmt)
                else:
                    assert el.get_caption(doc, fmt)
            assert "hi" in el.get_transcript(doc)


@pytest.mark.parametrize("value", [*HUGE, True, np.int64(7), np.float64(2.5), "12"],
                         ids=short)  # fmt: skip
def test_both_table_builders_agree_on_odd_times(value: Any) -> None:
    from elementlist._tokens import fill_columns as compiled

    doc = built(value, "start")
    results = []
    for fill in (fill_columns, compiled):
        cols = fill(doc.segments, {})
        results.append([table_times(c).tolist() for c in cols[:2]])
    assert results[0] == results[1]


def test_a_time_that_is_not_a_number_is_an_error_not_a_crash() -> None:
    doc = built(object(), "start")
    with pytest.raises(ElementListError, match="is not a number"):
        build_token_table(doc)


# ---- times before zero ---------------------------------------------------------------------


def test_times_before_zero_are_clamped_in_the_table_on_both_routes() -> None:
    data = json.dumps(document(start=-1, end=400)).encode()
    assert el.validate(el.loads(data)).codes().count("EL-NEG-TIME") >= 1
    of_model = build_token_table(el.loads(data))
    of_bytes = table_from_bytes(data)
    assert of_model.start.tolist() == of_bytes.start.tolist() == [0, 400]
    assert of_model.end.tolist() == of_bytes.end.tolist() == [400, 400]
    if not PURE:
        from elementlist._scan import scan

        assert scan(data) is not None  # the scanner read it: its table went through the clamp


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_document_starting_before_zero_renders_whole(fmt: str) -> None:
    data = json.dumps(document(start=-1, end=400)).encode()
    for source in (data, el.loads(data)):
        out = el.get_caption(source, fmt)
        if fmt == "SCC":  # CEA-608 bytes: read back by ttconv
            out = " ".join(line for cue in read_ttconv(out) for line in cue.lines)
        assert "hi" in out


def test_caption_cli_renders_a_word_before_zero_with_one_warning(tmp_path: Path) -> None:
    """It used to die in the SRT writer: ValueError: a timestamp cannot be negative."""
    path = tmp_path / "early.json"
    path.write_text(json.dumps(document(start=-1, end=400)))
    r = run_cli("caption", str(path))
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode() == "1\n00:00:00,000 --> 00:00:00,400\nhi.\n\n"
    assert r.stderr.decode() == (
        f"elementlist: warning: {path}: 4 error(s), 1 warning(s) "
        "(see 'elementlist validate'); rendered anyway\n"
    )
