"""Each source's quirks, on the doc-derived fixtures (tests/importer_fixtures/README.md: built
from the vendors' documented examples, for the shapes without a real sample) and on small
documents built here in each vendor's shape."""

from __future__ import annotations

import copy
import io
import json
from typing import Any

import pytest
import webvtt
from importer_fixtures.support import fixture, sentences_of, speaker_names, text_of

import elementlist
from elementlist import ElementList
from elementlist.importers import detect_format, import_document


def _words(doc: ElementList) -> list[tuple[str, int, int, bool]]:
    return [
        (t.text, t.start_time, t.end_time, t.interpolated is True)
        for t in doc.tokens()
        if t.type in ("word", "sound")
    ]  # type: ignore[misc]


def _valid(doc: ElementList) -> ElementList:
    assert elementlist.validate(doc).violations == ()
    return doc


def _imported(data: Any, source: str) -> ElementList:
    raw = json.dumps(data).encode() if not isinstance(data, bytes) else data
    assert detect_format(raw) == source
    return _valid(import_document(raw))


# --- Whisper family (doc-derived fixtures) ------------------------------------------------


def test_whisper_word_timestamps_doc_derived() -> None:
    raw = fixture("whisper_word_timestamps.json")
    doc = _imported(raw, "whisper")
    tree = json.loads(raw)
    assert text_of(doc) == " ".join(tree["text"].split())
    words = tree["segments"][0]["words"]
    ours = [t for t in doc.tokens() if t.type == "word"]
    assert [(t.start_time, t.end_time) for t in ours] == [
        (round(w["start"] * 1000), round(w["end"] * 1000)) for w in words
    ]
    assert all(t.interpolated is not True for t in ours)
    sequences = [q for s in doc.segments for q in s.sequences]
    assert [q.confidence_score for q in sequences] == [w["probability"] for w in words]
    assert doc.language == "en" and not doc.speakers
    assert sentences_of(doc) == [" ".join(tree["text"].split())]  # one sentence, one segment
    # glued punctuation is split into tokens of its own, at the word's end, made up
    americans = next(q for q in sequences if q.tokens[0].text == "Americans")
    assert [(t.text, t.type) for t in americans.tokens] == [
        ("Americans", "word"),
        (",", "punctuation"),
    ]
    assert americans.tokens[1].start_time == americans.tokens[1].end_time == 2040
    assert americans.tokens[1].interpolated is True


def test_whisper_split_words_zero_lengths_and_hallucinations_doc_derived() -> None:
    doc = _imported(fixture("whisper_quirks.json"), "whisper")
    words = _words(doc)
    assert ("Kubernetes", 900, 1900, False) in words  # " Kub" + "ernetes": one word
    assert ("didn't", 2600, 2900, False) in words  # " didn" + "'t"
    kubernetes = next(
        q for s in doc.segments for q in s.sequences if q.tokens[0].text == "Kubernetes"
    )
    assert kubernetes.confidence_score == 0.71  # the weaker piece's
    assert [t.text for t in kubernetes.tokens] == ["Kubernetes", "."]  # the lone "." token glued
    # a zero-length word keeps its start and gets an end: interpolated
    work = [w for w in words if w[0] == "work"]
    assert work[0][1] == 3500 and work[0][2] > 3500 and work[0][3]
    # the hallucinated segment (no_speech_prob 0.91, zero length) is kept, its times made up
    # between its start and the next word
    assert sentences_of(doc)[2] == "It didn't work."
    hallucinated = [w for w in words if 30000 <= w[1] < 31000]
    assert [w[0] for w in hallucinated] == ["It", "didn't", "work"]
    assert all(w[3] for w in hallucinated) and hallucinated[-1][2] <= 31000
    assert words[-1] == ("[Music]", 31000, 36000, False)
    music = doc.tokens()[-1]
    assert music.type == "sound" and music.tags == ("MUSIC",)


def test_whisper_without_word_timestamps_doc_derived() -> None:
    raw = fixture("whisper_segments_only.json")
    doc = _imported(raw, "whisper")
    assert text_of(doc) == " ".join(json.loads(raw)["text"].split())
    words = _words(doc)
    assert all(w[3] for w in words)  # every time made up, by character length
    first = [w for w in words if w[2] <= 7280]
    assert first[0][1] == 0 and first[-1][2] == 7280 and first[-1][0] == "you"
    assert words[-1][2] == 10060 and next(w for w in words if w[1] >= 7640)[0] == "ask"


