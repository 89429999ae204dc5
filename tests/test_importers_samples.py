"""Every real sample of ../shared/reference/asr-samples (read from there, never copied)
imports through ``auto`` and by name, validates without a violation, keeps exactly the
words of the source's own transcript text, the source's word times and confidences, its
speakers word by word and its sentence ends, and renders to captions with all its words."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import srt
from importer_fixtures.support import (
    asr_sample,
    normalised,
    speaker_names,
    text_of,
)

import elementlist
from elementlist.importers import detect_format, import_document

Words = list[
    tuple[str, float | None, float | None, Any, str | None]
]  # text, start, end, conf, speaker


def _deepgram_text(d: dict[str, Any]) -> str:
    return str(d["results"]["channels"][0]["alternatives"][0]["transcript"])


def _deepgram_words(d: dict[str, Any]) -> Words:
    return [
        (w.get("punctuated_word", w["word"]), w["start"], w["end"], w["confidence"],
         None if "speaker" not in w else str(w["speaker"]))
        for w in d["results"]["channels"][0]["alternatives"][0]["words"]
    ]  # fmt: skip


def _assemblyai_words(d: dict[str, Any]) -> Words:
    return [
        (w["text"], w["start"] / 1000, w["end"] / 1000, w["confidence"], w["speaker"])
        for w in d["words"]
    ]


def _aws_items_text(d: dict[str, Any]) -> str:
    """The items joined as AWS joins them: punctuation glued to the word before."""
    out = ""
    for item in d["results"]["items"]:
        content = item["alternatives"][0]["content"]
        out += content if item["type"] == "punctuation" else f" {content}"
    return out


def _aws_words(d: dict[str, Any]) -> Words:
    return [
        (i["alternatives"][0]["content"], float(i["start_time"]), float(i["end_time"]),
         float(i["alternatives"][0]["confidence"]), i.get("speaker_label"))
        for i in d["results"]["items"] if i["type"] == "pronunciation"
    ]  # fmt: skip


def _call_analytics_words(d: dict[str, Any]) -> Words:
    return [
        (i["Content"], i["BeginOffsetMillis"] / 1000, i["EndOffsetMillis"] / 1000,
         i.get("Confidence"), t["ParticipantRole"])
        for t in d["Transcript"] for i in t["Items"] if i["Type"] == "pronunciation"
    ]  # fmt: skip


def _timestamped_words(d: dict[str, Any]) -> Words:
    return [
        (w["text"], w["start"], w["end"], w["confidence"], None)
        for s in d["segments"]
        for w in s["words"]
    ]


def _rev_text(d: dict[str, Any]) -> str:
    return " ".join("".join(e["value"] for e in m["elements"]) for m in d["monologues"])


def _rev_words(d: dict[str, Any]) -> Words:
    return [
        (e["value"], e["ts"], e["end_ts"], e["confidence"], str(m["speaker"]))
        for m in d["monologues"] for e in m["elements"] if e["type"] == "text"
    ]  # fmt: skip


def _speechmatics_text(d: dict[str, Any]) -> str:
    """The transcript as Speechmatics writes it (``metadata.transcript`` where the file
    has one, else joined by ``attaches_to``: punctuation glued to the word before)."""
    metadata = d.get("metadata", {})
    if "transcript" in metadata:
        return str(metadata["transcript"])
    out = ""
    for r in d["results"]:
        content = r["alternatives"][0]["content"]
        out += content if r["type"] == "punctuation" else f" {content}"
    return out


def _speechmatics_words(d: dict[str, Any]) -> Words:
    out: Words = []
    for r in d["results"]:
        if r["type"] == "punctuation":
            continue
        alternative = r["alternatives"][0]
        speaker = alternative.get("speaker")
        for item in r.get("written_form", [r]):
            out.append(
                (item["alternatives"][0]["content"], item["start_time"], item["end_time"],
                 item["alternatives"][0]["confidence"], None if speaker in (None, "UU") else speaker)
            )  # fmt: skip
    return out


def _standalone_marks(tree: Any) -> list[tuple[int, int]]:
    """Speechmatics punctuation that stands alone (``attaches_to: "none"``) has a time of
    its own, listed after the words: it can conflict with them."""
    results = tree.get("results") if isinstance(tree, dict) else None
    if not isinstance(results, list):
        return []
    return [
        (round(r["start_time"] * 1000), round(r["end_time"] * 1000))
        for r in results
        if isinstance(r, dict) and r.get("type") == "punctuation" and r.get("attaches_to") == "none"
    ]


def _conflicts(spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the spans that cannot keep their time in text order: one that a span
    listed after it starts inside (or before), or one that starts before a span listed
    before it ends (overlapping speech, a backchannel listed after the turn it interrupts)."""
    out = set()
    latest_end = -1
    for k, (start, end) in enumerate(spans):
        if start < latest_end:
            out.add(k)
        latest_end = max(latest_end, end)
    earliest_start = None
    for k in range(len(spans) - 1, -1, -1):
        start, end = spans[k]
        if earliest_start is not None and earliest_start < end:
            out.add(k)
        earliest_start = start if earliest_start is None else min(earliest_start, start)
    return out


