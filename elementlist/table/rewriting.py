"""Rewriting words: slang, regional spelling, profanity (steps 3-5 of
:func:`~elementlist.table.transforms.apply_transforms`).

A whole word is looked up (lower case, the punctuation around it kept), and a replacement
carries the case of the word it replaces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..document.vocabulary import TokenKind
from ..options.classes import CaptionOptions, TranscriptOptions
from .text import clean_text, is_clean
from .token_table import TokenTable, rows_where
from .wordlists import WORD_EDGE_PUNCTUATION, WordLists

Options = CaptionOptions | TranscriptOptions
Rewrite = Callable[[str], tuple[str, str | None]]


def word_rewriter(options: Options, lists: WordLists) -> Rewrite | None:
    """A function text → (display text, new value or None), or None if nothing applies.

    The value changes when slang or spelling reworded the text; masking changes only the
    display text.
    """
    slang = lists.slang if options.replace_slang and lists.slang else None
    code = options.replace_english_spelling
    spelling = lists.spelling.get(code) if code else None
    spelling = spelling or None
    profanity = lists.profanity if options.mask_profanity and lists.profanity else None
    if slang is None and spelling is None and profanity is None:
        return None

    def rewrite(text: str) -> tuple[str, str | None]:
        out = text
        if slang is not None:
            out = swap_word(out, slang)
        if spelling is not None:
            out = swap_word(out, spelling)
        value = out.lower() if out != text else None
        if profanity is not None:
            out = mask_word(out, profanity)
        if value is not None and not is_clean(out):  # a replacement from the caller's list
            out = clean_text(out)
        return out, value

    return rewrite


def rewrite_words(table: TokenTable, rewrite: Rewrite) -> TokenTable:
    """``rewrite`` applied to every word token's text (once per distinct text)."""
    words = rows_where(table.is_kind(TokenKind.WORD)).tolist()
    cache: dict[str, tuple[str, str | None]] = {}
    text = table.text
    new_text: list[str] | None = None
    new_value: list[str] | None = None
    for i in words:
        t = text[i]
        hit = cache.get(t)
        if hit is None:
            hit = cache[t] = rewrite(t)
        shown, value = hit
        if shown != t:
            if new_text is None:
                new_text = list(text)
            new_text[i] = shown
        if value is not None:
            if new_value is None:
                new_value = list(table.value)
            new_value[i] = value
    if new_text is None and new_value is None:
        return table
    return replace(
        table,
        text=new_text if new_text is not None else table.text,
        value=new_value if new_value is not None else table.value,
    )


def _split_edges(text: str) -> tuple[str, str, str]:
    start = len(text) - len(text.lstrip(WORD_EDGE_PUNCTUATION))
    stop = len(text.rstrip(WORD_EDGE_PUNCTUATION))
    if stop <= start:
        return text, "", ""
    return text[:start], text[start:stop], text[stop:]


def match_case(original: str, replacement: str) -> str:
    """Carry the case of ``original`` over: ALL CAPS stays all caps, a capital first
    letter stays a capital; otherwise the replacement as it is."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    first = next((c for c in original if c.isalpha()), "")
    if first.isupper():
        index = next((k for k, c in enumerate(replacement) if c.isalpha()), 0)
        return (
            replacement[:index] + replacement[index : index + 1].upper() + replacement[index + 1 :]
        )
    return replacement


def swap_word(text: str, table: dict[str, str] | Any) -> str:
    """Replace a whole word found in ``table`` (lower-case keys), keeping its case and the
    punctuation around it."""
    hit = table.get(text.lower())
    if hit is not None:
        return match_case(text, hit)
    lead, core, trail = _split_edges(text)
    if core and (lead or trail):
        hit = table.get(core.lower())
        if hit is not None:
            return lead + match_case(core, hit) + trail
    return text


def mask_word(text: str, profanity: frozenset[str]) -> str:
    """``shit`` → ``s***``: keep the first letter, mask the rest (edge punctuation kept)."""
    lead, core, trail = _split_edges(text)
    if core and core.lower() in profanity:
        return lead + core[0] + "*" * (len(core) - 1) + trail
    return text
