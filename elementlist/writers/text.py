"""Caption text clean-up every writer shares, and the few format escapes that are not markup.

The document's text reaches the writers already normalised (:mod:`elementlist.table.text`,
the first transform step): no line break, tab or control character is left in a caption
line. What is left for the writers is what a format itself cannot carry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TypeVar

_Item = TypeVar("_Item")

# how many captions a writer renders and joins at a time (see stretches)
STRETCH = 4096


def stretches(captions: Sequence[_Item]) -> Iterator[tuple[int, Sequence[_Item]]]:
    """The captions :data:`STRETCH` at a time, each stretch with its first caption's number
    (from 1). A writer that joins each stretch's text as it goes holds the small strings of
    one stretch at a time, not of the whole document, beside the file it makes (issue 11:
    they would outgrow the file itself)."""
    for at in range(0, len(captions), STRETCH):
        yield at + 1, captions[at : at + STRETCH]


def visible_lines(lines: Sequence[str]) -> Sequence[str]:
    """The caption's lines without blank ones.

    A blank line would end a cue in SRT, WebVTT and SBV, so none is ever written (a token
    whose text is blank in the document, or a sound shown between empty boundaries, can
    make one). Captions from the layout rarely have any: they are returned as they are.
    """
    for line in lines:
        if not line or line.isspace():
            return [line for line in lines if line and not line.isspace()]
    return lines


# Characters XML 1.0 cannot carry (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 forbids (DFXP and SAMI would be unreadable).

    Caption text from the pipeline never has them; a caller's own Caption or title might.
    """
    return _NOT_XML.sub("", text)


def xml_safe_all(texts: list[str]) -> list[str]:
    """:func:`xml_safe` of each text, after one search over all of them: most documents
    have nothing to drop, and then the list is returned as it is."""
    if not _NOT_XML.search("\n".join(texts)):
        return texts
    return [_NOT_XML.sub("", text) for text in texts]


# A clock time as loose SRT readers find one anywhere in a line (pysubs2 takes a line with
# two for a timing line, FFmpeg one that starts with one and an arrow): H:M:S then , or .
# and digits. Group 1 is the hours; the look-behind keeps a long run of digits linear.
_CLOCK_TIME = re.compile(r"(?<!\d)(\d+)(?=:\d{1,2}:\d{1,2}[.,]\d)")
ZERO_WIDTH_NON_JOINER = "\u200c"


def defuse_clock_times(text: str) -> str:
    """``text`` with a ZERO WIDTH NON-JOINER after the hours of every clock time in it.

    SRT has no escaping, and readers such as pysubs2 and FFmpeg take any line holding
    ``00:00:01,000 --> 00:00:02,000`` for the start of a new cue. The invisible character
    (it joins the digit before it into one grapheme, so no line grows wider) makes the
    text no longer a timestamp to them while players show it unchanged.

    >>> defuse_clock_times("at 00:00:01,000 --> 00:00:02,000") == (
    ...     "at 00\\u200c:00:01,000 --> 00\\u200c:00:02,000")
    True
    """
    return _CLOCK_TIME.sub(lambda hours: hours.group(1) + ZERO_WIDTH_NON_JOINER, text)


# What every clock time holds after its hours; a pattern that starts with a literal is
# searched far faster than one that starts with a look-behind (0.2 ms for a 10-hour SRT).
_AFTER_HOURS = re.compile(r":\d{1,2}:\d{1,2}[.,]\d")


def has_clock_time(text: str) -> bool:
    """False when :func:`defuse_clock_times` would leave ``text`` as it is (one fast scan;
    True may still find nothing to change)."""
    return _AFTER_HOURS.search(text) is not None
