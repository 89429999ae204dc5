"""Caption text clean-up every writer shares."""

from __future__ import annotations

import re
from collections.abc import Iterable


def visible_lines(lines: Iterable[str]) -> list[str]:
    """The caption's lines without blank ones; a stray line break inside a line splits it.

    A blank line would end a cue in SRT, WebVTT and SBV, so none is ever written; captions
    from the layout have neither, so this costs one C-level split per line.
    """
    return [piece for line in lines for piece in line.splitlines() if piece.strip()]


# Characters XML 1.0 cannot carry (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 forbids (DFXP and SAMI would be unreadable)."""
    return _NOT_XML.sub("", text)
