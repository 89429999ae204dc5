"""A program the worker-start tests run as a real subprocess: a batch (or a pool) started
from a process whose threads, descriptors, signal handlers and collector they choose.

    python batch_start_script.py observe ROOT OUT [--python-thread | --native-thread]
        convert(ROOT, OUT, jobs=2); at its first finished input, print "ready PID" and wait
        for a line on stdin (the test looks at the workers meanwhile); then the statuses.
    python batch_start_script.py fifo ROOT OUT FIFO
        hold FIFO open for writing (a writer that never finishes), then convert(ROOT, OUT,
        jobs=2); print the report rows as JSON.
    python batch_start_script.py dying ROOT OUT MARKS N
        convert(ROOT, OUT, jobs=2), where the first N workers to start (each leaves a file
        in MARKS) exit as they start, before their initializer, and each of the pools'
        start-up submissions is followed by 0.2 s (a dead worker has broken the pool before
        the next); print the report rows.
    python batch_start_script.py probe OUT HELD
        with HELD open, a SIGUSR1 handler and the collector paused, start a pool of two
        workers and print, as JSON, what each worker finds of that.

Every mode prints ``threads N``, the threads this process ran (``/proc/self/task``) just
before the batch or the pool started, on its first line.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import threading

FORMATS = ["srt", "vtt"]


def _threads() -> int:
    return len(os.listdir("/proc/self/task"))


def _blas_busy() -> None:
    """One matrix product: numpy's OpenBLAS has its thread pool running (it may have
    stopped it at an earlier fork)."""
    import numpy

    square = numpy.ones((64, 64))
    square @ square


def _native_thread() -> None:
    """A thread that Python knows nothing of (``pthread_create`` straight from libc), as a
    library's own threads are: it waits in ``pause()`` for ever."""
    import ctypes

    libc = ctypes.CDLL(None)
    thread = ctypes.c_ulong()
    start = ctypes.cast(libc.pause, ctypes.c_void_p)
    assert libc.pthread_create(ctypes.byref(thread), None, start, None) == 0


def observe(root: str, out: str, extra: str | None) -> None:
    from elementlist.batch import ReportRow, convert

    stop = threading.Event()
    if extra == "--python-thread":
        threading.Thread(target=stop.wait, daemon=True).start()
    elif extra == "--native-thread":
        _native_thread()
    _blas_busy()
    print("threads", _threads(), flush=True)
    waited = []

    def progress(row: ReportRow | None, done: int, total: int) -> None:
        if row is not None and not waited:
            waited.append(row)
            print("ready", os.getpid(), flush=True)
            sys.stdin.readline()

    rows = convert(root, out, FORMATS, jobs=2, progress=progress)
    stop.set()
    print(json.dumps([row.status for row in rows]), flush=True)


def fifo(root: str, out: str, path: str) -> None:
    from elementlist.batch import convert

    keep_open = os.open(path, os.O_RDWR | os.O_NONBLOCK)  # a writer that never finishes
    _blas_busy()
    print("threads", _threads(), flush=True)
    rows = convert(root, out, FORMATS, jobs=2)
    os.close(keep_open)
    print(json.dumps([row.to_json() for row in rows]), flush=True)


def dying(root: str, out: str, marks: str, count: str) -> None:
    import concurrent.futures as cf
    import time

    from elementlist.batch import convert, local

    initializer = local._init_worker

    class SlowStart(cf.ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            future = super().submit(fn, *args, **kwargs)
            if fn is local._ready:
                time.sleep(0.2)
            return future

    cf.ProcessPoolExecutor = SlowStart  # type: ignore[misc]

    def dies_first(*args: object) -> None:
        for k in range(int(count)):  # the first ``count`` workers claim a mark each, and die
            try:
                os.close(os.open(os.path.join(marks, str(k)), os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                continue
            os._exit(3)
        initializer(*args)  # type: ignore[arg-type]

    local._init_worker = dies_first  # type: ignore[assignment]
    print("threads", _threads(), flush=True)
    rows = convert(root, out, FORMATS, jobs=2)
    print(json.dumps([row.to_json() for row in rows]), flush=True)


def _handler_name(signum: int) -> str:
    """``SIG_DFL``, ``SIG_IGN``, or the name of the Python function that handles it."""
    handler = signal.getsignal(signum)
    if isinstance(handler, signal.Handlers):
        return handler.name
    return getattr(handler, "__name__", repr(handler))


def _probe(held: str) -> dict[str, object]:
    """What a worker finds of its parent's: run in the worker."""
    links = {}
    for fd in os.listdir("/proc/self/fd"):
        try:
            links[fd] = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
    with open("/proc/self/cmdline", "rb") as command:
        cmdline = command.read().decode(errors="replace")
    return {
        "pid": os.getpid(),
        "command": cmdline,
        "gc_enabled": gc.isenabled(),
        "sigusr1": _handler_name(signal.SIGUSR1),
        "sigint": _handler_name(signal.SIGINT),
        "holds": sorted(fd for fd, link in links.items() if link == held),
    }


def _on_usr1(signum: int, frame: object) -> None:
    print("the parent's handler ran", flush=True)


def probe(out: str, held: str) -> None:
    from elementlist.batch.formats import output_formats
    from elementlist.batch.local import dismiss_pool, start_pool
    from elementlist.batch.render import Settings
    from elementlist.options.classes import CaptionOptions

    settings = Settings(
        outdir=out,
        formats=output_formats(FORMATS),
        caption_options=CaptionOptions(),
        transcript_options={},
    )
    handle = open(held, "rb")  # noqa: SIM115 (held open for the whole probe)
    signal.signal(signal.SIGUSR1, _on_usr1)
    _blas_busy()
    print("threads", _threads(), flush=True)
    gc.disable()
    pool = start_pool(settings, 2)
    gc.enable()
    try:
        found: dict[object, dict[str, object]] = {}
        for _ in range(1000):  # until each of the two workers has answered
            result = pool.submit(_probe, os.path.realpath(held)).result(timeout=120)
            found[result["pid"]] = result
            if len(found) == 2:
                break
    finally:
        dismiss_pool(pool)
        handle.close()
    print(json.dumps(list(found.values())), flush=True)


def main() -> None:
    mode, *args = sys.argv[1:]
    if mode == "observe":
        observe(args[0], args[1], args[2] if len(args) > 2 else None)
    elif mode == "fifo":
        fifo(*args)
    elif mode == "dying":
        dying(*args)
    elif mode == "probe":
        probe(*args)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
