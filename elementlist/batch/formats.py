"""The formats a batch writes, and one pasted cielo24 query for captions and transcripts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import OptionError
from ..options.classes import (
    ALIASES,
    CaptionOptions,
    TranscriptOptions,
    option_names,
    parse_query,
    pop_caption_format,
)
from ..writers import FORMATS, resolve_format


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """One format a batch writes: a caption format (``caption_format`` set) or a transcript
    (``file_format`` "txt" or "html"), and the extension its files get."""

    name: str
    extension: str
    caption_format: str | None = None
    file_format: str | None = None


TRANSCRIPT_FORMATS: dict[str, OutputFormat] = {
    "txt": OutputFormat("TXT", ".txt", file_format="txt"),
    "text": OutputFormat("TXT", ".txt", file_format="txt"),
    "html": OutputFormat("HTML", ".html", file_format="html"),
}
# The TRANSCRIPT caption format would clash with the txt transcript on ".txt".
CAPTION_EXTENSIONS = {name: fmt.extension for name, fmt in FORMATS.items()}
CAPTION_EXTENSIONS["TRANSCRIPT"] = ".transcript.txt"


def output_format(name: str) -> OutputFormat:
    """The format a batch ``-f`` name means.

    ``txt``/``text`` and ``html`` are get_transcript's two file formats; every other name is a
    get_caption ``caption_format`` or alias (``TRANSCRIPT`` is the caption-format transcript,
    written as ``.transcript.txt``).

    >>> output_format("vtt").extension, output_format("txt").file_format
    ('.vtt', 'txt')
    """
    transcript = TRANSCRIPT_FORMATS.get(name.strip().lower())
    if transcript is not None:
        return transcript
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


def lookup_extension(name: str) -> str:
    """The file extension of a batch format name (``srt`` → ``.srt``)."""
    return output_format(name).extension


# ---------------------------------------------------------------------------------------
# Options from one pasted query


def options_from_query(
    query: str | None,
) -> tuple[str | None, CaptionOptions, TranscriptOptions]:
    """One pasted cielo24 query for both kinds of output.

    Each name goes to every options class that has it (``remove_disfluencies`` to both,
    ``characters_per_caption_line`` to captions only, ``timecode_interval`` to transcripts
    only); a name neither knows is an :class:`OptionError`. ``caption_format`` is returned
    apart (a default format); ``file_format`` is ignored: ``-f txt`` / ``-f html`` choose it.
    """
    if not query:
        return None, CaptionOptions(), TranscriptOptions()
    mapping = parse_query(query)
    caption_format = pop_caption_format(mapping)
    caption_names, transcript_names = (
        set(option_names(CaptionOptions)),
        set(option_names(TranscriptOptions)),
    )
    captions: dict[str, Any] = {}
    transcripts: dict[str, Any] = {}
    for raw, value in mapping.items():
        key = raw.strip().lower().replace("-", "_")
        name = ALIASES.get(key, key)
        if name == "file_format":
            continue
        if name not in caption_names and name not in transcript_names:
            raise OptionError(
                f"unknown option {raw!r}: not a get_caption or get_transcript option",
                option=raw,
                value=value,
            )
        if name in caption_names:
            captions[raw] = value
        if name in transcript_names:
            transcripts[raw] = value
    return (
        caption_format,
        CaptionOptions.from_mapping(captions),
        TranscriptOptions.from_mapping(transcripts),
    )
