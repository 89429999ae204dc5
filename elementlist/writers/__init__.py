"""Caption writers: one module per format, and the registry that names them.

Every writer module has ``write(captions, options, info) -> str`` and writes ``\\n`` line
endings. :func:`render_captions` is the one place that applies ``line_ending_format`` (to
every line ending of the output) and ``utf8_mark`` (a BOM first), for all formats alike.

Format names are cielo24's ``caption_format`` values; :func:`resolve_format` also takes the
aliases below, in any case, with ``-`` or ``_``.
"""

from __future__ import annotations

import difflib
import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..captions.model import Caption, DocumentInfo
from ..errors import OptionError
from ..options.classes import CaptionOptions

Writer = Callable[[Sequence[Caption], CaptionOptions, DocumentInfo], str]


@dataclass(frozen=True, slots=True)
class CaptionFormat:
    """A caption format: its cielo24 name, its module, file extension and media type."""

    name: str
    module: str
    extension: str
    media_type: str

    @property
    def writer(self) -> Writer:
        write: Writer = importlib.import_module(self.module, __name__).write
        return write


# Canonical cielo24 name → format. Order is the order of documentation.
FORMATS: dict[str, CaptionFormat] = {
    "SRT": CaptionFormat("SRT", ".srt", ".srt", "application/x-subrip"),
    "WEB_VTT": CaptionFormat("WEB_VTT", ".webvtt", ".vtt", "text/vtt"),
    "DFXP": CaptionFormat("DFXP", ".dfxp", ".dfxp", "application/ttml+xml"),
    "SBV": CaptionFormat("SBV", ".sbv", ".sbv", "text/plain"),
    "QT": CaptionFormat("QT", ".qt", ".qt.txt", "text/plain"),
    "SAMI": CaptionFormat("SAMI", ".sami", ".smi", "application/x-sami"),
    "SCC": CaptionFormat("SCC", ".scc", ".scc", "text/x-scc"),
    "TRANSCRIPT": CaptionFormat("TRANSCRIPT", ".transcript", ".txt", "text/plain"),
}

# Other spellings (after lower-casing and turning '-' into '_') → canonical name.
ALIASES: dict[str, str] = {
    "srt": "SRT",
    "subrip": "SRT",
    "web_vtt": "WEB_VTT",
    "webvtt": "WEB_VTT",
    "vtt": "WEB_VTT",
    "dfxp": "DFXP",
    "ttml": "DFXP",
    "sbv": "SBV",
    "qt": "QT",
    "quicktime": "QT",
    "sami": "SAMI",
    "smi": "SAMI",
    "scc": "SCC",
    "transcript": "TRANSCRIPT",
    "txt": "TRANSCRIPT",
    "text": "TRANSCRIPT",
}

# cielo24 caption_format values we refuse, with the reason.
REFUSED: dict[str, str] = {
    "ECHO": "cielo24 documents no layout for ECHO output",
    "TPM": "cielo24 documents no layout for TPM output",
    "TWX": "cielo24 documents no layout for TWX output",
}

NO_INFO = DocumentInfo()

LINE_ENDINGS: dict[str, str] = {"UNIX": "\n", "WINDOWS": "\r\n", "OSX": "\r"}
BYTE_ORDER_MARK = "\ufeff"

_ANY_LINE_ENDING = re.compile(r"\r\n|\r|\n")


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_")


def resolve_format(name: str) -> str:
    """The canonical cielo24 name of a caption format given by name or alias.

    >>> resolve_format("vtt"), resolve_format("Sami"), resolve_format("web-vtt")
    ('WEB_VTT', 'SAMI', 'WEB_VTT')
    """
    key = _key(name)
    canonical = ALIASES.get(key)
    if canonical is not None:
        return canonical
    refused = REFUSED.get(key.upper())
    if refused is not None:
        raise OptionError(
            f"caption_format {name!r} is refused: {refused}", option="caption_format", value=name
        )
    known = ", ".join(FORMATS)
    close = difflib.get_close_matches(key, list(ALIASES), n=1, cutoff=0.6)
    hint = f" (did you mean {ALIASES[close[0]]}?)" if close else ""
    raise OptionError(
        f"unknown caption_format {name!r}{hint}; known: {known}",
        option="caption_format",
        value=name,
    )


def lookup_format(name: str) -> CaptionFormat:
    """The registry entry of a format given by name or alias."""
    return FORMATS[resolve_format(name)]


def format_for_filename(filename: str) -> str | None:
    """The canonical format a file name's extension suggests (``x.vtt`` → ``WEB_VTT``)."""
    lowered = filename.lower()
    best: CaptionFormat | None = None
    for fmt in FORMATS.values():
        if lowered.endswith(fmt.extension) and (
            best is None or len(fmt.extension) > len(best.extension)
        ):
            best = fmt
    if best is not None:
        return best.name
    suffix = lowered.rsplit(".", 1)[-1] if "." in lowered else ""
    return ALIASES.get(suffix)


def line_ending(name: str) -> str:
    """The characters of a ``line_ending_format`` value (UNIX, WINDOWS or OSX).

    CaptionOptions checks and normalises the value when it is made, so it is known here.
    """
    return LINE_ENDINGS[name]


def finish_text(text: str, options: CaptionOptions) -> str:
    """Apply ``line_ending_format`` to every line ending, then ``utf8_mark``."""
    ending = line_ending(options.line_ending_format)
    if "\r" in text:  # only a caller's srt_format can bring one in
        text = _ANY_LINE_ENDING.sub(ending, text)
    elif ending != "\n":
        text = text.replace("\n", ending)
    if options.utf8_mark:
        text = BYTE_ORDER_MARK + text
    return text


def render_captions(
    captions: Sequence[Caption],
    caption_format: str,
    options: CaptionOptions,
    info: DocumentInfo = NO_INFO,
) -> str:
    """The whole caption file, as text, in the given format (name or alias)."""
    fmt = FORMATS[resolve_format(caption_format)]
    return finish_text(fmt.writer(captions, options, info), options)


__all__ = [
    "ALIASES",
    "BYTE_ORDER_MARK",
    "FORMATS",
    "LINE_ENDINGS",
    "REFUSED",
    "CaptionFormat",
    "Writer",
    "finish_text",
    "format_for_filename",
    "line_ending",
    "lookup_format",
    "render_captions",
    "resolve_format",
]
