"""A small progress bar on stderr: files done of total, failures, rate and time left.

On a terminal it redraws one line in place (at most ten times a second). Elsewhere it is
quiet unless forced, and then writes whole lines (the first, at most one a second, and the
last), so a log file gets a readable record instead of carriage returns.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Protocol, TextIO

BAR_WIDTH = 24
TTY_INTERVAL = 0.1  # seconds between redraws on a terminal
LINE_INTERVAL = 1.0  # seconds between lines elsewhere


def format_duration(seconds: float) -> str:
    """``75`` → ``1:15``; ``3725`` → ``1:02:05``.

    >>> format_duration(75), format_duration(3725)
    ('1:15', '1:02:05')
    """
    whole = max(0, int(seconds + 0.5))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class _HasStatus(Protocol):
    @property
    def status(self) -> str: ...


class ProgressBar:
    """Counts finished items and shows them on ``stream``.

    ``enabled``: None shows the bar only when ``stream`` is a terminal; True forces it;
    False silences it. Call :meth:`start` with the total, :meth:`advance` once per finished
    item, and :meth:`close` at the end (it writes the final state and a newline).
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        label: str = "batch",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = _is_tty(self.stream)
        self.enabled = self.tty if enabled is None else enabled
        self.label = label
        self.clock = clock
        self.total = 0
        self.done = 0
        self.failed = 0
        self.skipped = 0
        self._started = clock()
        self._last_draw = float("-inf")
        self._drawn = False
        self._drawn_done = -1
        self._closed = False

    def __call__(self, row: _HasStatus | None, done: int, total: int) -> None:
        """The callback :func:`elementlist.batch.convert` takes: ``row`` is None once, when
        the total is known, then each finished item's report row."""
        if row is None:
            self.start(total)
        else:
            self.total = total
            self.advance(row.status)

    def start(self, total: int) -> None:
        self.total = total
        self._started = self.clock()
        self._draw(force=True)

    def advance(self, status: str) -> None:
        """One more item finished with ``status`` (``ok``, ``failed`` or ``skipped``)."""
        self.done += 1
        if status == "failed":
            self.failed += 1
        elif status == "skipped":
            self.skipped += 1
        self._draw(force=self.done >= self.total)

    def close(self) -> None:
        """The final state and the end of the line; further calls do nothing."""
        if self._closed:
            return
        self._closed = True
        if not self.enabled:
            return
        if self._drawn_done != self.done or not self._drawn:
            self._draw(force=True)
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def rate(self) -> float:
        """Items per second since :meth:`start` (skipped items count: they are done)."""
        elapsed = self.clock() - self._started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        """The text of the bar as it stands."""
        total = max(self.total, self.done)
        fraction = self.done / total if total else 1.0
        filled = int(fraction * BAR_WIDTH)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        parts = [f"{self.label} [{bar}] {self.done}/{total} {fraction:4.0%}"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        rate = self.rate()
        if self.done:
            parts.append(f"{rate:.1f} files/s")
            if self.done < total and rate > 0:
                parts.append(f"ETA {format_duration((total - self.done) / rate)}")
        return "  ".join(parts)

    def _draw(self, *, force: bool) -> None:
        if not self.enabled:
            return
        now = self.clock()
        interval = TTY_INTERVAL if self.tty else LINE_INTERVAL
        if not force and now - self._last_draw < interval:
            return
        self._last_draw = now
        text = self.line()
        if self.tty:
            self.stream.write("\r" + text + "\x1b[K")
        else:
            self.stream.write(text + "\n")
        self._drawn_done = self.done
        self._drawn = True
        self.stream.flush()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
