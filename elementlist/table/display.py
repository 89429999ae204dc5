"""How sounds and text are shown: a sound between ``sound_boundaries``, square brackets
stripped, the case forced (steps 6-8 of
:func:`~elementlist.table.transforms.apply_transforms`; :func:`styled` gives a speaker
marker the same brackets and case)."""

from __future__ import annotations

import numpy as np

from ..document.vocabulary import TokenKind
from .removal import drop_rows
from .token_table import TokenTable, rows_where

_BRACKET_PAIRS = {"[": "]", "(": ")", "{": "}", "<": ">"}


def sound_display(text: str, tag: str, boundaries: tuple[str, str]) -> str:
    """The sound's description between ``boundaries``, never doubled.

    The description is the display text without the brackets it came in; when that is the
    tag itself (any case) or empty, the tag is used (``[laugh]`` → ``[LAUGH]``).
    """
    inner = text.strip()
    opening, closing = boundaries
    if (
        opening
        and closing
        and len(inner) >= len(opening) + len(closing)
        and inner.startswith(opening)
        and inner.endswith(closing)
    ):
        inner = inner[len(opening) : len(inner) - len(closing)].strip()
    while len(inner) >= 2 and _BRACKET_PAIRS.get(inner[0]) == inner[-1]:
        inner = inner[1:-1].strip()
    if not inner or (tag and inner.upper() == tag.upper()):
        inner = tag or inner
    return boundaries[0] + inner + boundaries[1]


def show_sounds(table: TokenTable, boundaries: tuple[str, str]) -> TokenTable:
    """Every sound token's text as :func:`sound_display` shows it."""
    sounds = rows_where(table.is_kind(TokenKind.SOUND)).tolist()
    if not sounds:
        return table
    text = table.text
    new_text: list[str] | None = None
    for i in sounds:
        shown = sound_display(text[i], table.sound_tag(i), boundaries)
        if shown != text[i]:
            if new_text is None:
                new_text = list(text)
            new_text[i] = shown
    return table if new_text is None else table.with_columns(text=new_text)


def strip_square_brackets(table: TokenTable) -> TokenTable:
    """``[`` and ``]`` out of every text; a token left blank by that goes."""
    text = table.text
    hits = [i for i, t in enumerate(text) if "[" in t or "]" in t]
    if not hits:
        return table
    new_text = list(text)
    empty = []
    for i in hits:
        t = new_text[i] = text[i].replace("[", "").replace("]", "")
        if not t.strip():
            empty.append(i)
    table = table.with_columns(text=new_text)
    if not empty:
        return table
    drop = np.zeros(len(table), dtype=np.bool_)
    drop[empty] = True
    return drop_rows(table, drop)


def force_case(table: TokenTable, case: str) -> TokenTable:
    """Every text in ``case`` (``upper`` or ``lower``; anything else leaves it)."""
    if case == "upper":
        return table.with_columns(text=[t.upper() for t in table.text])
    if case == "lower":
        return table.with_columns(text=[t.lower() for t in table.text])
    return table


def styled(text: str, *, strip: bool, case: str) -> str:
    """One text as :func:`strip_square_brackets` and :func:`force_case` leave it."""
    if strip:
        text = text.replace("[", "").replace("]", "")
    if case == "upper":
        return text.upper()
    if case == "lower":
        return text.lower()
    return text
