"""Typed option objects for get_caption and get_transcript (reference 4.16 and 4.17).

Field names are cielo24's spelling; defaults are the documented ones. This module is the one
place that parses options: Python values, the strings a cielo24 query string carries (in
every spelling the cielo24 clients used), whole pasted query strings and CLI flags. Every
object is validated and normalised when it is built, so ``CaptionOptions(force_case="UPPER")``
and ``CaptionOptions.from_query("force_case=UPPER")`` give the same object.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import re
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

from .errors import OptionError

DEFAULT_SRT_FORMAT = (
    "{caption_number:d}\n"
    "{start_hour:02d}:{start_minute:02d}:{start_second:02d},{start_millisecond:03d} --> "
    "{end_hour:02d}:{end_minute:02d}:{end_second:02d},{end_millisecond:03d}\n"
    "{caption_text}\n\n"
)

# The Sound Tag enumeration (reference/enums.md) plus SOUND, which real data uses.
SOUND_TAGS = (
    "UNKNOWN",
    "INAUDIBLE",
    "CROSSTALK",
    "MUSIC",
    "NOISE",
    "LAUGH",
    "COUGH",
    "FOREIGN",
    "BLANK_AUDIO",
    "APPLAUSE",
    "BLEEP",
    "ENDS_SENTENCE",
    "SOUND",
)
_SOUND_TAG_SET = frozenset(SOUND_TAGS)

# Request parameters a pasted query carries that are not rendering options.
REQUEST_KEYS = frozenset({"v", "api_token", "job_id"})
# Other spellings of option names: the 2015 clients' singular "token".
ALIASES = {"emit_speaker_change_token_as": "emit_speaker_change_tokens_as"}

SRT_PLACEHOLDERS = (
    "caption_number",
    "start_hour",
    "start_minute",
    "start_second",
    "start_millisecond",
    "end_hour",
    "end_minute",
    "end_second",
    "end_millisecond",
    "caption_text",
)
TIMECODE_DIRECTIVES = "HMSf%"

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
    fmt = mapping.pop("caption_format", None)
    if isinstance(fmt, list):
        raise OptionError(
            f"caption_format: given {len(fmt)} times ({', '.join(map(repr, fmt))}); expected one",
            option="caption_format",
            value=fmt,
        )
    caption_format = fmt.strip() if isinstance(fmt, str) and fmt.strip() else None
    return caption_format, CaptionOptions.from_mapping(mapping)


# ---------------------------------------------------------------------------------------
# Names


def option_names(options_class: type[Any]) -> tuple[str, ...]:
    """The field names of an options class, in declaration order."""
    return tuple(f.name for f in dataclasses.fields(options_class))


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


# ---------------------------------------------------------------------------------------
# Value parsers: (name, value) → normalised value, or OptionError naming both.

_TRUE = frozenset({"true", "t", "yes", "y", "1"})
_FALSE = frozenset({"false", "f", "no", "n", "0"})
_NONE = frozenset({"", "none", "null"})
_INT_RE = re.compile(r"[+-]?\d+")


def _single(name: str, value: Any) -> Any:
    """A repeated query key gives a list; a scalar option takes exactly one value."""
    if isinstance(value, list):
        if len(value) == 1:
            return value[0]
        raise OptionError(
            f"{name}: given {len(value)} values {value!r}; expected one", option=name, value=value
        )
    return value


def _parse_bool(name: str, value: Any) -> bool:
    value = _single(name, value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise OptionError(f"{name}: expected true or false, got {value!r}", option=name, value=value)


def _parse_build_url(name: str, value: Any) -> bool:
    if _parse_bool(name, value):
        raise OptionError(
            "build_url=true has no meaning offline (it asks cielo24 for a link to a stored "
            "caption file); leave it false",
            option=name,
            value=value,
        )
    return False


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
        return int(value.strip())
    return None


def _int_parser(minimum: int) -> Callable[[str, Any], int]:
    def parse(name: str, value: Any) -> int:
        value = _single(name, value)
        number = _whole_number(value)
        if number is None or number < minimum:
            raise OptionError(
                f"{name}: expected a whole number >= {minimum}, got {value!r}",
                option=name,
                value=value,
            )
        return value if type(value) is int else number

    return parse


def _optional_int_parser(minimum: int) -> Callable[[str, Any], int | None]:
    def parse(name: str, value: Any) -> int | None:
        value = _single(name, value)
        if value is None or (isinstance(value, str) and value.strip().lower() in _NONE):
            return None
        number = _whole_number(value)
        if number is None or number < minimum:
            raise OptionError(
                f"{name}: expected a whole number >= {minimum} or none, got {value!r}",
                option=name,
                value=value,
            )
        return value if type(value) is int else number

    return parse


def _text_parser(*, one_line: bool) -> Callable[[str, Any], str]:
    def parse(name: str, value: Any) -> str:
        value = _single(name, value)
        if not isinstance(value, str):
            raise OptionError(f"{name}: expected text, got {value!r}", option=name, value=value)
        if one_line and ("\n" in value or "\r" in value):
            raise OptionError(
                f"{name}: expected one line of text, got {value!r}", option=name, value=value
            )
        return value

    return parse


def _enum_parser(
    choices: tuple[str, ...], spellings: Mapping[str, str] | None = None
) -> Callable[[str, Any], str]:
    """Case-insensitive; ``spellings`` maps extra lower-case words to a choice."""
    by_lower = {c.lower(): c for c in choices}
    if spellings:
        by_lower.update(spellings)
    shown = ", ".join(repr(c) if c == "" else c for c in choices)

    def parse(name: str, value: Any) -> str:
        value = _single(name, value)
        if isinstance(value, str):
            key = value.strip().lower()
            if key in by_lower:
                return by_lower[key]
        raise OptionError(
            f"{name}: expected one of {shown}, got {value!r}", option=name, value=value
        )

    return parse


_parse_file_format_choice = _enum_parser(("txt", "html"), {"text": "txt", "htm": "html"})


def _parse_file_format(name: str, value: Any) -> str:
    single = _single(name, value)
    if isinstance(single, str) and single.strip().lower() == "pdf":
        raise OptionError(
            "file_format=pdf is not supported offline (cielo24 lists it as coming soon)",
            option=name,
            value=value,
        )
    return _parse_file_format_choice(name, single)


def _split_list_text(text: str) -> list[str]:
    """``["MUSIC","LAUGH"]``, ``['MUSIC', 'LAUGH']``, ``MUSIC,LAUGH``, ``[]`` → items."""
    text = text.strip()
    if text.startswith("["):
        try:
            loaded = json.loads(text)
        except ValueError:
            loaded = None
        if isinstance(loaded, list) and all(isinstance(x, str) for x in loaded):
            return loaded
    if (text[:1], text[-1:]) in (("[", "]"), ("(", ")")):
        text = text[1:-1]
    return [_unquote(part) for part in text.split(",") if _unquote(part)]


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _parse_tags(name: str, value: Any) -> tuple[str, ...]:
    items: list[Any]
    if isinstance(value, str):
        items = _split_list_text(value)
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = []
        for item in value:
            if not isinstance(item, str):
                raise OptionError(
                    f"{name}: expected a list of sound tags, got {value!r}",
                    option=name,
                    value=value,
                )
            items.extend(_split_list_text(item))
    else:
        raise OptionError(
            f"{name}: expected a list of sound tags, got {value!r}", option=name, value=value
        )
    tags: list[str] = []
    for item in items:
        tag = item.strip().upper()
        if tag not in _SOUND_TAG_SET:
            close = difflib.get_close_matches(tag, SOUND_TAGS, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise OptionError(f"{name}: unknown sound tag {item!r}{hint}", option=name, value=value)
        if tag not in tags:
            tags.append(tag)
    result = tuple(tags)
    return value if result == value and isinstance(value, tuple) else result


def _parse_boundaries(name: str, value: Any) -> tuple[str, str]:
    parts: list[Any] | None = None
    if isinstance(value, (list, tuple)):
        parts = list(value)
        if len(parts) == 1 and isinstance(parts[0], str):
            return _parse_boundaries(name, parts[0])
    elif isinstance(value, str):
        text = value.strip()
        if len(text) == 2:
            parts = [text[0], text[1]]
        else:
            inner = text
            if len(text) > 2 and (text[0], text[-1]) in (("(", ")"), ("[", "]")):
                inner = text[1:-1]
            pieces = inner.split(",")
            if len(pieces) == 2:
                parts = [_unquote(p) for p in pieces]
    if (
        parts is None
        or len(parts) != 2
        or not all(isinstance(p, str) and "\n" not in p and "\r" not in p for p in parts)
    ):
        raise OptionError(
            f'{name}: expected an opening and a closing string such as ("[","]"), got {value!r}',
            option=name,
            value=value,
        )
    result = (parts[0], parts[1])
    return value if result == value and isinstance(value, tuple) else result


def _unescape_newlines(text: str) -> str:
    return text.replace("\\n", "\n") if "\\n" in text else text


def _srt_field_names(template: str) -> Iterator[str]:
    """Every replacement field's name, nested format specs included."""
    for _literal, field_name, spec, _conversion in string.Formatter().parse(template):
        if field_name is not None:
            yield field_name
            if spec and "{" in spec:
                yield from _srt_field_names(spec)


