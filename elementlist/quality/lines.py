"""What every cue reader of the check hands on: times in ms and display lines."""

from __future__ import annotations

Lines = tuple[str, ...]
Timed = tuple[int, int, Lines]  # start ms, end ms, lines


def lines_of(text: str) -> Lines:
    """A cue's text as display lines: each stripped, blank ones dropped."""
    return tuple(line.strip() for line in text.split("\n") if line.strip())
