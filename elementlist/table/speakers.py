"""Who speaks: each segment's speaker index and where the speaker changes, in one place.

The model's TokenTable builder collects, per segment, its speaker id (None for none:
absent, null and ``false`` all mean that), its own ``speaker_change`` hint and its number of
tokens; :func:`speaker_columns` turns them into the table's speaker column, its ``speakers``
and the SPEAKER_CHANGE flags. The compiled scanner walks the same rule over its segments
(``_scan.speaker_rows``; tests/test_scan.py holds its tables to the model's). The transforms
ask :func:`speaker_changes` again for the rows that are left after removing tokens.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from .token_table import TokenFlag

BoolArray = npt.NDArray[np.bool_]
_SPEAKER_CHANGE = int(TokenFlag.SPEAKER_CHANGE)
IntArray = npt.NDArray[np.integer]


def speaker_changes(speaker: IntArray, said: BoolArray) -> BoolArray:
    """Where the speaker changes along a run of segments (or of a table's rows).

    One with a speaker (an index ≥ 0) starts a change when its speaker differs from the one
    before it (the first with a speaker counts as a change); one without (-1) starts a
    change only where ``said`` says so, as the document's own hint does.
    """
    previous = np.empty_like(speaker)
    previous[:1] = -2
    previous[1:] = speaker[:-1]
    known = speaker >= 0
    changes: BoolArray = (known & (speaker != previous)) | (~known & said)
    return changes


def speaker_indices(
    declared: Iterable[tuple[int, str]], segment_ids: Sequence[int | None]
) -> tuple[list[int], tuple[tuple[int, str], ...]]:
    """Each segment's index into the table's ``speakers`` (-1 for none), and those speakers:
    the document's ``speakers`` (the first of a repeated id wins), then each id a segment
    names that is not among them, in order of appearance (still a distinct speaker)."""
    speakers: list[tuple[int, str]] = []
    index: dict[int, int] = {}
    for sid, name in declared:
        if sid not in index:
            index[sid] = len(speakers)
            speakers.append((sid, name))
    per_segment: list[int] = []
    for named in segment_ids:
        if named is None:
            per_segment.append(-1)
            continue
        if named not in index:
            index[named] = len(speakers)
            speakers.append((named, ""))
        per_segment.append(index[named])
    return per_segment, tuple(speakers)


def speaker_columns(
    declared: Iterable[tuple[int, str]],
    segment_ids: Sequence[int | None],
    hints: Sequence[bool],
    counts: Sequence[int],
    flags: npt.NDArray[np.uint16],
) -> tuple[npt.NDArray[np.int32], tuple[tuple[int, str], ...]]:
    """The speaker column and the table's ``speakers``, from what the builders collect per
    segment; sets SPEAKER_CHANGE in ``flags`` (in place) on the first row of each segment
    where the speaker changes (a segment without tokens counts, but has no row to mark)."""
    per_segment, speakers = speaker_indices(declared, segment_ids)
    # the rule of speaker_changes, walked over the segments (far fewer than the rows: a
    # loop here costs less than a dozen numpy operations on a short document, issue 15)
    changed_rows: list[int] = []
    row = 0
    previous = -2
    for speaker, said, count in zip(per_segment, hints, counts, strict=True):
        if count and (speaker != previous if speaker >= 0 else said):
            changed_rows.append(row)
        row += count
        previous = speaker
    if changed_rows:
        flags[changed_rows] |= _SPEAKER_CHANGE
    return np.repeat(np.array(per_segment, dtype=np.int32), counts), speakers
