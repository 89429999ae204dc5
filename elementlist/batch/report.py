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

REPORT_NAME = "_report.jsonl"
OK, FAILED, SKIPPED = "ok", "failed", "skipped"
MAX_ERROR_CHARS = 500


class BatchError(Error):
    """A batch that cannot start: the output directory, the inputs, or the Dask scheduler."""


@dataclass(frozen=True, slots=True)
class ReportRow:
    """What happened to one input: ``status`` is ``ok``, ``failed`` or ``skipped`` (every
    output already up to date); ``error`` one line (None unless failed); ``outputs`` the
    output files that are up to date after this run, relative to the output directory;
    ``time`` seconds spent on it."""

    input: str
    status: str
    error: str | None = None
    outputs: tuple[str, ...] = ()
    time: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "time", round(float(self.time), 4))  # as the report keeps it

    def to_json(self) -> str:
        """One line of JSON (no newline)."""
        return json.dumps(
            {
                "input": self.input,
                "status": self.status,
                "error": self.error,
                "outputs": list(self.outputs),
                "time": self.time,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, line: str) -> ReportRow:
        data = json.loads(line)
        return cls(
            data["input"], data["status"], data["error"], tuple(data["outputs"]), data["time"]
        )


def read_report(outdir: str | os.PathLike[str]) -> list[ReportRow]:
    """The rows of ``OUTDIR/_report.jsonl``."""
    text = (Path(outdir) / REPORT_NAME).read_text(encoding="utf-8")
    return [ReportRow.from_json(line) for line in text.splitlines() if line.strip()]


def error_line(exc: BaseException) -> str:
    """An exception as one line: the message of our errors and of OSError, otherwise the
    exception's type and message."""
    if isinstance(exc, OSError) and exc.strerror:
        text = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    elif isinstance(exc, Error):
        text = str(exc)
    else:
        text = f"{type(exc).__name__}: {exc}"
    text = " ".join(text.split())
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"


class ReportFile:
    """Rows appended as they come (one write each, so an interrupted run still leaves whole
    lines), then the whole report rewritten atomically in input order."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / REPORT_NAME
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o666)

    def append(self, row: ReportRow) -> None:
        os.write(self._fd, (row.to_json() + "\n").encode("utf-8"))

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def finish(self, rows: Iterable[ReportRow]) -> None:
        self.close()
        write_atomic(self.path, "".join(r.to_json() + "\n" for r in rows).encode("utf-8"))
