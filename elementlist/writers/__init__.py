"""Caption writers: one module per format, and the registry that names them.

Every writer module has ``write(captions, options, info) -> str`` and writes ``\\n`` line
endings. :func:`render_captions` is the one place that applies ``line_ending_format`` (to
every line ending of the output) and ``utf8_mark`` (a BOM first), for all formats alike.

The registry, :data:`FORMATS`, is public: each :class:`CaptionFormat` gives its cielo24
``caption_format`` name, its aliases, its file extensions and a one-line description
(``elementlist formats`` lists them, ``-o`` infers a format from them).
:func:`resolve_format` takes a name or alias in any case, with ``-`` or ``_``;
:func:`format_for_filename` reads a file name's extension. :data:`RENDER_OPTIONS` are the
options only writers read.
"""

from __future__ import annotations

import difflib
import importlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..captions.model import Caption, DocumentInfo
from ..errors import OptionError
from ..options.classes import CaptionOptions

# What a writer module's ``write`` is: captions, options, document info → the file's text.
Writer = Callable[[Sequence[Caption], CaptionOptions, DocumentInfo], str]


@dataclass(frozen=True, slots=True)
class CaptionFormat:
    """A caption format: its cielo24 name, the other names it goes by, the file extensions
    that name it (the first is the one written) and the module that writes it."""

    name: str
    module: str
    aliases: tuple[str, ...]  # besides the name itself, lower case; any case resolves
    extensions: tuple[str, ...]  # lower case, with the dot; the first is what we write
    description: str

    @property
    def extension(self) -> str:
        """The extension a file of this format gets (``.vtt``)."""
        return self.extensions[0]

    @property
    def writer(self) -> Writer:
        """The format's ``write`` function (its module imported on first use)."""
        write = _LOADED_WRITERS.get(self.module)
        if write is None:
            write = importlib.import_module(self.module, __name__).write
            _LOADED_WRITERS[self.module] = write
        return write


_LOADED_WRITERS: dict[str, Writer] = {}  # module name → its write (a call need not import)


# Canonical cielo24 name → format. Order is the order of documentation.
FORMATS: dict[str, CaptionFormat] = {
    fmt.name: fmt
    for fmt in (
        CaptionFormat("SRT", ".srt", ("subrip",), (".srt",), "SubRip"),
        CaptionFormat("WEB_VTT", ".webvtt", ("webvtt", "vtt"), (".vtt", ".webvtt"), "W3C WebVTT"),
        CaptionFormat("DFXP", ".dfxp", ("ttml",), (".dfxp", ".ttml"), "TTML 1, DFXP profile"),
        CaptionFormat("SBV", ".sbv", (), (".sbv",), "YouTube SubViewer"),
        CaptionFormat("QT", ".qt", ("quicktime",), (".qt.txt", ".qt"), "QuickTime text"),
        CaptionFormat("SAMI", ".sami", ("smi",), (".smi", ".sami"), "Microsoft SAMI"),
        CaptionFormat("SCC", ".scc", (), (".scc",), "Scenarist Closed Captions (CEA-608)"),
        CaptionFormat(
            "TRANSCRIPT",
            ".transcript",
            ("txt", "text"),
            (".txt", ".text"),
            "the captions' text as prose",
        ),
    )
}

# Every spelling resolve_format takes (after lower-casing and turning '-' into '_') → name.
ALIASES: dict[str, str] = {
    key: fmt.name for fmt in FORMATS.values() for key in (fmt.name.lower(), *fmt.aliases)
}

# The CaptionOptions only the writers read: they may change at render time
# (Captions.to); every other option shapes the captions themselves.
RENDER_OPTIONS: frozenset[str] = frozenset(
    {"line_ending_format", "utf8_mark", "srt_format", "dfxp_header", "qt_seamless",
     "include_dfxp_metadata"}
)  # fmt: skip

# cielo24 caption_format values we refuse, with the reason.
REFUSED: dict[str, str] = {
    "ECHO": "cielo24 documents no layout for ECHO output",
    "TPM": "cielo24 documents no layout for TPM output",
    "TWX": "cielo24 documents no layout for TWX output",
}

NO_INFO = DocumentInfo()

# line_ending_format value → the characters every line ends with.
LINE_ENDINGS: dict[str, str] = {"UNIX": "\n", "WINDOWS": "\r\n", "OSX": "\r"}
# What utf8_mark puts first.
BYTE_ORDER_MARK = "\ufeff"

_ANY_LINE_ENDING = re.compile(r"\r\n|\r|\n")


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_")


def resolve_format(name: str) -> str:
    """The canonical cielo24 name of a caption format given by name or alias.

    >>> resolve_format("vtt"), resolve_format("Sami"), resolve_format("web-vtt")
    ('WEB_VTT', 'SAMI', 'WEB_VTT')

    Anything but a ``str`` (options passed where the format goes) is an OptionError too.
    """
    if not isinstance(name, str):
        raise OptionError(
            f"caption_format must be a format name such as 'SRT', not "
            f"{type(name).__name__} (options go in options=)",
            option="caption_format",
            value=type(name).__name__,
        )
    if name in FORMATS:  # a canonical name as cielo24 spells it: nothing to normalise
        return name
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


def format_for_filename(filename: str | os.PathLike[str]) -> str | None:
    """The canonical format a file name's extension names (``x.vtt`` → ``WEB_VTT``), the
    longest registered extension winning (``x.qt.txt`` is QT, ``x.txt`` TRANSCRIPT); None
    when it names none."""
    lowered = os.fspath(filename).lower()
    best: tuple[int, str] | None = None
    for fmt in FORMATS.values():
        for extension in fmt.extensions:
            if lowered.endswith(extension) and (best is None or len(extension) > best[0]):
                best = (len(extension), fmt.name)
    return best[1] if best is not None else None


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
    return finish_text(lookup_format(caption_format).writer(captions, options, info), options)


__all__ = [
    "ALIASES",
    "BYTE_ORDER_MARK",
    "FORMATS",
    "LINE_ENDINGS",
    "REFUSED",
    "RENDER_OPTIONS",
    "CaptionFormat",
    "Writer",
    "finish_text",
    "format_for_filename",
    "line_ending",
    "lookup_format",
    "render_captions",
    "resolve_format",
]
