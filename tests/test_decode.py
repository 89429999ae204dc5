from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import pickle
import re
from pathlib import Path

import msgspec
import pytest
from conftest import REAL_EXAMPLE, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import element_lists

import elementlist as el
from elementlist.errors import ElementListError


def test_real_example_loads_and_round_trips() -> None:
    raw = REAL_EXAMPLE.read_bytes()
    doc = el.load(REAL_EXAMPLE)
    assert doc.version == 3 and doc.start_time == 6230 and doc.end_time == 219290
    assert len(doc.segments) == 45
    assert sum(len(s.sequences) for s in doc.segments) == 662
    kinds = [t.kind for t in doc.tokens()]
    assert (kinds.count(0), kinds.count(1), kinds.count(2)) == (657, 83, 5)
    assert [s.gender for s in doc.speakers] == ["Unknown", "Female", "Male"]  # type: ignore[union-attr]
    assert doc.segments[-1].bad_timing is True
    assert json.loads(el.dumps(doc)) == json.loads(raw)


@pytest.mark.parametrize(
    "form", ["path", "str_path", "bytes", "text", "binary_file", "text_file", "dict"]
)
def test_every_source_form(form: str) -> None:
    raw = REAL_EXAMPLE.read_bytes()
    source = {
        "path": REAL_EXAMPLE,
        "str_path": str(REAL_EXAMPLE),
        "bytes": raw,
        "text": raw.decode(),
        "binary_file": io.BytesIO(raw),
        "text_file": io.StringIO(raw.decode()),
        "dict": json.loads(raw),
    }[form]
    doc = el.load(source)  # type: ignore[arg-type]
    assert json.loads(el.dumps(doc)) == json.loads(raw)


def test_unknown_fields_are_kept_everywhere() -> None:
    d = json.loads(REAL_EXAMPLE.read_bytes())
    d["x_job"] = {"nested": [1, 2]}
    d["segments"][3]["x_seg"] = "s"
    d["segments"][3]["sequences"][1]["tokens"][0]["x_tok"] = 1.5
    d["speakers"][0]["x_spk"] = None
    d["entities"]["tim"]["x_meta"] = True
    for source in (json.dumps(d).encode(), d):
        doc = el.load(source)
        assert doc.extra == {"x_job": {"nested": [1, 2]}}
        assert doc.segments[3].extra == {"x_seg": "s"}
        assert doc.segments[3].sequences[1].tokens[0].extra == {"x_tok": 1.5}
        assert json.loads(el.dumps(doc)) == d


def test_version_2_without_times_or_speakers() -> None:
    d = {
        "version": 2,
        "language": "en",
        "segments": [
            {
                "start_time": 0,
                "end_time": 0,
                "sequences": [
                    {
                        "start_time": 0,
                        "end_time": 0,
                        "tokens": [
                            {
                                "start_time": 0,
                                "end_time": 0,
                                "value": "[music]",
                                "type": "sound",
                                "display_as": "[MUSIC]",
                                "tags": ["MUSIC"],
                            }
                        ],
                    }
                ],
            }
        ],
    }
    doc = el.load(d)
    assert doc.speakers is msgspec.UNSET and doc.start_time is msgspec.UNSET
    assert json.loads(el.dumps(doc)) == d


def test_integer_types_and_speaker_false() -> None:
    d = {
        "version": 3,
        "segments": [
            {
                "start_time": 0,
                "end_time": 10,
                "speaker_id": False,
                "sequences": [
                    {
                        "start_time": 0,
                        "end_time": 10,
                        "tokens": [
                            {
                                "start_time": 0,
                                "end_time": 10,
                                "value": "topic",
                                "type": 0,
                                "display_as": "Topic",
                                "tags": [],
                            }
                        ],
                    }
                ],
            }
        ],
    }
    doc = el.load(d)
    assert doc.segments[0].speaker is None
    assert doc.tokens()[0].kind == 0
    assert el.dumps(doc).count('"speaker_id":false') == 1


