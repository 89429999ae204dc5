"""AssemblyAI transcripts (the v2 ``/transcript`` object).

``words[]`` = ``{text, start, end, confidence, speaker, channel}``; **milliseconds**.
Punctuation and casing are in ``text``. ``speaker`` is a letter (``"A"``) with
``speaker_labels``, else null; with multichannel audio a word without a speaker is
``Channel N``. ``utterances[]`` (speaker turns) are the units; their words are read only
when the top-level ``words`` is missing, so nothing is read twice. Sentences come from the
punctuation (AssemblyAI serves its sentences from another endpoint, not in this JSON).
"""

from __future__ import annotations

from typing import Any

from .draft import Draft, last_pieces_before
from .fields import as_dict, as_list, as_text, label, score
from .times import millis

_OWN_KEYS = (
    "audio_url",
    "acoustic_model",
    "language_model",
    "speaker_labels",
    "punctuate",
    "format_text",
    "audio_duration",
    "dual_channel",
    "language_code",
)


def detect(tree: Any) -> bool:
    if not isinstance(tree, dict) or "results" in tree or "segments" in tree:
        return False
    words = tree.get("words")
    utterances = tree.get("utterances")
    if not isinstance(words, list) and not isinstance(utterances, list):
        return False
    if any(key in tree for key in _OWN_KEYS):
        return True
    sample = words if isinstance(words, list) and words else None
    if sample is None and isinstance(utterances, list) and utterances:
        head = utterances[0]
        sample = head.get("words") if isinstance(head, dict) else None
    if not isinstance(sample, list) or not sample or not isinstance(sample[0], dict):
        return False
    return {"text", "start", "end"} <= sample[0].keys()


def read(tree: Any, name: str | None) -> Draft:
    language = tree.get("language_code")
    draft = Draft(language=language if isinstance(language, str) else None)
    utterances = as_list(tree.get("utterances"), ("utterances",), name)
    words = tree.get("words")
    if isinstance(words, list) and words:
        _words(as_list(words, ("words",), name), ("words",), draft, name)
        ends = []
        for k, raw in enumerate(utterances):
            end = millis(as_dict(raw, ("utterances", k), name).get("end"))
            if end is not None:
                ends.append(end)
        draft.unit_ends.update(last_pieces_before(draft.start, ends))
        return draft
    for k, raw in enumerate(utterances):
        utterance = as_dict(raw, ("utterances", k), name)
        base = ("utterances", k, "words")
        _words(
            as_list(utterance.get("words"), base, name),
            base,
            draft,
            name,
            speaker=label(utterance.get("speaker")),
        )
        draft.end_unit()
    return draft


def _words(
    words: list[Any],
    base: tuple[Any, ...],
    draft: Draft,
    name: str | None,
    speaker: str | None = None,
) -> None:
    add = draft.add
    for j, raw in enumerate(words):
        word = raw if type(raw) is dict else as_dict(raw, (*base, j), name)
        text = word.get("text")
        if type(text) is not str:
            text = as_text(text, (*base, j, "text"), name)
        who = word.get("speaker")
        who = label(who) if who is not None else speaker
        if who is None and word.get("channel") is not None:
            channel = label(word.get("channel"))
            who = None if channel is None else f"Channel {channel}"
        add(
            text,
            millis(word.get("start")),
            millis(word.get("end")),
            score(word.get("confidence")),
            who,
        )
