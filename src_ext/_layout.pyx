# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled layout kernel; twin of ``elementlist/captions/layout_kernel.py`` (read that one
first: it names every step). Here ``_break_costs`` is its caption_break_costs and
line_break_costs in one loop, ``_caption_starts`` its choose_caption_starts (with
best_captions, captions_from, greedy_lines, caption_cost and reading_cost inline), ``_lines_needed`` and
``_balanced_line_starts`` (with last_lines inline) the same as there; clean_lines runs
inline beside greedy_lines in ``_caption_starts`` (``clines``, ``cw``, ``cp``, ``cpw``).

Same function, arguments and results. The unit bits and result codes (SPACE … OPENS_PHRASE,
CONTINUE, NEW_LINE, NEW_CAPTION) are declared in ``elementlist._layout.pxd`` beside this
file, which Cython reads first. Costs are integers and every loop visits candidates in the
same order with the same comparisons, so the two agree to the bit. The work runs
without the GIL over the columns' data (src_ext/column_data.pxd); only argument checks and
allocation hold it.
"""

from cpython.list cimport PyList_GET_ITEM
from cpython.object cimport PyObject
from cpython.ref cimport Py_DECREF, Py_INCREF
from cpython.tuple cimport PyTuple_New, PyTuple_SET_ITEM
from libc.stdint cimport INT32_MAX, int32_t, int64_t, uint8_t, uint16_t
from libc.stdlib cimport free, malloc

cimport numpy as cnp

from column_data cimport (
    as_column, column_data, column_length, column_of_length, new_column, zeroed_column,
)
from text_write cimport (
    PyUnicode_CheckExact, PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND,
    PyUnicode_MAX_CHAR_VALUE, PyUnicode_New, PyUnicode_READ, PyUnicode_WRITE, put_text,
)

cnp.import_array()

cdef int64_t INF = (<int64_t>1) << 62
cdef int64_t W_CAPTION = 40
cdef int64_t W_DURATION = 300
cdef int64_t CAPTION_BREAK_PLAIN = 60
cdef int64_t CAPTION_BREAK_CLAUSE = 20
cdef int64_t CAPTION_BREAK_PHRASE = 35
cdef int64_t LINE_BREAK_PLAIN = 30
cdef int64_t LINE_BREAK_CLAUSE = 8
cdef int64_t LINE_BREAK_PHRASE = 24
cdef int64_t NO_BREAK_AFTER_COST = 80
cdef int64_t BAD_LINE_END = 2 * 80 + 300  # twice NO_BREAK_AFTER_COST, plus W_DURATION
cdef int64_t SPEAKER_INSIDE_LINE = 30
cdef int64_t PAUSE_STEP_MS = 25
cdef int64_t PAUSE_CAP_MS = 1000
cdef int64_t LONG = 1000000
cdef int64_t DANGLE = 10000000
cdef int64_t CROSS = 1000000000
cdef int64_t SHORT = 10000000000
cdef int64_t READ_FAST = 100
cdef int64_t W_READ = 100

MAX_CHARS = 1000000
MAX_TARGET_MS = 10000000
MAX_WORDS_MIN = 1000


def layout_units(
    start,
    end,
    width,
    bits,
    words,
    int64_t chars_per_line,
    int64_t lines_per_caption,
    int64_t target_ms,
    int64_t max_ms,
    int64_t words_min,
    bint dangling,
    int64_t max_cps=0,
    int64_t max_wpm=0,
):
    """One code per unit: ``CONTINUE``, ``NEW_LINE`` or ``NEW_CAPTION``."""
    cdef cnp.ndarray width_a = as_column(width, cnp.NPY_INT32)
    cdef Py_ssize_t n = column_length(width_a)
    cdef str unequal = "layout_units: columns differ in length"
    cdef cnp.ndarray start_a = column_of_length(start, cnp.NPY_INT64, n, unequal)
    cdef cnp.ndarray end_a = column_of_length(end, cnp.NPY_INT64, n, unequal)
    cdef cnp.ndarray bits_a = column_of_length(bits, cnp.NPY_UINT16, n, unequal)
    cdef cnp.ndarray words_a = column_of_length(words, cnp.NPY_INT32, n, unequal)
    cdef const int64_t* start_p = <const int64_t*>column_data(start_a)
    cdef const int64_t* end_p = <const int64_t*>column_data(end_a)
    cdef const int32_t* width_p = <const int32_t*>column_data(width_a)
    cdef const uint16_t* bits_p = <const uint16_t*>column_data(bits_a)
    cdef const int32_t* words_p = <const int32_t*>column_data(words_a)
    if chars_per_line < 1 or lines_per_caption < 1:
        raise ValueError("layout_units: chars_per_line and lines_per_caption must be >= 1")
    if chars_per_line > MAX_CHARS:
        chars_per_line = MAX_CHARS
    if target_ms > MAX_TARGET_MS:
        target_ms = MAX_TARGET_MS
    if words_min > MAX_WORDS_MIN:
        words_min = MAX_WORDS_MIN
    if max_cps < 0:
        max_cps = 0
    if max_wpm < 0:
        max_wpm = 0
    cdef cnp.ndarray codes_arr = zeroed_column(n, cnp.NPY_UINT8)
    cdef uint8_t* codes = <uint8_t*>column_data(codes_arr)
    if n == 0:
        return codes_arr
    cdef Py_ssize_t u
    for u in range(n):
        if width_p[u] > chars_per_line:
            raise ValueError("layout_units: a unit is wider than chars_per_line")

    if n >= INT32_MAX:
        raise ValueError("layout_units: more units than an int32 counts")
    # per-unit scratch: break costs (small constants) and unit indices fit in int32, half
    # the memory of int64 for a long document (issue 11); only the running totals need 64
    cdef int32_t *cap_cost = <int32_t *>malloc((n + 1) * sizeof(int32_t))
    cdef int32_t *line_cost = <int32_t *>malloc((n + 1) * sizeof(int32_t))
    cdef int64_t *best = <int64_t *>malloc((n + 1) * sizeof(int64_t))
    cdef int32_t *prev = <int32_t *>malloc((n + 1) * sizeof(int32_t))
    cdef int32_t *cstarts = <int32_t *>malloc((n + 1) * sizeof(int32_t))
    cdef int64_t *f = NULL
    cdef Py_ssize_t *back = NULL
    cdef Py_ssize_t ncap = 0, c, a, b, q, m, mmax = 0, qmax = 0, cells
    cdef int status = 0
    try:
        if cap_cost == NULL or line_cost == NULL or best == NULL or prev == NULL or cstarts == NULL:
            raise MemoryError()
        with nogil:
            _break_costs(start_p, end_p, bits_p, n, cap_cost, line_cost)
            ncap = _caption_starts(start_p, end_p, width_p, bits_p, words_p, n,
                             chars_per_line, lines_per_caption, target_ms, max_ms, words_min,
                             dangling, max_cps, max_wpm, cap_cost, best, prev, cstarts)
            cstarts[ncap] = n
            for c in range(ncap):
                m = cstarts[c + 1] - cstarts[c]
                if m > mmax:
                    mmax = m
                q = _lines_needed(width_p, bits_p, cstarts[c], cstarts[c + 1],
                                  chars_per_line, dangling)
                if q > qmax:
                    qmax = q
        cells = (qmax + 1) * (mmax + 1)
        f = <int64_t *>malloc(cells * sizeof(int64_t))
        back = <Py_ssize_t *>malloc(cells * sizeof(Py_ssize_t))
        if f == NULL or back == NULL:
            raise MemoryError()
        with nogil:
            for c in range(ncap):
                a = cstarts[c]
                b = cstarts[c + 1]
                codes[a] = NEW_CAPTION
                q = _lines_needed(width_p, bits_p, a, b, chars_per_line, dangling)
                if q > 1:
                    if _balanced_line_starts(width_p, bits_p, line_cost, a, b, q, chars_per_line,
                                    dangling, f, back, codes) != 0:
                        status = 1
                        break
        if status != 0:
            raise RuntimeError("layout_units: no line layout found for a caption (kernel bug)")
    finally:
        free(cap_cost)
        free(line_cost)
        free(best)
        free(prev)
        free(cstarts)
        free(f)
        free(back)
    return codes_arr


cdef void _break_costs(const int64_t *st, const int64_t *en, const uint16_t *bt, Py_ssize_t n,
                       int32_t *cap_cost, int32_t *line_cost) noexcept nogil:
    cdef Py_ssize_t j
    cdef int64_t c, gap
    cdef uint16_t pb
    cap_cost[0] = 0
    line_cost[0] = 0
    cap_cost[n] = 0
    line_cost[n] = 0
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
            c -= (gap if gap < PAUSE_CAP_MS else PAUSE_CAP_MS) // PAUSE_STEP_MS
            if c < 0:
                c = 0
        if pb & NO_BREAK_AFTER:
            c += BAD_LINE_END
        cap_cost[j] = c

        if (pb & SENTENCE_END) or (bt[j] & (SPEAKER | LINE)):
            c = 0
        elif pb & CLAUSE_END:
            c = LINE_BREAK_CLAUSE
        elif bt[j] & OPENS_PHRASE:
            c = LINE_BREAK_PHRASE
        else:
            c = LINE_BREAK_PLAIN
        if pb & NO_BREAK_AFTER:
            c += NO_BREAK_AFTER_COST
        line_cost[j] = c


cdef Py_ssize_t _caption_starts(const int64_t *st, const int64_t *en, const int32_t *wd,
                          const uint16_t *bt, const int32_t *wc, Py_ssize_t n,
                          int64_t cpl, int64_t lpc, int64_t target_ms, int64_t max_ms,
                          int64_t words_min, bint dangle, int64_t max_cps, int64_t max_wpm,
                          const int32_t *cap_cost,
                          int64_t *best, int32_t *prev, int32_t *cstarts) noexcept nogil:
    """Pass 1: caption starts into ``cstarts``; returns how many."""
    cdef Py_ssize_t ncap = 0, b0 = 0, b1, i, u, j, k, lo, hi
    cdef int64_t base, cost, w, uw, sp, lines, nwords, crossings, cend, dur, dev
    cdef int64_t chars, need, byw, avail, over
    cdef int64_t clines, cw, cpw
    cdef Py_ssize_t cp
    cdef bint clean
    cdef uint16_t ub
    cdef Py_ssize_t tmp
    while b0 < n:
        b1 = b0 + 1
        while b1 < n and not (bt[b1] & HARD):
            b1 += 1
        for j in range(b0 + 1, b1 + 1):
            best[j] = INF
        best[b0] = 0
        for i in range(b0, b1):
            base = best[i]
            if base >= INF:
                continue
            base += W_CAPTION
            if dangle and i > b0 and (bt[i] & SENTENCE_END) and not (bt[i - 1] & SENTENCE_END):
                base += DANGLE
            lines = 1
            w = 0
            clines = 1
            cw = 0
            cp = -1
            cpw = 0
            nwords = 0
            chars = 0
            crossings = 0
            cend = en[i]
            for u in range(i, b1):
                uw = wd[u]
                ub = bt[u]
                if u == i:
                    w = uw
                    cw = uw
                    chars = uw
                else:
                    sp = 1 if (ub & SPACE) else 0
                    if ub & LINE:
                        lines += 1
                        w = uw
                        chars += uw
                    else:
                        if w + sp + uw <= cpl or (dangle and (ub & SENTENCE_END) and w <= cpl):
                            w += sp + uw
                            chars += sp + uw
                        else:
                            lines += 1
                            w = uw
                            chars += uw
                    if lines > lpc:
                        break
                    # clean_lines: the fewest lines none of which ends after NO_BREAK_AFTER
                    if clines < INF:
                        clean = not (bt[u - 1] & NO_BREAK_AFTER)
                        if ub & LINE:
                            clines += 1
                            cw = uw
                            cp = -1
                        elif cw + sp + uw <= cpl or (dangle and (ub & SENTENCE_END) and cw <= cpl):
                            cw += sp + uw
                            if clean:
                                cp = u
                                cpw = uw
                            elif cp >= 0:
                                cpw += sp + uw
                        elif clean:
                            clines += 1
                            cw = uw
                            cp = -1
                        elif cp >= 0 and (cpw + sp + uw <= cpl
                                          or (dangle and (ub & SENTENCE_END) and cpw <= cpl)):
                            clines += 1
                            cw = cpw + sp + uw
                            cp = -1
                        else:
                            clines = INF
                    if ub & SENTENCE:
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
                if clines != lines:
                    cost += BAD_LINE_END
                # reading_cost: too fast even until the next caption's start (not the last)
                if (max_cps > 0 or max_wpm > 0) and u + 1 < n:
                    need = 0
                    if max_cps > 0:
                        need = (chars * 1000 + max_cps - 1) // max_cps
                    if max_wpm > 0:
                        byw = (nwords * 60000 + max_wpm - 1) // max_wpm
                        if byw > need:
                            need = byw
                    avail = st[u + 1] - st[i]
                    if avail < 0:
                        avail = 0
                    if need > avail:
                        over = need - avail
                        cost += READ_FAST + W_READ * over // need * over // need
                j = u + 1
                if j < b1:
                    cost += cap_cost[j]
                if cost < best[j]:
                    best[j] = cost
                    prev[j] = i
        # walk back from the block end, then reverse that stretch in place
        lo = ncap
        j = b1
        while j > b0:
            j = prev[j]
            cstarts[ncap] = j
            ncap += 1
        hi = ncap - 1
        while lo < hi:
            tmp = cstarts[lo]
            cstarts[lo] = cstarts[hi]
            cstarts[hi] = tmp
            lo += 1
            hi -= 1
        b0 = b1
    return ncap


cdef Py_ssize_t _lines_needed(const int32_t *wd, const uint16_t *bt, Py_ssize_t a, Py_ssize_t b,
                              int64_t cpl, bint dangle) noexcept nogil:
    cdef Py_ssize_t lines = 1, u
    cdef int64_t w = wd[a], uw, sp
    cdef uint16_t ub
    for u in range(a + 1, b):
        uw = wd[u]
        ub = bt[u]
        if ub & LINE:
            lines += 1
            w = uw
            continue
        sp = 1 if (ub & SPACE) else 0
        if w + sp + uw <= cpl or (dangle and (ub & SENTENCE_END) and w <= cpl):
            w += sp + uw
        else:
            lines += 1
            w = uw
    return lines


cdef int _balanced_line_starts(const int32_t *wd, const uint16_t *bt, const int32_t *line_cost,
                      Py_ssize_t a, Py_ssize_t b, Py_ssize_t q, int64_t cpl, bint dangle,
                      int64_t *f, Py_ssize_t *back, uint8_t *codes) noexcept nogil:
    """Pass 2 for units [a, b) in exactly q lines: marks NEW_LINE in ``codes``."""
    cdef Py_ssize_t m = b - a, stride = m + 1, k, j, i, arg, row, prow, cell
    cdef int64_t cc = cpl * cpl, weight, bestc, w, tail, speakers, p, c
    cdef uint16_t nb
    for cell in range((q + 1) * stride):
        f[cell] = INF
        back[cell] = 0
    f[0] = 0
    for k in range(1, q + 1):
        weight = 100 + 3 * (q - k)
        row = k * stride
        prow = (k - 1) * stride
        for j in range(a + 1, b + 1):
            bestc = INF
            arg = -1
            w = 0
            speakers = 0
            tail = 0
            i = j - 1
            while i >= a:
                if i == j - 1:
                    w = wd[i]
                    tail = wd[i] + (1 if (bt[i] & SPACE) else 0)
                else:
                    nb = bt[i + 1]
                    if nb & LINE:
                        break
                    w += wd[i] + (1 if (nb & SPACE) else 0)
                    if nb & SPEAKER:
                        speakers += 1
                if w > cpl and not (dangle and i < j - 1 and (bt[j - 1] & SENTENCE_END)
                                    and w - tail <= cpl):
                    break
                p = f[prow + i - a]
                if p < INF:
                    c = p + w * w * weight // cc + speakers * SPEAKER_INSIDE_LINE
                    if j < b:
                        c += line_cost[j]
                    if (dangle and k > 1 and i == j - 1 and (bt[i] & SENTENCE_END)
                            and not (bt[i - 1] & SENTENCE_END)):
                        c += DANGLE
                    if c <= bestc:  # a tie goes to the longer last line: bottom-heavy
                        bestc = c
                        arg = i
                i -= 1
            f[row + j - a] = bestc
            back[row + j - a] = arg
    j = b
    for k in range(q, 1, -1):
        i = back[k * stride + j - a]
        if i <= a or i >= j:
            return 1
        codes[i] = NEW_LINE
        j = i
    return 0


# --- the codes back into captions' columns (lines.caption_columns) ------------------------

cdef enum:
    SEP_NONE = 0
    SEP_SPACE = 1
    SEP_LINE = 2
    SEP_CAPTION = 3


cdef inline bint holds_break(object text, Py_ssize_t length) noexcept:
    """Whether ``text`` holds a line break or the caption break (``\\x1e``), which the
    pure twin's join and split would take for its own."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    for i in range(length):
        c = PyUnicode_READ(kind, data, i)
        if c == 10 or c == 30:
            return True
    return False


