"""The importers' fast paths against the plain ways they stand in for: the same result for
every input, so a speed-up cannot change what is imported.

* :func:`elementlist.importers.source.prefix_value`'s cut, found at C speed, against the
  walk over the prefix's strings and brackets, token by token.
* :func:`elementlist.importers.times.seconds_column` (numpy) against :func:`seconds`.
* The builder's fast lanes (a draft of plain pieces taken as it is, items that each stand
  alone, the plain words found at C speed, a word and its glued mark built inline) against
  its general ones, on generated drafts.
* The Whisper family's ``read_fast`` (typed structs, column by column) against its
  ``read`` (the JSON tree, word by word), built: the same ElementList for the fixtures
  and for generated documents with every quirk (leading spaces or none, split words,
  null, zero-length and unusable times, segments without words, speakers on segments
  and words, WhisperX's ``word_segments``, a bare list of segments).
* Amazon Transcribe's ``read_fast`` against its ``read``, likewise (string and number times
  and confidences, punctuation, ids of every kind, speakers by label, by the older layout's
  ``speaker_labels`` and by channel, audio segments).
"""

from __future__ import annotations

import importlib
import json
from contextlib import ExitStack
from types import ModuleType
from typing import Any
from unittest import mock

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_fixtures.support import fixture

import elementlist
from elementlist.importers import (
    aws,
    import_document,
    source,
    whisper,
    whisper_timestamped,
    whisperx,
)
from elementlist.importers.build import build
from elementlist.importers.draft import Draft
from elementlist.importers.times import MAX_S, seconds, seconds_column

# (the package's ``build`` is the function: the module by its name)
build_module = importlib.import_module("elementlist.importers.build")

# --- the prefix of a long JSON value (what detection reads) -----------------------------

_TEXTS = st.sampled_from(
    ["a", "", 'q"x', "back\\slash", "\\", "\\\\", "[{", "}]", " , ", "é", "日本", "\n"]
)
_SCALARS = st.one_of(_TEXTS, st.integers(-5, 5), st.floats(-10, 10), st.booleans(), st.none())
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(_TEXTS, inner, max_size=5)
    ),
    max_leaves=20,
)
_JUNK = st.sampled_from(['"', "\\", "[", "]", "{", "}", ",", ":", " ", "\n", "x"])


@st.composite
def _prefixes(draw: st.DrawFn) -> bytes:
    """The first bytes of a JSON array or object, sometimes with a few stray bytes in."""
    value = draw(st.one_of(st.lists(_VALUES, max_size=6), st.dictionaries(_TEXTS, _VALUES)))
    text = json.dumps(value, ensure_ascii=draw(st.booleans()))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_JUNK) + text[at:]
    data = text.encode()
    return data[: draw(st.integers(0, len(data)))]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_prefixes())
def test_the_prefix_cut_is_the_token_walks(prefix: bytes) -> None:
    fast = source._cut(prefix)
    if fast is not None:  # (None: the walk decides)
        assert fast == source._cut_token_by_token(prefix)


def test_the_prefix_cut_cases() -> None:
    cases: list[tuple[bytes, Any]] = [
        (b'{"a": [1, 2, 3', {"a": [1, 2]}),
        (b'{"a": [1, 2], "b": "cut', {"a": [1, 2]}),
        (b'[{"w": "x\\"y"}, {"w": "a,b]', [{"w": 'x"y'}]),  # an escaped quote
        (b'[{"w": "x\\\\"}, {"w": 1}, [', [{"w": "x\\"}, {"w": 1}]),  # an escaped backslash
        (b'[[[{"a": "]"}], 7', [[[{"a": "]"}]]]),  # (7 may go on: 70)
        (b'{"a": "no comma yet', None),
        (b"[1] [2, 3", [1]),  # the value closes before the cut: the walk decides
        (b"[1, 2}", None),  # a bracket that does not match
        (b'"a long string', None),
    ]
    for prefix, expected in cases:
        assert source.prefix_value(prefix) == expected, prefix
        fast = source._cut(prefix)
        assert fast is None or fast == source._cut_token_by_token(prefix), prefix
    # deeper than the pair removals go: the walk decides
    deep = b"[" * 100 + b"1" + b"]" * 50 + b", 2"
    assert source._cut(deep) is None
    expected = [1]
    for _ in range(99):
        expected = [expected]
    assert source.prefix_value(deep) == expected


