"""Rev.ai transcript JSON (``Accept: application/vnd.rev.transcript.v1.0+json``).

``monologues[]`` = ``{speaker, speaker_name, elements: [{type: "text"|"punct"|"unknown",
value, ts, end_ts, confidence}]}``; seconds. A monologue is a speaker turn (a unit);
``speaker_name`` is the speaker when Rev has one, else the number ``speaker``. ``punct``
elements have no times, and **spaces are punct elements** (``" "``): the spaces say where
words begin, so an element right after another with no space between is glued to it
(``,`` to its word, an opening quote to the word after it). ``unknown`` elements
(``<unknown>``) are sounds tagged ``UNKNOWN``.
"""

from __future__ import annotations

from typing import Any

from .draft import GLUE_NEXT, GLUE_PREVIOUS, PUNCTUATION, SOUND, WORD, Draft
from .fields import as_dict, as_list, as_text, label, score
from .times import seconds


def detect(tree: Any) -> bool:
    return isinstance(tree, dict) and isinstance(tree.get("monologues"), list)


def read(tree: Any, name: str | None) -> Draft:
    draft = Draft()
    add = draft.add
    for m, raw in enumerate(as_list(tree.get("monologues"), ("monologues",), name)):
        monologue = as_dict(raw, ("monologues", m), name)
        who = label(monologue.get("speaker_name")) or label(monologue.get("speaker"))
        base = ("monologues", m, "elements")
        elements = as_list(monologue.get("elements"), base, name)
        values = []
        for e, raw_element in enumerate(elements):
            element = as_dict(raw_element, (*base, e), name)
            values.append((element, as_text(element.get("value"), (*base, e, "value"), name)))
        previous_space = True
        for e, (element, value) in enumerate(values):
            space = not value.strip()
            if space:
                previous_space = True
                continue
            kind = element.get("type")
            glue = 0 if previous_space else GLUE_PREVIOUS
            if kind == "punct":
                following = values[e + 1][1] if e + 1 < len(values) else " "
                if previous_space and following.strip() and not following[0].isspace():
                    glue |= GLUE_NEXT
                add(value, None, None, None, who, PUNCTUATION, glue)
            else:
                add(
                    value,
                    seconds(element.get("ts")),
                    seconds(element.get("end_ts")),
                    score(element.get("confidence")),
                    who,
                    SOUND if kind == "unknown" else WORD,
                    glue,
                )
            previous_space = value[-1].isspace()
        draft.end_unit()
    return draft