cdef object joined_line(list text, const uint8_t* sep, Py_ssize_t a, Py_ssize_t b):
    """Tokens ``a`` to ``b`` as one line, a space where ``sep`` says (one allocation)."""
    cdef Py_ssize_t length = 0, t, at = 0
    cdef Py_UCS4 widest = 0, w
    cdef object token, line
    cdef int kind
    cdef void* data
    for t in range(a, b):
        token = <object>PyList_GET_ITEM(text, t)
        length += PyUnicode_GET_LENGTH(token)
        w = PyUnicode_MAX_CHAR_VALUE(token)
        if w > widest:
            widest = w
        if t > a and sep[t] == SEP_SPACE:
            length += 1
    if b - a == 1:
        return <object>PyList_GET_ITEM(text, a)
    line = PyUnicode_New(length, widest if widest > 32 else 32)
    kind = PyUnicode_KIND(line)
    data = PyUnicode_DATA(line)
    for t in range(a, b):
        if t > a and sep[t] == SEP_SPACE:
            PyUnicode_WRITE(kind, data, at, 32)
            at += 1
        at = put_text(data, kind, at, <object>PyList_GET_ITEM(text, t))
    return line


def caption_columns(list text, start, end, space, newline, unit_first, unit_bits, unit_codes):
    """``lines.caption_columns`` (read that one) in one pass over the units and one over
    each caption's tokens, its lines written as whole strings. Refuses codes that do not
    start with a caption and a unit whose first token has ``newline``: the layout never
    makes them, and the twin's joins would not split them the same way."""
    cdef Py_ssize_t n = len(text)
    cdef str unequal = "caption_columns: columns differ in length"
    cdef cnp.ndarray start_a = column_of_length(start, cnp.NPY_INT64, n, unequal)
    cdef cnp.ndarray end_a = column_of_length(end, cnp.NPY_INT64, n, unequal)
    cdef cnp.ndarray space_a = column_of_length(space, cnp.NPY_BOOL, n, unequal)
    cdef cnp.ndarray newline_a = column_of_length(newline, cnp.NPY_BOOL, n, unequal)
    cdef cnp.ndarray codes_a = as_column(unit_codes, cnp.NPY_UINT8)
    cdef Py_ssize_t m = column_length(codes_a)
    cdef str units_unequal = "caption_columns: unit columns differ in length"
    cdef cnp.ndarray first_a = column_of_length(unit_first, cnp.NPY_INTP, m, units_unequal)
    cdef cnp.ndarray bits_a = column_of_length(unit_bits, cnp.NPY_UINT16, m, units_unequal)
    cdef const int64_t* ts = <const int64_t*>column_data(start_a)
    cdef const int64_t* te = <const int64_t*>column_data(end_a)
    cdef const uint8_t* spaced = <const uint8_t*>column_data(space_a)
    cdef const uint8_t* broken = <const uint8_t*>column_data(newline_a)
    cdef const uint8_t* codes = <const uint8_t*>column_data(codes_a)
    cdef const Py_ssize_t* first = <const Py_ssize_t*>column_data(first_a)
    cdef const uint16_t* bits = <const uint16_t*>column_data(bits_a)
    cdef Py_ssize_t u, t, c, ncap = 0, a, b, line_at, count, bound
    cdef bint whole = True  # no token's text holds a break
    cdef object token
    cdef int64_t lo, hi
    if (n == 0) != (m == 0):
        raise ValueError("caption_columns: units without tokens or tokens without units")
    for u in range(m):
        bound = first[u + 1] if u + 1 < m else n
        if first[u] < 0 or first[u] >= bound or (u == 0 and first[0] != 0):
            raise ValueError("caption_columns: unit_first must rise from 0 below the tokens")
        if broken[first[u]]:
            raise ValueError("caption_columns: a unit's first token has newline")
        if codes[u] == NEW_CAPTION:
            ncap += 1
        elif u == 0:
            raise ValueError("caption_columns: the codes must start with a caption")
    cdef cnp.ndarray caption_units = new_column(ncap, cnp.NPY_INTP)
    cdef Py_ssize_t* cu = <Py_ssize_t*>column_data(caption_units)
    cdef uint8_t* sep = <uint8_t*>malloc(n + 1)
    if sep == NULL:
        raise MemoryError()
    cdef list starts = [], ends = [], fixed = []
    cdef list lines = []
    cdef tuple caption_lines
    try:
        c = 0
        for u in range(m):
            a = first[u]
            bound = first[u + 1] if u + 1 < m else n
            if codes[u] == NEW_CAPTION:
                cu[c] = u
                c += 1
                sep[a] = SEP_CAPTION
            elif codes[u] == NEW_LINE:
                sep[a] = SEP_LINE
            else:
                sep[a] = SEP_SPACE if bits[u] & SPACE else SEP_NONE
            for t in range(a + 1, bound):
                sep[t] = SEP_LINE if broken[t] else (SEP_SPACE if spaced[t] else SEP_NONE)
        for t in range(n):
            token = <object>PyList_GET_ITEM(text, t)
            if not PyUnicode_CheckExact(token):
                raise TypeError("caption_columns: a token's text is not a str")
            if whole and holds_break(token, PyUnicode_GET_LENGTH(token)):
                whole = False
        for c in range(ncap):
            a = first[cu[c]]
            b = first[cu[c + 1]] if c + 1 < ncap else n
            lo = ts[a]
            hi = te[a]
            count = 1
            for t in range(a + 1, b):
                if ts[t] < lo:
                    lo = ts[t]
                if te[t] > hi:
                    hi = te[t]
                if sep[t] == SEP_LINE:
                    count += 1
            starts.append(lo)
            ends.append(hi)
            fixed.append((bits[cu[c]] & HARD) != 0)
            if not whole:
                continue
            caption_lines = PyTuple_New(count)
            count = 0
            line_at = a
            for t in range(a + 1, b + 1):
                if t == b or sep[t] == SEP_LINE:
                    token = joined_line(text, sep, line_at, t)
                    Py_INCREF(token)
                    PyTuple_SET_ITEM(caption_lines, count, token)
                    count += 1
                    line_at = t
            lines.append(caption_lines)
    finally:
        free(sep)
    return caption_units, starts, ends, fixed, lines if whole else None


