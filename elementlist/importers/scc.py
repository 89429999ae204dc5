"""SCC (Scenarist Closed Captions: CEA-608 line 21 byte pairs as hex) → cues.

A file is the ``Scenarist_SCC V1.0`` header, then lines ``TIMECODE<TAB>WORD WORD …``; each
word is one byte pair, sent on one frame (the line's time code is the frame of its first
word). Time codes with ``;`` are 29.97 drop-frame, with ``:`` 29.97 non-drop (30 fps
files use ``:`` too and cannot be told apart; they differ by 0.1 %). ``.`` and ``,`` are
read as ``;``. The pairs are decoded as a CEA-608 decoder shows them, for one caption
channel (the one of the file's first control code; the others are skipped):

- Bit 7 of each byte is odd parity and is dropped (a file written without parity reads the
  same). A code pair (first byte 0x10–0x1F) sent twice in a row is acted on once; a
  third copy counts again (the rule of CEA-608: it is the *repeat* that is dropped).
- Pop-on (``RCL``): text goes to the hidden memory; ``EOC`` swaps the memories, so a cue
  starts at its EOC and ends at the next EOC or ``EDM``. Paint-on (``RDC``): text goes onto
  the screen; a cue starts at its first character (or preamble) after an erase and ends at
  the next ``EDM``. Roll-up (``RU2``/``RU3``/``RU4``): each row is a cue, from the ``CR``
  that starts it to the next CR or EDM. ``ENM`` erases the hidden memory, ``BS`` the
  character before the cursor, ``DER`` to the end of the row.
- Preamble address codes set the row and the indent, tab offsets move the cursor; the
  standard characters are CEA-608's (``*`` is á, ``\\`` é …), the special characters
  (0x11 0x30–0x3F, the transparent space a space) and the extended ones (0x12/0x13
  0x20–0x3F), which replace the character before them, as CEA-608 sends them after a
  standard fallback. Mid-row codes are a space; colours, italics and underline are dropped.

Each cue's rows, top to bottom, are the cue's lines; :mod:`.cues` makes words of them
(times shared by character length, speaker marks, sound tags) as for every caption file.
"""

from __future__ import annotations

import re

from ..cea608 import COLUMNS, EXTENDED, ROWS, SCC_HEADER, SPECIAL, STANDARD, TRANSPARENT_SPACE_CODE
from ..errors import ElementListError
from ..scc_timecode import FRAME_RATES, FrameRate
from .cues import Cue, Run, draft_of
from .draft import Draft
from .timing import MS_PER_CHARACTER

_LINE = re.compile(
    r"^[ \t]*(?P<tc>\d{2,}:\d{2}:\d{2}[:;.,]\d{2})"
    r"[ \t]+(?P<words>[0-9A-Fa-f]{4}(?:[ \t]+[0-9A-Fa-f]{4})*)[ \t]*$"
)

# CEA-608's characters, as it shows each code (the writer's tables, inverted, and the
# extended characters the writer never sends).
_STANDARD: dict[int, str] = {byte: char for char, byte in STANDARD.items()}
_SPECIAL: dict[int, str] = {code: char for char, code in SPECIAL.items()}
_SPECIAL[TRANSPARENT_SPACE_CODE] = " "
_EXTENDED: dict[tuple[int, int], str] = {(a, b): char for char, (a, b, _) in EXTENDED.items()}
_EXTENDED.update(
    {
        (0x12, 0x26): "‘", (0x12, 0x29): "’", (0x12, 0x2A): "—", (0x12, 0x2D): "•",
        (0x12, 0x2E): "“", (0x12, 0x2F): "”", (0x13, 0x37): "│",
        (0x13, 0x3C): "┌", (0x13, 0x3D): "┐", (0x13, 0x3E): "└", (0x13, 0x3F): "┘",
    }
)  # fmt: skip

# Miscellaneous control codes (second byte, after 0x14/0x15, or 0x1C/0x1D on channel 2)
RCL, BS, DER, RU2, RU3, RU4, RDC, EDM, CR, ENM, EOC = (
    0x20, 0x21, 0x24, 0x25, 0x26, 0x27, 0x29, 0x2C, 0x2D, 0x2E, 0x2F,
)  # fmt: skip
_ROLL_UP = (RU2, RU3, RU4)

