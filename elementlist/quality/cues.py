"""Any caption file → its cues as written: times in ms and display lines.

:func:`read_cues` is the one way the check reads a file. SRT, WebVTT, SBV and DFXP/TTML
and SCC go through the importers' own parsers (``read_cues`` of
:mod:`elementlist.importers.srt` and the others; SCC's CEA-608 decoder,
:func:`elementlist.importers.scc.cues_of`, dates a pop-on caption at its EOC, where it
appears); SAMI through :mod:`.sami`. The bytes are decoded as the importers decode them
(UTF-8 with or without a byte-order mark, UTF-16 with one, else Windows-1252).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ElementListError, OptionError
from ..importers import dfxp, sbv, scc, srt, vtt
from ..importers.cues import Cue as ImportedCue
from ..importers.source import read_input
from . import sami
from .lines import Timed, lines_of


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue of a caption file: its number in the file (from 1), its times as written,
    and its lines of display text (markup removed, each line stripped, blank lines
    dropped; no lines for a cue that shows nothing)."""

    number: int
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


def _imported(cues: Sequence[ImportedCue]) -> list[Timed]:
    out = []
    for cue in cues:
        starts = [r.start for r in cue.runs if r.start is not None]
        ends = [r.end for r in cue.runs if r.end is not None]
        start = cue.start if cue.start is not None else min(starts, default=0)
        end = cue.end if cue.end is not None else max(ends, default=start)
        out.append((start, end, lines_of("".join(run.text for run in cue.runs))))
    return out


def _srt(text: str, name: str | None) -> list[Timed]:
    return _imported(srt.read_cues(text, name))


def _sbv(text: str, name: str | None) -> list[Timed]:
    return _imported(sbv.read_cues(text, name))


def _vtt(text: str, name: str | None) -> list[Timed]:
    return _imported(vtt.read_cues(text, name))


def _dfxp(text: str, name: str | None) -> list[Timed]:
    return _imported(dfxp.read_cues(text, name)[0])


def _scc(text: str, name: str | None) -> list[Timed]:
    cues = sorted(_imported(scc.cues_of(text, name)), key=lambda cue: cue[0])
    if not cues:
        raise ElementListError("no cues: this SCC file shows no caption", source=name)
    return cues


_Reader = Callable[[str, str | None], list[Timed]]

# name → (detect, read), in the order detection tries them
READERS: dict[str, tuple[Callable[[str], bool], _Reader]] = {
    "vtt": (vtt.detect, _vtt),
    "dfxp": (dfxp.detect, _dfxp),
    "sami": (sami.detect, sami.read),
    "scc": (scc.detect, _scc),
    "srt": (srt.detect, _srt),
    "sbv": (sbv.detect, _sbv),
}
ALIASES = {
    "webvtt": "vtt",
    "subrip": "srt",
    "ttml": "dfxp",
    "xml": "dfxp",
    "smi": "sami",
    "scenarist": "scc",
}


def caption_format_name(name: str) -> str:
    """The reader's name for a caption format or its alias (any case)."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in READERS:
        known = ", ".join(READERS)
        raise OptionError(
            f"unknown caption format {name!r}; known: {known}", option="format", value=name
        )
    return key


def detect(text: str) -> str | None:
    """The format of caption text, or None when it is in none we read."""
    for name, (found, _read) in READERS.items():
        if found(text):
            return name
    return None


def names_a_path(value: str) -> bool:
    """Whether a ``str`` given for a caption file is its path rather than its text: a path
    is one line that does not start with ``<`` (caption text has several lines, or is
    markup: SAMI and TTML may be one line)."""
    return "\n" not in value and "\r" not in value and not value.lstrip("\ufeff ").startswith("<")


def _text_of(path_or_text: str | bytes | os.PathLike[str], name: str | None) -> tuple[str, str]:
    """The caption text and the name to give it in messages."""
    data: str | bytes | os.PathLike[str] = path_or_text
    if isinstance(path_or_text, str) and names_a_path(path_or_text):
        data = Path(path_or_text)
    if isinstance(data, os.PathLike):
        name = name or os.fspath(data)
        data = Path(data).read_bytes()
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    source = read_input(data, name)
    if source.text is None:
        raise ElementListError("this is JSON, not a caption file", source=name)
    return source.text, name or "<captions>"


def read_cues(
    path_or_text: str | bytes | os.PathLike[str],
    format: str | None = None,
    *,
    name: str | None = None,
) -> list[Cue]:
    """The cues of a caption file: a path (``os.PathLike``, or a ``str`` that
    :func:`names_a_path`), or the
    file's text or bytes. ``format`` (``srt``, ``vtt``, ``sbv``, ``dfxp``, ``sami``,
    ``scc`` or an alias) is found from the text when not given. Cues keep the file's order.

    Raises ``OSError`` for a path that cannot be read, :class:`ElementListError` (naming
    ``name`` or the path) for text in no format we read or that its format's reader refuses.
    """
    text, shown = _text_of(path_or_text, name)
    fmt = caption_format_name(format) if format is not None else detect(text)
    if fmt is None:
        raise ElementListError(
            f"not a caption file we read (one of {', '.join(READERS)})", source=shown
        )
    timed = READERS[fmt][1](text, shown)
    return [Cue(k, start, end, lines) for k, (start, end, lines) in enumerate(timed, 1)]


__all__ = ["READERS", "Cue", "caption_format_name", "detect", "names_a_path", "read_cues"]
