"""Importers on 10-hour vendor documents, against ``json.loads`` of the same bytes plus
building the ElementList model.

Run: ``PYTHONPATH=. python benchmarks/bench_importers.py [--size 10h] [--rounds 3]``.

The vendor documents are generated from the words, times and speakers of
``benchmarks/corpus.py``'s document of that length, in each vendor's shape as the real
samples have it:

* **Whisper** (``transcribe(word_timestamps=True)``): segments of one sentence each, words
  with their leading space, glued punctuation and ``probability``;
* **Deepgram** (nova, ``smart_format`` + ``diarize`` + ``utterances`` + ``paragraphs``):
  words with ``punctuated_word`` and ``speaker``, the paragraphs' sentences, and the
  utterances repeating every word, as Deepgram sends them;
* **AWS** (standard job, newer layout): pronunciation and punctuation items with string
  times and confidences, ``speaker_label`` per item;
* **WebVTT**: the document rendered by our own writer (default options).

For each: ``import_document(bytes)`` against the baseline ``json.loads(bytes)`` +
``elementlist.loads(ElementList JSON of the result)`` (building the model from its own JSON,
msgspec's typed decoder: the fastest way we have to build it). The target is a ratio under
1. Times are this process's CPU time (``--wall`` for wall time), the best of ``--rounds``
rounds, each running the three in turn (so a busy machine slows them alike).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import msgspec
from corpus import DURATIONS, corpus

import elementlist
from elementlist.importers import import_document

Word = tuple[str, int, int, str]  # shown text (with its punctuation), start, end, speaker


def corpus_words(name: str) -> list[list[Word]]:
    """The generated document's sentences: each a list of (text, start ms, end ms, speaker)."""
    doc = elementlist.loads(corpus(name))
    names = {s.id: s.name for s in doc.speakers or ()}
    sentences = []
    for seg in doc.segments:
        who = names.get(seg.speaker, "") if seg.speaker is not None else ""
        words = []
        for seq in seg.sequences:
            text = "".join(t.text for t in seq.tokens)
            timed = [t for t in seq.tokens if t.type in ("word", "sound")] or seq.tokens
            words.append((text, timed[0].start_time, timed[-1].end_time, str(who)))
        sentences.append(words)
    return sentences


def whisper(sentences: list[list[Word]]) -> bytes:
    segments = []
    for i, words in enumerate(sentences):
        text = "".join(f" {w[0]}" for w in words)
        segments.append({
            "id": i, "seek": 0, "start": words[0][1] / 1000, "end": words[-1][2] / 1000,
            "text": text, "tokens": [50364 + k for k in range(len(words))], "temperature": 0.0,
            "avg_logprob": -0.25, "compression_ratio": 1.4, "no_speech_prob": 0.01,
            "words": [{"word": f" {w[0]}", "start": w[1] / 1000, "end": w[2] / 1000,
                       "probability": 0.93} for w in words],
        })  # fmt: skip
    text = "".join(s["text"] for s in segments)
    return json.dumps({"text": text, "segments": segments, "language": "en"}).encode()


def deepgram(sentences: list[list[Word]]) -> bytes:
    speakers: dict[str, int] = {}
    words_out: list[dict[str, Any]] = []
    paragraphs = []
    utterances = []
    for words in sentences:
        who = speakers.setdefault(words[0][3], len(speakers))
        these = [
            {"word": w[0].lower().strip(".,?!"), "start": w[1] / 1000 + 1e-7, "end": w[2] / 1000 - 1e-7,
             "confidence": 0.9712, "speaker": who, "speaker_confidence": 0.66,
             "punctuated_word": w[0]}
            for w in words
        ]  # fmt: skip
        words_out.extend(these)
        sentence = {
            "text": " ".join(w[0] for w in words),
            "start": these[0]["start"],
            "end": these[-1]["end"],
        }
        paragraphs.append({"sentences": [sentence], "speaker": who, "num_words": len(these),
                           "start": sentence["start"], "end": sentence["end"]})  # fmt: skip
        utterances.append({"start": sentence["start"], "end": sentence["end"], "confidence": 0.95,
                           "channel": 0, "transcript": sentence["text"], "words": these,
                           "speaker": who, "id": f"u{len(utterances)}"})  # fmt: skip
    transcript = " ".join(w["punctuated_word"] for w in words_out)
    alternative = {"transcript": transcript, "confidence": 0.99, "words": words_out,
                   "paragraphs": {"transcript": transcript, "paragraphs": paragraphs}}  # fmt: skip
    doc = {"metadata": {"request_id": "bench", "duration": sentences[-1][-1][2] / 1000, "channels": 1},
           "results": {"channels": [{"alternatives": [alternative]}], "utterances": utterances}}  # fmt: skip
    return json.dumps(doc).encode()


