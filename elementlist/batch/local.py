"""Local worker processes: a pool (forked when that is safe, else spawned: :mod:`.start`),
fed a few groups of jobs at a time (small inputs go in groups, :mod:`.grouping`); a worker
that dies takes no other input with it; Ctrl-C (or SIGTERM, SIGHUP) lets running jobs
finish their files."""

from __future__ import annotations

import ast
import concurrent.futures as cf
import contextlib
import linecache
import multiprocessing
import signal
import sys
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from ..errors import ElementListWarning
from ..filenames import shown
from ..stop_signals import STOP_SIGNALS, again, deferred, received
from .grouping import job_groups
from .inputs import Job
from .render import Settings, process_jobs, remove_parts_of
from .report import FAILED, BatchError, ReportRow, error_line
from .start import Parent, forget_parent, start_method, this_parent

Record = Callable[[Job, ReportRow], None]
WINDOW_PER_WORKER = 4  # Dask tasks (a job each) in flight per worker thread: keeps it busy
GROUPS_PER_WORKER = 2  # groups in flight per local worker: one running, one waiting

# a pool that breaks before it takes an input is started anew, this many times in a row
MAX_UNUSED_POOLS = 5
STOP_POLL_S = 0.05  # while the running jobs finish after Ctrl-C: how often to look for another

_worker_settings: Settings | None = None


def _init_worker(settings: Settings, forked_from: Parent | None = None) -> None:
    """Ignore the stop signals, then take the ones that came while the worker started
    (blocked since its birth, see :func:`_signals_held`): ignored, they are dropped. A
    terminal, ``docker stop`` or systemd sends them to the whole process group; workers leave
    them to the parent, which decides when they stop (it SIGKILLs them if it must).

    ``forked_from``: given to a forked worker, which first lets go of the descriptors its
    parent had open, of its signal handlers and collector state, and dies with it
    (:func:`~.start.forget_parent`); only then does it ignore the stop signals, so a worker
    that ignores them holds nothing of its parent's."""
    global _worker_settings
    if forked_from is not None:
        forget_parent(forked_from)
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    _worker_settings = settings
    warnings.formatwarning = _one_line_warnings  # as the command prints ours (one line)


_python_formatwarning = warnings.formatwarning


