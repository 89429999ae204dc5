"""Roll-up: rows appear on the base row as their pairs arrive and roll up at each CR.

Each row of each caption is ``CR CR PAC PAC`` text (the preamble: base row 15, column 0),
on a line of its own that starts with the CR; ``RU2``/``RU3``/``RU4`` (doubled, on its own
line just before) enters roll-up at the start and after every erase (scc.md 2.5). A row
appears when its CR arrives: the rows of a caption take its time in proportion to their
characters (the layout gives times per caption, not per row). Each row stays at least 15
frames before the next CR; rows never overlap on the timeline, so a row waits for the one
before it to be sent. ``EDM EDM`` clears the window after a caption when the next caption
shows more than 6 frames after its end (a pause); otherwise the rows keep rolling.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...cea608 import ROWS
from .codes import CR, EDM, ROLL_UP, Channel
from .rows import text_words
from .timeline import CLEAR_GAP, MIN_SHOW, Cue, Schedule, Shown, doubled


def row_times(cue: Cue) -> list[int]:
    """The frame each row of ``cue`` asks to appear at: the cue's time shared by characters."""
    total = sum(len(row) for row in cue.rows) or 1
    span = max(cue.off - cue.on, 0)
    times, before = [], 0
    for row in cue.rows:
        times.append(cue.on + span * before // total)
        before += len(row)
    return times


def schedule_roll_up(cues: Sequence[Cue], channel: Channel, depth: int) -> Schedule:
    schedule = Schedule()
    roll_up, edm = doubled(channel.control(ROLL_UP[depth])), doubled(channel.control(EDM))
    cr, base = channel.control(CR), channel.pac(ROWS, 0)
    preamble = f"{cr} {cr} {base} {base}"
    free = 0
    last: tuple[str, int, int] | None = None  # the row on the base row: text, frame, wanted
    for index, cue in enumerate(cues):
        for text, wanted in zip(cue.rows, row_times(cue), strict=True):
            entering = last is None
            at = max(wanted, free + (2 if entering else 0))
            if last is not None:
                at = max(at, last[1] + MIN_SHOW)
                schedule.shown.append(Shown((last[0],), last[1], at, last[2]))
            else:
                schedule.add(at - 2, roll_up, 2)
            words, count = text_words(text, channel)
            schedule.add(at, f"{preamble} {words}", 4 + count)
            free = at + 4 + count
            last = (text, at, wanted)
        if last is None:
            continue
        clear = max(cue.off, last[1] + MIN_SHOW, free)
        following = cues[index + 1] if index + 1 < len(cues) else None
        if following is None or following.on - clear > CLEAR_GAP:
            schedule.add(clear, edm, 2)
            schedule.shown.append(Shown((last[0],), last[1], clear, last[2]))
            free, last = clear + 2, None
    return schedule
