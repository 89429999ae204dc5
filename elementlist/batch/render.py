"""The work of one input, as it runs in a worker: read, render every format, write.

:func:`render` reads and renders (a Dask task runs just this, and the batch process writes);
:func:`write_rendered` writes; :func:`process_jobs` does both for a group of inputs (local
workers and ``jobs=1``), with one flush to disk for the group.
Both paths render through :func:`render_outputs`, so their bytes are the same.
"""

from __future__ import annotations

import os
import re
import stat
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import AtomicFiles, commit_all, temp_prefix
from ..captions.api import captions
from ..captions.value import Captions
from ..document.decode import loads_decoded
from ..document.model import ElementList
from ..document.validate import require_valid
from ..errors import ElementListWarning
from ..fetch.sources import read_source
from ..gcpause import paused_gc
from ..importers import AUTO, ELEMENTLIST
from ..importers.route import load_reporting, looks_like_elementlist
from ..importers.source import PREFIX_BYTES
from ..options.classes import CaptionOptions, TranscriptOptions
from ..table.from_bytes import table_from_bytes
from ..table.token_table import TokenTable
from ..table.wordlists import WordLists
from ..transcripts import get_transcript
from ..writers.scc.grid import scc_layout_options
from .formats import CAPTION_EXTENSIONS, OutputFormat
from .inputs import Job
from .report import FAILED, OK, REPORT_NAME, BatchError, ReportRow, error_line

if TYPE_CHECKING:
    from ..fetch import FetchOptions


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the job; sent to each worker once."""

    outdir: str
    formats: tuple[OutputFormat, ...]
    caption_options: CaptionOptions
    transcript_options: dict[str, TranscriptOptions]  # file_format → options
    word_lists: WordLists | None = None
    strict: bool = False
    fetch: FetchOptions | None = None
    input_format: str = AUTO  # canonical (resolved by convert)
    real_outdir: str = ""  # outdir with every symbolic link followed (set by convert)
    # the real location of each output folder found so far, and whether it was missing
    # then (nothing in it can be a link or a special file this run did not make, so its
    # outputs need no lstat each); this run only: a new Settings for each convert call,
    # so a folder changed between runs is seen anew
    _real_folders: dict[str, tuple[str, bool]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # the output folders this run has made or found (made once each, not once per output)
    _made_folders: set[str] = field(default_factory=set, compare=False, repr=False)

    def make_folder(self, folder: str) -> None:
        """``folder`` and its parents made if missing, once per run: a folder removed while
        the batch runs fails the outputs written into it after, each with its error."""
        if folder not in self._made_folders:
            os.makedirs(folder, exist_ok=True)
            self._made_folders.add(folder)

    def output_path(self, relative: str) -> str:
        """Where output ``relative`` is written: its real location, every symbolic link
        followed. :class:`BatchError` when that is not inside the output directory's own
        real location, or is something else than a regular file (a FIFO, a device). Each
        folder is resolved once per run; an output in a folder that did not exist then is
        not looked at (only this run puts files there, and it writes regular files)."""
        root = self.real_outdir or os.path.realpath(self.outdir)
        folder, _, name = relative.rpartition("/")
        known = self._real_folders.get(folder)
        if known is None:
            real_folder = os.path.realpath(os.path.join(self.outdir, folder)) if folder else root
            _check_inside(root, real_folder, os.path.join(real_folder, name), relative)
            known = self._real_folders[folder] = (real_folder, not os.path.lexists(real_folder))
        real_folder, missing = known
        real = os.path.join(real_folder, name)
        if missing:
            return real
        try:
            mode = os.lstat(real).st_mode
        except OSError:
            return real
        if stat.S_ISLNK(mode):
            real = os.path.realpath(real)
            _check_inside(root, real, real, relative)
            try:
                mode = os.lstat(real).st_mode
            except OSError:
                return real  # a dangling link inside: its target is made
        if not stat.S_ISREG(mode):
            raise BatchError(f"{relative} is there but is no regular file; not written")
        return real


def _check_inside(root: str, real: str, lands: str, relative: str) -> None:
    if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
        raise BatchError(
            f"{relative} would land outside the output directory, at {lands} (through a "
            "symbolic link); not written"
        )


def read_document(data: bytes, settings: Settings) -> tuple[ElementList | TokenTable, str]:
    """The input decoded (or imported, see ``input_format``) once for all its outputs, and
    the name of the format it was read as (what ``auto`` recognised)."""
    input_format = settings.input_format
    if input_format != ELEMENTLIST and (
        input_format != AUTO or looks_like_elementlist(data[:PREFIX_BYTES]) is False
    ):  # another source: imported (its shape recognised under auto)
        document, read_as = load_reporting(data, input_format=input_format)
        if settings.strict:
            require_valid(document)
        return document, read_as
    if settings.strict:  # validation needs the model
        document = loads_decoded(data)  # validated whole: no scan first; errors need no name
        require_valid(document)
        return document, ELEMENTLIST
    return table_from_bytes(data), ELEMENTLIST  # straight to the table, once for all outputs


def render_outputs(
    document: ElementList | TokenTable, job: Job, settings: Settings
) -> Iterator[tuple[str, bytes]]:
    """Each output of ``job`` still to write, as (name relative to the output directory,
    bytes): the document is laid out as captions once for all caption formats; the bytes
    are exactly what ``get_caption`` / ``get_transcript`` give."""
    laid_out: dict[CaptionOptions, Captions] = {}  # once per layout, for all formats
    for i in job.todo:
        fmt = settings.formats[i]
        if fmt.caption_format is not None:
            layout = settings.caption_options
            if fmt.caption_format == "SCC":  # within CEA-608's grid, as get_caption does
                layout = scc_layout_options(layout)[0]  # convert() warns once
            made = laid_out.get(layout)
            if made is None:
                made = laid_out[layout] = captions(
                    document, layout, word_lists=settings.word_lists, source_name=job.source
                )
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ElementListWarning)
                text = made.to(fmt.caption_format)
            for warning in caught:  # named after the input (SCC's delays, characters)
                warnings.warn(f"{job.input}: {warning.message}", warning.category, stacklevel=2)
        else:
            text = get_transcript(
                document,
                options=settings.transcript_options[fmt.file_format or "txt"],
                word_lists=settings.word_lists,
                source_name=job.source,
            )
        yield job.stem + fmt.extension, text.encode("utf-8")


@dataclass(frozen=True, slots=True)
class Rendered:
    """The outputs rendered for one input (name relative to the output directory, bytes),
    the error that stopped the rendering (those before it are kept), the seconds spent,
    and the format the input was read as (None when it could not be read)."""

    outputs: tuple[tuple[str, bytes], ...]
    error: str | None
    time: float
    read_as: str | None = None


def render(job: Job, settings: Settings, data: bytes | None = None) -> Rendered:
    """Read the input (unless ``data`` is given) and render its outputs, with the cyclic
    garbage collector paused as get_caption pauses it. This is what a Dask task runs."""
    started = time.perf_counter()
    outputs: list[tuple[str, bytes]] = []
    read_as: str | None = None
    try:
        if data is None:
            data, _name = read_source(job.source, fetch=settings.fetch)
        with paused_gc():
            document, read_as = read_document(data, settings)
            for output in render_outputs(document, job, settings):
                outputs.append(output)
    except Exception as exc:
        error = error_line(exc, job.names)
        return Rendered(tuple(outputs), error, time.perf_counter() - started, read_as)
    return Rendered(tuple(outputs), None, time.perf_counter() - started, read_as)


@dataclass(slots=True)
class _Staged:
    """One input's outputs in their temporary files, waiting for the group's flush."""

    job: Job
    rendered: Rendered
    files: AtomicFiles
    relative_of: dict[str, str]  # the path each output was given as → its relative name
    error: str | None
    seconds: float  # rendering and staging


def _stage(job: Job, settings: Settings, rendered: Rendered) -> _Staged:
    """Each rendered output of ``job`` written to its temporary file (not yet visible)."""
    started = time.perf_counter()
    files = AtomicFiles()
    relative_of: dict[str, str] = {}
    error = rendered.error
    try:
        for relative, blob in rendered.outputs:
            target = settings.output_path(relative)
            settings.make_folder(os.path.dirname(target))
            relative_of[target] = relative
            files.add(target, blob)
    except (OSError, BatchError) as exc:  # those before it are still written
        error = error_line(exc)
    except BaseException:
        files.discard()
        raise
    seconds = rendered.time + time.perf_counter() - started
    return _Staged(job, rendered, files, relative_of, error, seconds)


def _commit(staged: list[_Staged]) -> list[ReportRow]:
    """Every staged input's outputs flushed to disk at once, then made visible input by
    input; their report rows."""
    started = time.perf_counter()
    errors = commit_all([one.files for one in staged])
    share = (time.perf_counter() - started) / max(1, len(staged))
    rows = []
    for one, commit_error in zip(staged, errors, strict=True):
        error = one.error or (None if commit_error is None else error_line(commit_error))
        written = [one.relative_of[path] for path in one.files.written]
        outputs = tuple(sorted({*one.job.current, *written}))
        status = FAILED if error else OK
        row = ReportRow(
            one.job.input, status, error, outputs, one.seconds + share, one.rendered.read_as
        )
        rows.append(row)
    return rows


def write_rendered(job: Job, settings: Settings, rendered: Rendered) -> ReportRow:
    """Write what was rendered, each file whole or not at all; the input's report row."""
    return _commit([_stage(job, settings, rendered)])[0]


