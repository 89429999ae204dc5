"""The batch's progress bar on stderr: files done of total, failures, rate and time left.

Drawn by tqdm, which does what people expect of a terminal bar: it redraws one line in place
(at most ten times a second), fits the terminal's width as it changes, and stops drawing
instead of failing when the terminal goes away. Elsewhere (a pipe, a log file) the bar is
quiet unless forced, and then writes whole lines — the first, at most one a second, and
the last — so a log gets a readable record instead of carriage returns.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any, Protocol, TextIO

TTY_INTERVAL = 0.1  # seconds between redraws on a terminal
LINE_INTERVAL = 1.0  # seconds between lines elsewhere
FALLBACK_SIZE = {"ncols": 80, "nrows": 24}  # for a terminal that does not say its size


class _HasStatus(Protocol):
    @property
    def status(self) -> str: ...


class ProgressBar:
    """Counts finished items and shows them on ``stream``.

    ``enabled``: None shows the bar only when ``stream`` is a terminal; True forces it;
    False silences it. ``interval``: the least time between two drawings (default: 0.1 s on
    a terminal, 1 s elsewhere). Call :meth:`start` with the total, :meth:`advance` once per
    finished item, and :meth:`close` at the end (it draws the final state and ends the line).
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        label: str = "batch",
        interval: float | None = None,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = _is_tty(self.stream)
        self.enabled = self.tty if enabled is None else enabled
        self.label = label
        self.interval = (
            interval if interval is not None else (TTY_INTERVAL if self.tty else LINE_INTERVAL)
        )
        self.failed = 0
        self.skipped = 0
        self._bar: Any = None
        self._closed = False

    def __call__(self, row: _HasStatus | None, done: int, total: int) -> None:
        """The callback :func:`elementlist.batch.convert` takes: ``row`` is None once, when
        the total is known, then each finished item's report row."""
        if row is None:
            self.start(total)
        else:
            self.advance(row.status)

    def start(self, total: int) -> None:
        """Show the bar for ``total`` items (once; nothing when disabled or closed)."""
        if not self.enabled or self._closed or self._bar is not None:
            return
        width: dict[str, Any] = {}
        if self.tty:  # follow the terminal's size, or 80×24 when it reports none
            width = {"dynamic_ncols": True} if _width(self.stream) else FALLBACK_SIZE
        bar_class = _terminal_bar() if self.tty else _line_bar()
        self._bar = bar_class(
            total=total,
            desc=self.label,
            unit="file",
            file=self.stream,
            mininterval=self.interval,
            miniters=1,
            ascii=None if self.tty else True,
            leave=True,
            **width,
        )

    def advance(self, status: str) -> None:
        """One more item finished with ``status`` (``ok``, ``failed`` or ``skipped``)."""
        if status == "failed":
            self.failed += 1
        elif status == "skipped":
            self.skipped += 1
        bar = self._bar
        if bar is None:
            return
        counts = [f"{n} {word}" for n, word in ((self.failed, "failed"), (self.skipped, "skipped"))]
        bar.set_postfix_str(", ".join(c for c in counts if not c.startswith("0 ")), refresh=False)
        bar.update(1)
        if bar.total is not None and bar.n >= bar.total:
            bar.refresh()  # the last item always shows

    def write(self, line: str) -> None:
        """One line of text on the stream: on a terminal above the bar (drawn again under
        it); elsewhere between the bar's whole lines."""
        if self._bar is not None and not self._closed:
            if self.tty:
                self._bar.write(line, file=self.stream)
            else:
                self._bar.write_line(line)
        else:
            self.stream.write(line + "\n")
            self.stream.flush()

    def close(self) -> None:
        """The final state and the end of the line; further calls do nothing."""
        if self._closed:
            return
        self._closed = True
        if self._bar is not None:
            self._bar.close()


def _width(stream: TextIO) -> int:
    """The terminal's width in columns (0 when it reports none, as a new pty does)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 0


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# tqdm is imported only when a bar is shown (it costs ~30 ms to import).
_BARS: dict[str, type[Any]] = {}


def _terminal_bar() -> type[Any]:
    """tqdm as it is, without its monitor thread (a batch's Ctrl-C handling wants no extra
    thread) and with a lock of its own (not a multiprocessing one: worker processes draw
    nothing)."""
    if "terminal" not in _BARS:
        from tqdm import tqdm

        class TerminalBar(tqdm):  # type: ignore[misc]
            monitor_interval = 0
            _lock = threading.RLock()

        _BARS["terminal"] = TerminalBar
    return _BARS["terminal"]


def _line_bar() -> type[Any]:
    """The bar as whole lines: each drawing a line of its own, never a carriage return."""
    if "line" not in _BARS:

        class LineBar(_terminal_bar()):  # type: ignore[misc]
            _shown_n: int | None = None

            def display(self, msg: str | None = None, pos: int | None = None) -> bool:
                if msg is not None or self.n == self._shown_n:
                    return True  # a clearing, or the state already shown
                # tqdm ends the last line itself (close writes "\n"): start each new one
                separator = "" if self._shown_n is None else "\n"
                self._shown_n = self.n
                self.fp.write(separator + self.__str__())
                self.fp.flush()
                return True

            def write_line(self, line: str) -> None:
                """A line between the bar's: after the open one, or before the first."""
                if self._shown_n is None:
                    self.fp.write(line + "\n")
                else:  # the next drawing (or close) ends this line
                    self.fp.write("\n" + line)
                self.fp.flush()

        _BARS["line"] = LineBar
    return _BARS["line"]
