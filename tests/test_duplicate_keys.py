"""Duplicate keys (issue 10): a known key twice in one object of the model is refused.

msgspec keeps the last of two equal keys, so a second ``"segments": []`` used to render an
empty document that validated clean. Every route refuses it with the path of the object:
loads (fast and slow path), load of a file, the scanner's route (table_from_bytes,
get_caption, get_transcript); the compiled walk and its pure twin agree. Keys the model
does not define may repeat (the last value is kept).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import element_lists

import elementlist as el
from elementlist.document import model
from elementlist.document.duplicates import find_duplicate_key, find_duplicate_key_pure
from elementlist.errors import ElementListError
from elementlist.table.from_bytes import table_from_bytes

SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def full_document() -> dict[str, Any]:
    """A valid document whose every model object carries every key the model defines."""
    rng = {"start_time": 0, "end_time": 10}
    token = {"start_time": 0, "end_time": 10, "value": "hi", "type": "word", "display_as": "Hi",
             "tags": ["ENDS_SENTENCE"], "interpolated": False, "style": "s"}  # fmt: skip
    sequence = {"start_time": 0, "end_time": 10, "tokens": [token], "interpolated": False,
                "confidence_score": 0.9, "style": "s"}  # fmt: skip
    segment = {"start_time": 0, "end_time": 10, "sequences": [sequence], "speaker_change": True,
               "speaker_id": 1, "interpolated": False, "style": "s", "bad_timing": False}  # fmt: skip
    meta = {"display_name": "Hi", "url": "u", "time_ranges": [rng]}
    return {"version": 3, "segments": [segment], "start_time": 0, "end_time": 10,
            "language": "en", "speakers": [{"id": 1, "name": "A", "gender": "F"}],
            "keywords": {"hi": meta}, "topics": {"t": {}}, "entities": {"e": {}}}  # fmt: skip


# each object of the model: (its class, how to reach it in full_document, its path)
OBJECTS = [
    (model.ElementListTree, (), "$"),
    (model.Segment, ("segments", 0), "$.segments[0]"),
    (model.Sequence, ("segments", 0, "sequences", 0), "$.segments[0].sequences[0]"),
    (model.Token, ("segments", 0, "sequences", 0, "tokens", 0),
     "$.segments[0].sequences[0].tokens[0]"),
    (model.Speaker, ("speakers", 0), "$.speakers[0]"),
    (model.Meta, ("keywords", "hi"), "$.keywords.hi"),
    (model.TimeRange, ("keywords", "hi", "time_ranges", 0), "$.keywords.hi.time_ranges[0]"),
]  # fmt: skip
CASES = [
    (location, key, path)
    for cls, location, path in OBJECTS
    for key in sorted(model.KNOWN_KEYS[cls])
]


def node_at(doc: Any, location: tuple[str | int, ...]) -> Any:
    for key in location:
        doc = doc[key]
    return doc


def with_repeat(doc: Any, target: Any, key: str, value: Any, first: bool = False) -> str:
    """``doc`` as JSON with ``key: value`` written once more into the object ``target``
    (after its members, or before them with ``first``)."""

    def enc(node: Any) -> str:
        if isinstance(node, dict):
            members = [f"{json.dumps(k)}:{enc(v)}" for k, v in node.items()]
            if node is target:
                extra = f"{json.dumps(key)}:{enc(value)}"
                members = [extra, *members] if first else [*members, extra]
            return "{" + ",".join(members) + "}"
        if isinstance(node, list):
            return "[" + ",".join(enc(v) for v in node) + "]"
        return json.dumps(node)

    return enc(doc)


def assert_refused(data: bytes, message: str, tmp_path: Path | None = None) -> None:
    for decode in (el.loads, table_from_bytes):
        with pytest.raises(ElementListError) as info:
            decode(data, name="d.json")
        assert str(info.value) == f"d.json: {message}"
    with pytest.raises(ElementListError) as info:
        el.get_caption(data, "SRT")
    assert str(info.value) == message
    with pytest.raises(ElementListError):
        el.get_transcript(data)
    if tmp_path is not None:
        path = tmp_path / "d.json"
        path.write_bytes(data)
        with pytest.raises(ElementListError) as info:
            el.load(path)
        assert str(info.value) == f"{path}: {message}"


@pytest.mark.parametrize(("location", "key", "path"), CASES, ids=[f"{p}:{k}" for _, k, p in CASES])
def test_a_known_key_twice_is_refused_with_the_objects_path(
    location: tuple[str | int, ...], key: str, path: str, tmp_path: Path
) -> None:
    d = full_document()
    target = node_at(d, location)
    text = with_repeat(d, target, key, target[key])
    assert json.loads(text) == d  # the same document to a reader that keeps the last
    message = f"duplicate key '{key}' - at {path}"
    assert_refused(text.encode(), message, tmp_path)
    # with an unknown field in front (the decoder's slow path), and the repeat written first
    d = {"x_unknown": [1], **full_document()}
    target = node_at(d, location)
    assert_refused(with_repeat(d, target, key, target[key], first=True).encode(), message)


@pytest.mark.parametrize("group", sorted(model.KEYED_MAPS))
def test_a_term_twice_in_keywords_topics_or_entities_is_refused(group: str) -> None:
    d = full_document()
    term = next(iter(d[group]))
    text = with_repeat(d, d[group], term, {})
    assert_refused(text.encode(), f"duplicate key '{term}' - at $.{group}")


def test_a_second_empty_segments_no_longer_renders_an_empty_document() -> None:
    d = full_document()
    data = (json.dumps(d)[:-1] + ',"segments":[]}').encode()
    assert_refused(data, "duplicate key 'segments' - at $")


def test_an_escaped_spelling_is_the_same_key() -> None:
    data = b'{"version":3,"segments":[],"v\\u0065rsion":3}'
    assert_refused(data, "duplicate key 'version' - at $")


def test_the_first_duplicate_in_document_order_is_named() -> None:
    d = full_document()
    token = node_at(d, ("segments", 0, "sequences", 0, "tokens", 0))
    text = with_repeat(d, token, "value", "x")  # inside the first "segments"
    text = text[:-1] + ',"segments":[]}'  # and the root's own repeat comes later
    assert_refused(text.encode(), "duplicate key 'value' - at $.segments[0].sequences[0].tokens[0]")


@pytest.mark.parametrize(("location", "_cls"), [(loc, cls) for cls, loc, _ in OBJECTS])
def test_an_unknown_key_may_repeat_and_the_last_value_is_kept(
    location: tuple[str | int, ...], _cls: type
) -> None:
    d = full_document()
    target = node_at(d, location)
    target["x_extra"] = {"a": 1, "b": [1]}
    text = with_repeat(d, target, "x_extra", 2)
    doc = el.loads(text)
    obj: Any = doc
    for key in location:
        obj = obj[key] if isinstance(key, int) or isinstance(obj, dict) else getattr(obj, key)
    assert obj.extra == {"x_extra": 2}
    # and so may keys inside an unknown value
    inner = el.loads(b'{"version":3,"segments":[],"x":{"a":1,"a":2,"version":1,"version":2}}')
    assert inner.extra == {"x": {"a": 2, "version": 2}}


def test_the_compiled_walk_and_its_pure_twin_agree_on_every_case() -> None:
    from elementlist._scan import find_duplicate_key as compiled

    for location, key, path in CASES:
        d = full_document()
        target = node_at(d, location)
        data = with_repeat(d, target, key, target[key]).encode()
        found = compiled(data)
        assert found == find_duplicate_key_pure(data) == find_duplicate_key(data)
        assert found is not None and found[0] == key
        assert model.format_path(found[1]) == path
    clean = json.dumps(full_document()).encode()
    assert compiled(clean) is None and find_duplicate_key_pure(clean) is None


@settings(max_examples=150, **SLOW)
@given(element_lists(max_segments=3), st.randoms(use_true_random=False), st.booleans())
def test_generated_documents_with_a_repeated_key(d: dict, rnd: random.Random, known: bool) -> None:
    """Any object of a generated document, any of its keys (or an unknown one) repeated
    anywhere among its members: both walks give the same answer, and loads refuses exactly
    when a known key was repeated."""
    from elementlist._scan import find_duplicate_key as compiled

    objects: list[dict] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            objects.append(node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(d)
    target = rnd.choice(objects)
    keys = list(target) if known and target else ["x_unknown"]
    key = rnd.choice(keys)
    maps = [d[group] for group in model.KEYED_MAPS if group in d]
    unknown_value: Any = {} if any(target is m for m in maps) else 0  # a term's meta is an object
    text = with_repeat(d, target, key, target.get(key, unknown_value), first=rnd.random() < 0.5)
    data = text.encode()
    want = find_duplicate_key_pure(data)
    assert compiled(data) == want
    try:
        el.loads(data)
    except ElementListError as exc:
        assert (
            want is not None
            and str(exc) == f"duplicate key {want[0]!r} - at {model.format_path(want[1])}"
        )
    else:
        assert want is None
    raw = msgspec.json.encode(d)
    assert compiled(raw) is None and find_duplicate_key_pure(raw) is None


def test_duplicate_speaker_ids_are_a_validation_error() -> None:
    d = full_document()
    d["speakers"] = [{"id": 1, "name": "A"}, {"id": 2}, {"id": 1, "name": "B"}, {"id": 2}]
    report = el.validate(el.load(d))
    dups = [str(v) for v in report.violations if v.code == "EL-DUP-SPEAKER"]
    assert dups == [
        "$.speakers[2].id: error EL-DUP-SPEAKER: speaker id 1 is already the id of speakers[0]",
        "$.speakers[3].id: error EL-DUP-SPEAKER: speaker id 2 is already the id of speakers[1]",
    ]
    assert not report.ok


def test_counting_never_clears_a_document_with_a_repeated_key() -> None:
    """Without the extension a fast-path document is cleared by counting ':' (see
    duplicates.may_repeat_a_key); it must never clear one that repeats a key."""
    from elementlist.document.duplicates import may_repeat_a_key

    typed = msgspec.json.Decoder(model.ElementListTree)  # keeps the last of two keys, as ever
    for location, key, _ in CASES:
        d = full_document()
        target = node_at(d, location)
        for value in (target[key], 0 if key != "segments" else []):
            data = with_repeat(d, target, key, value).encode()
            try:
                doc = typed.decode(data)
            except msgspec.ValidationError:
                continue
            assert may_repeat_a_key(data, doc), (location, key)
    clean = full_document()
    clean["segments"][0]["sequences"][0]["tokens"][0]["display_as"] = 'a: "b" {c}: \\:'
    data = json.dumps(clean).encode()
    assert not may_repeat_a_key(data, typed.decode(data))
    # a colon spelled as an escape is counted by the walk instead
    escaped = data.replace(b"a: ", b"a\\u003a ")
    assert may_repeat_a_key(escaped, typed.decode(escaped))


@settings(max_examples=100, **SLOW)
@given(element_lists(max_segments=3))
def test_counting_clears_generated_documents(d: dict) -> None:
    from elementlist.document.duplicates import may_repeat_a_key

    data = msgspec.json.encode(d)
    assert not may_repeat_a_key(data, msgspec.json.decode(data, type=model.ElementListTree))
