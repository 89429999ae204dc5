"""Speaker-change markers (step 9 of :func:`~elementlist.table.transforms.apply_transforms`):
a SPEAKER token (``>>``, ``>> Speaker 2:``, ``>> Tim:``) before each token where the speaker
changes, carrying the change; stale SPEAKER_CHANGE flags (left by removed tokens) cleared.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ..document.vocabulary import TokenKind
from ..options.classes import CaptionOptions, TranscriptOptions
from . import row_edits
from .display import styled
from .speakers import speaker_changes
from .token_table import TokenFlag, TokenTable, rows_where

Options = CaptionOptions | TranscriptOptions
BoolArray = npt.NDArray[np.bool_]

EFFECTS_SPEAKER_NAME = "effects"

# plain ints for numpy (an enum operand is Python code in every operation, issue 15)
_SPEAKER = int(TokenKind.SPEAKER)
_SEGMENT_START = int(TokenFlag.SEGMENT_START)
_SPEAKER_CHANGE = int(TokenFlag.SPEAKER_CHANGE)
_SEQUENCE_START = int(TokenFlag.SEQUENCE_START)
_SEGMENT_AND_CHANGE = _SEGMENT_START | _SPEAKER_CHANGE
_MARKER_FLAGS = _SEQUENCE_START | _SPEAKER_CHANGE | int(TokenFlag.NO_BREAK_AFTER)


def marker_text(
    prefix: str,
    mode: str,
    *,
    name: str,
    number: int | None,
    effects: bool,
    effects_label: str,
) -> str:
    """The text of one speaker-change marker: ``>>``, ``>> Speaker 2:``, ``>> Tim:``."""
    if mode == "no":
        label = ""
    elif effects:
        label = effects_label
    elif mode == "number" or not name.strip():
        label = f"Speaker {number}" if number is not None else ""
    else:
        label = name.strip()
    if not label:
        return prefix
    return f"{prefix} {label}:" if prefix else f"{label}:"


def insert_speaker_markers(
    table: TokenTable, options: Options, *, strip: bool, case: str
) -> TokenTable:
    """A marker token before every speaker change (styled with ``strip`` and ``case``).

    A change is where :func:`~elementlist.table.speakers.speaker_changes` finds one among
    the rows that are left; a row without a speaker changes where the document said so
    (SEGMENT_START with SPEAKER_CHANGE). A table that has its markers already is returned
    as it is.
    """
    kind = table.kind
    if (kind == _SPEAKER).any():  # transformed twice
        return table
    flags = table.flags
    both = _SEGMENT_AND_CHANGE
    changes = speaker_changes(table.speaker, (flags & both) == both)
    stale = ((flags & _SPEAKER_CHANGE) != 0) & ~changes
    at = rows_where(changes)
    if not len(at) and not stale.any():
        return table
    shown, spread = _marker_texts(table, at, options, strip=strip, case=case)
    with_marker = np.array([bool(t) for t in shown], dtype=np.bool_)[spread]
    if not with_marker.any() and not stale.any():
        return table
    new_flags = flags.copy()
    new_flags[stale] &= 0xFFFF ^ _SPEAKER_CHANGE
    if not with_marker.any():
        return table.with_columns(flags=new_flags)
    rows, spread = at[with_marker], spread[with_marker]
    marker_flags = (new_flags[rows] & _SEGMENT_START) | _MARKER_FLAGS
    new_flags[rows] &= 0xFFFF ^ both
    new_flags[rows] |= _SEQUENCE_START
    return _insert_rows(table, rows, (shown, spread), marker_flags, new_flags)


def _marker_texts(
    table: TokenTable, at: npt.NDArray[np.intp], options: Options, *, strip: bool, case: str
) -> tuple[list[str], npt.NDArray[np.intp]]:
    """The marker texts the change rows in ``at`` need (empty: no marker there), each once,
    and for each row the index of its text among them."""
    prefix = options.emit_speaker_change_tokens_as
    mode = str(getattr(options, "display_speaker_id", "name"))
    effects_label = str(getattr(options, "display_effects_speaker_as", "Effects"))
    speakers = table.speakers
    who = table.speaker[at]
    # a marker's text depends on its speaker alone, and without one on whether its segment
    # has only sounds: one text per such key (a speaker's own Effects-ness follows from its
    # index), spread over the changes by numpy rather than a look-up per change
    key = who.astype(np.int64) * 2
    if (who < 0).any():
        key[_sound_only_segments(table)[at] & (who < 0)] += 1
    keys, spread = np.unique(key, return_inverse=True)
    shown: list[str] = []
    for k in keys.tolist():
        s = k // 2
        if s >= 0:
            number: int | None = speakers[s][0] if s < len(speakers) else None
            name = speakers[s][1] if s < len(speakers) else ""
            effects = name.strip().lower() == EFFECTS_SPEAKER_NAME
        else:
            number, name, effects = None, "", bool(k & 1)
        raw = marker_text(
            prefix, mode, name=name, number=number, effects=effects, effects_label=effects_label
        )
        shown.append(styled(raw, strip=strip, case=case).strip())
    return shown, spread


def _sound_only_segments(table: TokenTable) -> BoolArray:
    """Per token: True when its segment has no surviving word."""
    segment = np.cumsum(table.flagged(TokenFlag.SEGMENT_START)) - 1
    segment = np.maximum(segment, 0)
    words = np.bincount(
        segment, weights=table.is_kind(TokenKind.WORD), minlength=int(segment[-1]) + 1
    )
    only: BoolArray = words[segment] == 0
    return only


def _insert_rows(
    table: TokenTable,
    rows: npt.NDArray[np.intp],
    texts: tuple[list[str], npt.NDArray[np.intp]],
    marker_flags: npt.NDArray[np.uint16],
    flags: npt.NDArray[np.uint16],
) -> TokenTable:
    """Insert one SPEAKER token before each of ``rows`` (sorted); ``texts``: the distinct
    marker texts, and for each row the index of its own. ``flags`` replaces the table's.

    One placement serves every column (:func:`~elementlist.table.rows_kernel.placed_rows`,
    one kernel call): the markers go to ``new_at`` of columns one marker longer per change
    (a dozen ``np.insert`` calls cost more than the rest of this step on a short document)."""
    m = len(rows)
    new_at = rows + np.arange(m)
    starts = table.start[rows]
    shown, spread = texts
    lowered = [t.lower() for t in shown]
    which = spread.tolist()
    markers = (
        starts,
        starts,
        np.full(m, _SPEAKER, dtype=np.int8),
        marker_flags,
        table.speaker[rows],
        np.full(m, -1, dtype=np.int16),
        [shown[i] for i in which],
        [lowered[i] for i in which],
    )
    start, end, kind, _, speaker, tag, text, value = table.row_columns()
    columns = (start, end, kind, flags, speaker, tag, text, value)
    return table.with_row_columns(row_edits.KERNEL.placed_rows(new_at, markers, *columns))