def test_faster_whisper_null_times_doc_derived() -> None:
    doc = _imported(fixture("faster_whisper_nulls.json"), "whisper")  # a bare list of segments
    assert text_of(doc) == "In 1990, prices rose by 12%."
    words = _words(doc)
    assert [w[0] for w in words] == ["In", "1990", "prices", "rose", "by", "12%"]
    year = words[1]
    assert year[3] and words[0][2] <= year[1] < year[2] <= words[2][1]  # between its neighbours
    assert words[-1][3] and words[-1][1] >= words[-2][2]


def test_stable_ts_doc_derived() -> None:
    doc = _imported(fixture("stable_ts.json"), "whisper")
    assert sentences_of(doc) == ["Hello there.", "General Kenobi."]
    assert _words(doc)[2] == ("General", 1600, 2100, False)


def test_whisperx_doc_derived() -> None:
    raw = fixture("whisperx.json")
    doc = _imported(raw, "whisperx")
    # words read once (word_segments repeats them)
    assert text_of(doc) == "Welcome back to the show. Thanks, it's been 10 years."
    words = _words(doc)
    ten = next(w for w in words if w[0] == "10")
    assert ten[3] and 4000 <= ten[1] < ten[2] <= 4600  # the numeral the aligner left untimed
    assert speaker_names(doc) == {0: "SPEAKER_00", 1: "SPEAKER_01"}
    assert [s.speaker for s in doc.segments] == [0, 1]
    assert [s.speaker_change for s in doc.segments] == [True, True]
    tree = json.loads(raw)
    assert len(words) == len(tree["word_segments"])
    # only word_segments (segments without words): the same words
    only = copy.deepcopy(tree)
    for segment in only["segments"]:
        del segment["words"]
    assert text_of(import_document(json.dumps(only).encode(), "whisperx")) == text_of(doc)


# --- Google (doc-derived fixtures) --------------------------------------------------------


def test_google_v1_doc_derived() -> None:
    doc = _imported(fixture("google_v1.json"), "google")
    assert text_of(doc) == "how old is the Brooklyn Bridge"
    assert _words(doc)[4] == ("Brooklyn", 900, 1100, False)
    assert doc.language == "en-us"
    assert len(doc.segments) == 1 and doc.tokens()[-1].tags == ("ENDS_SENTENCE",)


def test_google_diarization_last_result_not_doubled_doc_derived() -> None:
    doc = _imported(fixture("google_v1_diarization.json"), "google")
    assert (
        text_of(doc) == "Hi, I'd like to buy a Chromecast. Certainly, which color would you like?"
    )
    assert speaker_names(doc) == {1: "1", 2: "2"}  # speakerTag numbers are the ids, no names
    assert [s.speaker for s in doc.segments] == [1, 2]
    # without the repeat (no speaker tags in the last result): every result is read
    tree = json.loads(fixture("google_v1_diarization.json"))
    for word in tree["results"][-1]["alternatives"][0]["words"]:
        del word["speakerTag"]
    tree["results"][-1]["alternatives"][0]["words"] = tree["results"][-1]["alternatives"][0][
        "words"
    ][:2]
    assert text_of(import_document(tree, "google")).endswith("like? Hi, I'd")


def test_google_seconds_and_nanos_doc_derived() -> None:
    doc = _imported(fixture("google_node_client.json"), "google")
    assert _words(doc) == [("I'm", 0, 300, False), ("fucking", 1300, 1600, False),
                           ("competitive", 1600, 2500, False)]  # fmt: skip


def test_google_v2_batch_doc_derived() -> None:
    doc = _imported(fixture("google_v2_batch.json"), "google")
    assert sentences_of(doc) == ["Welcome to the interview.", "Glad to be here."]
    assert [s.speaker for s in doc.segments] == [1, 2]
    assert doc.segments[0].sequences[0].confidence_score == 0.95
    assert doc.language == "en-US"


