"""Google Cloud Speech-to-Text responses: v1 (``recognize`` / ``longrunningrecognize``)
and v2 (``Recognize``, ``BatchRecognize`` results), as REST JSON or as client libraries
dump them.

``results[].alternatives[0].words[]`` = ``{word, startTime, endTime, confidence,
speakerTag}`` (v1) or ``{word, startOffset, endOffset, confidence, speakerLabel}`` (v2);
snake_case spellings too. Times are protobuf Durations: ``"1.500s"`` or ``{"seconds",
"nanos"}``; a field left out is zero, as protobuf's JSON omits zero values. Punctuation
(``enableAutomaticPunctuation``) is glued to the words. ``speakerTag`` 0 means "none".
Wrappers are unwrapped: a long-running operation's ``response``, and v2 BatchRecognize's
``results: {uri: {transcript | inlineResult.transcript}}``.

Diarization: the **last result repeats every word** with its speaker tag. When its words
are the words of the results before it, only the last result is read (the earlier ones
only give the unit boundaries), so the transcript is not doubled. Each result is a unit;
results of several channels (``channelTag``) are put in time order, and the channel is the
speaker when there are no speaker tags.
"""

from __future__ import annotations

from typing import Any

from .draft import Draft, spread
from .fields import as_dict, as_list, as_text, first, label, score
from .marks import split_edges
from .times import duration

_START = ("startTime", "start_time", "startOffset", "start_offset")
_END = ("endTime", "end_time", "endOffset", "end_offset")
_RESULT_END = ("resultEndTime", "result_end_time", "resultEndOffset", "result_end_offset")
_LANGUAGE = ("languageCode", "language_code")
_CHANNEL = ("channelTag", "channel_tag")


def results_of(tree: Any) -> list[Any] | None:
    """The ``results`` list of any of the response shapes, or None."""
    if not isinstance(tree, dict):
        return None
    response = tree.get("response")
    if isinstance(response, dict) and "results" in response:
        tree = response
    results = tree.get("results")
    if isinstance(results, dict):  # v2 BatchRecognize: uri → file result
        merged: list[Any] = []
        for file_result in results.values():
            if not isinstance(file_result, dict):
                return None
            transcript = file_result.get("transcript")
            if transcript is None and isinstance(file_result.get("inlineResult"), dict):
                transcript = file_result["inlineResult"].get("transcript")
            if not isinstance(transcript, dict) or not isinstance(transcript.get("results"), list):
                return None
            merged.extend(transcript["results"])
        return merged
    return results if isinstance(results, list) else None


def detect(tree: Any) -> bool:
    results = results_of(tree)
    if results is None or "result_index" in tree or "speaker_labels" in tree:
        return False
    if not results:
        return "format" not in tree and "metadata" not in tree
    head = results[0]
    if not isinstance(head, dict) or "type" in head or "final" in head:
        return False
    alternatives = head.get("alternatives")
    if not isinstance(alternatives, list):
        return any(key in head for key in (*_RESULT_END, *_CHANNEL, *_LANGUAGE))
    if alternatives and isinstance(alternatives[0], dict):
        return "timestamps" not in alternatives[0]
    return True


def _get(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if key in obj:
            return obj[key]
    return None


def _time(word: dict[str, Any], keys: tuple[str, ...], missing_is_zero: bool) -> int | None:
    for key in keys:
        if key in word:
            return duration(word[key])
    return 0 if missing_is_zero else None


def _speaker(word: dict[str, Any]) -> str | None:
    tag = word.get("speakerTag", word.get("speaker_tag"))
    if tag is not None and tag != 0 and tag != "0":
        return label(tag)
    return label(word.get("speakerLabel", word.get("speaker_label")))


def _norm(text: str) -> str:
    return split_edges(text.strip())[1].lower()


def read(tree: Any, name: str | None) -> Draft:
    results = results_of(tree)
    assert results is not None
    base: tuple[Any, ...] = ("results",)
    parsed = []
    for r, raw in enumerate(results):
        result = as_dict(raw, (*base, r), name)
        alternative = first(result.get("alternatives"), (*base, r, "alternatives"), name)
        words = (
            []
            if alternative is None
            else as_list(alternative.get("words"), (*base, r, "alternatives", 0, "words"), name)
        )
        transcript = (
            ""
            if alternative is None
            else as_text(
                alternative.get("transcript"), (*base, r, "alternatives", 0, "transcript"), name
            )
        )
        parsed.append((r, result, alternative, words, transcript))
    parsed = [p for p in parsed if p[2] is not None]
    language = next(
        (code for p in parsed if isinstance(code := _get(p[1], _LANGUAGE), str)),
        None,
    )
    draft = Draft(language=language)
    channels = {label(_get(p[1], _CHANNEL)) for p in parsed}
    several_channels = len(channels - {None}) > 1
    if several_channels:
        parsed.sort(key=lambda p: _first_start(p[3]))
    repeated = _repeated_last(parsed)
    if repeated is not None:
        r, result, _alternative, words, _ = parsed[-1]
        counts = [len(p[3]) for p in parsed[:-1]]
        _words(words, (*base, r, "alternatives", 0, "words"), draft, name, None)
        total = 0
        for count in counts:
            total += count
            if 0 < total <= len(draft):
                draft.unit_ends.add(total - 1)
        return draft
    previous_end: int | None = 0
    for r, result, _alternative, words, transcript in parsed:
        channel = label(_get(result, _CHANNEL))
        fallback = f"Channel {channel}" if several_channels and channel is not None else None
        result_end = _get(result, _RESULT_END)
        end = None if result_end is None else duration(result_end)
        if words:
            _words(words, (*base, r, "alternatives", 0, "words"), draft, name, fallback)
        else:  # no word offsets: the transcript over the result's span
            pieces = transcript.split()
            times = spread(pieces, previous_end, end)
            for k, piece in enumerate(pieces):
                s, e = times[k] if times else (None, None)
                draft.add(piece, s, e, None, fallback, made_up=times is not None)
        draft.end_unit()
        if end is not None:
            previous_end = end
    return draft


def _first_start(words: list[Any]) -> int:
    if words and isinstance(words[0], dict):
        start = _time(words[0], _START, True)
        if start is not None:
            return start
    return 0


def _repeated_last(parsed: list[Any]) -> list[Any] | None:
    """The last result's words when they repeat all the words before them (diarization)."""
    if len(parsed) < 2:
        return None
    last: list[Any] = parsed[-1][3]
    before = [w for p in parsed[:-1] for w in p[3]]
    if not before or len(last) != len(before):
        return None
    if not all(isinstance(w, dict) and _speaker(w) is not None for w in last):
        return None
    for a, b in zip(before, last, strict=True):
        if not isinstance(a, dict) or not isinstance(b, dict):
            return None
        wa, wb = a.get("word"), b.get("word")
        if not isinstance(wa, str) or not isinstance(wb, str) or _norm(wa) != _norm(wb):
            return None
    return last


def _words(
    words: list[Any], base: tuple[Any, ...], draft: Draft, name: str | None, fallback: str | None
) -> None:
    add = draft.add
    for j, raw in enumerate(words):
        word = as_dict(raw, (*base, j), name)
        text = as_text(word.get("word"), (*base, j, "word"), name)
        has_end = any(key in word for key in _END)
        add(
            text,
            _time(word, _START, has_end),
            _time(word, _END, False),
            score(word.get("confidence")),
            _speaker(word) or fallback,
        )