# --- times, a column at a time ---------------------------------------------------------

_SECONDS = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(0, 36_000),
    st.floats(MAX_S - 1e-6, MAX_S + 1e-6),
    st.floats(-1e-3, 1e-3),
)


@given(st.lists(_SECONDS, max_size=20))
def test_seconds_column_is_seconds(values: list[float | None]) -> None:
    assert seconds_column(values) == [seconds(v) for v in values]


# --- the builder ------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["hello", "Hello,", "world.", "U.S.", "Dr.", "e.g.", "[Music]", "[MUSIC].", "(laughs)", ",",
     ".", "?", "...", '"quoted"', "¿", "café", "日本語", "。", "42", "-", "", " ", " a", "b ",
     "don't", "50%", "[", "[*]", "«", "Ok!\"", "why?)", "A", "i", "a\x00b", "é.", "ÉCOLE"]
)  # fmt: skip


@st.composite
def _drafts(draw: st.DrawFn) -> Draft:
    draft = Draft(
        brackets_are_sounds=draw(st.booleans()), language=draw(st.sampled_from([None, "en"]))
    )
    plain = draw(st.booleans())  # nothing glued, every piece a trimmed word (the fast lanes)
    t = 0
    for _ in range(draw(st.integers(0, 14))):
        text = draw(_PIECES.filter(lambda x: x and x == x.strip()) if plain else _PIECES)
        kind = (
            draw(st.sampled_from([0, 0, 0, 1, 2]))
            if not plain or draw(st.integers(0, 9)) == 0
            else 0
        )
        start = draw(st.one_of(st.none(), st.integers(t - 50, t + 300)))
        end = draw(st.one_of(st.none(), st.integers(t - 5, t + 600)))
        glue = 0 if plain else draw(st.sampled_from([0, 0, 1, 2, 3]))
        draft.add(text, start, end, draw(st.sampled_from([None, 0.5, 1.0])),
                  draw(st.sampled_from([None, None, "0", "A", "01"])), kind, glue,
                  draw(st.integers(0, 9)) == 0)  # fmt: skip
        t += draw(st.integers(0, 500))
        mark = draw(st.integers(0, 9))
        if mark == 0:
            draft.end_sentence()
        elif mark < 3:
            draft.end_unit()
        elif mark == 3:
            draft.new_turn()
    return draft


def _general_lanes() -> ExitStack:
    """The builder with its fast lanes off (the general reading of every draft)."""
    stack = ExitStack()
    stack.enter_context(mock.patch.object(build_module, "_plain_draft", lambda draft: False))
    stack.enter_context(mock.patch.object(build_module, "_one_to_one", lambda items, b: None))
    return stack


def _copy(draft: Draft) -> Draft:
    out = Draft(language=draft.language, brackets_are_sounds=draft.brackets_are_sounds)
    for name in Draft.__slots__:
        value = getattr(draft, name)
        setattr(out, name, value.copy() if isinstance(value, (list, set)) else value)
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_drafts())
def test_the_builders_fast_lanes_are_its_general_ones(draft: Draft) -> None:
    again = _copy(draft)
    fast = elementlist.dumpb(build(draft))
    with _general_lanes():
        assert elementlist.dumpb(build(again)) == fast