def test_google_snake_case_dump_keeps_its_language_and_channels() -> None:
    """A client library's dump with the proto field names (``preserving_proto_field_name``)
    reads like the REST JSON: ``language_code`` and ``channel_tag`` too."""
    tree = {
        "results": [
            {"alternatives": [{"words": [{"word": "hello", "start_time": "1s",
                                          "end_time": "1.5s"}]}],
             "channel_tag": 2, "language_code": "en-us"},
            {"alternatives": [{"words": [{"word": "hi", "start_time": "0.5s",
                                          "end_time": "0.8s"}]}],
             "channel_tag": 1, "language_code": "en-us"},
        ]
    }  # fmt: skip
    doc = _imported(tree, "google")
    assert doc.language == "en-us"
    assert text_of(doc) == "hi hello"  # two channels: put in time order
    assert set(speaker_names(doc).values()) == {"Channel 1", "Channel 2"}
    assert detect_format({"results": [{"language_code": "en-us"}]}) == "google"


def test_google_results_without_words_and_zero_durations() -> None:
    tree = {
        "results": [
            {"alternatives": [{"transcript": "first part"}], "resultEndTime": "4.500s"},
            {"resultEndTime": "5s"},
            {"alternatives": [{"transcript": " second part"}],
             "resultEndTime": {"seconds": "9", "nanos": 250000000}},
            {"alternatives": [{"words": [{"endTime": "9.500s", "word": "then"}]}]},
        ]
    }  # fmt: skip
    doc = _imported(tree, "google")
    words = _words(doc)
    assert [w[0] for w in words] == ["first", "part", "second", "part", "then"]
    assert words[0][1] == 0 and words[1][2] == 4500 and words[2][1] == 4500 and words[3][2] == 9250
    # a Duration left out is zero (protobuf JSON omits zero values): "then" starts at 0,
    # which cannot stand after 9.25 s, so it is placed after "part"
    assert words[4][3] and words[4][1] >= 9250


# --- Azure (doc-derived fixtures) ---------------------------------------------------------


def test_azure_doc_example() -> None:
    doc = _imported(fixture("azure_batch.json"), "azure")
    assert text_of(doc) == "Hello world."
    assert _words(doc) == [("Hello", 90, 570, False), ("world", 590, 750, False)]
    assert [q.confidence_score for q in doc.segments[0].sequences] == [0.987572, 0.906032]
    assert doc.segments[0].speaker == 1  # "speaker" in nBest, as the doc example has it


def test_azure_stereo_resorted_and_itn_aligned_doc_derived() -> None:
    doc = _imported(fixture("azure_stereo_itn.json"), "azure")
    assert sentences_of(doc) == [
        "Hello world.",
        "Hi.",
        "How are you?",
        "Remind me to buy 5 pencils.",
    ]
    names = speaker_names(doc)
    assert [names[s.speaker] for s in doc.segments] == [
        "Channel 0",
        "Channel 1",
        "Channel 0",
        "Channel 1",
    ]
    five = next(w for w in _words(doc) if w[0] == "5")
    assert five == ("5", 7100, 7500, False)  # the span of the lexical "five"


def test_azure_display_longer_than_the_words_and_other_time_fields() -> None:
    lexical = "call five five five oh one two three doctor smith"
    phrase = {
        "recognitionStatus": "Success", "channel": 0, "offsetMilliseconds": 1000, "durationMilliseconds": 3000,
        "nBest": [{"display": "Call 555-0123, Dr. Smith.", "lexical": "call five five five oh one two three doctor smith",
                   "words": [{"word": w, "offsetMilliseconds": 1000 + 200 * k, "durationMilliseconds": 200}
                             for k, w in enumerate(lexical.split(" "))]}],
    }  # fmt: skip
    doc = _imported({"recognizedPhrases": [phrase]}, "azure")
    assert text_of(doc) == "Call 555-0123, Dr. Smith."
    words = _words(doc)
    assert words[0] == ("Call", 1000, 1200, False)
    # "555-0123," and "Dr." against "five … three doctor": the group shares the span of its
    # eight words by character length
    assert [w[0] for w in words[1:3]] == ["555-0123", "Dr"]
    assert words[1][1] == 1200 and words[2][2] == 2800 and words[1][3] and words[2][3]
    assert words[3] == ("Smith", 2800, 3000, False)
    display_words = {
        "recognizedPhrases": [{"offset": "PT1S", "duration": "PT1M0.5S", "nBest": [{
            "display": "Hi there.",
            "displayWords": [{"displayText": "Hi", "offset": "PT1S", "duration": "PT0.25S"},
                             {"displayText": "there.", "offsetInTicks": 12500000, "durationInTicks": 5000000}]}]}]
    }  # fmt: skip
    assert _words(_imported(display_words, "azure")) == [
        ("Hi", 1000, 1250, False),
        ("there", 1250, 1750, False),
    ]


