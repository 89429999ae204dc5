"""Amazon Transcribe job output (standard jobs; Call Analytics has its own module).

``results.items[]`` = ``{type: "pronunciation"|"punctuation", start_time, end_time,
alternatives: [{content, confidence}], speaker_label, channel_label}``; times **and
confidences are strings** of seconds. A punctuation item has no times: it is glued to the
word before it (an opening mark — ``¿``, ``¡``, an opening quote or bracket — to the word
after it). Speakers: the item's own ``speaker_label`` (newer layout), else joined by start
time from ``results.speaker_labels.segments[].items[]`` (older layout); without speakers,
the channel (``channel_labels``) is the speaker. ``audio_segments`` are the units.

Two ways in, one result: the bytes decoded straight into typed structs of the fields read
(the items; the speaker and channel labels and the audio segments as they are), or, for a
document with a value of another type, the lenient reading of the JSON tree.
"""

from __future__ import annotations

from typing import Any

import msgspec

from .draft import GLUE_NEXT, GLUE_PREVIOUS, PUNCTUATION, WORD, Draft
from .fields import as_dict, as_list, as_text, first, label, require_timed, score
from .times import seconds

OPENING = frozenset("¿¡\"'“‘«‹([{")


def detect(tree: Any) -> bool:
    if not isinstance(tree, dict):
        return False
    results = tree.get("results")
    if not isinstance(results, dict) or "channels" in results:
        return False
    return isinstance(results.get("items"), list) or isinstance(results.get("transcripts"), list)


def _labels_by_start(results: dict[str, Any], key: str, name: str | None) -> dict[int, str]:
    """start time (ms) → label, from ``speaker_labels.segments`` or ``channel_labels``."""
    out: dict[int, str] = {}
    if key == "speaker_labels":
        holder = results.get("speaker_labels")
        groups = holder.get("segments") if isinstance(holder, dict) else None
        field = "speaker_label"
    else:
        holder = results.get("channel_labels")
        groups = holder.get("channels") if isinstance(holder, dict) else None
        field = "channel_label"
    for group in groups if isinstance(groups, list) else ():
        if not isinstance(group, dict):
            continue
        outer = label(group.get(field))
        for item in group.get("items") or ():
            if isinstance(item, dict):
                start = seconds(item.get("start_time"))
                who = label(item.get(field)) or outer
                if start is not None and who is not None:
                    out.setdefault(start, who)
    return out


def _has_text(transcripts: Any) -> bool:
    return isinstance(transcripts, list) and any(
        isinstance(t, dict) and str(t.get("transcript") or "").strip() for t in transcripts
    )


def read(tree: Any, name: str | None) -> Draft:
    results = as_dict(tree.get("results"), ("results",), name)
    language = results.get("language_code")
    draft = Draft(language=language if isinstance(language, str) else None)
    require_timed(
        results.get("items"),
        _has_text(results.get("transcripts")),
        ("results", "items"),
        name,
        what="Amazon Transcribe output",
        has="results.transcripts",
    )
    items = as_list(results.get("items"), ("results", "items"), name)
    speakers = _labels_by_start(results, "speaker_labels", name)
    channels = _labels_by_start(results, "channel_labels", name) if not speakers else {}
    by_id: dict[Any, int] = {}
    add = draft.add
    for i, raw in enumerate(items):
        item = raw if type(raw) is dict else as_dict(raw, ("results", "items", i), name)
        alternative = first(item.get("alternatives"), ("results", "items", i, "alternatives"), name)
        text = "" if alternative is None else alternative.get("content")
        if type(text) is not str:
            text = as_text(text, ("results", "items", i, "alternatives", 0, "content"), name)
        item_id = item.get("id")
        if isinstance(item_id, (int, str)):
            by_id[item_id] = len(draft)
        if item.get("type") == "punctuation":
            glue = GLUE_NEXT if text.strip()[:1] in OPENING else GLUE_PREVIOUS
            add(text, None, None, None, label(item.get("speaker_label")), PUNCTUATION, glue)
            continue
        start = seconds(item.get("start_time"))
        who = label(item.get("speaker_label"))
        if who is None and start is not None:
            who = speakers.get(start) or channels.get(start)
        if who is None:
            who = label(item.get("channel_label"))
        confidence = None if alternative is None else score(alternative.get("confidence"))
        add(text, start, seconds(item.get("end_time")), confidence, who)
    _audio_segments(results.get("audio_segments"), by_id, draft)
    return draft


