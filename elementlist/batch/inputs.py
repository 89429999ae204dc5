"""From the inputs given to the jobs to do: files, directories, lists of sources and
remote sources; their output names; which outputs are already up to date."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit, urlunsplit

from ..errors import OptionError
from ..fetch.specs import CIELO24_PREFIX, is_cielo24, is_remote
from ..filenames import output_safe, shown
from .formats import CAPTION_EXTENSIONS, OutputFormat
from .report import FAILED, REPORT_NAME, SKIPPED, ReportRow, error_line, given_twice

LIST_SUFFIXES = (".list", ".txt")


@dataclass(frozen=True, slots=True)
class Job:
    """One input to convert. ``source`` is what :func:`read_source` reads; ``input`` is how
    the report names it (no secrets); ``stem`` the output name relative to the output
    directory, without extension; ``todo`` the indexes of the formats still to write;
    ``current`` the outputs already up to date; ``size`` the bytes of a local input when
    the plan saw it (None: remote, or not readable), which groups small inputs together."""

    index: int
    source: str
    input: str
    stem: str
    remote: bool = False
    todo: tuple[int, ...] = ()
    current: tuple[str, ...] = ()
    size: int | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """How the input is known (its source, its name in the report, a URL as the fetcher's
        messages show it): an error message need not repeat them (:func:`error_line`)."""
        if not self.remote or is_cielo24(self.source):
            return self.source, self.input
        from ..fetch.http import display_url  # only on an error: no HTTP client otherwise

        return self.source, self.input, display_url(self.source)


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

    ``.`` and ``..`` segments are dropped, percent-encoded too (``%2e%2E``):

    >>> remote_stem("http://h/a/%2e%2E/b/.%2e/talk.json")
    'h/a/b/talk'
    """
    if is_cielo24(spec):
        return "cielo24/" + safe_name(spec[len(CIELO24_PREFIX) :])
    parts = urlsplit(spec)
    host = safe_name((parts.hostname or "host") + (f"_{parts.port}" if parts.port else ""))
    decoded = (unquote(s) for s in parts.path.split("/"))
    segments = [s for s in decoded if s not in ("", ".", "..")]
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


def _walk(root: Path, skip: Path) -> Iterator[tuple[Path, list[str]]]:
    """Each folder below ``root`` (itself first) and its ``*.json`` names, in sorted order;
    hidden names and ``skip`` (the output directory) left out; symbolic links to
    directories not followed."""
    for directory, dirs, files in os.walk(root):
        here = Path(directory)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and _resolved(here / d) != skip)
        names = [n for n in sorted(files) if not n.startswith(".") and n.lower().endswith(".json")]
        if names:
            yield here, names


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
    file lies inside it, else to the directory given (a directory) or just the file name.
    A name that is not UTF-8 is shown escaped (``\\xNN``) and named ``%NN`` in outputs.
    A folder's files share its relative place, worked out once for all of them."""
    if path.is_dir():
        for here, names in _walk(path, skip):
            origin = base if base is not None and _inside(here, base) else path
            folder = here.relative_to(origin).parts
            shown_folder = str(here)
            for name in names:
                source = name if shown_folder == "." else os.path.join(shown_folder, name)
                yield _local(source, "/".join((*folder, _strip_json(name))))
        return
    if base is not None and _inside(path, base):
        yield _local(str(path), _stem_of(path, base))
    else:
        yield _local(str(path), _strip_json(path.name))


def _local(source: str, stem: str) -> _Entry:
    return _Entry(source, shown(source), _fitted(output_safe(stem)))


_NAME_MAX = 255  # bytes in one name, on every common file system
_LONGEST_EXTENSION = max(len(e) for e in (*CAPTION_EXTENSIONS.values(), ".txt", ".html"))


def _fitted(stem: str) -> str:
    """``stem`` with each segment short enough to be a file name (its last one with any
    extension): a longer one is cut and ends with ``_`` and 8 hex digits of its hash. A
    legal input name can be too long as an output's (``%NN`` escapes, an extension)."""
    segments = stem.split("/")
    for i, segment in enumerate(segments):
        room = _NAME_MAX - (_LONGEST_EXTENSION if i == len(segments) - 1 else 0)
        encoded = segment.encode("utf-8")
        if len(encoded) > room:
            digest = hashlib.sha256(encoded).hexdigest()[:8]
            cut = encoded[: room - 9].decode("utf-8", "ignore")  # never half a character
            segments[i] = f"{cut}_{digest}"
    return "/".join(segments)