def _parse_srt_format(name: str, value: Any) -> str:
    """Only the documented names, without attribute or index access, so a template can
    never reach into Python objects; then a trial fill catches bad format specs."""
    text = _unescape_newlines(_text_parser(one_line=False)(name, value))
    try:
        unknown = [f for f in _srt_field_names(text) if f not in SRT_PLACEHOLDERS]
        if not unknown:
            dummy: dict[str, Any] = {p: 1 for p in SRT_PLACEHOLDERS}
            dummy["caption_text"] = "text"
            text.format(**dummy)
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as exc:
        raise OptionError(
            f"{name}: not a usable template ({exc}), got {value!r}", option=name, value=value
        ) from None
    if unknown:
        raise OptionError(
            f"{name}: unknown placeholder {{{unknown[0]}}} (known: "
            f"{', '.join(SRT_PLACEHOLDERS)}), got {value!r}",
            option=name,
            value=value,
        )
    return value if text == value else text


_TIMECODE_DIRECTIVE_RE = re.compile(r"%(.?)")


def _parse_timecode_format(name: str, value: Any) -> str:
    text = _text_parser(one_line=True)(name, value)
    for match in _TIMECODE_DIRECTIVE_RE.finditer(text):
        if match.group(1) == "" or match.group(1) not in TIMECODE_DIRECTIVES:
            raise OptionError(
                f"{name}: unknown field %{match.group(1)} (known: %H %M %S %f %%), got {value!r}",
                option=name,
                value=value,
            )
    return text


