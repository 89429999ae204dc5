"""Token transforms shared by captions and transcripts: one implementation, one order.

``apply_transforms(table, options)`` returns a new TokenTable (the input is never changed):

0. text clean-up (:mod:`elementlist.table.text`): line breaks and tabs become spaces,
   controls go, in every token's text, speaker name and sound tag; a token left blank by
   it is dropped (its flags move as removal moves them)
1. sound removal (``remove_sound_references`` / ``remove_sounds_list``)
2. ``remove_disfluencies`` (with punctuation and capital-letter repair)
3. ``replace_slang``  4. ``replace_english_spelling``  5. ``mask_profanity``
6. sound display between ``sound_boundaries``
7. ``strip_square_brackets`` (captions)  8. ``force_case`` (captions)
9. speaker-change marker tokens (kind SPEAKER)

Steps 7 and 8 apply to the marker text too. docs/options.md describes each step and the
decisions taken where cielo24 is silent. After step 0 every later step only ever sees and
makes clean text (options that add text are checked when they are made, word-list
replacements are cleaned), so no writer is handed a line break it did not make. The work
is done on the numpy columns; Python loops touch only the tokens a step changes, with set
and dict look-ups.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt

from ..options.classes import CaptionOptions, TranscriptOptions
from .build import (
    NO_BREAK_AFTER,
    PUNCTUATION,
    SEGMENT_START,
    SENTENCE_END,
    SEQUENCE_START,
    SOUND,
    SPEAKER,
    SPEAKER_CHANGE,
    WORD,
    TokenTable,
)
from .text import clean_text, is_clean, unclean_positions
from .wordlists import WordLists

Options = CaptionOptions | TranscriptOptions
BoolArray = npt.NDArray[np.bool_]

# Characters stripped from around a word before it is looked up in a word list.
WORD_EDGE_PUNCTUATION = "\"'`.,;:!?()[]{}<>«»‹›“”„‘’‚…–—-/\\*&^%$#@~|+=_"
SENTENCE_FINAL_MARKS = frozenset(".?!…")
_BRACKET_PAIRS = {"[": "]", "(": ")", "{": "}", "<": ">"}
_FORWARD_FLAGS = SEGMENT_START | SPEAKER_CHANGE | SEQUENCE_START
EFFECTS_SPEAKER_NAME = "effects"


def apply_transforms(
    table: TokenTable, options: Options, word_lists: WordLists | None = None
) -> TokenTable:
    """Apply every transform ``options`` asks for, in the documented order."""
    table = clean_table(table)
    if len(table) == 0:
        return table
    lists = word_lists if word_lists is not None else WordLists.default()
    table = _remove_tokens(table, _removal_mask(table, options, lists))
    rewrite = word_rewriter(options, lists)
    if rewrite is not None:
        table = _rewrite_words(table, rewrite)
    table = _show_sounds(table, options.sound_boundaries)
    strip = bool(getattr(options, "strip_square_brackets", False))
    if strip:
        table = _strip_square_brackets(table)
    case = str(getattr(options, "force_case", ""))
    table = _insert_speaker_markers(table, options, strip=strip, case=case)
    if case:
        table = _force_case(table, case)
    return table


# ---------------------------------------------------------------------------------------
# 0. Text clean-up


def clean_table(table: TokenTable) -> TokenTable:
    """``table`` with every text from the document under :func:`clean_text`.

    Clean text (nearly all of it) costs one join and one C-level scan; only the tokens that
    hold a character to change are touched. A word or punctuation token whose text the
    clean-up leaves blank is removed as a disfluency is, with the punctuation attached to
    it (a sound stays: it shows its tag; text that was blank to begin with is left as it is).
    """
    names = table.speakers
    if not all(is_clean(name) for _, name in names):
        names = tuple((sid, clean_text(name)) for sid, name in names)
    tags = table.tag_names
    if not all(is_clean(tag) for tag in tags):
        tags = tuple(clean_text(tag) for tag in tags)
    if names is not table.speakers or tags is not table.tag_names:
        table = replace(table, speakers=names, tag_names=tags)
    text = table.text
    joined = "".join(text)
    if is_clean(joined):
        return table
    ends = np.cumsum(np.fromiter(map(len, text), dtype=np.int64, count=len(text)))
    rows = np.unique(np.searchsorted(ends, unclean_positions(joined), side="right")).tolist()
    new_text = list(text)
    blank: list[int] = []
    kind = table.kind
    for i in rows:
        cleaned = new_text[i] = clean_text(text[i])
        if not cleaned.strip() and kind[i] != SOUND:  # a sound shows its tag
            blank.append(i)
    table = replace(table, text=new_text)
    if not blank:
        return table
    core = np.zeros(len(table), dtype=np.bool_)
    core[blank] = True
    return _remove_tokens(table, core)


# ---------------------------------------------------------------------------------------
# 1-2. Removal of sounds and disfluencies


def _removal_mask(table: TokenTable, options: Options, lists: WordLists) -> BoolArray | None:
    mask: BoolArray | None = None
    if options.remove_sound_references:
        mask = table.kind == SOUND
    elif options.remove_sounds_list:
        wanted = set(options.remove_sounds_list)
        ids = [i for i, name in enumerate(table.tag_names) if name.upper() in wanted]
        if ids:
            mask = (table.kind == SOUND) & np.isin(table.tag, ids)
    if options.remove_disfluencies and lists.disfluencies:
        disfluent = disfluency_mask(table, lists.disfluencies)
        mask = disfluent if mask is None else mask | disfluent
    return mask if mask is not None and mask.any() else None


def disfluency_mask(table: TokenTable, disfluencies: frozenset[str]) -> BoolArray:
    """True for word tokens whose lower-case value (edge punctuation stripped) is listed."""
    value = table.value
    listed = {
        v
        for v in set(value)
        if (low := v.lower()) in disfluencies or low.strip(WORD_EDGE_PUNCTUATION) in disfluencies
    }
    if not listed:
        return np.zeros(len(table), dtype=np.bool_)
    mask = np.fromiter(map(listed.__contains__, value), dtype=np.bool_, count=len(value))
    mask &= table.kind == WORD
    return mask


def _is_final_mark(text: str) -> bool:
    t = text.strip()
    return bool(t) and t[-1] in SENTENCE_FINAL_MARKS


def _remove_tokens(table: TokenTable, core: BoolArray | None) -> TokenTable:
    """Drop the ``core`` tokens and repair the punctuation and capitals around them.

    A run is a removed token plus the punctuation attached to it (no space before), up to
    the next kept word, a segment start, or a sentence-final mark. The run's punctuation
    goes with it, except a sentence-final mark when the sentence keeps words before the
    run; then a comma left dangling before the run goes instead ("I think, um." → "I
    think."). A run that ends its segment takes a dangling comma before it too. When the
    run began a sentence with a capital, the next word gets a capital.
    """
    if core is None:
        return table
    n = len(table)
    drop = core.copy()
    kind = table.kind.tolist()
    flags = table.flags.tolist()
    is_core = core.tolist()
    text = table.text
    final_cache: dict[str, bool] = {}

    def is_final(j: int) -> bool:
        if flags[j] & SENTENCE_END:
            return True
        if kind[j] != PUNCTUATION:
            return False
        t = text[j]
        hit = final_cache.get(t)
        if hit is None:
            hit = final_cache[t] = _is_final_mark(t)
        return hit

    def has_words_before(i: int) -> bool:
        q = i
        while True:
            if flags[q] & SEGMENT_START:
                return False
            q -= 1
            if q < 0:
                return False
            if drop[q]:
                continue
            if kind[q] == PUNCTUATION:
                if is_final(q):
                    return False
                continue
            return True

    def drop_dangling_before(i: int) -> None:
        p = i - 1
        while p >= 0 and not drop[p] and kind[p] == PUNCTUATION and not is_final(p):
            drop[p] = True
            if flags[p] & SEGMENT_START:
                break
            p -= 1

    attach: list[int] = []
    capitalise: list[int] = []
    done = 0
    for i in np.flatnonzero(core).tolist():
        if i < done:
            continue
        end, final = i + 1, -1
        while end < n:
            f = flags[end]
            if f & SEGMENT_START:
                break
            if is_core[end]:
                end += 1
                continue
            if kind[end] == PUNCTUATION and not f & SEQUENCE_START:
                end += 1
                if is_final(end - 1):
                    final = end - 1
                    break
                continue
            break
        done = end
        words_before = has_words_before(i)
        drop[i:end] = True
        if final >= 0 and words_before:
            drop[final] = False
            attach.append(final)
            drop_dangling_before(i)
        elif final < 0:
            at_segment_end = end >= n or bool(flags[end] & SEGMENT_START)
            if at_segment_end and words_before:
                drop_dangling_before(i)
            elif (
                not words_before
                and not at_segment_end
                and kind[i] == WORD
                and kind[end] == WORD
                and text[i][:1].isupper()
            ):
                capitalise.append(end)
    new_text = table.text
    if capitalise:
        new_text = list(new_text)
        for c in capitalise:
            t = new_text[c]
            new_text[c] = t[:1].upper() + t[1:]
    return _drop(replace(table, text=new_text), drop, attach)


def _drop(table: TokenTable, drop: BoolArray, attach: list[int] | None = None) -> TokenTable:
    """Drop rows, moving their flags so none is lost.

    SEGMENT_START, SPEAKER_CHANGE and SEQUENCE_START go to the next kept token
    (SEQUENCE_START not onto punctuation, which stays attached to the word before it);
    SENTENCE_END goes to the previous kept token. ``attach`` rows lose SEQUENCE_START.
    """
    kept = np.flatnonzero(~drop)
    dropped = np.flatnonzero(drop)
    flags = table.flags.copy()
    if len(kept) and len(dropped):
        position = np.searchsorted(kept, dropped)
        old = table.flags[dropped]
        has_next = position < len(kept)
        targets = kept[position[has_next]]
        bits = old[has_next] & np.uint16(_FORWARD_FLAGS)
        onto_punctuation = table.kind[targets] == PUNCTUATION
        bits[onto_punctuation] &= np.uint16(~SEQUENCE_START & 0xFFFF)
        np.bitwise_or.at(flags, targets, bits)
        ends = ((old & np.uint16(SENTENCE_END)) != 0) & (position > 0)
        np.bitwise_or.at(flags, kept[position[ends] - 1], np.uint16(SENTENCE_END))
    if attach:
        flags[attach] &= np.uint16(~SEQUENCE_START & 0xFFFF)
    return replace(table, flags=flags).take(~drop)


# ---------------------------------------------------------------------------------------
# 3-5. Slang, regional spelling, profanity


def word_rewriter(
    options: Options, lists: WordLists
) -> Callable[[str], tuple[str, str | None]] | None:
    """A function text → (display text, new value or None), or None if nothing applies.

    The value changes when slang or spelling reworded the text; masking changes only the
    display text.
    """
    slang = lists.slang if options.replace_slang and lists.slang else None
    code = options.replace_english_spelling
    spelling = lists.spelling.get(code) if code else None
    spelling = spelling or None
    profanity = lists.profanity if options.mask_profanity and lists.profanity else None
    if slang is None and spelling is None and profanity is None:
        return None

    def rewrite(text: str) -> tuple[str, str | None]:
        out = text
        if slang is not None:
            out = swap_word(out, slang)
        if spelling is not None:
            out = swap_word(out, spelling)
        value = out.lower() if out != text else None
        if profanity is not None:
            out = mask_word(out, profanity)
        if value is not None and not is_clean(out):  # a replacement from the caller's list
            out = clean_text(out)
        return out, value

    return rewrite


def _split_edges(text: str) -> tuple[str, str, str]:
    start = len(text) - len(text.lstrip(WORD_EDGE_PUNCTUATION))
    stop = len(text.rstrip(WORD_EDGE_PUNCTUATION))
    if stop <= start:
        return text, "", ""
    return text[:start], text[start:stop], text[stop:]


def match_case(original: str, replacement: str) -> str:
    """Carry the case of ``original`` over: ALL CAPS stays all caps, a capital first
    letter stays a capital; otherwise the replacement as it is."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    first = next((c for c in original if c.isalpha()), "")
    if first.isupper():
        index = next((k for k, c in enumerate(replacement) if c.isalpha()), 0)
        return (
            replacement[:index] + replacement[index : index + 1].upper() + replacement[index + 1 :]
        )
    return replacement


def swap_word(text: str, table: dict[str, str] | Any) -> str:
    """Replace a whole word found in ``table`` (lower-case keys), keeping its case and the
    punctuation around it."""
    hit = table.get(text.lower())
    if hit is not None:
        return match_case(text, hit)
    lead, core, trail = _split_edges(text)
    if core and (lead or trail):
        hit = table.get(core.lower())
        if hit is not None:
            return lead + match_case(core, hit) + trail
    return text


def mask_word(text: str, profanity: frozenset[str]) -> str:
    """``shit`` → ``s***``: keep the first letter, mask the rest (edge punctuation kept)."""
    lead, core, trail = _split_edges(text)
    if core and core.lower() in profanity:
        return lead + core[0] + "*" * (len(core) - 1) + trail
    return text


def _rewrite_words(
    table: TokenTable, rewrite: Callable[[str], tuple[str, str | None]]
) -> TokenTable:
    words = np.flatnonzero(table.kind == WORD).tolist()
    cache: dict[str, tuple[str, str | None]] = {}
    text = table.text
    new_text: list[str] | None = None
    new_value: list[str] | None = None
    for i in words:
        t = text[i]
        hit = cache.get(t)
        if hit is None:
            hit = cache[t] = rewrite(t)
        shown, value = hit
        if shown != t:
            if new_text is None:
                new_text = list(text)
            new_text[i] = shown
        if value is not None:
            if new_value is None:
                new_value = list(table.value)
            new_value[i] = value
    if new_text is None and new_value is None:
        return table
    return replace(
        table,
        text=new_text if new_text is not None else table.text,
        value=new_value if new_value is not None else table.value,
    )


# ---------------------------------------------------------------------------------------
# 6. Sound display


def sound_display(text: str, tag: str, boundaries: tuple[str, str]) -> str:
    """The sound's description between ``boundaries``, never doubled.

    The description is the display text without the brackets it came in; when that is the
    tag itself (any case) or empty, the tag is used (``[laugh]`` → ``[LAUGH]``).
    """
    inner = text.strip()
    opening, closing = boundaries
    if (
        opening
        and closing
        and len(inner) >= len(opening) + len(closing)
        and inner.startswith(opening)
        and inner.endswith(closing)
    ):
        inner = inner[len(opening) : len(inner) - len(closing)].strip()
    while len(inner) >= 2 and _BRACKET_PAIRS.get(inner[0]) == inner[-1]:
        inner = inner[1:-1].strip()
    if not inner or (tag and inner.upper() == tag.upper()):
        inner = tag or inner
    return boundaries[0] + inner + boundaries[1]


def _show_sounds(table: TokenTable, boundaries: tuple[str, str]) -> TokenTable:
    sounds = np.flatnonzero(table.kind == SOUND).tolist()
    if not sounds:
        return table
    text = table.text
    new_text: list[str] | None = None
    for i in sounds:
        shown = sound_display(text[i], table.sound_tag(i), boundaries)
        if shown != text[i]:
            if new_text is None:
                new_text = list(text)
            new_text[i] = shown
    return table if new_text is None else replace(table, text=new_text)


# ---------------------------------------------------------------------------------------
# 7-8. Square brackets and case


def _strip_square_brackets(table: TokenTable) -> TokenTable:
    text = table.text
    hits = [i for i, t in enumerate(text) if "[" in t or "]" in t]
    if not hits:
        return table
    new_text = list(text)
    empty = []
    for i in hits:
        t = new_text[i] = text[i].replace("[", "").replace("]", "")
        if not t.strip():
            empty.append(i)
    table = replace(table, text=new_text)
    if not empty:
        return table
    drop = np.zeros(len(table), dtype=np.bool_)
    drop[empty] = True
    return _drop(table, drop)


def _force_case(table: TokenTable, case: str) -> TokenTable:
    if case == "upper":
        return replace(table, text=[t.upper() for t in table.text])
    if case == "lower":
        return replace(table, text=[t.lower() for t in table.text])
    return table


def _styled(text: str, *, strip: bool, case: str) -> str:
    if strip:
        text = text.replace("[", "").replace("]", "")
    if case == "upper":
        return text.upper()
    if case == "lower":
        return text.lower()
    return text


# ---------------------------------------------------------------------------------------
# 9. Speaker-change markers


def speaker_changes(table: TokenTable) -> BoolArray:
    """Where the speaker changes among the tokens of ``table``.

    A token with a speaker starts a change when its speaker differs from the previous
    token's (the first token with a speaker counts). A token without one (speaker -1)
    starts a change only where the document said so (SEGMENT_START and SPEAKER_CHANGE).
    """
    speaker = table.speaker
    if len(speaker) == 0:
        return np.zeros(0, dtype=np.bool_)
    previous = np.empty_like(speaker)
    previous[0] = -2
    previous[1:] = speaker[:-1]
    known = speaker >= 0
    both = SEGMENT_START | SPEAKER_CHANGE
    said = (table.flags & np.uint16(both)) == both
    changes: BoolArray = (known & (speaker != previous)) | (~known & said)
    return changes


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


def _sound_only_segments(table: TokenTable) -> BoolArray:
    """Per token: True when its segment has no surviving word."""
    segment = np.cumsum((table.flags & np.uint16(SEGMENT_START)) != 0) - 1
    segment = np.maximum(segment, 0)
    words = np.bincount(segment, weights=(table.kind == WORD), minlength=int(segment[-1]) + 1)
    only: BoolArray = words[segment] == 0
    return only


def _insert_speaker_markers(
    table: TokenTable, options: Options, *, strip: bool, case: str
) -> TokenTable:
    prefix = options.emit_speaker_change_tokens_as
    mode = str(getattr(options, "display_speaker_id", "name"))
    effects_label = str(getattr(options, "display_effects_speaker_as", "Effects"))
    if (table.kind == SPEAKER).any():  # markers are already in (transformed twice)
        return table
    changes = speaker_changes(table)
    flags = table.flags
    stale = ((flags & np.uint16(SPEAKER_CHANGE)) != 0) & ~changes
    at = np.flatnonzero(changes)
    if not len(at) and not stale.any():
        return table
    speakers = table.speakers
    sound_only = _sound_only_segments(table) if (table.speaker[at] < 0).any() else None
    texts: list[str] = []
    cache: dict[tuple[int, bool], str] = {}
    for i in at.tolist():
        s = int(table.speaker[i])
        if s >= 0:
            number: int | None = speakers[s][0] if s < len(speakers) else None
            name = speakers[s][1] if s < len(speakers) else ""
            effects = name.strip().lower() == EFFECTS_SPEAKER_NAME
        else:
            number, name = None, ""
            effects = bool(sound_only is not None and sound_only[i])
        key = (s, effects)
        shown = cache.get(key)
        if shown is None:
            raw = marker_text(
                prefix, mode, name=name, number=number, effects=effects, effects_label=effects_label
            )
            shown = cache[key] = _styled(raw, strip=strip, case=case).strip()
        texts.append(shown)
    with_marker = [k for k, t in enumerate(texts) if t]
    if not with_marker and not stale.any():
        return table
    new_flags = flags.copy()
    new_flags[stale] &= np.uint16(~SPEAKER_CHANGE & 0xFFFF)
    if not with_marker:
        return replace(table, flags=new_flags)
    rows = at[with_marker]
    texts = [texts[k] for k in with_marker]
    moved = new_flags[rows] & np.uint16(SEGMENT_START)
    marker_flags = moved | np.uint16(SEQUENCE_START | SPEAKER_CHANGE | NO_BREAK_AFTER)
    new_flags[rows] &= np.uint16(~(SEGMENT_START | SPEAKER_CHANGE) & 0xFFFF)
    new_flags[rows] |= np.uint16(SEQUENCE_START)
    return _insert_rows(table, rows, texts, marker_flags, new_flags)


def _insert_rows(
    table: TokenTable,
    rows: npt.NDArray[np.intp],
    texts: list[str],
    marker_flags: npt.NDArray[np.uint16],
    flags: npt.NDArray[np.uint16],
) -> TokenTable:
    """Insert one SPEAKER token before each of ``rows`` (sorted)."""
    starts = table.start[rows]
    text: list[str] = []
    value: list[str] = []
    previous = 0
    for k, r in enumerate(rows.tolist()):
        text.extend(table.text[previous:r])
        value.extend(table.value[previous:r])
        text.append(texts[k])
        value.append(texts[k].lower())
        previous = r
    text.extend(table.text[previous:])
    value.extend(table.value[previous:])
    return replace(
        table,
        start=np.insert(table.start, rows, starts),
        end=np.insert(table.end, rows, starts),
        kind=np.insert(table.kind, rows, np.int8(SPEAKER)),
        flags=np.insert(flags, rows, marker_flags),
        speaker=np.insert(table.speaker, rows, table.speaker[rows]),
        tag=np.insert(table.tag, rows, np.int16(-1)),
        text=text,
        value=value,
    )
