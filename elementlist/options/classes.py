"""Typed option objects for get_caption and get_transcript (reference 4.16 and 4.17).

Field names are cielo24's spelling; defaults are the documented ones. This module is the one
place that parses options: Python values, the strings a cielo24 query string carries (in
every spelling the cielo24 clients used), whole pasted query strings and CLI flags. Every
object is validated and normalised when it is built, so ``CaptionOptions(force_case="UPPER")``
and ``CaptionOptions.from_query("force_case=UPPER")`` give the same object.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

from ..errors import OptionError
from .values import (
    _PARSERS,
    ALIASES,
    SOUND_TAGS,
    SRT_PLACEHOLDERS,
    parse_option,
)

DEFAULT_SRT_FORMAT = (
    "{caption_number:d}\n"
    "{start_hour:02d}:{start_minute:02d}:{start_second:02d},{start_millisecond:03d} --> "
    "{end_hour:02d}:{end_minute:02d}:{end_second:02d},{end_millisecond:03d}\n"
    "{caption_text}\n\n"
)

# Request parameters a pasted query carries that are not rendering options.
REQUEST_KEYS = frozenset({"v", "api_token", "job_id"})

OptionsT = TypeVar("OptionsT", bound="_OptionsBase")


class _OptionsBase:
    """Parsing and copying shared by both option classes."""

    __slots__ = ()

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            parsed = _PARSERS[f.name](f.name, value)
            if parsed is not value:
                object.__setattr__(self, f.name, parsed)

    @classmethod
    def from_mapping(cls: type[OptionsT], mapping: Mapping[str, Any]) -> OptionsT:
        """Build from names → values; each value a Python value or a cielo24 wire string.

        A list of strings stands for a key repeated in a query string. ``v``, ``api_token``
        and ``job_id`` are ignored; unknown names raise :class:`OptionError`.
        """
        return cls(**_canonical_kwargs(cls, mapping))

    @classmethod
    def from_query(cls: type[OptionsT], query: str) -> OptionsT:
        """Build from a pasted cielo24 query string or whole URL.

        ``caption_format`` is ignored here; :func:`split_caption_query` returns it.
        """
        mapping = parse_query(query)
        if cls is CaptionOptions:
            mapping.pop("caption_format", None)
        return cls.from_mapping(mapping)

    def with_values(self: OptionsT, **changes: Any) -> OptionsT:
        """A new, validated object with ``changes`` applied (values as in from_mapping)."""
        kwargs = {**self.as_dict(), **_canonical_kwargs(type(self), changes)}
        return type(self)(**kwargs)

    def as_dict(self) -> dict[str, Any]:
        """Field name → value, in declaration order."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class CaptionOptions(_OptionsBase):
    build_url: bool = False
    audio_description: bool = False
    mixed: bool = False
    caption_words_min: int = 1
    caption_by_sentence: bool = True
    characters_per_caption_line: int = 42
    dfxp_header: str = ""
    disallow_dangling: bool = False
    display_effects_speaker_as: str = "Effects"
    display_speaker_id: str = "name"  # no | number | name
    iwp_name: str = ""
    elementlist_version: str = ""
    emit_speaker_change_tokens_as: str = ">>"
    force_case: str = ""  # upper | lower | ""
    include_dfxp_metadata: bool = True
    layout_target_caption_length_ms: int = 5000
    line_break_on_sentence: bool = False
    line_ending_format: str = "UNIX"  # UNIX | WINDOWS | OSX
    lines_per_caption: int = 2
    mask_profanity: bool = False
    maximum_caption_duration: int | None = None
    merge_gap_interval: int = 1000
    minimum_caption_length_ms: int | None = None
    minimum_gap_between_captions_ms: int | None = None
    qt_seamless: bool = False
    remove_disfluencies: bool = True
    remove_sounds_list: tuple[str, ...] = ()
    remove_sound_references: bool = True
    replace_slang: bool = False
    silence_max_ms: int = 2000
    single_speaker_per_caption: bool = False
    sound_boundaries: tuple[str, str] = ("[", "]")
    sound_threshold: int | None = None
    sound_tokens_by_caption: bool = False
    sound_tokens_by_line: bool = False
    sound_tokens_by_caption_list: tuple[str, ...] = ("BLANK_AUDIO", "MUSIC")
    sound_tokens_by_line_list: tuple[str, ...] = ("BLANK_AUDIO", "MUSIC")
    speaker_on_new_line: bool = True
    srt_format: str = DEFAULT_SRT_FORMAT
    strip_square_brackets: bool = False
    utf8_mark: bool = False
    replace_english_spelling: str = ""  # "" unchanged | A | B | Z | U | C
    # Ours, not cielo24's: SCC (CEA-608) output (docs/options.md, docs/formats.md)
    scc_mode: str = "pop_on"  # pop_on | roll_up_2 | roll_up_3 | roll_up_4 | paint_on
    scc_frame_rate: str = "29.97df"  # 29.97df | 29.97ndf | 30
    scc_channel: str = "CC1"  # CC1 | CC2 | CC3 | CC4