# --- Watson (doc-derived fixture) ---------------------------------------------------------


def test_watson_doc_derived() -> None:
    doc = _imported(fixture("watson.json"), "watson")
    assert sentences_of(doc) == [
        "several tornadoes touch down as a line of severe thunderstorms swept through Colorado on Sunday",
        "uh damage was reported",  # %HESITATION is the filled pause it marks
    ]
    assert [s.speaker for s in doc.segments] == [0, 1]  # speaker_labels joined on "from"
    assert doc.segments[0].sequences[2].confidence_score == 0.82
    assert _words(doc)[0] == ("several", 1000, 1510, False)
    removed = elementlist.get_caption(doc, "SRT", remove_disfluencies=True)
    assert "uh" not in removed.split() and "damage" in removed


# --- AWS ----------------------------------------------------------------------------------


def _aws(items: list[dict[str, Any]], **results: Any) -> dict[str, Any]:
    return {"jobName": "j", "results": {"transcripts": [{"transcript": ""}], "items": items, **results},
            "status": "COMPLETED"}  # fmt: skip


def _word(
    content: str, start: str, end: str, confidence: str = "0.9", **more: Any
) -> dict[str, Any]:
    return {"start_time": start, "end_time": end, "type": "pronunciation",
            "alternatives": [{"confidence": confidence, "content": content}], **more}  # fmt: skip


