"""SBV (YouTube): read back by a small parser written here from the published shape."""

from __future__ import annotations

import re

from caption_cases import INFO, LATE, TRICKY, TRICKY_LINES, caption_lists
from hypothesis import given, settings

from elementlist.captions.model import Caption
from elementlist.options.classes import CaptionOptions
from elementlist.writers import render_captions

OPTIONS = CaptionOptions()

_TIMING = re.compile(r"(\d+):([0-5]\d):([0-5]\d)\.(\d{3}),(\d+):([0-5]\d):([0-5]\d)\.(\d{3})")


def read_sbv(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """SBV as YouTube documents it: a timing line, text lines, a blank line between cues."""
    cues = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        if not block:
            continue
        timing, *lines = block.split("\n")
        match = _TIMING.fullmatch(timing)
        assert match, f"not an SBV timing line: {timing!r}"
        h1, m1, s1, f1, h2, m2, s2, f2 = (int(g) for g in match.groups())
        start = ((h1 * 60 + m1) * 60 + s1) * 1000 + f1
        end = ((h2 * 60 + m2) * 60 + s2) * 1000 + f2
        cues.append((start, end, tuple(lines)))
    return cues


def test_tricky_captions_read_back() -> None:
    text = render_captions((*TRICKY, LATE), "SBV", OPTIONS, INFO)
    assert text.startswith("0:00:00.000,0:00:01.500\nFish & chips <b>now</b>\na --> b\n\n")
    assert "\n100:00:12.345,100:00:23.456\na hundred hours in\n" in text
    assert text.endswith("in\n") and not text.endswith("\n\n")
    expected = [(c.start, c.end, lines) for c, lines in zip(TRICKY, TRICKY_LINES, strict=True)]
    assert read_sbv(text) == [*expected, (LATE.start, LATE.end, LATE.lines)]


def test_empty_list_is_an_empty_file() -> None:
    assert render_captions([], "SBV", OPTIONS) == ""


@settings(max_examples=150, deadline=None)
@given(caption_lists())
def test_any_captions_round_trip(captions: list[Caption]) -> None:
    text = render_captions(captions, "SBV", OPTIONS)
    assert read_sbv(text) == [(c.start, c.end, c.lines) for c in captions]
