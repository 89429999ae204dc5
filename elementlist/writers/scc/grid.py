"""CEA-608's grid: at most 32 columns and, for a caption, 4 rows.

Two places keep SCC inside it:

- :func:`scc_layout_options`, before the layout: ``characters_per_caption_line`` at most
  32 and ``lines_per_caption`` at most 4, so the layout breaks the lines (the warning says
  so when the user asked for more);
- :func:`fit_rows` in the writer, for what still does not fit — captions built by hand,
  a line that grew by transliteration (``—`` is written ``--``), the layout's one
  exception for very long words — re-wrapped at spaces, never cut short, never dropped.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ...cea608 import COLUMNS
from ...options.classes import CaptionOptions
from .charset import is_plain, transliterate

MAX_COLUMNS = COLUMNS  # 32
MAX_ROWS = 4  # rows of one pop-on or paint-on caption (and the deepest roll-up)

_LIMITS = {"characters_per_caption_line": MAX_COLUMNS, "lines_per_caption": MAX_ROWS}


def scc_layout_options(
    options: CaptionOptions, given: Collection[str] | None = None
) -> tuple[CaptionOptions, list[str]]:
    """The options the layout runs with for SCC, and one warning message per option lowered.

    ``characters_per_caption_line`` above 32 becomes 32 and ``lines_per_caption`` above 4
    becomes 4; everything else is unchanged (the same object when nothing changes).
    ``given`` names the options the user set (default: the options' own
    :attr:`~elementlist.CaptionOptions.given_options`, a ``caption_profile``'s among them);
    a value above the limit that was not given (the default 42 columns) is lowered without a
    message, and one given is lowered with one, even at its default value. Call it only when
    SCC is the format; the caller issues the messages (``warnings.warn(message,
    LayoutWarning)``).

    >>> opts, messages = scc_layout_options(CaptionOptions(characters_per_caption_line=40))
    >>> opts.characters_per_caption_line, opts.lines_per_caption
    (32, 2)
    >>> messages  # doctest: +NORMALIZE_WHITESPACE
    ['characters_per_caption_line 40 is more than SCC allows; using 32
      (CEA-608 rows hold 32 characters)']
    """
    messages: list[str] = []
    for name, limit in _LIMITS.items():
        value = getattr(options, name)
        if value <= limit:
            continue
        if name in (options.given_options if given is None else given):
            what = "rows hold 32 characters" if limit == MAX_COLUMNS else "captions hold 4 rows"
            messages.append(
                f"{name} {value} is more than SCC allows; using {limit} (CEA-608 {what})"
            )
    columns = min(options.characters_per_caption_line, MAX_COLUMNS)
    rows = min(options.lines_per_caption, MAX_ROWS)
    if (columns, rows) == (options.characters_per_caption_line, options.lines_per_caption):
        return options, messages
    adjusted = options.with_values(characters_per_caption_line=columns, lines_per_caption=rows)
    return adjusted, messages


def fit_rows(lines: Sequence[str], missing: list[str] | None = None) -> list[str]:
    """A caption's lines as CEA-608 rows: transliterated (see charset.py), blank lines left
    out, and a line longer than 32 columns wrapped at its spaces (a longer word is cut
    every 32 columns). Characters written as ``?`` are appended to ``missing``."""
    if all(len(line) <= MAX_COLUMNS and is_plain(line) for line in lines):  # the hot path
        stripped = [line.strip(" ") for line in lines]
        return [row for row in stripped if row]
    rows: list[str] = []
    for line in lines:
        text = transliterate(line, missing).strip(" ")
        if not text:
            continue
        if len(text) <= MAX_COLUMNS:
            rows.append(text)
        else:
            rows.extend(wrap(text))
    return rows


def wrap(text: str, width: int = MAX_COLUMNS) -> list[str]:
    """Greedy wrapping at spaces; a word longer than ``width`` is cut every ``width``."""
    rows: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:
            if current:
                rows.append(current)
                current = ""
            rows.append(word[:width])
            word = word[width:]
        if not word:
            continue
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            rows.append(current)
            current = word
    if current:
        rows.append(current)
    return rows
