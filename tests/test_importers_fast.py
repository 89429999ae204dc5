"""The importers' fast paths against the plain ways they stand in for: the same result for
every input, so a speed-up cannot change what is imported.

* :func:`elementlist.importers.source.prefix_value`'s cut, found at C speed, against the
  walk over the prefix's strings and brackets, token by token.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elementlist.importers import source

# --- the prefix of a long JSON value (what detection reads) -----------------------------

_TEXTS = st.sampled_from(
    ["a", "", 'q"x', "back\\slash", "\\", "\\\\", "[{", "}]", " , ", "é", "日本", "\n"]
)
_SCALARS = st.one_of(_TEXTS, st.integers(-5, 5), st.floats(-10, 10), st.booleans(), st.none())
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(_TEXTS, inner, max_size=5)
    ),
    max_leaves=20,
)
_JUNK = st.sampled_from(['"', "\\", "[", "]", "{", "}", ",", ":", " ", "\n", "x"])


@st.composite
def _prefixes(draw: st.DrawFn) -> bytes:
    """The first bytes of a JSON array or object, sometimes with a few stray bytes in."""
    value = draw(st.one_of(st.lists(_VALUES, max_size=6), st.dictionaries(_TEXTS, _VALUES)))
    text = json.dumps(value, ensure_ascii=draw(st.booleans()))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_JUNK) + text[at:]
    data = text.encode()
    return data[: draw(st.integers(0, len(data)))]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_prefixes())
def test_the_prefix_cut_is_the_token_walks(prefix: bytes) -> None:
    fast = source._cut(prefix)
    if fast is not None:  # (None: the walk decides)
        assert fast == source._cut_token_by_token(prefix)


def test_the_prefix_cut_cases() -> None:
    cases: list[tuple[bytes, Any]] = [
        (b'{"a": [1, 2, 3', {"a": [1, 2]}),
        (b'{"a": [1, 2], "b": "cut', {"a": [1, 2]}),
        (b'[{"w": "x\\"y"}, {"w": "a,b]', [{"w": 'x"y'}]),  # an escaped quote
        (b'[{"w": "x\\\\"}, {"w": 1}, [', [{"w": "x\\"}, {"w": 1}]),  # an escaped backslash
        (b'[[[{"a": "]"}], 7', [[[{"a": "]"}]]]),  # (7 may go on: 70)
        (b'{"a": "no comma yet', None),
        (b"[1] [2, 3", [1]),  # the value closes before the cut: the walk decides
        (b"[1, 2}", None),  # a bracket that does not match
        (b'"a long string', None),
    ]
    for prefix, expected in cases:
        assert source.prefix_value(prefix) == expected, prefix
        fast = source._cut(prefix)
        assert fast is None or fast == source._cut_token_by_token(prefix), prefix
    # deeper than the pair removals go: the walk decides
    deep = b"[" * 100 + b"1" + b"]" * 50 + b", 2"
    assert source._cut(deep) is None
    expected = [1]
    for _ in range(99):
        expected = [expected]
    assert source.prefix_value(deep) == expected
