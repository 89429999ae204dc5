"""The compiled scanner (bytes → TokenTable columns) against its twin, the full decoder.

``scan(data)`` must build exactly ``build_token_table(loads(data))``, or bail (None); it must
never accept what ``loads`` rejects. The compiled module must be built
(``python setup.py build_ext --inplace``); these tests fail without it.
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import numpy as np
import pytest
from conftest import EXAMPLES, REAL_EXAMPLE, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import element_lists
from test_decode import json_values

import elementlist as el
from elementlist.document.model import CHILDREN, EXTRA_KEY, MAX_TIME_MS, tree_of
from elementlist.errors import ElementListError
from elementlist.table import from_bytes
from elementlist.table.from_bytes import table_from_bytes
from elementlist.table.from_model import build_token_table
from elementlist.table.token_table import TokenTable
from elementlist.transcripts import get_transcript
from elementlist.writers import FORMATS

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import corpus

PURE = os.environ.get("ELEMENTLIST_PURE") == "1"
DOCUMENTS = [REAL_EXAMPLE, *sorted(EXAMPLES.glob("*.json"))]
SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def compiled_scan() -> Callable[[bytes], tuple[Any, ...] | None]:
    try:
        from elementlist._scan import scan
    except ImportError:
        pytest.fail("compiled elementlist._scan not built (python setup.py build_ext --inplace)")
    return scan


def decoded(doc: el.ElementList) -> el.ElementList:
    """``doc`` with its tree built, so that rendering it takes the model's route."""
    tree_of(doc)
    assert doc.decoded
    return doc


def full_path(data: bytes) -> TokenTable | None:
    """The twin: the table through the model, or None when loads refuses the input."""
    try:
        doc = decoded(el.loads(data))  # the full decoder, whatever the scanner says
    except ElementListError:
        return None
    return build_token_table(doc)


def assert_same(fields: tuple[Any, ...] | TokenTable, want: TokenTable) -> None:
    """The scanner's columns (or a table) make exactly the full path's table."""
    got = fields if isinstance(fields, TokenTable) else from_bytes.table_of_scan(fields)
    for name in TokenTable.__slots__:
        a, b = getattr(got, name), getattr(want, name)
        if isinstance(b, np.ndarray):
            assert isinstance(a, np.ndarray) and a.dtype == b.dtype, name
            assert a.tolist() == b.tolist(), name
        else:
            assert type(a) is type(b) and a == b, name
    assert all(type(s) is str for s in got.text + got.value)


def assert_scans(data: bytes) -> None:
    """The scanner reads ``data`` without bailing, into the full path's table."""
    want = full_path(data)
    assert want is not None
    fields = compiled_scan()(data)
    assert fields is not None, "the scanner bailed"
    assert_same(fields, want)


def assert_safe(data: bytes) -> None:
    """Whatever ``data`` is: no exception, None when loads refuses, else the same table."""
    fields = compiled_scan()(data)
    want = full_path(data)
    if want is None:
        assert fields is None
    elif fields is not None:
        assert_same(fields, want)


# ---------------------------------------------------------------------------------------
# Real and generated documents


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_real_and_example_documents(path: Path) -> None:
    assert_scans(path.read_bytes())


@pytest.mark.parametrize("name", ["1min", "1h"])
def test_benchmark_corpus(name: str) -> None:
    assert_scans(corpus(name))


@settings(max_examples=150, **SLOW)
@given(element_lists())
def test_generated_documents(d: dict) -> None:
    assert_scans(msgspec.json.encode(d))


def test_scanner_is_in_use_when_compiled() -> None:
    compiled_scan()
    assert from_bytes.scanner_available() is not PURE
    assert (from_bytes._scan is None) is PURE


# ---------------------------------------------------------------------------------------
# The same documents written otherwise

tame_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(-1e200, 1e200, allow_nan=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)

# the objects of the model (keys under which their lists or maps hold more of them)
_LISTS = ("segments", "sequences", "tokens", "speakers", "time_ranges")
_MAPS = ("keywords", "topics", "entities")


def model_objects(doc: dict) -> list[dict]:
    found = [doc]
    for key, value in doc.items():
        if key in _LISTS:
            for item in value:
                found.extend(model_objects(item))
        elif key in _MAPS:
            for meta in value.values():
                found.extend(model_objects(meta))
    return found


