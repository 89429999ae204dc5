"""The layout kernel in pure Python: the readable reference of the compiled twin.

Same function, same arguments, same results as ``src_ext/_layout.pyx``;
:mod:`elementlist.kernels` picks one. The kernel sees *units*: runs of tokens that never
break apart (a word with its glued punctuation, a speaker marker with the word after it).
Per unit it gets the start and end time, the width in grapheme clusters, the number of
words, and a bit set (:class:`~.units.UnitBit`) that the prep (:mod:`.prepare`) derives from
the options. It returns one :class:`~.units.UnitStart` per unit: ``CONTINUE`` (same line as
the unit before), ``NEW_LINE`` or ``NEW_CAPTION``.

The algorithm, in two passes, every cost an integer so both twins agree to the bit:

1. Captions (:func:`choose_caption_starts`). Hard caption starts (``HARD``) cut the units
   into blocks (:func:`hard_blocks`). Within a block a dynamic programme
   (:func:`best_captions`) picks the caption boundaries of least total cost; a caption is
   admissible when its units fit ``lines_per_caption`` lines of ``chars_per_line`` (greedy
   fill, which needs the fewest lines: :func:`greedy_lines`). A caption costs ``W_CAPTION``
   (plus ``DANGLE`` for a caption opened by a sentence's lone last word:
   :func:`opening_cost`), plus the squared deviation of its duration from the target, plus
   ``CROSS`` per sentence start it swallows when captions go by sentence, plus ``SHORT``
   per word it lacks of ``words_min`` (so a too-short caption merges across a sentence
   start, never across a hard start), plus ``LONG`` when it outlasts ``max_ms``
   (:func:`caption_cost`), plus ``BAD_LINE_END`` when its fewest lines cannot all end
   clean, that is after no no-break-after unit (:func:`clean_lines`): a caption with no
   clean break that leaves every line within the limit would make pass 2 end a line on
   "the" or "and", so the words are shared out between captions otherwise where that costs
   less; plus the quality of the boundary after it
   (:func:`caption_break_costs`: sentence end free, clause end cheap, a pause cheaper,
   after a no-break-after word ``BAD_LINE_END`` more), plus, under a reading-speed limit
   (``max_cps``, ``max_wpm``), :func:`reading_cost` when its words cannot be read at it
   even in the time until the next caption's start, so a cut moves to where the words
   have time (the timing then takes that time from the silence).
2. Lines (:func:`choose_line_starts`). Each caption gets the fewest lines that hold it
   (:func:`lines_needed`); a second programme places the breaks minimising the sum of
   squared line widths (balanced lines; top lines weigh a little more, and of layouts of
   equal cost the one with the longer lower lines wins, so a bottom-heavy pyramid wins
   ties), plus the quality of each break (:func:`line_break_costs`). Forced line starts
   (``LINE``) are honoured.

``chars_per_line`` is never exceeded except under ``dangling``: the unit that ends a
sentence may overrun the line it would otherwise be wrapped from, alone.

The compiled twin runs the same loops in the same order with the same comparisons;
this one names each step. Where a step is a Python generator here, it is an inline loop
there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from .units import UnitBit, UnitStart

# The bits as plain ints: an IntFlag operation is a Python call, these loops are hot.
SPACE = UnitBit.SPACE.value
HARD = UnitBit.HARD.value
SENTENCE = UnitBit.SENTENCE.value
LINE = UnitBit.LINE.value
SPEAKER = UnitBit.SPEAKER.value
NO_BREAK_AFTER = UnitBit.NO_BREAK_AFTER.value
SENTENCE_END = UnitBit.SENTENCE_END.value
CLAUSE_END = UnitBit.CLAUSE_END.value
OPENS_PHRASE = UnitBit.OPENS_PHRASE.value

# Costs (integers: both twins must agree exactly).
INF = 1 << 62
W_CAPTION = 40  # every caption: fewer, fuller captions unless something argues otherwise
W_DURATION = 300  # times ((duration - target) / target) ** 2, deviation capped at 4 targets
CAPTION_BREAK_PLAIN = 60
CAPTION_BREAK_CLAUSE = 20
CAPTION_BREAK_PHRASE = 35
LINE_BREAK_PLAIN = 30
LINE_BREAK_CLAUSE = 8
LINE_BREAK_PHRASE = 24
NO_BREAK_AFTER_COST = 80  # pass 2: a line break after a no-break-after unit
# Pass 1 prices a line end after a no-break-after unit above any duration: a caption
# boundary there, or a caption whose fewest lines cannot all end clean (clean_lines), costs
# twice pass 2's price plus W_DURATION, more than the duration term of any caption within
# twice the target. So where a sentence has no clean break in its lines (75-85 characters
# in 2 x 42), sharing its words between two captions at a clean break wins even when that
# moves both durations further from the target (one caption of ~1 s and one of ~2 s
# against one of 3-4 s costs up to ~250 more); at twice pass 2's price alone (160) five of
# 234 line breaks over the real documents stayed on "the", "and", "doesn't" under
# netflix-en, and 400 to 1000 give the same captions there (none left). The one price
# keeps a bad break from just moving to a caption's end.
BAD_LINE_END = 2 * NO_BREAK_AFTER_COST + W_DURATION
SPEAKER_INSIDE_LINE = 30  # a speaker change that is not at the start of a line
PAUSE_STEP_MS = 25  # a pause before the boundary lowers its cost by 1 per 25 ms ...
PAUSE_CAP_MS = 1000  # ... up to 1 s
LONG = 1_000_000  # a caption longer than max_ms
DANGLE = 10_000_000  # the last word of a sentence alone (dangling=True)
CROSS = 1_000_000_000  # a sentence start inside a caption (caption_by_sentence)
SHORT = 10_000_000_000  # per word short of words_min
# A caption read faster than max_cps / max_wpm even shown until the next caption's start
# (the time the timing's reading-speed step can give it): READ_FAST, plus W_READ times the
# squared share of the time it needs that it lacks. Above a plain caption boundary (60) and
# a caption (40), below a line end on a function word (BAD_LINE_END). Over the 23 real
# documents, each profile's captions too fast: dcmp 228 -> 209 of 445 (TOO-SHORT 26 -> 21),
# netflix-en 106 -> 101, netflix-en-kids 163 -> 154, bbc 206 -> 191 (flat 50-150 with
# 0-300 squared gave 203-210 under dcmp; higher prices end more lines on function words).
READ_FAST = 100
W_READ = 100

# Larger arguments act as these (they keep every cost inside int64).
MAX_CHARS = 1_000_000
MAX_TARGET_MS = 10_000_000
MAX_WORDS_MIN = 1000


@dataclass(frozen=True, slots=True)
class Units:
    """The unit columns as Python lists, what every step reads."""

    start: list[int]
    end: list[int]
    width: list[int]
    bits: list[int]
    words: list[int]


@dataclass(frozen=True, slots=True)
class Limits:
    """The layout's scalar arguments, clamped (``max_ms``/``target_ms`` ≤ 0: none)."""

    chars_per_line: int
    lines_per_caption: int
    target_ms: int
    max_ms: int
    words_min: int
    dangling: bool
    max_cps: int = 0  # reading speed, characters per second (0: none)
    max_wpm: int = 0  # reading speed, words per minute (0: none)


