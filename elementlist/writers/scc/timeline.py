"""The one frame timeline every SCC mode schedules on, and what a schedule produces.

CEA-608 carries one byte pair per frame. A schedule puts every word of the file on its own
frame, in order; a line of the file (:class:`Block`) is a run of words on consecutive
frames, and its time code is the frame of its first word. Each mode (popon.py, rollup.py,
painton.py) turns cues into blocks and records, for each cue, the frame it shows from and
the frame it goes (:class:`Shown`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

MIN_SHOW = 15  # frames every caption stays on screen at least (≈ 0.5 s)
CLEAR_GAP = 6  # an erase is sent only when the next caption shows more than this later


@dataclass(frozen=True, slots=True)
class Cue:
    """One caption as SCC shows it: its rows (CEA-608 text, ≤ 32 columns each) and the
    frames its caption asks for."""

    rows: tuple[str, ...]
    on: int
    off: int


@dataclass(frozen=True, slots=True)
class Shown:
    """What the schedule made of a cue (or, in roll-up, of one row): the frame it appears
    (pop-on: the first EOC; roll-up: the CR; paint-on: the first preamble address code),
    the frame it is erased or replaced, and the frame it asked for."""

    rows: tuple[str, ...]
    on: int
    off: int
    wanted: int

    @property
    def delay(self) -> int:
        return self.on - self.wanted


@dataclass(frozen=True, slots=True)
class Block:
    """One line of the file: the frame of its first word, the words (joined by spaces) and
    how many there are."""

    frame: int
    words: str
    count: int

    @property
    def end(self) -> int:
        """The frame after its last word."""
        return self.frame + self.count


@dataclass(slots=True)
class Schedule:
    """The blocks of a file in frame order, and each cue as shown."""

    blocks: list[Block] = field(default_factory=list)
    shown: list[Shown] = field(default_factory=list)

    def add(self, frame: int, words: str, count: int) -> None:
        """Append a block of ``count`` words (joined by spaces) on consecutive frames from
        ``frame``; blocks never overlap and never go backwards."""
        blocks = self.blocks
        if blocks and frame < blocks[-1].end:
            raise AssertionError(
                f"SCC schedule: block at frame {frame} overlaps the one at {blocks[-1].frame}"
            )
        blocks.append(Block(frame, words, count))

    @property
    def delayed(self) -> list[Shown]:
        return [s for s in self.shown if s.on > s.wanted]


def doubled(word: str) -> str:
    """A code sent twice, as block words."""
    return f"{word} {word}"


def merge_short(cues: Sequence[Cue], max_rows: int) -> list[Cue]:
    """Cues with each one shown 15 frames or more where it can be: a cue the next one
    would replace sooner than that is merged with it when their rows fit ``max_rows``
    together (the later text shows less than 15 frames early); otherwise the scheduler
    extends it and the next one waits."""
    merged: list[Cue] = []
    for cue in cues:
        if merged:
            last = merged[-1]
            if cue.on - last.on < MIN_SHOW and len(last.rows) + len(cue.rows) <= max_rows:
                merged[-1] = Cue(last.rows + cue.rows, last.on, max(last.off, cue.off))
                continue
        merged.append(cue)
    return merged