def _sequence_one_by_one(seq_tokens: Any, sequences: Any, conf: Any) -> Any:
    """A sequence of token lists built token by token (the builder's general loop)."""
    from msgspec import UNSET

    from elementlist.document.model import Sequence, Token

    starts, ends, made_up = sequences.start, sequences.end, sequences.made_up
    tokens = []
    interpolated = False
    time = next(starts[index] for _, _, index, _ in seq_tokens if index >= 0)
    for text, kind, index, tag in seq_tokens:
        if index >= 0:
            s, e, flag = starts[index], ends[index], made_up[index]
            time = e
        else:
            s = e = time
            flag = True
        value = text.lower()
        type_ = ("word", "punctuation", "sound")[kind]
        tokens.append(Token(s, e, value, type_, UNSET if value == text else text,
                            (tag,) if tag is not None else UNSET, True if flag else UNSET))  # fmt: skip
        interpolated = interpolated or flag
    return Sequence(tokens[0].start_time, tokens[-1].end_time, tokens,
                    True if interpolated else UNSET, UNSET if conf is None else conf)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_drafts())
def test_the_builders_sequences_are_built_as_one_by_one(draft: Draft) -> None:
    """Each sequence of token lists (a word and its glued mark inline, the others one by
    one) is what the token-by-token construction makes of it."""
    sequences = build_module._sequences(build_module._items(draft), draft.brackets_are_sounds)
    build_module.fix_times(sequences.start, sequences.end, sequences.weight, sequences.made_up)
    doc = build_module._document(draft, sequences)
    built = [seq for seg in doc.segments for seq in seg.sequences]
    assert len(built) == len(sequences.tokens)
    for seq, seq_tokens, conf in zip(built, sequences.tokens, sequences.conf, strict=True):
        if type(seq_tokens) is int:
            continue
        expected = _sequence_one_by_one(seq_tokens, sequences, conf)
        for token in seq.tokens:  # (the segments' ENDS_SENTENCE is not the sequence's)
            if token.tags is not msgspec.UNSET and "ENDS_SENTENCE" in token.tags:
                rest = tuple(t for t in token.tags if t != "ENDS_SENTENCE")
                token.tags = rest or msgspec.UNSET
        assert seq == expected


# --- a fast reading against the lenient one (Whisper family, Amazon Transcribe) -------


def _both_ways(module: ModuleType, raw: bytes) -> None:
    """``module``'s fast reading of ``raw`` (when it is typed) builds what its lenient one
    does, from the bytes and from the decoded tree."""
    tree = json.loads(raw)
    fast = module.read_fast(raw, None, "doc")
    if fast is None:  # a value of another type: only the lenient way reads it
        return
    expected = elementlist.dumpb(build(module.read(tree, "doc")))
    assert elementlist.dumpb(build(fast)) == expected
    converted = module.read_fast(None, tree, "doc")  # a decoded tree, converted
    assert converted is not None
    assert elementlist.dumpb(build(converted)) == expected


# --- the Whisper family ---------------------------------------------------------------

_FAMILY = {  # flavour: (module, the words' text and confidence fields)
    "whisper": (whisper, "word", "probability"),
    "whisper-timestamped": (whisper_timestamped, "text", "confidence"),
    "whisperx": (whisperx, "word", "score"),
}
_WORD_TEXTS = st.sampled_from(
    ["hello", "Kub", "ernetes", "didn", "'t", "Dr.", "U.S.", "world,", "why?", ".", ",",
     "...", "[Music]", "[*]", "(laughs)", "\"quoted\"", "42", "café", "日本語", "👍", "-"]
)  # fmt: skip
_TIMES = st.one_of(
    st.floats(0, 40, allow_nan=False).map(lambda t: round(t, 3)),
    st.none(),
    st.sampled_from([0.0, 1.0, 2.5, -1.0, 1e9]),
)
_SPEAKERS = st.sampled_from([None, "SPEAKER_00", "SPEAKER_01", 0, 2, "", " "])


@st.composite
def _whisper_text(draw: st.DrawFn, spaced: bool) -> str:
    word = draw(_WORD_TEXTS)
    shape = draw(st.integers(0, 19))
    if shape == 0:
        return ""
    if shape == 1:
        return " "
    if shape == 2:
        return draw(st.sampled_from(["  ", "\t", " \n"])) + word
    if shape == 3:
        return word + " "
    if spaced and shape > 6:
        return " " + word  # the usual word: its leading space
    return word  # a split word's continuation (spaced), or any word (unspaced)


