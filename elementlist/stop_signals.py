"""The stop signals (Ctrl-C, SIGTERM, SIGHUP): the first one raises, later ones are noted.

The first stop signal raises :class:`Stopped` (a KeyboardInterrupt) where the work is, so
every clean-up written for Ctrl-C runs. A second one must not raise: it would land inside
that clean-up, or inside :mod:`threading`'s own (a Condition's lock half re-acquired, then
``RuntimeError: release unlocked lock``, or a wait that never ends). So later signals are
only noted, and the code that stops the work polls :func:`again` to stop harder.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

# Signals that stop the work the way Ctrl-C does (finished files kept, nothing left
# half-written); the CLI exits with 128 + the number of the first one.
STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)

Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


class Stopped(KeyboardInterrupt):
    """A stop signal, raised where Ctrl-C raises KeyboardInterrupt (so everything that cleans
    up after Ctrl-C cleans up after SIGTERM and SIGHUP too)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_received: list[int] = []  # since the outermost taker installed the handler, in order


class _State:
    raised = False  # the first signal has been raised (it is raised once)
    deferring = 0  # depth of deferred() blocks: the first signal waits for their end


def _on_signal(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    if not _State.raised and not _State.deferring:
        _State.raised = True
        raise Stopped(signum)


@contextmanager
def deferred() -> Iterator[None]:
    """Within: a first stop signal is noted and raised only when the block ends, for work
    that must not be cut in two (starting a worker process: cut, it reads half its start-up
    data and dies with a traceback). The thread's signal mask cannot do this alone: another
    thread takes the signal, and Python runs the handler in the main thread all the same."""
    _State.deferring += 1
    try:
        yield
    finally:
        _State.deferring -= 1
        if not _State.deferring and _received and not _State.raised:
            _State.raised = True
            raise Stopped(_received[0])


def received() -> tuple[int, ...]:
    """The stop signals received while taken, in order: the first one is the cause."""
    return tuple(_received)


def again() -> bool:
    """Whether another stop signal came after the one that stopped the work."""
    return len(_received) > 1


def _takes(current: Handler, signum: int, only_sigint: bool) -> bool:
    if only_sigint and signum != signal.SIGINT:
        return False
    return current in (signal.SIG_DFL, signal.default_int_handler)


def take(*, only_sigint: bool = False) -> dict[int, Handler]:
    """Handle the stop signals here: each one that the process handles as Python does by
    default (SIG_DFL, or SIGINT's KeyboardInterrupt) is taken; one it ignores (nohup, a
    background job) stays ignored, and one it handles itself is left to it. With
    ``only_sigint``, SIGTERM and SIGHUP keep their default (a library call that should not
    change how its caller dies). Already taken, or not the main thread: nothing changes.
    Returns the handlers replaced, for :func:`give_back`."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    if any(signal.getsignal(s) is _on_signal for s in STOP_SIGNALS):
        return {}  # an outer caller (the command) has them
    _received.clear()
    _State.raised = False
    previous: dict[int, Handler] = {}
    for signum in STOP_SIGNALS:
        current = signal.getsignal(signum)
        if _takes(current, signum, only_sigint):
            previous[signum] = signal.signal(signum, _on_signal)
    return previous


def give_back(previous: dict[int, Handler]) -> None:
    """Restore the handlers :func:`take` replaced, and forget the signals noted meanwhile."""
    for signum, handler in previous.items():
        signal.signal(signum, handler)
    if previous:
        _received.clear()
        _State.raised = False


@contextmanager
def taken(*, only_sigint: bool = False) -> Iterator[None]:
    """:func:`take` for the duration of a block, then :func:`give_back`."""
    previous = take(only_sigint=only_sigint)
    try:
        yield
    finally:
        give_back(previous)
