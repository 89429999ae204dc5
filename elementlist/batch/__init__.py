"""Many ElementLists into many formats at once: local worker processes, or a Dask cluster.

:func:`convert` turns every input into every requested format under one output directory,
mirroring the input tree, and returns one :class:`ReportRow` per input (also written, one
JSON line each, to ``OUTDIR/_report.jsonl``). docs/batch.md explains every rule; in short:

* Inputs: ElementList files; directories (every ``*.json`` below, hidden names skipped);
  lists of sources (``@FILE``, or a file named ``*.list`` / ``*.txt``: one path, URL or
  ``cielo24:JOB_ID[@VERSION]`` a line, ``#`` comments); URLs and cielo24 jobs themselves.
* Outputs: ``OUTDIR/<relative name>.<ext>``; ``.json`` is dropped from the name. Remote
  sources get a safe name (``HOST[_PORT]/path/name``, ``cielo24/JOB_ID``).
* One bad input never stops the batch. Every output is written whole or not at all; a
  re-run skips the outputs already newer than their input (remote: already there), so an
  interrupted batch resumes where it stopped. ``force`` redoes everything.
* Local workers: a pool of ``jobs`` processes, forked when that is safe (one thread, on
  Linux), else spawned (small inputs go in groups, a few groups in flight at a time); a
  worker that dies takes no other input with it. ``jobs=1`` runs in this process.
* Dask: the same rendering runs on the cluster's workers; this process reads local inputs
  and writes every output, so the workers need no shared file system.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LayoutWarning, OptionError
from ..importers import AUTO, resolve_source_format
from ..options.classes import CaptionOptions, TranscriptOptions, require_options
from ..stop_signals import taken
from ..table.wordlists import WordLists
from ..writers.scc.grid import scc_layout_options
from .formats import OutputFormat, options_from_query, output_format, output_formats
from .grouping import job_groups
from .inputs import (
    Job,
    display_source,
    expand_inputs,
    inputs_to_read,
    planned,
    remote_stem,
    safe_name,
)
from .render import Settings, process_jobs, remove_parts_of, remove_stale_parts
from .report import (
    FAILED,
    OK,
    REPORT_NAME,
    SKIPPED,
    BatchError,
    ReportFile,
    ReportRow,
    error_line,
    read_report,
)

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from ..fetch import FetchOptions

# convert's progress callback: (row or None, done, total), see docs/batch.md.
Progress = Callable[[ReportRow | None, int, int], None]
Record = Callable[[Job, ReportRow], None]
Inputs = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchOptions:
    """What every output of a batch is made with: the options of each call, your own word
    lists, whether a document with any violation is refused (``strict``), and what the
    inputs are (``input_format``: ``"auto"``, each recognised by its shape, an ElementList
    first; ``"elementlist"``; or one source's name such as ``"whisper"``, docs/sources.md).

    ``captions``' ``audio_description``, ``elementlist_version`` and ``iwp_name`` also
    choose what a cielo24 source fetches.
    """

    captions: CaptionOptions = field(default_factory=CaptionOptions)
    transcripts: TranscriptOptions = field(default_factory=TranscriptOptions)
    word_lists: WordLists | None = None
    strict: bool = False
    input_format: str = AUTO


@dataclass(frozen=True, slots=True)
class DaskCluster:
    """Render on a running Dask cluster: its scheduler's address (``tcp://HOST:PORT``) and
    how many seconds to try connecting."""

    address: str
    timeout: float = 10.0


def convert(
    inputs: Inputs,
    outdir: str | os.PathLike[str],
    formats: str | Iterable[str] = ("SRT",),
    options: BatchOptions | CaptionOptions | None = None,
    *,
    jobs: int | None = None,
    dask: DaskCluster | None = None,
    fetch: FetchOptions | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> list[ReportRow]:
    """Convert every input into every format under ``outdir``; one report row per input,
    in input order (also written to ``outdir/_report.jsonl``).

    What: ``formats`` are batch format names (see :func:`output_format`); ``options`` says
    how every output is made (a :class:`BatchOptions`, or just the CaptionOptions).
    Where: ``jobs`` worker processes (default: the CPUs available; 1 runs here), or a
    :class:`DaskCluster` instead. ``fetch``: authentication and policies for remote
    sources. ``force``: rewrite outputs that are up to date. ``progress(row, done, total)``
    is called with ``row=None`` once the inputs are known, then after each input.

    Usage errors (bad format or option, no output directory's parent) raise before any work;
    a failing input never raises, it is reported. Ctrl-C stops the batch after the inputs in
    progress (a second Ctrl-C stops at once) and is raised again.
    """
    formats_ = output_formats(formats)
    made_with = _batch_options(options)
    resolve_source_format(made_with.input_format)  # a usage error: before any work
    if any(fmt.caption_format == "SCC" for fmt in formats_):  # once, not per document
        for message in scc_layout_options(made_with.captions)[1]:
            warnings.warn(message, LayoutWarning, stacklevel=2)
    if jobs is not None and jobs < 1:
        raise OptionError(f"jobs must be at least 1, not {jobs}", option="jobs", value=jobs)
    local_workers = dask is None and (jobs or available_cpus()) > 1
    if local_workers:
        from .start import requested_start

        requested_start()  # a bad $ELEMENTLIST_WORKER_START: a usage error
    out = _prepare_outdir(Path(outdir))
    if local_workers:
        from .local import check_main_guard

        check_main_guard()  # a script that would run again in every worker: a usage error
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    found, total = expand_inputs(inputs, out)
    to_read, remote = inputs_to_read(found)
    settings = _settings(out, formats_, made_with, fetch, remote=remote)
    client = None
    if dask is not None:
        from .cluster import connect, run_dask

        client = connect(dask.address, dask.timeout)  # a usage error: before any work
    pool: ProcessPoolExecutor | None = None  # local workers: started before the plan
    wanted = 0 if dask is not None else min(jobs or available_cpus(), to_read)
    if wanted > 1:
        from .local import dismiss_pool, run_pool, start_pool

        pool = start_pool(settings, wanted)
    report: ReportFile | None = None
    rows: dict[int, ReportRow] = {}
    done = 0

    def record_row(index: int, row: ReportRow) -> None:
        nonlocal done
        rows[index] = row
        written.append(row)
        done += 1
        if progress is not None:
            progress(row, done, total)

    early: dict[int, ReportRow] = {}  # the plan's rows until the run records them
    on_row: Callable[[int, ReportRow], None] = early.__setitem__
    try:
        remove_stale_parts(out, formats_)
        report = ReportFile(out)
        fold_case = _folds_case(report.path)
        # through a lambda: on_row is rebound once the run starts
        planning = planned(
            found, out, formats_, force, lambda i, r: on_row(i, r), fold_case=fold_case
        )
        # a pool's workers get the first jobs while the rest is planned; enough are planned
        # first to know the pool has work for two (else the jobs run here)
        ahead = list(itertools.islice(planning, wanted)) if pool is not None else []
        streamed = pool is not None and len(ahead) > 1
        jobs_to_do = [] if streamed else [*ahead, *planning]  # else: planned as they go
    except BaseException:
        if report is not None:
            report.close()
        if client is not None:
            client.close()
        if pool is not None:
            dismiss_pool(pool)
        raise
    written = report
    if streamed:
        workers = wanted
    else:
        workers = 0 if client is not None else min(jobs or available_cpus(), len(jobs_to_do))
    if pool is not None and workers <= 1:  # fewer inputs to convert than it was started for
        dismiss_pool(pool)
        pool = None
    handed = False  # the pool handed to run_pool, which shuts it down whatever happens

    # Called from Python, the run takes SIGINT (a second Ctrl-C is noted, not raised inside
    # the clean-up of the first: see elementlist.stop_signals) and gives it back after.
    with taken(only_sigint=True):
        try:
            if progress is not None:
                progress(None, 0, total)
            for index in sorted(early):
                record_row(index, early[index])
            on_row = record_row  # the rows the plan meets from now on: recorded at once

            def record(job: Job, row: ReportRow) -> None:
                record_row(job.index, row)

            if client is not None:
                run_dask(client, jobs_to_do, settings, record)
            elif pool is None:
                _run_here(jobs_to_do, settings, record)
            else:
                handed = True
                pending = itertools.chain(ahead, planning) if streamed else jobs_to_do
                run_pool(pending, settings, workers, record, pool)
        except BaseException:
            written.close()
            if client is not None:
                client.close()
            if pool is not None and not handed:
                dismiss_pool(pool)
            raise
    ordered = [rows[i] for i in sorted(rows)]
    written.finish(ordered)
    return ordered


def _batch_options(options: BatchOptions | CaptionOptions | None) -> BatchOptions:
    if isinstance(options, BatchOptions):
        return options
    if options is None:
        return BatchOptions()
    return BatchOptions(captions=require_options(options, CaptionOptions))


def _settings(
    out: Path,
    formats: tuple[OutputFormat, ...],
    made_with: BatchOptions,
    fetch: FetchOptions | None,
    *,
    remote: bool,
) -> Settings:
    """What every worker is sent once: one TranscriptOptions per transcript file format,
    and (when some source is remote) the fetch options the caption options choose."""
    return Settings(
        outdir=str(out),
        formats=formats,
        caption_options=made_with.captions,
        transcript_options={
            fmt.file_format: made_with.transcripts.with_values(file_format=fmt.file_format)
            for fmt in formats
            if fmt.file_format is not None
        },
        word_lists=made_with.word_lists,
        strict=made_with.strict,
        fetch=_fetch_options(fetch, made_with.captions) if remote else fetch,
        input_format=resolve_source_format(made_with.input_format),
        real_outdir=os.path.realpath(out),
    )


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity, which containers narrow), else all."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _run_here(jobs: list[Job], settings: Settings, record: Record) -> None:
    """``jobs=1``: convert in this process, a group of inputs after another (one flush to
    disk for each group, see :mod:`.grouping`). write_atomic removes its own temporary
    files when interrupted; the sweep below catches the instant between a file's creation
    and that guard."""
    for group in job_groups(jobs):
        try:
            rows = process_jobs(group, settings)
        except KeyboardInterrupt:
            for job in group:
                remove_parts_of(job, settings)
            raise
        for job, row in zip(group, rows, strict=True):
            record(job, row)


def _folds_case(report: Path) -> bool:
    """Whether the output directory ignores case in names (macOS, Windows): the report,
    just made, found again under its name in capitals."""
    try:
        return os.path.samefile(report, report.with_name(report.name.upper()))
    except OSError:
        return False


def _prepare_outdir(outdir: Path) -> Path:
    if outdir.exists() and not outdir.is_dir():
        raise BatchError(f"output directory is not a directory: {outdir}")
    parent = outdir.absolute().parent
    if not parent.is_dir():
        raise BatchError(f"output directory's parent does not exist: {parent}")
    try:
        outdir.mkdir(exist_ok=True)
    except OSError as exc:
        raise BatchError(f"cannot create the output directory: {error_line(exc)}") from None
    return outdir


def _fetch_options(fetch: FetchOptions | None, options: CaptionOptions) -> FetchOptions:
    from ..fetch import FetchOptions

    return dataclasses.replace(
        fetch if fetch is not None else FetchOptions(),
        audio_description=options.audio_description,
        elementlist_version=options.elementlist_version or None,
        iwp_name=options.iwp_name or None,
    )


__all__ = [
    "FAILED",
    "OK",
    "REPORT_NAME",
    "SKIPPED",
    "BatchError",
    "BatchOptions",
    "DaskCluster",
    "Job",
    "OutputFormat",
    "Progress",
    "ReportRow",
    "Settings",
    "convert",
    "display_source",
    "error_line",
    "expand_inputs",
    "options_from_query",
    "output_format",
    "output_formats",
    "read_report",
    "remote_stem",
    "safe_name",
]
