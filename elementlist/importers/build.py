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
3. **Times** (:mod:`.timing`), over the timed tokens in text order: the source's own
   times wherever they are consistent, the others made up between their neighbours by
   character length, every token at least 1 ms long, none overlapping; every time made up
   or changed is ``interpolated``. Glued punctuation takes the end of the word before it
   (or the start of the word after it, for leading marks) with zero length, as cielo24
   writes it.
4. **Segments: one sentence each.** A sentence ends where the source says so (Speechmatics
   ``is_eos``, Deepgram ``paragraphs``) when it says so anywhere; otherwise after a
   sentence-final mark (not a full stop before a lower-case word or after an honorific,
   see :func:`.marks.full_stop_continues`); and in a source with neither, at the end of
   each of its units. A change of speaker always ends a segment, and so does the end.
   ``ENDS_SENTENCE`` goes on the last token of each segment that holds a word (a segment
   of sounds only has none, as cielo24 writes it).
5. **Speakers.** Labels that are numbers (Deepgram ``0``, Google ``1``) keep their number
   as the id and have no name (shown as "Speaker N"); other labels (``"A"``, ``"spk_0"``,
   ``"AGENT"``, a caption's ``Ann``) are the speaker's name, with ids counted from 0 past
   the numeric ones, in order of appearance. A piece without a label belongs to the turn
   it is in (the speaker before it).

The work is a few passes over parallel lists, linear in the pieces, with a fast path for
the plain word (letters or digits at both ends, glued to nothing), which is most of them.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress, count, islice, repeat
from typing import Any, cast

import numpy as np
from msgspec import UNSET

from ..document.model import ElementList, Segment, Sequence, Speaker, Token
from .draft import GLUE_NEXT, GLUE_PREVIOUS, PUNCTUATION, SOUND, WORD, Draft
from .marks import (
    ABBREVIATIONS,
    CLOSERS,
    OPENERS,
    SENTENCE_FINAL,
    ends_sentence,
    full_stop_continues,
    sound_tag,
    split_edges,
    split_sound,
)
from .timing import fix_times

_TYPE_NAMES = ("word", "punctuation", "sound")
_CLOSERS_SPACE = CLOSERS + " "
_ENDS = ("ENDS_SENTENCE",)

# item flags
_EOS = 1  # the source ends a sentence after it
_UNIT = 2  # one of the source's units ends after it
_TURN = 4  # a new speaker's turn starts with it

# Anything that makes a piece more than a plain, unglued, trimmed text: the fast path of
# step 1 checks the whole draft for it at once (\x00 separates the pieces): an empty piece
# or one that starts with a space, searched for in the pieces joined, and (one that ends
# with a space) in them reversed. (A pattern that starts with a character is searched for
# at C speed, one with a class position by position.)
_NOT_PLAIN = re.compile(r"\x00[\x00\s]")


class _Items:
    """The pieces after step 1a (parallel lists): empty ones dropped, words in pieces merged."""

    __slots__ = (
        "conf",
        "end",
        "flags",
        "glue",
        "kind",
        "made_up",
        "may_end",
        "may_turn",
        "speaker",
        "start",
        "text",
    )

    def __init__(self) -> None:
        # False when no flag can have _EOS (the source ends no sentence) or _TURN
        self.may_end = True
        self.may_turn = True
        self.text: list[str] = []
        self.start: list[int | None] = []
        self.end: list[int | None] = []
        self.conf: list[float | None] = []
        self.speaker: list[str | None] = []
        self.kind: list[int] = []
        self.glue: list[int] = []
        self.made_up: list[bool] = []
        self.flags: list[int] = []


def _plain_draft(draft: Draft) -> bool:
    """True when no piece is glued, empty or padded with spaces: then the pieces are the
    items as they are (checked at C speed)."""
    if any(draft.glue):
        return False
    joined = "\x00".join(draft.text)
    if not joined or joined[0].isspace() or joined[-1].isspace():
        return not joined and not draft.text
    return (
        _NOT_PLAIN.search(joined) is None
        and _NOT_PLAIN.search(joined[::-1]) is None
        and bool(draft.text[0])
        and bool(draft.text[-1])
    )


def _items(draft: Draft) -> _Items:
    """Step 1a: drop empty pieces (their marks go to the piece before), strip spaces, merge
    the pieces of one word."""
    out = _Items()
    turns = draft.turns
    out.may_end = bool(draft.sentence_ends)
    out.may_turn = bool(turns)
    if _plain_draft(draft):
        out.text, out.start, out.end, out.conf = (
            draft.text,
            draft.start,
            draft.end,
            draft.confidence,
        )
        out.speaker, out.kind, out.glue, out.made_up = (
            draft.speaker,
            draft.kind,
            draft.glue,
            draft.made_up,
        )
        flags = [0] * len(draft.text)
        for i in draft.sentence_ends:
            flags[i] |= _EOS
        for i in draft.unit_ends:
            flags[i] |= _UNIT
        for i in turns:
            if i < len(flags):
                flags[i] |= _TURN
        out.flags = flags
        return out
    text, start, end, conf = draft.text, draft.start, draft.end, draft.confidence
    speaker, kind, glue, made_up = draft.speaker, draft.kind, draft.glue, draft.made_up
    sentence_ends, unit_ends = draft.sentence_ends, draft.unit_ends
    o_text, o_start, o_end, o_conf = out.text, out.start, out.end, out.conf
    o_speaker, o_kind, o_glue, o_made_up, o_flags = (
        out.speaker, out.kind, out.glue, out.made_up, out.flags
    )  # fmt: skip
    pending_turn = False
    last = -1
    for i in range(len(text)):
        t = text[i]
        if turns and i in turns:
            pending_turn = True
        if not t or t[0].isspace() or t[-1].isspace():
            t = t.strip()
            if not t:  # nothing to show: its marks go to the piece before
                if last >= 0:
                    o_flags[last] |= (_EOS if i in sentence_ends else 0) | (
                        _UNIT if i in unit_ends else 0
                    )
                continue
        k = kind[i]
        g = glue[i]
        if (
            last >= 0
            and k == WORD
            and (g & GLUE_PREVIOUS or o_glue[last] & GLUE_NEXT)
            and o_kind[last] == WORD
            and not pending_turn
            and not o_flags[last] & _EOS
        ):  # a word in pieces: one word, from the first piece's start to the last one's end
            o_text[last] += t
            if o_start[last] is None:
                o_start[last] = start[i]
            if end[i] is not None:
                o_end[last] = end[i]
            c = conf[i]
            if c is not None and split_edges(t)[1]:  # (a mark's confidence is not the word's)
                previous = o_conf[last]
                if previous is None or c < previous:
                    o_conf[last] = c
            o_made_up[last] = o_made_up[last] or made_up[i]
            o_glue[last] = (o_glue[last] & GLUE_PREVIOUS) | (g & GLUE_NEXT)
        else:
            o_text.append(t)
            o_start.append(start[i])
            o_end.append(end[i])
            o_conf.append(conf[i])
            o_speaker.append(speaker[i])
            o_kind.append(k)
            o_glue.append(g)
            o_made_up.append(made_up[i])
            o_flags.append(_TURN if pending_turn else 0)
            pending_turn = False
            last += 1
        if sentence_ends and i in sentence_ends:
            o_flags[last] |= _EOS
        if unit_ends and i in unit_ends:
            o_flags[last] |= _UNIT
    return out


Tokens = list[tuple[str, int, int, str | None]]  # (text, kind, timed index or -1, tag)


class _Sequences:
    """Step 2's result: per sequence its tokens — a list, or for the plain word (most of
    them) just the index of its one timed token — and what the segments need; per timed
    token its text, times, weight and flag."""

    def __init__(self) -> None:
        self.tokens: list[Tokens | int] = []
        self.text: list[str] = []  # of the timed tokens
        self.speaker: list[str | None] = []
        self.conf: list[float | None] = []
        self.flags: list[int] = []
        self.start: list[int | None] = []  # of the timed tokens
        self.end: list[int | None] = []
        self.weight: list[int] = []
        self.made_up: list[bool] = []
        self.lists: list[int] | None = None  # the sequences that are token lists (None: unknown)
        self.may_end = True  # False: no flag has _EOS
        self.may_turn = True  # False: no flag has _TURN


Piece = tuple[str, int, bool, str | None]  # (text, kind, has the item's time, tag)


@lru_cache(maxsize=1 << 16)
def _split(text: str, kind: int, brackets: bool) -> tuple[Piece, ...]:
    """The tokens of one item: (text, kind, has the item's time, tag)."""
    if kind == WORD:
        if brackets and text[0] == "[":
            sound = split_sound(text)
            if sound is not None:
                description, trail = sound
                head = (description, SOUND, True, sound_tag(description))
                return (head, (trail, PUNCTUATION, False, None)) if trail else (head,)
        lead, core, trail = split_edges(text)
        if not core:  # all punctuation
            return ((text, PUNCTUATION, True, None),)
        out: list[Piece] = []
        if lead:
            out.append((lead, PUNCTUATION, False, None))
        out.append((core, WORD, True, None))
        if trail:
            out.append((trail, PUNCTUATION, False, None))
        return tuple(out)
    if kind == SOUND:
        return ((text, SOUND, True, sound_tag(text)),)
    return ((text, PUNCTUATION, True, None),)


def _one_to_one(items: _Items, brackets: bool) -> _Sequences | None:
    """Step 2 when nothing is glued and no item is a mark of its own (Whisper, Deepgram,
    AssemblyAI, Google, Azure, most caption files): each item is a sequence with exactly
    one timed token, so the item columns are the sequences' and timed tokens' as they are."""
    if any(items.glue) or PUNCTUATION in items.kind:
        return None
    out = _Sequences()
    texts = items.text
    kinds = items.kind
    out.tokens, out.lists, out.weight = _plain_words(texts, kinds, brackets)
    out.speaker = items.speaker
    out.conf = items.conf
    out.flags = items.flags
    out.text = texts
    out.start, out.end, out.made_up = items.start, items.end, items.made_up
    out.may_end, out.may_turn = items.may_end, items.may_turn
    _inherit_speakers(out)
    return out


_ASCII_ALNUM = np.array([chr(c).isalnum() for c in range(128)])


def _plain_words(
    texts: list[str], kinds: list[int], brackets: bool
) -> tuple[list[Tokens | int], list[int], list[int]]:
    """Step 2 of items that each stand alone: per item its index (a plain word: a WORD
    item with a letter or digit at both ends) or its tokens; the indices of those that are
    token lists; and the weights (length + 1). The plain words are found at C speed where
    the first and last characters are ASCII (the rest are looked at one by one)."""
    n = len(texts)
    tokens: list[Tokens | int] = list(range(n))
    joined = "\x00".join(texts)
    if joined.count("\x00") != n - 1 or not n:  # a text holds the separator (or no text)
        candidates: list[int] = list(range(n))
        unsure: set[int] | range = range(n)  # (each is looked at)
        weights = [len(t) + 1 for t in texts]
    else:
        points = np.frombuffer(
            ("\x00" + joined + "\x00").encode("utf-32-le", "surrogatepass"), dtype=np.uint32
        )
        separators = np.flatnonzero(points == 0)
        first = points[separators[:-1] + 1]
        last = points[separators[1:] - 1]
        plain = _ASCII_ALNUM[np.minimum(first, 127)] & _ASCII_ALNUM[np.minimum(last, 127)]
        ascii = (first < 128) & (last < 128)
        plain &= ascii
        if kinds.count(WORD) != n:
            plain &= np.array(kinds) == WORD
        candidates = np.flatnonzero(~plain).tolist()
        unsure = set(np.flatnonzero(~ascii).tolist())  # a non-ASCII end: looked at below
        weights = np.diff(separators).tolist()  # each text's length + 1
    lists = []
    for i in candidates:
        t = texts[i]
        k = kinds[i]
        if unsure and i in unsure and k == WORD and t[0].isalnum() and t[-1].isalnum():
            continue  # (a plain word after all)
        tokens[i] = _tokens(t, k, brackets, i)
        lists.append(i)
    return tokens, lists, weights


def _tokens(text: str, kind: int, brackets: bool, index: int) -> Tokens:
    """The tokens of an item that stands alone, its one timed token numbered ``index``."""
    pieces = _split(text, kind, brackets)
    if len(pieces) == 2:  # a word and the mark after it (or before it), most often
        (a, a_kind, a_timed, a_tag), (b, b_kind, b_timed, b_tag) = pieces
        return [
            (a, a_kind, index if a_timed else -1, a_tag),
            (b, b_kind, index if b_timed else -1, b_tag),
        ]
    return [(p[0], p[1], index if p[2] else -1, p[3]) for p in pieces]


def _inherit_speakers(out: _Sequences) -> None:
    """A sequence without a speaker label belongs to the turn it is in."""
    who: str | None = None
    speakers = out.speaker
    flags = out.flags
    missing = speakers.count(None)
    if missing == 0 or (
        missing == len(speakers) and not (out.may_turn and any(map(_TURN.__and__, flags)))
    ):
        return  # every one has a label, or none has and no turn starts: nothing to inherit
    for j in range(len(speakers)):
        label = speakers[j]
        if label is None and not flags[j] & _TURN:
            speakers[j] = who
        else:
            who = label


def _sequences(items: _Items, brackets: bool) -> _Sequences:
    """Step 2: the items' tokens, grouped in sequences; the timed ones numbered in order."""
    fast = _one_to_one(items, brackets)
    if fast is not None:
        return fast
    out = _Sequences()
    seq_tokens, seq_speaker, seq_conf, seq_flags = out.tokens, out.speaker, out.conf, out.flags
    t_text, t_start, t_end, t_weight, t_made_up = (
        out.text,
        out.start,
        out.end,
        out.weight,
        out.made_up,
    )
    text, start, end, conf = items.text, items.start, items.end, items.conf
    speaker, kind, glue, made_up, flags = (
        items.speaker, items.kind, items.glue, items.made_up, items.flags
    )  # fmt: skip
    current: Tokens | None = None
    current_timed = False
    leading: Tokens = []  # glued marks waiting for their word
    leading_flags = 0
    glue_next = False

    def close_orphan() -> None:
        # a sequence of glued marks only: the first gets a time of its own (nothing after
        # it has been numbered yet, so the timed tokens stay in text order)
        assert current is not None
        head = current[0]
        current[0] = (head[0], head[1], len(t_start), head[3])
        t_text.append(head[0])
        t_start.append(None)
        t_end.append(None)
        t_weight.append(len(head[0]) + 1)
        t_made_up.append(False)

    for i in range(len(text)):
        t = text[i]
        k = kind[i]
        g = glue[i]
        f = flags[i]
        if (
            not g
            and not glue_next
            and k == WORD
            and not leading
            and t[0].isalnum()
            and t[-1].isalnum()
            and current_timed
        ):  # the plain word, a sequence of its own (most pieces): the short way
            current = None  # (an int in seq_tokens: nothing is glued to it)
            seq_tokens.append(len(t_start))
            seq_speaker.append(speaker[i])
            seq_conf.append(conf[i])
            seq_flags.append(f)
            t_text.append(t)
            t_start.append(start[i])
            t_end.append(end[i])
            t_weight.append(len(t) + 1)
            t_made_up.append(made_up[i])
            continue
        glued = bool(g & GLUE_PREVIOUS or glue_next) and not f & _TURN
        glue_next = bool(g & GLUE_NEXT)
        alone = not glued and not glue_next
        if glued and current is None and seq_tokens:  # glued to a plain word: reopen it
            current = _reopen(seq_tokens, t_text)
        if k == WORD and t[0].isalnum() and t[-1].isalnum():  # the plain word
            pieces = None
            timed = True
        else:
            pieces = _split(t, k, brackets)
            punctuation_only = k == PUNCTUATION or (
                len(pieces) == 1 and pieces[0][1] == PUNCTUATION
            )
            if punctuation_only and not alone:  # a glued mark has no time of its own
                pieces = tuple((p[0], p[1], False, p[3]) for p in pieces)
            timed = any(p[2] for p in pieces)
        joins = glued and current is not None and not leading
        if not joins and not timed and (glue_next or glued):
            leading.extend((p[0], p[1], -1, p[3]) for p in pieces or ())
            leading_flags |= f & _TURN
            continue
        if current is None or not joins:
            if current is not None and not current_timed:
                close_orphan()
            current = []
            seq_tokens.append(current)
            seq_speaker.append(speaker[i])
            seq_conf.append(None)
            seq_flags.append((f & _TURN) | leading_flags)
            current_timed = False
            if leading:
                current.extend(leading)
                leading = []
                leading_flags = 0
        if timed:
            c = conf[i]
            if c is not None:
                best = seq_conf[-1]
                if best is None or c < best:
                    seq_conf[-1] = c
            if not current_timed:
                seq_speaker[-1] = speaker[i] if speaker[i] is not None else seq_speaker[-1]
                current_timed = True
        if pieces is None:
            current.append((t, WORD, len(t_start), None))
            t_text.append(t)
            t_start.append(start[i])
            t_end.append(end[i])
            t_weight.append(len(t) + 1)
            t_made_up.append(made_up[i])
        else:
            for p_text, p_kind, p_timed, p_tag in pieces:
                if p_timed:
                    current.append((p_text, p_kind, len(t_start), p_tag))
                    t_text.append(p_text)
                    t_start.append(start[i])
                    t_end.append(end[i])
                    t_weight.append(len(t) + 1)
                    t_made_up.append(made_up[i])
                else:
                    current.append((p_text, p_kind, -1, p_tag))
        seq_flags[-1] |= f & (_EOS | _UNIT)
    if leading:  # marks glued forward at the very end: they close the last sequence
        if current is None and seq_tokens:
            current = _reopen(seq_tokens, t_text)
        if current is None:
            current = []
            seq_tokens.append(current)
            seq_speaker.append(None)
            seq_conf.append(None)
            seq_flags.append(leading_flags)
        current.extend(leading)
    if current is not None and not any(tok[2] >= 0 for tok in current):
        close_orphan()
    out.may_end, out.may_turn = items.may_end, items.may_turn
    _inherit_speakers(out)
    return out


def _reopen(seq_tokens: list[Tokens | int], t_text: list[str]) -> Tokens:
    """The last sequence as a token list (a plain word something is glued to after all)."""
    last = seq_tokens[-1]
    if type(last) is int:
        tokens: Tokens = [(t_text[last], WORD, last, None)]
        seq_tokens[-1] = tokens
        return tokens
    return last  # type: ignore[return-value]


def build(draft: Draft) -> ElementList:
    """The ElementList of ``draft`` (see the module docstring for every rule)."""
    sequences = _sequences(_items(draft), draft.brackets_are_sounds)
    fix_times(sequences.start, sequences.end, sequences.weight, sequences.made_up)
    return _document(draft, sequences)


# --- segments and the model -------------------------------------------------------------


def _speaker_ids(labels: Iterable[str | None]) -> tuple[dict[str, int], list[Speaker]]:
    appearing: dict[str | None, None] = dict.fromkeys(labels)  # (in order of appearance)
    appearing.pop(None, None)
    order = cast(dict[str, None], appearing)
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


def _text_of(tokens: Tokens | int, texts: list[str]) -> str:
    return texts[tokens] if type(tokens) is int else "".join(tok[0] for tok in tokens)  # type: ignore[union-attr]


def _lists_among(tokens: list[Tokens | int]) -> list[int]:
    """The indices of the sequences that are token lists (not a plain word's int)."""
    return list(compress(count(), map(operator.is_not, map(type, tokens), repeat(int))))


def _breaks(sequences: _Sequences, lists: list[int]) -> list[bool]:
    """Per sequence: does a segment end after it (step 4). ``lists``: the indices of the
    sequences that are not a plain word (only those can end a sentence by their text)."""
    tokens, flags, speakers, texts = (
        sequences.tokens,
        sequences.flags,
        sequences.speaker,
        sequences.text,
    )
    n = len(tokens)
    if sequences.may_end and any(map(_EOS.__and__, flags)):
        ends = list(map(bool, map(_EOS.__and__, flags)))
    else:
        ends = [False] * n
        final = SENTENCE_FINAL
        marked = False
        plain_words: Any = tokens  # (a plain word, an int here, ends with a letter or digit)
        for j in lists:
            toks = plain_words[j]
            last = toks[-1][0]
            c = last[-1]
            if c not in final and (c not in CLOSERS or not ends_sentence(last)):
                continue
            marked = True
            if j + 1 < n and last.rstrip(_CLOSERS_SPACE).endswith("."):
                following = plain_words[j + 1]
                head = texts[following] if type(following) is int else following[0][0]
                core = toks[0][0] if len(toks) == 2 and toks[0][1] == WORD else None
                if (
                    head.lstrip(OPENERS)[:1].islower()
                    or core is None
                    or core.lower() in ABBREVIATIONS
                ) and full_stop_continues(_text_of(toks, texts), _text_of(following, texts)):
                    continue
            ends[j] = True
        if not marked:
            ends = list(map(bool, map(_UNIT.__and__, flags)))
    if speakers.count(None) != n:  # a change of speaker
        for j in compress(count(), map(operator.ne, speakers, islice(speakers, 1, None))):
            ends[j] = True
    if sequences.may_turn:
        for j in compress(count(), map(_TURN.__and__, flags)):
            if j:
                ends[j - 1] = True
    if n:
        ends[-1] = True
    return ends


def _document(draft: Draft, sequences: _Sequences) -> ElementList:
    ids, speakers = _speaker_ids(sequences.speaker)
    lists = sequences.lists
    breaks = _breaks(sequences, _lists_among(sequences.tokens) if lists is None else lists)
    starts = cast(list[int], sequences.start)  # fix_times made every time known
    ends = cast(list[int], sequences.end)
    made_up, texts, confs = sequences.made_up, sequences.text, sequences.conf
    names = _TYPE_NAMES
    word = names[WORD]
    built: list[Sequence] = []
    made: list[bool] = []  # per sequence: a time in it is made up
    unworded: set[int] = set()  # the sequences without a word (sounds or marks only)
    append, made_append = built.append, made.append
    for j, (seq_tokens, conf) in enumerate(zip(sequences.tokens, confs, strict=True)):
        if type(seq_tokens) is int:  # the plain word
            text = texts[seq_tokens]
            value = text.lower()
            interpolated = made_up[seq_tokens]
            flag = True if interpolated else UNSET
            s = starts[seq_tokens]
            e = ends[seq_tokens]
            append(
                Sequence(s, e, [Token(s, e, value, word, UNSET if value == text else text, UNSET,
                                      flag)], flag, UNSET if conf is None else conf)
            )  # fmt: skip
            made_append(interpolated)
            continue
        if len(seq_tokens) == 2:  # type: ignore[arg-type]
            (text, kind, index, tag), (mark, mark_kind, mark_index, mark_tag) = seq_tokens  # type: ignore[misc]
            if index >= 0 and mark_index < 0:  # a timed token and a mark glued after it
                s = starts[index]
                e = ends[index]
                value = text.lower()
                mark_value = mark.lower()
                append(
                    Sequence(s, e, [
                        Token(s, e, value, names[kind], UNSET if value == text else text,
                              UNSET if tag is None else (tag,),
                              True if made_up[index] else UNSET),
                        Token(e, e, mark_value, names[mark_kind],
                              UNSET if mark_value == mark else mark,
                              UNSET if mark_tag is None else (mark_tag,), True),
                    ], True, UNSET if conf is None else conf)
                )  # fmt: skip
                made_append(True)
                if kind != WORD and mark_kind != WORD:
                    unworded.add(j)
                continue
        tokens = []
        interpolated = has_word = False
        time = next(starts[tok[2]] for tok in seq_tokens if tok[2] >= 0)  # type: ignore[union-attr]
        for text, kind, index, tag in seq_tokens:  # type: ignore[union-attr]
            if index >= 0:
                s = starts[index]
                e = time = ends[index]
                flag_made = made_up[index]
            else:  # glued: zero length where its word ends (or starts, leading)
                s = e = time
                flag_made = True
            value = text.lower()
            tokens.append(
                Token(s, e, value, names[kind], UNSET if value == text else text,
                      (tag,) if tag is not None else UNSET, True if flag_made else UNSET)
            )  # fmt: skip
            interpolated = interpolated or flag_made
            has_word = has_word or kind == WORD
        append(
            Sequence(tokens[0].start_time, tokens[-1].end_time, tokens,
                     True if interpolated else UNSET, UNSET if conf is None else conf)
        )  # fmt: skip
        made_append(interpolated)
        if not has_word:
            unworded.add(j)
    segments: list[Segment] = []
    previous_speaker: int | None = None
    head = 0  # the first sequence of the segment being built
    labels, flags = sequences.speaker, sequences.flags
    for j in compress(count(), breaks):
        stop = j + 1
        if not unworded or not unworded.issuperset(range(head, stop)):  # it holds a word
            last = built[j].tokens[-1]
            last.tags = _ENDS if last.tags is UNSET else (*last.tags, "ENDS_SENTENCE")
        label = labels[head]
        sid = None if label is None else ids[label]
        turn = bool(flags[head] & _TURN)
        change = turn if sid is None else (sid != previous_speaker or turn)
        segments.append(
            Segment(built[head].start_time, built[j].end_time, built[head:stop], change,
                    UNSET if sid is None else sid, True if any(made[head:stop]) else UNSET)
        )  # fmt: skip
        if sid is not None:
            previous_speaker = sid
        head = stop
    return ElementList(
        version=3,
        segments=segments,
        start_time=segments[0].start_time if segments else UNSET,
        end_time=segments[-1].end_time if segments else UNSET,
        language=draft.language if draft.language else UNSET,
        speakers=speakers if speakers else UNSET,
    )
