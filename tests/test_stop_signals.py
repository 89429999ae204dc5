"""The stop signals, taken: real signals to this process (its main thread runs the handler).
The first raises Stopped, a later one is only noted; a caller's own handler is left alone;
everything is given back."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from elementlist import stop_signals
from elementlist.stop_signals import Stopped, again, deferred, give_back, received, take, taken

pytestmark = pytest.mark.usefixtures("signals_as_a_terminal_gives")  # not as inherited


def _signal_self(signum: int) -> None:
    """Send ``signum`` to this process and let the main thread run its handler."""
    os.kill(os.getpid(), signum)
    time.sleep(0.05)  # the handler runs at the next bytecode boundary of the main thread


def test_the_first_stop_signal_raises_and_a_second_is_only_noted() -> None:
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(Stopped) as stopped, taken():
        _signal_self(signal.SIGINT)
    assert stopped.value.signum == signal.SIGINT
    assert isinstance(stopped.value, KeyboardInterrupt)
    assert signal.getsignal(signal.SIGINT) is before  # given back

    previous = take()
    try:
        with pytest.raises(Stopped):
            _signal_self(signal.SIGTERM)
        assert not again()
        _signal_self(signal.SIGINT)  # no exception: noted while the first stop cleans up
        assert again()
        assert received() == (signal.SIGTERM, signal.SIGINT)
    finally:
        give_back(previous)
    assert received() == () and not again()


def test_only_sigint_leaves_the_other_signals_as_they_were() -> None:
    term = signal.getsignal(signal.SIGTERM)
    with taken(only_sigint=True):
        assert signal.getsignal(signal.SIGTERM) is term
        assert signal.getsignal(signal.SIGINT) is stop_signals._on_signal


def test_a_handler_of_the_callers_own_and_an_ignored_signal_are_left_alone() -> None:
    seen: list[int] = []
    old_int = signal.signal(signal.SIGINT, lambda signum, frame: seen.append(signum))
    old_hup = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with taken():
            _signal_self(signal.SIGINT)
            _signal_self(signal.SIGHUP)
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        assert seen == [signal.SIGINT]
        assert received() == ()
    finally:
        signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGHUP, old_hup)


def test_an_inner_taker_leaves_the_outer_ones_signals_and_record() -> None:
    with taken():
        with pytest.raises(Stopped):
            _signal_self(signal.SIGINT)
        with taken():  # a library call inside the command: the command keeps them
            _signal_self(signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) is stop_signals._on_signal
        assert received() == (signal.SIGINT, signal.SIGINT)


def test_outside_the_main_thread_nothing_is_taken() -> None:
    result: list[dict[int, object]] = []
    worker = threading.Thread(target=lambda: result.append(dict(take())))
    worker.start()
    worker.join()
    assert result == [{}]
    assert signal.getsignal(signal.SIGINT) is not stop_signals._on_signal


def test_a_deferred_block_is_not_cut_and_the_signal_is_raised_at_its_end() -> None:
    finished: list[str] = []
    with taken():
        with pytest.raises(Stopped) as stopped, deferred():
            _signal_self(signal.SIGTERM)
            finished.append("inner")  # not cut: the signal waits
            with deferred():  # nested: only the outermost end raises
                _signal_self(signal.SIGINT)
            finished.append("outer")
        assert finished == ["inner", "outer"]
        assert stopped.value.signum == signal.SIGTERM  # the first one, raised once
        assert again()
        with deferred():  # already raised: a later block ends quietly
            _signal_self(signal.SIGINT)
        assert received() == (signal.SIGTERM, signal.SIGINT, signal.SIGINT)


def test_a_deferred_block_with_no_signal_changes_nothing() -> None:
    with taken(), deferred():
        pass
    assert received() == ()
