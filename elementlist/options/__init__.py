"""The options of get_caption and get_transcript: typed, frozen, read from Python values,
cielo24 wire strings, pasted query strings and CLI flags, and written back as a query.

Each option is one field of :class:`CaptionOptions` or :class:`TranscriptOptions` (or of
both, when the two calls share it) carrying its parser, default, help and origin
(:mod:`.spec`); docs/options.md explains every option and how to add one.
"""

from __future__ import annotations

from .classes import (
    ALIASES,
    DEFAULT_SRT_FORMAT,
    CaptionOptions,
    OptionsT,
    TranscriptOptions,
    canonical_name,
    option_field,
    option_names,
    parse_option,
    require_options,
)
from .spec import OptionField, OptionSpec, fields_of, option
from .split import options_from_query, split_caption_query, split_options
from .values import SOUND_TAGS, SRT_PLACEHOLDERS, ValueKind
from .wire import REQUEST_KEYS, parse_query, pop_caption_format

__all__ = [
    "ALIASES",
    "DEFAULT_SRT_FORMAT",
    "REQUEST_KEYS",
    "SOUND_TAGS",
    "SRT_PLACEHOLDERS",
    "CaptionOptions",
    "OptionField",
    "OptionSpec",
    "OptionsT",
    "TranscriptOptions",
    "ValueKind",
    "canonical_name",
    "fields_of",
    "option",
    "option_field",
    "option_names",
    "options_from_query",
    "parse_option",
    "parse_query",
    "pop_caption_format",
    "require_options",
    "split_caption_query",
    "split_options",
]
