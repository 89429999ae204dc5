"""Every line the ``elementlist`` command prints for people (errors, warnings, violations,
summaries) goes through :func:`say`, so a file name, a URL or a document's text can never
put a control character (ESC, a newline) into the terminal or split a message in two."""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Iterator
from typing import Any, TextIO

from ..errors import ElementListWarning
from ..filenames import shown


def say(text: str, file: TextIO | None = None) -> None:
    """Print one message line (stderr by default), control characters shown as ``\\xNN``."""
    print(shown(text), file=file if file is not None else sys.stderr)


def one_line(exc: BaseException) -> str:
    """The exception as one line (OSError without its errno noise)."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        text = f"{exc.strerror}{where}"
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())


@contextlib.contextmanager
def warnings_as_lines() -> Iterator[None]:
    """Inside, each warning of ours (:class:`~elementlist.errors.ElementListWarning`) is
    printed as one ``elementlist: warning:`` line; other warnings as Python shows them."""
    previous = warnings.showwarning

    def show(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, ElementListWarning):
            say(f"elementlist: warning: {message}")
        else:
            previous(message, category, *args, **kwargs)

    warnings.showwarning = show
    try:
        yield
    finally:
        warnings.showwarning = previous
