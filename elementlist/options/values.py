"""Kinds of option values: how each is read, written back into a query, and shown as a flag.

Every spelling the cielo24 clients put on the wire is read here — booleans as
true/false/True/1/y, lists as JSON, commas or repeated keys, the sound_boundaries tuple in
each client's form, enums in any case. A :class:`ValueKind` bundles the parser
((name, value) → normalised value, or an OptionError naming both) with the wire form
:meth:`~elementlist.options.CaptionOptions.to_query` writes and the metavar a CLI flag
shows, so an option's field (classes.py) only names its kind.
"""

from __future__ import annotations

import difflib
import json
import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..document.vocabulary import SOUND_TAGS as SOUND_TAGS
from ..errors import OptionError
from ..table.text import LINE_BREAK_CHARACTERS, unclean_positions
from ..timecodes import timecode_formatter

_SOUND_TAG_SET = frozenset(SOUND_TAGS)

# The fields an srt_format template may name (``{start_hour:02d}``); any other is refused.
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

# ---------------------------------------------------------------------------------------
# Value parsers: (name, value) → normalised value, or OptionError naming both.

_TRUE = frozenset({"true", "t", "yes", "y", "1"})
_FALSE = frozenset({"false", "f", "no", "n", "0"})
BOOLEAN_WORDS = _TRUE | _FALSE  # every wire spelling of a boolean, lower-case
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


def _check_characters(name: str, value: str, *, one_line: bool, given: Any = None) -> None:
    """Refuse what :mod:`elementlist.table.text` would change in document text, since an
    option's text reaches the outputs as it is. Multi-line options may hold tab, LF, CR.
    ``given`` is the value as the caller gave it, for the message (default ``value``)."""
    shown = value if given is None else given
    for index in unclean_positions(value):
        char = value[index]
        if not one_line and char in "\t\n\r":
            continue
        if one_line and char in LINE_BREAK_CHARACTERS and char != "\t":
            raise OptionError(
                f"{name}: expected one line of text, got {shown!r}", option=name, value=shown
            )
        raise OptionError(
            f"{name}: expected text without control characters "
            f"(U+{ord(char):04X} at index {index}), got {shown!r}",
            option=name,
            value=shown,
        )


def _text_parser(*, one_line: bool) -> Callable[[str, Any], str]:
    def parse(name: str, value: Any) -> str:
        value = _single(name, value)
        if not isinstance(value, str):
            raise OptionError(f"{name}: expected text, got {value!r}", option=name, value=value)
        _check_characters(name, value, one_line=one_line)
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


# get_transcript's file formats, and the other names each goes by (-f text, a .htm file).
FILE_FORMATS = ("txt", "html")
FILE_FORMAT_SPELLINGS = {"text": "txt", "htm": "html"}
_parse_file_format_choice = _enum_parser(FILE_FORMATS, FILE_FORMAT_SPELLINGS)


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
    for part in parts:
        _check_characters(name, part, one_line=True, given=value)
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


def _parse_timecode_format(name: str, value: Any) -> str:
    text = _text_parser(one_line=True)(name, value)
    timecode_formatter(text)  # the grammar's one owner refuses an unknown field
    return text


# ---------------------------------------------------------------------------------------
# Wire forms: a parsed value → the text a query string carries (a tuple: a repeated key).
# Each is read back by its kind's parser into an equal value.

Wire = str | tuple[str, ...]


def _bool_wire(value: bool) -> str:
    return "true" if value else "false"


def _text_wire(value: Any) -> str:
    return "" if value is None else str(value)


def _tags_wire(value: tuple[str, ...]) -> str:
    return json.dumps(list(value), separators=(",", ":"))  # ["MUSIC","LAUGH"], as the Docs


def _boundaries_wire(value: tuple[str, str]) -> Wire:
    """``("[","]")`` as the Python client sends it; a part holding a comma (which that form
    cannot carry) as the OpenAPI clients' repeated keys."""
    if any("," in part for part in value):
        return value
    return "(" + ",".join(f'"{part}"' for part in value) + ")"


def _srt_template_wire(value: str) -> str:
    """A newline as the two characters ``\\n`` (the parser turns every ``\\n`` into one)."""
    return value.replace("\n", "\\n")


@dataclass(frozen=True, slots=True)
class ValueKind:
    """One kind of option value.

    ``parse(name, value)`` reads a Python value or any wire spelling and returns the
    normalised value (or raises OptionError naming ``name``); ``wire(value)`` gives the text
    a query string carries for a parsed value (a tuple stands for a repeated key), which
    ``parse`` reads back to an equal value; ``metavar`` is what a CLI flag shows.
    ``boolean`` kinds get the switch forms on the command line; ``repeatable`` flags may be
    given more than once, each time adding to the list.
    """

    parse: Callable[[str, Any], Any]
    wire: Callable[[Any], Wire]
    metavar: str
    boolean: bool = False
    repeatable: bool = False


BOOLEAN = ValueKind(_parse_bool, _bool_wire, "true|false", boolean=True)
OFFLINE_FALSE = ValueKind(_parse_build_url, _bool_wire, "false", boolean=True)
ONE_LINE_TEXT = ValueKind(_text_parser(one_line=True), _text_wire, "TEXT")
MULTI_LINE_TEXT = ValueKind(_text_parser(one_line=False), _text_wire, "TEXT")
SOUND_TAG_LIST = ValueKind(_parse_tags, _tags_wire, "TAGS", repeatable=True)
BOUNDARY_PAIR = ValueKind(_parse_boundaries, _boundaries_wire, "OPEN,CLOSE", repeatable=True)
SRT_TEMPLATE = ValueKind(_parse_srt_format, _srt_template_wire, "TEMPLATE")
TIMECODE_FORMAT = ValueKind(_parse_timecode_format, _text_wire, "FORMAT")
FILE_FORMAT = ValueKind(_parse_file_format, _text_wire, "|".join(FILE_FORMATS))


def whole_number(minimum: int) -> ValueKind:
    """A whole number >= ``minimum``."""
    return ValueKind(_int_parser(minimum), _text_wire, "N")


def optional_whole_number(minimum: int) -> ValueKind:
    """A whole number >= ``minimum``, or unset (None; ``""``, ``none`` or ``null`` on the wire)."""
    return ValueKind(_optional_int_parser(minimum), _text_wire, "N|none")


def choice(
    choices: tuple[str, ...], spellings: Mapping[str, str] | None = None, *, metavar: str = ""
) -> ValueKind:
    """One of ``choices`` in any case, stored in the spelling given there; ``spellings`` maps
    other lower-case words to a choice."""
    shown = metavar or "|".join(c for c in choices if c)
    return ValueKind(_enum_parser(choices, spellings), _text_wire, shown)