def shuffled(node: Any, rnd: random.Random) -> Any:
    if isinstance(node, dict):
        items = [(k, shuffled(v, rnd)) for k, v in node.items()]
        rnd.shuffle(items)
        return dict(items)
    if isinstance(node, list):
        return [shuffled(v, rnd) for v in node]
    return node


def spaced_json(node: Any, rnd: random.Random, ensure_ascii: bool) -> str:
    """JSON with random legal whitespace around every token."""

    def ws() -> str:
        return "".join(rnd.choice(" \t\n\r") for _ in range(rnd.randrange(3)))

    if isinstance(node, dict):
        members = [
            f"{ws()}{json.dumps(k, ensure_ascii=ensure_ascii)}{ws()}:{ws()}"
            f"{spaced_json(v, rnd, ensure_ascii)}{ws()}"
            for k, v in node.items()
        ]
        return "{" + (",".join(members) or ws()) + "}"
    if isinstance(node, list):
        items = [f"{ws()}{spaced_json(v, rnd, ensure_ascii)}{ws()}" for v in node]
        return "[" + (",".join(items) or ws()) + "]"
    return json.dumps(node, ensure_ascii=ensure_ascii)


@settings(max_examples=150, **SLOW)
@given(
    element_lists(max_segments=4),
    st.randoms(use_true_random=False),
    st.sampled_from([None, 0, 1, 4]),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.lists(tame_values, min_size=1, max_size=8),
)
def test_serialisation_variants(
    d: dict,
    rnd: random.Random,
    indent: int | None,
    ensure_ascii: bool,
    shuffle: bool,
    everywhere_whitespace: bool,
    extras: list[Any],
) -> None:
    """Indented, keys shuffled, \\u-escaped, unknown fields at every level, whitespace
    everywhere: the same table, and no bail (the scanner reads all of these)."""
    for i, obj in enumerate(model_objects(d)):
        if rnd.random() < 0.5:
            obj[rnd.choice(["x_extra", "ünknown", "é\n\u2028", ""]) + str(i)] = extras[
                i % len(extras)
            ]
    if shuffle:
        d = shuffled(d, rnd)
    if everywhere_whitespace:
        text = spaced_json(d, rnd, ensure_ascii) + rnd.choice(["", " ", "\n", "\r\n\t"])
    else:
        text = json.dumps(d, indent=indent, ensure_ascii=ensure_ascii)
    assert_scans(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        'quote " backslash \\ slash / controls \b\f\n\r\t',
        "café naïve 日本語",
        "emoji 👍 and \u2028 separator",
        "\x00 nul and \x1f unit separator",
        "\ufeff bom inside",
    ],
)
def test_strings_decode_as_msgspec_decodes_them(text: str) -> None:
    d = {
        "version": 3,
        "language": text,
        "speakers": [{"id": 1, "name": text}],
        "segments": [
            {
                "start_time": 0,
                "end_time": 5,
                "speaker_id": 1,
                "sequences": [
                    {
                        "start_time": 0,
                        "end_time": 5,
                        "tokens": [
                            {"start_time": 0, "end_time": 5, "value": text, "type": "word"},
                            {
                                "start_time": 5,
                                "end_time": 5,
                                "value": text,
                                "type": "sound",
                                "display_as": text + "!",
                                "tags": ["ENDS_SENTENCE", text],
                            },
                        ],
                    }
                ],
            }
        ],
    }
    for ensure_ascii in (False, True):
        assert_scans(json.dumps(d, ensure_ascii=ensure_ascii).encode())
    # every character written as \uXXXX (surrogate pairs for the astral ones)
    escaped = "".join(
        f"\\u{u:04x}" for u in np.frombuffer(text.encode("utf-16-le"), dtype="<u2").tolist()
    )
    raw = json.dumps(d, ensure_ascii=False).replace(
        json.dumps(text, ensure_ascii=False)[1:-1], escaped
    )
    assert escaped in raw
    assert_scans(raw.encode())


def token_doc(token: str, segment: str = "", root: str = "") -> bytes:
    """A one-token document with JSON text spliced into the token, segment and root."""
    return (
        '{"version":3,' + root + '"segments":[{"start_time":0,"end_time":9,' + segment
        + '"sequences":[{"start_time":0,"end_time":9,"tokens":[{"start_time":0,"end_time":9,'
        + token + "}]}]}]}"
    ).encode()  # fmt: skip


