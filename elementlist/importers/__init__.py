"""Importers: other speech-to-text outputs and caption files → ElementList version 3.

One module per source; each has ``detect(doc) -> bool`` (a cheap look at the shape: a few
keys of the JSON tree, or the first lines of a caption file) and ``read(doc, name) ->
Draft`` (the pieces it holds). :func:`elementlist.importers.build.build` makes the
ElementList from the Draft, with every rule in one place: times in whole ms, made-up times
``interpolated``, one sentence per segment with ``ENDS_SENTENCE``, speakers. The result
validates without errors.

Entry points::

    import_document(data, source_format="auto", *, name=None) -> ElementList
    detect_format(data, *, name=None) -> str

``data`` is bytes, text (JSON or a caption file's text, never a path), a decoded JSON
value (dict or list), or an ``os.PathLike`` path. ``source_format`` is one of
:data:`FORMATS` (or an alias); ``auto`` recognises the source by its shape and refuses an
unknown or ambiguous one with one error listing the names to pass. ``elementlist`` is the
cielo24 ElementList itself, read by :func:`elementlist.load` unchanged.
docs/sources.md says how each source's fields map.
"""

from __future__ import annotations

import difflib
import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ..document.decode import load, loads
from ..document.model import ElementList
from ..errors import ElementListError, OptionError
from ..gcpause import paused_gc
from .build import build
from .source import Input, read_input

# The source format that means "detect it" (``--from auto``, the default).
AUTO = "auto"
# The source format of a cielo24 ElementList itself (no import needed).
ELEMENTLIST = "elementlist"


class UnknownShapeError(ElementListError):
    """``auto`` found no source of this shape (the message lists the names to pass)."""


@dataclass(frozen=True, slots=True)
class SourceFormat:
    """A source we import: its name (for ``--from``), its module and what it is."""

    name: str
    module: str
    title: str
    text: bool = False  # a caption file (text) rather than JSON

    @property
    def importer(self) -> ModuleType:
        """The module that reads this source (imported on first use)."""
        return importlib.import_module(self.module, __name__)

    def detect(self, doc: Any) -> bool:
        """Whether ``doc`` (decoded JSON, or the text of a caption file) looks like this source."""
        return bool(self.importer.detect(doc))


# name → source, in the order of the documentation (docs/sources.md).
FORMATS: dict[str, SourceFormat] = {
    f.name: f
    for f in (
        SourceFormat(ELEMENTLIST, ".elementlist", "cielo24 ElementList"),
        SourceFormat("whisper", ".whisper", "OpenAI Whisper JSON (also faster-whisper, stable-ts)"),
        SourceFormat("whisper-timestamped", ".whisper_timestamped", "whisper-timestamped JSON"),
        SourceFormat("whisperx", ".whisperx", "WhisperX JSON"),
        SourceFormat("deepgram", ".deepgram", "Deepgram pre-recorded response"),
        SourceFormat("assemblyai", ".assemblyai", "AssemblyAI transcript"),
        SourceFormat("aws", ".aws", "Amazon Transcribe job output"),
        SourceFormat(
            "aws-call-analytics", ".aws_call_analytics", "Amazon Transcribe Call Analytics output"
        ),
        SourceFormat("google", ".google", "Google Cloud Speech-to-Text response (v1, v2)"),
        SourceFormat("azure", ".azure", "Azure Speech batch transcription result"),
        SourceFormat("revai", ".revai", "Rev.ai transcript JSON"),
        SourceFormat("speechmatics", ".speechmatics", "Speechmatics json-v2 transcript"),
        SourceFormat("watson", ".watson", "IBM Watson Speech to Text response"),
        SourceFormat("srt", ".srt", "SubRip captions", text=True),
        SourceFormat("vtt", ".vtt", "WebVTT captions", text=True),
        SourceFormat("sbv", ".sbv", "YouTube SBV captions", text=True),
        SourceFormat("dfxp", ".dfxp", "DFXP / TTML captions", text=True),
        SourceFormat("scc", ".scc", "SCC (Scenarist, CEA-608) captions", text=True),
    )
}

# Other spellings (lower case, "_" read as "-") → name.
ALIASES: dict[str, str] = {
    "cielo24": ELEMENTLIST,
    "openai-whisper": "whisper",
    "faster-whisper": "whisper",
    "stable-ts": "whisper",
    "whisper-json": "whisper",
    "whisper_timestamped": "whisper-timestamped",
    "amazon": "aws",
    "amazon-transcribe": "aws",
    "transcribe": "aws",
    "aws-transcribe": "aws",
    "call-analytics": "aws-call-analytics",
    "google-cloud": "google",
    "google-speech": "google",
    "microsoft": "azure",
    "azure-speech": "azure",
    "rev": "revai",
    "rev-ai": "revai",
    "rev.ai": "revai",
    "ibm": "watson",
    "ibm-watson": "watson",
    "subrip": "srt",
    "webvtt": "vtt",
    "web-vtt": "vtt",
    "ttml": "dfxp",
    "xml": "dfxp",
    "scenarist": "scc",
    "cea-608": "scc",
    "cea608": "scc",
}


def source_format_names() -> list[str]:
    """Every name ``source_format`` / ``--from`` takes, ``auto`` first."""
    return [AUTO, *FORMATS]


