"""Hostile documents through every entry point (issue 10).

Huge and odd numbers, duplicate keys, deep nesting and values of the wrong kind, spliced
into valid documents, go through load/loads, the scanner's route and get_caption for every
caption format and get_transcript. Nothing but our own errors may escape, numpy may not
warn, and the compiled scanner's table equals the full path's whenever both accept.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import random
import warnings
from typing import Any

import msgspec
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import element_lists
from test_decode import json_values

import elementlist as el
from elementlist.document.model import MAX_TIME_MS, tree_of
from elementlist.errors import ElementListWarning
from elementlist.table.from_bytes import table_from_bytes, table_of_scan
from elementlist.table.from_model import build_token_table
from elementlist.table.token_table import TokenTable
from elementlist.writers import FORMATS

SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class Raw(str):
    """JSON text written as it is (numbers no Python value spells: 1e400, 5000 digits)."""


HOSTILE_NUMBERS: list[Any] = [
    10**400, -(10**400), 2**64, -(2**64), 2**63, 2**53 + 1, 1e20, -1e20, 1e308, -1e308, 5e-324,
    604_800_000, 604_800_001, -604_800_001, -1, -0.0, 1.5, 0.1, 1e8, 123456789.5, True, False,
    Raw("1e400"), Raw("-1e400"), Raw("9" * 5000), Raw("-" + "9" * 4301), Raw("1E+2"),
    Raw("0.000000000000000000001e30"), Raw("6.048e8"), Raw("604800000.0000000001"),
]  # fmt: skip


# id of an object → members written into it once more: (position, key, value)
Repeats = dict[int, list[tuple[int, str, Any]]]


PYTHON_NUMBERS = [
    *(n for n in HOSTILE_NUMBERS if not isinstance(n, Raw)),
    *(math.nan, math.inf, -math.inf, 10**5000),
]


def encode(node: Any, repeats: Repeats | None = None) -> str:
    if isinstance(node, Raw):
        return str(node)
    if isinstance(node, dict):
        members = [f"{json.dumps(k)}:{encode(v, repeats)}" for k, v in node.items()]
        for position, key, value in (repeats or {}).get(id(node), ()):
            members.insert(position, f"{json.dumps(key)}:{encode(value, repeats)}")
        return "{" + ",".join(members) + "}"
    if isinstance(node, list):
        return "[" + ",".join(encode(v, repeats) for v in node) + "]"
    return json.dumps(node)


def places(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in the tree."""
    found: list[tuple[Any, Any]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            found.append((node, k))
            found.extend(places(v))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found.append((node, i))
            found.extend(places(v))
    return found


def mutate(doc: dict[str, Any], rnd: random.Random, junk: list[Any], n: int) -> bytes:
    """``doc`` with ``n`` hostile changes, as JSON bytes."""
    repeats: Repeats = {}
    for _ in range(n):
        spots = places(doc)
        objects = [doc, *(c for c, _ in spots if isinstance(c, dict))]
        what = rnd.randrange(5)
        if what == 0 and spots:  # a hostile number, in a time field or anywhere
            container, key = rnd.choice(spots)
            container[key] = rnd.choice(HOSTILE_NUMBERS)
        elif what == 1 and spots:  # a value of another kind
            container, key = rnd.choice(spots)
            container[key] = copy.deepcopy(rnd.choice(junk))  # a shared object could loop
        elif what == 2 and spots:  # deep nesting
            container, key = rnd.choice(spots)
            depth = rnd.choice([10, 999, 1001, 5000])
            container[key] = Raw("[" * depth + "]" * depth)
        elif what == 3:  # a key twice (known or not), with the same value or another
            target = rnd.choice(objects)
            if target:
                key, value = rnd.choice(list(target.items()))
                again = copy.deepcopy(rnd.choice([value, 0, [], {}]))
                repeat = (rnd.randrange(len(target) + 1), key, again)
                repeats.setdefault(id(target), []).append(repeat)
        else:  # an unknown field holding anything
            rnd.choice(objects)["x_" + str(rnd.randrange(3))] = copy.deepcopy(
                rnd.choice([*junk, *HOSTILE_NUMBERS])
            )
    return encode(doc, repeats).encode()


def decoded(data: bytes) -> el.ElementList | None:
    """The document the full decoder makes of ``data`` (its tree built), or None."""
    try:
        doc = el.loads(data)
        tree_of(doc)
    except el.Error:
        return None
    return doc


def assert_same_table(got: TokenTable, want: TokenTable) -> None:
    for name in TokenTable.__slots__:
        a, b = getattr(got, name), getattr(want, name)
        if isinstance(b, np.ndarray):
            assert a.dtype == b.dtype and a.tolist() == b.tolist(), name
        else:
            assert a == b, name


def render_everything(source: Any) -> None:
    for fmt in FORMATS:
        with contextlib.suppress(el.Error), warnings.catch_warnings():
            warnings.simplefilter("ignore", ElementListWarning)  # SCC says what it changed
            el.get_caption(source, fmt)
    for file_format in ("txt", "html"):
        with contextlib.suppress(el.Error):
            el.get_transcript(source, file_format=file_format)


@settings(max_examples=120, **SLOW)
@given(
    element_lists(max_segments=2),
    st.randoms(use_true_random=False),
    st.lists(json_values, min_size=1, max_size=4),
    st.integers(1, 3),
)
def test_hostile_documents_raise_only_our_errors(
    d: dict, rnd: random.Random, junk: list[Any], n: int
) -> None:
    from elementlist._scan import scan  # built, even when the suite runs the pure twins

    data = mutate(d, rnd, junk, n)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = decoded(data)
        fields = scan(data)
        if doc is None:
            assert fields is None, "the scanner accepted what loads refuses"
            with pytest.raises(el.Error):
                table_from_bytes(data)
        else:
            want = build_token_table(doc)
            if fields is not None:
                assert_same_table(table_of_scan(fields), want)
            assert_same_table(table_from_bytes(data), want)
            render_everything(doc)
        render_everything(data)  # the scanner's route, or the error loads raises
        try:  # the same document as a dict (Python's json reads 1e400 as inf)
            tree = json.loads(data)
        except (ValueError, RecursionError):
            return
        with contextlib.suppress(el.Error):
            el.load(tree)


@settings(max_examples=80, **SLOW)
@given(
    element_lists(max_segments=2),
    st.randoms(use_true_random=False),
    st.lists(
        st.sampled_from(
            [n for n in HOSTILE_NUMBERS if not isinstance(n, Raw)]
            + [math.nan, math.inf, -math.inf, 10**5000]
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_models_built_in_python_with_hostile_times_render(
    d: dict, rnd: random.Random, numbers: list[Any]
) -> None:
    """What decoding refuses, a model built in Python can hold: validate reports it, and
    rendering neither raises (beyond our errors) nor lets numpy warn."""
    doc = el.load(d)
    nodes: list[Any] = [doc]
    for seg in doc.segments:
        nodes.append(seg)
        for seq in seg.sequences:
            nodes.append(seq)
            nodes.extend(seq.tokens)
    for number in numbers:
        node = rnd.choice(nodes)
        setattr(node, rnd.choice(["start_time", "end_time"]), number)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = el.validate(doc)
        for violation in report.violations:
            assert str(violation)
        table = build_token_table(doc)
        assert table.start.dtype == np.int64
        if len(table):
            assert table.start.min() >= 0 and table.end.max() <= MAX_TIME_MS
        render_everything(doc)


def test_the_hostile_numbers_are_encoded_as_written() -> None:
    """The fuzz's own encoder: what it writes is the literal it means."""
    inner = {"k": 1}
    doc = {"a": Raw("1e400"), "b": inner}
    assert encode(doc, {id(inner): [(0, "k", 2)]}) == '{"a":1e400,"b":{"k":2,"k":1}}'
    assert msgspec.json.decode(encode([2**64])) == [2**64]
