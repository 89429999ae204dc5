"""msgspec's exceptions → our ElementListError, in our fixed wording whatever the release.

msgspec's messages differ between releases (0.18 lets a ``UnicodeDecodeError`` through where
0.23 raises ``DecodeError``; it says "Input data was truncated" for a lone surrogate escape).
We read from them only what is stable — which kind of failure it is, the JSON path, the
byte offset — and write every message from these templates (docs/validation.md lists them):

    the input is empty
    JSON is malformed: <reason> (line L, column C)
    JSON nested too deeply - at $
    expected <type>, got <type> - at <path>
    missing required field '<name>' - at <path>
    time out of range (beyond ±604800000 ms, one week) - at <path>
    number out of range - at <path>          (or (line L, column C) in an unknown field)
    duplicate key '<key>' - at <path>
    invalid value - at <path>                (a failure msgspec describes in a way we do not know)

The expected type comes from the model itself (``msgspec.inspect``), not from msgspec's text.
Everything here runs only once decoding has failed, so none of it costs the happy path.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import msgspec
import msgspec.inspect as mi

from ..errors import ElementListError
from .model import MAX_TIME_MS, ElementListTree

JSON_WHITESPACE = b" \t\r\n"

_PATH_SUFFIX = re.compile(
    r"^(?P<msg>.*?)(?: - at (?:`key` in `(?P<key_path>[^`]*)`|`(?P<path>[^`]*)`))?$", re.S
)
_BYTE = re.compile(r"\(byte (\d+)\)")
_WRONG_TYPE = re.compile(r"^Expected `(?P<want>[^`]+)`, got `(?P<got>[^`]+)`")
_CONSTRAINT = re.compile(r"^Expected `(?:int|float)` (?:<|>|<=|>=) ")
_MISSING = re.compile(r"^Object missing required field `(?P<field>[^`]+)`")
_PATH_PART = re.compile(r"\.(?P<name>[A-Za-z_][A-Za-z_0-9]*)|\[(?P<index>\d+|\.\.\.)\]")
_STRING_OR_NUMBER = re.compile(
    rb'"(?:[^"\\]|\\.)*"|(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)', re.S
)

_MAX_INT_DIGITS = 4300  # msgspec refuses longer ints, as Python's int() does by default
TIME_OUT_OF_RANGE = f"time out of range (beyond ±{MAX_TIME_MS} ms, one week)"
_TIME_FIELDS = frozenset({"start_time", "end_time"})

# msgspec's reasons inside "JSON is malformed: ... (byte N)" → ours
_REASONS = (
    ("surrogate", "invalid surrogate pair escape in a string"),
    ("escape", "invalid escape in a string"),
    ("utf-8", "invalid UTF-8"),
    ("trailing comma", "trailing comma"),
    ("trailing characters", "more data after the document"),
    ("keys must be strings", "an object key that is not a string"),
    ("expected ':'", "expected ':'"),
    ("expected ','", "expected ',' or the end of the object or array"),
    ("expected '\"'", "expected a string"),
    ("invalid number", "invalid number"),
    ("out of range", "number out of range"),
    ("invalid character", "invalid character"),
)

# what msgspec calls a JSON value's type ("got `str`") → ours
_GOT = {
    "str": "a string",
    "int": "an integer",
    "float": "a decimal number",
    "bool": "a boolean",
    "null": "null",
    "array": "an array",
    "object": "an object",
}
_PYTHON_GOT = {int: "an integer", float: "a decimal number", bool: "a boolean",
               type(None): "null", tuple: "an array", bytes: "bytes"}  # fmt: skip


def empty_input(name: str | None) -> ElementListError:
    return ElementListError("the input is empty", source=name)


def too_deep(name: str | None) -> ElementListError:
    return ElementListError("JSON nested too deeply", path="$", source=name)


def duplicate_key(key: str, path: str, name: str | None) -> ElementListError:
    return ElementListError(f"duplicate key {_quoted(key)}", path=path, source=name)


def key_not_a_string(key: object, path: str, name: str | None) -> ElementListError:
    """A dict given to ``load`` with a key that is not a ``str``."""
    got = _PYTHON_GOT.get(type(key), "a value of another type")
    return ElementListError(f"expected a string key, got {got}", path=path, source=name)


def is_blank(data: bytes) -> bool:
    return not data.strip(JSON_WHITESPACE)


def from_decode_error(exc: Exception, data: bytes, name: str | None) -> ElementListError:
    """Malformed JSON (a ``msgspec.DecodeError``, or the ``UnicodeDecodeError`` that older
    msgspec releases let through) → ``JSON is malformed: <reason> (line L, column C)``."""
    if is_blank(data):
        return empty_input(name)
    text = str(exc)
    lowered = text.lower()
    if isinstance(exc, UnicodeDecodeError) or "utf-8" in lowered:
        return _malformed("invalid UTF-8", data, _first_invalid_utf8(data), name)
    if "truncated" in lowered:
        # msgspec also says "truncated" for a lone surrogate escape in a complete document
        lone = _first_lone_surrogate(data)
        if lone is not None:
            return _malformed("lone surrogate escape in a string", data, lone, name)
        return _malformed("the input ends too early", data, len(data.rstrip(JSON_WHITESPACE)), name)
    m = _BYTE.search(text)
    reason = next((ours for theirs, ours in _REASONS if theirs in lowered), "invalid JSON")
    return _malformed(reason, data, int(m.group(1)) if m else None, name)


def from_validation_error(
    exc: msgspec.ValidationError, name: str | None, data: bytes | None = None
) -> ElementListError:
    """A value of the wrong type, a missing field, a number out of range → our template.

    ``data`` is given when the error came from the generic decoder, whose paths do not
    name a place (``$[...]``): the offending number is then found by line and column.
    """
    text, path, key_path = _parts(exc)
    if key_path is not None:  # load(dict) with a key that is not a string
        m = _WRONG_TYPE.match(text)
        got = _GOT.get(m["got"], "a value of another type") if m else "a value of another type"
        return ElementListError(f"expected a string key, got {got}", path=key_path, source=name)
    if "out of range" in text.lower():  # "Number out of range", "Integer value out of range"
        if data is not None and "..." in path:
            return _at_offset("number out of range", data, _first_huge_number(data), name)
        return _range_error(path, name)
    if _CONSTRAINT.match(text):  # only the time fields carry constraints
        return _range_error(path, name)
    m = _MISSING.match(text)
    if m is not None:
        return ElementListError(
            f"missing required field {_quoted(m['field'])}", path=path, source=name
        )
    m = _WRONG_TYPE.match(text)
    if m is not None:
        want = _expected_at(path) or _describe_msgspec_type(m["want"])
        got = _GOT.get(m["got"], "a value of another type")
        if want is not None:
            return ElementListError(f"expected {want}, got {got}", path=path, source=name)
    return ElementListError("invalid value", path=path, source=name)


def reported_directly(exc: msgspec.ValidationError) -> bool:
    """Whether the typed decoder's error is one we word without the generic decoder: a
    wrong type, a missing field, a number out of range. Anything else (an unknown field,
    which the slow path keeps, or a message we do not know) goes the slow path, which
    either succeeds or reports the problem itself."""
    text, _, key_path = _parts(exc)
    return key_path is None and (
        "out of range" in text.lower()
        or _CONSTRAINT.match(text) is not None
        or _MISSING.match(text) is not None
        or _WRONG_TYPE.match(text) is not None
    )


def _parts(exc: msgspec.ValidationError) -> tuple[str, str, str | None]:
    """msgspec's message → (what, the path, the path of an object whose key is wrong)."""
    match = _PATH_SUFFIX.match(str(exc))
    assert match is not None  # the pattern matches any text
    return match["msg"], match["path"] or match["key_path"] or "$", match["key_path"]


