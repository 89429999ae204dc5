"""Typed option objects for get_caption and get_transcript (reference 4.16 and 4.17).

Field names are cielo24's spelling; defaults are the documented ones. Each field says all
there is to say about its option — parser, default, help, other names, cielo24's or ours —
through :func:`~.spec.option`; everything else (parsing Python values, wire strings, pasted
query strings and CLI flags; writing a query back) reads it from there. The options both
calls take are stated once, in :class:`_SharedOptions`. Every object is validated and
normalised when it is built, so ``CaptionOptions(force_case="UPPER")`` and
``CaptionOptions.from_query("force_case=UPPER")`` give the same object.

Adding an option: one ``name: type = option(default, KIND, "help")`` line in the class that
takes it (or in _SharedOptions for both), and its entry in docs/options.md. See that page's
"Adding an option".
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import OptionError
from ..profiles import PROFILES
from .spec import OptionField, fields_of, option
from .values import (
    BOOLEAN,
    BOUNDARY_PAIR,
    FILE_FORMAT,
    MULTI_LINE_TEXT,
    OFFLINE_FALSE,
    ONE_LINE_TEXT,
    SOUND_TAG_LIST,
    SRT_TEMPLATE,
    TIMECODE_FORMAT,
    choice,
    optional_whole_number,
    whole_number,
)
from .wire import REQUEST_KEYS, format_query, option_key, parse_query, pop_caption_format

# srt_format's default: the SubRip layout, a template over SRT_PLACEHOLDERS.
DEFAULT_SRT_FORMAT = (
    "{caption_number:d}\n"
    "{start_hour:02d}:{start_minute:02d}:{start_second:02d},{start_millisecond:03d} --> "
    "{end_hour:02d}:{end_minute:02d}:{end_second:02d},{end_millisecond:03d}\n"
    "{caption_text}\n\n"
)

# CaptionOptions or TranscriptOptions: what from_query and with_values return.
OptionsT = TypeVar("OptionsT", bound="_OptionsBase")

_WHOLE_0 = whole_number(0)
_WHOLE_1 = whole_number(1)
_CASE = choice(
    ("upper", "lower", ""), {"unchanged": "", "none": ""}, metavar="upper|lower|unchanged"
)
_SPELLING = choice(
    ("", "A", "B", "Z", "U", "C"),
    {
        "none": "",
        "american": "A",
        "british": "B",
        "oxford": "Z",
        "australian": "U",
        "canadian": "C",
    },
    metavar="A|B|Z|U|C|none",
)

_SCC_MODES = ("pop_on", "roll_up_2", "roll_up_3", "roll_up_4", "paint_on")
_SCC_MODE = choice(
    _SCC_MODES,
    {
        spelling: mode
        for mode in _SCC_MODES
        for spelling in (mode.replace("_", "-"), mode.replace("_", ""))
    },
)
_SCC_FRAME_RATE = choice(
    ("29.97df", "29.97ndf", "30"), {"df": "29.97df", "ndf": "29.97ndf", "30ndf": "30"}
)


class _OptionsBase:
    """Parsing, copying and writing shared by both option classes.

    Each object remembers which options it was given (:attr:`given_options`), whatever
    their values: a ``caption_profile`` sets only the options not given, so an option given
    its default value wins over the profile as any other value does.
    """

    __slots__ = ("_given",)
    _given: frozenset[str]

    def __new__(cls, **values: Any) -> Any:
        # (the dataclass __init__ takes keywords only: their names are the options given)
        made = object.__new__(cls)
        object.__setattr__(made, "_given", frozenset(values))
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        # (the given options only: the others are at their defaults, and stay not given)
        return (_rebuild, (type(self), {name: getattr(self, name) for name in self._given}))

    @property
    def given_options(self) -> frozenset[str]:
        """The names of the options given when these options were made (by keyword, in a
        mapping, a query string or as CLI flags; :meth:`with_values` adds the ones it
        changes), whatever their values. Every other option is at its default."""
        return self._given

    def __post_init__(self) -> None:
        for field in fields_of(type(self)):
            value = getattr(self, field.name)
            parsed = field.spec.kind.parse(field.name, value)
            if parsed is not value:
                object.__setattr__(self, field.name, parsed)

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

        For captions ``caption_format`` is ignored here; :func:`split_caption_query`
        returns it.
        """
        mapping = parse_query(query)
        if cls is CaptionOptions:
            pop_caption_format(mapping)
        return cls.from_mapping(mapping)

    def with_values(self: OptionsT, **changes: Any) -> OptionsT:
        """A new, validated object with ``changes`` applied (values as in from_mapping);
        its given options are these options' and the changed ones."""
        kwargs = {name: getattr(self, name) for name in self._given}
        kwargs.update(_canonical_kwargs(type(self), changes))
        return type(self)(**kwargs)

    def as_dict(self) -> dict[str, Any]:
        """Field name → value, in declaration order."""
        return {field.name: getattr(self, field.name) for field in fields_of(type(self))}

    def to_query(self, *, include_defaults: bool = False) -> str:
        """The cielo24 query string of these options: the values that differ from the
        defaults (every value with ``include_defaults``), in declaration order, in the wire
        form cielo24's documentation shows. ``from_query`` reads it back to an equal object;
        under a ``caption_profile`` an option given its default value is written too, so that
        it still wins over the profile when read back.

        >>> CaptionOptions(lines_per_caption=1, remove_sounds_list=("MUSIC",)).to_query()
        'remove_sounds_list=%5B%22MUSIC%22%5D&lines_per_caption=1'
        """
        pairs = []
        pinned = self._given if getattr(self, "caption_profile", "") else frozenset()
        for field in fields_of(type(self)):
            value = getattr(self, field.name)
            if include_defaults or value != field.default or field.name in pinned:
                pairs.append((field.name, field.spec.kind.wire(value)))
        return format_query(pairs)