# preamble address codes: (first byte & 0x07, second byte & 0x20) → row
_PAC_ROW: dict[tuple[int, int], int] = {}
for _row, (_first, _second) in enumerate(
    (
        (0x11, 0x40), (0x11, 0x60), (0x12, 0x40), (0x12, 0x60), (0x15, 0x40),
        (0x15, 0x60), (0x16, 0x40), (0x16, 0x60), (0x17, 0x40), (0x17, 0x60),
        (0x10, 0x40), (0x13, 0x40), (0x13, 0x60), (0x14, 0x40), (0x14, 0x60),
    ),
    start=1,
):  # fmt: skip
    _PAC_ROW[(_first & 0x07, _second & 0x20)] = _row

POP_ON, ROLL_UP, PAINT_ON = "pop_on", "roll_up", "paint_on"


def detect(text: str) -> bool:
    first = text.lstrip("\ufeff \t\r\n")[: len(SCC_HEADER) + 8]
    return first.startswith(SCC_HEADER)


Memory = dict[int, list[str | None]]


def _row_text(cells: list[str | None]) -> str:
    return "".join(c if c is not None else " " for c in cells).strip()


def _text(memory: Memory) -> str:
    rows = [_row_text(memory[row]) for row in sorted(memory)]
    return "\n".join(row for row in rows if row)


class _Decoder:
    """One caption channel's memories, cursor and mode; the cues it has shown."""

    def __init__(self, rate: FrameRate) -> None:
        self.rate = rate
        self.mode = POP_ON
        self.displayed: Memory = {}
        self.hidden: Memory = {}
        self.row = ROWS
        self.column = 0
        self.shown_at: int | None = None  # the frame the displayed text appeared
        self.cues: list[Cue] = []

    # --- cues ---
    def _ms(self, frame: int) -> int:
        return round(self.rate.ms_at(frame))

    def _emit(self, memory: Memory, start: int | None, end: int | None) -> None:
        """A cue of ``memory``'s text, shown from frame ``start`` to ``end`` (None: never
        erased, the file ends first: the time its characters take at a nominal rate)."""
        text = _text(memory)
        if text and start is not None:
            on = self._ms(start)
            off = self._ms(end) if end is not None else on + MS_PER_CHARACTER * (len(text) + 1)
            self.cues.append(Cue(on, max(off, on + 1), [Run(text)]))

    def _clear_screen(self, frame: int) -> None:
        self._emit(self.displayed, self.shown_at, frame)
        self.displayed = {}
        self.shown_at = None

    def finish(self) -> None:
        self._emit(self.displayed, self.shown_at, None)

    # --- writing ---
    @property
    def _target(self) -> Memory:
        return self.hidden if self.mode == POP_ON else self.displayed

    def _cells(self) -> list[str | None]:
        memory = self._target
        if self.row not in memory:
            memory[self.row] = [None] * COLUMNS
        return memory[self.row]

    def write(self, char: str, frame: int) -> None:
        if self.mode != POP_ON and self.shown_at is None:
            self.shown_at = frame
        self._cells()[self.column] = char
        self.column = min(self.column + 1, COLUMNS - 1)

    def backspace(self) -> None:
        if self.column > 0:
            self.column -= 1
            self._cells()[self.column] = None

    def preamble(self, row: int, indent: int, frame: int) -> None:
        if self.mode == ROLL_UP:
            row = ROWS if row < 1 else row
            if self.row != row and self.row in self.displayed:  # the base row moves
                self.displayed[row] = self.displayed.pop(self.row)
        elif self.mode == PAINT_ON and self.shown_at is None:
            self.shown_at = frame
        self.row, self.column = row, indent

    def control(self, code: int, frame: int) -> None:
        if code == RCL:
            self.mode = POP_ON
        elif code == RDC:
            if self.mode == ROLL_UP:
                self._clear_screen(frame)
            self.mode = PAINT_ON
        elif code in _ROLL_UP:
            if self.mode != ROLL_UP:
                self._clear_screen(frame)
                self.row, self.column = ROWS, 0
            self.mode = ROLL_UP
        elif code == EDM:
            self._clear_screen(frame)
        elif code == ENM:
            self.hidden = {}
        elif code == EOC:
            self._clear_screen(frame)
            self.displayed, self.hidden = self.hidden, {}
            self.shown_at = frame
            self.mode = POP_ON
        elif code == CR and self.mode == ROLL_UP:
            base = {self.row: self.displayed[self.row]} if self.row in self.displayed else {}
            self._emit(base, self.shown_at, frame)
            self.displayed = {}  # the rows above have been shown: only the new row counts
            self.shown_at = frame
            self.column = 0
        elif code == BS:
            self.backspace()
        elif code == DER:
            cells = self._cells()
            for k in range(self.column, COLUMNS):
                cells[k] = None


