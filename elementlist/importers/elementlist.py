"""The cielo24 ElementList itself: recognised here, read by :func:`elementlist.load`."""

from __future__ import annotations

from typing import Any


def detect(tree: Any) -> bool:
    """An object with ``segments`` and a ``version``, or whose first segment has
    ``sequences`` (the early v2 example has no top-level times, but always a version)."""
    if not isinstance(tree, dict) or "segments" not in tree:
        return False
    if "version" in tree:
        return True
    segments = tree["segments"]
    return (
        isinstance(segments, list)
        and bool(segments)
        and isinstance(segments[0], dict)
        and "sequences" in segments[0]
    )