@dataclass(frozen=True, slots=True, kw_only=True)
class _SharedOptions(_OptionsBase):
    """The options get_caption and get_transcript both take (one definition for both)."""

    remove_sound_references: bool = option(
        True, BOOLEAN, "remove every sound reference ([MUSIC], [NOISE] ...)"
    )
    remove_sounds_list: tuple[str, ...] = option(
        (), SOUND_TAG_LIST, "sound tags to remove (when remove_sound_references is false)"
    )
    remove_disfluencies: bool = option(
        True, BOOLEAN, "remove um, uh and the like, repairing punctuation and capitals"
    )
    replace_slang: bool = option(False, BOOLEAN, "replace slang (gonna → going to)")
    replace_english_spelling: str = option(
        "", _SPELLING, "rewrite spellings: American, British, Oxford, Australian, Canadian"
    )
    mask_profanity: bool = option(False, BOOLEAN, "mask profane words (S***)")
    sound_boundaries: tuple[str, str] = option(
        ("[", "]"), BOUNDARY_PAIR, "the strings around a sound reference"
    )
    emit_speaker_change_tokens_as: str = option(
        ">>",
        ONE_LINE_TEXT,
        "the marker of a speaker change",
        aliases=("emit_speaker_change_token_as",),
    )
    audio_description: bool = option(
        False, BOOLEAN, "a cielo24 source: fetch the audio description ElementList"
    )
    mixed: bool = option(
        False, BOOLEAN, "a cielo24 source: with audio_description, the mixed transcript"
    )
    elementlist_version: str = option(
        "", ONE_LINE_TEXT, "a cielo24 source: the ElementList version (ISO date)", metavar="DATE"
    )
    iwp_name: str = option(
        "", ONE_LINE_TEXT, "a cielo24 source: the version by IWP name (FINAL ...)", metavar="NAME"
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class CaptionOptions(_SharedOptions):
    """Every option of cielo24's get_caption (docs/options.md explains each)."""

    build_url: bool = option(False, OFFLINE_FALSE, "cielo24 only: true is refused offline")
    caption_words_min: int = option(1, _WHOLE_0, "the fewest words a caption may hold")
    caption_by_sentence: bool = option(True, BOOLEAN, "start each sentence in a new caption")
    characters_per_caption_line: int = option(42, _WHOLE_1, "the most characters on a line")
    dfxp_header: str = option("", MULTI_LINE_TEXT, "DFXP: your own <head> element", metavar="XML")
    disallow_dangling: bool = option(
        False, BOOLEAN, "never wrap a sentence's last word alone onto a line"
    )
    display_effects_speaker_as: str = option(
        "Effects", ONE_LINE_TEXT, "the name shown for the effects speaker"
    )
    display_speaker_id: str = option(
        "name", choice(("no", "number", "name")), "what follows the speaker-change marker"
    )
    force_case: str = option("", _CASE, "upper- or lower-case all caption text")
    include_dfxp_metadata: bool = option(
        True, BOOLEAN, "DFXP: the job's name, id and language in the header"
    )
    layout_target_caption_length_ms: int = option(
        5000, _WHOLE_0, "the caption duration the layout aims at (ms)", metavar="MS"
    )
    line_break_on_sentence: bool = option(
        False, BOOLEAN, "start each sentence of a caption on a new line"
    )
    line_ending_format: str = option(
        "UNIX", choice(("UNIX", "WINDOWS", "OSX")), "line endings: LF, CRLF or CR"
    )
    lines_per_caption: int = option(2, _WHOLE_1, "the most lines in a caption")
    maximum_caption_duration: int | None = option(
        None, optional_whole_number(1), "split captions longer than this (ms)", metavar="MS|none"
    )
    merge_gap_interval: int = option(
        1000, _WHOLE_0, "close gaps between captions shorter than this (ms)", metavar="MS"
    )
    minimum_caption_length_ms: int | None = option(
        None, optional_whole_number(0), "lengthen captions shorter than this", metavar="MS|none"
    )
    minimum_gap_between_captions_ms: int | None = option(
        None, optional_whole_number(0), "at least this gap between captions", metavar="MS|none"
    )
    qt_seamless: bool = option(False, BOOLEAN, "QT: no gaps between caption blocks")
    silence_max_ms: int = option(
        2000, _WHOLE_0, "a silence longer than this breaks the caption (ms)", metavar="MS"
    )
    single_speaker_per_caption: bool = option(False, BOOLEAN, "one speaker per caption")
    sound_threshold: int | None = option(
        None,
        optional_whole_number(0),
        "a longer sound gets a caption of its own (ms)",
        metavar="MS|none",
    )
    sound_tokens_by_caption: bool = option(
        False, BOOLEAN, "every sound reference gets a caption of its own"
    )
    sound_tokens_by_line: bool = option(
        False, BOOLEAN, "every sound reference gets a line of its own"
    )
    sound_tokens_by_caption_list: tuple[str, ...] = option(
        ("BLANK_AUDIO", "MUSIC"), SOUND_TAG_LIST, "sound tags that get a caption of their own"
    )
    sound_tokens_by_line_list: tuple[str, ...] = option(
        ("BLANK_AUDIO", "MUSIC"), SOUND_TAG_LIST, "sound tags that get a line of their own"
    )
    speaker_on_new_line: bool = option(True, BOOLEAN, "a speaker change starts a new caption")
    srt_format: str = option(
        DEFAULT_SRT_FORMAT, SRT_TEMPLATE, "SRT: the template of each caption block"
    )
    strip_square_brackets: bool = option(False, BOOLEAN, "remove [ and ] from caption text")
    utf8_mark: bool = option(False, BOOLEAN, "begin the file with a byte order mark")
    # Ours, not cielo24's: a broadcast profile sets several layout options at once
    caption_profile: str = option(
        "",
        choice(("", *PROFILES)),
        "lay out for a broadcast profile: line length, lines, reading speed, durations and "
        "gaps in one word (an option given as well wins, even at its default)",
        metavar="|".join(PROFILES),
        origin="elementlist",
    )
    # Ours, not cielo24's: reading speed (docs/options.md)
    maximum_characters_per_second: int | None = option(
        None,
        optional_whole_number(1),
        "end captions later, into the silence after them, so they read at most this fast",
        metavar="CPS|none",
        origin="elementlist",
    )
    maximum_words_per_minute: int | None = option(
        None,
        optional_whole_number(1),
        "end captions later, into the silence after them, so they read at most this many "
        "words a minute",
        metavar="WPM|none",
        origin="elementlist",
    )
    # Ours, not cielo24's: SCC (CEA-608) output (docs/options.md, docs/formats.md)
    scc_mode: str = option(
        "pop_on", _SCC_MODE, "SCC: pop_on, roll_up_2/3/4 or paint_on", origin="elementlist"
    )
    scc_frame_rate: str = option(
        "29.97df", _SCC_FRAME_RATE, "SCC: time code 29.97df, 29.97ndf or 30", origin="elementlist"
    )
    scc_channel: str = option(
        "CC1",
        choice(("CC1", "CC2", "CC3", "CC4")),
        "SCC: the caption channel",
        origin="elementlist",
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class TranscriptOptions(_SharedOptions):
    """Every option of cielo24's get_transcript (docs/options.md explains each)."""

    create_paragraphs: bool = option(True, BOOLEAN, "group sentences into paragraphs")
    newlines_after_paragraph: int = option(2, _WHOLE_0, "line breaks after a paragraph")
    newlines_after_sentence: int = option(0, _WHOLE_0, "line breaks after a sentence")
    timecode_every_paragraph: bool = option(True, BOOLEAN, "a timecode before each paragraph")
    timecode_format: str = option(
        "[%H:%M:%S.%f]", TIMECODE_FORMAT, "the timecode's form (%H %M %S %f %%)"
    )
    timecode_interval: int = option(
        0, _WHOLE_0, "a timecode every this many ms (0: none)", metavar="MS"
    )
    timecode_offset: int = option(0, _WHOLE_0, "added to every timecode (ms)", metavar="MS")
    file_format: str = option("txt", FILE_FORMAT, "txt or html (pdf is refused)")


OPTION_CLASSES: tuple[type[CaptionOptions] | type[TranscriptOptions], ...] = (
    CaptionOptions,
    TranscriptOptions,
)
CALL_NAMES: dict[type[Any], str] = {
    CaptionOptions: "get_caption",
    TranscriptOptions: "get_transcript",
}

# Other spellings of option names (from each field's aliases) → the option's name.
ALIASES: dict[str, str] = {
    alias: field.name
    for options_class in OPTION_CLASSES
    for field in fields_of(options_class)
    for alias in field.spec.aliases
}


# ---------------------------------------------------------------------------------------
# Names


def canonical_name(name: object) -> str:
    """The option a name means, as given in a mapping, a query or a flag: case, ``-`` for
    ``_`` and aliases resolved (``Emit-Speaker-Change-Token-As`` →
    ``emit_speaker_change_tokens_as``). The one place option names are normalised; whether
    the name is an option at all is for the caller to check."""
    key = option_key(name)
    return ALIASES.get(key, key)


def option_names(options_class: type[Any]) -> tuple[str, ...]:
    """The option names of an options class, in declaration order."""
    return tuple(field.name for field in fields_of(options_class))


def option_field(name: str) -> OptionField:
    """The field of the option ``name`` (any spelling), from whichever class has it."""
    canonical = canonical_name(name)
    for options_class in OPTION_CLASSES:
        for field in fields_of(options_class):
            if field.name == canonical:
                return field
    raise _unknown_option(None, str(name))


def parse_option(name: str, value: Any) -> Any:
    """Parse one option value (Python or wire form) by its cielo24 name or alias."""
    field = option_field(name)
    return field.spec.kind.parse(field.name, value)


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


def _rebuild(cls: type[OptionsT], given: dict[str, Any]) -> OptionsT:
    """An options object from its given options (how one is unpickled and copied)."""
    return cls(**given)


def _canonical_kwargs(cls: type[Any], mapping: Mapping[str, Any]) -> dict[str, Any]:
    known = set(option_names(cls))
    kwargs: dict[str, Any] = {}
    spelled: dict[str, str] = {}
    for raw_name, value in mapping.items():
        key = option_key(raw_name)
        if key in REQUEST_KEYS:
            continue
        canonical = ALIASES.get(key, key)
        if canonical not in known:
            raise _unknown_option(cls, str(raw_name))
        if canonical in kwargs and kwargs[canonical] != value:
            raise OptionError(
                f"{canonical}: given twice, as {spelled[canonical]}={kwargs[canonical]!r} "
                f"and {key}={value!r}",
                option=canonical,
                value=value,
            )
        kwargs[canonical] = value
        spelled[canonical] = key
    return kwargs


def _unknown_option(cls: type[Any] | None, name: str) -> OptionError:
    """The error for a name ``cls`` does not take (None: neither class): the call that does
    take it, else the closest known name."""
    key = canonical_name(name)
    if cls is not None:
        for other in OPTION_CLASSES:
            if other is not cls and key in option_names(other):
                return OptionError(
                    f"'{name}' is a {CALL_NAMES[other]} option; {CALL_NAMES[cls]} does not take it",
                    option=name,
                    value=None,
                )
    classes = OPTION_CLASSES if cls is None else (cls,)
    candidates = [*{n for c in classes for n in option_names(c)}, *ALIASES]
    close = difflib.get_close_matches(name.lower(), sorted(candidates), n=1, cutoff=0.7)
    hint = f" (did you mean '{ALIASES.get(close[0], close[0])}'?)" if close else ""
    return OptionError(f"unknown option '{name}'{hint}", option=name, value=None)