@st.composite
def _whisper_documents(draw: st.DrawFn, flavour: str) -> Any:
    _, text_key, confidence_key = _FAMILY[flavour]
    spaced = draw(st.integers(0, 4)) > 0
    segments = []
    for _ in range(draw(st.integers(0, 5))):
        words = []
        for _ in range(draw(st.integers(0, 6))):
            word: dict[str, Any] = {text_key: draw(_whisper_text(spaced))}
            for key in ("start", "end"):
                if draw(st.integers(0, 15)):
                    word[key] = draw(_TIMES)
            if draw(st.integers(0, 8)):
                word[confidence_key] = draw(st.one_of(st.floats(0, 1), st.none()))
            if draw(st.integers(0, 4 if flavour == "whisperx" else 30)) == 0:
                word["speaker"] = draw(_SPEAKERS)
            words.append(word)
        segment: dict[str, Any] = {"start": draw(_TIMES), "end": draw(_TIMES)}
        segment["text"] = draw(st.sampled_from(["", " Some text here.", " [Music]", "日本語です"]))
        if draw(st.integers(0, 5)):
            segment["words"] = words
        if draw(st.integers(0, 2 if flavour == "whisperx" else 20)) == 0:
            segment["speaker"] = draw(_SPEAKERS)
        segments.append(segment)
    if segments and draw(st.integers(0, 6)) == 0:
        return segments  # faster-whisper's segments dumped one by one
    doc: dict[str, Any] = {"text": "", "segments": segments}
    doc["language"] = draw(st.sampled_from(["en", "ja", "", " ", None]))
    if flavour == "whisperx" and draw(st.booleans()):
        doc["word_segments"] = [w for s in segments for w in s.get("words", ())] or [
            {"word": "x", "start": 1.0, "end": 1.5}
        ]
    return doc


@pytest.mark.parametrize(
    ("name", "flavour"),
    [
        ("whisper_word_timestamps.json", "whisper"),
        ("whisper_quirks.json", "whisper"),
        ("whisper_segments_only.json", "whisper"),
        ("faster_whisper_nulls.json", "whisper"),
        ("stable_ts.json", "whisper"),
        ("whisperx.json", "whisperx"),
    ],
)
def test_whisper_fixture_fast_is_lenient(name: str, flavour: str) -> None:
    raw = fixture(name)
    assert _FAMILY[flavour][0].read_fast(raw, None, name) is not None  # (the fast way reads it)
    _both_ways(_FAMILY[flavour][0], raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(_FAMILY)).flatmap(lambda f: st.tuples(st.just(f), _whisper_documents(f)))
)
def test_whisper_fast_is_lenient(case: tuple[str, Any]) -> None:
    flavour, doc = case
    _both_ways(_FAMILY[flavour][0], json.dumps(doc).encode())


def test_whisper_fast_quirks_explicitly() -> None:
    """The cases the columns find at C speed, each on its own: a split word, a blank word
    before a segment's first text, null and zero-length times; with and without a text
    that holds the separator the columns are joined with (then they go one by one)."""
    words = [
        {"word": " Kub", "start": 0.0, "end": 0.3, "probability": 0.9},
        {"word": "ernetes", "start": 0.3, "end": 0.8, "probability": 0.5},
        {"word": " is", "start": None, "end": None, "probability": None},
        {"word": " fine.", "start": 1.0, "end": 1.0, "probability": 0.8},
    ]
    second = [
        {"word": " ", "start": 2.0, "end": 2.1},
        {"word": "Next", "start": 2.1, "end": 2.4},  # its segment's first text: not glued
        {"word": "ly", "start": 2.4, "end": 2.6},  # glued
    ]
    expected = [
        ("Kubernetes", 0, 800, False),
        ("is", 800, 1000, True),
        ("fine.", 1000, 1390, True),
        ("Nextly", 2100, 2600, False),
    ]
    for extra, shown in (([], []), ([{"word": " a\u0000b", "start": 2.7, "end": 3.0}], ["a\x00b"])):
        doc = {"segments": [{"start": 0, "end": 1, "text": "", "words": words},
                            {"start": 2, "end": 3, "text": "", "words": second + extra}]}  # fmt: skip
        raw = json.dumps(doc).encode()
        _both_ways(whisper, raw)
        imported = import_document(raw, "whisper")
        got = [
            ("".join(t.text for t in s.tokens), s.start_time, s.end_time, s.interpolated is True)
            for seg in imported.segments
            for s in seg.sequences
        ]
        assert got == expected + [(text, 2700, 3000, False) for text in shown]