def _inside(path: Path, base: Path) -> bool:
    try:
        path.relative_to(base)
    except ValueError:
        return False
    return ".." not in path.relative_to(base).parts


def _list_entries(spec: str, skip: Path) -> Iterator[_Entry | ReportRow]:
    """The sources a list file names; relative paths are relative to the list's folder.
    A line that is not UTF-8 text (or holds a NUL) is a failed row named ``LIST:LINE``;
    the lines after it are read as usual."""
    name = spec[1:] if spec.startswith("@") else spec
    if name == "-":
        data, base, label = sys.stdin.buffer.read(), Path("."), "@-"
    else:
        data, base, label = Path(name).read_bytes(), Path(name).parent, shown(spec)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for number, raw in enumerate(data.splitlines(), 1):
        try:
            line = raw.decode("utf-8").strip()
        except UnicodeDecodeError as exc:
            yield ReportRow(
                f"{label}:{number}",
                FAILED,
                f"line {number} of the list is not UTF-8 text "
                f"(byte 0x{raw[exc.start]:02x} at byte {exc.start + 1} of the line)",
            )
            continue
        if not line or line.startswith("#"):
            continue
        if "\0" in line:
            yield ReportRow(
                f"{label}:{number}", FAILED, f"line {number} of the list holds a NUL character"
            )
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
            name = spec[1:] if spec.startswith("@") else spec
            try:
                found.extend(_list_entries(spec, skip))
            except OSError as exc:
                error = error_line(exc, (name,))
                found.append(ReportRow(shown(spec), FAILED, f"list of sources: {error}"))
        else:
            found.extend(_local_entries(Path(spec), None, skip))
    return found, len(found)


def inputs_to_read(found: list[_Entry | ReportRow]) -> tuple[int, bool]:
    """How many of the inputs found are to be read (not already failed) and whether any of
    them is remote: what the worker processes are started for, before the plan."""
    entries = [entry for entry in found if isinstance(entry, _Entry)]
    return len(entries), any(entry.remote for entry in entries)


def plan(
    found: list[_Entry | ReportRow],
    outdir: Path,
    formats: Sequence[OutputFormat],
    force: bool,
    *,
    fold_case: bool = False,
) -> tuple[list[Job], dict[int, ReportRow]]:
    """Jobs for the entries with work to do; rows for the others (already failed, skipped
    because every output is up to date, given twice, or clashing with an earlier input's
    outputs). ``fold_case``: the output directory ignores case (macOS, Windows), so names
    that differ only by case (or Unicode normalisation) clash too."""
    rows: dict[int, ReportRow] = {}
    jobs = list(planned(found, outdir, formats, force, rows.__setitem__, fold_case=fold_case))
    return jobs, rows


def planned(
    found: list[_Entry | ReportRow],
    outdir: Path,
    formats: Sequence[OutputFormat],
    force: bool,
    on_row: Callable[[int, ReportRow], None],
    *,
    fold_case: bool = False,
) -> Iterator[Job]:
    """:func:`plan`'s jobs one at a time, as they are asked for, each other entry's row
    handed to ``on_row`` (its index, the row) as it is met: the batch gives its workers the
    first jobs while it plans the rest (issue 15: a thousand inputs' plan kept two workers
    waiting 20-50 ms). An entry is planned before its job is handed on, so no worker has
    written its outputs when they are looked at; a folder the plan found missing is one this
    run makes, and its outputs are all to write."""
    outputs = _OutputOwners(fold_case)
    local = _LocalFiles()
    out = str(outdir)
    found_dirs: dict[str, bool] = {}  # each output folder: whether it is there
    for index, entry in enumerate(found):
        if isinstance(entry, ReportRow):
            on_row(index, entry)
            continue
        if entry.remote:
            real, source = entry.source, None
        else:
            real, source = local.resolved(entry.source)
        names = [entry.stem + fmt.extension for fmt in formats]
        clash = outputs.claim(names, real, entry)
        if clash is not None:
            on_row(index, clash)
            continue
        todo, current = _outdated(source, names, out, force, remote=entry.remote, found=found_dirs)
        if not todo:
            on_row(index, ReportRow(entry.input, SKIPPED, None, current))
            continue
        size = None if source is None else source.st_size
        yield Job(index, entry.source, entry.input, entry.stem, entry.remote, todo, current, size)


def _folders_of(stem: str) -> list[str]:
    """``a/b/c`` → ``["a", "a/b"]``: the folders an output named after ``stem`` needs."""
    folders = []
    cut = stem.find("/")
    while cut != -1:
        folders.append(stem[:cut])
        cut = stem.find("/", cut + 1)
    return folders