_min0 = _int_parser(0)
_min1 = _int_parser(1)
_opt0 = _optional_int_parser(0)
_opt1 = _optional_int_parser(1)

_PARSERS: dict[str, Callable[[str, Any], Any]] = {
    "build_url": _parse_build_url,
    "audio_description": _parse_bool,
    "mixed": _parse_bool,
    "caption_words_min": _min0,
    "caption_by_sentence": _parse_bool,
    "characters_per_caption_line": _min1,
    "dfxp_header": _text_parser(one_line=False),
    "disallow_dangling": _parse_bool,
    "display_effects_speaker_as": _text_parser(one_line=True),
    "display_speaker_id": _enum_parser(("no", "number", "name")),
    "iwp_name": _text_parser(one_line=True),
    "elementlist_version": _text_parser(one_line=True),
    "emit_speaker_change_tokens_as": _text_parser(one_line=True),
    "force_case": _enum_parser(("upper", "lower", ""), {"unchanged": "", "none": ""}),
    "include_dfxp_metadata": _parse_bool,
    "layout_target_caption_length_ms": _min0,
    "line_break_on_sentence": _parse_bool,
    "line_ending_format": _enum_parser(("UNIX", "WINDOWS", "OSX")),
    "lines_per_caption": _min1,
    "mask_profanity": _parse_bool,
    "maximum_caption_duration": _opt1,
    "merge_gap_interval": _min0,
    "minimum_caption_length_ms": _opt0,
    "minimum_gap_between_captions_ms": _opt0,
    "qt_seamless": _parse_bool,
    "remove_disfluencies": _parse_bool,
    "remove_sounds_list": _parse_tags,
    "remove_sound_references": _parse_bool,
    "replace_slang": _parse_bool,
    "silence_max_ms": _min0,
    "single_speaker_per_caption": _parse_bool,
    "sound_boundaries": _parse_boundaries,
    "sound_threshold": _opt0,
    "sound_tokens_by_caption": _parse_bool,
    "sound_tokens_by_line": _parse_bool,
    "sound_tokens_by_caption_list": _parse_tags,
    "sound_tokens_by_line_list": _parse_tags,
    "speaker_on_new_line": _parse_bool,
    "srt_format": _parse_srt_format,
    "strip_square_brackets": _parse_bool,
    "utf8_mark": _parse_bool,
    "replace_english_spelling": _enum_parser(
        ("", "A", "B", "Z", "U", "C"),
        {
            "none": "",
            "american": "A",
            "british": "B",
            "oxford": "Z",
            "australian": "U",
            "canadian": "C",
        },
    ),
    "create_paragraphs": _parse_bool,
    "newlines_after_paragraph": _min0,
    "newlines_after_sentence": _min0,
    "timecode_every_paragraph": _parse_bool,
    "timecode_format": _parse_timecode_format,
    "timecode_interval": _min0,
    "timecode_offset": _min0,
    "file_format": _parse_file_format,
}


