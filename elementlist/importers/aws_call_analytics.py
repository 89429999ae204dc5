"""Amazon Transcribe Call Analytics output.

``Transcript[]`` holds the turns: ``{ParticipantRole, Content, BeginOffsetMillis,
EndOffsetMillis, Items: [{Type, Content, Confidence, BeginOffsetMillis,
EndOffsetMillis}]}``; **milliseconds**. The role (``AGENT``, ``CUSTOMER``) is the speaker;
each turn is a unit. Punctuation items are glued like AWS's (they may have no times);
redacted words (``[PII]``) are words. A turn without items has its ``Content`` spread over
its span.
"""

from __future__ import annotations

from typing import Any

from .aws import OPENING
from .draft import GLUE_NEXT, GLUE_PREVIOUS, PUNCTUATION, Draft, spread
from .fields import as_dict, as_list, as_text, label, score
from .times import millis


def detect(tree: Any) -> bool:
    if not isinstance(tree, dict):
        return False
    turns = tree.get("Transcript")
    if not isinstance(turns, list):
        return False
    if not turns:
        return "JobStatus" in tree or "Participants" in tree
    head = turns[0]
    return isinstance(head, dict) and ("ParticipantRole" in head or "Items" in head)


def read(tree: Any, name: str | None) -> Draft:
    language = tree.get("LanguageCode")
    draft = Draft(language=language if isinstance(language, str) else None)
    add = draft.add
    for t, raw in enumerate(as_list(tree.get("Transcript"), ("Transcript",), name)):
        turn = as_dict(raw, ("Transcript", t), name)
        who = label(turn.get("ParticipantRole"))
        items = as_list(turn.get("Items"), ("Transcript", t, "Items"), name)
        if not items:
            content = as_text(turn.get("Content"), ("Transcript", t, "Content"), name).split()
            times = spread(
                content, millis(turn.get("BeginOffsetMillis")), millis(turn.get("EndOffsetMillis"))
            )
            for k, word in enumerate(content):
                s, e = times[k] if times else (None, None)
                add(word, s, e, None, who, made_up=times is not None)
            draft.end_unit()
            continue
        for i, raw_item in enumerate(items):
            item = as_dict(raw_item, ("Transcript", t, "Items", i), name)
            text = as_text(item.get("Content"), ("Transcript", t, "Items", i, "Content"), name)
            if item.get("Type") == "punctuation":
                glue = GLUE_NEXT if text.strip()[:1] in OPENING else GLUE_PREVIOUS
                add(text, None, None, None, who, PUNCTUATION, glue)
                continue
            add(
                text,
                millis(item.get("BeginOffsetMillis")),
                millis(item.get("EndOffsetMillis")),
                score(item.get("Confidence")),
                who,
            )
        draft.end_unit()
    return draft