def _frame_of(label: str, name: str | None, number: int) -> tuple[int, FrameRate]:
    separator = label[-3]
    rate = FRAME_RATES["29.97ndf" if separator == ":" else "29.97df"]
    if separator != rate.separator:
        label = label[:-3] + rate.separator + label[-2:]
    try:
        return rate.frame_of(label), rate
    except ValueError as exc:
        raise ElementListError(f"line {number}: {exc}", source=name) from None


def cues_of(text: str, name: str | None) -> list[Cue]:
    """The cues the file shows, in order."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    decoder: _Decoder | None = None
    channel: int | None = None  # data channel (1, 2) of the first control code
    current = 0  # the data channel the last code selected: text goes to it
    last_code = -1
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.strip().startswith(SCC_HEADER):
            continue
        match = _LINE.match(line)
        if match is None:
            raise ElementListError(
                f"line {number}: not a line of SCC ('HH:MM:SS;FF<TAB>9420 9420 …'): "
                f"{line.strip()[:40]!r}",
                source=name,
            )
        start, rate = _frame_of(match.group("tc"), name, number)
        if decoder is None:
            decoder = _Decoder(rate)
        for k, word in enumerate(match.group("words").split()):
            frame = start + k
            value = int(word, 16)
            b1, b2 = (value >> 8) & 0x7F, value & 0x7F
            if not 0x10 <= b1 <= 0x1F:
                last_code = -1
                if b1 == 0 and b2 == 0:
                    continue
                if channel is None or current != channel:
                    continue
                for byte in (b1, b2):
                    if byte >= 0x20:
                        decoder.write(_STANDARD.get(byte, "?"), frame)
                continue
            code = (b1 << 8) | b2
            if code == last_code:  # the repeat of a code pair: sent twice, acted on once
                last_code = -1
                continue
            last_code = code
            data_channel = 2 if b1 & 0x08 else 1
            b1 &= 0x17
            if channel is None:
                channel = data_channel
            current = data_channel
            if data_channel != channel:
                continue
            _code(decoder, b1, b2, frame)
    if decoder is None:
        raise ElementListError("no captions: no line of byte pairs after the header", source=name)
    decoder.finish()
    return decoder.cues


def _code(decoder: _Decoder, b1: int, b2: int, frame: int) -> None:
    """A code pair of the decoded channel (``b1`` without its channel bit)."""
    if 0x40 <= b2 <= 0x7F:  # preamble address code
        row = _PAC_ROW.get((b1 & 0x07, b2 & 0x20))
        if row is not None:
            indent = ((b2 & 0x0E) >> 1) * 4 if b2 & 0x10 else 0
            decoder.preamble(row, indent, frame)
        return
    if b1 in (0x14, 0x15) and 0x20 <= b2 <= 0x2F:
        decoder.control(b2, frame)
    elif b1 == 0x17 and 0x21 <= b2 <= 0x23:  # tab offset
        decoder.column = min(decoder.column + b2 - 0x20, COLUMNS - 1)
    elif b1 == 0x11 and 0x30 <= b2 <= 0x3F:
        decoder.write(_SPECIAL.get(b2, "?"), frame)
    elif b1 == 0x11 and 0x20 <= b2 <= 0x2F:  # a mid-row code takes a cell: a space
        decoder.write(" ", frame)
    elif b1 in (0x12, 0x13) and 0x20 <= b2 <= 0x3F:  # replaces the fallback before it
        decoder.backspace()
        decoder.write(_EXTENDED.get((b1, b2), "?"), frame)


def read(text: str, name: str | None) -> Draft:
    return draft_of(cues_of(text, name))
