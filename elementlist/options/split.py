"""One pasted query (or one set of names → values) for a call, or for both calls at once.

:func:`split_caption_query` is get_caption's: the options, and ``caption_format`` apart.
:func:`split_options` is the batch's rule, used by ``elementlist batch`` and
:func:`elementlist.batch.options_from_query` alike: each name goes to every call that takes
it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import OptionError
from .classes import CaptionOptions, TranscriptOptions, canonical_name, option_names
from .wire import REQUEST_KEYS, parse_query, pop_caption_format


def split_caption_query(query: str) -> tuple[str | None, CaptionOptions]:
    """A pasted get_caption query → (its ``caption_format`` or None, the CaptionOptions)."""
    mapping = parse_query(query)
    caption_format = pop_caption_format(mapping)
    return caption_format, CaptionOptions.from_mapping(mapping)


def split_options(
    mapping: Mapping[str, Any], *, ignore: Iterable[str] = ()
) -> tuple[CaptionOptions, TranscriptOptions]:
    """Names → values for both calls: each name goes to every options class that has it
    (``remove_disfluencies`` to both, ``characters_per_caption_line`` to captions only,
    ``timecode_interval`` to transcripts only); a name neither takes is an
    :class:`OptionError`. Names in ``ignore`` (canonical) are dropped."""
    caption_names = set(option_names(CaptionOptions))
    transcript_names = set(option_names(TranscriptOptions))
    dropped = set(ignore) | REQUEST_KEYS
    captions: dict[str, Any] = {}
    transcripts: dict[str, Any] = {}
    for raw, value in mapping.items():
        name = canonical_name(raw)
        if name in dropped:
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
    return CaptionOptions.from_mapping(captions), TranscriptOptions.from_mapping(transcripts)


def options_from_query(
    query: str | None,
) -> tuple[str | None, CaptionOptions, TranscriptOptions]:
    """One pasted cielo24 query for both kinds of output (see :func:`split_options`).

    ``caption_format`` is returned apart (a default format); ``file_format`` is ignored:
    a batch's ``-f txt`` / ``-f html`` choose it.
    """
    if not query:
        return None, CaptionOptions(), TranscriptOptions()
    mapping = parse_query(query)
    caption_format = pop_caption_format(mapping)
    return (caption_format, *split_options(mapping, ignore=("file_format",)))