# file → (source name, its own transcript text, its words)
SAMPLES: dict[str, tuple[str, Callable[[Any], str], Callable[[Any], Words]]] = {
    "deepgram__deepgram-python-captions__test_dg_speakers.json": ("deepgram", _deepgram_text, _deepgram_words),
    "deepgram__deepgram-python-captions__test_dg_speakers_no_utterances.json": ("deepgram", _deepgram_text, _deepgram_words),
    "deepgram__deepgram-python-captions__test_dg_transcription.json": ("deepgram", _deepgram_text, _deepgram_words),
    "deepgram__deepgram-python-captions__test_dg_utterances.json": ("deepgram", _deepgram_text, _deepgram_words),
    "deepgram__deepgram-python-captions__test_dg_whisper_transcription.json": ("deepgram", _deepgram_text, _deepgram_words),
    "deepgram__deepgram-python-sdk__nova3_smart_format_a.json": ("deepgram", _deepgram_text, _deepgram_words),
    "deepgram__deepgram-python-sdk__nova3_smart_format_b.json": ("deepgram", _deepgram_text, _deepgram_words),
    "deepgram__deepgram-python-sdk__nova3_summarize_b.json": ("deepgram", _deepgram_text, _deepgram_words),
    "deepgram__deepgram-python-captions__test_assemblyai_transcription.json": ("assemblyai", lambda d: d["text"], _assemblyai_words),
    "deepgram__deepgram-python-captions__test_assemblyai_utterances.json": ("assemblyai", lambda d: d["text"], _assemblyai_words),
    "deepgram__deepgram-python-captions__test_whisper_timestamped.json": ("whisper-timestamped", lambda d: d["text"], _timestamped_words),
    "bkudria__speakeasy__spec_fixture_asrOutput.json": ("aws", lambda d: d["results"]["transcripts"][0]["transcript"], _aws_words),
    # this sample's `transcript` has two words no item has (see the test below): its items are the text
    "wbur__amazon-transcribe-JSON-to-SRT__sample.json": ("aws", _aws_items_text, _aws_words),
    "aws-samples__amazon-transcribe-output-word-document__sample-data_example-call.json": (
        "aws-call-analytics", lambda d: " ".join(t["Content"] for t in d["Transcript"]), _call_analytics_words),
    "revdotcom__revai-python-sdk__tests_resources_transcript.json": ("revai", _rev_text, _rev_words),
    "speechmatics__speechmatics-python__asr_metrics_examples_sm-transcript.json": ("speechmatics", _speechmatics_text, _speechmatics_words),
    "speechmatics__speechmatics-python__tests_data_batch-job-transcript.json": ("speechmatics", _speechmatics_text, _speechmatics_words),
    "speechmatics__speechmatics-python__tests_data_convert_to_txt_entity.json": ("speechmatics", _speechmatics_text, _speechmatics_words),
    "speechmatics__speechmatics-python__tests_data_convert_to_txt_punctuation.json": ("speechmatics", _speechmatics_text, _speechmatics_words),
    "speechmatics__speechmatics-python__tests_data_convert_to_txt_simple_case.json": ("speechmatics", _speechmatics_text, _speechmatics_words),
    "speechmatics__speechmatics-python__tests_data_convert_to_txt_two_speakers.json": ("speechmatics", _speechmatics_text, _speechmatics_words),
    "speechmatics__speechmatics-python__tests_data_convert_to_txt_empty.json": ("speechmatics", _speechmatics_text, _speechmatics_words),
}  # fmt: skip


def _load(name: str) -> tuple[bytes, Any]:
    raw = asr_sample(name).read_bytes()
    return raw, json.loads(raw)


