"""Turn a written script into a realistic ElementList (timed words, punctuation, sounds).

Used to make the bundled examples and the benchmark corpora. The script is a list of
turns ``(speaker_name, text)``; ``[MUSIC]``-style tags in the text become sound tokens,
punctuation is attached to the word before it (as cielo24 does: zero-length punctuation at
the word's end), and each sentence becomes one segment, as the format requires.
"""

from __future__ import annotations

import random
import re
from typing import Any

_TOKEN = re.compile(r"\[[A-Z_]+\]|[\w'’\-]+|[.,?!;:]")
_SENTENCE_END = {".", "?", "!"}


def _word_ms(word: str, rng: random.Random) -> int:
    return max(80, int(55 * len(word) + rng.gauss(90, 25)))


def synthesize(
    turns: list[tuple[str, str]],
    *,
    version: int = 3,
    int_types: bool = False,
    language: str = "en-US",
    seed: int = 24,
    start_ms: int = 1200,
    genders: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An ElementList dict for ``turns``; deterministic for a given ``seed``."""
    rng = random.Random(seed)
    types = (0, 1, 2) if int_types else ("word", "punctuation", "sound")
    names: list[str] = []
    for name, _ in turns:
        if name not in names:
            names.append(name)
    speaker_id = {name: i + 1 for i, name in enumerate(names)}
    t = start_ms
    segments: list[dict[str, Any]] = []
    previous_speaker = None

    def new_segment(name: str) -> dict[str, Any]:
        nonlocal previous_speaker
        seg = {
            "start_time": t,
            "end_time": t,
            "sequences": [],
            "speaker_change": name != previous_speaker,
            "speaker_id": speaker_id[name],
            "interpolated": False,
        }
        previous_speaker = name
        return seg

    for name, text in turns:
        seg: dict[str, Any] | None = None
        for piece in _TOKEN.findall(text):
            if piece.startswith("["):  # a sound: a segment of its own
                if seg and seg["sequences"]:
                    segments.append(seg)
                t += rng.randint(100, 300)
                dur = (
                    rng.randint(1500, 6000)
                    if piece in ("[MUSIC]", "[APPLAUSE]")
                    else rng.randint(400, 1400)
                )
                tag = piece[1:-1]
                tok = {
                    "start_time": t,
                    "end_time": t + dur,
                    "value": piece.lower(),
                    "type": types[2],
                    "display_as": piece,
                    "tags": [tag],
                    "interpolated": False,
                }
                sound_seg = new_segment(name)
                sound_seg["sequences"] = [{"start_time": t, "end_time": t + dur, "tokens": [tok]}]
                sound_seg["end_time"] = t + dur
                segments.append(sound_seg)
                t += dur + rng.randint(100, 400)
                seg = None
                continue
            if seg is None:
                seg = new_segment(name)
                seg["start_time"] = t
            if piece in ".,?!;:":
                last = seg["sequences"][-1]
                tags = ["ENDS_SENTENCE"] if piece in _SENTENCE_END else []
                last["tokens"].append(
                    {
                        "start_time": last["end_time"],
                        "end_time": last["end_time"],
                        "value": piece,
                        "type": types[1],
                        "display_as": piece,
                        "tags": tags,
                        "interpolated": False,
                    }
                )
                if piece in _SENTENCE_END:
                    seg["end_time"] = last["end_time"]
                    segments.append(seg)
                    seg = None
                    t += rng.randint(250, 900)
                else:
                    t += rng.randint(80, 250)
                continue
            dur = _word_ms(piece, rng)
            tok = {
                "start_time": t,
                "end_time": t + dur,
                "value": piece.lower(),
                "type": types[0],
                "display_as": piece,
                "tags": [],
                "interpolated": False,
            }
            seg["sequences"].append({"start_time": t, "end_time": t + dur, "tokens": [tok]})
            seg["end_time"] = t + dur
            t += dur + max(0, int(rng.gauss(40, 30)))
        if seg and seg["sequences"]:  # a turn that ends without a full stop
            last = seg["sequences"][-1]
            last["tokens"].append(
                {
                    "start_time": last["end_time"],
                    "end_time": last["end_time"],
                    "value": ".",
                    "type": types[1],
                    "display_as": ".",
                    "tags": ["ENDS_SENTENCE"],
                    "interpolated": False,
                }
            )
            segments.append(seg)
        t += rng.randint(300, 1200)
    genders = genders or {}
    return {
        "version": version,
        "start_time": 0,
        "end_time": t + 1000,
        "language": language,
        "segments": segments,
        "speakers": [
            {"id": speaker_id[n], "name": n, "gender": genders.get(n, "UNKNOWN")} for n in names
        ],
    }
