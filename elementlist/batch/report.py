"""The batch report: one :class:`ReportRow` per input, as JSON lines in
``OUTDIR/_report.jsonl``."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomic
from ..errors import Error
from ..filenames import shown

# The report file every batch writes in its output directory.
REPORT_NAME = "_report.jsonl"
# The status of an input in the report: converted, failed, or skipped as up to date.
OK, FAILED, SKIPPED = "ok", "failed", "skipped"
MAX_ERROR_CHARS = 500
GIVEN_TWICE = "given twice"


class BatchError(Error):
    """A batch that cannot start (the output directory, the inputs, the Dask scheduler), or
    an output it will not write (one that would land outside the output directory)."""


@dataclass(frozen=True, slots=True)
class ReportRow:
    """What happened to one input: ``status`` is ``ok``, ``failed`` or ``skipped`` (every
    output already up to date, or the input given twice); ``error`` one line (None unless
    failed or given twice); ``outputs`` the output files that are up to date after this
    run, relative to the output directory; ``time`` seconds spent on it; ``read_as`` the
    input format it was read as (``elementlist``, ``whisper``, ``srt`` …: what ``auto``
    recognised), None when it was not read. ``input`` and ``error`` are UTF-8-safe: bytes
    of a file name that are not UTF-8 read ``\\xNN``."""

    input: str
    status: str
    error: str | None = None
    outputs: tuple[str, ...] = ()
    time: float = 0.0
    read_as: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "time", round(float(self.time), 4))  # as the report keeps it
        object.__setattr__(self, "input", shown(self.input))
        if self.error is not None:
            object.__setattr__(self, "error", shown(self.error))

    @property
    def given_twice(self) -> bool:
        """Skipped because the same file was already given (under the same output names)."""
        return self.status == SKIPPED and (self.error or "").startswith(GIVEN_TWICE)

    def to_json(self) -> str:
        """One line of JSON (no newline)."""
        return json.dumps(
            {
                "input": self.input,
                "status": self.status,
                "error": self.error,
                "outputs": list(self.outputs),
                "time": self.time,
                "read_as": self.read_as,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, line: str) -> ReportRow:
        """A row from one line of ``_report.jsonl`` (what ``to_json`` wrote)."""
        data = json.loads(line)
        return cls(
            data["input"],
            data["status"],
            data["error"],
            tuple(data["outputs"]),
            data["time"],
            data.get("read_as"),  # older reports have none
        )


def read_report(outdir: str | os.PathLike[str]) -> list[ReportRow]:
    """The rows of ``OUTDIR/_report.jsonl``."""
    text = (Path(outdir) / REPORT_NAME).read_text(encoding="utf-8")
    return [ReportRow.from_json(line) for line in text.splitlines() if line.strip()]


def given_twice(first: str) -> str:
    """The ``error`` of an input given twice: which input it repeats."""
    return f"{GIVEN_TWICE} (as {first})"


def error_line(exc: BaseException, names: tuple[str, ...] = ()) -> str:
    """An exception as one line: the message of our errors and of OSError, otherwise the
    exception's type and message. ``names``: how the input is known (its source, its name
    in the report); a message that starts or ends with one drops it, since the report row
    and the failure line name the input already."""
    if isinstance(exc, OSError) and exc.strerror:
        filename = exc.filename
        filename = os.fsdecode(filename) if isinstance(filename, bytes) else str(filename or "")
        text = f"{exc.strerror}: {filename}" if filename and filename not in names else exc.strerror
    elif isinstance(exc, Error):
        text = str(exc)
    else:
        text = f"{type(exc).__name__}: {exc}"
    text = " ".join(text.split())
    for name in names:
        if name and text.startswith(f"{name}: "):
            text = text[len(name) + 2 :]
        elif name and text.endswith(f": {name}"):
            text = text[: -len(name) - 2]
    text = shown(text)
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"


class ReportFile:
    """Rows appended as they come (one write each, so an interrupted run still leaves whole
    lines), then the whole report rewritten atomically in input order, from the lines
    already made (a row's JSON is made once: the parent of two workers spent 10 ms of a
    thousand inputs' 0.4 s making each twice, issue 15)."""

    def __init__(self, outdir: Path) -> None:
        given = outdir / REPORT_NAME
        real = Path(os.path.realpath(given))
        if not real.is_relative_to(os.path.realpath(outdir)):
            raise BatchError(
                f"the report {given} is a symbolic link out of the output directory (to "
                f"{real}); remove it"
            )
        self.path = real
        self._lines: dict[int, tuple[ReportRow, bytes]] = {}  # id(row) -> the row, its line
        try:
            self._fd = os.open(real, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o666)
        except OSError as exc:
            raise BatchError(f"cannot write the report: {error_line(exc)}") from None

    def append(self, row: ReportRow) -> None:
        line = (row.to_json() + "\n").encode("utf-8")
        self._lines[id(row)] = (row, line)  # the row is kept: its id stays its own
        os.write(self._fd, line)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def finish(self, rows: Iterable[ReportRow]) -> None:
        self.close()
        write_atomic(self.path, b"".join(self._line(row) for row in rows))

    def _line(self, row: ReportRow) -> bytes:
        kept = self._lines.get(id(row))
        if kept is not None and kept[0] is row:
            return kept[1]
        return (row.to_json() + "\n").encode("utf-8")