# --- Amazon Transcribe ----------------------------------------------------------------

_AWS_SCALARS = st.one_of(
    st.none(),
    st.sampled_from(["0.5", "1.240", " 2.5", "abc", "", "nan", "inf", "1e400", "-1", "7"]),
    st.floats(-1, 10, allow_nan=False).map(lambda t: round(t, 3)),
    st.integers(-2, 10),
)
_AWS_LABELS = st.sampled_from([None, "spk_0", "spk_1", "ch_0", "", " ", 0, 1, 2.0, 2.5])


@st.composite
def _aws_documents(draw: st.DrawFn) -> dict[str, Any]:
    words_only = draw(st.booleans())  # no mark ends a sentence: the audio segments do
    contents = ["Hello", "world", " ", "", None] + ([] if words_only else [",", ".", "¿", "«"])
    items = []
    for i in range(draw(st.integers(0, 12))):
        item: dict[str, Any] = {
            "type": draw(st.sampled_from(["pronunciation", "punctuation", "x"]))
        }
        if draw(st.integers(0, 5)):
            item["id"] = draw(st.one_of(st.just(i), st.just(str(i)), st.just(float(i)), st.none()))
        for key in ("start_time", "end_time"):
            if draw(st.integers(0, 8)):
                item[key] = draw(_AWS_SCALARS)
        if draw(st.integers(0, 8)):
            item["alternatives"] = [
                {"content": draw(st.sampled_from(contents)), "confidence": draw(_AWS_SCALARS)}
                for _ in range(draw(st.integers(0, 2)))
            ]
        for key in ("speaker_label", "channel_label"):
            if draw(st.integers(0, 2)) == 0:
                item[key] = draw(_AWS_LABELS)
        items.append(item)
    results: dict[str, Any] = {"items": items}
    if draw(st.booleans()):
        results["language_code"] = draw(st.sampled_from(["en-US", "es-ES"]))
    starts = [item["start_time"] for item in items if "start_time" in item] or [None]
    for key, group, field in (
        ("speaker_labels", "segments", "speaker_label"),
        ("channel_labels", "channels", "channel_label"),
    ):  # the older layout's labels, joined to the items by their start times
        if draw(st.integers(0, 2)) == 0:
            results[key] = {group: [
                {field: draw(_AWS_LABELS),
                 "items": [{"start_time": draw(st.sampled_from(starts)), field: draw(_AWS_LABELS)}
                           for _ in range(draw(st.integers(0, 3)))]}
                for _ in range(draw(st.integers(1, 2)))
            ]}  # fmt: skip
    if draw(st.integers(0, 2)):
        ids = [item.get("id") for item in items] or [None]
        results["audio_segments"] = [
            {"items": draw(st.lists(st.sampled_from(ids), max_size=3))}
            for _ in range(draw(st.integers(0, 4)))
        ]
    return {"jobName": "job", "results": results}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_aws_documents())
def test_aws_fast_is_lenient(doc: dict[str, Any]) -> None:
    _both_ways(aws, json.dumps(doc).encode())


def test_aws_fast_reads_the_usual_job() -> None:
    word = {"type": "pronunciation", "start_time": "0.5", "end_time": "0.9",
            "alternatives": [{"confidence": "0.998", "content": "Hello"}], "speaker_label": "spk_0"}  # fmt: skip
    mark = {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "."}]}
    raw = json.dumps({"results": {"items": [word, mark]}}).encode()
    assert aws.read_fast(raw, None, "doc") is not None
    _both_ways(aws, raw)