def aws(sentences: list[list[Word]]) -> bytes:
    items = []
    for words in sentences:
        for text, start, end, who in words:
            core = text.rstrip(".,?!")
            label = f"spk_{who}"
            items.append({"id": len(items), "type": "pronunciation", "start_time": f"{start / 1000:.3f}",
                          "end_time": f"{end / 1000:.3f}", "speaker_label": label,
                          "alternatives": [{"confidence": "0.998", "content": core}]})  # fmt: skip
            if core != text:
                items.append({"id": len(items), "type": "punctuation", "speaker_label": label,
                              "alternatives": [{"confidence": "0.0", "content": text[len(core):]}]})  # fmt: skip
    transcript = " ".join(w[0] for s in sentences for w in s)
    doc = {"jobName": "bench", "accountId": "0", "status": "COMPLETED",
           "results": {"transcripts": [{"transcript": transcript}], "items": items}}  # fmt: skip
    return json.dumps(doc).encode()


def webvtt(name: str) -> bytes:
    return elementlist.get_caption(corpus(name), "WEB_VTT").encode()


CLOCK = time.process_time  # CPU time of this process: steadier than wall time on a shared machine


def interleaved(fns: list[Callable[[], object]], rounds: int) -> list[float]:
    """Best time of each of ``fns`` in ms, over ``rounds`` rounds that run each once in turn
    (so a busy machine slows all of them alike)."""
    best = [float("inf")] * len(fns)
    for _ in range(rounds):
        for k, fn in enumerate(fns):
            t0 = CLOCK()
            fn()
            best[k] = min(best[k], CLOCK() - t0)
    return [b * 1000 for b in best]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="10h", choices=list(DURATIONS))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--wall", action="store_true", help="wall time instead of CPU time")
    args = parser.parse_args()
    global CLOCK
    if args.wall:
        CLOCK = time.perf_counter
    sentences = corpus_words(args.size)
    documents = {
        "whisper": whisper(sentences),
        "deepgram": deepgram(sentences),
        "aws": aws(sentences),
        "vtt": webvtt(args.size),
    }
    print(f"{args.size} document: {sum(len(s) for s in sentences):,} words\n")
    print("| source | bytes | json.loads | + build the model | import | ratio |")
    print("|---|---|---|---|---|---|")
    for source, data in documents.items():
        doc = import_document(data, source)
        model_json = elementlist.dumpb(doc)
        load: Callable[[], object] = (
            (lambda d=data: d.decode("utf-8"))
            if source == "vtt"
            else (lambda d=data: json.loads(d))
        )
        load_ms, build_ms, ours = interleaved(
            [load, lambda m=model_json: elementlist.loads(m),
             lambda d=data, s=source: import_document(d, s)],
            args.rounds,
        )  # fmt: skip
        base = load_ms + build_ms
        print(
            f"| {source} | {len(data) / 1e6:.1f} MB | {load_ms:.0f} ms | {build_ms:.0f} ms | "
            f"{ours:.0f} ms | {ours / base:.2f}× |"
        )
    whisper_doc = documents["whisper"]
    (decode,) = interleaved([lambda: msgspec.json.decode(whisper_doc)], args.rounds)
    print(f"\n(msgspec's generic decode of the Whisper JSON alone: {decode:.0f} ms)")


if __name__ == "__main__":
    main()
