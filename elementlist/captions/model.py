"""What the layout produces and every caption writer reads."""

from __future__ import annotations

from dataclasses import dataclass

from ..fetch.specs import source_job_id, source_title


@dataclass(frozen=True, slots=True)
class Caption:
    """One caption: whole milliseconds, and its lines of display text (no line endings)."""

    start: int
    end: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


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
            return cls(language=language)
        return cls(language=language, title=source_title(spec), job_id=source_job_id(spec))