def _one_line_warnings(
    message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any
) -> str:
    if issubclass(category, ElementListWarning):
        return shown(f"elementlist: warning: {message}") + "\n"
    return _python_formatwarning(message, category, *args, **kwargs)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (the pool's queues need it) with the stop
    signals held: it ignores SIGINT and SIGTERM itself, not SIGHUP, and once dead it comes
    back knowing nothing, and says so (``KeyError: '/mp-…'``) when the pool closes."""
    try:
        from multiprocessing import resource_tracker
    except ImportError:  # Windows
        return
    with _signals_held():
        resource_tracker.ensure_running()


@contextmanager
def _signals_held() -> Iterator[None]:
    """Stop signals blocked in this thread while it submits (the pool starts its processes
    inside ``submit``): a new worker inherits the mask, so a signal sent to the process group
    while it starts waits until it ignores them instead of killing it. This process still
    gets them, and raises the first one when the block ends
    (:func:`~elementlist.stop_signals.deferred`), not while a worker is half started."""
    with deferred():
        if not hasattr(signal, "pthread_sigmask"):
            yield
            return
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _work(group: tuple[Job, ...]) -> list[ReportRow]:
    assert _worker_settings is not None
    return process_jobs(group, _worker_settings)


def _died(job: Job, settings: Settings) -> ReportRow:
    remove_parts_of(job, settings)
    return ReportRow(
        job.input, FAILED, "the worker process died while converting this input", job.current
    )


def _ready() -> None:
    """Nothing: a task whose submission makes the pool start a worker now."""


def _is_broken(pool: cf.ProcessPoolExecutor) -> bool:
    """Whether the standard library has marked ``pool`` broken (a worker died)."""
    return bool(getattr(pool, "_broken", False))


def start_pool(settings: Settings, workers: int) -> cf.ProcessPoolExecutor:
    """A pool of ``workers`` processes, started at once: forked when that is safe
    (:func:`~.start.start_method`: milliseconds, the package already imported), else
    spawned (a spawned worker takes about half a second to import the package: started
    before the plan, it imports while this process plans instead of after)."""
    method = start_method()
    forked_from: Parent | None = None
    if method == "fork":
        for stream in (sys.stdout, sys.stderr):  # else a worker writes what is buffered again
            with contextlib.suppress(Exception):
                if stream is not None:
                    stream.flush()
        forked_from = this_parent()  # before the pool makes the pipes its workers keep
    else:
        _start_resource_tracker()  # a forked pool's queues need none
    pool = cf.ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_init_worker,
        initargs=(settings, forked_from),
    )
    try:
        with _signals_held():  # the pool starts its processes in submit
            for _ in range(workers):
                pool.submit(_ready)
    except cf.process.BrokenProcessPool:
        # a worker died while the pool started (killed before its initializer let go of
        # what the parent had open, say): the pool is returned broken, and the caller's
        # next submit finds that as it finds any broken pool (run_pool starts a new one)
        return pool
    except OSError:  # the same, met inside submit ("handle is closed": see run_pool)
        if not _is_broken(pool):
            dismiss_pool(pool)
            raise
        return pool
    except BaseException:  # a stop signal that came meanwhile, raised as the block ends
        dismiss_pool(pool)
        raise
    return pool


def dismiss_pool(pool: cf.ProcessPoolExecutor) -> None:
    """Stop a pool that has no work to do (its workers hold nothing: SIGKILL)."""
    closing = _ShuttingDown(pool)
    closing.kill()
    closing.wait(broken=True)


def run_pool(
    jobs: Iterable[Job],
    settings: Settings,
    workers: int,
    record: Record,
    started: cf.ProcessPoolExecutor | None = None,
) -> None:
    """Run the jobs on a pool of worker processes, a few groups at a time.

    When a worker dies, the pool breaks and every job in flight fails with it; those jobs
    are then run one at a time (a group each) on a new pool, so the input that kills its
    worker is found (and reported failed, once it has killed a worker twice, alone each
    time) while the others are redone. Ctrl-C lets the running jobs finish (see
    :func:`_stop_pool`). ``started``: the pool :func:`start_pool` made for these jobs (else
    one is made here).
    """
    window = workers * GROUPS_PER_WORKER
    waiting = _Groups(job_groups(jobs))
    suspects: deque[Job] = deque()
    in_flight: dict[cf.Future[list[ReportRow]], tuple[Job, ...]] = {}

    pool = started if started is not None else start_pool(settings, workers)
    solo: Job | None = None  # a suspect running alone: if the pool breaks now, it is the cause
    died_alone: set[int] = set()  # suspects whose worker died once while they ran alone
    stopping = False  # _stop_pool has run
    unused_breaks = 0  # pools in a row that broke before taking a job
    try:
        # A stop signal is noted here, never raised where it lands: it could land inside
        # concurrent.futures' own bookkeeping (cf.wait takes the futures' locks one by one
        # in a Python loop; cut in the middle, the locks it took stay held, and the pool's
        # manager thread waits for ever to set a result). The loop polls instead, and the
        # block raises the signal (Stopped) when it ends, once the running jobs are done.
        with deferred():
            while (waiting or suspects or in_flight) and not received():
                refused = False  # the pool broke before it took the next job
                try:
                    with _signals_held():
                        if suspects or solo is not None:
                            if solo is None:
                                in_flight[pool.submit(_work, (suspects[0],))] = (suspects[0],)
                                solo = suspects.popleft()
                        else:
                            while waiting and len(in_flight) < window:
                                group = waiting.next()
                                in_flight[pool.submit(_work, group)] = group
                                waiting.taken()
                except cf.process.BrokenProcessPool:
                    refused = True
                except OSError:
                    # the pool broke while submit started a worker for it: the standard
                    # library had already closed the queue the new worker was to be given
                    # ("handle is closed"), a race with its own broken-pool clean-up
                    if not _is_broken(pool):
                        raise
                    refused = True
                # once the pool is broken, every future in flight ends soon: wait for them all
                done = _wait_or_stop(in_flight, every=refused)
                broken: list[Job] = []
                for future in done:
                    group = in_flight.pop(future)
                    try:
                        rows = _rows_of(future, group)
                    except cf.process.BrokenProcessPool:
                        broken.extend(group)
                        continue
                    if group == (solo,):
                        solo = None
                    for job, row in zip(group, rows, strict=True):
                        record(job, row)
                if received():  # stopping: a job whose worker died is abandoned, not redone
                    for job in broken:
                        remove_parts_of(job, settings)
                    break
                if refused and not done:
                    unused_breaks += 1  # broke before it took a job: started broken
                    if unused_breaks > MAX_UNUSED_POOLS:
                        raise RuntimeError(
                            f"batch: {unused_breaks} worker pools in a row broke before "
                            "taking an input (their workers die as they start)"
                        )
                elif done:
                    unused_breaks = 0
                if refused or broken:
                    broken.extend(job for group in in_flight.values() for job in group)
                    in_flight.clear()
                    _ShuttingDown(pool).wait(broken=True)
                    if solo is not None and broken == [solo] and solo.index in died_alone:
                        record(solo, _died(solo, settings))
                    elif solo is not None and broken == [solo]:
                        # once more alone before it is named: a worker can die of something
                        # else (a stray kill, the OOM killer), and only the input that kills
                        # its worker twice, each time alone, is the cause
                        died_alone.add(solo.index)
                        remove_parts_of(solo, settings)
                        suspects.appendleft(solo)
                    else:
                        for job in broken:
                            remove_parts_of(job, settings)
                        suspects.extend(sorted(broken, key=lambda j: j.index))
                    solo = None
                    pool = start_pool(settings, workers)
            if received():
                stopping = True
                _stop_pool(pool, in_flight, settings, record)
    except KeyboardInterrupt:  # not a signal noted above: a caller's own SIGINT handler's
        if not stopping:
            _stop_pool(pool, in_flight, settings, record)
        raise
    finally:
        _ShuttingDown(pool).wait()


class _Groups:
    """The groups still to hand to the workers, each made when it is next (from jobs that
    may be planned as they are asked for: :func:`~.inputs.planned`), so the workers start
    on the first while the rest is planned. True while one is left."""

    __slots__ = ("_groups", "_next")

    def __init__(self, groups: Iterator[tuple[Job, ...]]) -> None:
        self._groups = groups
        self._next: tuple[Job, ...] | None = None

    def __bool__(self) -> bool:
        if self._next is None:
            self._next = next(self._groups, None)
        return self._next is not None

    def next(self) -> tuple[Job, ...]:
        """The next group (there must be one), left in place until :meth:`taken`."""
        if not self:
            raise IndexError("no group is left")
        assert self._next is not None
        return self._next

    def taken(self) -> None:
        """The next group was handed on."""
        self._next = None


def _wait_or_stop(
    in_flight: dict[cf.Future[list[ReportRow]], tuple[Job, ...]], *, every: bool
) -> set[cf.Future[list[ReportRow]]]:
    """The futures done once one is (``every``: once all are), or once a stop signal has
    been noted (:func:`~elementlist.stop_signals.received`), whichever is first."""
    until = cf.ALL_COMPLETED if every else cf.FIRST_COMPLETED
    while in_flight:
        done, pending = cf.wait(in_flight, timeout=STOP_POLL_S, return_when=until)
        if (done and not (every and pending)) or received():
            return done
    return set()


def _rows_of(future: cf.Future[list[ReportRow]], group: tuple[Job, ...]) -> list[ReportRow]:
    """The report rows of a group's future: what the worker returned, or for an error that
    escaped it (not a broken pool: raised) a failed row for each job of the group."""
    try:
        return future.result()
    except cf.process.BrokenProcessPool:
        raise
    except Exception as exc:
        return [
            ReportRow(job.input, FAILED, error_line(exc, job.names), job.current) for job in group
        ]


class _ShuttingDown:
    """A pool told to shut down, holding what ``shutdown`` forgets: its manager thread and
    its processes. When a worker dies, the standard library stops the others with SIGTERM,
    which ours ignore (a signal to the whole group must not kill them), then waits for them
    forever; so the workers of a broken pool are SIGKILLed here (they hold nothing: every
    job in flight on a broken pool has failed and is redone)."""

    def __init__(self, pool: cf.ProcessPoolExecutor) -> None:
        self.pool = pool
        self.manager: threading.Thread | None = getattr(pool, "_executor_manager_thread", None)
        self.processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)

    def kill(self) -> None:
        """Stop the workers at once (SIGKILL: the only signal they do not ignore)."""
        for process in self.processes:
            with contextlib.suppress(OSError, ValueError):  # gone already
                process.kill()
        for process in self.processes:
            with contextlib.suppress(ValueError):
                process.join(5)

    def wait(self, *, broken: bool = False) -> None:
        """Wait until the pool's processes and manager thread have ended; a pool that is
        (or becomes) broken meanwhile has its workers killed."""
        if self.manager is None:  # never started, or another caller shut it down
            self.pool.shutdown(wait=True, cancel_futures=True)
            return
        try:
            while self.manager.is_alive():
                if broken or _is_broken(self.pool):
                    self.kill()
                self.manager.join(STOP_POLL_S)
        except KeyboardInterrupt:  # stopped while waiting: nothing is left to finish
            self.kill()
            raise


def _stop_pool(
    pool: cf.ProcessPoolExecutor,
    in_flight: dict[cf.Future[list[ReportRow]], tuple[Job, ...]],
    settings: Settings,
    record: Record,
) -> None:
    """After Ctrl-C: cancel what has not started, let running jobs finish and record them.
    A second Ctrl-C (noted, not raised: :mod:`elementlist.stop_signals`) stops the workers
    at once (SIGKILL: they ignore the others) and removes what they were writing. A job
    whose worker died meanwhile is abandoned, not failed: it has no outputs, and the next
    run does it."""
    # A future cancelled here never reaches CANCELLED_AND_NOTIFIED once the pool shuts
    # down, so cf.wait/as_completed would wait for it forever: wait only for running ones.
    running = {future: group for future, group in in_flight.items() if not future.cancel()}
    in_flight.clear()
    closing = _ShuttingDown(pool)
    while running:
        done = cf.wait(running, timeout=STOP_POLL_S)[0]
        for future in done:
            group = running.pop(future)
            try:
                rows = _rows_of(future, group)
            except cf.process.BrokenProcessPool:
                for job in group:
                    remove_parts_of(job, settings)
                continue
            for job, row in zip(group, rows, strict=True):
                record(job, row)
        if running and again():
            closing.kill()
            for group in running.values():
                for job in group:
                    remove_parts_of(job, settings)
            break
    closing.wait()


# --- a script without ``if __name__ == "__main__":`` ----------------------------------


def check_main_guard() -> None:
    """Raise :class:`BatchError` when worker processes would run the calling script again.

    A spawned worker starts by importing the ``__main__`` module again (as
    ``__mp_main__``), so a script that calls :func:`convert` from its top level, outside
    ``if __name__ == "__main__":``, would start the batch again in every worker, and every
    worker would die. The check mirrors what :mod:`multiprocessing` re-imports: a script
    run by path or a module run with ``-m`` (not a package's ``__main__``, not ``-c``, not
    an interactive session). A forked worker imports nothing again, but the check stands
    whichever start is taken: the same script must run where workers are spawned (macOS,
    Windows, a process with a second thread), so it is refused everywhere alike."""
    main = sys.modules.get("__main__")
    if main is None:
        return
    name = getattr(getattr(main, "__spec__", None), "name", None)
    if name is not None:
        if name == "__main__" or name.endswith(".__main__"):
            return
    elif getattr(main, "__file__", None) is None:
        return
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_globals is vars(main) and frame.f_code.co_name == "<module>":
            break
        frame = frame.f_back
    if frame is None:  # not called while the script's top level runs
        return
    filename, line = frame.f_code.co_filename, frame.f_lineno
    guarded = _guarded_lines(filename)
    if guarded is None or line in guarded:
        return
    raise BatchError(
        f"{filename}, line {line}: convert() with worker processes must run under "
        "'if __name__ == \"__main__\":' (each worker imports your script again and would "
        "start the batch again); put the call under that guard, or pass jobs=1"
    )


def _guarded_lines(filename: str) -> set[int] | None:
    """The lines of ``filename``'s top level inside ``if __name__ == "__main__":``; None
    when its source cannot be read (then nothing is refused)."""
    source = "".join(linecache.getlines(filename))
    if not source:
        return None
    try:
        tree = ast.parse(source, filename)
    except (SyntaxError, ValueError):
        return None
    lines: set[int] = set()
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_main_test(node.test):
            end = node.end_lineno or node.lineno
            lines.update(range(node.body[0].lineno, end + 1))
            pending.extend(node.orelse)
        elif isinstance(node, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
            for field in ("body", "orelse", "finalbody"):
                pending.extend(getattr(node, field, []))
            pending.extend(s for h in getattr(node, "handlers", []) for s in h.body)
    return lines


def _is_main_test(test: ast.expr) -> bool:
    """Whether ``test`` compares ``__name__`` with ``"__main__"`` (anywhere in it)."""
    for node in ast.walk(test):
        if isinstance(node, ast.Compare) and len(node.comparators) == 1:
            sides = [node.left, node.comparators[0]]
            names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
            texts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
            if names and texts:
                return True
    return False