class _OutputOwners:
    """Which input each output path (relative to the output directory), and each folder
    those paths need, belongs to; the first input to claim a path keeps it."""

    def __init__(self, fold_case: bool) -> None:
        self._fold = fold_case
        self._files: dict[str, tuple[str, str, str]] = {}  # key → (real source, input, stem)
        self._folders: dict[str, str] = {}  # key → the input whose output needs it
        self._files[self._key(REPORT_NAME)] = ("", "the batch report", "")

    def _key(self, name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold() if self._fold else name

    def claim(self, names: list[str], real: str, entry: _Entry) -> ReportRow | None:
        """None when ``names`` are free (they are now ``entry``'s), else its report row: given
        twice (the same file under the same name) or failed (another input's outputs)."""
        keys = [self._key(name) for name in names]
        pairs = list(zip(names, keys, strict=True))
        taken = [(name, self._files[key]) for name, key in pairs if key in self._files]
        if taken:
            owner = taken[0][1]
            if owner[0] == real and owner[2] == entry.stem:
                return ReportRow(entry.input, SKIPPED, given_twice(owner[1]))
            listed = ", ".join(name for name, _ in taken)
            return ReportRow(entry.input, FAILED, f"its outputs ({listed}) are {owner[1]}'s too")
        for name, key in pairs:
            if key in self._folders:
                return ReportRow(
                    entry.input,
                    FAILED,
                    f"its output {name} is a folder of {self._folders[key]}'s outputs",
                )
        folders = _folders_of(entry.stem)  # every output of an input shares its stem's folders
        for folder in folders:
            folder_owner = self._files.get(self._key(folder))
            if folder_owner is not None:
                return ReportRow(
                    entry.input,
                    FAILED,
                    f"its outputs need a folder {folder}: {folder_owner[1]}'s output",
                )
        for key in keys:
            self._files[key] = (real, entry.input, entry.stem)
        for folder in folders:
            self._folders.setdefault(self._key(folder), entry.input)
        return None


class _LocalFiles:
    """Each local input's real path and status, at one ``lstat`` an input: its folder is
    resolved once for all the inputs in it, and a file that is not a link is its own
    status (a thousand inputs cost the plan a thousand path resolutions otherwise, each an
    ``lstat`` per component, while the workers wait for their first jobs, issue 15)."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}
        self._here = os.getcwd()

    def resolved(self, source: str) -> tuple[str, os.stat_result | None]:
        """The real path of ``source`` (as ``Path.resolve`` gives it) and its status (None
        when it cannot be read: the job reports why)."""
        try:
            status = os.lstat(source)
        except OSError:
            return str(_resolved(Path(source))), None
        # not os.path.abspath: it folds "link/.." before the link is followed
        folder, name = os.path.split(os.path.join(self._here, source))
        if stat.S_ISLNK(status.st_mode) or name in ("", ".", ".."):
            return str(_resolved(Path(source))), _stat(source)
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = str(_resolved(Path(folder)))
        return os.path.join(real_folder, name), status


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None  # the job reports why it cannot be read


def _outdated(
    source: os.stat_result | None,
    names: list[str],
    outdir: str,
    force: bool,
    *,
    remote: bool,
    found: dict[str, bool],
) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The formats to (re)write (indexes into ``names``, one output name per format) and the
    outputs already up to date: an output is up to date when it is at least as new as its
    input (``source``, its status; None when it cannot be read) or, for a remote input, when
    it exists; and is a regular file (anything else there is the job's to report).
    ``found`` keeps, per output folder, whether it is there: the outputs of a folder that
    is not (a first run) are all to write, without a ``stat`` each."""
    if force or (source is None and not remote):
        return tuple(range(len(names))), ()
    if names:
        folder = os.path.join(outdir, names[0].rpartition("/")[0])
        there = found.get(folder)
        if there is None:
            there = found[folder] = os.path.isdir(folder)
        if not there:
            return tuple(range(len(names))), ()
    source_time = None if source is None else source.st_mtime_ns
    todo: list[int] = []
    current: list[str] = []
    for i, name in enumerate(names):
        try:
            output = os.stat(os.path.join(outdir, name))
        except OSError:
            todo.append(i)
            continue
        if not stat.S_ISREG(output.st_mode):  # a folder or a FIFO there: the job says why
            todo.append(i)
        elif source_time is None or output.st_mtime_ns >= source_time:
            current.append(name)
        else:
            todo.append(i)
    return tuple(todo), tuple(current)
