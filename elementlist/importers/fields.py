"""Reading other tools' JSON: the shape checks, with the JSON path of what is wrong.

Importers read a vendor document leniently where its values vary (a time may be a number,
a string or null: :mod:`elementlist.importers.times` decides what is usable) and strictly
where the shape itself is wrong (``words`` that is not a list, a word that is not an
object, text that is not a string). The strict checks raise one :class:`ElementListError`
naming the value's JSON path; they cost one ``isinstance`` on the happy path.
"""

from __future__ import annotations

import math
from typing import Any

from ..document.model import PathKey, format_path
from ..errors import ElementListError

_KIND = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    type(None): "null",
}


def kind_of(value: Any) -> str:
    """How a JSON value's type is named in messages (``an object``, ``null`` …)."""
    return _KIND.get(type(value), "a value of another type")


def shape_error(what: str, value: Any, location: PathKey, name: str | None) -> ElementListError:
    """``expected <what>, got <kind> - at <path>``, naming the source."""
    return ElementListError(
        f"expected {what}, got {kind_of(value)}", path=format_path(location), source=name
    )


def as_list(value: Any, location: PathKey, name: str | None, *, optional: bool = True) -> list[Any]:
    """``value`` when it is a list; ``[]`` for null or a missing field (``optional``)."""
    if isinstance(value, list):
        return value
    if value is None and optional:
        return []
    raise shape_error("an array", value, location, name)


def as_dict(
    value: Any, location: PathKey, name: str | None, *, optional: bool = False
) -> dict[str, Any]:
    """``value`` when it is an object; ``{}`` for null or missing when ``optional``."""
    if isinstance(value, dict):
        return value
    if value is None and optional:
        return {}
    raise shape_error("an object", value, location, name)


def as_text(value: Any, location: PathKey, name: str | None) -> str:
    """A text field: the string, ``""`` for null or missing. A number is refused (a word's
    text is always a string in every format we read)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    raise shape_error("a string", value, location, name)


def first(value: Any, location: PathKey, name: str | None) -> dict[str, Any] | None:
    """The first object of a list of alternatives (``alternatives[0]``), or None when the
    list is missing or empty."""
    items = as_list(value, location, name)
    if not items:
        return None
    return as_dict(items[0], (*location, 0), name)


def label(value: Any) -> str | None:
    """A speaker label as text: ints and strings as they are written, None for null, an
    empty string or anything else (a boolean is not a speaker)."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None


def score(value: Any) -> float | None:
    """A confidence as the model keeps it (a float), from a number or numeric text (AWS
    writes ``"0.998"``); None when there is none or it is not a finite number."""
    t = type(value)
    if t is float:
        return value if value == value and value not in (math.inf, -math.inf) else None  # type: ignore[no-any-return]
    if t is int:
        return float(value) if -(2**53) <= value <= 2**53 else None
    if t is str:
        try:
            number = float(value)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def require_timed(
    timed: Any, text: Any, location: PathKey, name: str | None, *, what: str, has: str
) -> None:
    """Refuse a document that holds its text only where it has no times (``text``, the
    field ``has``) and lacks the timed field at ``location``: one error naming what is
    needed, never an empty transcript that loses the text."""
    if timed is not None or not text:
        return
    raise ElementListError(
        f"{what} with {has} only: its text has no times; {format_path(location)[2:]} "
        "of the same output is needed",
        path=format_path(location),
        source=name,
    )