def _range_error(path: str, name: str | None) -> ElementListError:
    last = _PATH_PART.findall(path)
    is_time = bool(last) and last[-1][0] in _TIME_FIELDS
    return ElementListError(
        TIME_OUT_OF_RANGE if is_time else "number out of range", path=path, source=name
    )


def _malformed(reason: str, data: bytes, offset: int | None, name: str | None) -> ElementListError:
    return _at_offset(f"JSON is malformed: {reason}", data, offset, name)


def _at_offset(message: str, data: bytes, offset: int | None, name: str | None) -> ElementListError:
    if offset is None:
        return ElementListError(message, source=name)
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return ElementListError(message, line=line, column=column, source=name)


def _quoted(key: str) -> str:
    """``'key'``, with anything unprintable escaped (an error message is one line)."""
    shown = repr(key)
    return shown if shown.startswith("'") else f"'{shown[1:-1]}'"


# --- finding the place msgspec does not give --------------------------------------------------


def _first_invalid_utf8(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def _json_strings(data: bytes) -> Iterable[tuple[int, bytes]]:
    for m in _STRING_OR_NUMBER.finditer(data):
        if m["number"] is None:
            yield m.start(), m.group()


def _first_lone_surrogate(data: bytes) -> int | None:
    """The offset of the first string holding a ``\\uD800``-``\\uDFFF`` escape that is not
    half of a pair (Python's json reads those; msgspec rightly refuses them)."""
    if b"\\u" not in data and b"\\U" not in data:
        return None
    for offset, literal in _json_strings(data):
        if b"\\" not in literal:
            continue
        try:
            text = json.loads(literal)
        except (ValueError, RecursionError):
            continue
        if any("\ud800" <= c <= "\udfff" for c in text):
            return offset
    return None


def _refuse_constant(literal: str) -> float:
    raise ValueError(literal)  # NaN and Infinity are not JSON


def _huge_int(literal: str) -> float | int:
    if len(literal.lstrip("-")) > _MAX_INT_DIGITS:
        return -math.inf if literal.startswith("-") else math.inf
    return int(literal)


def tree_with_huge_numbers(data: bytes) -> Any:
    """The JSON tree of ``data`` with every number msgspec cannot hold read as ±inf, so that
    the model names the path of one in a known field; None when Python's json cannot read
    it either."""
    try:
        return json.loads(data, parse_int=_huge_int, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return None


def _first_huge_number(data: bytes) -> int | None:
    """The offset of the first number that float64 (or Python's int) cannot hold."""
    for m in _STRING_OR_NUMBER.finditer(data):
        literal = m["number"]
        if literal is None:
            continue
        if b"." in literal or b"e" in literal or b"E" in literal:
            if float(literal) in (float("inf"), float("-inf")):
                return m.start()
        elif len(literal.lstrip(b"-")) > _MAX_INT_DIGITS:
            return m.start()
    return None


# --- the expected type, from the model -------------------------------------------------------


@cache
def _root_type() -> mi.Type:
    return mi.type_info(ElementListTree)


def _expected_at(path: str) -> str | None:
    """What the model wants at ``path`` (msgspec's path syntax), in words; None when the
    path does not lead anywhere in the model."""
    node: Any = _root_type()
    rest = path[1:] if path.startswith("$") else None
    if rest is None:
        return None
    position = 0
    for m in _PATH_PART.finditer(rest):
        if m.start() != position:
            return None
        position = m.end()
        node = _step(node, m["name"], m["index"])
        if node is None:
            return None
    if position != len(rest):
        return None
    return _describe(node)


def _step(node: Any, name: str | None, index: str | None) -> Any:
    for option in _options(node):
        if name is not None and isinstance(option, mi.StructType):
            for f in option.fields:
                if f.encode_name == name:
                    return f.type
        if index is not None:
            if index == "..." and isinstance(option, mi.DictType):
                return option.value_type
            if index != "..." and isinstance(option, (mi.ListType, mi.VarTupleType)):
                return option.item_type
    return None


def _options(node: Any) -> tuple[Any, ...]:
    return tuple(node.types) if isinstance(node, mi.UnionType) else (node,)


def _describe(node: Any) -> str | None:
    words: list[str] = []
    for option in _options(node):
        if isinstance(option, mi.IntType):
            word = "an integer"
        elif isinstance(option, mi.FloatType):
            word = "a number"
        elif isinstance(option, mi.StrType):
            word = "a string"
        elif isinstance(option, mi.BoolType):
            word = "true, false"
        elif isinstance(option, mi.NoneType):
            word = "null"
        elif isinstance(option, (mi.ListType, mi.VarTupleType, mi.TupleType)):
            word = "an array"
        elif isinstance(option, (mi.DictType, mi.StructType)):
            word = "an object"
        else:
            return None
        words.append(word)
    if "a number" in words and "an integer" in words:  # int | float
        words.remove("an integer")
    return _either(", ".join(words).split(", "))


def _describe_msgspec_type(text: str) -> str | None:
    """msgspec's own rendering of the type (``int | float``), when the path is not ours."""
    words = []
    for atom in text.split(" | "):
        word = {"int": "an integer", "float": "a number", "str": "a string",
                "bool": "true, false", "null": "null", "array": "an array",
                "object": "an object"}.get(atom.strip())  # fmt: skip
        if word is None:
            return None
        words.append(word)
    if "a number" in words and "an integer" in words:
        words.remove("an integer")
    return _either(", ".join(words).split(", "))


def _either(words: list[str]) -> str:
    """``["a", "b", "c"]`` → ``a, b or c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
