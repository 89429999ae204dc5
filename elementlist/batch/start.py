"""How local workers start: forked when that is safe, else spawned.

A spawned worker is a fresh interpreter that imports numpy, lxml, msgspec, regex and the
package before its first input: about 0.45 s, against 1.6-2.9 s of work in a batch of a
thousand 1-minute files on two cores (docs/performance.md). A forked worker is a copy of
this process, the package already imported: it starts in milliseconds. But ``fork`` copies
only the thread that calls it; a lock another thread held stays held in the child for
ever. So a worker is forked only when this process runs one thread (:func:`start_method`),
and spawned otherwise, and everywhere but Linux (macOS: system libraries are not fork-safe
and Python spawns there by default; Windows has no fork).

A forked worker then lets go of what it inherited and a spawned one never had
(:func:`forget_parent`): the descriptors this process had open, signal handlers, a paused
garbage collector. docs/batch.md ("Workers") states the rule and the reasons.
"""

from __future__ import annotations

import contextlib
import ctypes  # here, not in each forked worker: they inherit it imported
import gc
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from typing import Literal

from .report import BatchError

START_ENV = "ELEMENTLIST_WORKER_START"
STARTS = ("auto", "spawn")  # auto: fork when safe, else spawn; spawn: always spawn
ENDING_THREAD_S = 0.05  # how long a thread that is ending may still be counted

PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent dies

# an open descriptor as (number, device, inode): its number alone may be reused meanwhile
Descriptor = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Parent:
    """What a forked worker is told of the process that forked it: its pid, and the
    descriptors it had open before the pool made its own (:func:`open_descriptors`)."""

    pid: int
    descriptors: tuple[Descriptor, ...]


def requested_start() -> str:
    """``$ELEMENTLIST_WORKER_START`` (``auto`` when unset or empty, any case); a
    :class:`BatchError` for any other value than those of :data:`STARTS`."""
    value = os.environ.get(START_ENV, "").strip().lower() or "auto"
    if value not in STARTS:
        shown = os.environ.get(START_ENV, "")
        raise BatchError(f"{START_ENV} must be auto or spawn, not {shown!r}")
    return value


def start_method() -> Literal["fork", "spawn"]:
    """``fork`` when it is safe here and now, else ``spawn``. Safe: not asked to spawn
    (:data:`START_ENV`), on Linux, called from the main thread, and this process runs that
    one thread: no other Python thread (``threading.active_count()``), and no native one
    (``/proc/self/task``) once OpenBLAS's pool is stopped (:func:`_stop_openblas_pools`)."""
    if requested_start() == "spawn" or not sys.platform.startswith("linux"):
        return "spawn"
    if threading.current_thread() is not threading.main_thread():
        return "spawn"
    if threading.active_count() != 1:
        return "spawn"
    return "fork" if _one_native_thread() else "spawn"


def _one_native_thread() -> bool:
    """Whether the kernel counts one thread here, once OpenBLAS's pool is stopped. A thread
    Python has just joined can still be listed for a moment (``join()`` returns before the
    kernel has ended it: the threads of a pool shut down just before a new one starts),
    so an extra thread gets :data:`ENDING_THREAD_S` to be gone."""
    if _native_threads() == 1:
        return True
    _stop_openblas_pools()
    deadline = time.monotonic() + ENDING_THREAD_S
    while _native_threads() != 1:
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.001)
    return True


def _native_threads() -> int:
    """The threads of this process as the kernel counts them (0: unknown)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


def _stop_openblas_pools() -> None:
    """Stop the thread pool of every OpenBLAS loaded here (numpy's starts one at import, a
    thread per core). OpenBLAS stops it itself before every fork (a ``pthread_atfork``
    handler: ``blas_thread_shutdown_``) and starts it again at its next call that wants
    threads; calling that function first lets :func:`start_method` count what is left, so
    that any other native thread still means spawn."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            mapped = [line.split(maxsplit=5) for line in maps if "openblas" in line.lower()]
        paths = {fields[5].strip() for fields in mapped if len(fields) == 6}
    except OSError:
        return
    if not paths:
        return
    for path in sorted(paths):
        try:
            library = ctypes.CDLL(path, mode=os.RTLD_NOLOAD)  # already loaded: never load one
            shutdown = library.blas_thread_shutdown_
        except (OSError, AttributeError):
            continue
        shutdown.restype = ctypes.c_int
        shutdown()


def this_parent() -> Parent:
    """This process as the parent of workers about to be forked: taken just before the
    pool makes its own pipes (which a worker needs and keeps)."""
    return Parent(os.getpid(), open_descriptors())


def open_descriptors() -> tuple[Descriptor, ...]:
    """The descriptors this process has open, but stdin, stdout, stderr and
    multiprocessing's resource tracker's: what a forked worker must let go of."""
    keep = {0, 1, 2}
    try:
        from multiprocessing import resource_tracker

        tracker_fd = getattr(getattr(resource_tracker, "_resource_tracker", None), "_fd", None)
        if isinstance(tracker_fd, int):
            keep.add(tracker_fd)
    except ImportError:
        pass
    found = []
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd in keep:
            continue
        try:
            status = os.fstat(fd)
        except OSError:  # the listing's own descriptor, closed by now
            continue
        found.append((fd, status.st_dev, status.st_ino))
    return tuple(found)


def forget_parent(parent: Parent) -> None:
    """In a forked worker, before anything else: become what a spawned worker is, and
    never outlive the parent.

    * Killed when the parent dies (``PR_SET_PDEATHSIG``). A spawned worker then reads the
      end of its queue and exits; a forked one holds a copy of the queue's writing end
      itself, would never read that end, and would wait for ever.

    * The collector running (a fork inside a paused one would leave it paused for good),
      and every object inherited frozen out of it (``gc.freeze``): inherited garbage is
      never collected here, so no finalizer of the parent's (a file object closing a
      descriptor number this worker reuses) runs in the worker.
    * Every signal handler of the parent's (Python's) back to its default, and no wakeup
      descriptor; the stop signals are then ignored by the worker's initializer.
    * Every descriptor the parent had open (``inherited``) replaced by ``/dev/null``: the
      worker no longer holds the parent's files, pipes or FIFOs open (a reader waiting for
      their end, a FIFO's other side, an operator looking for who holds a file), and their
      numbers stay taken, so a stale object of the parent's that still writes to one
      writes into nothing, never into a file the worker opened since.
    """
    _die_with(parent.pid)
    gc.freeze()
    gc.enable()
    signal.set_wakeup_fd(-1)
    for signum in signal.valid_signals():
        try:
            handler = signal.getsignal(signum)
        except (OSError, ValueError):
            continue
        if callable(handler):
            signal.signal(signum, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDWR | os.O_CLOEXEC)
    try:
        for fd, device, inode in parent.descriptors:
            try:
                status = os.fstat(fd)
            except OSError:
                continue
            if (status.st_dev, status.st_ino) == (device, inode):
                os.dup2(null, fd, inheritable=False)
    finally:
        os.close(null)


def _die_with(parent: int) -> None:
    """SIGKILL this process when its parent dies; at once when it already has."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before prctl: this process was given to init
        os._exit(1)
