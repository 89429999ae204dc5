"""The data of the caption stage: what the layout hands the timing (:class:`SpokenCaptions`
of :class:`Run`), and what the timing hands every writer (:class:`Caption`, with the
:class:`DocumentInfo` a writer may need)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..fetch.specs import source_job_id, source_title


@dataclass(frozen=True, slots=True)
class Caption:
    """One caption: whole milliseconds, and its lines of display text (no line endings)."""

    start: int
    end: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        """The lines joined by ``"\n"``."""
        return "\n".join(self.lines)


class Run(NamedTuple):
    """A stretch of a caption's text that never breaks apart (a word with its punctuation, a
    speaker marker with the word after it), as the timing regroups them when it splits a
    caption that lasts too long: it cuts between runs where their spoken times say.

    ``start``/``end`` are the spoken times of its tokens (first start, last end, in ms); -1
    when not known (runs made from a caption's text), and the timing then shares the
    caption's time by characters."""

    line: int  # its line in the caption, from 0
    text: str
    spaced: bool  # a space goes before it when it follows another run on its line
    start: int = -1
    end: int = -1


def join_runs(runs: Iterable[Run]) -> tuple[str, ...]:
    """Runs back into lines: runs with the same line number share a line."""
    lines: list[str] = []
    current = -1
    for line, text, spaced, *_ in runs:
        if line == current:
            lines[-1] = lines[-1] + (" " + text if spaced else text)
        else:
            lines.append(text)
            current = line
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class SpokenCaptions:
    """The layout's captions at their spoken times: what the layout produces and
    :func:`~elementlist.captions.timing.time_captions` reads. Caption ``k`` is:

    * ``start[k]``, ``end[k]``: its first token's start and its last token's end (ms);
    * ``lines[k]``: its display lines;
    * ``runs[k]``, for a caption that lasts longer than ``maximum_caption_duration`` (only
      those may be split): its :class:`Run` s, in order, which :func:`join_runs` turns into
      ``lines[k]``. A split cuts between runs, so a speaker marker stays with its word; a
      long caption without runs is cut at the spaces of its lines;
    * ``fixed_start[k]``: the caption starts where the layout must start one (a speaker
      change under ``speaker_on_new_line``, a silence longer than ``silence_max_ms``, a sound
      of its own), so the timing never merges it into the caption before (empty: none is);
    * ``line_join``: what goes between two lines the timing joins into one when it merges a
      short caption into its neighbour (a space; nothing in languages written without).
    """

    start: Sequence[int]
    end: Sequence[int]
    lines: Sequence[tuple[str, ...]]
    runs: Mapping[int, Sequence[Run]] = field(default_factory=dict)
    fixed_start: Sequence[bool] = ()
    line_join: str = " "


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a writer may need of the document besides its captions (DFXP metadata)."""

    language: str = ""
    title: str = ""
    job_id: str = ""

    @classmethod
    def for_source(cls, spec: str | None, language: str = "") -> DocumentInfo:
        """What every route gives the outputs of the source ``spec`` (a path, ``-``, a URL
        or ``cielo24:JOB``): :func:`~elementlist.fetch.specs.source_title` and
        :func:`~elementlist.fetch.specs.source_job_id`; nothing for an unnamed source."""
        if not spec:
            return _unnamed(language) if cls is DocumentInfo else cls(language=language)
        return cls(language=language, title=source_title(spec), job_id=source_job_id(spec))


@lru_cache(maxsize=256)
def _unnamed(language: str) -> DocumentInfo:
    """What an unnamed source's outputs say of it: its language alone. One per language,
    shared by every call (frozen: nothing can change it; issue 15: a new one each call
    was a dataclass ``__init__`` a call)."""
    return DocumentInfo(language=language)