@pytest.mark.parametrize(
    "token",
    [
        '"value":"a","type":"WORD"',
        '"value":"a","type":"Punctuation"',
        '"value":"[laughter]","type":"SOUND"',
        '"value":"{}","type":2',
        '"value":"()","type":2,"tags":["ENDS_SENTENCE"]',
        '"value":"a","type":2,"tags":["ENDS_SENTENCE","NOISE","MUSIC"]',
        '"value":"a","type":7',
        '"value":"a","type":-0',
        '"value":"a","type":-2',
        '"value":"a","type":"wörd"',
        '"value":"a","type":"\\u0077ord"',
        '"value":"a","type":"ſound"',
        '"value":"a","type":"",',
        '"value":"a","type":"word","display_as":"","tags":[],"style":"x","interpolated":true',
        '"type":0,"value":"a","x":{"value":1,"type":null,"deep":[[[{}]]]}',
        '"value":"a","type":1,"confidence":1.5e-3,"y":-0.0,"z":1E+2',
        '"v\\u0061lue":"a","\\u0074ype":"word","t\\u0061gs":["\\u0045NDS_SENTENCE"]',
    ],
)
def test_token_fields(token: str) -> None:
    assert_safe(token_doc(token.rstrip(",")))
    assert compiled_scan()(token_doc(token.rstrip(","))) is not None


@pytest.mark.parametrize(
    ("segment", "root"),
    [
        ('"speaker_id":null,', ""),
        ('"speaker_id":false,"speaker_change":true,', ""),
        ('"speaker_id":true,', ""),
        ('"speaker_id":5,', '"speakers":[{"id":1,"name":"A"}],'),
        ('"speaker_id":1,', '"speakers":[{"id":1},{"id":1,"name":"B"},{"id":-3,"gender":"f"}],'),
        ('"speaker_change":false,"bad_timing":true,"style":"s","interpolated":false,', ""),
        ("", '"start_time":1.5,"end_time":1e3,"language":"ja",'),
        ("", '"keywords":{"a":{"time_ranges":[{"start_time":1,"end_time":2.5}]},"b":{}},'),
        ("", '"topics":{"t":{"display_name":"T","url":"u","x":[1]}},"entities":{},'),
    ],
)
def test_segment_and_root_fields(segment: str, root: str) -> None:
    data = token_doc('"value":"a","type":"word"', segment, root)
    assert_scans(data)


def test_times_before_zero_scan_as_the_table_holds_them() -> None:
    """A token time before zero (EL-NEG-TIME: reported, and the document still renders)
    is 0 in the table, from the scanner as from the model."""
    data = token_doc('"value":"a","type":"word"').replace(
        b'"start_time":0,"end_time":9,"v', b'"start_time":-7,"end_time":-2,"v'
    )
    assert b"-7" in data
    assert_scans(data)
    table = table_from_bytes(data)
    assert table.start.tolist() == [0] and table.end.tolist() == [0]


def test_speakers_after_segments_and_speaker_changes() -> None:
    d = json.loads(REAL_EXAMPLE.read_bytes())
    speakers = d.pop("speakers")
    d["speakers"] = [*speakers[::-1], {"id": 99, "name": "unused"}]
    d["segments"][0]["speaker_id"] = 42  # not declared: appended as (42, "")
    for seg in d["segments"][5:9]:
        seg["speaker_id"] = None
    d["segments"][10]["sequences"] = []  # a segment without tokens still has a speaker
    d["segments"][12]["sequences"][0]["tokens"] = []
    assert_scans(json.dumps(d).encode())


# ---------------------------------------------------------------------------------------
# Bails: never accept what loads rejects; unusual input goes to the full path

