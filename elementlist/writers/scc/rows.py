"""A row of text as SCC words: standard characters two to a pair, code pairs doubled.

The rules (scc.md 2.2, 2.6): a special or extended character is a two-byte code, so it
starts on a pair boundary (a standard character left alone before it is padded with
``80``, i.e. 0x00) and is sent twice, like every code; an extended character follows the
standard character it replaces. The same code twice in a row (``♪♪``) gets a ``8080``
between its two doubled pairs, so a decoder that drops a repeat only once (CEA-608's rule)
and one that resets on padding both show it twice. FFmpeg's decoder drops every repeat of
an identical pair, padding or not, so it shows such a run once.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...cea608 import EXTENDED, ROWS, SPECIAL, STANDARD
from .charset import is_plain
from .codes import HEX, NULL_PAIR, PARITY, Channel

_PAD = 0x00
_WITH_PARITY = bytes(PARITY) + bytes(128)  # bytes.translate table: a byte → with parity
_PADDING = bytes([PARITY[_PAD]])


Words = tuple[str, int]  # words joined by spaces, and how many (the frames they take)


def text_words(text: str, channel: Channel) -> Words:
    """The words that write ``text`` (characters of :data:`~.charset.REPERTOIRE` only)."""
    if is_plain(text):  # C-level passes: parity by translate, then hex in pairs
        data = text.encode("ascii").translate(_WITH_PARITY)
        if len(data) % 2:
            data += _PADDING
        return data.hex(" ", -2), len(data) // 2
    words = _code_words(text, channel)
    return " ".join(words), len(words)


def _code_words(text: str, channel: Channel) -> list[str]:
    words: list[str] = []
    pending: int | None = None  # a standard byte waiting for the second half of its pair
    last_code = ""
    for char in text:
        byte = STANDARD.get(char)
        code = ""
        if byte is None:
            if char in SPECIAL:
                code = channel.two_byte(0x11, SPECIAL[char])
            else:
                first, second, fallback = EXTENDED[char]
                code = channel.two_byte(first, second)
                byte = STANDARD[fallback]
        if byte is not None:
            if pending is None:
                pending = byte
            else:
                words.append(HEX[pending] + HEX[byte])
                pending = None
                last_code = ""
        if code:
            if pending is not None:
                words.append(HEX[pending] + HEX[_PAD])
                pending = None
                last_code = ""
            if code == last_code:
                words.append(NULL_PAIR)
            words += (code, code)
            last_code = code
    if pending is not None:
        words.append(HEX[pending] + HEX[_PAD])
    return words


def row_words(text: str, row: int, channel: Channel, *, centre: bool) -> Words:
    """A preamble address code for ``row`` (doubled), then the text. Centred rows start at
    column ``(32 - width) // 2``."""
    preamble, size = channel.preambles[row][(32 - len(text)) // 2 if centre else 0]
    words, count = text_words(text, channel)
    return f"{preamble} {words}", size + count


def bottom_rows_words(rows: Sequence[str], channel: Channel) -> Words:
    """Each row with its preamble, centred, on the bottom rows: an n-row caption on rows
    16 − n … 15 (pop-on and paint-on)."""
    preambles = channel.preambles
    row = ROWS + 1 - len(rows)
    parts, total = [], 0
    for text in rows:
        preamble, size = preambles[row][(32 - len(text)) // 2]
        if is_plain(text):  # text_words, inline: the hot path
            data = text.encode("ascii").translate(_WITH_PARITY)
            if len(data) % 2:
                data += _PADDING
            parts.append(f"{preamble} {data.hex(' ', -2)}")
            total += size + len(data) // 2
        else:
            words, count = text_words(text, channel)
            parts.append(f"{preamble} {words}")
            total += size + count
        row += 1
    return " ".join(parts), total


def split_words(words: str, at: int) -> tuple[str, str]:
    """``words`` cut before word ``at`` (``at`` + 1 when that would separate the two copies
    of a doubled code): the two parts."""
    listed = words.split(" ")
    if 0 < at < len(listed):
        word = listed[at]
        if word == listed[at - 1] and 0x10 <= int(word[:2], 16) & 0x7F <= 0x1F:
            at += 1
    return " ".join(listed[:at]), " ".join(listed[at:])
