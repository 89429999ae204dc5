"""Amazon Transcribe job output (standard jobs; Call Analytics has its own module).

``results.items[]`` = ``{type: "pronunciation"|"punctuation", start_time, end_time,
alternatives: [{content, confidence}], speaker_label, channel_label}``; times **and
confidences are strings** of seconds. A punctuation item has no times: it is glued to the
word before it (an opening mark — ``¿``, ``¡``, an opening quote or bracket — to the word
after it). Speakers: the item's own ``speaker_label`` (newer layout), else joined by start
time from ``results.speaker_labels.segments[].items[]`` (older layout); without speakers,
the channel (``channel_labels``) is the speaker. ``audio_segments`` are the units.
"""

from __future__ import annotations

from typing import Any

from .draft import GLUE_NEXT, GLUE_PREVIOUS, PUNCTUATION, Draft
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
    for segment in results.get("audio_segments") or ():
        ids = segment.get("items") if isinstance(segment, dict) else None
        if isinstance(ids, list) and ids:
            last = by_id.get(ids[-1]) if isinstance(ids[-1], (int, str)) else None
            if last is not None:
                draft.unit_ends.add(last)
    return draft