def parse_option(name: str, value: Any) -> Any:
    """Parse one option value (Python or wire form) by its cielo24 name or alias."""
    canonical = ALIASES.get(name, name)
    parser = _PARSERS.get(canonical)
    if parser is None:
        known = sorted(_PARSERS)
        close = difflib.get_close_matches(name, [*known, *ALIASES], n=1, cutoff=0.7)
        hint = f" (did you mean '{ALIASES.get(close[0], close[0])}'?)" if close else ""
        raise OptionError(f"unknown option '{name}'{hint}", option=name, value=value)
    return parser(canonical, value)


# ---------------------------------------------------------------------------------------
# CLI flags

OPTION_DEST_PREFIX = "option_"
_LIST_FIELDS = frozenset(
    {
        "remove_sounds_list",
        "sound_tokens_by_caption_list",
        "sound_tokens_by_line_list",
        "sound_boundaries",
    }
)


def _metavar(name: str) -> str:
    parser = _PARSERS[name]
    if parser in (_parse_bool, _parse_build_url):
        return "true|false"
    if parser in (_min0, _min1):
        return "N"
    if parser in (_opt0, _opt1):
        return "N|none"
    if parser is _parse_tags:
        return "TAGS"
    if parser is _parse_boundaries:
        return "OPEN,CLOSE"
    choices = {
        "display_speaker_id": "no|number|name",
        "force_case": "upper|lower|unchanged",
        "line_ending_format": "UNIX|WINDOWS|OSX",
        "replace_english_spelling": "A|B|Z|U|C|none",
        "file_format": "txt|html",
    }
    return choices.get(name, "TEXT")


def add_option_flags(
    parser: argparse.ArgumentParser, options_class: type[Any]
) -> argparse._ArgumentGroup:
    """Add one ``--flag VALUE`` per option of ``options_class`` (dashes for underscores).

    Every flag takes a value in the wire form (``--remove-disfluencies false``) and defaults
    to None, so an unset flag is told apart from one set to the default. List options may be
    repeated (``--remove-sounds-list MUSIC --remove-sounds-list LAUGH``). Values land in
    ``args.option_<name>``; read them with :func:`options_from_cli`.
    """
    title = "get_caption options" if options_class is CaptionOptions else "get_transcript options"
    group = parser.add_argument_group(
        title, "cielo24 option names with dashes; values as in a query string (see docs/options.md)"
    )
    for name in option_names(options_class):
        flags = ["--" + name.replace("_", "-")]
        flags.extend("--" + a.replace("_", "-") for a, target in ALIASES.items() if target == name)
        group.add_argument(
            *flags,
            dest=OPTION_DEST_PREFIX + name,
            metavar=_metavar(name),
            default=None,
            action="append" if name in _LIST_FIELDS else "store",
            help=f"default: {_show_default(options_class, name)}",
        )
    return group


def _show_default(options_class: type[Any], name: str) -> str:
    value = next(f.default for f in dataclasses.fields(options_class) if f.name == name)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return ",".join(value) if value else "(empty)"
    if value == "":
        return "(empty)"
    return repr(value).replace("%", "%%") if isinstance(value, str) else str(value)


def options_from_cli(
    args: argparse.Namespace, options_class: type[OptionsT], query: str | None = None
) -> OptionsT:
    """Defaults, then the ``query`` string (if any), then the explicit flags (flags win)."""
    mapping: dict[str, Any] = {}
    if query:
        for key, value in parse_query(query).items():
            if options_class is CaptionOptions and key == "caption_format":
                continue
            name = key.strip().lower().replace("-", "_")
            mapping[ALIASES.get(name, name)] = value
    for name in option_names(options_class):
        value = getattr(args, OPTION_DEST_PREFIX + name, None)
        if value == [] and name not in _LIST_FIELDS:
            value = "--"  # argparse drops a lone "--" value (--flag=--) and leaves []
        if value is not None:
            mapping[name] = value
    return options_class.from_mapping(mapping)


__all__ = [
    "ALIASES",
    "DEFAULT_SRT_FORMAT",
    "REQUEST_KEYS",
    "SOUND_TAGS",
    "CaptionOptions",
    "TranscriptOptions",
    "add_option_flags",
    "option_names",
    "options_from_cli",
    "parse_option",
    "parse_query",
    "split_caption_query",
]