@dataclass(frozen=True, slots=True)
class TranscriptOptions(_OptionsBase):
    create_paragraphs: bool = True
    audio_description: bool = False
    mixed: bool = False
    elementlist_version: str = ""
    iwp_name: str = ""
    emit_speaker_change_tokens_as: str = ">>"
    newlines_after_paragraph: int = 2
    newlines_after_sentence: int = 0
    remove_disfluencies: bool = True
    mask_profanity: bool = False
    remove_sounds_list: tuple[str, ...] = ()
    remove_sound_references: bool = True
    replace_slang: bool = False
    sound_boundaries: tuple[str, str] = ("[", "]")
    timecode_every_paragraph: bool = True
    timecode_format: str = "[%H:%M:%S.%f]"
    timecode_interval: int = 0
    timecode_offset: int = 0
    file_format: str = "txt"  # txt | html (pdf refused)
    replace_english_spelling: str = ""


# ---------------------------------------------------------------------------------------
# Query strings


def parse_query(query: str) -> dict[str, Any]:
    """A query string (or URL) → names → values; repeated keys give a list of strings.

    Percent-escapes are decoded and ``+`` is a space. ``v``, ``api_token`` and ``job_id`` are
    dropped. Names keep their spelling (aliases are resolved by ``from_mapping``).
    """
    text = query.strip()
    if "?" in text:
        text = text.split("?", 1)[1]
    elif "://" in text:  # a URL without a query: no options
        text = urlsplit(text).query
    text = text.split("#", 1)[0]
    mapping: dict[str, Any] = {}
    for key, value in parse_qsl(text, keep_blank_values=True):
        name = key.strip()
        if not name or name in REQUEST_KEYS:
            continue
        if name in mapping:
            previous = mapping[name]
            mapping[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            mapping[name] = value
    return mapping


def split_caption_query(query: str) -> tuple[str | None, CaptionOptions]:
    """A pasted get_caption query → (its ``caption_format`` or None, the CaptionOptions)."""
    mapping = parse_query(query)
    caption_format = pop_caption_format(mapping)
    return caption_format, CaptionOptions.from_mapping(mapping)


def pop_caption_format(mapping: dict[str, Any]) -> str | None:
    """Take ``caption_format`` out of a parsed query: the one format it names, or None."""
    fmt = mapping.pop("caption_format", None)
    if isinstance(fmt, list):
        raise OptionError(
            f"caption_format: given {len(fmt)} times ({', '.join(map(repr, fmt))}); expected one",
            option="caption_format",
            value=fmt,
        )
    return fmt.strip() if isinstance(fmt, str) and fmt.strip() else None


# ---------------------------------------------------------------------------------------
# Names


def option_names(options_class: type[Any]) -> tuple[str, ...]:
    """The field names of an options class, in declaration order."""
    return tuple(f.name for f in dataclasses.fields(options_class))


def require_options(options: object, cls: type[OptionsT]) -> OptionsT:
    """``options`` when it is a ``cls``; otherwise the OptionError get_caption and
    get_transcript both raise (the other call's options are the usual mistake)."""
    if isinstance(options, cls):
        return options
    name = cls.__name__
    given = f"the class {options.__name__}" if isinstance(options, type) else type(options).__name__
    raise OptionError(
        f"options must be {name}, not {given} "
        f"(make one with {name}(...), {name}.from_mapping or {name}.from_query)",
        option="options",
        value=type(options).__name__,
    )


def _canonical_kwargs(cls: type[Any], mapping: Mapping[str, Any]) -> dict[str, Any]:
    names = option_names(cls)
    known = set(names)
    kwargs: dict[str, Any] = {}
    spelled: dict[str, str] = {}
    for raw_name, value in mapping.items():
        name = str(raw_name).strip().lower().replace("-", "_")
        if name in REQUEST_KEYS:
            continue
        canonical = ALIASES.get(name, name)
        if canonical not in known:
            raise _unknown_option(cls, str(raw_name), names)
        if canonical in kwargs and kwargs[canonical] != value:
            raise OptionError(
                f"{canonical}: given twice, as {spelled[canonical]}={kwargs[canonical]!r} "
                f"and {name}={value!r}",
                option=canonical,
                value=value,
            )
        kwargs[canonical] = value
        spelled[canonical] = name
    return kwargs


def _unknown_option(cls: type[Any], name: str, names: Iterable[str]) -> OptionError:
    other = TranscriptOptions if cls is CaptionOptions else CaptionOptions
    key = ALIASES.get(name, name)
    if key in option_names(other):
        call = "get_transcript" if other is TranscriptOptions else "get_caption"
        this = "get_caption" if other is TranscriptOptions else "get_transcript"
        return OptionError(
            f"'{name}' is a {call} option; {this} does not take it", option=name, value=None
        )
    candidates = [*names, *ALIASES]
    close = difflib.get_close_matches(name.lower(), candidates, n=1, cutoff=0.7)
    hint = f" (did you mean '{ALIASES.get(close[0], close[0])}'?)" if close else ""
    return OptionError(f"unknown option '{name}'{hint}", option=name, value=None)


__all__ = [
    "ALIASES",
    "DEFAULT_SRT_FORMAT",
    "REQUEST_KEYS",
    "SOUND_TAGS",
    "SRT_PLACEHOLDERS",
    "CaptionOptions",
    "OptionsT",
    "TranscriptOptions",
    "option_names",
    "parse_option",
    "parse_query",
    "pop_caption_format",
    "require_options",
    "split_caption_query",
]
