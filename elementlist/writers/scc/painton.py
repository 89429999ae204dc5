"""Paint-on: each caption is written straight onto the screen, character by character.

A caption is ``RDC RDC`` (resume direct captioning), then, on its own line, ``EDM EDM``
(the previous caption goes) and, per row, ``PAC PAC`` (``TO TO``) text: the same bottom,
centred rows as pop-on. The caption appears at its first preamble address code, two
frames after the erase; its text is painted as it arrives (scc.md 2.5). Every caption
shows at least 15 frames before the next erase; captions never overlap on the timeline, so
one waits for the one before it to be painted. After a caption, ``EDM EDM`` at its end
when the next caption comes more than 6 frames later (a pause).
"""

from __future__ import annotations

from collections.abc import Sequence

from .codes import EDM, RDC, Channel
from .rows import bottom_rows_words
from .timeline import CLEAR_GAP, MIN_SHOW, Cue, Schedule, Shown, doubled, merge_short

_LEAD = 4  # RDC RDC EDM EDM before the first preamble address code


def schedule_paint_on(cues: Sequence[Cue], channel: Channel, max_rows: int = 4) -> Schedule:
    cues = merge_short(cues, max_rows)
    schedule = Schedule()
    rdc, edm = doubled(channel.control(RDC)), doubled(channel.control(EDM))
    free = 0
    showing: tuple[Cue, int] | None = None  # a caption still on screen, and its frame
    for index, cue in enumerate(cues):
        paint = max(cue.on, free + _LEAD)
        if showing is not None:  # its erase, two frames before we paint, after 15 frames
            paint = max(paint, showing[1] + MIN_SHOW + 2)
            previous, shown_at = showing
            schedule.shown.append(Shown(previous.rows, shown_at, paint - 2, previous.on))
        rows = bottom_rows_words(cue.rows, channel)
        schedule.add(paint - _LEAD, rdc, 2)
        schedule.add(paint - 2, f"{edm} {rows[0]}", 2 + rows[1])
        free = paint + rows[1]
        clear = max(cue.off, paint + MIN_SHOW, free)
        following = cues[index + 1] if index + 1 < len(cues) else None
        if following is None or following.on - clear > CLEAR_GAP:
            schedule.add(clear, edm, 2)
            schedule.shown.append(Shown(cue.rows, paint, clear, cue.on))
            free, showing = clear + 2, None
        else:
            showing = (cue, paint)
    return schedule
