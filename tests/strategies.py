"""Hypothesis strategies for valid ElementLists (as dicts in the model's field order).

A generated document is valid by construction: times are whole ms, siblings do not overlap,
children lie inside their parents, words and sounds have length, punctuation has zero
length at its word's end (as cielo24 writes it), and every speech segment ends a sentence.
Dict keys follow the Structs' field order, so ``msgspec.json.encode(d)`` is byte-identical to
``elementlist.dumpb(elementlist.load(d))``.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

WORDS = [
    "the", "a", "and", "of", "to", "in", "is", "you", "that", "it", "he", "was", "for", "on",
    "are", "as", "with", "his", "they", "I", "at", "be", "this", "have", "from", "or", "one",
    "um", "uh", "gonna", "wanna", "flavour", "colour", "kitchen", "simmer", "recipe", "pork",
    "Tim", "Ann", "café", "naïve", "über", "résumé", "coöperate", "👍", "日本語", "x" * 50,
]  # fmt: skip
PUNCT = [",", ".", "?", "!", ";", ":"]
SOUNDS = ["MUSIC", "LAUGH", "NOISE", "BLANK_AUDIO", "APPLAUSE", "COUGH", "SOUND", "UNKNOWN"]


def _token(
    start: int, end: int, value: str, type_: Any, display: str, tags: list[str]
) -> dict[str, Any]:
    return {
        "start_time": start,
        "end_time": end,
        "value": value,
        "type": type_,
        "display_as": display,
        "tags": tags,
        "interpolated": False,
    }


@st.composite
def element_lists(
    draw: st.DrawFn, max_segments: int = 6, int_types: bool | None = None
) -> dict[str, Any]:
    version = draw(st.sampled_from([2, 3]))
    use_ints = draw(st.booleans()) if int_types is None else int_types
    use_ints = use_ints and version == 3
    types = (0, 1, 2) if use_ints else ("word", "punctuation", "sound")
    n_speakers = draw(st.integers(0, 3))
    speaker_ids = list(range(1, n_speakers + 1))
    t = draw(st.integers(0, 5000))
    doc_start = t
    segments = []
    for _ in range(draw(st.integers(0, max_segments))):
        t += draw(st.integers(0, 3000))
        seg_start = t
        sequences = []
        if draw(st.integers(0, 5)) == 0:  # a sound-only segment
            tag = draw(st.sampled_from(SOUNDS))
            dur = draw(st.integers(1, 8000))
            tok = _token(t, t + dur, f"[{tag.lower()}]", types[2], f"[{tag}]", [tag])
            sequences.append({"start_time": t, "end_time": t + dur, "tokens": [tok]})
            t += dur
        else:
            n_words = draw(st.integers(1, 12))
            for w in range(n_words):
                t += draw(st.integers(0, 400))
                word = draw(st.sampled_from(WORDS))
                dur = draw(st.integers(1, 900))
                tokens = [_token(t, t + dur, word.lower(), types[0], word, [])]
                last = w == n_words - 1
                if last:
                    mark = draw(st.sampled_from([".", "?", "!"]))
                    tokens.append(_token(t + dur, t + dur, mark, types[1], mark, ["ENDS_SENTENCE"]))
                elif draw(st.integers(0, 6)) == 0:
                    mark = draw(st.sampled_from(PUNCT[:1] + PUNCT[3:]))
                    tokens.append(_token(t + dur, t + dur, mark, types[1], mark, []))
                sequences.append({"start_time": t, "end_time": t + dur, "tokens": tokens})
                t += dur
        segment: dict[str, Any] = {
            "start_time": seg_start,
            "end_time": t,
            "sequences": sequences,
            "speaker_change": draw(st.booleans()),
        }
        if speaker_ids:
            segment["speaker_id"] = draw(st.sampled_from(speaker_ids))
        segment["interpolated"] = False
        if draw(st.booleans()):
            segment["bad_timing"] = False
        segments.append(segment)
    doc: dict[str, Any] = {"version": version, "segments": segments}
    if draw(st.booleans()) or speaker_ids:
        doc["start_time"] = doc_start
        doc["end_time"] = t + draw(st.integers(0, 2000))
    doc["language"] = draw(st.sampled_from(["EN_US", "en", "en-GB", "fr", "ja"]))
    if speaker_ids:
        doc["speakers"] = [
            {"id": i, "name": draw(st.sampled_from(["Ann Taylor Pittman", "Tim", "", "Effects"])),
             "gender": draw(st.sampled_from(["Female", "MALE", "unknown", ""]))}
            for i in speaker_ids
        ]  # fmt: skip
    if draw(st.booleans()) and "start_time" in doc:
        doc["keywords"] = {
            "recipe": {
                "time_ranges": [{"start_time": doc["start_time"], "end_time": doc["end_time"]}]
            }
        }
    return doc
