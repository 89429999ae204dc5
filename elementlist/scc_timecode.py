"""SMPTE time codes of the SCC frame rates, and milliseconds ↔ frames (the SCC writer and
the SCC importer both count in them).

Frames are counted from 0 at 00:00:00:00. ``29.97df`` labels a frame count at 30000/1001
frames a second in drop-frame style (``HH:MM:SS;FF``): the labels 00 and 01 are skipped at
the start of every minute except minutes 00, 10, 20 … (SMPTE 12M), so the labels keep to
the clock. ``29.97ndf`` labels the same frames without skipping (``HH:MM:SS:FF``: the labels
run 3.6 s an hour behind the clock). ``30`` is 30 frames a second exactly (``:``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FRAMES_PER_10_MINUTES_DF = 17982  # 10 × 60 × 30 − 9 × 2
FRAMES_PER_MINUTE_DF = 1798  # a minute that drops two labels
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(100))


@dataclass(frozen=True)
class FrameRate:
    """An SCC frame rate: ``fps = numerator / denominator`` and its time-code style."""

    name: str
    numerator: int
    denominator: int
    drop_frame: bool

    @property
    def separator(self) -> str:
        return ";" if self.drop_frame else ":"

    @property
    def frames_per_day(self) -> int:
        """The frames up to 24:00:00:00, the end of SMPTE time codes."""
        return self.frame_of(f"23:59:59{self.separator}29") + 1

    def frame_at(self, ms: int) -> int:
        """The frame nearest to ``ms`` milliseconds (halves round up)."""
        return (2 * ms * self.numerator + 1000 * self.denominator) // (2000 * self.denominator)

    def ms_at(self, frame: int) -> float:
        """When ``frame`` starts, in milliseconds."""
        return frame * 1000 * self.denominator / self.numerator

    def label(self, frame: int) -> str:
        """The time code of ``frame``: ``HH:MM:SS;FF`` or ``HH:MM:SS:FF``."""
        if frame < 0:
            raise ValueError(f"no time code for frame {frame}")
        if self.drop_frame:
            tens, rest = divmod(frame, FRAMES_PER_10_MINUTES_DF)
            frame += 18 * tens + (2 * ((rest - 2) // FRAMES_PER_MINUTE_DF) if rest > 1 else 0)
        seconds, ff = divmod(frame, 30)
        minutes, ss = divmod(seconds, 60)
        hh, mm = divmod(minutes, 60)
        two = _TWO_DIGITS
        hours = two[hh] if hh < 100 else str(hh)
        return f"{hours}:{two[mm]}:{two[ss]}{self.separator}{two[ff]}"

    def frame_of(self, label: str) -> int:
        """The frame a time code of this rate names (the inverse of :meth:`label`).

        Raises ValueError for a malformed label, the wrong separator, or a drop-frame label
        that does not exist (frames 00 and 01 of a minute not divisible by ten).
        """
        match = _LABEL.fullmatch(label)
        if match is None or match.group("sep") != self.separator:
            raise ValueError(f"not a {self.name} time code: {label!r}")
        hh, mm, ss, ff = (int(match.group(g)) for g in ("hh", "mm", "ss", "ff"))
        if mm > 59 or ss > 59 or ff > 29:
            raise ValueError(f"not a {self.name} time code: {label!r}")
        minutes = 60 * hh + mm
        frames = (60 * minutes + ss) * 30 + ff
        if self.drop_frame:
            if ss == 0 and ff < 2 and mm % 10:
                raise ValueError(f"drop-frame time code {label!r} does not exist")
            frames -= 2 * (minutes - minutes // 10)
        return frames


_LABEL = re.compile(r"(?P<hh>\d{2,}):(?P<mm>\d{2}):(?P<ss>\d{2})(?P<sep>[:;])(?P<ff>\d{2})")

FRAME_RATES: dict[str, FrameRate] = {
    "29.97df": FrameRate("29.97df", 30000, 1001, drop_frame=True),
    "29.97ndf": FrameRate("29.97ndf", 30000, 1001, drop_frame=False),
    "30": FrameRate("30", 30, 1, drop_frame=False),
}