def resolve_source_format(name: str) -> str:
    """The canonical name of a source given by name or alias (any case, ``_`` or ``-``);
    ``auto`` stays ``auto``. An unknown name raises OptionError with the names to use."""
    if not isinstance(name, str):
        raise OptionError(
            f"input_format must be a name such as 'whisper', not {type(name).__name__}",
            option="input_format",
            value=type(name).__name__,
        )
    if name == AUTO or name in FORMATS:  # already canonical: nothing to normalise
        return name
    key = name.strip().lower().replace("_", "-")
    if key == AUTO or key in FORMATS:
        return key
    if key in ALIASES:
        return ALIASES[key]
    close = difflib.get_close_matches(key, [*FORMATS, *ALIASES], n=1, cutoff=0.6)
    hint = f" (did you mean {ALIASES.get(close[0], close[0])}?)" if close else ""
    raise OptionError(
        f"unknown source format {name!r}{hint}; known: {', '.join(source_format_names())}",
        option="input_format",
        value=name,
    )


def _candidates(doc: Input, quick: bool = False) -> list[str]:
    value = doc.shape(quick)
    return [f.name for f in FORMATS.values() if f.text == doc.is_text and f.detect(value)]


def _names_to_pass(doc: Input) -> str:
    kinds = [name for name, f in FORMATS.items() if f.text == doc.is_text]
    return ", ".join(kinds)


def _detect(doc: Input) -> str:
    if doc.raw is not None:  # first from a quick look at the bytes; to be sure, the full one
        found = _candidates(doc, quick=True)
        if len(found) == 1:
            return found[0]
    found = _candidates(doc)
    if len(found) == 1:
        return found[0]
    what = "caption file" if doc.is_text else "JSON document"
    if not found:
        raise UnknownShapeError(
            f"this {what} is in no shape we know; name its format with --from NAME "
            f"(input_format=NAME), one of: {_names_to_pass(doc)}",
            source=doc.name,
        )
    else:
        message = (
            f"this {what} could be {' or '.join(found)}; name its format with --from NAME "
            f"(input_format=NAME), one of: {', '.join(found)}"
        )
    raise ElementListError(message, source=doc.name)


def detect_format(data: Any, *, name: str | None = None) -> str:
    """The name of the source ``data`` is (see :func:`import_document` for what ``data``
    may be). Raises :class:`ElementListError` when the shape is unknown or ambiguous."""
    return _detect(read_input(data, name))


def import_document(
    data: Any, source_format: str = AUTO, *, name: str | None = None
) -> ElementList:
    """``data`` in ``source_format`` (a name of :data:`FORMATS`, an alias, or ``auto``) →
    an ElementList version 3.

    ``data``: bytes, text (JSON or a caption file's text), a decoded JSON value (dict or
    list) or an ``os.PathLike`` path; ``name`` names the input in error messages (a path's
    own name by default). Errors: an unknown ``source_format`` raises
    :class:`OptionError`; input that is not in the format named (or, with ``auto``, in
    no known format, or in more than one) raises :class:`ElementListError` naming the
    names to pass; an unreadable path raises ``OSError``.
    """
    return import_reporting(data, source_format, name=name)[0]


def import_reporting(
    data: Any, source_format: str = AUTO, *, name: str | None = None
) -> tuple[ElementList, str]:
    """:func:`import_document`, and the name of the format the input was read as (the one
    ``auto`` recognised, for ``--verbose``)."""
    fmt = resolve_source_format(source_format)
    with paused_gc():  # a document holds no cycles: the collector's passes are pure cost
        doc = read_input(data, name)
        if fmt == AUTO:
            fmt = _detect(doc)
        else:
            _check(doc, FORMATS[fmt])
        return _import(doc, fmt), fmt


def _import(doc: Input, fmt: str) -> ElementList:
    if fmt == ELEMENTLIST:
        if doc.raw is not None:
            return loads(doc.raw, name=doc.name)
        return load(doc.tree, name=doc.name)
    importer = FORMATS[fmt].importer
    if doc.is_text:
        return build(importer.read(doc.text, doc.name))
    fast = getattr(importer, "read_fast", None)
    if fast is not None:  # typed decoding of the bytes (or conversion of the tree)
        draft = fast(doc.raw, doc.tree if doc.raw is None else None, doc.name)
        if draft is not None:
            return build(draft)
    return build(importer.read(doc.tree, doc.name))


def _check(doc: Input, source: SourceFormat) -> None:
    """Refuse input that is plainly not ``source``, saying what it looks like."""
    if source.text == doc.is_text and (
        (doc.raw is not None and source.detect(doc.shape(quick=True))) or source.detect(doc.shape())
    ):
        return
    found = _candidates(doc)
    looks = f"it looks like {' or '.join(found)}" if found else "its shape is not one we know"
    kind = "caption text" if doc.is_text else "JSON"
    raise ElementListError(
        f"not {source.title} ({source.name}): {looks} ({kind}); "
        f"name its format with --from NAME, one of: {', '.join(source_format_names())}",
        source=doc.name,
    )


__all__ = [
    "ALIASES",
    "AUTO",
    "ELEMENTLIST",
    "FORMATS",
    "SourceFormat",
    "UnknownShapeError",
    "detect_format",
    "import_document",
    "import_reporting",
    "resolve_source_format",
    "source_format_names",
]
