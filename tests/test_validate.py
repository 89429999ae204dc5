from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import msgspec
import pytest
from conftest import REAL_EXAMPLE
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import element_lists

import elementlist as el


def test_real_example_has_no_errors() -> None:
    report = el.validate(el.load(REAL_EXAMPLE))
    assert report.ok and not report.errors
    # what it does have, and why: a segment ending in [UNKNOWN] after words, and meta ranges
    # starting before the document or (pork) ending far past it
    assert sorted(str(v) for v in report.warnings) == sorted(
        [
            "$.segments[43]: warning EL-NO-SENTENCE-END: segment with words has no ENDS_SENTENCE token",
            "$.keywords.pork.time_ranges[0]: warning EL-META-RANGE: keyword 'pork' range "
            "39520-395760 lies outside the document 6230-219290",
            "$.topics['cooking techniques'].time_ranges[0]: warning EL-META-RANGE: topic "
            "'cooking techniques' range 0-219290 lies outside the document 6230-219290",
            "$.entities['ann taylor pittman'].time_ranges[0]: warning EL-META-RANGE: entity "
            "'ann taylor pittman' range 6000-8000 lies outside the document 6230-219290",
        ]
    )
    assert not report.passes(strict=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(element_lists())
def test_generated_documents_validate_clean(d: dict) -> None:
    report = el.validate(el.load(d))
    assert report.violations == (), [str(v) for v in report.violations]


# ---- corruptions: each returns (code, severity, path) of the violation it must cause ----

Corruption = Callable[[dict, st.DataObject], "tuple[str, str, str] | None"]


def _tokens(d: dict) -> list[tuple[str, dict]]:
    return [
        (f"$.segments[{i}].sequences[{j}].tokens[{k}]", tok)
        for i, seg in enumerate(d["segments"])
        for j, seq in enumerate(seg["sequences"])
        for k, tok in enumerate(seq["tokens"])
    ]


def _kind(tok: dict) -> str:
    return {0: "word", 1: "punctuation", 2: "sound"}.get(tok["type"], tok["type"])  # type: ignore[arg-type]


def negative_time(d: dict, data: st.DataObject) -> Any:
    assume(d["segments"])
    i = data.draw(st.integers(0, len(d["segments"]) - 1))
    d["segments"][i]["start_time"] = -5
    return ("EL-NEG-TIME", "error", f"$.segments[{i}].start_time")


def fractional_time(d: dict, data: st.DataObject) -> Any:
    toks = _tokens(d)
    assume(toks)
    path, tok = data.draw(st.sampled_from(toks))
    tok["end_time"] = tok["end_time"] + 0.5
    return ("EL-TIME-NOT-INT", "error", f"{path}.end_time")


def backwards(d: dict, data: st.DataObject) -> Any:
    toks = [(p, t) for p, t in _tokens(d) if t["end_time"] > 0]
    assume(toks)
    path, tok = data.draw(st.sampled_from(toks))
    tok["start_time"], tok["end_time"] = tok["end_time"], tok["start_time"] - 1
    return ("EL-TIME-ORDER", "error", f"{path}.end_time")


def zero_length_word(d: dict, data: st.DataObject) -> Any:
    toks = [(p, t) for p, t in _tokens(d) if _kind(t) in ("word", "sound")]
    assume(toks)
    path, tok = data.draw(st.sampled_from(toks))
    tok["end_time"] = tok["start_time"]
    return ("EL-ZERO-LENGTH", "error", path)


def zero_length_segment(d: dict, data: st.DataObject) -> Any:
    assume(d["segments"])
    i = data.draw(st.integers(0, len(d["segments"]) - 1))
    d["segments"][i]["end_time"] = d["segments"][i]["start_time"]
    return ("EL-ZERO-LENGTH", "error", f"$.segments[{i}]")


def overlapping_segments(d: dict, data: st.DataObject) -> Any:
    assume(len(d["segments"]) >= 2)
    i = data.draw(st.integers(1, len(d["segments"]) - 1))
    prev = d["segments"][i - 1]
    assume(prev["end_time"] > prev["start_time"])
    d["segments"][i]["start_time"] = prev["end_time"] - 1
    return ("EL-OVERLAP", "error", f"$.segments[{i}].start_time")


def token_outside_sequence(d: dict, data: st.DataObject) -> Any:
    toks = _tokens(d)
    assume(toks)
    path, tok = data.draw(st.sampled_from(toks))
    tok["end_time"] += 100_000
    return ("EL-OUTSIDE-PARENT", "error", path)


def unknown_type(d: dict, data: st.DataObject) -> Any:
    toks = _tokens(d)
    assume(toks)
    path, tok = data.draw(st.sampled_from(toks))
    tok["type"] = data.draw(st.sampled_from(["verb", 7, "Word!"]))
    return ("EL-TOKEN-TYPE", "error", f"{path}.type")


def unknown_speaker(d: dict, data: st.DataObject) -> Any:
    assume(d["segments"])
    i = data.draw(st.integers(0, len(d["segments"]) - 1))
    d["segments"][i]["speaker_id"] = 99
    return ("EL-UNKNOWN-SPEAKER", "error", f"$.segments[{i}].speaker_id")


def bad_version(d: dict, data: st.DataObject) -> Any:
    d["version"] = data.draw(st.sampled_from([1, 4, 0, -3]))
    return ("EL-VERSION", "error", "$.version")


def two_sentences(d: dict, data: st.DataObject) -> Any:
    segs = [
        (i, s)
        for i, s in enumerate(d["segments"])
        if len(s["sequences"]) >= 2 and _kind(s["sequences"][0]["tokens"][0]) == "word"
    ]
    assume(segs)
    i, seg = data.draw(st.sampled_from(segs))
    seg["sequences"][0]["tokens"][0]["tags"].append("ENDS_SENTENCE")
    return ("EL-SENTENCE-INSIDE", "error", f"$.segments[{i}].sequences[0].tokens[0].tags")


def no_sentence_end(d: dict, data: st.DataObject) -> Any:
    segs = [
        (i, s)
        for i, s in enumerate(d["segments"])
        if any(_kind(t) == "word" for q in s["sequences"] for t in q["tokens"])
    ]
    assume(segs)
    i, seg = data.draw(st.sampled_from(segs))
    for q in seg["sequences"]:
        for t in q["tokens"]:
            t["tags"] = [x for x in t["tags"] if x != "ENDS_SENTENCE"]
    return ("EL-NO-SENTENCE-END", "warning", f"$.segments[{i}]")


def unknown_tag(d: dict, data: st.DataObject) -> Any:
    toks = _tokens(d)
    assume(toks)
    path, tok = data.draw(st.sampled_from(toks))
    tok["tags"].append("GIGGLE")
    return ("EL-UNKNOWN-TAG", "warning", f"{path}.tags[{len(tok['tags']) - 1}]")


def meta_outside(d: dict, data: st.DataObject) -> Any:
    assume("end_time" in d)
    d["topics"] = {
        "food": {
            "display_name": "Food",
            "time_ranges": [{"start_time": 0, "end_time": d["end_time"] + 1}],
        }
    }
    return ("EL-META-RANGE", "warning", "$.topics.food.time_ranges[0]")


CORRUPTIONS = [
    negative_time,
    fractional_time,
    backwards,
    zero_length_word,
    zero_length_segment,
    overlapping_segments,
    token_outside_sequence,
    unknown_type,
    unknown_speaker,
    bad_version,
    two_sentences,
    no_sentence_end,
    unknown_tag,
    meta_outside,
]


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(d=element_lists(), data=st.data())
def test_each_corruption_is_reported(corrupt: Corruption, d: dict, data: st.DataObject) -> None:
    d = copy.deepcopy(d)
    code, severity, path = corrupt(d, data)  # type: ignore[misc]
    doc = el.loads(msgspec.json.encode(d))
    found = [(v.code, v.severity, v.path) for v in el.validate(doc).violations]
    assert (code, severity, path) in found, found


def test_zero_length_punctuation_is_accepted_but_zero_length_sound_is_not() -> None:
    d = msgspec.json.decode(REAL_EXAMPLE.read_bytes())
    assert el.validate(el.load(d)).ok
    seg = d["segments"][-1]
    tok = seg["sequences"][0]["tokens"][0]
    assert tok["type"] == "sound"
    tok["end_time"] = tok["start_time"]
    report = el.validate(el.load(d))
    assert [str(v) for v in report.errors] == [
        f"$.segments[44].sequences[0].tokens[0]: error EL-ZERO-LENGTH: sound token has zero "
        f"length (at {tok['start_time']} ms)"
    ]


def test_messages_are_whole_and_stable() -> None:
    d = {
        "version": 5,
        "segments": [{"start_time": 10, "end_time": 5, "speaker_id": 3, "sequences": []}],
    }
    report = el.validate(el.load(d))
    assert [str(v) for v in report.violations] == [
        "$.version: error EL-VERSION: version 5 is not 2 or 3",
        "$.segments[0].end_time: error EL-TIME-ORDER: segment ends at 5, before it starts at 10",
        "$.segments[0].speaker_id: error EL-UNKNOWN-SPEAKER: speaker_id 3 but the document has "
        "no speakers",
    ]
    assert report.to_dict()["errors"] == 3


def test_validate_never_raises_on_odd_but_decodable_documents() -> None:
    odd = {
        "version": 3,
        "start_time": 6e8,
        "end_time": -6e8,
        "segments": [
            {
                "start_time": -1,
                "end_time": 1.5,
                "speaker_id": True,
                "sequences": [
                    {
                        "start_time": 3,
                        "end_time": 2,
                        "tokens": [
                            {"start_time": 0, "end_time": 0, "value": "", "type": "x", "tags": []},
                            {"start_time": 0, "end_time": 0, "value": "", "type": 2},
                        ],
                    }
                ],
            }
        ],
    }
    report = el.validate(el.load(odd))
    assert not report.ok


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(d=element_lists(), data=st.data())
def test_fast_path_reports_what_the_detailed_checks_report(
    corrupt: Corruption, d: dict, data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate() skips the detailed checks for plainly valid sequences and segments; with
    the skipping turned off it must say exactly the same."""
    import sys

    module = sys.modules["elementlist.document.validate"]
    d = copy.deepcopy(d)
    corrupt(d, data)  # type: ignore[misc]
    doc = el.loads(msgspec.json.encode(d))
    fast = [str(v) for v in el.validate(doc).violations]
    with monkeypatch.context() as m:
        m.setattr(module, "_sequence_is_clean", lambda sequence: False)
        m.setattr(module, "_sentences_are_clean", lambda segment: False)
        detailed = [str(v) for v in el.validate(doc).violations]
    assert fast == detailed
