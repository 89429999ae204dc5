"""Azure AI Speech batch transcription results (``recognizedPhrases``).

``recognizedPhrases[]`` = ``{recognitionStatus, channel, speaker, offset | offsetInTicks
| offsetMilliseconds, duration…, nBest: [{display, lexical, words: [{word, offset…,
duration…, confidence}], displayWords: [{displayText, …}]}]}``. Times: 100 ns ticks
(floats), milliseconds (newer schemas) or ISO 8601 durations (``PT1.59S``), taken in that
order of preference.

The text of record is ``display`` (punctuated, with inverse text normalisation). The
``words`` are **lexical** (lower case, no punctuation, numbers spelled out), so the
display tokens are aligned to them (difflib on the lower-case letters and digits of each):
a display token that matches a word takes its time; a group that differs (``25`` against
``twenty five``) shares the span of its words by character length; a display token with no
word is interpolated; a lexical word that is not in the display is not shown.
``displayWords`` (``displayFormWordLevelTimestampsEnabled``) are used as they are when
present. Phrases are sorted by offset: stereo results come sorted by channel. Only phrases
with ``recognitionStatus`` ``Success`` (or none) are read; each phrase is a unit; its
``speaker`` (diarization) is the speaker, else its channel when there are several.
"""

from __future__ import annotations

import difflib
from typing import Any

import regex

from .draft import Draft, spread
from .fields import as_dict, as_list, as_text, first, label, require_timed, score
from .times import iso_duration, millis, ticks

_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")


def detect(tree: Any) -> bool:
    return isinstance(tree, dict) and (
        isinstance(tree.get("recognizedPhrases"), list)
        or isinstance(tree.get("combinedRecognizedPhrases"), list)
    )


def _time(obj: dict[str, Any], field: str) -> int | None:
    """``offset`` or ``duration`` of ``obj`` in ms, from the best field it has."""
    for key, read in (
        (f"{field}InTicks", ticks),
        (f"{field}Milliseconds", millis),
        (field, iso_duration),
    ):
        if key in obj:
            value = read(obj[key])
            if value is not None:
                return value
    return None


def _span(obj: dict[str, Any]) -> tuple[int | None, int | None]:
    start = _time(obj, "offset")
    length = _time(obj, "duration")
    return start, None if start is None or length is None else start + length


def _key(text: str) -> str:
    return str(_NOT_WORD.sub("", text)).lower()


def _has_text(combined: Any) -> bool:
    return isinstance(combined, list) and any(
        isinstance(c, dict) and str(c.get("display") or c.get("lexical") or "").strip()
        for c in combined
    )


def read(tree: Any, name: str | None) -> Draft:
    require_timed(
        tree.get("recognizedPhrases"),
        _has_text(tree.get("combinedRecognizedPhrases")),
        ("recognizedPhrases",),
        name,
        what="Azure transcription",
        has="combinedRecognizedPhrases",
    )
    phrases = as_list(tree.get("recognizedPhrases"), ("recognizedPhrases",), name)
    checked = [(p, as_dict(raw, ("recognizedPhrases", p), name)) for p, raw in enumerate(phrases)]
    checked.sort(key=lambda pair: _span(pair[1])[0] or 0)  # stable: stereo comes by channel
    channels = {label(phrase.get("channel")) for _, phrase in checked} - {None}
    language = next(
        (phrase["locale"] for _, phrase in checked if isinstance(phrase.get("locale"), str)), None
    )
    draft = Draft(language=language)
    for p, phrase in checked:
        status = phrase.get("recognitionStatus", "Success")
        if status != "Success":
            continue
        base = ("recognizedPhrases", p, "nBest")
        best = first(phrase.get("nBest"), base, name)
        if best is None:
            continue
        who = label(phrase.get("speaker", best.get("speaker")))  # the doc example has it in nBest
        if who is None and len(channels) > 1:
            channel = label(phrase.get("channel"))
            who = None if channel is None else f"Channel {channel}"
        display_words = best.get("displayWords")
        if isinstance(display_words, list) and display_words:
            for j, raw in enumerate(display_words):
                word = as_dict(raw, (*base, 0, "displayWords", j), name)
                text = as_text(
                    word.get("displayText"), (*base, 0, "displayWords", j, "displayText"), name
                )
                start, end = _span(word)
                draft.add(text, start, end, score(word.get("confidence")), who)
        else:
            display = as_text(best.get("display"), (*base, 0, "display"), name)
            words = as_list(best.get("words"), (*base, 0, "words"), name)
            _aligned(display, words, (*base, 0, "words"), phrase, who, draft, name)
        draft.end_unit()
    return draft


def _aligned(
    display: str,
    words: list[Any],
    base: tuple[Any, ...],
    phrase: dict[str, Any],
    who: str | None,
    draft: Draft,
    name: str | None,
) -> None:
    tokens = display.split()
    if not words:
        times = spread(tokens, *_span(phrase))
        for k, token in enumerate(tokens):
            s, e = times[k] if times else (None, None)
            draft.add(token, s, e, None, who, made_up=times is not None)
        return
    lexical = []
    for j, raw in enumerate(words):
        word = as_dict(raw, (*base, j), name)
        text = as_text(word.get("word"), (*base, j, "word"), name)
        start, end = _span(word)
        lexical.append((text, start, end, score(word.get("confidence"))))
    matcher = difflib.SequenceMatcher(
        None, [_key(t) for t in tokens], [_key(w[0]) for w in lexical], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                text, start, end, confidence = lexical[j1 + k]
                draft.add(tokens[i1 + k], start, end, confidence, who)
        elif op == "delete":  # display text the words do not have: interpolated
            for k in range(i1, i2):
                draft.add(tokens[k], None, None, None, who)
        elif op == "replace":  # the same speech written differently: share its span
            group = lexical[j1:j2]
            confidences = [w[3] for w in group if w[3] is not None]
            confidence = min(confidences) if confidences else None
            times = spread(tokens[i1:i2], group[0][1], group[-1][2])
            exact = times is not None and i2 - i1 == 1
            for k in range(i1, i2):
                s, e = times[k - i1] if times else (None, None)
                draft.add(tokens[k], s, e, confidence, who, made_up=times is not None and not exact)
        # "insert": lexical words the display leaves out are not shown
