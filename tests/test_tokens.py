from __future__ import annotations

import numpy as np
from conftest import REAL_EXAMPLE
from hypothesis import HealthCheck, given, settings
from strategies import element_lists

import elementlist as el
from elementlist.document.vocabulary import TokenKind
from elementlist.table import from_model
from elementlist.table.token_table import TokenFlag


def test_real_example_table() -> None:
    doc = el.load(REAL_EXAMPLE)
    table = el.build_token_table(doc)
    assert len(table) == 745
    assert (table.kind == TokenKind.WORD).sum() == 657
    assert (table.kind == TokenKind.PUNCTUATION).sum() == 83
    assert (table.kind == TokenKind.SOUND).sum() == 5
    assert (table.flags & TokenFlag.SENTENCE_END).astype(bool).sum() == 43
    assert (table.flags & TokenFlag.SEGMENT_START).astype(bool).sum() == 45
    assert (table.flags & TokenFlag.SEQUENCE_START).astype(bool).sum() == 662
    assert table.speakers == ((0, "Effects"), (1, "Ann Taylor Pittman"), (2, "Tim"))
    assert table.text[:3] == ["Tim", "and", "I"] and table.value[0] == "tim"
    assert sorted(table.tag_names) == ["BLANK_AUDIO", "LAUGH", "SOUND", "UNKNOWN"]
    sounds = np.flatnonzero(table.kind == TokenKind.SOUND)
    assert [table.sound_tag(int(i)) for i in sounds].count("SOUND") == 2
    assert table.spaced and table.language == "EN_US"
    assert table.start.dtype == np.int64 and table.flags.dtype == np.uint16


def test_speaker_change_follows_the_speaker_not_the_hint() -> None:
    doc = el.load(REAL_EXAMPLE)
    table = el.build_token_table(doc)
    starts = np.flatnonzero(table.flags & TokenFlag.SEGMENT_START)
    changes = [bool(table.flags[i] & TokenFlag.SPEAKER_CHANGE) for i in starts]
    ids = [seg.speaker for seg in doc.segments]
    assert changes == [i == 0 or ids[i] != ids[i - 1] for i in range(len(ids))]
    # the document's own hint says "changed" in two places where the speaker stays the same
    hints = [bool(seg.speaker_change) for seg in doc.segments]
    assert sum(h and not c for h, c in zip(hints, changes, strict=False)) == 2


def test_take_and_unspaced_languages() -> None:
    doc = el.load(
        {
            "version": 3,
            "language": "ja",
            "segments": [
                {
                    "start_time": 0,
                    "end_time": 20,
                    "sequences": [
                        {
                            "start_time": 0,
                            "end_time": 10,
                            "tokens": [
                                {"start_time": 0, "end_time": 10, "value": "日本", "type": 0}
                            ],
                        },
                        {
                            "start_time": 10,
                            "end_time": 20,
                            "tokens": [
                                {"start_time": 10, "end_time": 20, "value": "[music]", "type": 2}
                            ],
                        },
                    ],
                }
            ],
        }
    )
    table = el.build_token_table(doc)
    assert not table.spaced
    assert table.sound_tag(1) == "MUSIC"  # untagged sound: named by its value
    sub = table.take(table.kind == TokenKind.SOUND)
    assert sub.text == ["[music]"] and sub.start.tolist() == [10]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(element_lists())
def test_table_matches_the_document(d: dict) -> None:
    doc = el.load(d)
    table = el.build_token_table(doc)
    toks = doc.tokens()
    assert len(table) == len(toks)
    assert table.start.tolist() == [t.start_time for t in toks]
    assert table.end.tolist() == [t.end_time for t in toks]
    assert table.kind.tolist() == [t.kind for t in toks]
    assert table.text == [t.text for t in toks]
    ends = [bool(t.tags and "ENDS_SENTENCE" in t.tags) for t in toks]
    assert ((table.flags & TokenFlag.SENTENCE_END) > 0).tolist() == ends


def test_compiled_table_builder_is_in_use_unless_pure() -> None:
    import os

    if os.environ.get("ELEMENTLIST_PURE") == "1":
        assert from_model._fill is from_model.fill_columns
    else:
        assert from_model._fill is not from_model.fill_columns, "compiled _tokens not built"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(element_lists())
def test_both_table_builders_agree(d: dict) -> None:
    try:
        from elementlist._tokens import fill_columns as compiled
    except ImportError:
        import pytest

        pytest.fail("compiled _tokens extension not built (run pip install -e .)")
    doc = el.load(d)
    results = []
    for fill in (from_model.fill_columns, compiled):
        tags: dict[str, int] = {}
        cols = fill(doc.segments, tags)
        results.append(([c.tolist() for c in cols[:5]], *cols[5:], tags))
    assert results[0] == results[1]
