"""SCC (Scenarist, CEA-608) cues, decoded by ttconv's 608 decoder (the ``check`` extra:
``pip install elementlist[check]``), which runs the whole state machine (pop-on, roll-up,
paint-on) and dates a pop-on caption at its EOC, where it appears (scc.md 2.4). Time codes
are read at 29.97 fps (drop-frame with ``;``), as ttconv reads them."""

from __future__ import annotations

import logging
from fractions import Fraction
from typing import Any

from ..errors import ElementListError
from .lines import Timed, lines_of

HEADER = "Scenarist_SCC V1.0"


def detect(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith(HEADER)


def _text_of(element: Any, model: Any) -> str:
    if isinstance(element, model.Text):
        return str(element.get_text())
    if isinstance(element, model.Br):
        return "\n"
    return "".join(_text_of(child, model) for child in element)


def _ms(seconds: Any) -> int:
    return int(Fraction(seconds) * 1000 + Fraction(1, 2))


def read(text: str, name: str | None) -> list[Timed]:
    try:
        import ttconv.model as model
        from ttconv.scc.reader import to_model
    except ImportError:
        raise ElementListError(
            "reading SCC needs ttconv: pip install 'elementlist[check]'", source=name
        ) from None
    quiet = logging.getLogger("ttconv")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # ttconv logs each odd pair it skips
    try:
        document = to_model(text.lstrip("\ufeff"))
    except Exception as exc:  # ttconv raises bare ValueError and others on bad SCC
        raise ElementListError(f"SCC cannot be decoded: {exc}", source=name) from None
    finally:
        quiet.setLevel(level)
    body = document.get_body() if document is not None else None
    out: list[Timed] = []
    for div in body or ():
        for p in div:
            begin, end = p.get_begin(), p.get_end()
            if begin is None:
                continue
            start = _ms(begin)
            out.append((start, start if end is None else _ms(end), lines_of(_text_of(p, model))))
    if not out:
        raise ElementListError("no cues: this SCC file shows no caption", source=name)
    out.sort(key=lambda cue: cue[0])
    return out
