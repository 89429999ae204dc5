"""Each rule of the format's vocabulary has one owner, and the compiled kernels were built
with the same numbers as the Python side (src_ext/token_constants.pxd).

The compiled modules must be built (``python setup.py build_ext --inplace``); these tests
fail without them, also when the suite runs the pure twins.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

from elementlist.document import validate, vocabulary
from elementlist.document.vocabulary import (
    KIND_BY_TYPE,
    SOUND_TAGS,
    TokenKind,
    token_kind,
    untagged_sound_name,
)
from elementlist.options import values
from elementlist.table.token_table import TokenFlag


def compiled(name: str) -> ModuleType:
    try:
        return importlib.import_module(f"elementlist.{name}")
    except ImportError:
        pytest.fail(f"compiled elementlist.{name} not built (python setup.py build_ext --inplace)")


@pytest.mark.parametrize("kernel", ["_scan", "_tokens"])
def test_each_kernel_was_compiled_with_the_python_numbers(kernel: str) -> None:
    assert {
        "TokenKind": {kind.name: kind.value for kind in TokenKind},
        "TokenFlag": {flag.name: flag.value for flag in TokenFlag},
    } == compiled(kernel).CONSTANTS


def test_the_flags_are_distinct_bits_that_fit_the_column() -> None:
    values_ = [int(flag) for flag in TokenFlag]
    assert all(v & (v - 1) == 0 for v in values_) and len(set(values_)) == len(values_)
    assert sum(values_) <= 0xFFFF  # the flags column is uint16


def test_the_sound_tags_have_one_owner() -> None:
    assert values.SOUND_TAGS is SOUND_TAGS
    assert validate.KNOWN_TAGS is vocabulary.KNOWN_TAGS == frozenset(SOUND_TAGS)
    assert {"SOUND", "ENDS_SENTENCE", "UNKNOWN"} <= vocabulary.KNOWN_TAGS


@pytest.mark.parametrize(
    ("type_", "kind"),
    [
        ("word", TokenKind.WORD),
        ("Punctuation", TokenKind.PUNCTUATION),
        ("SOUND", TokenKind.SOUND),
        (0, TokenKind.WORD),
        (2, TokenKind.SOUND),
        (3, TokenKind.UNKNOWN),
        (True, TokenKind.UNKNOWN),  # Python counts True as 1; the format does not
        (False, TokenKind.UNKNOWN),
        ("verb", TokenKind.UNKNOWN),
        (None, TokenKind.UNKNOWN),
        (1.0, TokenKind.PUNCTUATION),  # a model built in Python may hold one
    ],
)
def test_token_kind(type_: object, kind: TokenKind) -> None:
    assert token_kind(type_) is kind


def test_the_quick_kind_lookup_agrees_with_the_rule() -> None:
    assert KIND_BY_TYPE == {"word": 0, "punctuation": 1, "sound": 2, 0: 0, 1: 1, 2: 2}
    assert all(token_kind(t) is k for t, k in KIND_BY_TYPE.items())


@pytest.mark.parametrize(
    ("value", "name"),
    [("[music]", "MUSIC"), ("(laugh)", "LAUGH"), (" {noise} ", "NOISE"), ("[]", "UNKNOWN"),
     ("", "UNKNOWN"), ("dog barks", "DOG BARKS")],
)  # fmt: skip
def test_the_name_of_an_untagged_sound(value: str, name: str) -> None:
    assert untagged_sound_name(value) == name
