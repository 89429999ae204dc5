"""The exception hierarchy: one base, a few kinds, each keeping its inputs.

Every exception pickles with its attributes intact (batches and Dask carry them across
processes), and ``str(exc)`` is one line that names what and where.
"""

from __future__ import annotations

from typing import Any


class Error(Exception):
    """Base of every error elementlist raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.__dict__.copy()))

    def __str__(self) -> str:
        return self.message


def _rebuild(cls: type[Error], state: dict[str, Any]) -> Error:
    exc = cls.__new__(cls)
    Exception.__init__(exc, state.get("message", ""))
    exc.__dict__.update(state)
    return exc


class ElementListError(Error, ValueError):
    """Input that is not an ElementList at all: bad JSON, wrong shape, wrong types.

    ``path`` is the JSON path of the offending value (``$.segments[4].start_time``) when
    known; ``line`` and ``column`` (1-based) locate malformed JSON; ``source`` names the
    file or URL when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        source: str | None = None,
    ) -> None:
        self.detail = message
        self.path = path
        self.line = line
        self.column = column
        self.source = source
        super().__init__(self._compose())

    def _compose(self) -> str:
        text = self.detail
        if self.line is not None:
            text += f" (line {self.line}, column {self.column})"
        if self.path:
            text += f" - at {self.path}"
        if self.source:
            text = f"{self.source}: {text}"
        return text

    def with_source(self, source: str) -> ElementListError:
        """A copy of this error that names the file or URL it came from."""
        return ElementListError(
            self.detail, path=self.path, line=self.line, column=self.column, source=source
        )


class OptionError(Error, ValueError):
    """An unknown option name or a value an option cannot take."""

    def __init__(self, message: str, *, option: str | None = None, value: Any = None) -> None:
        self.option = option
        self.value = value
        super().__init__(message)


class InvalidDocumentError(Error):
    """Refused to render a document with violations (``strict=True``)."""

    def __init__(self, message: str, *, violations: tuple[Any, ...] = ()) -> None:
        self.violations = violations
        super().__init__(message)


class CaptionError(Error, ValueError):
    """Captions that would break what every caption file may rely on: a caption that starts
    before 0 or before the previous one ends, lasts no time, or holds a line break inside a
    line (made by hand, or by an edit of :class:`~elementlist.captions.value.Captions`)."""


class ElementListWarning(UserWarning):
    """Base of every warning elementlist gives on purpose: one line naming what and where.

    The output is still made; the warning says where it differs from what was asked. The
    command prints each as one ``elementlist: warning:`` line.
    """


class LayoutWarning(ElementListWarning):
    """A caption's layout or timing differs from what the options ask, so that the output
    stays valid for its format (SCC's 32 × 4 grid, a caption delayed to fit CEA-608's one
    byte pair per frame)."""


class CharacterWarning(ElementListWarning):
    """Characters the output format cannot show were written as a stand-in (SCC: text
    outside CEA-608's character sets that no transliteration covers)."""
