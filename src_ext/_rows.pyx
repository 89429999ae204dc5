# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled twin of ``elementlist/table/rows_kernel.py`` (read that one first: it says what
each function takes and gives). Same functions, arguments and results, each one pass over
the rows: the text columns are filled item by item into lists made at their final size,
the word list is asked once per distinct value (a dict of this call's verdicts), and the
removal's walk reads the columns as C arrays and the text with the same character tests
as ``str.strip`` and ``str.isupper`` (``Py_UNICODE_ISSPACE``, ``Py_UNICODE_ISUPPER``).
"""

from cpython.dict cimport PyDict_GetItem, PyDict_SetItem
from cpython.list cimport PyList_GET_ITEM, PyList_New, PyList_SET_ITEM
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF
from libc.stdint cimport int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t

import numpy as np

from token_constants cimport (
    FLAG_SEGMENT_START, FLAG_SENTENCE_END, FLAG_SEQUENCE_START, FLAG_SPEAKER_CHANGE,
    KIND_PUNCTUATION, KIND_WORD,
    compiled_constants,
)

CONSTANTS = compiled_constants()


cdef inline void _put(list out, Py_ssize_t at, object item):
    Py_INCREF(item)  # PyList_SET_ITEM takes the reference
    PyList_SET_ITEM(out, at, item)


def kept_strings(list column, keep):
    cdef const uint8_t[:] k = np.ascontiguousarray(keep, dtype=np.bool_).view(np.uint8)
    cdef Py_ssize_t n = k.shape[0], i, size = 0, at = 0
    if n != len(column):
        raise ValueError(f"kept_strings: {len(column)} items, {n} flags")
    for i in range(n):
        size += k[i] != 0
    cdef list out = PyList_New(size)
    for i in range(n):
        if k[i]:
            _put(out, at, <object>PyList_GET_ITEM(column, i))
            at += 1
    return out


def placed_strings(list column, new_at, list inserted):
    cdef const int64_t[:] places = np.ascontiguousarray(new_at, dtype=np.int64)
    cdef Py_ssize_t n = len(column), m = len(inserted), size = n + m, k = 0, p, last = -1
    if places.shape[0] != m:
        raise ValueError(f"placed_strings: {m} items, {places.shape[0]} places")
    for k in range(m):
        if places[k] <= last or places[k] >= size:
            raise ValueError("placed_strings: places must increase inside the new list")
        last = places[k]
    cdef list out = PyList_New(size)
    k = 0
    for p in range(size):
        if k < m and places[k] == p:
            _put(out, p, <object>PyList_GET_ITEM(inserted, k))
            k += 1
        else:
            _put(out, p, <object>PyList_GET_ITEM(column, p - k))
    return out


def listed_words(list value, kind, forms, frozenset listed):
    cdef const int8_t[:] kinds = np.ascontiguousarray(kind, dtype=np.int8)
    cdef Py_ssize_t n = len(value), i
    if kinds.shape[0] != n:
        raise ValueError(f"listed_words: {n} values, {kinds.shape[0]} kinds")
    out = np.zeros(n, dtype=np.bool_)
    cdef uint8_t[:] hit = out.view(np.uint8)
    cdef dict verdicts = {}
    cdef PyObject* seen
    cdef object v, low, core
    for i in range(n):
        if kinds[i] != KIND_WORD:
            continue
        v = <object>PyList_GET_ITEM(value, i)
        seen = PyDict_GetItem(verdicts, v)
        if seen == NULL:
            low, core = forms(v)
            verdict = low in listed or core in listed
            PyDict_SetItem(verdicts, v, verdict)
            hit[i] = verdict
        else:
            hit[i] = (<object>seen) is True
    return out


cdef bint _final_text(str t):
    """``rows_kernel.is_final_text``: the last character that is not a space is . ? ! …"""
    cdef Py_ssize_t j = len(t) - 1
    cdef Py_UCS4 c
    while j >= 0:
        c = t[j]
        if not c.isspace():
            return c == u'.' or c == u'?' or c == u'!' or c == u'\u2026'
        j -= 1
    return False


cdef class _Walk:
    """``rows_kernel._Walk``, over C views of the same columns."""

    cdef const uint8_t[:] core
    cdef const int8_t[:] kind
    cdef const uint16_t[:] flags
    cdef uint8_t[:] drop
    cdef list text
    cdef Py_ssize_t n
    cdef list attach, capitalise

    cdef bint is_final(self, Py_ssize_t j):
        if self.flags[j] & FLAG_SENTENCE_END:
            return True
        if self.kind[j] != KIND_PUNCTUATION:
            return False
        return _final_text(<str>PyList_GET_ITEM(self.text, j))

    cdef Py_ssize_t remove_run(self, Py_ssize_t i):
        cdef Py_ssize_t end = i + 1, final = -1, j
        cdef uint16_t f
        cdef bint words_before, at_segment_end
        while end < self.n:  # the run's end, and the sentence-final mark that ends it
            f = self.flags[end]
            if f & FLAG_SEGMENT_START:
                break
            if self.core[end]:
                end += 1
            elif self.kind[end] == KIND_PUNCTUATION and not f & FLAG_SEQUENCE_START:
                end += 1
                if self.is_final(end - 1):
                    final = end - 1
                    break
            else:
                break
        words_before = self.has_words_before(i)
        for j in range(i, end):
            self.drop[j] = 1
        if final >= 0 and words_before:  # the sentence keeps its end mark
            self.drop[final] = 0
            self.attach.append(final)
            self.drop_dangling_before(i)
        elif final < 0:
            at_segment_end = end >= self.n or (self.flags[end] & FLAG_SEGMENT_START) != 0
            if at_segment_end and words_before:
                self.drop_dangling_before(i)
            elif not words_before and not at_segment_end and self.took_a_capital(i, end):
                self.capitalise.append(end)
        return end

    cdef bint has_words_before(self, Py_ssize_t i):
        cdef Py_ssize_t q = i
        while True:
            if self.flags[q] & FLAG_SEGMENT_START:
                return False
            q -= 1
            if q < 0:
                return False
            if self.drop[q]:
                continue
            if self.kind[q] == KIND_PUNCTUATION:
                if self.is_final(q):
                    return False
                continue
            return True

    cdef void drop_dangling_before(self, Py_ssize_t i):
        cdef Py_ssize_t p = i - 1
        while (p >= 0 and not self.drop[p] and self.kind[p] == KIND_PUNCTUATION
               and not self.is_final(p)):
            self.drop[p] = 1
            if self.flags[p] & FLAG_SEGMENT_START:
                break
            p -= 1

    cdef bint took_a_capital(self, Py_ssize_t i, Py_ssize_t end):
        cdef str t
        if self.kind[i] != KIND_WORD or self.kind[end] != KIND_WORD:
            return False
        t = <str>PyList_GET_ITEM(self.text, i)
        return len(t) > 0 and (<Py_UCS4>t[0]).isupper()


def removal_runs(core, kind, flags, list text):
    cdef Py_ssize_t n = len(text), i, done = 0
    core_bytes = np.ascontiguousarray(core, dtype=np.bool_).view(np.uint8)
    cdef _Walk walk = _Walk()
    walk.core = core_bytes
    walk.kind = np.ascontiguousarray(kind, dtype=np.int8)
    walk.flags = np.ascontiguousarray(flags, dtype=np.uint16)
    if not (walk.core.shape[0] == walk.kind.shape[0] == walk.flags.shape[0] == n):
        raise ValueError("removal_runs: the columns differ in length")
    drop = core_bytes.copy()
    walk.drop = drop
    walk.text = text
    walk.n = n
    walk.attach = []
    walk.capitalise = []
    for i in range(n):
        if walk.core[i] and i >= done:  # not inside the run before
            done = walk.remove_run(i)
    return drop.view(np.bool_), walk.attach, walk.capitalise


cdef tuple _dropped(uint8_t[:] drop, list attach, start, end, kind, flags, speaker, tag,
                    list text, list value):
    """``dropped_rows``: the flags handed on in two passes over the rows (SENTENCE_END back
    to the kept row before, the others on to the kept row after), then every column
    copied once, kept rows only."""
    cdef Py_ssize_t n = drop.shape[0], i, size = 0, at = 0, before = -1, after = -1
    cdef const int64_t[:] s_in = np.ascontiguousarray(start, dtype=np.int64)
    cdef const int64_t[:] e_in = np.ascontiguousarray(end, dtype=np.int64)
    cdef const int8_t[:] k_in = np.ascontiguousarray(kind, dtype=np.int8)
    cdef const uint16_t[:] f_in = np.ascontiguousarray(flags, dtype=np.uint16)
    cdef const int32_t[:] p_in = np.ascontiguousarray(speaker, dtype=np.int32)
    cdef const int16_t[:] t_in = np.ascontiguousarray(tag, dtype=np.int16)
    if not (s_in.shape[0] == e_in.shape[0] == k_in.shape[0] == f_in.shape[0]
            == p_in.shape[0] == t_in.shape[0] == len(text) == len(value) == n):
        raise ValueError("dropped_rows: the columns differ in length")
    moved_array = np.array(flags, dtype=np.uint16)
    cdef uint16_t[:] moved = moved_array
    cdef uint16_t bits
    for i in range(n):
        if not drop[i]:
            before = i
        elif before >= 0 and f_in[i] & FLAG_SENTENCE_END:
            moved[before] |= FLAG_SENTENCE_END
    for i in range(n - 1, -1, -1):
        if not drop[i]:
            after = i
        elif after >= 0:
            bits = f_in[i] & (FLAG_SEGMENT_START | FLAG_SPEAKER_CHANGE | FLAG_SEQUENCE_START)
            if k_in[after] == KIND_PUNCTUATION:
                bits &= ~FLAG_SEQUENCE_START
            moved[after] |= bits
    for i in attach:
        if i < 0 or i >= n:
            raise IndexError(f"dropped_rows: attach row {i} outside the {n} rows")
        moved[i] &= ~FLAG_SEQUENCE_START
    for i in range(n):
        size += drop[i] == 0
    out_start = np.empty(size, dtype=np.int64)
    out_end = np.empty(size, dtype=np.int64)
    out_kind = np.empty(size, dtype=np.int8)
    out_flags = np.empty(size, dtype=np.uint16)
    out_speaker = np.empty(size, dtype=np.int32)
    out_tag = np.empty(size, dtype=np.int16)
    cdef int64_t[:] s_out = out_start
    cdef int64_t[:] e_out = out_end
    cdef int8_t[:] k_out = out_kind
    cdef uint16_t[:] f_out = out_flags
    cdef int32_t[:] p_out = out_speaker
    cdef int16_t[:] t_out = out_tag
    cdef list out_text = PyList_New(size)
    cdef list out_value = PyList_New(size)
    for i in range(n):
        if drop[i]:
            continue
        s_out[at] = s_in[i]
        e_out[at] = e_in[i]
        k_out[at] = k_in[i]
        f_out[at] = moved[i]
        p_out[at] = p_in[i]
        t_out[at] = t_in[i]
        _put(out_text, at, <object>PyList_GET_ITEM(text, i))
        _put(out_value, at, <object>PyList_GET_ITEM(value, i))
        at += 1
    return (out_start, out_end, out_kind, out_flags, out_speaker, out_tag, out_text,
            out_value)


def dropped_rows(drop, list attach, start, end, kind, flags, speaker, tag, list text,
                 list value):
    cdef uint8_t[:] d = np.ascontiguousarray(drop, dtype=np.bool_).view(np.uint8)
    return _dropped(d, attach, start, end, kind, flags, speaker, tag, text, value)


def removed_rows(core, start, end, kind, flags, speaker, tag, list text, list value):
    drop, attach, capitalise = removal_runs(core, kind, flags, text)
    cdef uint8_t[:] d = drop.view(np.uint8)
    kept = _dropped(d, attach, start, end, kind, flags, speaker, tag, text, value)
    if not capitalise:
        return kept
    cdef list new_text = kept[6]
    cdef Py_ssize_t c, i, dropped_before = 0, scanned = 0
    cdef str t
    for c in sorted(capitalise):  # the drops before each, counted once along the rows
        while scanned < c:
            dropped_before += d[scanned]
            scanned += 1
        if not d[c]:
            t = new_text[c - dropped_before]
            new_text[c - dropped_before] = t[:1].upper() + t[1:]
    return kept