def process_jobs(jobs: Sequence[Job], settings: Settings) -> list[ReportRow]:
    """Read, render and write a group of inputs (see :mod:`.grouping`), with one flush to
    disk for all their outputs: each output is still on disk before its rename makes it
    visible. Any error of an input becomes its failed row; an interruption (Ctrl-C) leaves
    none of the group's outputs written."""
    staged: list[_Staged] = []
    try:
        for job in jobs:
            staged.append(_stage(job, settings, render(job, settings)))
    except BaseException:
        for one in staged:
            one.files.discard()
        raise
    return _commit(staged)


# --- temporary files left by a killed process -------------------------------------------


_PART = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.part$")


def remove_stale_parts(outdir: Path, formats: Sequence[OutputFormat]) -> list[Path]:
    """Delete the temporary files a killed run left under ``outdir`` (those write_atomic
    makes for our outputs and the report; nothing else)."""
    extensions = tuple(fmt.extension for fmt in formats) + tuple(CAPTION_EXTENSIONS.values())
    extensions += (".txt", ".html", REPORT_NAME)
    removed: list[Path] = []
    for directory, _dirs, files in os.walk(outdir):
        for name in files:
            match = _PART.match(name)
            if match and match.group("name").endswith(extensions):
                path = Path(directory) / name
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def remove_parts_of(job: Job, settings: Settings) -> None:
    """Delete temporary files a killed worker left for ``job``'s outputs."""
    for i in job.todo:
        try:
            target = Path(settings.output_path(job.stem + settings.formats[i].extension))
        except BatchError:
            continue  # never written: nothing to remove
        directory = target.parent
        if not directory.is_dir():
            continue
        prefix = temp_prefix(target.name)
        for path in directory.iterdir():
            name = path.name
            if name.startswith(prefix) and _PART.match(name):
                path.unlink(missing_ok=True)
