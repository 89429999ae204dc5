"""Chooses the compiled kernels or their pure-Python twins, in this one place.

``ELEMENTLIST_PURE=1`` forces the pure twins; a missing or broken extension falls back to
them. ``COMPILED`` says which is active (``IMPLEMENTATION`` spells it out).
"""

from __future__ import annotations

import os
from types import ModuleType


def _pure_requested() -> bool:
    return os.environ.get("ELEMENTLIST_PURE", "").strip().lower() not in ("", "0", "false", "no")


def _choose() -> tuple[ModuleType, bool]:
    if not PURE_REQUESTED:
        try:
            from . import _layout  # type: ignore[attr-defined]

            return _layout, True
        except ImportError:
            pass
    from . import _layout_py

    return _layout_py, False


PURE_REQUESTED: bool = _pure_requested()
_layout_impl, COMPILED = _choose()
IMPLEMENTATION: str = "compiled" if COMPILED else "pure"

layout_units = _layout_impl.layout_units

__all__ = ["COMPILED", "IMPLEMENTATION", "PURE_REQUESTED", "layout_units"]