MINIMAL = b'{"version":3,"segments":[]}'


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + MINIMAL,  # BOM: the full path strips it
        MINIMAL.decode().encode("utf-16"),
        token_doc('"value":"a","type":"word"').replace(b'"end_time":9,"v', b'"end_time":9.0,"v'),
        token_doc('"value":"a","type":"word"').replace(b'"end_time":9,"v', b'"end_time":1e1,"v'),
        token_doc('"value":"a","type":"word"').replace(b'"end_time":9,"v', b'"end_time":9007199254740993,"v'),
        b'{"version":123456789012345678901,"segments":[]}',
        b'{"version":3,"segments":[],"x":12345678901234567890123}',
        b'{"version":3,"segments":[],"x":1e301}',
        b'{"version":3,"segments":[],"x":{"a":1,"a":2}}',  # accepted, but a duplicate
        b'{"version":3,"segments":[],"version":3}',
        b'{"version":3,"segments":[],"x":1,"x":2}',
        b'{"version":3,"segments":[],"keywords":{"k":{},"k":{}}}',
        b'{"version":3,"segments":[],"__elementlist_unknown_fields__":{}}',
        b'{"version":3,"segments":[],"v\\u0065rsion":3}',
        b'{"version":3,"segments":[],"\\u0078":1,"x":2}',
    ],
)  # fmt: skip
def test_unusual_input_bails_and_the_full_path_decides(data: bytes) -> None:
    fields = compiled_scan()(data)
    want = full_path(data)
    if b'{"a":1,"a":2}' in data:  # duplicates inside an unknown value are only skipped
        assert fields is not None and want is not None
        assert_same(fields, want)
        return
    assert fields is None
    if want is not None:
        got = table_from_bytes(data)
        assert_same(got, want)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"[]",
        b'{"version":3}',
        b'{"segments":[]}',
        b'{"version":3.0,"segments":[]}',
        b'{"version":true,"segments":[]}',
        b'{"version":3,"segments":[]} x',
        b'{"version":3,"segments":[],}',
        b'{"version":3,"segments":[,]}',
        b'{"version":3,"segments":[],"x":01}',
        b'{"version":3,"segments":[],"x":1.}',
        b'{"version":3,"segments":[],"x":-}',
        b'{"version":3,"segments":[],"x":1e400}',
        b'{"version":3,"segments":[],"x":NaN}',
        b'{"version":3,"segments":[],"x":tru}',
        b'{"version":3,"segments":[],"x":"\x01"}',
        b'{"version":3,"segments":[],"x":"\\x"}',
        b'{"version":3,"segments":[],"x":"\\ud800"}',
        b'{"version":3,"segments":[],"x":"\\udc00"}',
        b'{"version":3,"segments":[],"x":"\\ud800\\u0041"}',
        b'{"version":3,"segments":[],"x":"\\u12"}',
        b'{"version":3,"segments":[],"x":"\xff"}',
        b'{"version":3,"segments":[],"x":"\xed\xa0\x80"}',
        b'{"version":3,"segments":[],"x":"\xc3"}',
        b'{"version":3,"segments":[],"\xc0\xaf":1}',
        b'{"version":3,"segments":[],"language":null}',
        b'{"version":3,"segments":[],"speakers":[{"name":"a"}]}',
        b'{"version":3,"segments":[],"speakers":[{"id":1.5}]}',
        b'{"version":3,"segments":[],"keywords":{"k":1}}',
        b'{"version":3,"segments":[],"keywords":{"k":{"time_ranges":[{"start_time":1}]}}}',
        b'{"version":3,"segments":[],"keywords":{"k":{"url":5}}}',
        b'{"version":3,"segments":[],"start_time":"0"}',
        b'{"version":3,"segments":[{"start_time":0,"end_time":1}]}',
        b'{"version":3,"segments":[{"start_time":0,"end_time":1,"sequences":[{}]}]}',
        token_doc('"value":"a"'),
        token_doc('"type":"word"'),
        token_doc('"value":"a","type":true'),
        token_doc('"value":"a","type":null'),
        token_doc('"value":"a","type":1.0'),
        token_doc('"value":1,"type":"word"'),
        token_doc('"value":"a","type":"word","display_as":null'),
        token_doc('"value":"a","type":"word","tags":null'),
        token_doc('"value":"a","type":"word","tags":[1]'),
        token_doc('"value":"a","type":"word","interpolated":1'),
        token_doc('"value":"a","type":"word","style":false'),
        token_doc('"value":"a","type":"word"', '"speaker_id":"1",'),
        token_doc('"value":"a","type":"word"', '"speaker_id":1.0,'),
        token_doc('"value":"a","type":"word"', '"speaker_change":null,'),
        token_doc('"value":"a","type":"word"', '"bad_timing":0,'),
        token_doc('"value":"a","type":"word"').replace(b'"start_time":0,"end_time":9,"t', b'"t'),
        token_doc('"value":"a","type":"word"').replace(b"tokens", b"token"),
    ],
)
def test_input_loads_refuses_is_never_accepted(data: bytes) -> None:
    assert full_path(data) is None
    assert compiled_scan()(data) is None
    with pytest.raises(ElementListError):
        table_from_bytes(data)


