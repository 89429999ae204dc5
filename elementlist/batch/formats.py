"""The formats elementlist writes, by ``-f`` name and by file name.

Caption formats come from the writers registry (:mod:`elementlist.writers`: names, aliases,
extensions, refused formats); get_transcript's two file formats, txt and html, are added
here. The batch's ``-f`` names, the single-file commands' reading of ``-o``'s extension and
``elementlist formats`` all use these tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import OptionError
from ..options.split import options_from_query
from ..options.values import FILE_FORMAT_SPELLINGS
from ..writers import ALIASES, FORMATS, format_for_filename, resolve_format


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """One format a batch writes: a caption format (``caption_format`` set) or a transcript
    (``file_format`` "txt" or "html"), and the extension its files get."""

    name: str
    extension: str
    caption_format: str | None = None
    file_format: str | None = None


# get_transcript's file formats → the extensions a file of each may have (the first is
# the one a batch writes).
TRANSCRIPT_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "txt": (".txt", ".text"),
    "html": (".html", ".htm"),
}
TRANSCRIPT_FORMATS: dict[str, OutputFormat] = {
    name: OutputFormat(name.upper(), extensions[0], file_format=name)
    for name, extensions in TRANSCRIPT_EXTENSIONS.items()
}
# A batch writes both kinds side by side: the TRANSCRIPT caption format would clash with
# the txt transcript on ".txt".
CAPTION_EXTENSIONS = {name: fmt.extension for name, fmt in FORMATS.items()}
CAPTION_EXTENSIONS["TRANSCRIPT"] = ".transcript.txt"


def transcript_file_format(name: str) -> str | None:
    """The get_transcript file format a name means (``txt``, ``text``, ``html``, ``htm``, any
    case), else None."""
    key = name.strip().lower()
    key = FILE_FORMAT_SPELLINGS.get(key, key)
    return key if key in TRANSCRIPT_FORMATS else None


def output_format(name: str) -> OutputFormat:
    """The format a batch ``-f`` name means.

    ``txt``/``text`` and ``html``/``htm`` are get_transcript's two file formats; every other
    name is a get_caption ``caption_format`` or alias (``TRANSCRIPT`` is the caption-format
    transcript, written as ``.transcript.txt``).

    >>> output_format("vtt").extension, output_format("txt").file_format
    ('.vtt', 'txt')
    """
    file_format = transcript_file_format(name)
    if file_format is not None:
        return TRANSCRIPT_FORMATS[file_format]
    canonical = resolve_format(name)
    return OutputFormat(canonical, CAPTION_EXTENSIONS[canonical], caption_format=canonical)


def output_formats(names: str | Iterable[str]) -> tuple[OutputFormat, ...]:
    """Each named format once, in the order first named; at least one."""
    if isinstance(names, str):
        names = [names]
    chosen: dict[str, OutputFormat] = {}
    for name in names:
        fmt = output_format(name)
        chosen.setdefault(fmt.name, fmt)
    if not chosen:
        raise OptionError("no output format given", option="format")
    return tuple(chosen.values())


# ---------------------------------------------------------------------------------------
# File names


def transcript_format_for_filename(filename: str) -> str | None:
    """The get_transcript file format a file name's extension says (``x.htm`` → ``html``)."""
    lowered = filename.lower()
    for name, extensions in TRANSCRIPT_EXTENSIONS.items():
        if lowered.endswith(extensions):
            return name
    return None


def caption_format_fits(filename: str, caption_format: str) -> bool:
    """Whether a file name may hold ``caption_format``: it ends with the format's extension
    or one of its aliases (``x.ttml`` for DFXP), or with the last part of that extension
    (``x.txt`` for QT, whose extension is ``.qt.txt``)."""
    lowered = filename.lower()
    extension = FORMATS[caption_format].extension
    suffix = "." + lowered.rsplit(".", 1)[-1] if "." in lowered else ""
    return (
        lowered.endswith(extension)
        or ALIASES.get(suffix[1:]) == caption_format
        or (bool(suffix) and extension.endswith(suffix))
    )


__all__ = [
    "CAPTION_EXTENSIONS",
    "TRANSCRIPT_EXTENSIONS",
    "TRANSCRIPT_FORMATS",
    "OutputFormat",
    "caption_format_fits",
    "format_for_filename",
    "options_from_query",
    "output_format",
    "output_formats",
    "transcript_file_format",
    "transcript_format_for_filename",
]
