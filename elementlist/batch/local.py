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

# --- local worker processes -------------------------------------------------------------

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
            if suspects or solo is not None:
                if not in_flight:
                    solo = suspects.popleft()
                    in_flight[pool.submit(_work, solo)] = solo
            else:
                while waiting and len(in_flight) < window:
                    job = waiting.popleft()
                    in_flight[pool.submit(_work, job)] = job
            done, _ = cf.wait(in_flight, return_when=cf.FIRST_COMPLETED)
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
            if broken:
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
    for future in in_flight:
        future.cancel()
    pool.shutdown(wait=False, cancel_futures=True)
    try:
        for future in cf.as_completed(list(in_flight)):
            job = in_flight.pop(future)
            if future.cancelled():
                continue
            try:
                record(job, future.result())
            except Exception as exc:
                record(job, ReportRow(job.input, FAILED, error_line(exc), job.current))
    except KeyboardInterrupt:
        processes = getattr(pool, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()
        for process in list(processes.values()):
            process.join(5)
        for job in in_flight.values():
            remove_parts_of(job, settings)
        raise
