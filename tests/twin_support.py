"""The compiled extensions as the twin tests take them (test_kernel_twins, test_breaks_twins,
test_rows_twins): each test holds an extension to its pure twin, and an extension that is not
built fails the test, unless ELEMENTLIST_PURE=1 says the pure twins are meant to run alone."""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest

PURE_ONLY = os.environ.get("ELEMENTLIST_PURE", "") == "1"


def built(name: str) -> ModuleType | None:
    """The extension ``elementlist.<name>``, whatever ELEMENTLIST_PURE says; None if not built."""
    try:
        return importlib.import_module(f"elementlist.{name}")
    except ImportError:
        return None


def compiled_twin(name: str, what: str) -> ModuleType:
    """``elementlist.<name>`` (``what`` names it in the message). Not built: the test is
    skipped under ELEMENTLIST_PURE=1, and fails otherwise, saying how to build it."""
    module = built(name)
    if module is None:
        if PURE_ONLY:
            pytest.skip(f"{what} elementlist.{name} is not built (ELEMENTLIST_PURE=1)")
        pytest.fail(
            f"{what} elementlist.{name} is not built: run "
            "`python setup.py build_ext --inplace` (or set ELEMENTLIST_PURE=1)"
        )
    return module


def twins(name: str, what: str, pure: ModuleType) -> list[ModuleType]:
    """The pure twin and the compiled one, to give the same results; the pure one alone
    where the extension is not built and ELEMENTLIST_PURE=1."""
    if built(name) is None and PURE_ONLY:
        return [pure]
    return [pure, compiled_twin(name, what)]