@pytest.mark.parametrize("depth", [10, 500, 990, 1000, 5000, 100_000])
def test_deep_nesting(depth: int) -> None:
    prefixes = (b"", b'{"version":3,"segments":[],"x":', b'{"version":3,"segments":[{"x":')
    for prefix in prefixes:
        for opener, closer in ((b"[", b"]"), (b'{"a":', b"}")):
            inner = b"[]" if opener == b"[" else b"1"
            data = prefix + opener * depth + inner + closer * depth + b"}" * prefix.count(b"{")
            assert_safe(data)
            if depth > 1000:
                assert compiled_scan()(data) is None
    shallow = b'{"version":3,"segments":[],"x":' + b"[" * 10 + b"]" * 10 + b"}"
    assert compiled_scan()(shallow) is not None


EVERY_OFFSET_BYTES = 32_000  # longer documents: every offset of each end, a prime stride between
HEAD_BYTES, TAIL_BYTES = 16_000, 4_000


@pytest.mark.parametrize("path", DOCUMENTS[1:], ids=lambda p: p.name)
def test_truncated_at_every_offset(path: Path) -> None:
    """Cut anywhere, a document is refused. A long one (the 122 kB podcast: every prefix
    would be 7 GB of scanning) is cut at every offset of its first 16 kB and its last 4 kB,
    where every kind of value opens and where they all close, and every 61st offset between
    (61 is prime: the cuts fall at every place of the repeated token objects)."""
    data = path.read_bytes().rstrip()
    scan = compiled_scan()
    assert scan(data) is not None
    end = len(data)
    if end <= EVERY_OFFSET_BYTES:
        offsets = range(end)
    else:
        tail = end - TAIL_BYTES
        offsets = [*range(HEAD_BYTES), *range(HEAD_BYTES, tail, 61), *range(tail, end)]
    assert all(scan(data[:i]) is None for i in offsets)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    assert_safe(data)
    assert_safe(MINIMAL[:-1] + b',"x":' + data + b"}")


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_arbitrary_json(value: object) -> None:
    assert_safe(msgspec.json.encode(value))
    assert_safe(msgspec.json.encode({"version": 3, "segments": [], "x": value}))


@settings(max_examples=200, **SLOW)
@given(element_lists(max_segments=3), st.data())
def test_mangled_documents(d: dict, data: st.DataObject) -> None:
    """One value somewhere in a valid document replaced by something of another kind."""
    paths: list[tuple] = []

    def walk(node: object, path: tuple) -> None:
        items = (
            node.items()
            if isinstance(node, dict)
            else enumerate(node)
            if isinstance(node, list)
            else ()
        )
        for k, v in items:
            paths.append((*path, k))
            walk(v, (*path, k))

    walk(d, ())
    if paths:
        path = data.draw(st.sampled_from(paths))
        node: Any = d
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = data.draw(json_values)
    assert_safe(msgspec.json.encode(d))


@settings(max_examples=300, **SLOW)
@given(element_lists(max_segments=2), st.data())
def test_byte_mutations(d: dict, data: st.DataObject) -> None:
    """One byte of a valid document replaced, inserted or deleted."""
    raw = bytearray(msgspec.json.encode(d))
    i = data.draw(st.integers(0, len(raw) - 1))
    op = data.draw(st.sampled_from(["replace", "insert", "delete"]))
    byte = data.draw(st.sampled_from(b'"\\{}[],:0123456789-.eE tfn\x00\x1f\x80\xc3\xff'))
    if op == "replace":
        raw[i] = byte
    elif op == "insert":
        raw.insert(i, byte)
    else:
        del raw[i]
    assert_safe(bytes(raw))


# ---------------------------------------------------------------------------------------
# Captions and transcripts through the scanner


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_captions_and_transcripts_are_the_same_through_the_scanner(path: Path) -> None:
    raw = path.read_bytes()
    doc = decoded(el.loads(raw))  # a model whose tree is built never takes the scanner
    assert compiled_scan()(raw) is not None
    for fmt in FORMATS:
        want = el.get_caption(doc, fmt)
        assert el.get_caption(raw, fmt) == want, fmt
    for source in (raw, bytearray(raw), memoryview(raw), raw.decode(), path, str(path)):
        assert el.get_caption(source, "SRT", sound_tokens_by_caption=True) == el.get_caption(
            doc, "SRT", sound_tokens_by_caption=True
        )
        assert el.build_captions(source) == el.build_captions(doc)
        for file_format in ("txt", "html"):
            assert get_transcript(source, file_format=file_format, title="T") == get_transcript(
                doc, file_format=file_format, title="T"
            )
    assert get_transcript(path, file_format="html") == get_transcript(
        doc, file_format="html", title=path.stem
    )


