"""CEA-608 (line 21 captions) as both SCC modules read it: the character sets, the grid, and
the SCC file's first line. The writer (:mod:`elementlist.writers.scc`) and the importer
(:mod:`elementlist.importers.scc`) both take them from here; the bytes of each code and
what the writer does with a character outside the sets stay with the writer.

Three sets can be shown (scc.md 2.6):

- the **standard** set, one byte each: ASCII 0x20–0x7F except ten positions that hold other
  characters (0x2A á, 0x5C é, 0x5E í, 0x5F ó, 0x60 ú, 0x7B ç, 0x7C ÷, 0x7D Ñ, 0x7E ñ,
  0x7F █), so ``*``, ``\\``, ``^``, ``_``, `````, ``{``, ``|``, ``}``, ``~`` are not in it;
- the **special** set, a two-byte code each (0x11 0x30–0x3F): ® ° ½ ¿ ™ ¢ £ ♪ à, the
  transparent space, è â ê î ô û;
- the **extended** Western-European sets, a two-byte code each (0x12 / 0x13 0x20–0x3F),
  sent after a standard character that a decoder without them keeps (``E`` then ``É``:
  the extended code replaces the character before it).
"""

from __future__ import annotations

SCC_HEADER = "Scenarist_SCC V1.0"  # the first line of every SCC file

ROWS = 15  # the screen's rows, 1–15
COLUMNS = 32  # and its columns

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
