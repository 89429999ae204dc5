"""An ElementList model → its TokenTable, in one pass over the tokens.

:func:`fill_columns` (compiled twin: ``src_ext/_tokens.pyx``) reads the tokens into the
columns and collects, per segment, what :mod:`elementlist.table.speakers` needs to decide
who speaks; :func:`build_token_table` puts the two together.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from msgspec import UNSET

from .. import kernels
from ..document.model import ElementList
from ..document.vocabulary import ENDS_SENTENCE, TokenKind, token_kind, untagged_sound_name
from ..errors import ElementListError
from .speakers import speaker_columns
from .token_table import TokenFlag, TokenTable, table_times

# plain ints for the loop (an enum member's arithmetic is Python code)
_SOUND = int(TokenKind.SOUND)
_SEGMENT_START = int(TokenFlag.SEGMENT_START)
_SEQUENCE_START = int(TokenFlag.SEQUENCE_START)
_SENTENCE_END = int(TokenFlag.SENTENCE_END)


def fill_columns(segments: list[Any], tag_index: dict[str, int]) -> tuple[Any, ...]:
    """The columns of every token of ``segments`` (pure twin of ``_tokens.fill_columns``):
    start, end (float64), kind, flags (SPEAKER_CHANGE not yet), sound tag, text and value,
    then per segment its speaker id (None for none), its ``speaker_change`` hint and its
    number of tokens. ``tag_index`` grows as unseen sound tags are met.
    """
    starts: list[float] = []
    ends: list[float] = []
    kinds: list[int] = []
    flags: list[int] = []
    tags: list[int] = []
    text: list[str] = []
    value: list[str] = []
    segment_ids: list[int | None] = []
    hints: list[bool] = []
    counts: list[int] = []
    kind_of: dict[Any, int] = {}  # the kind of each ``type`` value met
    for seg in segments:
        segment_ids.append(seg.speaker)
        hints.append(seg.speaker_change is True)
        first_row = len(text)
        segment_flag = _SEGMENT_START
        for seq in seg.sequences:
            sequence_flag = _SEQUENCE_START
            for tok in seq.tokens:
                starts.append(tok.start_time)
                ends.append(tok.end_time)
                t = tok.type
                k = kind_of.get(t)
                if k is None:
                    k = kind_of[t] = int(token_kind(t))
                kinds.append(k)
                f = segment_flag | sequence_flag
                segment_flag = sequence_flag = 0
                tag = -1
                if tok.tags:
                    for name in tok.tags:
                        if name == ENDS_SENTENCE:
                            f |= _SENTENCE_END
                        elif tag < 0 and k == _SOUND:
                            tag = tag_index.setdefault(name, len(tag_index))
                if k == _SOUND and tag < 0:  # untagged: its value names it ("[music]")
                    tag = tag_index.setdefault(untagged_sound_name(tok.value), len(tag_index))
                flags.append(f)
                tags.append(tag)
                shown = tok.display_as
                text.append(tok.value if shown is UNSET else shown)
                value.append(tok.value)
        counts.append(len(text) - first_row)
    return (
        _time_column(starts),
        _time_column(ends),
        np.array(kinds, dtype=np.int8),
        np.array(flags, dtype=np.uint16),
        np.array(tags, dtype=np.int16),
        text,
        value,
        segment_ids,
        hints,
        counts,
    )


# A time beyond any float64 becomes this (then the bound, like any time beyond it).
BEYOND_ANY_TIME = 1e300


def time_value(t: Any) -> float:
    """A model time as float64 for the table, for any value a model built in Python may
    hold: huge ints (beyond float64) saturate, other numbers convert as ``float()`` does.
    Decoded documents never need this (their times are inside the bound); the compiled
    builder calls it for every time that is not a plain ``int`` or ``float``."""
    try:
        return float(t)
    except OverflowError:
        return BEYOND_ANY_TIME if t > 0 else -BEYOND_ANY_TIME
    except (TypeError, ValueError):
        raise ElementListError(f"time {t!r:.40} is not a number") from None


def _time_column(times: list[Any]) -> npt.NDArray[np.float64]:
    try:
        return np.array(times, dtype=np.float64)
    except (OverflowError, TypeError, ValueError):  # an odd time in a model built in Python
        return np.array([time_value(t) for t in times], dtype=np.float64)


_compiled = kernels.compiled("_tokens")
_fill = fill_columns if _compiled is None else _compiled.fill_columns


def build_token_table(doc: ElementList) -> TokenTable:
    """Flatten ``doc`` into a TokenTable in one pass."""
    declared = [] if doc.speakers is UNSET else doc.speakers
    tag_index: dict[str, int] = {}
    starts, ends, kinds, flags, tags, text, value, segment_ids, hints, counts = _fill(
        doc.segments, tag_index
    )
    speaker, speakers = speaker_columns(
        ((sp.id, "" if sp.name is UNSET else sp.name) for sp in declared),
        segment_ids,
        hints,
        counts,
        flags,
    )
    return TokenTable(
        start=table_times(starts),
        end=table_times(ends),
        kind=kinds,
        flags=flags,
        speaker=speaker,
        tag=tags,
        text=text,
        value=value,
        speakers=speakers,
        tag_names=tuple(tag_index),
        language="" if doc.language is UNSET else doc.language,
    )