def layout_units(
    start: npt.NDArray[np.int64],
    end: npt.NDArray[np.int64],
    width: npt.NDArray[np.int32],
    bits: npt.NDArray[np.uint16],
    words: npt.NDArray[np.int32],
    chars_per_line: int,
    lines_per_caption: int,
    target_ms: int,
    max_ms: int,
    words_min: int,
    dangling: bool,
    max_cps: int = 0,
    max_wpm: int = 0,
) -> npt.NDArray[np.uint8]:
    """One :class:`~.units.UnitStart` code per unit.

    ``max_ms`` ≤ 0 means no maximum; ``target_ms`` ≤ 0 means no target; ``max_cps`` /
    ``max_wpm`` ≤ 0 mean no reading-speed limit. Every unit must be at most
    ``chars_per_line`` wide (the prep guarantees it).
    """
    n = len(width)
    if not (len(start) == len(end) == len(bits) == len(words) == n):
        raise ValueError("layout_units: columns differ in length")
    if chars_per_line < 1 or lines_per_caption < 1:
        raise ValueError("layout_units: chars_per_line and lines_per_caption must be >= 1")
    limits = Limits(
        chars_per_line=min(chars_per_line, MAX_CHARS),
        lines_per_caption=lines_per_caption,
        target_ms=min(target_ms, MAX_TARGET_MS),
        max_ms=max_ms,
        words_min=min(words_min, MAX_WORDS_MIN),
        dangling=bool(dangling),
        max_cps=max(max_cps, 0),
        max_wpm=max(max_wpm, 0),
    )
    codes = np.zeros(n, dtype=np.uint8)
    if n == 0:
        return codes
    units = Units(start.tolist(), end.tolist(), width.tolist(), bits.tolist(), words.tolist())
    if max(units.width) > limits.chars_per_line:
        raise ValueError("layout_units: a unit is wider than chars_per_line")
    caption_starts = choose_caption_starts(units, limits)
    line_cost = line_break_costs(units.bits)
    for a, b in pairwise([*caption_starts, n]):
        codes[a] = UnitStart.NEW_CAPTION
        for s in choose_line_starts(units, line_cost, a, b, limits):
            codes[s] = UnitStart.NEW_LINE
    return codes


