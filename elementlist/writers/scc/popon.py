"""Pop-on: each caption is loaded into the hidden memory and shown whole at its EOC.

A caption is ``RCL RCL ENM ENM`` and, per row, ``PAC PAC`` (``TO TO``) text, then
``EOC EOC`` on its own line at the display frame, and ``EDM EDM`` on its own line at its
end (scc.md 2.4). Rows sit at the bottom: an n-row caption on rows 16 − n … 15, centred.

Scheduling, one caption after the other (greedy and exact):

- The display frame D is the caption's start, but at least 15 frames after the previous
  display (every caption shows for 15 frames or more: a shorter one is extended; the next
  one waits for it).
- The load goes as late as it can: it ends the frame before D, so a block starts as many
  frames before its display as it has pairs. It may run while the previous caption shows
  (it writes to the hidden memory) but never before the previous EOC: where that is too
  early, D moves later by the fewest frames (the caption is *delayed*).
- The previous caption's EDM goes at its end (at least 15 frames after its display) when
  the next EOC comes more than 6 frames later; otherwise the EOC replaces it. When the two
  EDM pairs inside the load window would delay the next caption, the EDM is left out (the
  previous caption stays until the next replaces it), since a late caption costs more
  than a late erase. An EDM inside the load window splits the load around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from .codes import EDM, ENM, EOC, RCL, Channel
from .rows import Words, bottom_rows_words, split_words
from .timeline import CLEAR_GAP, MIN_SHOW, Cue, Schedule, Shown, doubled, merge_short


def load_words(rows: tuple[str, ...], channel: Channel) -> Words:
    """``RCL RCL ENM ENM`` and each row with its preamble (bottom rows, centred)."""
    words, count = bottom_rows_words(rows, channel)
    return f"{_prefix(channel)} {words}", count + 4


@cache
def _prefix(channel: Channel) -> str:
    return f"{doubled(channel.control(RCL))} {doubled(channel.control(ENM))}"


def schedule_pop_on(cues: Sequence[Cue], channel: Channel, max_rows: int = 4) -> Schedule:
    cues = merge_short(cues, max_rows)
    schedule = Schedule()
    eoc, edm = doubled(channel.control(EOC)), doubled(channel.control(EDM))
    previous: Cue | None = None
    previous_on = 0
    free = 0  # the first frame a load may use (after the previous EOC pair)
    for cue in cues:
        load = load_words(cue.rows, channel)
        length = load[1]
        display = max(cue.on, length)
        erase: int | None = None
        if previous is not None:
            display = max(display, previous_on + MIN_SHOW)
            clear = max(previous.off, previous_on + MIN_SHOW)
            if display - clear > CLEAR_GAP:
                if display - free - 2 >= length:
                    erase = clear
                elif display - free < length:  # late either way: keep the erase
                    display = free + length + 2
                    erase = clear
            display = max(display, free + length)
        start = display - length
        if erase is not None and erase + 1 >= start:  # the EDM falls in the load window
            start -= 2
            before, after = split_words(load[0], erase - start)
            cut = before.count(" ") + 1
            erase = start + cut  # a frame later when a doubled code was in the way
            schedule.add(start, before, cut)
            schedule.add(erase, f"{edm} {after}", 2 + length - cut)
        else:
            if erase is not None:
                schedule.add(erase, edm, 2)
            schedule.add(start, *load)
        if previous is not None:
            gone = erase if erase is not None else display
            schedule.shown.append(Shown(previous.rows, previous_on, gone, previous.on))
        schedule.add(display, eoc, 2)
        previous, previous_on, free = cue, display, display + 2
    if previous is not None:
        clear = max(previous.off, previous_on + MIN_SHOW)
        schedule.add(clear, edm, 2)
        schedule.shown.append(Shown(previous.rows, previous_on, clear, previous.on))
    return schedule
