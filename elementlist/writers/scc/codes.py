"""CEA-608 byte pairs as an SCC file spells them: four hex digits, odd parity in bit 7.

Each pair is one frame of line 21. A code pair (control code, preamble address code, tab
offset, special or extended character) starts with a byte 0x10–0x1F; its channel is in
that byte: bit 3 set for data channel 2 (CC2, CC4), and the miscellaneous control codes of
field 2 (CC3, CC4) use 0x15 / 0x1D where field 1 uses 0x14 / 0x1C (CEA-608; ttconv's
``SccControlCode`` holds the same four values per code). Preamble address codes, tab
offsets and special and extended characters are the same in both fields.
"""

from __future__ import annotations

from ...cea608 import COLUMNS, ROWS


def _odd_parity(byte: int) -> int:
    """``byte`` (0–127) with bit 7 set when that makes the number of one bits odd."""
    return byte if bin(byte).count("1") % 2 else byte | 0x80


PARITY: tuple[int, ...] = tuple(_odd_parity(b) for b in range(128))
HEX: tuple[str, ...] = tuple(f"{PARITY[b]:02x}" for b in range(128))

NULL_PAIR = HEX[0] + HEX[0]  # "8080": padding, shown by no decoder


def pair(first: int, second: int) -> str:
    """The SCC word of two 7-bit bytes: ``pair(0x14, 0x20) == "9420"``."""
    return HEX[first] + HEX[second]


# Miscellaneous control codes: the second byte (the first is the channel's, see Channel).
RCL = 0x20  # resume caption loading: pop-on, text goes to the hidden memory
RU2, RU3, RU4 = 0x25, 0x26, 0x27  # roll-up, 2/3/4 rows
RDC = 0x29  # resume direct captioning: paint-on, text goes straight to the screen
EDM = 0x2C  # erase displayed memory
CR = 0x2D  # carriage return: roll the rows up one
ENM = 0x2E  # erase non-displayed memory
EOC = 0x2F  # end of caption: swap the memories, the loaded caption shows

ROLL_UP = {2: RU2, 3: RU3, 4: RU4}

# Preamble address codes, rows 1–15: (first byte on data channel 1, second byte base).
# The second byte adds 0x10 + indent // 2 for "white, indent 0, 4 … 28".
_PAC_ROWS: tuple[tuple[int, int], ...] = (
    (0x11, 0x40), (0x11, 0x60), (0x12, 0x40), (0x12, 0x60), (0x15, 0x40),
    (0x15, 0x60), (0x16, 0x40), (0x16, 0x60), (0x17, 0x40), (0x17, 0x60),
    (0x10, 0x40), (0x13, 0x40), (0x13, 0x60), (0x14, 0x40), (0x14, 0x60),
)  # fmt: skip


class Channel:
    """One caption channel (CC1–CC4) and every code word the writer sends on it."""

    __slots__ = ("data_channel", "field", "name", "preambles")

    def __init__(self, name: str, *, field: int, data_channel: int) -> None:
        self.name = name
        self.field = field  # 1 or 2
        self.data_channel = data_channel  # 1 or 2
        # preambles[row][column]: the words that put the cursor there (see preamble)
        self.preambles: tuple[tuple[tuple[str, int], ...], ...] = tuple(
            tuple(self.preamble(row, column) for column in range(COLUMNS + 1)) if row else ()
            for row in range(ROWS + 1)
        )

    def __repr__(self) -> str:
        return f"Channel({self.name})"

    @property
    def _bit(self) -> int:
        return 0x08 if self.data_channel == 2 else 0x00

    def control(self, code: int) -> str:
        """A miscellaneous control code (RCL, EOC, …) on this channel."""
        return pair((0x14 if self.field == 1 else 0x15) | self._bit, code)

    def pac(self, row: int, indent: int) -> str:
        """The preamble address code of ``row`` (1–15), white, at ``indent`` (0, 4 … 28)."""
        if not 1 <= row <= ROWS or indent % 4 or not 0 <= indent <= 28:
            raise ValueError(f"no preamble address code for row {row}, indent {indent}")
        first, second = _PAC_ROWS[row - 1]
        return pair(first | self._bit, second + 0x10 + indent // 2)

    def tab_offset(self, columns: int) -> str:
        """TO1–TO3: move the cursor ``columns`` (1–3) right without writing a cell."""
        if not 1 <= columns <= 3:
            raise ValueError(f"no tab offset of {columns} columns")
        return pair(0x17 | self._bit, 0x20 + columns)

    def preamble(self, row: int, column: int) -> tuple[str, int]:
        """``PAC PAC`` for ``row`` at the indent at or before ``column`` (0–32), then
        ``TO TO`` for the rest, joined, and how many words: a tab offset moves the cursor
        without writing a cell (a space would be an opaque one)."""
        indent, offset = divmod(min(column, 31), 4)
        pac = self.pac(row, 4 * indent)
        if not offset:
            return f"{pac} {pac}", 2
        tab = self.tab_offset(offset)
        return f"{pac} {pac} {tab} {tab}", 4

    def two_byte(self, first: int, second: int) -> str:
        """A special (first byte 0x11) or extended (0x12, 0x13) character on this channel."""
        return pair(first | self._bit, second)


CHANNELS: dict[str, Channel] = {
    "CC1": Channel("CC1", field=1, data_channel=1),
    "CC2": Channel("CC2", field=1, data_channel=2),
    "CC3": Channel("CC3", field=2, data_channel=1),
    "CC4": Channel("CC4", field=2, data_channel=2),
}


def is_code_word(word: str) -> bool:
    """True for a code pair: its first byte, parity removed, is 0x10–0x1F."""
    return 0x10 <= (int(word[:2], 16) & 0x7F) <= 0x1F
