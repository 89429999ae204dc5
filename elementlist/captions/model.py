"""What the layout produces and every caption writer reads."""

from __future__ import annotations

from dataclasses import dataclass


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
