"""Speaker-change markers (step 9 of :func:`~elementlist.table.transforms.apply_transforms`):
a SPEAKER token (``>>``, ``>> Speaker 2:``, ``>> Tim:``) before each token where the speaker
changes, carrying the change; stale SPEAKER_CHANGE flags (left by removed tokens) cleared.
"""

from __future__ import annotations

from ..options.classes import CaptionOptions, TranscriptOptions
from . import row_edits
from .display import styled
from .token_table import TokenTable

Options = CaptionOptions | TranscriptOptions

EFFECTS_SPEAKER_NAME = "effects"


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
    as it is. Where the markers go and how they are placed is the row kernel's
    (:func:`~elementlist.table.rows_kernel.marker_changes`, ``placed_markers``); their
    texts are made here, one per distinct key.
    """
    kernel = row_edits.KERNEL
    changes = kernel.marker_changes(table.kind, table.flags, table.speaker)
    if changes is None:  # transformed twice
        return table
    at, keys, spread, flags, stale = changes
    shown = _marker_texts(table.speakers, keys, options, strip=strip, case=case)
    if not any(shown):
        return table.with_columns(flags=flags) if stale else table
    lowered = [t.lower() for t in shown]
    start, end, kind, _, speaker, tag, text, value = table.row_columns()
    placed = kernel.placed_markers(
        at, spread, shown, lowered, start, end, kind, flags, speaker, tag, text, value
    )
    return table.with_row_columns(placed)


def _marker_texts(
    speakers: tuple[tuple[int, str], ...],
    keys: list[int],
    options: Options,
    *,
    strip: bool,
    case: str,
) -> list[str]:
    """The marker text of each key (empty: no marker): a marker's text depends on its
    speaker alone (``2 * index``; an Effects speaker follows from its name), and without
    one on whether its segment has only sounds (-1) or not (-2)."""
    prefix = options.emit_speaker_change_tokens_as
    mode = str(getattr(options, "display_speaker_id", "name"))
    effects_label = str(getattr(options, "display_effects_speaker_as", "Effects"))
    shown: list[str] = []
    for k in keys:
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
    return shown