def _mark(content: str) -> dict[str, Any]:
    return {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": content}]}


def test_aws_strings_and_untimed_punctuation() -> None:
    doc = _imported(_aws([_mark("¿"), _word("Qué", "0.5", "0.9", "0.998"), _mark("?"),
                          _word("Bien", "1.24", "1.5"), _mark(".")]), "aws")  # fmt: skip
    assert text_of(doc) == "¿Qué? Bien."
    assert _words(doc) == [("Qué", 500, 900, False), ("Bien", 1240, 1500, False)]
    assert doc.segments[0].sequences[0].confidence_score == 0.998
    marks = [t for t in doc.tokens() if t.type == "punctuation"]
    assert [(t.text, t.start_time) for t in marks] == [("¿", 500), ("?", 900), (".", 1500)]
    assert all(t.interpolated is True for t in marks)


def test_aws_old_layout_speakers_joined_by_time_and_channels() -> None:
    speakers = {"speakers": 2, "segments": [
        {"start_time": "0.5", "end_time": "1.0", "speaker_label": "spk_0",
         "items": [{"start_time": "0.5", "end_time": "1.0", "speaker_label": "spk_0"}]},
        {"start_time": "1.2", "end_time": "2.0", "speaker_label": "spk_1",
         "items": [{"start_time": "1.2", "end_time": "2.0", "speaker_label": "spk_1"}]}]}  # fmt: skip
    items = [_word("Hello", "0.5", "1.0"), _mark("."), _word("Hi", "1.2", "2.0"), _mark(".")]
    doc = _imported(_aws(items, speaker_labels=speakers), "aws")
    assert speaker_names(doc) == {0: "spk_0", 1: "spk_1"}
    assert [s.speaker for s in doc.segments] == [0, 1]
    channels = {"number_of_channels": 2, "channels": [
        {"channel_label": "ch_0", "items": [{"start_time": "0.5", "end_time": "1.0"}]},
        {"channel_label": "ch_1", "items": [{"start_time": "1.2", "end_time": "2.0"}]}]}  # fmt: skip
    doc = _imported(_aws(items, channel_labels=channels), "aws")
    assert speaker_names(doc) == {0: "ch_0", 1: "ch_1"}


def test_aws_call_analytics_turns() -> None:
    tree = {"JobStatus": "COMPLETED", "LanguageCode": "en-US", "Transcript": [
        {"ParticipantRole": "AGENT", "Content": "Hello, caller.", "BeginOffsetMillis": 0, "EndOffsetMillis": 900,
         "Items": [{"Type": "pronunciation", "Content": "Hello", "Confidence": 1.0, "BeginOffsetMillis": 0, "EndOffsetMillis": 400},
                   {"Type": "punctuation", "Content": ",", "Confidence": 0.0},
                   {"Type": "pronunciation", "Content": "caller", "Confidence": 0.8, "BeginOffsetMillis": 400, "EndOffsetMillis": 900},
                   {"Type": "punctuation", "Content": "."}]},
        {"ParticipantRole": "CUSTOMER", "Content": "Yes, hi there.", "BeginOffsetMillis": 1000, "EndOffsetMillis": 2000}]}  # fmt: skip
    doc = _imported(tree, "aws-call-analytics")
    assert sentences_of(doc) == ["Hello, caller.", "Yes, hi there."]
    assert speaker_names(doc) == {0: "AGENT", 1: "CUSTOMER"}
    customer = [w for w in _words(doc) if w[1] >= 1000]
    assert customer[0][1] == 1000 and customer[-1][2] == 2000 and all(w[3] for w in customer)
    assert doc.language == "en-US"


# --- Rev.ai -------------------------------------------------------------------------------


def test_revai_spaces_quotes_unknown_and_names() -> None:
    elements = [
        {"type": "text", "value": "He", "ts": 0.1, "end_ts": 0.3, "confidence": 0.9},
        {"type": "punct", "value": " "},
        {"type": "text", "value": "said", "ts": 0.3, "end_ts": 0.6, "confidence": 1.0},
        {"type": "punct", "value": " "},
        {"type": "punct", "value": '"'},
        {"type": "text", "value": "U", "ts": 0.7, "end_ts": 0.8, "confidence": 1.0},
        {"type": "punct", "value": "."},
        {"type": "text", "value": "S", "ts": 0.8, "end_ts": 0.9, "confidence": 1.0},
        {"type": "punct", "value": "."},
        {"type": "punct", "value": '"'},
        {"type": "punct", "value": " "},
        {"type": "unknown", "value": "<unknown>", "ts": 1.0, "end_ts": 1.4},
        {"type": "punct", "value": "."},
    ]
    tree = {"monologues": [{"speaker": 1, "speaker_name": "Ann", "elements": elements},
                           {"speaker": 2, "elements": [{"type": "text", "value": "Yes", "ts": 2.0, "end_ts": 2.3},
                                                       {"type": "punct", "value": "."}]}]}  # fmt: skip
    doc = _imported(tree, "revai")
    assert text_of(doc) == 'He said "U.S." <unknown>. Yes.'
    said = doc.segments[0].sequences[2]
    assert [t.text for t in said.tokens] == ['"', "U", ".", "S", ".", '"']  # no space: one sequence
    sound = next(t for t in doc.tokens() if t.type == "sound")
    assert sound.tags == ("UNKNOWN",)
    assert speaker_names(doc) == {0: "Ann", 2: "2"}


# --- Speechmatics -------------------------------------------------------------------------


def _sm(
    content: str, start: float, end: float, kind: str = "word", speaker: str = "S1", **more: Any
) -> dict[str, Any]:
    return {"type": kind, "start_time": start, "end_time": end,
            "alternatives": [{"content": content, "confidence": 0.9, "language": "en", "speaker": speaker}], **more}  # fmt: skip


def test_speechmatics_explicit_sentence_ends_win() -> None:
    results = [_sm("Dr", 0.0, 0.3), _sm(".", 0.3, 0.3, "punctuation", attaches_to="previous", is_eos=False),
               _sm("Who", 0.4, 0.7), _sm("arrived", 0.7, 1.1), _sm(".", 1.1, 1.1, "punctuation", is_eos=True),
               _sm("Yes", 1.5, 1.8, speaker="UU")]  # fmt: skip
    doc = _imported({"format": "2.9", "results": results}, "speechmatics")
    assert sentences_of(doc) == ["Dr. Who arrived.", "Yes"]
    # "UU" (unknown): the word belongs to the turn it is in
    assert [s.speaker for s in doc.segments] == [0, 0] and not doc.segments[1].speaker_change


def test_speechmatics_entity_overlapping_its_words_is_read_once() -> None:
    spoken = [_sm("two", 8.44, 8.76), _sm("dollars", 8.76, 9.3)]
    entity = {"type": "entity", "entity_class": "money", "start_time": 8.44, "end_time": 9.3,
              "alternatives": [{"content": "$2", "confidence": 0.99, "speaker": "S1"}],
              "spoken_form": spoken, "written_form": [_sm("$2", 8.44, 9.3)]}  # fmt: skip
    results = [_sm("It", 8.0, 8.2), _sm("costs", 8.2, 8.44), entity, *copy.deepcopy(spoken),
               _sm(".", 9.3, 9.3, "punctuation", is_eos=True), _sm("two", 9.5, 9.8)]  # fmt: skip
    doc = _imported({"format": "2.9", "results": results}, "speechmatics")
    assert text_of(doc) == "It costs $2. two"  # the later, real "two" is kept


def test_speechmatics_speaker_change_results() -> None:
    results = [_sm("Hi", 0.0, 0.3, speaker="UU"), {"type": "speaker_change", "start_time": 0.3, "end_time": 0.3},
               _sm("Hello", 0.5, 0.9, speaker="UU")]  # fmt: skip
    doc = _imported({"format": "2.9", "results": results}, "speechmatics")
    assert [s.speaker_change for s in doc.segments] == [False, True]
    assert "\n>> Hello" in elementlist.get_caption(doc, "SRT", single_speaker_per_caption=True)


def test_speechmatics_fields_of_another_type_are_not_a_crash() -> None:
    """A ``type`` or ``attaches_to`` that is an array or an object (not hashable) is read
    like any unknown value: no match for ``auto``, the default side for a mark."""
    for odd in ([1], {"a": 1}):
        with pytest.raises(elementlist.ElementListError, match="in no shape we know"):
            detect_format({"format": "2.9", "results": [{"type": odd}]})
    results = [_sm("Hi", 0.0, 0.3), _sm(".", 0.3, 0.3, "punctuation", attaches_to=["next"])]
    doc = _imported({"format": "2.9", "results": results}, "speechmatics")
    assert [t.text for t in doc.segments[0].sequences[0].tokens] == ["Hi", "."]


# --- Deepgram -----------------------------------------------------------------------------


def _dg(channels: list[list[dict[str, Any]]], **results: Any) -> dict[str, Any]:
    return {"metadata": {"request_id": "r", "channels": len(channels)},
            "results": {"channels": [{"alternatives": [{"transcript": "", "confidence": 0.9, "words": w}]}
                                     for w in channels], **results}}  # fmt: skip


def _dgw(
    word: str, start: float, end: float, shown: str | None = None, **more: Any
) -> dict[str, Any]:
    out = {"word": word, "start": start, "end": end, "confidence": 0.9, **more}
    if shown is not None:
        out["punctuated_word"] = shown
    return out


def test_deepgram_float_noise_and_no_punctuated_word() -> None:
    doc = _imported(
        _dg([[_dgw("so", 1.1999999, 1.4000001), _dgw("yes", 1.4000001, 1.7999999)]]), "deepgram"
    )
    assert _words(doc) == [("so", 1200, 1400, False), ("yes", 1400, 1800, False)]


def test_deepgram_multichannel_in_time_order() -> None:
    left = [_dgw("hello", 0.0, 0.4, "Hello."), _dgw("bye", 3.0, 3.3, "Bye.")]
    right = [_dgw("hi", 1.0, 1.2, "Hi.")]
    doc = _imported(_dg([left, right]), "deepgram")
    assert sentences_of(doc) == ["Hello.", "Hi.", "Bye."]
    names = speaker_names(doc)
    assert [names[s.speaker] for s in doc.segments] == ["Channel 0", "Channel 1", "Channel 0"]


def test_deepgram_paragraph_sentences_over_punctuation() -> None:
    words = [_dgw("mr", 0.0, 0.2, "Mr."), _dgw("smith", 0.2, 0.5, "Smith"), _dgw("came", 0.5, 0.8, "came."),
             _dgw("then", 1.0, 1.2, "Then"), _dgw("left", 1.2, 1.5, "left")]  # fmt: skip
    tree = _dg([words])
    tree["results"]["channels"][0]["alternatives"][0]["paragraphs"] = {
        "paragraphs": [{"sentences": [{"text": "Mr. Smith came.", "start": 0.0, "end": 0.8},
                                      {"text": "Then left", "start": 1.0, "end": 1.5}]}]}  # fmt: skip
    doc = _imported(tree, "deepgram")
    assert sentences_of(doc) == ["Mr. Smith came.", "Then left"]


# --- AssemblyAI ---------------------------------------------------------------------------


def test_assemblyai_words_from_utterances_and_channels() -> None:
    tree = {"id": "x", "status": "completed", "text": "Hi. Yes.", "words": None, "utterances": [
        {"speaker": "A", "start": 100, "end": 500, "text": "Hi.", "words": [
            {"text": "Hi.", "start": 100, "end": 500, "confidence": 0.9, "speaker": "A"}]},
        {"speaker": "B", "start": 700, "end": 900, "text": "Yes.", "words": [
            {"text": "Yes.", "start": 700, "end": 900, "confidence": 0.8, "speaker": None}]}]}  # fmt: skip
    doc = _imported(tree, "assemblyai")
    assert sentences_of(doc) == ["Hi.", "Yes."]
    assert speaker_names(doc) == {0: "A", 1: "B"}  # a word without a speaker: its utterance's
    assert _words(doc) == [("Hi", 100, 500, False), ("Yes", 700, 900, False)]
    channels = {"id": "x", "audio_url": "u", "words": [
        {"text": "Left.", "start": 0, "end": 300, "confidence": 0.9, "speaker": None, "channel": "1"},
        {"text": "Right.", "start": 400, "end": 700, "confidence": 0.9, "speaker": None, "channel": "2"}]}  # fmt: skip
    assert speaker_names(_imported(channels, "assemblyai")) == {0: "Channel 1", 1: "Channel 2"}


@pytest.mark.parametrize(
    "name",
    ["whisper_word_timestamps.json", "whisper_quirks.json", "whisper_segments_only.json",
     "faster_whisper_nulls.json", "stable_ts.json", "whisperx.json", "google_v1.json",
     "google_v1_diarization.json", "google_node_client.json", "google_v2_batch.json",
     "azure_batch.json", "azure_stereo_itn.json", "watson.json"],
)  # fmt: skip
def test_doc_derived_fixture_renders_with_all_its_words(name: str) -> None:
    doc = import_document(fixture(name))
    text = elementlist.get_caption(
        doc, "WEB_VTT", remove_disfluencies=False, remove_sound_references=False,
        emit_speaker_change_tokens_as="", display_speaker_id="no", sound_boundaries=("[", "]"),
    )  # fmt: skip
    cues = webvtt.from_buffer(io.StringIO(text))
    shown = " ".join(" ".join(c.text.split()) for c in cues).replace("[MUSIC]", "[Music]")
    assert shown == text_of(doc)


@pytest.mark.parametrize(
    ("document", "source", "path"),
    [
        ({"results": {"transcripts": [{"transcript": "Hello there."}]}}, "aws", "results.items"),
        (
            {"combinedRecognizedPhrases": [{"display": "Hello there."}]},
            "azure",
            "recognizedPhrases",
        ),
    ],
    ids=["aws-transcripts-only", "azure-combined-only"],
)
def test_text_without_times_is_refused_never_imported_empty(
    document: dict[str, Any], source: str, path: str
) -> None:
    """A job summary holding only the text (no items, no phrases): recognised, then one
    error naming the field that is needed, not an empty transcript that loses the text."""
    raw = json.dumps(document).encode()
    assert detect_format(raw) == source
    with pytest.raises(elementlist.ElementListError, match=f"at \\$\\.{path}$"):
        import_document(raw)
    empty = copy.deepcopy(document)  # no text at all: nothing lost, an empty document
    if source == "aws":
        empty["results"]["transcripts"] = [{"transcript": ""}]
    else:
        empty["combinedRecognizedPhrases"] = [{"display": ""}]
    assert _words(import_document(json.dumps(empty).encode())) == []
