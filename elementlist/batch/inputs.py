"""From the inputs given to the jobs to do: files, directories, lists of sources and
remote sources; their output names; which outputs are already up to date."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit, urlunsplit

from ..errors import OptionError
from ..sources import is_remote
from .formats import OutputFormat
from .report import FAILED, SKIPPED, ReportRow, error_line

LIST_SUFFIXES = (".list", ".txt")


@dataclass(frozen=True, slots=True)
class Job:
    """One input to convert. ``source`` is what :func:`read_source` reads; ``input`` is how
    the report names it (no secrets); ``stem`` the output name relative to the output
    directory, without extension; ``todo`` the indexes of the formats still to write;
    ``current`` the outputs already up to date."""

    index: int
    source: str
    input: str
    stem: str
    remote: bool = False
    todo: tuple[int, ...] = ()
    current: tuple[str, ...] = ()


_UNSAFE = re.compile(r"[^A-Za-z0-9._@+-]")
_SECRET_PARAM = re.compile(
    r"(?i)((?:^|&)(?:api_token|token|securekey|password|api_key|apikey|key|access_token|"
    r"signature|sig|x-amz-signature|x-amz-credential)=)[^&]*"
)
_MAX_NAME = 120


def safe_name(text: str) -> str:
    """One path segment from arbitrary text: letters, digits and ``._@+-`` kept, anything
    else ``_``; never hidden, never empty, at most 120 characters."""
    name = _UNSAFE.sub("_", text) or "_"
    if name.startswith("."):
        name = "_" + name
    if len(name) > _MAX_NAME:
        digest = hashlib.sha256(text.encode()).hexdigest()[:8]
        name = f"{name[: _MAX_NAME - 9]}_{digest}"
    return name


def _strip_json(name: str) -> str:
    return name[:-5] if name.lower().endswith(".json") and len(name) > 5 else name


def remote_stem(spec: str) -> str:
    """The output name of a remote source.

    >>> remote_stem("https://media.example.com:8443/a/talk%201.json")
    'media.example.com_8443/a/talk_1'
    >>> remote_stem("cielo24:64bea283eff6475ea6596027a6ba0929@FINAL")
    'cielo24/64bea283eff6475ea6596027a6ba0929@FINAL'
    """
    if spec.startswith("cielo24:"):
        return "cielo24/" + safe_name(spec[len("cielo24:") :])
    parts = urlsplit(spec)
    host = safe_name((parts.hostname or "host") + (f"_{parts.port}" if parts.port else ""))
    segments = [unquote(s) for s in parts.path.split("/") if s not in ("", ".", "..")]
    last = _strip_json(segments.pop()) if segments else "index"
    if parts.query:
        last += "_" + hashlib.sha256(parts.query.encode()).hexdigest()[:8]
    return "/".join([host, *(safe_name(s) for s in segments), safe_name(last)])


def display_source(spec: str) -> str:
    """How the report shows a source: URLs without user or password, and with the values of
    credential-like query parameters replaced by ``***``."""
    if not spec.lower().startswith(("http://", "https://")):
        return spec
    parts = urlsplit(spec)
    netloc = parts.netloc.rpartition("@")[2]
    query = _SECRET_PARAM.sub(r"\1***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _is_list_file(spec: str) -> bool:
    return spec.startswith("@") or (spec.lower().endswith(LIST_SUFFIXES) and Path(spec).is_file())


@dataclass(frozen=True, slots=True)
class _Entry:
    source: str
    input: str
    stem: str
    remote: bool = False


def _walk(root: Path, skip: Path) -> Iterator[Path]:
    """Every ``*.json`` below ``root`` in sorted order; hidden names and ``skip`` (the output
    directory) left out; symbolic links to directories not followed."""
    for directory, dirs, files in os.walk(root):
        here = Path(directory)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and _resolved(here / d) != skip)
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(".json"):
                yield here / name


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _stem_of(path: Path, base: Path) -> str:
    relative = PurePosixPath(*path.relative_to(base).parts)
    return str(relative.with_name(_strip_json(relative.name)))


def _local_entries(path: Path, base: Path | None, skip: Path) -> Iterator[_Entry]:
    """A file, or every ElementList below a directory; names relative to ``base`` when the
    file lies inside it, else to the directory given (a directory) or just the file name."""
    if path.is_dir():
        for found in _walk(path, skip):
            origin = base if base is not None and _inside(found, base) else path
            yield _Entry(str(found), str(found), _stem_of(found, origin))
        return
    if base is not None and _inside(path, base):
        yield _Entry(str(path), str(path), _stem_of(path, base))
    else:
        yield _Entry(str(path), str(path), _strip_json(path.name))


def _inside(path: Path, base: Path) -> bool:
    try:
        path.relative_to(base)
    except ValueError:
        return False
    return ".." not in path.relative_to(base).parts


def _list_entries(spec: str, skip: Path) -> Iterator[_Entry]:
    """The sources a list file names; relative paths are relative to the list's folder."""
    name = spec[1:] if spec.startswith("@") else spec
    if name == "-":
        text, base = sys.stdin.read(), Path(".")
    else:
        text = Path(name).read_text(encoding="utf-8-sig")
        base = Path(name).parent
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if is_remote(line):
            yield _Entry(line, display_source(line), remote_stem(line), remote=True)
            continue
        path = Path(line)
        if not path.is_absolute():
            path = base / path
        yield from _local_entries(path, base, skip)