# --- the cost of a boundary -----------------------------------------------------------------


def caption_break_costs(units: Units) -> list[int]:
    """Cost of a caption boundary before unit j (index j; j = 0 unused)."""
    st, en, bt = units.start, units.end, units.bits
    n = len(bt)
    out = [0] * (n + 1)
    for j in range(1, n):
        pb = bt[j - 1]
        if pb & SENTENCE_END:
            c = 0
        elif pb & CLAUSE_END:
            c = CAPTION_BREAK_CLAUSE
        elif bt[j] & SPEAKER:
            c = 0
        elif bt[j] & OPENS_PHRASE:
            c = CAPTION_BREAK_PHRASE
        else:
            c = CAPTION_BREAK_PLAIN
        gap = st[j] - en[j - 1]
        if gap > 0:
            c = max(c - min(gap, PAUSE_CAP_MS) // PAUSE_STEP_MS, 0)
        if pb & NO_BREAK_AFTER:
            c += BAD_LINE_END
        out[j] = c
    return out


def line_break_costs(bt: list[int]) -> list[int]:
    """Cost of a line break before unit j inside a caption."""
    n = len(bt)
    out = [0] * (n + 1)
    for j in range(1, n):
        pb = bt[j - 1]
        if pb & SENTENCE_END or bt[j] & (SPEAKER | LINE):
            c = 0
        elif pb & CLAUSE_END:
            c = LINE_BREAK_CLAUSE
        elif bt[j] & OPENS_PHRASE:
            c = LINE_BREAK_PHRASE
        else:
            c = LINE_BREAK_PLAIN
        if pb & NO_BREAK_AFTER:
            c += NO_BREAK_AFTER_COST
        out[j] = c
    return out


# --- pass 1: captions -----------------------------------------------------------------------


def choose_caption_starts(units: Units, limits: Limits) -> list[int]:
    """The first unit of every caption, in order: the best captions of each hard block."""
    cap_cost = caption_break_costs(units)
    starts: list[int] = []
    for b0, b1 in hard_blocks(units.bits):
        starts.extend(best_captions(units, cap_cost, b0, b1, limits))
    return starts


def hard_blocks(bt: list[int]) -> Iterator[tuple[int, int]]:
    """The blocks [b0, b1) between hard caption starts (the first unit always starts one)."""
    n = len(bt)
    b0 = 0
    while b0 < n:
        b1 = b0 + 1
        while b1 < n and not bt[b1] & HARD:
            b1 += 1
        yield b0, b1
        b0 = b1


def best_captions(units: Units, cap_cost: list[int], b0: int, b1: int, limits: Limits) -> list[int]:
    """The caption starts of least total cost for the units [b0, b1).

    ``best[j]`` is the least cost of captions covering [b0, j) and ``prev[j]`` the start
    of the last of them; candidates are tried in order of start, then of end, and only a
    strictly lower cost replaces the best so far.
    """
    best = [INF] * (b1 - b0 + 1)  # indexed j - b0
    prev = [0] * (b1 - b0 + 1)
    best[0] = 0
    for i in range(b0, b1):
        reached = best[i - b0]
        if reached >= INF:
            continue
        base = reached + opening_cost(units.bits, i, b0, limits.dangling)
        for j, cost in captions_from(units, i, b1, limits):
            if j < b1:
                cost += cap_cost[j]
            if base + cost < best[j - b0]:
                best[j - b0] = base + cost
                prev[j - b0] = i
    starts: list[int] = []
    j = b1
    while j > b0:
        j = prev[j - b0]
        starts.append(j)
    starts.reverse()
    return starts


def opening_cost(bt: list[int], i: int, b0: int, dangling: bool) -> int:
    """What opening a caption at unit ``i`` costs: ``W_CAPTION``, and ``DANGLE`` when it
    would leave the unit before it as a sentence's last word alone (``dangling``)."""
    if dangling and i > b0 and bt[i] & SENTENCE_END and not bt[i - 1] & SENTENCE_END:
        return W_CAPTION + DANGLE
    return W_CAPTION


def captions_from(units: Units, i: int, b1: int, limits: Limits) -> Iterator[tuple[int, int]]:
    """Each admissible caption [i, j) with j ≤ b1, shortest first, with its cost
    (:func:`caption_cost`; the boundary after it not included): the lines
    :func:`greedy_lines` fills must not outnumber ``lines_per_caption``. A caption whose
    fewest lines cannot all end clean (:func:`clean_lines` needs more) also costs
    ``BAD_LINE_END``: pass 2 would have to end a line on a no-break-after unit."""
    bt, wc, st, en = units.bits, units.words, units.start, units.end
    wd, n = units.width, len(units.width)
    most_lines = limits.lines_per_caption
    words = 0
    chars = 0  # the greedy lines' widths: the characters a reader reads
    crossings = 0
    caption_end = en[i]
    last_lines = 1
    fills = zip(greedy_lines(units, i, b1, limits), clean_lines(units, i, b1, limits), strict=True)
    for u, (lines, clean) in zip(range(i, b1), fills, strict=True):
        if lines > most_lines:
            return
        if u > i and bt[u] & SENTENCE:
            crossings += 1
        if u > i and lines == last_lines and bt[u] & SPACE:
            chars += 1
        chars += wd[u]
        last_lines = lines
        words += wc[u]
        if en[u] > caption_end:
            caption_end = en[u]
        duration = caption_end - st[i]
        cost = caption_cost(duration if duration > 0 else 0, words, crossings, u > i, limits)
        if clean != lines:
            cost += BAD_LINE_END
        if u + 1 < n:
            cost += reading_cost(chars, words, st[u + 1] - st[i], limits)
        yield u + 1, cost


def greedy_lines(units: Units, a: int, b: int, limits: Limits) -> Iterator[int]:
    """Greedy fill of units [a, b) into lines: after each unit, the lines used so far.

    A unit goes on the current line when it fits (with its space), else it starts a new
    one; a forced line start (``LINE``) always does. Under ``dangling`` the unit that ends
    a sentence may overrun the line instead of wrapping alone.
    """
    wd, bt = units.width, units.bits
    cpl, dangling = limits.chars_per_line, limits.dangling
    lines = 1
    w = wd[a]
    yield lines
    for u in range(a + 1, b):
        ub = bt[u]
        uw = wd[u]
        sp = 1 if ub & SPACE else 0
        if not ub & LINE and (w + sp + uw <= cpl or (dangling and ub & SENTENCE_END and w <= cpl)):
            w += sp + uw
        else:
            lines += 1
            w = uw
        yield lines


def clean_lines(units: Units, a: int, b: int, limits: Limits) -> Iterator[int]:
    """Greedy fill of units [a, b) into lines that never end after a ``NO_BREAK_AFTER``
    unit (a forced line start aside): after each unit, the fewest such lines, or ``INF``
    once there are none.

    Like :func:`greedy_lines`, but a unit that does not fit wraps with the units after the
    line's last clean break (``p``, the line from it ``pw`` wide) when the break just before
    it is not clean. Taking the furthest clean break each time needs the fewest lines (a
    line that fits still fits when it starts later), so the caption's fewest lines can all
    end clean exactly when this count equals greedy_lines'.
    """
    wd, bt = units.width, units.bits
    cpl, dangling = limits.chars_per_line, limits.dangling
    lines = 1
    w = wd[a]
    p = -1  # the last unit of this line a clean line may start at (none: -1)
    pw = 0
    yield lines
    for u in range(a + 1, b):
        if lines >= INF:
            yield INF
            continue
        ub = bt[u]
        uw = wd[u]
        sp = 1 if ub & SPACE else 0
        clean = not bt[u - 1] & NO_BREAK_AFTER
        if ub & LINE:
            lines += 1
            w = uw
            p = -1
        elif w + sp + uw <= cpl or (dangling and ub & SENTENCE_END and w <= cpl):
            w += sp + uw
            if clean:
                p = u
                pw = uw
            elif p >= 0:
                pw += sp + uw
        elif clean:
            lines += 1
            w = uw
            p = -1
        elif p >= 0 and (pw + sp + uw <= cpl or (dangling and ub & SENTENCE_END and pw <= cpl)):
            lines += 1
            w = pw + sp + uw
            p = -1
        else:
            lines = INF
        yield lines


def caption_cost(duration: int, words: int, crossings: int, several: bool, limits: Limits) -> int:
    """A caption's own cost (``W_CAPTION`` aside): ``W_DURATION`` times the squared relative
    deviation of its duration from the target (the deviation capped at four targets;
    nothing without a target), ``CROSS`` per sentence start it crosses, ``SHORT`` per word
    it lacks of ``words_min``, and ``LONG`` when a caption of ``several`` units outlasts
    ``max_ms``."""
    cost = crossings * CROSS
    target = limits.target_ms
    if target > 0:
        deviation = duration - target if duration > target else target - duration
        if deviation > 4 * target:
            deviation = 4 * target
        cost += W_DURATION * deviation * deviation // (target * target)
    if limits.max_ms > 0 and duration > limits.max_ms and several:
        cost += LONG
    if words < limits.words_min:
        cost += (limits.words_min - words) * SHORT
    return cost


def reading_cost(chars: int, words: int, available: int, limits: Limits) -> int:
    """What a caption of ``chars`` characters and ``words`` words costs when the time until
    the next caption's start, ``available`` ms, is less than its words need at
    ``max_cps`` / ``max_wpm`` (rounded up, as the timing's ``ReadingLimits.needed_ms``):
    ``READ_FAST`` plus ``W_READ`` times the squared share of the need it lacks; 0 without
    a limit or when it has the time. The last caption costs nothing (silence follows it)."""
    need = 0
    if limits.max_cps > 0:
        need = -(-chars * 1000 // limits.max_cps)
    if limits.max_wpm > 0:
        by_words = -(-words * 60_000 // limits.max_wpm)
        if by_words > need:
            need = by_words
    if available < 0:
        available = 0
    if need <= available:
        return 0
    over = need - available
    return READ_FAST + W_READ * over // need * over // need


# --- pass 2: lines --------------------------------------------------------------------------


def choose_line_starts(
    units: Units, line_cost: list[int], a: int, b: int, limits: Limits
) -> list[int]:
    """The units that start lines 2, 3 … of the caption [a, b)."""
    q = lines_needed(units, a, b, limits)
    if q == 1:
        return []
    return balanced_line_starts(units, line_cost, a, b, q, limits)


def lines_needed(units: Units, a: int, b: int, limits: Limits) -> int:
    """The fewest lines that hold units [a, b) (greedy fill is optimal here)."""
    *_, lines = greedy_lines(units, a, b, limits)  # the count after the last unit
    return lines


def balanced_line_starts(
    units: Units, line_cost: list[int], a: int, b: int, q: int, limits: Limits
) -> list[int]:
    """Start units of lines 2..q of the best layout of units [a, b) in exactly q lines.

    ``f[k][j - a]`` is the least cost of units [a, j) in k lines; the k-th line [i, j)
    costs its squared width (weighted ``100 + 3·(q - k)``, so upper lines weigh more),
    ``SPEAKER_INSIDE_LINE`` per speaker change inside it, the break after it and, under
    ``dangling``, ``DANGLE`` when it is a sentence's last word alone. Of candidates of
    equal cost the last tried wins (``<=``): the longest last line, so a tie goes to the
    bottom-heavy layout (Netflix, BBC).
    """
    cpl, dangling = limits.chars_per_line, limits.dangling
    bt = units.bits
    width_scale = cpl * cpl
    f = [[INF] * (b - a + 1) for _ in range(q + 1)]
    back = [[0] * (b - a + 1) for _ in range(q + 1)]
    f[0][0] = 0
    for k in range(1, q + 1):
        weight = 100 + 3 * (q - k)
        for j in range(a + 1, b + 1):
            best = INF
            arg = -1
            for i, w, speakers in last_lines(units, a, j, cpl, dangling):
                p = f[k - 1][i - a]
                if p >= INF:
                    continue
                c = p + w * w * weight // width_scale + speakers * SPEAKER_INSIDE_LINE
                if j < b:
                    c += line_cost[j]
                if k > 1 and i == j - 1 and lone_sentence_end(bt, i, dangling):
                    c += DANGLE
                if c <= best:
                    best = c
                    arg = i
            f[k][j - a] = best
            back[k][j - a] = arg
    starts: list[int] = []
    j = b
    for k in range(q, 1, -1):
        j = back[k][j - a]
        starts.append(j)
    return starts


def last_lines(
    units: Units, a: int, j: int, cpl: int, dangling: bool
) -> Iterator[tuple[int, int, int]]:
    """Each line [i, j) that may end before unit j, shortest first (a ≤ i < j): its start,
    its width and the speaker changes inside it. A line never reaches back past a forced
    line start, and is at most ``cpl`` wide (under ``dangling``, but for the unit that ends
    a sentence at its end)."""
    wd, bt = units.width, units.bits
    i = j - 1
    w = wd[i]
    tail = w + (1 if bt[i] & SPACE else 0)  # the last unit with its space
    may_dangle = dangling and bt[j - 1] & SENTENCE_END
    speakers = 0
    while True:
        yield i, w, speakers
        i -= 1
        if i < a:
            return
        nb = bt[i + 1]
        if nb & LINE:
            return
        w += wd[i] + (1 if nb & SPACE else 0)
        if nb & SPEAKER:
            speakers += 1
        if w > cpl and not (may_dangle and w - tail <= cpl):
            return


def lone_sentence_end(bt: list[int], i: int, dangling: bool) -> bool:
    """Under ``dangling``: unit ``i`` ends a sentence the unit before it does not end."""
    return bool(dangling and bt[i] & SENTENCE_END and not bt[i - 1] & SENTENCE_END)


__all__ = ["MAX_CHARS", "MAX_TARGET_MS", "MAX_WORDS_MIN", "layout_units"]
