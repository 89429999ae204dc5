"""The scanner's validation check (``scan(data, check=True)``) against ``validate``, and
``table_and_report``, the route the CLI takes for its warning line.

The check must never call a document clean that ``validate`` finds anything in; for
documents whose times are all whole numbers it must call clean exactly those in which
``validate`` finds nothing (a fraction anywhere makes it leave the answer to ``validate``).
The compiled module must be built; these tests fail without it.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from conftest import EXAMPLES, REAL_EXAMPLE, ROOT, SAMPLE_FILES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import element_lists
from test_validate import CORRUPTIONS, Corruption

import elementlist as el
from elementlist.document.validate import Report
from elementlist.table import from_bytes
from elementlist.table.from_bytes import table_and_report, table_from_bytes

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import corpus

SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def compiled_scan() -> Callable[..., tuple[Any, ...] | None]:
    try:
        from elementlist._scan import scan
    except ImportError:
        pytest.fail("compiled elementlist._scan not built (python setup.py build_ext --inplace)")
    return scan


def has_fractional_time(node: Any) -> bool:
    if isinstance(node, dict):
        return any(
            (k in ("start_time", "end_time") and isinstance(v, float)) or has_fractional_time(v)
            for k, v in node.items()
        )
    return isinstance(node, list) and any(has_fractional_time(v) for v in node)


def assert_check_agrees(data: bytes) -> bool | None:
    """The check's answer for ``data`` (None: the scanner bailed) holds to validate's."""
    scanned = compiled_scan()(data, True)
    if scanned is None:
        return None
    clean = scanned[-1]
    assert isinstance(clean, bool)
    violations = el.validate(el.loads(data)).violations
    if clean:
        assert not violations, [str(v) for v in violations]
    elif not has_fractional_time(msgspec.json.decode(data)):
        assert violations, "the check found a violation validate does not"
    return clean


@settings(max_examples=150, **SLOW)
@given(element_lists())
def test_generated_documents_are_clean(d: dict) -> None:
    assert assert_check_agrees(msgspec.json.encode(d)) is True


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__)
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(d=element_lists(), data=st.data())
def test_each_corruption_is_found(corrupt: Corruption, d: dict, data: st.DataObject) -> None:
    d = copy.deepcopy(d)
    corrupt(d, data)
    assert assert_check_agrees(msgspec.json.encode(d)) in (False, None)


@pytest.mark.parametrize(
    "path", [*SAMPLE_FILES, *sorted(EXAMPLES.glob("*.json"))], ids=lambda p: p.name
)
def test_real_documents(path: Path) -> None:
    data = path.read_bytes()
    assert assert_check_agrees(data) is (not el.validate(el.loads(data)).violations)


@pytest.mark.parametrize("name", ["1min", "1h", "10h"])
def test_the_benchmark_documents_are_clean(name: str) -> None:
    assert compiled_scan()(corpus(name), True)[-1] is True  # type: ignore[index]


def _document(**changes: Any) -> dict[str, Any]:
    token = {"start_time": 0, "end_time": 400, "value": "hi", "type": "word"}
    stop = {"start_time": 400, "end_time": 400, "value": ".", "type": "punctuation",
            "tags": ["ENDS_SENTENCE"]}  # fmt: skip
    doc: dict[str, Any] = {
        "version": 3,
        "start_time": 0,
        "end_time": 1000,
        "speakers": [{"id": 1, "name": "Ann"}],
        "segments": [
            {
                "start_time": 0,
                "end_time": 400,
                "speaker_id": 1,
                "sequences": [{"start_time": 0, "end_time": 400, "tokens": [token, stop]}],
            }
        ],
        "keywords": {"hi": {"time_ranges": [{"start_time": 0, "end_time": 400}]}},
    }
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"speakers": [{"id": 1}, {"id": 1}]},  # EL-DUP-SPEAKER
        {"speakers": [{"id": 2}]},  # EL-UNKNOWN-SPEAKER
        {"speakers": []},
        {"start_time": 500},  # EL-OUTSIDE-PARENT (the document), EL-META-RANGE
        {"end_time": 300},
        {"keywords": {"hi": {"time_ranges": [{"start_time": 900, "end_time": 1001}]}}},
        {"keywords": {"hi": {"time_ranges": [{"start_time": 9, "end_time": 8}]}}},
        {"topics": {"hi": {"time_ranges": [{"start_time": -1, "end_time": 8}]}}},
        {"end_time": -3},  # EL-NEG-TIME, EL-TIME-ORDER
        {"version": 2},
        {"version": 4},
    ],
    ids=repr,
)
def test_document_level_rules(changes: dict[str, Any]) -> None:
    """The rules the check meets only at the end, in whatever key order they come."""
    d = _document(**changes)
    for ordered in (d, dict(reversed(list(d.items())))):
        assert assert_check_agrees(json.dumps(ordered).encode()) is not None


def test_a_fraction_is_left_to_validate() -> None:
    """1000.0 is a whole number to validate; the check compares only integers."""
    data = json.dumps(_document(end_time=1000.0)).encode()
    assert compiled_scan()(data, True)[-1] is False  # type: ignore[index]
    table, report = table_and_report(data)
    assert report == Report() == el.validate(el.loads(data))
    assert_same_table(table, table_from_bytes(data))


def assert_same_table(a: el.TokenTable, b: el.TokenTable) -> None:
    for name in el.TokenTable.__slots__:
        x, y = getattr(a, name), getattr(b, name)
        assert (x.tolist() == y.tolist()) if hasattr(x, "tolist") else x == y, name


class _CountingLoads:
    """``from_bytes.loads_decoded`` that counts its calls: the model is built only when
    asked."""

    def __init__(self) -> None:
        self.calls = 0
        self.real = from_bytes.loads_decoded

    def __call__(self, data: bytes, *, name: str | None = None) -> el.ElementList:
        self.calls += 1
        return self.real(data, name=name)


@pytest.mark.parametrize(
    "path", [*SAMPLE_FILES, *sorted(EXAMPLES.glob("*.json"))], ids=lambda p: p.name
)
def test_table_and_report_builds_the_model_only_for_a_report(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = path.read_bytes()
    want = el.validate(el.loads(data))
    counting = _CountingLoads()
    monkeypatch.setattr(from_bytes, "loads_decoded", counting)
    table, report = table_and_report(data, name=str(path))
    assert report == want
    assert_same_table(table, el.build_token_table(el.loads(data)))
    if from_bytes.scanner_available():
        assert counting.calls == (1 if want.violations else 0)
    else:  # the pure twin: the model is the only way to the report
        assert counting.calls == 1


def test_strict_refuses_from_the_bytes_alike() -> None:
    data = REAL_EXAMPLE.read_bytes()
    with pytest.raises(el.InvalidDocumentError) as from_data:
        el.get_caption(data, "SRT", strict=True)
    with pytest.raises(el.InvalidDocumentError) as from_model:
        el.get_caption(el.loads(data), "SRT", strict=True)
    assert str(from_data.value) == str(from_model.value)
    assert from_data.value.violations == from_model.value.violations