def _audio_segments(segments: Any, by_id: dict[Any, int], draft: Draft) -> None:
    """Each audio segment ends a unit after its last item."""
    for segment in segments or ():
        ids = segment.get("items") if isinstance(segment, dict) else None
        if isinstance(ids, list) and ids:
            last = by_id.get(ids[-1]) if isinstance(ids[-1], (int, str)) else None
            if last is not None:
                draft.unit_ends.add(last)


# --- the fast way: typed structs ------------------------------------------------------------

_Scalar = str | int | float | None  # (a boolean, a list or an object: the lenient way)


class _Alternative(msgspec.Struct, gc=False):
    content: str | None = None
    confidence: _Scalar = None


class _Item(msgspec.Struct, gc=False):
    id: _Scalar = None
    type: str | None = None
    start_time: _Scalar = None
    end_time: _Scalar = None
    alternatives: list[_Alternative] | None = None
    speaker_label: _Scalar = None
    channel_label: _Scalar = None


class _Results(msgspec.Struct, gc=False):
    items: list[_Item] | None = None
    language_code: str | None = None
    speaker_labels: Any = None  # read as the lenient way reads them
    channel_labels: Any = None
    audio_segments: Any = None


class _Job(msgspec.Struct, gc=False):
    results: _Results


_decode = msgspec.json.Decoder(_Job)


def read_fast(raw: bytes | None, tree: Any, name: str | None) -> Draft | None:
    """:func:`read` of typed structs (None: a value of another type, for :func:`read`)."""
    try:
        job = _decode.decode(raw) if raw is not None else msgspec.convert(tree, _Job)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
    results = job.results
    if results.items is None:  # no items: read() says what is missing, or finds no text
        return None
    draft = Draft(language=results.language_code)
    labels = {"speaker_labels": results.speaker_labels, "channel_labels": results.channel_labels}
    speakers = _labels_by_start(labels, "speaker_labels", name)
    channels = _labels_by_start(labels, "channel_labels", name) if not speakers else {}
    items = results.items or []
    n = len(items)
    texts: list[str] = []
    starts: list[int | None] = []
    ends: list[int | None] = []
    confidences: list[float | None] = []
    whos: list[str | None] = []
    kinds = [WORD] * n
    glues = [0] * n
    by_id: dict[Any, int] = {}
    for i, item in enumerate(items):
        alternatives = item.alternatives
        alternative = alternatives[0] if alternatives else None
        text = (alternative.content or "") if alternative is not None else ""
        item_id = item.id
        if type(item_id) is int or type(item_id) is str:
            by_id[item_id] = i
        texts.append(text)
        if item.type == "punctuation":
            kinds[i] = PUNCTUATION
            glues[i] = GLUE_NEXT if text.strip()[:1] in OPENING else GLUE_PREVIOUS
            starts.append(None)
            ends.append(None)
            confidences.append(None)
            whos.append(label(item.speaker_label))
            continue
        start = seconds(item.start_time)
        who = label(item.speaker_label)
        if who is None and start is not None:
            who = speakers.get(start) or channels.get(start)
        if who is None:
            who = label(item.channel_label)
        starts.append(start)
        ends.append(seconds(item.end_time))
        confidences.append(None if alternative is None else score(alternative.confidence))
        whos.append(who)
    draft.add_columns(texts, starts, ends, confidences, whos, kinds, glues, [False] * n)
    _audio_segments(results.audio_segments, by_id, draft)
    return draft
