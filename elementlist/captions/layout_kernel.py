"""Pure-Python twin of the compiled layout kernel (``src_ext/_layout.pyx``).

Same function, same arguments, same results; ``elementlist.kernels`` picks one. The kernel
sees *units*: runs of tokens that never break apart (a word with its glued punctuation, a
speaker marker with the word after it). Per unit it gets the start and end time, the width
in grapheme clusters, the number of words, and a bit set (``U_*`` below) that the Python
prep (:mod:`elementlist.captions.layout`) derives from the options. It returns one code per unit:
``CONTINUE`` (same line as the unit before), ``NEW_LINE`` or ``NEW_CAPTION``.

The algorithm, in two passes, every cost an integer so both twins agree to the bit:

1. Captions. Hard caption starts (``U_HARD``) cut the units into blocks. Within a block a
   dynamic programme picks the caption boundaries of least total cost; a caption is
   admissible when its units fit ``lines_per_caption`` lines of ``chars_per_line``
   (greedy fill, which needs the fewest lines). A caption costs ``W_CAPTION``, plus the
   squared deviation of its duration from the target, plus the quality of the boundary
   after it (sentence end free, clause end cheap, a pause cheaper, after a
   no-break-after word dear), plus ``CROSS`` per sentence start it swallows when captions
   go by sentence, plus ``SHORT`` per word it lacks of ``words_min`` (so a too-short
   caption merges across a sentence start, never across a hard start), plus ``LONG`` when
   it outlasts ``max_ms``.
2. Lines. Each caption gets the fewest lines that hold it; a second programme places the
   breaks minimising the sum of squared line widths (balanced lines; top lines weigh a
   little more, so a bottom-heavy pyramid wins ties), plus the quality of each break.
   Forced line starts (``U_LINE``) are honoured.

``chars_per_line`` is never exceeded except under ``dangling``: the unit that ends a
sentence may overrun the line it would otherwise be wrapped from, alone.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

# Unit bits (keep in step with src_ext/_layout.pyx; tests compare them).
U_SPACE = 1  # a space goes before this unit when it is not first on its line
U_HARD = 2  # a caption must start here
U_SENTENCE = 4  # a caption should start here (caption_by_sentence): crossing costs CROSS
U_LINE = 8  # a line must start here when the unit shares a caption with the one before
U_SPEAKER = 16  # a speaker change inside a caption: a line break before it is preferred
U_NO_BREAK_AFTER = 32  # a line or caption should not end after this unit
U_SENTENCE_END = 64  # the unit ends a sentence
U_CLAUSE_END = 128  # the unit ends with , ; : and the like
U_OPENS_PHRASE = 256  # the unit starts with a conjunction or preposition: a fair break before

# Result codes, one per unit.
CONTINUE = 0
NEW_LINE = 1
NEW_CAPTION = 2

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
NO_BREAK_AFTER_COST = 80
SPEAKER_INSIDE_LINE = 30  # a speaker change that is not at the start of a line
PAUSE_STEP_MS = 25  # a pause before the boundary lowers its cost by 1 per 25 ms ...
PAUSE_CAP_MS = 1000  # ... up to 1 s
LONG = 1_000_000  # a caption longer than max_ms
DANGLE = 10_000_000  # the last word of a sentence alone (dangling=True)
CROSS = 1_000_000_000  # a sentence start inside a caption (caption_by_sentence)
SHORT = 10_000_000_000  # per word short of words_min

# Larger arguments act as these (they keep every cost inside int64).
MAX_CHARS = 1_000_000
MAX_TARGET_MS = 10_000_000
MAX_WORDS_MIN = 1000


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
) -> npt.NDArray[np.uint8]:
    """One code per unit: ``CONTINUE``, ``NEW_LINE`` or ``NEW_CAPTION``.

    ``max_ms`` ≤ 0 means no maximum; ``target_ms`` ≤ 0 means no target. Every unit must be
    at most ``chars_per_line`` wide (the prep guarantees it).
    """
    n = len(width)
    if not (len(start) == len(end) == len(bits) == len(words) == n):
        raise ValueError("layout_units: columns differ in length")
    if chars_per_line < 1 or lines_per_caption < 1:
        raise ValueError("layout_units: chars_per_line and lines_per_caption must be >= 1")
    # Clamp what would overflow int64 costs in the compiled twin (documented in layout.py).
    chars_per_line = min(chars_per_line, MAX_CHARS)
    target_ms = min(target_ms, MAX_TARGET_MS)
    words_min = min(words_min, MAX_WORDS_MIN)
    codes = np.zeros(n, dtype=np.uint8)
    if n == 0:
        return codes
    st: list[int] = start.tolist()
    en: list[int] = end.tolist()
    wd: list[int] = width.tolist()
    bt: list[int] = bits.tolist()
    wc: list[int] = words.tolist()
    for u in range(n):
        if wd[u] > chars_per_line:
            raise ValueError("layout_units: a unit is wider than chars_per_line")
    dangle = bool(dangling)
    cap_cost = _caption_break_costs(st, en, bt)
    line_cost = _line_break_costs(bt)

    # Pass 1: caption boundaries, block by block.
    caption_starts: list[int] = []
    best = [0] * (n + 1)
    prev = [0] * (n + 1)
    b0 = 0
    while b0 < n:
        b1 = b0 + 1
        while b1 < n and not (bt[b1] & U_HARD):
            b1 += 1
        for j in range(b0 + 1, b1 + 1):
            best[j] = INF
        best[b0] = 0
        for i in range(b0, b1):
            base = best[i]
            if base >= INF:
                continue
            base += W_CAPTION
            if dangle and i > b0 and bt[i] & U_SENTENCE_END and not (bt[i - 1] & U_SENTENCE_END):
                base += DANGLE
            lines = 1
            w = 0
            nwords = 0
            crossings = 0
            cend = en[i]
            for u in range(i, b1):
                uw = wd[u]
                ub = bt[u]
                if u == i:
                    w = uw
                else:
                    if ub & U_LINE:
                        lines += 1
                        w = uw
                    else:
                        sp = 1 if ub & U_SPACE else 0
                        if w + sp + uw <= chars_per_line or (
                            dangle and ub & U_SENTENCE_END and w <= chars_per_line
                        ):
                            w += sp + uw
                        else:
                            lines += 1
                            w = uw
                    if lines > lines_per_caption:
                        break
                    if ub & U_SENTENCE:
                        crossings += 1
                nwords += wc[u]
                if en[u] > cend:
                    cend = en[u]
                dur = cend - st[i]
                if dur < 0:
                    dur = 0
                cost = base + crossings * CROSS
                if target_ms > 0:
                    dev = dur - target_ms if dur > target_ms else target_ms - dur
                    if dev > 4 * target_ms:
                        dev = 4 * target_ms
                    cost += W_DURATION * dev * dev // (target_ms * target_ms)
                if max_ms > 0 and dur > max_ms and u > i:
                    cost += LONG
                if nwords < words_min:
                    cost += (words_min - nwords) * SHORT
                j = u + 1
                if j < b1:
                    cost += cap_cost[j]
                if cost < best[j]:
                    best[j] = cost
                    prev[j] = i
        block: list[int] = []
        j = b1
        while j > b0:
            j = prev[j]
            block.append(j)
        block.reverse()
        caption_starts.extend(block)
        b0 = b1

    # Pass 2: line breaks inside each caption.
    caption_starts.append(n)
    for c in range(len(caption_starts) - 1):
        a = caption_starts[c]
        b = caption_starts[c + 1]
        codes[a] = NEW_CAPTION
        q = _lines_needed(wd, bt, a, b, chars_per_line, dangle)
        if q > 1:
            for s in _line_starts(wd, bt, line_cost, a, b, q, chars_per_line, dangle):
                codes[s] = NEW_LINE
    return codes


def _caption_break_costs(st: list[int], en: list[int], bt: list[int]) -> list[int]:
    """Cost of a caption boundary before unit j (index j; j = 0 unused)."""
    n = len(bt)
    out = [0] * (n + 1)
    for j in range(1, n):
        pb = bt[j - 1]
        if pb & U_SENTENCE_END:
            c = 0
        elif pb & U_CLAUSE_END:
            c = CAPTION_BREAK_CLAUSE
        elif bt[j] & U_SPEAKER:
            c = 0
        elif bt[j] & U_OPENS_PHRASE:
            c = CAPTION_BREAK_PHRASE
        else:
            c = CAPTION_BREAK_PLAIN
        gap = st[j] - en[j - 1]
        if gap > 0:
            c -= (gap if gap < PAUSE_CAP_MS else PAUSE_CAP_MS) // PAUSE_STEP_MS
            if c < 0:
                c = 0
        if pb & U_NO_BREAK_AFTER:
            c += NO_BREAK_AFTER_COST
        out[j] = c
    return out


def _line_break_costs(bt: list[int]) -> list[int]:
    """Cost of a line break before unit j inside a caption."""
    n = len(bt)
    out = [0] * (n + 1)
    for j in range(1, n):
        pb = bt[j - 1]
        if pb & U_SENTENCE_END or bt[j] & (U_SPEAKER | U_LINE):
            c = 0
        elif pb & U_CLAUSE_END:
            c = LINE_BREAK_CLAUSE
        elif bt[j] & U_OPENS_PHRASE:
            c = LINE_BREAK_PHRASE
        else:
            c = LINE_BREAK_PLAIN
        if pb & U_NO_BREAK_AFTER:
            c += NO_BREAK_AFTER_COST
        out[j] = c
    return out


def _lines_needed(wd: list[int], bt: list[int], a: int, b: int, cpl: int, dangle: bool) -> int:
    """The fewest lines that hold units [a, b) (greedy fill is optimal here)."""
    lines = 1
    w = wd[a]
    for u in range(a + 1, b):
        uw = wd[u]
        ub = bt[u]
        if ub & U_LINE:
            lines += 1
            w = uw
            continue
        sp = 1 if ub & U_SPACE else 0
        if w + sp + uw <= cpl or (dangle and ub & U_SENTENCE_END and w <= cpl):
            w += sp + uw
        else:
            lines += 1
            w = uw
    return lines


def _line_starts(
    wd: list[int],
    bt: list[int],
    line_cost: list[int],
    a: int,
    b: int,
    q: int,
    cpl: int,
    dangle: bool,
) -> list[int]:
    """Start units of lines 2..q of the best layout of units [a, b) in exactly q lines."""
    m = b - a
    stride = m + 1
    f = [INF] * ((q + 1) * stride)
    back = [0] * ((q + 1) * stride)
    f[0] = 0
    cc = cpl * cpl
    for k in range(1, q + 1):
        weight = 100 + 3 * (q - k)
        row = k * stride
        prow = (k - 1) * stride
        for j in range(a + 1, b + 1):
            best = INF
            arg = -1
            w = 0
            speakers = 0
            tail = 0  # width of the last unit with its space, for the dangling exception
            for i in range(j - 1, a - 1, -1):
                if i == j - 1:
                    w = wd[i]
                    tail = wd[i] + (1 if bt[i] & U_SPACE else 0)
                else:
                    nb = bt[i + 1]
                    if nb & U_LINE:
                        break
                    w += wd[i] + (1 if nb & U_SPACE else 0)
                    if nb & U_SPEAKER:
                        speakers += 1
                if w > cpl and not (
                    dangle and i < j - 1 and bt[j - 1] & U_SENTENCE_END and w - tail <= cpl
                ):
                    break
                p = f[prow + i - a]
                if p >= INF:
                    continue
                c = p + w * w * weight // cc + speakers * SPEAKER_INSIDE_LINE
                if j < b:
                    c += line_cost[j]
                if (
                    dangle
                    and k > 1
                    and i == j - 1
                    and bt[i] & U_SENTENCE_END
                    and not (bt[i - 1] & U_SENTENCE_END)
                ):
                    c += DANGLE
                if c < best:
                    best = c
                    arg = i
            f[row + j - a] = best
            back[row + j - a] = arg
    starts: list[int] = []
    j = b
    for k in range(q, 1, -1):
        i = back[k * stride + j - a]
        starts.append(i)
        j = i
    return starts