@settings(max_examples=40, **SLOW)
@given(element_lists())
def test_generated_captions_are_the_same_through_the_scanner(d: dict) -> None:
    raw = msgspec.json.encode(d)
    doc = decoded(el.loads(raw))
    assert el.get_caption(raw, "WEB_VTT") == el.get_caption(doc, "WEB_VTT")
    assert get_transcript(raw) == get_transcript(doc)


def test_errors_are_the_full_paths_errors(tmp_path: Path) -> None:
    bad = token_doc('"value":"a","type":null')
    path = tmp_path / "bad.json"
    path.write_bytes(bad)
    for source, name in (
        (bad, None),
        (bad.decode(), None),
        (path, str(path)),
        (str(path), str(path)),
    ):
        with pytest.raises(ElementListError) as want:
            el.loads(bad, name=name)
        with pytest.raises(ElementListError) as got:
            el.get_caption(source, "SRT")
        assert str(got.value) == str(want.value)
        assert got.value.path == "$.segments[0].sequences[0].tokens[0].type"
        with pytest.raises(ElementListError) as got:
            get_transcript(source)
        assert str(got.value) == str(want.value)
    with pytest.raises(FileNotFoundError):
        el.get_caption(tmp_path / "missing.json")


def test_bails_leave_the_recursion_budget_as_it_was() -> None:
    """Each container level entered while skipping counts against the recursion limit (as
    msgspec's do); a bail deep inside must give every level back."""
    deep = b'{"version":3,"segments":[],"x":' + b"[" * 200 + b"}"
    scan = compiled_scan()
    for _ in range(2000):
        assert scan(deep) is None

    def recurse(n: int) -> int:
        return 0 if n == 0 else 1 + recurse(n - 1)

    assert recurse(sys.getrecursionlimit() - 100) == sys.getrecursionlimit() - 100


# ---------------------------------------------------------------------------------------
# The scanner's schema is the model's


def _scanner_types(cls: type, field: msgspec.inspect.Field) -> tuple[set[str], str | None]:
    """The scanner value types that read what the model types ``field`` as (a stricter one
    is allowed: a token time is whole), and the model class its value holds."""
    t = field.type
    types = t.types if isinstance(t, msgspec.inspect.UnionType) else (t,)
    kinds = tuple(type(x).__name__ for x in types)
    if kinds == ("IntType", "FloatType"):  # a time, bound to ±MAX_TIME_MS
        assert all(x.ge == -MAX_TIME_MS and x.le == MAX_TIME_MS for x in types)
        return {"time", "token time"} if cls is el.Token else {"time"}, None
    simple = {
        ("IntType",): "int",
        ("StrType",): "str",
        ("BoolType",): "bool",
        ("FloatType",): "number",
        ("StrType", "IntType"): "str | int",
        ("IntType", "BoolType", "NoneType"): "int | bool | null",
    }
    if kinds in simple:
        return {simple[kinds]}, None
    if isinstance(t, msgspec.inspect.VarTupleType):
        assert isinstance(t.item_type, msgspec.inspect.StrType)
        return {"list[str]"}, None
    if isinstance(t, msgspec.inspect.ListType):
        return {"list"}, t.item_type.cls.__name__
    if isinstance(t, msgspec.inspect.DictType):
        assert isinstance(t.key_type, msgspec.inspect.StrType)
        return {"map"}, t.value_type.cls.__name__
    raise AssertionError(f"{cls.__name__}.{field.name}: a type the scanner does not read: {t}")


def test_the_scanner_schema_is_the_model() -> None:
    """Every field of every model object is in the scanner's schema with the type the model
    gives it, required as the model requires it, holding the same child; nothing else."""
    from elementlist._scan import schema

    got = schema()
    assert set(got) == {cls.__name__ for cls in CHILDREN}
    for cls in CHILDREN:
        fields = [f for f in msgspec.inspect.type_info(cls).fields if f.encode_name != EXTRA_KEY]
        assert set(got[cls.__name__]) == {f.encode_name for f in fields}, cls.__name__
        for f in fields:
            value_type, required, child = got[cls.__name__][f.encode_name]
            allowed, model_child = _scanner_types(cls, f)
            assert value_type in allowed, (cls.__name__, f.name, value_type)
            assert required == f.required, (cls.__name__, f.name)
            assert child == model_child, (cls.__name__, f.name)
