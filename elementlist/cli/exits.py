"""Exit statuses of the ``elementlist`` command, and the signals that stop it, in one place."""

from __future__ import annotations

import signal

OK = 0
FAILED = 1  # the work ran and found errors (violations, failed batch items)
BAD_INPUT = 2  # a bad option, an unreadable or non-ElementList input
INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + 2, what a shell reports for it

# Signals that stop a command the way Ctrl-C does (finished files kept, nothing left
# half-written); the exit status is 128 + the signal's number, as a shell reports it.
STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Stopped(KeyboardInterrupt):
    """A stop signal, raised where Ctrl-C raises KeyboardInterrupt (so everything that cleans
    up after Ctrl-C cleans up after SIGTERM and SIGHUP too)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def exit_status(signum: int) -> int:
    """The exit status after stop signal ``signum``: 128 + its number, as a shell reports a
    command killed by it (130 for Ctrl-C, 143 for SIGTERM)."""
    return 128 + int(signum)
