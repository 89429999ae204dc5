"""Chooses the compiled kernels or their pure-Python twins, in this one place.

There are six compiled kernels, each with a pure twin: the layout (``_layout`` /
:mod:`elementlist.captions.layout_kernel`), the layout's per-token break rules
(``_breaks`` / :mod:`elementlist.captions.breaks_kernel`), the TokenTable builder
(``_tokens`` / ``table.build.fill_columns``), the bytes → TokenTable scanner with its
duplicate-key check (``_scan`` / the full decoder and :mod:`elementlist.document.duplicates`),
the transforms' row edits (``_rows`` / :mod:`elementlist.table.rows_kernel`) and the SRT and
WebVTT blocks writer (``_blocks`` / the writers' own loops in :mod:`elementlist.writers.srt`
and :mod:`elementlist.writers.webvtt`). Every one of them asks :func:`compiled` here, so one
reading of ``ELEMENTLIST_PURE`` decides for all six.

``ELEMENTLIST_PURE`` set to anything but empty, ``0``, ``false`` or ``no`` (any case, spaces
ignored) forces the pure twins; a missing or broken extension falls back to its twin.
``COMPILED`` says whether every kernel is compiled (``implementations()`` tells each).
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

_NOT_PURE = ("", "0", "false", "no")


def pure_requested(value: str | None = None) -> bool:
    """Whether ``value`` (default: ``$ELEMENTLIST_PURE``) asks for the pure twins."""
    if value is None:
        value = os.environ.get("ELEMENTLIST_PURE", "")
    return value.strip().lower() not in _NOT_PURE


# Whether $ELEMENTLIST_PURE asked for the pure twins (read once, at import).
PURE_REQUESTED: bool = pure_requested()


def compiled(name: str) -> ModuleType | None:
    """The compiled extension ``elementlist.<name>``, or None: pure twins requested, or the
    extension is not built (or does not import)."""
    if PURE_REQUESTED:
        return None
    try:
        return importlib.import_module(f"{__package__}.{name}")
    except ImportError:
        return None


# The compiled extensions: the caption layout, its break rules, the TokenTable builder, the
# bytes scanner, the transforms' row edits, the SRT/WebVTT blocks writer.
EXTENSIONS = ("_layout", "_breaks", "_tokens", "_scan", "_rows", "_blocks")


def implementations() -> dict[str, str]:
    """Each kernel's name → ``"compiled"`` or ``"pure"`` (what runs in this process)."""
    return {name: "compiled" if compiled(name) else "pure" for name in EXTENSIONS}


# Whether every kernel runs compiled in this process; IMPLEMENTATION says it in a word.
COMPILED: bool = all(value == "compiled" for value in implementations().values())
IMPLEMENTATION: str = "compiled" if COMPILED else "pure"  # COMPILED in a word

__all__ = [
    "COMPILED",
    "EXTENSIONS",
    "IMPLEMENTATION",
    "PURE_REQUESTED",
    "compiled",
    "implementations",
]
