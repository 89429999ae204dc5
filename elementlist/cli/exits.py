"""Exit statuses of the ``elementlist`` command, and the signals that stop it, in one place."""

from __future__ import annotations

from ..stop_signals import STOP_SIGNALS, Stopped

__all__ = ["BAD_INPUT", "FAILED", "INTERRUPTED", "OK", "STOP_SIGNALS", "Stopped", "exit_status"]

OK = 0
FAILED = 1  # the work ran and found errors (violations, failed batch items)
BAD_INPUT = 2  # a bad option, an unreadable or non-ElementList input
INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + 2, what a shell reports for it


def exit_status(signum: int) -> int:
    """The exit status after stop signal ``signum``: 128 + its number, as a shell reports a
    command killed by it (130 for Ctrl-C, 143 for SIGTERM)."""
    return 128 + int(signum)