# --- the timing's plain pass (timing.closed_captions) --------------------------------------

cdef extern from "Python.h":
    bint PyList_CheckExact(object o)
    object PyLong_FromLongLong(long long v)

from slots cimport PyTypeObject, set_slot, slot_offset


def closed_captions(list start, list end, list lines, int64_t merge_gap, type caption,
                    tuple slots):
    """``timing.closed_captions`` (read that one): the times put in order, the gaps below
    ``merge_gap`` closed, and one ``caption`` made per caption with its ``slots`` (the
    member descriptors of its start, end and lines fields) filled in directly, as its own
    ``__init__`` would fill them, without running it (a frozen dataclass's ``__init__``
    costs about half a microsecond a caption). Times beyond int64 raise OverflowError."""
    cdef Py_ssize_t n = len(start), k
    if len(end) != n or len(lines) != n:
        raise ValueError("closed_captions: start, end and lines differ in length")
    if len(slots) != 3:
        raise ValueError("closed_captions: three slots: start, end, lines")
    cdef Py_ssize_t at_start = slot_offset(slots[0], caption, "closed_captions")
    cdef Py_ssize_t at_end = slot_offset(slots[1], caption, "closed_captions")
    cdef Py_ssize_t at_lines = slot_offset(slots[2], caption, "closed_captions")
    cdef int64_t* s = <int64_t*>malloc((2 * n + 1) * sizeof(int64_t))
    if s == NULL:
        raise MemoryError()
    cdef int64_t* e = s + n
    cdef int64_t previous_end = 0, gap
    cdef list out = [None] * n
    cdef PyObject* made
    cdef PyTypeObject* kind = <PyTypeObject*>caption
    try:
        for k in range(n):  # _normalise
            s[k] = <object>PyList_GET_ITEM(start, k)
            e[k] = <object>PyList_GET_ITEM(end, k)
            if k and s[k] < previous_end:
                s[k] = previous_end
            if e[k] <= s[k]:
                e[k] = s[k] + 1
            previous_end = e[k]
        if merge_gap:
            for k in range(n - 1):  # _close_gaps
                gap = s[k + 1] - e[k]
                if 0 < gap < merge_gap:
                    e[k] = s[k + 1]
        for k in range(n):
            made = kind.tp_alloc(kind, 0)
            if made == NULL:
                raise MemoryError()
            set_slot(made, at_start, PyLong_FromLongLong(s[k]))
            set_slot(made, at_end, PyLong_FromLongLong(e[k]))
            set_slot(made, at_lines, <object>PyList_GET_ITEM(lines, k))
            out[k] = <object>made
            Py_DECREF(<object>made)
    finally:
        free(s)
    return out
