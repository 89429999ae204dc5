"""A :class:`Draft` (the pieces an importer read) → an ElementList version 3 that validates.

Every importer only reads its source into a Draft: one *piece* per word or punctuation
mark as the source gives it — its text, its times in ms or None, its confidence, its
speaker label, whether it is glued to its neighbours — plus where the source says a
sentence or one of its units (segment, utterance, result, cue) ends. All the rules that
make an ElementList out of that live here, once, for every source:

1. **Pieces → tokens.** Empty pieces are dropped (their marks move to the piece before).
   Word pieces glued together (a Whisper word split in tokens, ``" Kub"`` + ``"ernetes"``)
   become one word. Punctuation glued to a word is split off (:mod:`.marks`), so that
   ``"Hello,"`` is the word ``Hello`` and the punctuation ``,``; a bracketed description is
   a sound token where the source uses them (captions, Whisper). A word, a sound, and a
   punctuation mark standing alone (Speechmatics ``attaches_to: "none"``) has its own time
   ("timed"); glued punctuation has none.
2. **Sequences.** A sequence is a word with what is glued to it; a piece glued to the
   previous one (or after one glued to the next) joins its sequence.
3. **Times** (:func:`fix_times`), over the timed tokens in text order: the times the
   source gives are kept wherever they are consistent (the longest run of non-decreasing
   starts); a token with no usable time gets one between its neighbours, by character
   length; overlaps are resolved by ending the earlier token where the later starts; and
   every token lasts at least 1 ms. Every time made up or changed is ``interpolated``.
   Glued punctuation takes the end of the word before it (or the start of the word after
   it, for leading marks) with zero length, as cielo24 writes it.
4. **Segments: one sentence each.** A sentence ends where the source says so (Speechmatics
   ``is_eos``, Deepgram ``paragraphs``) when it says so anywhere; otherwise after a
   sentence-final mark (not a full stop before a lower-case word or after an honorific,
   see :func:`.marks.full_stop_continues`); and in a source with neither, at the end of
   each of its units. A change of speaker always ends a segment, and so does the end.
   ``ENDS_SENTENCE`` goes on the last token of each segment.
5. **Speakers.** Labels that are numbers (Deepgram ``0``, Google ``1``) keep their number
   as the id and have no name (shown as "Speaker N"); other labels (``"A"``, ``"spk_0"``,
   ``"AGENT"``, a caption's ``Ann``) are the speaker's name, with ids counted from 0 past
   the numeric ones, in order of appearance.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

from msgspec import UNSET

from ..document.model import ElementList, Segment, Sequence, Speaker, Token
from .marks import ends_sentence, full_stop_continues, plain, sound_tag, split_edges, split_sound

# piece kinds
WORD = 0
PUNCTUATION = 1
SOUND = 2

# glue bits of a piece
GLUE_PREVIOUS = 1  # no space before: the piece continues the one before it
GLUE_NEXT = 2  # no space after: the next piece continues this one

MS_PER_CHARACTER = 65  # nominal speaking rate for times made up without a window (~15 chars/s)

_TYPE_NAMES = ("word", "punctuation", "sound")
_ENDS = ("ENDS_SENTENCE",)


class Draft:
    """The pieces an importer read, in order (parallel lists, one entry per piece)."""

    __slots__ = (
        "brackets_are_sounds",
        "confidence",
        "end",
        "glue",
        "kind",
        "language",
        "made_up",
        "sentence_ends",
        "speaker",
        "start",
        "text",
        "turns",
        "unit_ends",
    )

    def __init__(self, *, language: str | None = None, brackets_are_sounds: bool = False) -> None:
        self.text: list[str] = []
        self.start: list[int | None] = []
        self.end: list[int | None] = []
        self.confidence: list[float | None] = []
        self.speaker: list[str | None] = []
        self.kind: list[int] = []
        self.glue: list[int] = []
        self.made_up: list[bool] = []
        self.sentence_ends: set[int] = set()  # a sentence ends after these pieces (the source says)
        self.unit_ends: set[int] = set()  # one of the source's units ends after these pieces
        self.turns: set[int] = set()  # a new speaker (without a label) starts at these pieces
        self.language = language
        self.brackets_are_sounds = brackets_are_sounds

    def __len__(self) -> int:
        return len(self.text)

    def add(
        self,
        text: str,
        start: int | None,
        end: int | None,
        confidence: float | None = None,
        speaker: str | None = None,
        kind: int = WORD,
        glue: int = 0,
        made_up: bool = False,
    ) -> None:
        """One piece: ``text`` as the source writes it, its times in ms (None: unknown)."""
        self.text.append(text)
        self.start.append(start)
        self.end.append(end)
        self.confidence.append(confidence)
        self.speaker.append(speaker)
        self.kind.append(kind)
        self.glue.append(glue)
        self.made_up.append(made_up)

    def end_sentence(self) -> None:
        """The source says a sentence ends after the last piece added."""
        if self.text:
            self.sentence_ends.add(len(self.text) - 1)

    def end_unit(self) -> None:
        """One of the source's units (segment, utterance, result, cue) ends here."""
        if self.text:
            self.unit_ends.add(len(self.text) - 1)

    def new_turn(self) -> None:
        """The next piece starts a new speaker's turn (a speaker without a label)."""
        self.turns.add(len(self.text))


