"""Dask: the workers render (and fetch remote sources); this process reads local inputs
and writes every output, so the cluster needs no file system shared with it. Dask is
imported only here, only when asked for."""

from __future__ import annotations

import importlib
import queue
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..stop_signals import deferred, received
from .inputs import Job
from .local import STOP_POLL_S, WINDOW_PER_WORKER
from .render import Rendered, Settings, render, write_rendered
from .report import FAILED, BatchError, ReportRow, error_line

Record = Callable[[Job, ReportRow], None]


def connect(address: str, timeout: float = 10.0) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address`` (not made the default client);
    :class:`BatchError` when Dask is missing or the scheduler does not answer in time."""
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise BatchError(
            "--dask needs Dask: pip install 'elementlist[dask]' (dask.distributed)"
        ) from None
    try:
        return distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise BatchError(
            f"cannot reach the Dask scheduler at {address}: {error_line(exc)}"
        ) from None


def run_dask(client: Any, jobs: list[Job], settings: Settings, record: Record) -> None:
    """Render on the cluster: this process reads local inputs, the workers render (and
    fetch remote sources), and this process writes every output. Closes ``client``."""
    try:
        threads = sum(client.nthreads().values()) or 1
        window = max(2, threads * WINDOW_PER_WORKER)
        [shared] = client.scatter([settings], broadcast=True, hash=False)
        waiting = deque(jobs)
        in_flight: dict[Any, Job] = {}

        finished: queue.SimpleQueue[Any] = queue.SimpleQueue()

        def fill() -> None:
            while waiting and len(in_flight) < window:
                job = waiting.popleft()
                data: bytes | None = None
                if not job.remote:
                    try:
                        data = Path(job.source).read_bytes()
                    except OSError as exc:
                        error = error_line(exc, job.names)
                        record(job, ReportRow(job.input, FAILED, error, job.current))
                        continue
                future = client.submit(render, job, shared, data, pure=False)
                in_flight[future] = job
                future.add_done_callback(finished.put)  # called from another thread

        # As with local workers, a stop signal is noted, never raised where it lands (inside
        # a lock of Dask's, it would stall the client's event loop): the loop polls for it.
        try:
            with deferred():
                fill()
                while in_flight and not received():
                    try:
                        future = finished.get(timeout=STOP_POLL_S)
                    except queue.Empty:
                        continue
                    job = in_flight.pop(future)
                    record(job, _written(job, settings, future))
                    fill()
                if received():
                    client.cancel(list(in_flight))
        except KeyboardInterrupt:  # not a signal noted above: a caller's own SIGINT handler's
            client.cancel(list(in_flight))
            raise
    finally:
        client.close()


def _written(job: Job, settings: Settings, future: Any) -> ReportRow:
    try:
        rendered: Rendered = future.result()
    except Exception as exc:  # the task itself failed, e.g. KilledWorker
        return ReportRow(job.input, FAILED, error_line(exc, job.names), job.current)
    return write_rendered(job, settings, rendered)
