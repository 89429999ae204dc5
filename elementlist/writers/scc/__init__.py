"""SCC (Scenarist Closed Captions, CEA-608 line 21 data as hex): the writer.

What it writes is described in docs/formats.md ("SCC"); the facts behind it, with their
sources, in the shared reference scc.md. The package, one job per module:

- ``charset``: CEA-608's character sets and the transliteration of everything else;
- ``codes``: odd parity, the control codes of each channel, preamble address codes;
- ``grid``: the 32 × 4 grid (the layout's options, and rows for what still does not fit);
- ``rows``: a row of text as byte pairs; ``timeline``: the frame timeline;
- ``popon``, ``rollup``, ``painton``: each mode's scheduler.

:func:`schedule_captions` gives the schedule itself (every block, and each caption's frames
as shown), for tests and tools; :func:`write` is the registry's writer.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from ...captions.model import Caption, DocumentInfo
from ...cea608 import SCC_HEADER
from ...errors import CharacterWarning, LayoutWarning, OptionError
from ...options.classes import CaptionOptions
from ...scc_timecode import FRAME_RATES, FrameRate
from ...timecodes import format_timestamp
from .charset import MISSING, missing_summary, transliterate
from .codes import CHANNELS
from .grid import MAX_ROWS, fit_rows, scc_layout_options
from .painton import schedule_paint_on
from .popon import schedule_pop_on
from .rollup import schedule_roll_up
from .timeline import Cue, Schedule

MODES = ("pop_on", "roll_up_2", "roll_up_3", "roll_up_4", "paint_on")


def cues_of(
    captions: Sequence[Caption], rate: FrameRate, missing: list[str] | None = None
) -> list[Cue]:
    """The captions as CEA-608 cues on frames: rows fitted to the grid (grid.py), a caption
    of more than 4 rows split into cues of 4 with its time shared by characters, and a
    caption with no visible text left out (nothing to show)."""
    cues: list[Cue] = []
    for caption in captions:
        rows = fit_rows(caption.lines, missing)
        if not rows:
            continue
        on, off = rate.frame_at(caption.start), rate.frame_at(caption.end)
        if len(rows) <= MAX_ROWS:
            cues.append(Cue(tuple(rows), on, off))
            continue
        groups = [rows[i : i + MAX_ROWS] for i in range(0, len(rows), MAX_ROWS)]
        total = sum(len(row) for row in rows)
        before = 0
        for group in groups:
            size = sum(len(row) for row in group)
            start = on + (off - on) * before // total
            before += size
            cues.append(Cue(tuple(group), start, on + (off - on) * before // total))
    return cues


def schedule_captions(
    captions: Sequence[Caption], options: CaptionOptions, missing: list[str] | None = None
) -> Schedule:
    """Every block of the SCC file of ``captions`` and each caption as it will show."""
    rate = FRAME_RATES[options.scc_frame_rate]
    channel = CHANNELS[options.scc_channel]
    cues = cues_of(captions, rate, missing)
    mode = options.scc_mode
    if mode == "pop_on":
        return schedule_pop_on(cues, channel)
    if mode == "paint_on":
        return schedule_paint_on(cues, channel)
    return schedule_roll_up(cues, channel, depth=int(mode[-1]))


def render(schedule: Schedule, rate: FrameRate) -> str:
    """The file: the header, a blank line, then one line per block, blank lines between.

    SMPTE time codes end at 23:59:59: a schedule that goes past them (a document longer
    than a day) is refused with an :class:`~elementlist.errors.OptionError`.
    """
    if schedule.blocks:
        last = schedule.blocks[-1]
        end = last.end - 1
        if end >= rate.frames_per_day:
            raise OptionError(
                f"caption_format SCC: time codes end at 23:59:59{rate.separator}29, but the "
                f"captions run to {format_timestamp(round(rate.ms_at(end)), 'srt')}; "
                "use another format for a document longer than a day",
                option="caption_format",
                value="SCC",
            )
    label = rate.label
    body = "\n\n".join(f"{label(block.frame)}\t{block.words}" for block in schedule.blocks)
    return f"{SCC_HEADER}\n\n{body}\n" if body else f"{SCC_HEADER}\n\n"


def write(captions: Sequence[Caption], options: CaptionOptions, info: DocumentInfo) -> str:
    """The SCC file, warning (one line each) about characters written as ``?`` and about
    captions shown later than their start."""
    missing: list[str] = []
    schedule = schedule_captions(captions, options, missing)
    if missing:
        warnings.warn(
            f"SCC: {len(missing)} character(s) CEA-608 cannot show were written as "
            f"{MISSING!r}: {missing_summary(missing)}",
            CharacterWarning,
            stacklevel=2,
        )
    delayed = schedule.delayed
    if delayed:
        rate = FRAME_RATES[options.scc_frame_rate]
        worst = max(s.delay for s in delayed)
        what = "roll-up row(s)" if options.scc_mode.startswith("roll_up") else "caption(s)"
        warnings.warn(
            f"SCC: {len(delayed)} of {len(schedule.shown)} {what} shown later than "
            f"their start, by up to {worst} frame(s) ({rate.ms_at(worst) / 1000:.2f} s): "
            "CEA-608 sends one byte pair per frame, each caption needs its load time and "
            "15 frames on screen (no text was dropped)",
            LayoutWarning,
            stacklevel=2,
        )
    return render(schedule, FRAME_RATES[options.scc_frame_rate])


__all__ = [
    "MODES",
    "Schedule",
    "cues_of",
    "render",
    "scc_layout_options",
    "schedule_captions",
    "transliterate",
    "write",
]