def expand_inputs(
    inputs: Iterable[str | os.PathLike[str]], outdir: str | os.PathLike[str]
) -> tuple[list[_Entry | ReportRow], int]:
    """Every source the inputs name, in order, and how many; a list file that cannot be read
    becomes a failed row in its place."""
    skip = _resolved(Path(outdir))
    found: list[_Entry | ReportRow] = []
    for item in inputs:
        spec = os.fspath(item)
        if spec == "-":
            raise OptionError(
                "a batch does not read an ElementList from stdin; '@-' reads a list of sources",
                option="INPUT",
                value=spec,
            )
        if is_remote(spec):
            found.append(_Entry(spec, display_source(spec), remote_stem(spec), remote=True))
        elif _is_list_file(spec):
            try:
                found.extend(_list_entries(spec, skip))
            except (OSError, UnicodeDecodeError) as exc:
                found.append(ReportRow(spec, FAILED, f"list of sources: {error_line(exc)}"))
        else:
            found.extend(_local_entries(Path(spec), None, skip))
    return found, len(found)


def plan(
    found: list[_Entry | ReportRow], outdir: Path, formats: Sequence[OutputFormat], force: bool
) -> tuple[list[Job], dict[int, ReportRow]]:
    """Jobs for the entries with work to do; rows for the others (already failed, skipped
    because every output is up to date, or clashing with an earlier input's outputs)."""
    jobs: list[Job] = []
    rows: dict[int, ReportRow] = {}
    owners: dict[str, tuple[str, str]] = {}  # stem → (real source, input)
    for index, entry in enumerate(found):
        if isinstance(entry, ReportRow):
            rows[index] = entry
            continue
        real = entry.source if entry.remote else str(_resolved(Path(entry.source)))
        owner = owners.get(entry.stem)
        if owner is not None:
            if owner[0] != real:
                rows[index] = ReportRow(
                    entry.input, FAILED, f"its outputs ({entry.stem}.*) are {owner[1]}'s too"
                )
            else:
                rows[index] = ReportRow(entry.input, SKIPPED, f"given twice (as {owner[1]})")
            continue
        owners[entry.stem] = (real, entry.input)
        todo, current = _outdated(entry, outdir, formats, force)
        if not todo:
            rows[index] = ReportRow(entry.input, SKIPPED, None, current)
            continue
        jobs.append(Job(index, entry.source, entry.input, entry.stem, entry.remote, todo, current))
    return jobs, rows


def _outdated(
    entry: _Entry, outdir: Path, formats: Sequence[OutputFormat], force: bool
) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The formats to (re)write and the outputs already up to date: an output is up to date
    when it is at least as new as its input (a remote input: when it exists)."""
    names = [entry.stem + fmt.extension for fmt in formats]
    if force:
        return tuple(range(len(formats))), ()
    source_time: int | None = None
    if not entry.remote:
        try:
            source_time = os.stat(entry.source).st_mtime_ns
        except OSError:
            return tuple(range(len(formats))), ()  # the job reports why it cannot be read
    todo: list[int] = []
    current: list[str] = []
    for i, name in enumerate(names):
        try:
            output_time = os.stat(outdir / name).st_mtime_ns
        except OSError:
            todo.append(i)
            continue
        if source_time is None or output_time >= source_time:
            current.append(name)
        else:
            todo.append(i)
    return tuple(todo), tuple(current)
