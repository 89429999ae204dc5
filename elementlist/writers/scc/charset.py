"""CEA-608's characters, and what the SCC writer sends for any other character.

Three sets can be shown (scc.md 2.6):

- the **standard** set, one byte each: ASCII 0x20–0x7F except ten positions that hold other
  characters (0x2A á, 0x5C é, 0x5E í, 0x5F ó, 0x60 ú, 0x7B ç, 0x7C ÷, 0x7D Ñ, 0x7E ñ,
  0x7F █), so ``*``, ``\\``, ``^``, ``_``, `````, ``{``, ``|``, ``}``, ``~`` are not in it;
- the **special** set, a two-byte code each (0x11 0x30–0x3F): ® ° ½ ¿ ™ ¢ £ ♪ à, the
  transparent space, è â ê î ô û;
- the **extended** Western-European sets, a two-byte code each (0x12 / 0x13 0x20–0x3F),
  sent after a standard character that a decoder without them keeps (``E`` then ``É``:
  the extended code replaces the character before it).

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

STANDARD: dict[str, int] = {chr(b): b for b in range(0x20, 0x80)}
for _byte, _char in {
    0x2A: "á", 0x5C: "é", 0x5E: "í", 0x5F: "ó", 0x60: "ú",
    0x7B: "ç", 0x7C: "÷", 0x7D: "Ñ", 0x7E: "ñ", 0x7F: "█",
}.items():  # fmt: skip
    del STANDARD[chr(_byte)]
    STANDARD[_char] = _byte

# Special characters: the second byte after 0x11. The transparent space (0x39) is never
# sent: no text asks for it, and centring uses tab offsets (see popon.py).
SPECIAL: dict[str, int] = {
    **{char: 0x30 + i for i, char in enumerate("®°½¿™¢£♪à")},
    **{char: 0x3A + i for i, char in enumerate("èâêîôû")},
}
TRANSPARENT_SPACE_CODE = 0x39

# Extended characters: (first byte, second byte, the standard character sent before it).
EXTENDED: dict[str, tuple[int, int, str]] = {
    "Á": (0x12, 0x20, "A"), "É": (0x12, 0x21, "E"), "Ó": (0x12, 0x22, "O"),
    "Ú": (0x12, 0x23, "U"), "Ü": (0x12, 0x24, "U"), "ü": (0x12, 0x25, "u"),
    "¡": (0x12, 0x27, "!"), "*": (0x12, 0x28, "."), "©": (0x12, 0x2B, "c"),
    "℠": (0x12, 0x2C, "S"),
    "À": (0x12, 0x30, "A"), "Â": (0x12, 0x31, "A"), "Ç": (0x12, 0x32, "C"),
    "È": (0x12, 0x33, "E"), "Ê": (0x12, 0x34, "E"), "Ë": (0x12, 0x35, "E"),
    "ë": (0x12, 0x36, "e"), "Î": (0x12, 0x37, "I"), "Ï": (0x12, 0x38, "I"),
    "ï": (0x12, 0x39, "i"), "Ô": (0x12, 0x3A, "O"), "Ù": (0x12, 0x3B, "U"),
    "ù": (0x12, 0x3C, "u"), "Û": (0x12, 0x3D, "U"), "«": (0x12, 0x3E, '"'),
    "»": (0x12, 0x3F, '"'),
    "Ã": (0x13, 0x20, "A"), "ã": (0x13, 0x21, "a"), "Í": (0x13, 0x22, "I"),
    "Ì": (0x13, 0x23, "I"), "ì": (0x13, 0x24, "i"), "Ò": (0x13, 0x25, "O"),
    "ò": (0x13, 0x26, "o"), "Õ": (0x13, 0x27, "O"), "õ": (0x13, 0x28, "o"),
    "{": (0x13, 0x29, "("), "}": (0x13, 0x2A, ")"), "\\": (0x13, 0x2B, "/"),
    "^": (0x13, 0x2C, "'"), "_": (0x13, 0x2D, "-"), "|": (0x13, 0x2E, "!"),
    "~": (0x13, 0x2F, "-"),
    "Ä": (0x13, 0x30, "A"), "ä": (0x13, 0x31, "a"), "Ö": (0x13, 0x32, "O"),
    "ö": (0x13, 0x33, "o"), "ß": (0x13, 0x34, "s"), "¥": (0x13, 0x35, "Y"),
    "¤": (0x13, 0x36, "$"), "Å": (0x13, 0x38, "A"), "å": (0x13, 0x39, "a"),
    "Ø": (0x13, 0x3A, "O"), "ø": (0x13, 0x3B, "o"),
}  # fmt: skip

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
