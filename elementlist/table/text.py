"""Which characters of a document's text may reach an output: the one rule, in one place.

Every text that comes from the document — a token's display text, a speaker's name, a sound
tag — goes through :func:`clean_text` once, in the first step of
:func:`elementlist.table.transforms.apply_transforms`, before any layout, for captions and
transcripts alike. Afterwards no writer is ever handed a line break it did not make, nor a
character that would break its format or reach a terminal as a control sequence.

The rule (docs/formats.md "Text from the document" says the same):

- **Line breaks and tabs become a space.** LF, CR, VT, FF, the separators FS/GS/RS
  (U+001C–U+001E), NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029) and
  TAB: a run of them, with the ASCII spaces around it, becomes one space — or nothing at the
  start or end of the text (``"tw\\r\\no"`` → ``"tw o"``, ``"done\\n"`` → ``"done"``).
- **Controls are dropped:** the other C0 controls (NUL, ESC, U+001F …), DEL and the C1
  controls (U+0080–U+009F).
- **Surrogates:** a high and a low surrogate stored as two code points (a Python ``str``
  can hold them; JSON decoding never makes them) become the character they encode; a lone
  surrogate, which no UTF-8 output can carry, becomes U+FFFD REPLACEMENT CHARACTER.
- **Dropped as well:** the noncharacters (U+FDD0–U+FDEF and the last two code points of
  every plane), U+FEFF (a byte-order mark, never text: ``utf8_mark`` writes one on purpose),
  and the bidi controls that open a scope — the embeddings and overrides LRE, RLE, PDF,
  LRO, RLO (U+202A–U+202E) and the isolates LRI, RLI, FSI, PDI (U+2066–U+2069). Their
  scope would be cut by our line and caption breaks and, left open, reorders the words
  after them up to the end of the player's line (an RLO shows the rest of a line backwards).
- **Kept, as real text:** the bidi marks LRM (U+200E), RLM (U+200F) and ALM (U+061C), which
  have no scope; ZERO WIDTH JOINER and NON-JOINER (U+200D, U+200C), which Arabic, Persian
  and Indic scripts and emoji sequences need; ZERO WIDTH SPACE (U+200B, a word boundary in
  Thai and Khmer), WORD JOINER (U+2060), SOFT HYPHEN, variation selectors, emoji tag
  characters, combining marks, private-use and unassigned code points, and every space
  character (NO-BREAK SPACE, IDEOGRAPHIC SPACE …) as it is.

Clean text costs one C-level scan: :func:`is_clean` asks ``str.isprintable()`` first (true
for nearly all real text, and true only when none of the characters above is present), and
runs the compiled pattern only when that says no.
"""

from __future__ import annotations

import re

# Line breaks (what str.splitlines splits at) and tab.
LINE_BREAK_CHARACTERS = "\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"

_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
_DROPPED = (
    "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"  # C0 but line breaks and tab, DEL, C1 but NEL
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\ufeff" + _NONCHARACTERS
)
_SURROGATES = "\ud800-\udfff"

# Any character clean_text changes.
_UNCLEAN = re.compile(f"[{LINE_BREAK_CHARACTERS}{_DROPPED}{_SURROGATES}]")
_DROP = re.compile(f"[{_DROPPED}]+")
_SURROGATE_PAIR = re.compile("([\ud800-\udbff])([\udc00-\udfff])")
_LONE_SURROGATE = re.compile(f"[{_SURROGATES}]")
# A run of spaces, tabs and line breaks holding at least one break or tab. The look-behind
# lets a match start only at the run's first character, so a long run of spaces costs
# linear time, not quadratic.
_BREAK_RUN = re.compile(f"(?<! ) *[{LINE_BREAK_CHARACTERS}][ {LINE_BREAK_CHARACTERS}]*")

REPLACEMENT_CHARACTER = "\ufffd"


def is_clean(text: str) -> bool:
    """True when :func:`clean_text` would return ``text`` unchanged (one C-level scan)."""
    return text.isprintable() or _UNCLEAN.search(text) is None


def unclean_positions(text: str) -> list[int]:
    """The index of every character :func:`clean_text` would change (for a joined text)."""
    if text.isprintable():
        return []
    return [m.start() for m in _UNCLEAN.finditer(text)]


def _join_pair(pair: re.Match[str]) -> str:
    high, low = ord(pair.group(1)), ord(pair.group(2))
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def clean_text(text: str) -> str:
    """``text`` under the rule of this module (see the module docstring).

    >>> clean_text("3\\n\\n00:00:01,000 --> 00:00:02,000\\ninjected")
    '3 00:00:01,000 --> 00:00:02,000 injected'
    >>> clean_text("\\x1b[31mred\\x00\\t\\u200fok\\ud800")
    '[31mred \\u200fok\\ufffd'
    """
    if is_clean(text):
        return text
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub(REPLACEMENT_CHARACTER, _SURROGATE_PAIR.sub(_join_pair, text))
    text = _DROP.sub("", text)
    end = len(text)

    def one_space(run: re.Match[str]) -> str:
        return "" if run.start() == 0 or run.end() == end else " "

    return _BREAK_RUN.sub(one_space, text)


__all__ = [
    "LINE_BREAK_CHARACTERS",
    "REPLACEMENT_CHARACTER",
    "clean_text",
    "is_clean",
    "unclean_positions",
]
