"""Caption text clean-up every writer shares."""

from __future__ import annotations

import re
from collections.abc import Sequence


def visible_lines(lines: Sequence[str]) -> Sequence[str]:
    """The caption's lines without blank ones; a stray line break inside a line splits it.

    A blank line would end a cue in SRT, WebVTT and SBV, so none is ever written. Captions
    from the layout have neither: they are returned as they are after two C-level checks.
    """
    for line in lines:
        if not line.isprintable() or not line.strip():
            return [piece for line in lines for piece in line.splitlines() if piece.strip()]
    return lines


# Characters XML 1.0 cannot carry (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 forbids (DFXP and SAMI would be unreadable)."""
    return _NOT_XML.sub("", text)
