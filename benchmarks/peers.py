"""The same words turned into captions by peer libraries, from the same JSON bytes.

Each peer pipeline starts from the ElementList bytes (``orjson.loads``), pulls out the word
timings, and renders with the peer's own writer, grouping words the simple way such tools
do (a fixed number of words per caption). They do the job less well (no option handling,
no rules); they are here for speed comparison only.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import orjson

WORDS_PER_CAPTION = 7


def _words(data: bytes) -> list[tuple[int, int, str]]:
    doc = orjson.loads(data)
    out: list[tuple[int, int, str]] = []
    for seg in doc["segments"]:
        for seq in seg["sequences"]:
            text = "".join(t.get("display_as", t["value"]) for t in seq["tokens"])
            toks = seq["tokens"]
            out.append((toks[0]["start_time"], toks[-1]["end_time"], text))
    return out


def _groups(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    groups = []
    for i in range(0, len(words), WORDS_PER_CAPTION):
        chunk = words[i : i + WORDS_PER_CAPTION]
        groups.append((chunk[0][0], chunk[-1][1], " ".join(w[2] for w in chunk)))
    return groups


def hand_written_srt(data: bytes) -> str:
    """What a careful pure-Python script would do."""
    parts = []
    for n, (start, end, text) in enumerate(_groups(_words(data)), 1):
        parts.append(f"{n}\n{_ts(start)} --> {_ts(end)}\n{text}\n")
    return "\n".join(parts)


def _ts(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def srt_lib(data: bytes) -> str:
    import srt

    subs = [
        srt.Subtitle(n, timedelta(milliseconds=a), timedelta(milliseconds=b), text)
        for n, (a, b, text) in enumerate(_groups(_words(data)), 1)
    ]
    return str(srt.compose(subs))


def pysubs2_srt(data: bytes) -> str:
    import pysubs2

    subs = pysubs2.SSAFile()
    for a, b, text in _groups(_words(data)):
        subs.append(pysubs2.SSAEvent(start=a, end=b, text=text))
    return str(subs.to_string("srt"))


def pycaption_dfxp(data: bytes) -> str:
    from pycaption import Caption, CaptionNode, CaptionSet, DFXPWriter
    from pycaption.base import CaptionList

    captions = [
        Caption(a * 1000, b * 1000, [CaptionNode.create_text(text)])
        for a, b, text in _groups(_words(data))
    ]
    return str(DFXPWriter().write(CaptionSet({"en": CaptionList(captions)})))


def deepgram_srt(data: bytes) -> str:
    from deepgram_captions import DeepgramConverter, srt

    words: list[dict[str, Any]] = [
        {"word": text.lower(), "punctuated_word": text, "start": a / 1000, "end": b / 1000}
        for a, b, text in _words(data)
    ]
    response = {
        "metadata": {},
        "results": {"channels": [{"alternatives": [{"transcript": "x", "words": words}]}]},
    }
    return str(srt(DeepgramConverter(response), line_length=WORDS_PER_CAPTION))


PEERS = {
    "hand-written pure Python": hand_written_srt,
    "srt (compose)": srt_lib,
    "pysubs2": pysubs2_srt,
    "deepgram-captions": deepgram_srt,
    "pycaption (DFXP)": pycaption_dfxp,
}