def spread(texts: list[str], start: int | None, end: int | None) -> list[tuple[int, int]] | None:
    """Times for ``texts`` said one after the other in ``[start, end]``, in proportion to
    their length in characters (the interpolation inside a Whisper segment without word
    times or a caption cue); None when the span is not usable."""
    if start is None or end is None or end <= start or not texts:
        return None
    weights = [len(t) + 1 for t in texts]
    total = sum(weights)
    span = end - start
    out = []
    acc = 0
    previous = start
    for w in weights:
        acc += w
        stop = start + (span * acc) // total
        out.append((previous, stop))
        previous = stop
    return out


# --- the builder ------------------------------------------------------------------------


class _Item:
    """A piece after merging: what becomes the tokens of one word, mark or sound."""

    __slots__ = (
        "conf",
        "end",
        "eos",
        "glue",
        "kind",
        "made_up",
        "speaker",
        "start",
        "text",
        "turn",
        "unit",
    )

    def __init__(
        self,
        text: str,
        start: int | None,
        end: int | None,
        conf: float | None,
        speaker: str | None,
        kind: int,
        glue: int,
        made_up: bool,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.conf = conf
        self.speaker = speaker
        self.kind = kind
        self.glue = glue
        self.made_up = made_up
        self.eos = False
        self.unit = False
        self.turn = False


def _items(draft: Draft) -> list[_Item]:
    """Step 1a: drop empty pieces, strip spaces, merge the pieces of one word."""
    items: list[_Item] = []
    text, start, end, conf = draft.text, draft.start, draft.end, draft.confidence
    speaker, kind, glue, made_up = draft.speaker, draft.kind, draft.glue, draft.made_up
    sentence_ends, unit_ends, turns = draft.sentence_ends, draft.unit_ends, draft.turns
    pending_turn = False
    previous: _Item | None = None
    for i in range(len(text)):
        t = text[i]
        if i in turns:
            pending_turn = True
        if not t or t[0].isspace() or t[-1].isspace():
            t = t.strip()
            if not t:  # nothing to show: its marks go to the piece before
                if previous is not None:
                    previous.eos = previous.eos or i in sentence_ends
                    previous.unit = previous.unit or i in unit_ends
                continue
        k = kind[i]
        g = glue[i]
        glued = previous is not None and (g & GLUE_PREVIOUS or previous.glue & GLUE_NEXT)
        if (
            glued
            and k == WORD
            and previous is not None
            and previous.kind == WORD
            and not pending_turn
            and not previous.eos
        ):
            # a word in pieces: one word, from the first piece's start to the last one's end
            previous.text += t
            if previous.start is None:
                previous.start = start[i]
            if end[i] is not None:
                previous.end = end[i]
            c = conf[i]
            if c is not None and (previous.conf is None or c < previous.conf) and split_edges(t)[1]:
                previous.conf = c  # (a mark's confidence is not the word's)
            previous.made_up = previous.made_up or made_up[i]
            previous.glue = (previous.glue & GLUE_PREVIOUS) | (g & GLUE_NEXT)
        else:
            previous = _Item(t, start[i], end[i], conf[i], speaker[i], k, g, made_up[i])
            if pending_turn:
                previous.turn = True
                pending_turn = False
            items.append(previous)
        if i in sentence_ends:
            previous.eos = True
        if i in unit_ends:
            previous.unit = True
    return items


class _Sequence:
    __slots__ = ("conf", "eos", "speaker", "tokens", "turn", "unit")

    def __init__(self, item: _Item) -> None:
        # tokens: [text, kind, the item whose time it has (None: glued, no time of its own), tag]
        self.tokens: list[list[Any]] = []
        self.speaker = item.speaker
        self.turn = item.turn
        self.conf: float | None = None
        self.eos = False
        self.unit = False


def _tokens_of(item: _Item, brackets: bool, alone: bool) -> list[list[Any]]:
    """Step 1b: the tokens of one item; the timed one (at most one) holds the item."""
    t = item.text
    k = item.kind
    if k == WORD:
        if plain(t):
            return [[t, WORD, item, None]]
        if brackets and t[0] == "[":
            sound = split_sound(t)
            if sound is not None:
                description, trail = sound
                out = [[description, SOUND, item, sound_tag(description)]]
                if trail:
                    out.append([trail, PUNCTUATION, None, None])
                return out
        lead, core, trail = split_edges(t)
        if not core:  # all punctuation: timed when it stands alone
            return [[t, PUNCTUATION, item if alone else None, None]]
        out = []
        if lead:
            out.append([lead, PUNCTUATION, None, None])
        out.append([core, WORD, item, None])
        if trail:
            out.append([trail, PUNCTUATION, None, None])
        return out
    if k == SOUND:
        return [[t, SOUND, item, sound_tag(t)]]
    return [[t, PUNCTUATION, item if alone else None, None]]


def _sequences(items: list[_Item], brackets: bool) -> list[_Sequence]:
    """Step 2: group the tokens of the items into sequences."""
    sequences: list[_Sequence] = []
    leading: list[list[Any]] = []  # glued marks waiting for the word they lead
    leading_turn = False  # a new speaker's turn starts with those marks
    current: _Sequence | None = None
    glue_next = False
    for item in items:
        glued = bool(item.glue & GLUE_PREVIOUS or glue_next) and not item.turn
        glue_next = bool(item.glue & GLUE_NEXT)
        tokens = _tokens_of(item, brackets, alone=not glued and not glue_next)
        timed = any(tok[2] is not None for tok in tokens)
        joins = glued and current is not None and not leading
        if not joins and not timed and (glue_next or glued):
            leading.extend(tokens)  # an opening mark (or one glued to nothing): it leads
            leading_turn = leading_turn or item.turn
            continue
        if current is None or not joins:
            current = _Sequence(item)
            sequences.append(current)
            if leading:
                current.tokens.extend(leading)
                current.turn = current.turn or leading_turn
                leading, leading_turn = [], False
        for tok in tokens:
            if tok[2] is not None:
                c = item.conf
                if c is not None and (current.conf is None or c < current.conf):
                    current.conf = c
            current.tokens.append(tok)
        current.eos = current.eos or item.eos
        current.unit = current.unit or item.unit
    if leading:  # marks glued forward at the very end: they close the last sequence
        if current is None:
            current = _Sequence(_Item(leading[0][0], None, None, None, None, PUNCTUATION, 0, False))
            current.turn = leading_turn
            sequences.append(current)
        current.tokens.extend(leading)
    speaker: str | None = None
    for seq in sequences:
        head = next((tok for tok in seq.tokens if tok[2] is not None), None)
        if head is None:  # only glued marks: the first one gets a time of its own
            head = seq.tokens[0]
            head[2] = _Item(head[0], None, None, None, seq.speaker, PUNCTUATION, 0, False)
        timed_item: _Item = head[2]
        label = timed_item.speaker if timed_item.speaker is not None else seq.speaker
        if label is None and not seq.turn:
            label = speaker  # a word without a label belongs to the turn it is in
        seq.speaker = speaker = label
    return sequences


def build(draft: Draft) -> ElementList:
    """The ElementList of ``draft`` (see the module docstring for every rule)."""
    sequences = _sequences(_items(draft), draft.brackets_are_sounds)
    timed: list[_Item] = []
    for seq in sequences:
        for tok in seq.tokens:
            item = tok[2]
            if item is not None:
                tok[2] = len(timed)
                timed.append(item)
            else:
                tok[2] = -1
    starts = [it.start for it in timed]
    ends = [it.end for it in timed]
    made_up = [it.made_up for it in timed]
    weights = [len(it.text) + 1 for it in timed]
    fix_times(starts, ends, weights, made_up)
    return _document(draft, sequences, starts, ends, made_up)


# --- times ------------------------------------------------------------------------------


def _nominal(weight: int) -> int:
    return weight * MS_PER_CHARACTER


def _consistent(starts: list[int | None]) -> set[int] | None:
    """The indices of the longest non-decreasing run of known starts (the times to keep),
    or None when every known start is in order already (the usual case)."""
    known = [i for i, s in enumerate(starts) if s is not None]
    previous = -1
    for i in known:
        s = starts[i]
        assert s is not None
        if s < previous:
            break
        previous = s
    else:
        return None
    # patience sorting: tails[k] = index ending the best run of length k+1
    tails: list[int] = []
    tail_values: list[int] = []
    parent: dict[int, int] = {}
    for i in known:
        s = starts[i]
        assert s is not None
        k = bisect.bisect_right(tail_values, s)
        if k > 0:
            parent[i] = tails[k - 1]
        if k == len(tails):
            tails.append(i)
            tail_values.append(s)
        else:
            tails[k] = i
            tail_values[k] = s
    keep = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        keep.add(i)
        i = parent.get(i, -1)
    return keep


def fix_times(
    starts: list[int | None], ends: list[int | None], weights: list[int], made_up: list[bool]
) -> None:
    """Make every start and end a whole ms, in order, each token at least 1 ms long, no
    two overlapping (in place); ``made_up[i]`` becomes True where a time was invented or
    moved. See step 3 of the module docstring."""
    n = len(starts)
    if n == 0:
        return
    keep = _consistent(starts)
    if keep is not None:
        for i in range(n):
            if starts[i] is not None and i not in keep:
                starts[i] = ends[i] = None
    open_start: int | None = None  # the start of the last word with no end
    for i in range(n):
        s, e = starts[i], ends[i]
        if s is None:
            ends[i] = None
            continue
        if e is not None and e <= s:
            ends[i] = None  # zero length or inverted: its end is made up
        if s == open_start:
            starts[i] = ends[i] = None  # words at one instant: they share the time after it
            continue
        open_start = s if ends[i] is None else None
    _fill(starts, ends, weights, made_up)
    _repair(starts, ends, made_up)


def _fill(
    starts: list[int | None], ends: list[int | None], weights: list[int], made_up: list[bool]
) -> None:
    """Give every missing start and end a time, run by run."""
    n = len(starts)
    i = 0
    while i < n:
        if starts[i] is not None and ends[i] is not None:
            i += 1
            continue
        # a run: [first, stop) needs times; first may be a known start without an end
        first = i
        if starts[i] is not None:  # open end: the run starts at its start
            lo: int | None = starts[i]
            i += 1
        else:
            lo = ends[i - 1] if i > 0 else None
        while i < n and starts[i] is None:
            i += 1
        stop = i
        hi = starts[stop] if stop < n else None
        need = sum(_nominal(w) for w in weights[first:stop])
        while lo is not None and hi is not None and hi - lo < need // 4 and stop < n:
            # no room between the neighbours (an overlap: speech of two channels in one
            # text): the next word shares the run, up to its own end
            hi = ends[stop]
            stop += 1
            need = sum(_nominal(w) for w in weights[first:stop])
            i = stop
        run_weights = weights[first:stop]
        if lo is None and hi is None:
            lo, hi = 0, need
        elif lo is None:
            assert hi is not None
            lo = max(0, hi - need)
        elif hi is None or hi - lo > 2 * need:
            hi = lo + need  # a long silence after: the words follow the one before
        assert lo is not None and hi is not None
        if hi < lo:
            hi = lo
        total = sum(run_weights)
        acc = 0
        previous = lo
        span = hi - lo
        for j in range(first, stop):
            acc += weights[j]
            stop_time = lo + (span * acc) // total
            starts[j] = previous  # (the first keeps its own start: it is ``lo``)
            ends[j] = stop_time
            made_up[j] = True
            previous = stop_time


def _repair(starts: list[int | None], ends: list[int | None], made_up: list[bool]) -> None:
    """No overlap, no token shorter than 1 ms: end the one before where a token starts, or
    move a token's start to the end of the one before when that cannot be done."""
    previous_start = -1
    previous_end = 0
    for i in range(len(starts)):
        s = starts[i]
        e = ends[i]
        assert s is not None and e is not None
        if s < previous_end:
            if s > previous_start:
                ends[i - 1] = s
                made_up[i - 1] = True
            else:
                s = starts[i] = previous_end
                made_up[i] = True
        if e <= s:
            e = ends[i] = s + 1
            made_up[i] = True
        previous_start = s
        previous_end = e


# --- segments and the model -------------------------------------------------------------


def _speaker_ids(labels: Iterable[str | None]) -> tuple[dict[str, int], list[Speaker]]:
    order: dict[str, None] = {}
    for label in labels:
        if label is not None and label not in order:
            order[label] = None
    numeric = {
        label: int(label)
        for label in order
        if label.isascii() and label.isdigit() and len(label) < 10
    }
    ids: dict[str, int] = {}
    speakers: list[Speaker] = []
    used = set(numeric.values())
    assigned: set[int] = set()
    next_id = 0
    for label in order:
        if label in numeric:
            number = numeric[label]
            if number in assigned:  # "01" and "1": one number, two labels
                while next_id in used:
                    next_id += 1
                number = next_id
                used.add(number)
            ids[label] = number
            assigned.add(number)
            speakers.append(Speaker(id=number))
        else:
            while next_id in used:
                next_id += 1
            ids[label] = next_id
            used.add(next_id)
            assigned.add(next_id)
            speakers.append(Speaker(id=next_id, name=label))
    return ids, speakers


def _sentence_ends(sequences: list[_Sequence]) -> list[bool]:
    """Per sequence: does a segment end after it (see step 4)."""
    n = len(sequences)
    texts = ["".join(tok[0] for tok in seq.tokens) for seq in sequences]
    if any(seq.eos for seq in sequences):
        ends = [seq.eos for seq in sequences]
    else:
        ends = [ends_sentence(t) for t in texts]
        if any(ends):
            for j in range(n - 1):
                if ends[j] and full_stop_continues(texts[j], texts[j + 1]):
                    ends[j] = False
        else:
            ends = [seq.unit for seq in sequences]
    for j in range(n - 1):
        nxt = sequences[j + 1]
        if nxt.turn or nxt.speaker != sequences[j].speaker:
            ends[j] = True
    if n:
        ends[-1] = True
    return ends


def _document(
    draft: Draft,
    sequences: list[_Sequence],
    starts: list[Any],
    ends: list[Any],
    made_up: list[bool],
) -> ElementList:
    ids, speakers = _speaker_ids(seq.speaker for seq in sequences)
    breaks = _sentence_ends(sequences)
    segments: list[Segment] = []
    built: list[Sequence] = []
    seg_made_up = False
    previous_speaker: int | None = None
    seg_start_index = 0
    has_words = [any(tok[1] == WORD for tok in seq.tokens) for seq in sequences]
    segment_has_words = False
    for j, seq in enumerate(sequences):
        if j == seg_start_index:  # a segment starts: does it hold a word (not sounds only)?
            k = j
            segment_has_words = False
            while k < len(sequences):
                segment_has_words = segment_has_words or has_words[k]
                if breaks[k]:
                    break
                k += 1
        tokens: list[Token] = []
        seq_made_up = False
        time = next(starts[tok[2]] for tok in seq.tokens if tok[2] >= 0)  # leading marks: here
        last = len(seq.tokens) - 1
        for k, (text, kind, index, tag) in enumerate(seq.tokens):
            if index >= 0:
                s = starts[index]
                e = time = ends[index]
                interpolated = made_up[index]
            else:  # glued punctuation: zero length where its word ends (or starts, leading)
                s = e = time
                interpolated = True
            value = text.lower()
            tags: Any = UNSET
            if kind == SOUND:
                tags = (tag,)
            if k == last and breaks[j] and segment_has_words:
                tags = _ENDS if tags is UNSET else (*tags, "ENDS_SENTENCE")
            tokens.append(
                Token(
                    s,
                    e,
                    value,
                    _TYPE_NAMES[kind],
                    UNSET if value == text else text,
                    tags,
                    True if interpolated else UNSET,
                )
            )
            seq_made_up = seq_made_up or interpolated
        sequence = Sequence(
            tokens[0].start_time,
            tokens[-1].end_time,
            tokens,
            True if seq_made_up else UNSET,
            UNSET if seq.conf is None else seq.conf,
        )
        built.append(sequence)
        seg_made_up = seg_made_up or seq_made_up
        if breaks[j]:
            head = sequences[seg_start_index]
            label = head.speaker
            sid = None if label is None else ids[label]
            if sid is None:
                change: bool = head.turn
            else:
                change = sid != previous_speaker or head.turn
            segments.append(
                Segment(
                    built[0].start_time,
                    built[-1].end_time,
                    built,
                    change,
                    UNSET if sid is None else sid,
                    True if seg_made_up else UNSET,
                )
            )
            if sid is not None:
                previous_speaker = sid
            built = []
            seg_made_up = False
            seg_start_index = j + 1
    doc = ElementList(
        version=3,
        segments=segments,
        start_time=segments[0].start_time if segments else UNSET,
        end_time=segments[-1].end_time if segments else UNSET,
        language=draft.language if draft.language else UNSET,
        speakers=speakers if speakers else UNSET,
    )
    return doc


def last_pieces_before(starts: list[int | None], boundaries: Iterable[int]) -> set[int]:
    """For each boundary time (a sentence's or an utterance's end, from the source), the
    index of the last piece starting before it: the piece after which that unit ends.
    ``starts`` must be in time order (pieces without a start belong with the one before)."""
    marks: set[int] = set()
    times = sorted(boundaries)
    i = -1
    n = len(starts)
    for boundary in times:
        while i + 1 < n:
            s = starts[i + 1]
            if s is not None and s >= boundary:
                break
            i += 1
        if i >= 0:
            marks.add(i)
    return marks
