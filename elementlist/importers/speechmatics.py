"""Speechmatics json-v2 transcripts (batch ``format`` 2.x, and real-time ``AddTranscript``).

``results[]`` = ``{type: "word"|"punctuation"|"entity"|"speaker_change", start_time,
end_time, alternatives: [{content, confidence, language, speaker}], attaches_to,
is_eos}``; seconds (with float32 noise). Punctuation has zero length and says which side
it is glued to: ``attaches_to`` ``previous`` (the default), ``next``, ``both`` or ``none``
(a mark standing alone, with a time of its own). ``is_eos`` marks the sentence ends: when
any result has it, they are the sentence ends. ``speaker`` ``UU`` is "unknown" (no
speaker). An ``entity`` (``enable_entities``: numbers, dates, money) carries its
``written_form`` (read as the words) and its ``spoken_form``; the word results that
overlap it and repeat one of its forms are not read again. ``speaker_change`` results
start a new speaker's turn.
"""

from __future__ import annotations

from typing import Any

from .draft import GLUE_NEXT, GLUE_PREVIOUS, PUNCTUATION, Draft, spread
from .fields import as_dict, as_list, as_text, first, label, score
from .times import seconds

_GLUE = {"previous": GLUE_PREVIOUS, "next": GLUE_NEXT, "both": GLUE_PREVIOUS | GLUE_NEXT, "none": 0}
_TYPES = frozenset({"word", "punctuation", "entity", "speaker_change"})


def detect(tree: Any) -> bool:
    if not isinstance(tree, dict):
        return False
    results = tree.get("results")
    if not isinstance(results, list):
        return False
    if results:
        head = results[0]
        kind = head.get("type") if isinstance(head, dict) else None
        return isinstance(kind, str) and kind in _TYPES
    return "format" in tree and ("metadata" in tree or "job" in tree or "message" in tree)


def _speaker(alternative: dict[str, Any] | None) -> str | None:
    if alternative is None:
        return None
    who = label(alternative.get("speaker"))
    return None if who == "UU" else who


def _content(
    result: dict[str, Any], base: tuple[Any, ...], name: str | None
) -> tuple[str, dict[str, Any] | None]:
    alternative = first(result.get("alternatives"), (*base, "alternatives"), name)
    if alternative is None:
        return "", None
    return as_text(
        alternative.get("content"), (*base, "alternatives", 0, "content"), name
    ), alternative


def read(tree: Any, name: str | None) -> Draft:
    results = as_list(tree.get("results"), ("results",), name)
    draft = Draft(language=_language(tree))
    entities = _entity_spans(results, name)
    add = draft.add
    e = 0  # the next entity span that a word may fall in
    for r, raw in enumerate(results):
        result = as_dict(raw, ("results", r), name)
        kind = result.get("type")
        base = ("results", r)
        if kind == "speaker_change":
            draft.new_turn()
            continue
        start, end = seconds(result.get("start_time")), seconds(result.get("end_time"))
        if kind == "entity":
            _entity(result, base, draft, name)
            continue
        text, alternative = _content(result, base, name)
        if kind == "punctuation":
            side = result.get("attaches_to", "previous")
            glue = _GLUE.get(side, GLUE_PREVIOUS) if isinstance(side, str) else GLUE_PREVIOUS
            if glue:
                add(text, None, None, None, _speaker(alternative), PUNCTUATION, glue)
            else:  # standing alone: its own time
                add(text, start, end, None, _speaker(alternative), PUNCTUATION)
            if result.get("is_eos") is True:
                draft.end_sentence()
            continue
        while e < len(entities) and start is not None and entities[e][1] < start:
            e += 1
        if e < len(entities) and _repeats(entities[e], start, end, text):
            continue  # the entity's own words, already read from it
        confidence = None if alternative is None else score(alternative.get("confidence"))
        add(text, start, end, confidence, _speaker(alternative))
    return draft


def _language(tree: dict[str, Any]) -> str | None:
    metadata = tree.get("metadata")
    config = metadata.get("transcription_config") if isinstance(metadata, dict) else None
    language = config.get("language") if isinstance(config, dict) else None
    return language if isinstance(language, str) else None


_Span = tuple[int, int, frozenset[str]]


def _entity_spans(results: list[Any], name: str | None) -> list[_Span]:
    """(start, end, the lower-case contents of its forms) of every entity, by start."""
    spans = []
    for raw in results:
        if not isinstance(raw, dict) or raw.get("type") != "entity":
            continue
        start, end = seconds(raw.get("start_time")), seconds(raw.get("end_time"))
        if start is None or end is None:
            continue
        contents = set()
        for form in ("spoken_form", "written_form"):
            for item in raw.get(form) or ():
                alternatives = item.get("alternatives") if isinstance(item, dict) else None
                if (
                    isinstance(alternatives, list)
                    and alternatives
                    and isinstance(alternatives[0], dict)
                ):
                    content = alternatives[0].get("content")
                    if isinstance(content, str):
                        contents.add(content.lower())
        spans.append((start, end, frozenset(contents)))
    spans.sort()
    return spans


def _repeats(span: _Span, start: int | None, end: int | None, text: str) -> bool:
    low, high, contents = span
    return (
        start is not None
        and end is not None
        and low <= start
        and end <= high
        and text.lower() in contents
    )


def _entity(result: dict[str, Any], base: tuple[Any, ...], draft: Draft, name: str | None) -> None:
    written = as_list(result.get("written_form"), (*base, "written_form"), name)
    if written:
        for w, raw in enumerate(written):
            item = as_dict(raw, (*base, "written_form", w), name)
            text, alternative = _content(item, (*base, "written_form", w), name)
            confidence = None if alternative is None else score(alternative.get("confidence"))
            draft.add(
                text,
                seconds(item.get("start_time")),
                seconds(item.get("end_time")),
                confidence,
                _speaker(alternative),
            )
        return
    text, alternative = _content(result, base, name)
    pieces = text.split()
    times = spread(pieces, seconds(result.get("start_time")), seconds(result.get("end_time")))
    confidence = None if alternative is None else score(alternative.get("confidence"))
    for k, piece in enumerate(pieces):
        s, e = times[k] if times else (None, None)
        draft.add(piece, s, e, confidence, _speaker(alternative), made_up=len(pieces) > 1)