TOKEN = b'{"version":3,"segments":[{"start_time":0,"end_time":1,"sequences":[{"start_time":0,"end_time":1,"tokens":[{"start_time":0,"end_time":1,'
TOKEN_END = b"}]}]}]}"
AT_TOKEN = "$.segments[0].sequences[0].tokens[0]"
WEEK = "time out of range (beyond ±604800000 ms, one week)"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'{"version":3,"segments":[{"start_time":"x"}]}',
            "expected a number, got a string - at $.segments[0].start_time",
        ),
        (
            b'{\n "version": 3,\n "segments": [,]}',
            "JSON is malformed: invalid character (line 3, column 15)",
        ),
        (b"[]", "expected an object, got an array - at $"),
        (b"", "the input is empty"),
        (b" \r\n\t ", "the input is empty"),
        (b"\xef\xbb\xbf\n", "the input is empty"),
        (b'{"segments":[]}', "missing required field 'version' - at $"),
        (
            TOKEN + b'"value":"a","type":null' + TOKEN_END,
            f"expected a string or an integer, got null - at {AT_TOKEN}.type",
        ),
        (b'{"version":3,"segments":{}}', "expected an array, got an object - at $.segments"),
        (
            b'{"version":3,"segments":[],"x":1,"speakers":[{"id":"a"}]}',
            "expected an integer, got a string - at $.speakers[0].id",
        ),
        (b'{"version":3.0,"segments":[]}', "expected an integer, got a decimal number - at $.version"),
        (b'{"version":true,"segments":[]}', "expected an integer, got a boolean - at $.version"),
        (
            b'{"version":3,"segments":[{"start_time":0,"end_time":1,"speaker_id":"1","sequences":[]}]}',
            "expected an integer, true, false or null, got a string - at $.segments[0].speaker_id",
        ),
        (
            TOKEN + b'"value":"a","type":"word","tags":"x"' + TOKEN_END,
            f"expected an array, got a string - at {AT_TOKEN}.tags",
        ),
        (
            TOKEN + b'"value":"a","type":"word","tags":[1]' + TOKEN_END,
            f"expected a string, got an integer - at {AT_TOKEN}.tags[0]",
        ),
        (
            b'{"version":3,"segments":[],"keywords":{"k":{"url":1}}}',
            "expected a string, got an integer - at $.keywords[...].url",
        ),
        (b'{"version":3,"segments":[],"keywords":[]}', "expected an object, got an array - at $.keywords"),
        (b'{"version":3,"segments":[]', "JSON is malformed: the input ends too early (line 1, column 27)"),
        (b'{"version":3,\n"segm', "JSON is malformed: the input ends too early (line 2, column 6)"),
        (b'{"version":3,"segments":[]} x', "JSON is malformed: more data after the document (line 1, column 30)"),
        (b'{"version":3,"segments":[],}', "JSON is malformed: trailing comma (line 1, column 28)"),
        (b'{"version":3,"segments":[],"x":"\\q"}', "JSON is malformed: invalid escape in a string (line 1, column 35)"),
        (
            b'{"version":3,"segments":[],"language":"a\\ud800"}',
            "JSON is malformed: lone surrogate escape in a string (line 1, column 39)",
        ),
        (b'{"version":3,"segments":[],"language":"\xc3("}', "JSON is malformed: invalid UTF-8 (line 1, column 40)"),
        (b'{"version":3,"segments":[],"x":NaN}', "JSON is malformed: invalid character (line 1, column 32)"),
        (b'{"version":3,"segments":[],"x":1e400}', "number out of range (line 1, column 32)"),
        (
            b'{"version":3,"segments":[],"x":[1,\n2e999]}',
            "number out of range (line 2, column 1)",
        ),
        (b'{"version":3,"segments":[],"start_time":1e400}', f"{WEEK} - at $.start_time"),
        (b'{"version":3,"segments":[],"end_time":604800001}', f"{WEEK} - at $.end_time"),
        (b'{"version":3,"segments":[],"end_time":-604800000.5}', f"{WEEK} - at $.end_time"),
        (b'{"version":3,"segments":[],"end_time":' + b"9" * 5000 + b"}", f"{WEEK} - at $.end_time"),
        (b'{"version":' + b"9" * 5000 + b',"segments":[]}', "number out of range - at $.version"),
        (
            b'{"version":3,"segments":[],"x":0,"keywords":{"k":{"time_ranges":[{"start_time":0,"end_time":1e9}]}}}',
            f"{WEEK} - at $.keywords[...].time_ranges[0].end_time",
        ),
        (TOKEN + b'"value":"a","type":"word","start_time":2}]}]}]}', f"duplicate key 'start_time' - at {AT_TOKEN}"),
    ],
)  # fmt: skip
def test_errors_name_the_path(data: bytes, message: str) -> None:
    """Every message is ours: a fixed template ending with the path (or line and column)."""
    with pytest.raises(ElementListError) as info:
        el.loads(data, name="in.json")
    assert str(info.value) == f"in.json: {message}"
    exc = info.value
    assert exc.__cause__ is None and (exc.__context__ is None or exc.__suppress_context__)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "expected an object, got null - at $"),
        ({"version": 3, "segments": [], "start_time": 10**400}, f"{WEEK} - at $.start_time"),
        ({"version": 3, "segments": [], "start_time": float("nan")}, f"{WEEK} - at $.start_time"),
        ({"version": 3, "segments": [], "end_time": float("-inf")}, f"{WEEK} - at $.end_time"),
        ({"version": 3, "segments": [], 7: 1}, "expected a string key, got an integer - at $"),
        (
            {"version": 3, "segments": [], "keywords": {1: {}}},
            "expected a string key, got an integer - at $.keywords",
        ),
        ({"version": 3, "segments": [{}]}, "missing required field 'start_time' - at $.segments[0]"),
    ],
)  # fmt: skip
def test_errors_from_a_dict_name_the_path(value: object, message: str) -> None:
    with pytest.raises(ElementListError) as info:
        el.load(value, name="d")  # type: ignore[arg-type]
    assert str(info.value) == f"d: {message}"


