"""The output of a single-file command: the format ``-o``'s name asks for, and writing it.

The format is, in order: ``-f``, the pasted query's ``caption_format`` (``file_format``
for a transcript), the extension of ``-o`` (``out.vtt`` → WebVTT, ``out.html`` → html), the
default (SRT; txt). A name whose extension says another format than the one chosen is a
one-line error before anything is read; an extension that names no format (``.out``, none,
``/dev/stdout``) says nothing. docs/formats.md lists the extensions.
"""

from __future__ import annotations

import sys

from ..atomic import write_atomic
from ..batch.formats import (
    caption_format_fits,
    format_for_filename,
    transcript_format_for_filename,
)
from ..errors import OptionError

DEFAULT_CAPTION_FORMAT = "SRT"
DEFAULT_FILE_FORMAT = "txt"


def caption_format_for(chosen: str | None, said_by: str, output: str | None) -> str:
    """The caption format to write: ``chosen`` (canonical; ``said_by`` names where it came
    from, for the error), else what ``output``'s name says, else SRT."""
    named = _named_file(output)
    if named is None:
        return chosen or DEFAULT_CAPTION_FORMAT
    inferred = format_for_filename(named)
    if transcript_format_for_filename(named) and inferred is None:
        raise OptionError(
            f"-o {output}: the name says a get_transcript "
            f"{transcript_format_for_filename(named)} file; 'elementlist transcript' writes it",
            option="output",
            value=output,
        )
    if chosen is None:
        return inferred or DEFAULT_CAPTION_FORMAT
    if inferred is not None and not caption_format_fits(named, chosen):
        raise OptionError(
            f"-o {output}: the name says {inferred}, but {said_by} asks for {chosen}",
            option="output",
            value=output,
        )
    return chosen


def file_format_for(chosen: str | None, said_by: str, output: str | None) -> str:
    """The transcript file format to write: ``chosen`` (``txt`` or ``html``), else what
    ``output``'s name says, else txt."""
    named = _named_file(output)
    if named is None:
        return chosen or DEFAULT_FILE_FORMAT
    inferred = transcript_format_for_filename(named)
    if inferred is None:
        caption = format_for_filename(named)
        if caption is not None:
            raise OptionError(
                f"-o {output}: the name says {caption} captions; a transcript is txt or html "
                "('elementlist caption' writes captions)",
                option="output",
                value=output,
            )
        return chosen or DEFAULT_FILE_FORMAT
    if chosen is not None and chosen != inferred:
        raise OptionError(
            f"-o {output}: the name says {inferred}, but {said_by} asks for {chosen}",
            option="output",
            value=output,
        )
    return inferred


def _named_file(output: str | None) -> str | None:
    """The last part of ``-o``'s path, when it is a file name that may say a format."""
    if not output or output == "-" or output.startswith("/dev/"):
        return None
    return output.replace("\\", "/").rsplit("/", 1)[-1] or None


def write_output(output: str | None, data: bytes) -> None:
    """``-o OUT`` through :func:`~elementlist.atomic.write_atomic` (whole or not at all; links,
    devices, FIFOs and ``/dev/stdout`` written through as they are); else stdout."""
    if output and output != "-":
        write_atomic(output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