def test_every_sample_is_listed() -> None:
    """A sample added to ../shared is tested too (or this fails)."""
    folder = asr_sample(next(iter(SAMPLES))).parent
    assert sorted(p.name for p in folder.glob("*.json")) == sorted(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_imports_valid_with_its_words(name: str) -> None:
    source, transcript, _ = SAMPLES[name]
    raw, tree = _load(name)
    assert detect_format(raw) == source
    doc = import_document(raw)
    assert elementlist.dumpb(import_document(raw, source)) == elementlist.dumpb(doc)
    assert elementlist.dumpb(import_document(tree)) == elementlist.dumpb(doc)  # a decoded dict too
    report = elementlist.validate(doc)
    assert report.violations == ()  # no error, and no warning either
    assert doc.version == 3
    assert text_of(doc) == normalised(transcript(tree))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_keeps_times_confidences_and_speakers(name: str) -> None:
    _, _, words_of = SAMPLES[name]
    raw, tree = _load(name)
    doc = import_document(raw)
    names = speaker_names(doc)
    ours = [
        (t, seq, seg)
        for seg in doc.segments
        for seq in seg.sequences
        for t in seq.tokens
        if t.type in ("word", "sound")
    ]
    theirs = words_of(tree)
    assert len(ours) == len(theirs)
    spans = [(round(w[1] * 1000), round(w[2] * 1000)) for w in theirs]
    conflicts = _conflicts(spans + _standalone_marks(tree))
    for k, ((token, seq, seg), (text, _start, _end, confidence, speaker)) in enumerate(
        zip(ours, theirs, strict=True)
    ):
        assert token.text in text  # the word, its glued punctuation split off
        s, e = spans[k]
        if token.interpolated is not True:  # a time of the source's, kept to the ms
            assert (token.start_time, token.end_time) == (s, e)
        else:  # made up only where the source's own time cannot stand: zero length, or
            # overlapping another word (Call Analytics lists a backchannel after the other
            # speaker's turn it was said in: the text keeps the source's order)
            assert s >= e or k in conflicts or k - 1 in conflicts
        if (
            confidence is not None
            and "".join(t.text for t in seq.tokens if t.type == "word") == token.text
        ):
            assert seq.confidence_score == pytest.approx(float(confidence))
        assert (None if seg.speaker is None else names[seg.speaker]) == speaker
    for token in doc.tokens():
        if token.type == "punctuation" and len(token.text) and token.start_time == token.end_time:
            assert token.interpolated is True  # placed by us, at its word's edge


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_sentence_ends(name: str) -> None:
    raw, tree = _load(name)
    doc = import_document(raw)
    for k, seg in enumerate(doc.segments):
        tokens = [t for seq in seg.sequences for t in seq.tokens]
        assert tokens[-1].tags and "ENDS_SENTENCE" in tokens[-1].tags
        assert all(not t.tags or "ENDS_SENTENCE" not in t.tags for t in tokens[:-1])
        last = "".join(t.text for t in seg.sequences[-1].tokens)
        follows = doc.segments[k + 1] if k + 1 < len(doc.segments) else None
        speaker_changes = follows is not None and follows.speaker != seg.speaker
        punctuated = any(c in text_of(doc) for c in ".?!")
        if punctuated and not speaker_changes and follows is not None:
            assert last[-1] in ".?!", last  # a sentence ends at its mark, never elsewhere
    if (
        "results" in tree
        and isinstance(tree["results"], list)
        and any(r.get("is_eos") for r in tree["results"])
    ):
        ends = sum(1 for r in tree["results"] if r.get("is_eos"))
        changes = sum(
            1
            for a, b in zip(doc.segments, doc.segments[1:], strict=False)
            if a.speaker != b.speaker
        )
        assert ends <= len(doc.segments) <= ends + changes  # Speechmatics' own sentence ends


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_renders_to_captions_with_all_its_words(name: str) -> None:
    raw, _ = _load(name)
    doc = import_document(raw)
    text = elementlist.get_caption(
        doc, "SRT", remove_disfluencies=False, remove_sound_references=False,
        emit_speaker_change_tokens_as="", display_speaker_id="no",
    )  # fmt: skip
    cues = list(srt.parse(text))
    assert normalised(" ".join(c.content for c in cues)) == text_of(doc)
    speakers = len(doc.speakers) if doc.speakers else 0
    marked = elementlist.get_caption(doc, "SRT", remove_disfluencies=False)
    assert (">> " in marked) == (speakers > 0)


def test_aws_sample_transcript_differs_from_its_items() -> None:
    """The wbur sample's own ``transcript`` holds two words that no item carries ("long a
    sentence", a final "I"): the file was edited by hand. The importer reads the items (the
    words with times); this pins the difference to exactly those two words."""
    _, tree = _load("wbur__amazon-transcribe-JSON-to-SRT__sample.json")
    stated = tree["results"]["transcripts"][0]["transcript"].split()
    items = _aws_items_text(tree).split()
    extra = list(stated)
    for word in items:
        extra.remove(word)
    assert extra == ["a", "I"]


def test_deepgram_sentences_come_from_paragraphs() -> None:
    """With ``paragraphs``, the sentences are Deepgram's own: one segment each."""
    raw, tree = _load("deepgram__deepgram-python-captions__test_dg_utterances.json")
    doc = import_document(raw)
    alternative = tree["results"]["channels"][0]["alternatives"][0]
    sentences = [s["text"] for p in alternative["paragraphs"]["paragraphs"] for s in p["sentences"]]
    assert [normalised(s) for s in sentences] == [
        " ".join(" ".join("".join(t.text for t in q.tokens) for q in seg.sequences).split())
        for seg in doc.segments
    ]


def test_deepgram_hosted_whisper_without_punctuation_is_one_sentence() -> None:
    """No ``punctuated_word``, no paragraphs, no utterances: no unit to split at, so the
    whole transcript is one sentence, with ENDS_SENTENCE at its end."""
    raw, _tree = _load("deepgram__deepgram-python-captions__test_dg_whisper_transcription.json")
    doc = import_document(raw)
    assert len(doc.segments) == 1
    assert doc.tokens()[-1].tags == ("ENDS_SENTENCE",)


def test_speechmatics_entities_are_their_written_form() -> None:
    raw, _tree = _load("speechmatics__speechmatics-python__tests_data_convert_to_txt_entity.json")
    doc = import_document(raw)
    assert text_of(doc) == "$2.05."
    word = doc.tokens()[0]
    assert (word.text, word.start_time, word.end_time) == ("$2.05", 8442, 10169)