@pytest.mark.parametrize(
    "data",
    [
        b'{"version":3,"segments":[],"x":"\xff"}',  # an unknown field: the generic decoder
        b'{"version":3,"segments":[],"language":"\xff"}',  # msgspec 0.18 raised UnicodeDecodeError
    ],
)
def test_invalid_utf8_in_an_unknown_field_is_an_elementlisterror(data: bytes) -> None:
    with pytest.raises(ElementListError) as info:
        el.loads(data, name="u.json")
    column = data.index(b"\xff") + 1
    assert str(info.value) == f"u.json: JSON is malformed: invalid UTF-8 (line 1, column {column})"


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_string_is_neither_a_path_nor_json(text: str) -> None:
    """load('') used to read the current directory (IsADirectoryError)."""
    message = "the input is empty (an empty string is neither a path nor JSON text)"
    for call in (el.load, lambda s: el.get_caption(s, "SRT"), el.get_transcript):
        with pytest.raises(ElementListError) as info:
            call(text)
        assert str(info.value) == message
        assert isinstance(info.value, el.Error)


def test_odd_sources_raise_an_error_or_an_oserror(tmp_path: Path) -> None:
    """Documented in load(): what cannot be read is the OSError Python raises, naming the
    path; what is read but is not an ElementList is an ElementListError."""
    with pytest.raises(IsADirectoryError, match=re.escape(str(tmp_path))):
        el.load(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"missing\.json"):
        el.load(str(tmp_path / "missing.json"))
    with pytest.raises(ElementListError, match="NUL"):
        el.load("a\0b.json")
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"\n")
    with pytest.raises(ElementListError) as info:
        el.load(empty)
    assert str(info.value) == f"{empty}: the input is empty"
    with pytest.raises(ElementListError) as info:
        el.load(io.BytesIO(b""), name="<stdin>")
    assert str(info.value) == "<stdin>: the input is empty"


