"""Local worker processes: a spawned pool, fed a few jobs at a time; a worker that dies
takes no other input with it; Ctrl-C lets running jobs finish their files."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable

from .inputs import Job
from .render import Settings, process_job, remove_parts_of
from .report import FAILED, ReportRow, error_line

Record = Callable[[Job, ReportRow], None]
WINDOW_PER_WORKER = 4  # futures in flight per worker: enough to keep each one busy

_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    """Workers leave Ctrl-C to the parent, which lets running jobs finish their files."""
    global _worker_settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_settings = settings


def _work(job: Job) -> ReportRow:
    assert _worker_settings is not None
    return process_job(job, _worker_settings)


def _died(job: Job, settings: Settings) -> ReportRow:
    remove_parts_of(job, settings)
    return ReportRow(
        job.input, FAILED, "the worker process died while converting this input", job.current
    )


def run_pool(jobs: list[Job], settings: Settings, workers: int, record: Record) -> None:
    """Run the jobs on a pool of spawned worker processes, a few at a time.

    When a worker dies, the pool breaks and every job in flight fails with it; those jobs
    are then run one at a time on a new pool, so the input that kills its worker is found
    (and reported failed) while the others are redone.
    """
    context = multiprocessing.get_context("spawn")
    window = workers * WINDOW_PER_WORKER
    waiting = deque(jobs)
    suspects: deque[Job] = deque()
    in_flight: dict[cf.Future[ReportRow], Job] = {}

    def new_pool() -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(settings,)
        )

    pool = new_pool()
    solo: Job | None = None  # a suspect running alone: if the pool breaks now, it is the cause
    try:
        while waiting or suspects or in_flight:
            refused = False  # the pool broke before it took the next job
            try:
                if suspects or solo is not None:
                    if solo is None:
                        in_flight[pool.submit(_work, suspects[0])] = suspects[0]
                        solo = suspects.popleft()
                else:
                    while waiting and len(in_flight) < window:
                        in_flight[pool.submit(_work, waiting[0])] = waiting[0]
                        waiting.popleft()
            except cf.process.BrokenProcessPool:
                refused = True
            # once the pool is broken, every future in flight ends soon: wait for them all
            until = cf.ALL_COMPLETED if refused else cf.FIRST_COMPLETED
            done = cf.wait(in_flight, return_when=until)[0] if in_flight else set()
            broken: list[Job] = []
            for future in done:
                job = in_flight.pop(future)
                try:
                    row = future.result()
                except cf.process.BrokenProcessPool:
                    broken.append(job)
                    continue
                except Exception as exc:
                    row = ReportRow(job.input, FAILED, error_line(exc), job.current)
                if job is solo:
                    solo = None
                record(job, row)
            if refused or broken:
                broken.extend(in_flight.values())
                in_flight.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                if solo is not None and broken == [solo]:
                    record(solo, _died(solo, settings))
                else:
                    for job in broken:
                        remove_parts_of(job, settings)
                    suspects.extend(sorted(broken, key=lambda j: j.index))
                solo = None
                pool = new_pool()
    except KeyboardInterrupt:
        _stop_pool(pool, in_flight, settings, record)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop_pool(
    pool: cf.ProcessPoolExecutor,
    in_flight: dict[cf.Future[ReportRow], Job],
    settings: Settings,
    record: Record,
) -> None:
    """After Ctrl-C: cancel what has not started, let running jobs finish and record them.
    A second Ctrl-C stops the workers at once and removes what they were writing."""
    # A future cancelled here never reaches CANCELLED_AND_NOTIFIED once the pool shuts
    # down, so cf.wait/as_completed would wait for it forever: wait only for running ones.
    running = {future: job for future, job in in_flight.items() if not future.cancel()}
    in_flight.clear()
    processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets
    pool.shutdown(wait=False, cancel_futures=True)
    try:
        for future in cf.as_completed(list(running)):
            job = running.pop(future)
            try:
                record(job, future.result())
            except Exception as exc:
                record(job, ReportRow(job.input, FAILED, error_line(exc), job.current))
    except KeyboardInterrupt:
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(5)
        for job in running.values():
            remove_parts_of(job, settings)
        raise
