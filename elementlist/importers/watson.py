"""IBM Watson Speech to Text responses (``/v1/recognize``, and saved websocket results).

``results[].alternatives[0]`` = ``{transcript, confidence, timestamps: [[word, start,
end], …], word_confidence: [[word, confidence], …]}``; seconds; **arrays, not objects**.
``speaker_labels[]`` = ``{from, to, speaker, confidence, final}`` are joined to the words
on ``from`` = the word's start (else the label whose span holds the word's start). Watson
writes no punctuation (except smart formatting in some languages): each result is a unit,
and a sentence. ``%HESITATION`` (Watson's mark for a filled pause) becomes the word
``uh``, so that ``remove_disfluencies`` removes it as it removes any other.
"""

from __future__ import annotations

import bisect
from typing import Any

from .draft import Draft
from .fields import as_dict, as_list, as_text, first, label, score
from .times import seconds

HESITATION = "%HESITATION"
HESITATION_WORD = "uh"


def detect(tree: Any) -> bool:
    if not isinstance(tree, dict):
        return False
    results = tree.get("results")
    if not isinstance(results, list):
        return False
    if "result_index" in tree or isinstance(tree.get("speaker_labels"), list):
        return True
    if not results:
        return False
    head = results[0]
    if not isinstance(head, dict) or "type" in head:
        return False
    alternatives = head.get("alternatives")
    if isinstance(alternatives, list) and alternatives and isinstance(alternatives[0], dict):
        return "timestamps" in alternatives[0] or "word_confidence" in alternatives[0]
    return "final" in head


def _speakers(
    tree: dict[str, Any], name: str | None
) -> tuple[dict[int, str], list[tuple[int, int, str]]]:
    exact: dict[int, str] = {}
    spans: list[tuple[int, int, str]] = []
    for k, raw in enumerate(as_list(tree.get("speaker_labels"), ("speaker_labels",), name)):
        item = as_dict(raw, ("speaker_labels", k), name)
        start, end, who = (
            seconds(item.get("from")),
            seconds(item.get("to")),
            label(item.get("speaker")),
        )
        if start is None or who is None:
            continue
        exact.setdefault(start, who)
        spans.append((start, end if end is not None else start, who))
    spans.sort()
    return exact, spans


def _speaker_at(
    start: int | None, exact: dict[int, str], spans: list[tuple[int, int, str]]
) -> str | None:
    if start is None or not spans:
        return None
    who = exact.get(start)
    if who is not None:
        return who
    k = bisect.bisect_right(spans, (start, float("inf"), "")) - 1
    if k >= 0 and spans[k][0] <= start <= spans[k][1]:
        return spans[k][2]
    return None


def read(tree: Any, name: str | None) -> Draft:
    draft = Draft()
    exact, spans = _speakers(tree, name)
    for r, raw in enumerate(as_list(tree.get("results"), ("results",), name)):
        result = as_dict(raw, ("results", r), name)
        base = ("results", r, "alternatives")
        alternative = first(result.get("alternatives"), base, name)
        if alternative is None:
            continue
        timestamps = as_list(alternative.get("timestamps"), (*base, 0, "timestamps"), name)
        confidences = as_list(
            alternative.get("word_confidence"), (*base, 0, "word_confidence"), name
        )
        if not timestamps:
            transcript = as_text(alternative.get("transcript"), (*base, 0, "transcript"), name)
            for piece in transcript.split():
                draft.add(_word(piece), None, None)
            draft.end_unit()
            continue
        for t, raw_stamp in enumerate(timestamps):
            stamp = as_list(raw_stamp, (*base, 0, "timestamps", t), name, optional=False)
            text = as_text(stamp[0] if stamp else None, (*base, 0, "timestamps", t, 0), name)
            start = seconds(stamp[1]) if len(stamp) > 1 else None
            end = seconds(stamp[2]) if len(stamp) > 2 else None
            confidence = None
            if (
                t < len(confidences)
                and isinstance(confidences[t], list)
                and len(confidences[t]) > 1
            ):
                confidence = score(confidences[t][1])
            draft.add(_word(text), start, end, confidence, _speaker_at(start, exact, spans))
        draft.end_unit()
    return draft


def _word(text: str) -> str:
    return HESITATION_WORD if text.strip() == HESITATION else text
