"""What the SCC writer sends for any character: CEA-608's own (its three sets, in
:mod:`elementlist.cea608`), else a transliteration.

We send an extended code only where FFmpeg's and ttconv's decoders agree with CEA-608 on
the character. Where they do not (0x12 0x26 ‘, 0x12 0x29 ’, 0x12 0x2A —, 0x12 0x2D •,
0x13 0x37 and the box corners 0x13 0x3C–0x3F), for the curly double quotes (written
straight like the single ones), and for everything else, the text is
transliterated (:data:`TRANSLITERATIONS`, then Unicode decomposition without the accents);
a character that none of this covers is written as ``?`` and counted (never a blank).
:func:`transliterate` is what a CEA-608 decoder shows for a line of text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import regex

from ...cea608 import EXTENDED, SPECIAL, STANDARD

# What we write for characters no set holds (before Unicode decomposition is tried).
TRANSLITERATIONS: dict[str, str] = {
    # quotation marks: straight (the extended curly quotes are not read alike, see above)
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "ʼ": "'", "`": "'", "´": "'",
    "‹": "<", "›": ">", "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    # dashes and bullets
    "—": "--", "―": "--", "–": "-", "‐": "-", "‑": "-", "‒": "-", "−": "-", "⁄": "/",
    "•": "*", "·": ".", "¦": "|", "ˆ": "^", "˜": "~",
    # letters without a decomposition
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
    "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t",
    "Ŧ": "T", "ŋ": "n", "Ŋ": "N", "ẞ": "SS", "ſ": "s",
    # symbols
    "€": "EUR", "♫": "♪", "♬": "♪", "×": "x",
}  # fmt: skip

# The characters we send as themselves. The extended set's curly double quotes (0x12 0x2E,
# 0x2F) are left out: we write every quotation mark straight (one cell, one byte, and the
# single ones have no code both decoders read alike).
REPERTOIRE = frozenset(STANDARD) | frozenset(SPECIAL) | frozenset(EXTENDED)

MISSING = "?"  # what a character CEA-608 cannot show at all is written as

_ALL_PLAIN = re.compile(r"[ !\"#$%&'()+,\-./0-9:;<=>?@A-Z\[\]a-z]*")
_GRAPHEME = regex.compile(r"\X")


def is_plain(text: str) -> bool:
    """True when every character of ``text`` is a standard character that is its own
    ASCII byte (the fast path: most caption text)."""
    return _ALL_PLAIN.fullmatch(text) is not None


def transliterate(text: str, missing: list[str] | None = None) -> str:
    """``text`` as a CEA-608 decoder shows it: every character in :data:`REPERTOIRE`.

    Unicode spaces become a space; invisible format characters (joiners, bidi marks, soft
    hyphens, variation selectors) are left out; a character no set holds is transliterated
    (:data:`TRANSLITERATIONS`, else its Unicode decomposition without accents); a grapheme
    that is still not showable becomes ``?`` and is appended to ``missing``.

    >>> transliterate("Élan — “ok” ½ łódź 中")
    'Élan -- "ok" ½ lódz ?'
    """
    if is_plain(text):
        return text
    return "".join(_grapheme(g, missing) for g in _GRAPHEME.findall(text))


def _grapheme(cluster: str, missing: list[str] | None) -> str:
    composed = unicodedata.normalize("NFC", cluster)
    if composed in REPERTOIRE:
        return composed
    if composed in TRANSLITERATIONS:
        return TRANSLITERATIONS[composed]
    shown = "".join(_character(c) for c in composed)
    if shown or all(_invisible(c) for c in composed):
        return shown
    if missing is not None:
        missing.append(cluster)
    return MISSING


def _character(char: str) -> str:
    """One character of a grapheme: itself, its transliteration, its decomposition
    without marks, or "" (a mark, an invisible character, or nothing showable)."""
    if char in REPERTOIRE:
        return char
    if char in TRANSLITERATIONS:
        return TRANSLITERATIONS[char]
    category = unicodedata.category(char)
    if category == "Zs":
        return " "
    if category[0] == "M" or _invisible(char):
        return ""
    decomposed = unicodedata.normalize("NFKD", char)
    if decomposed == char:
        return ""
    return "".join(_character(c) for c in decomposed)


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cf", "Mn", "Me")


def missing_summary(characters: Iterable[str], limit: int = 5) -> str:
    """``'中' U+4E2D ×2, '😀' U+1F600`` for the characters written as ``?``."""
    counts: dict[str, int] = {}
    for char in characters:
        counts[char] = counts.get(char, 0) + 1
    shown = []
    for char, count in list(counts.items())[:limit]:
        points = " ".join(f"U+{ord(c):04X}" for c in char)
        times = f" ×{count}" if count > 1 else ""
        shown.append(f"{char!r} {points}{times}")
    more = len(counts) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
