"""The compiled plain timing pass (``elementlist._layout.closed_captions``: steps 0 and 2,
what the default options ask) and its pure twin (``timing.closed_captions``) give the same
captions on generated times that overlap, touch and leave gaps of every size; the captions
the compiled pass fills in without ``__init__`` are Captions like any other.

The compiled module must be built (``python setup.py build_ext --inplace``); without it
these tests fail, unless ELEMENTLIST_PURE=1 says the pure twin is meant to run alone.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
import pickle
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_kernel_twins import SETTINGS
from twin_support import compiled_twin

from elementlist.captions import timing
from elementlist.captions.model import Caption

LAYOUT = ("_layout", "the compiled layout kernel")


def compiled() -> ModuleType:
    return compiled_twin(*LAYOUT)


spans = st.lists(st.tuples(st.integers(0, 10**7), st.integers(-2000, 5000)), max_size=40)


@SETTINGS
@given(spans, st.sampled_from([0, 1, 500, 1000, 10**6]))
def test_the_compiled_pass_is_the_pure_one(given_spans: list[tuple[int, int]], gap: int) -> None:
    start = [a for a, _ in given_spans]
    end = [a + d for a, d in given_spans]
    lines = [(f"caption {k}",) for k in range(len(start))]
    ours = compiled().closed_captions(
        list(start), list(end), lines, gap, Caption, timing.CAPTION_SLOTS
    )
    theirs = timing.closed_captions(list(start), list(end), lines, gap)
    assert ours == theirs
    assert all(type(c) is Caption for c in ours)


def test_captions_filled_without_init_are_whole_captions() -> None:
    made = compiled().closed_captions(
        [0, 10], [5, 20], [("a",), ("b", "c")], 0, Caption, timing.CAPTION_SLOTS
    )
    gc.collect()
    first = made[0]
    assert first == Caption(0, 5, ("a",)) and hash(first) == hash(Caption(0, 5, ("a",)))
    assert first.text == "a" and made[1].text == "b\nc"
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.start = 3  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(made)) == made
    assert copy.deepcopy(made) == made
    assert dataclasses.replace(first, end=7) == Caption(0, 7, ("a",))


def test_the_compiled_pass_refuses_what_it_cannot_fill() -> None:
    slots = timing.CAPTION_SLOTS
    with pytest.raises(ValueError, match="differ in length"):
        compiled().closed_captions([0], [1, 2], [("a",)], 0, Caption, slots)
    with pytest.raises(TypeError, match="__slots__ members"):
        compiled().closed_captions([0], [1], [("a",)], 0, Caption, (None, None, None))
    other = dataclasses.make_dataclass("Other", ["start", "end", "lines"], slots=True)
    with pytest.raises(TypeError, match="another class"):
        compiled().closed_captions(
            [0], [1], [("a",)], 0, Caption, tuple(vars(other)[f] for f in ("start", "end", "lines"))
        )
    with pytest.raises(OverflowError):
        compiled().closed_captions([2**63], [2**63 + 1], [("a",)], 0, Caption, slots)