def test_bom_is_tolerated() -> None:
    raw = REAL_EXAMPLE.read_bytes()
    assert el.loads(b"\xef\xbb\xbf" + raw).version == 3
    assert el.loads(raw.decode().encode("utf-16")).version == 3


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(element_lists())
def test_generated_documents_round_trip_byte_for_byte(d: dict) -> None:
    raw = msgspec.json.encode(d)
    doc = el.loads(raw)
    assert el.dumpb(doc) == raw
    assert el.dumpb(el.load(d)) == raw


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_elementlisterror(data: bytes) -> None:
    with contextlib.suppress(ElementListError):
        el.loads(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "version",
                    "segments",
                    "sequences",
                    "tokens",
                    "start_time",
                    "end_time",
                    "type",
                    "value",
                    "speakers",
                    "id",
                    "keywords",
                    "time_ranges",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_arbitrary_json_raises_only_elementlisterror(value: object) -> None:
    with contextlib.suppress(ElementListError):
        el.loads(msgspec.json.encode(value))
    if not isinstance(value, str):  # a str is a path or JSON text, not a decoded value
        with contextlib.suppress(ElementListError):
            el.load(value)  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(element_lists(max_segments=3), st.data())
def test_mangled_documents_raise_only_elementlisterror(d: dict, data: st.DataObject) -> None:
    """Replace one value somewhere in a valid document by something of another kind."""
    paths: list[tuple] = []

    def walk(node: object, path: tuple) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                paths.append((*path, k))
                walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                paths.append((*path, i))
                walk(v, (*path, i))

    walk(d, ())
    if not paths:
        return
    path = data.draw(st.sampled_from(paths))
    node = d
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = data.draw(json_values)
    try:
        el.load(d)
        el.loads(msgspec.json.encode(d))
    except ElementListError as exc:
        assert str(exc)


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_deep_nesting_is_an_error_not_a_crash(depth: int) -> None:
    for prefix in (b"", b'{"version":3,"segments":[],"x":'):
        data = prefix + b"[" * depth + b"]" * depth + (b"}" if prefix else b"")
        with contextlib.suppress(ElementListError):
            el.loads(data)
    nested: object = []
    for _ in range(depth):
        nested = [nested]
    with contextlib.suppress(ElementListError):
        el.load({"version": 3, "segments": [], "x": nested})


def test_100_mb_input_neither_crashes_nor_hangs() -> None:
    big = b'{"version":3,"segments":[],"language":"' + b"a" * 100_000_000 + b'"}'
    assert len(el.loads(big).language) == 100_000_000  # type: ignore[arg-type]
    with pytest.raises(ElementListError):
        el.loads(big[:-2])
    with pytest.raises(ElementListError):
        el.loads(b"[" + b"1," * 50_000_000 + b"1]")


def _raise_in_worker(_: int) -> None:
    el.loads(b'{"version":3,"segments":[{}]}', name="w.json")


def test_errors_pickle_across_processes() -> None:
    exc = ElementListError("bad", path="$.a", line=1, column=2, source="f.json")
    copy = pickle.loads(pickle.dumps(exc))
    assert (copy.path, copy.line, copy.column, copy.source, str(copy)) == (
        "$.a",
        1,
        2,
        "f.json",
        str(exc),
    )
    with (
        multiprocessing.get_context("spawn").Pool(1) as pool,
        pytest.raises(ElementListError) as info,
    ):
        pool.map(_raise_in_worker, [0])
    assert info.value.path == "$.segments[0]"
    assert str(info.value) == "w.json: missing required field 'start_time' - at $.segments[0]"


def test_empty_stdin_and_an_empty_path_are_one_line_errors() -> None:
    """Empty stdin used to say msgspec's "Input data was truncated"; "" read the directory."""
    for stdin in (b"", b" \n"):
        r = run_cli("caption", "-", stdin=stdin)
        assert (r.returncode, r.stdout) == (2, b"")
        assert r.stderr.decode() == "elementlist: error: <stdin>: the input is empty\n"
    r = run_cli("caption", "")
    assert (r.returncode, r.stdout) == (2, b"")
    assert r.stderr.decode() == (
        "elementlist: error: the input is empty (an empty string is not a path)\n"
    )
