# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled twin of ``elementlist/table/rows_kernel.py`` (read that one first: it says what
each function takes and gives). Same functions, arguments and results, each one pass over
the rows: the text columns are filled item by item into lists made at their final size,
a value that is its own forms is looked up in the word list as it is and the word list's
``forms`` asked of the others once per distinct value (a dict of this call's verdicts), and the
removal's walk reads the columns as C arrays and the text with the same character tests
as ``str.strip`` and ``str.isupper`` (``Py_UNICODE_ISSPACE``, ``Py_UNICODE_ISUPPER``).
"""

from cpython.dict cimport PyDict_GetItem, PyDict_SetItem
from cpython.set cimport PySet_Contains
from cpython.list cimport PyList_GET_ITEM, PyList_New, PyList_SET_ITEM
from cpython.object cimport PyObject
from cpython.ref cimport Py_DECREF, Py_INCREF
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.string cimport memcpy
from slots cimport PyTypeObject, set_slot, slot_offset
from seen_table cimport SeenTable, seen_close, seen_open, seen_slot
from text_write cimport PyUnicode_CheckExact, PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_IS_ASCII
from libc.stdint cimport int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t, uint64_t

cimport numpy as cnp

from column_data cimport (
    as_column, column_data, column_length, column_of_length, new_column, zeroed_column,
)

from token_constants cimport (
    FLAG_NO_BREAK_AFTER, FLAG_SEGMENT_START, FLAG_SENTENCE_END, FLAG_SEQUENCE_START,
    FLAG_SPEAKER_CHANGE, KIND_PUNCTUATION, KIND_SPEAKER, KIND_WORD,
    compiled_constants,
)

cnp.import_array()

CONSTANTS = compiled_constants()


cdef inline void _put(list out, Py_ssize_t at, object item):
    Py_INCREF(item)  # PyList_SET_ITEM takes the reference
    PyList_SET_ITEM(out, at, item)


def kept_strings(list column, keep):
    cdef cnp.ndarray keep_a = as_column(keep, cnp.NPY_BOOL)
    cdef const uint8_t* k = <const uint8_t*>column_data(keep_a)
    cdef Py_ssize_t n = column_length(keep_a), i, size = 0, at = 0
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


def not_plain_printable(list texts):
    """``rows_kernel.not_plain_printable``: one pass over the strings' bytes."""
    cdef Py_ssize_t n = len(texts), i, j, length
    cdef const unsigned char* data
    cdef list odd = []
    cdef object t
    for i in range(n):
        t = <object>PyList_GET_ITEM(texts, i)
        if not PyUnicode_CheckExact(t) or not PyUnicode_IS_ASCII(t):
            odd.append(i)
            continue
        length = PyUnicode_GET_LENGTH(t)
        data = <const unsigned char*>PyUnicode_DATA(t)
        for j in range(length):
            if data[j] < 32 or data[j] == 127:
                odd.append(i)
                break
    return odd


def placed_strings(list column, new_at, list inserted):
    cdef cnp.ndarray places_a = as_column(new_at, cnp.NPY_INT64)
    cdef const int64_t* places = <const int64_t*>column_data(places_a)
    cdef Py_ssize_t n = len(column), m = len(inserted), size = n + m, k = 0, p, last = -1
    if column_length(places_a) != m:
        raise ValueError(f"placed_strings: {m} items, {column_length(places_a)} places")
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


cdef inline bint _ascii_alnum(unsigned char c) noexcept:
    return (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122)


cdef bint _own_forms(object v) noexcept:
    """``rows_kernel.is_own_forms`` of a str."""
    cdef Py_ssize_t n, i
    cdef const unsigned char* data
    if not PyUnicode_CheckExact(v) or not PyUnicode_IS_ASCII(v):
        return False
    n = PyUnicode_GET_LENGTH(v)
    data = <const unsigned char*>PyUnicode_DATA(v)
    if n == 0 or not _ascii_alnum(data[0]) or not _ascii_alnum(data[n - 1]):
        return False
    for i in range(n):
        if 65 <= data[i] <= 90:
            return False
    return True


cdef int _listed(object v, object forms, frozenset listed, dict verdicts) except -1:
    """Whether ``v``'s forms have one in ``listed``: a value that is its own forms is looked
    up as it is; the others' forms are asked once per call (``verdicts`` keeps them)."""
    if _own_forms(v):
        return PySet_Contains(listed, v)
    cdef PyObject* seen = PyDict_GetItem(verdicts, v)
    if seen != NULL:
        return (<object>seen) is True
    low, core = forms(v)
    verdict = low in listed or core in listed
    PyDict_SetItem(verdicts, v, verdict)
    return verdict


cdef int _listed_seen(object v, object forms, frozenset listed, dict verdicts,
                      SeenTable* seen) except -1:
    """``_listed``, a value seen already in this call answered by address first
    (``seen_table.pxd``: the values stay alive in their list for the call)."""
    cdef PyObject* key = <PyObject*>v
    cdef uint64_t slot = seen_slot(seen, key)
    if seen.keys[slot] == key:
        return <int>seen.values[slot]
    cdef int verdict = _listed(v, forms, listed, verdicts)
    seen.keys[slot] = key
    seen.values[slot] = verdict
    return verdict


def listed_words(list value, kind, forms, frozenset listed):
    cdef Py_ssize_t n = len(value), i
    cdef cnp.ndarray kind_a = as_column(kind, cnp.NPY_INT8)
    if column_length(kind_a) != n:
        raise ValueError(f"listed_words: {n} values, {column_length(kind_a)} kinds")
    cdef const int8_t* kinds = <const int8_t*>column_data(kind_a)
    cdef cnp.ndarray out = zeroed_column(n, cnp.NPY_BOOL)
    cdef uint8_t* hit = <uint8_t*>column_data(out)
    cdef dict verdicts = {}
    cdef object v
    cdef SeenTable seen
    seen_open(&seen, n)
    try:
        for i in range(n):
            if kinds[i] != KIND_WORD:
                continue
            v = <object>PyList_GET_ITEM(value, i)
            hit[i] = _listed_seen(v, forms, listed, verdicts, &seen)
    finally:
        seen_close(&seen)
    return out


def listed_or_kind(list value, kind, forms, frozenset listed, int marked_kind):
    """``rows_kernel.listed_or_kind``: ``listed_words`` or a token of ``marked_kind``, in the
    same pass; None when no row is."""
    cdef Py_ssize_t n = len(value), i
    cdef cnp.ndarray kind_a = as_column(kind, cnp.NPY_INT8)
    if column_length(kind_a) != n:
        raise ValueError(f"listed_or_kind: {n} values, {column_length(kind_a)} kinds")
    cdef const int8_t* kinds = <const int8_t*>column_data(kind_a)
    cdef cnp.ndarray out = zeroed_column(n, cnp.NPY_BOOL)
    cdef uint8_t* hit = <uint8_t*>column_data(out)
    cdef dict verdicts = {}
    cdef object v
    cdef bint any_hit = False, asks = len(listed) != 0
    cdef SeenTable seen
    seen_open(&seen, n if asks else 0)
    try:
        for i in range(n):
            if kinds[i] == marked_kind:
                hit[i] = True
            elif kinds[i] != KIND_WORD or not asks:
                continue
            else:
                v = <object>PyList_GET_ITEM(value, i)
                hit[i] = _listed_seen(v, forms, listed, verdicts, &seen)
            any_hit |= hit[i]
    finally:
        seen_close(&seen)
    return out if any_hit else None


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
    """``rows_kernel._Walk``, over the data of the same columns (the arrays held beside)."""

    cdef cnp.ndarray core_a, kind_a, flags_a, drop_a
    cdef const uint8_t* core
    cdef const int8_t* kind
    cdef const uint16_t* flags
    cdef uint8_t* drop
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
    cdef _Walk walk = _Walk()
    cdef str unequal = "removal_runs: the columns differ in length"
    walk.core_a = column_of_length(core, cnp.NPY_BOOL, n, unequal)
    walk.kind_a = column_of_length(kind, cnp.NPY_INT8, n, unequal)
    walk.flags_a = column_of_length(flags, cnp.NPY_UINT16, n, unequal)
    walk.drop_a = new_column(n, cnp.NPY_BOOL)
    walk.core = <const uint8_t*>column_data(walk.core_a)
    walk.kind = <const int8_t*>column_data(walk.kind_a)
    walk.flags = <const uint16_t*>column_data(walk.flags_a)
    walk.drop = <uint8_t*>column_data(walk.drop_a)
    memcpy(walk.drop, walk.core, n)
    walk.text = text
    walk.n = n
    walk.attach = []
    walk.capitalise = []
    for i in range(n):
        if walk.core[i] and i >= done:  # not inside the run before
            done = walk.remove_run(i)
    return walk.drop_a, walk.attach, walk.capitalise


cdef class _Rows:
    """The six numeric row columns (ROW_COLUMNS order), as arrays and their data."""

    cdef cnp.ndarray start_a, end_a, kind_a, flags_a, speaker_a, tag_a
    cdef int64_t* start
    cdef int64_t* end
    cdef int8_t* kind
    cdef uint16_t* flags
    cdef int32_t* speaker
    cdef int16_t* tag
    cdef Py_ssize_t n

    cdef void take(self, start, end, kind, flags, speaker, tag, Py_ssize_t n,
                   str refusal) except *:
        """Hold the given columns of ``n`` rows (converted where they must be), refused with
        ``ValueError(refusal)`` when one has another length."""
        self.start_a = column_of_length(start, cnp.NPY_INT64, n, refusal)
        self.end_a = column_of_length(end, cnp.NPY_INT64, n, refusal)
        self.kind_a = column_of_length(kind, cnp.NPY_INT8, n, refusal)
        self.flags_a = column_of_length(flags, cnp.NPY_UINT16, n, refusal)
        self.speaker_a = column_of_length(speaker, cnp.NPY_INT32, n, refusal)
        self.tag_a = column_of_length(tag, cnp.NPY_INT16, n, refusal)
        self.start = <int64_t*>column_data(self.start_a)
        self.end = <int64_t*>column_data(self.end_a)
        self.kind = <int8_t*>column_data(self.kind_a)
        self.flags = <uint16_t*>column_data(self.flags_a)
        self.speaker = <int32_t*>column_data(self.speaker_a)
        self.tag = <int16_t*>column_data(self.tag_a)
        self.n = n

    cdef void make(self, Py_ssize_t n) except *:
        """New empty columns of ``n`` rows."""
        self.take(new_column(n, cnp.NPY_INT64), new_column(n, cnp.NPY_INT64),
                  new_column(n, cnp.NPY_INT8), new_column(n, cnp.NPY_UINT16),
                  new_column(n, cnp.NPY_INT32), new_column(n, cnp.NPY_INT16), n, "")

    cdef inline void copy_row(self, Py_ssize_t to, _Rows source, Py_ssize_t row) noexcept:
        self.start[to] = source.start[row]
        self.end[to] = source.end[row]
        self.kind[to] = source.kind[row]
        self.flags[to] = source.flags[row]
        self.speaker[to] = source.speaker[row]
        self.tag[to] = source.tag[row]

    cdef tuple columns(self, list text, list value):
        return (self.start_a, self.end_a, self.kind_a, self.flags_a, self.speaker_a,
                self.tag_a, text, value)


cdef tuple _dropped(const uint8_t* drop, Py_ssize_t n, list attach, start, end, kind, flags,
                    speaker, tag, list text, list value):
    """``dropped_rows``: the flags handed on in two passes over the rows (SENTENCE_END back
    to the kept row before, the others on to the kept row after), then every column
    copied once, kept rows only."""
    cdef Py_ssize_t i, size = 0, at = 0, before = -1, after = -1
    cdef str unequal = "dropped_rows: the columns differ in length"
    if not (len(text) == len(value) == n):
        raise ValueError(unequal)
    cdef _Rows old = _Rows(), new = _Rows()
    old.take(start, end, kind, flags, speaker, tag, n, unequal)
    cdef cnp.ndarray moved_a = new_column(n, cnp.NPY_UINT16)
    cdef uint16_t* moved = <uint16_t*>column_data(moved_a)
    memcpy(moved, old.flags, n * sizeof(uint16_t))
    cdef uint16_t bits
    for i in range(n):
        if not drop[i]:
            before = i
        elif before >= 0 and old.flags[i] & FLAG_SENTENCE_END:
            moved[before] |= FLAG_SENTENCE_END
    for i in range(n - 1, -1, -1):
        if not drop[i]:
            after = i
        elif after >= 0:
            bits = old.flags[i] & (FLAG_SEGMENT_START | FLAG_SPEAKER_CHANGE
                                   | FLAG_SEQUENCE_START)
            if old.kind[after] == KIND_PUNCTUATION:
                bits &= ~FLAG_SEQUENCE_START
            moved[after] |= bits
    for i in attach:
        if i < 0 or i >= n:
            raise IndexError(f"dropped_rows: attach row {i} outside the {n} rows")
        moved[i] &= ~FLAG_SEQUENCE_START
    for i in range(n):
        size += drop[i] == 0
    new.make(size)
    cdef list out_text = PyList_New(size)
    cdef list out_value = PyList_New(size)
    for i in range(n):
        if drop[i]:
            continue
        new.copy_row(at, old, i)
        new.flags[at] = moved[i]
        _put(out_text, at, <object>PyList_GET_ITEM(text, i))
        _put(out_value, at, <object>PyList_GET_ITEM(value, i))
        at += 1
    return new.columns(out_text, out_value)


def dropped_rows(drop, list attach, start, end, kind, flags, speaker, tag, list text,
                 list value):
    cdef cnp.ndarray d = as_column(drop, cnp.NPY_BOOL)
    return _dropped(<const uint8_t*>column_data(d), column_length(d), attach, start, end,
                    kind, flags, speaker, tag, text, value)


def removed_rows(core, start, end, kind, flags, speaker, tag, list text, list value):
    drop, attach, capitalise = removal_runs(core, kind, flags, text)
    cdef cnp.ndarray drop_a = as_column(drop, cnp.NPY_BOOL)
    cdef const uint8_t* d = <const uint8_t*>column_data(drop_a)
    kept = _dropped(d, column_length(drop_a), attach, start, end, kind, flags, speaker, tag, text,
                    value)
    if not capitalise:
        return kept
    cdef list new_text = kept[6]
    cdef Py_ssize_t c, dropped_before = 0, scanned = 0
    cdef str t
    for c in sorted(capitalise):  # the drops before each, counted once along the rows
        while scanned < c:
            dropped_before += d[scanned]
            scanned += 1
        if not d[c]:
            t = new_text[c - dropped_before]
            new_text[c - dropped_before] = t[:1].upper() + t[1:]
    return kept


def placed_rows(new_at, tuple inserted, start, end, kind, flags, speaker, tag, list text,
                list value):
    """``rows_kernel.placed_rows``: every column filled in one pass over the new rows."""
    cdef cnp.ndarray places_a = as_column(new_at, cnp.NPY_INT64)
    cdef const int64_t* places = <const int64_t*>column_data(places_a)
    cdef Py_ssize_t n = len(text), m = column_length(places_a), size = n + m, k, p, last = -1
    cdef _Rows old = _Rows(), new_rows = _Rows(), out = _Rows()
    if len(inserted) != 8:
        raise ValueError("placed_rows: the inserted rows are eight columns")
    cdef list text_new = inserted[6], value_new = inserted[7]
    cdef str unequal = "placed_rows: the columns differ in length"
    cdef str unplaced = "placed_rows: the inserted columns differ in length from the places"
    if len(value) != n:
        raise ValueError(unequal)
    if not (len(text_new) == len(value_new) == m):
        raise ValueError(unplaced)
    old.take(start, end, kind, flags, speaker, tag, n, unequal)
    new_rows.take(inserted[0], inserted[1], inserted[2], inserted[3], inserted[4], inserted[5],
                  m, unplaced)
    for k in range(m):
        if places[k] <= last or places[k] >= size:
            raise ValueError("placed_rows: places must increase inside the new columns")
        last = places[k]
    out.make(size)
    cdef list out_text = PyList_New(size)
    cdef list out_value = PyList_New(size)
    k = 0
    for p in range(size):
        if k < m and places[k] == p:
            out.copy_row(p, new_rows, k)
            _put(out_text, p, <object>PyList_GET_ITEM(text_new, k))
            _put(out_value, p, <object>PyList_GET_ITEM(value_new, k))
            k += 1
        else:
            out.copy_row(p, old, p - k)
            _put(out_text, p, <object>PyList_GET_ITEM(text, p - k))
            _put(out_value, p, <object>PyList_GET_ITEM(value, p - k))
    return out.columns(out_text, out_value)


cdef enum:
    SEGMENT_AND_CHANGE = FLAG_SEGMENT_START | FLAG_SPEAKER_CHANGE
    MARKER_FLAGS = FLAG_SEQUENCE_START | FLAG_SPEAKER_CHANGE | FLAG_NO_BREAK_AFTER


cdef inline bint _changes(int32_t who, int32_t previous, uint16_t flags) noexcept:
    """``speakers.speaker_changes`` at one row: a speaker other than the one before, or
    without one, SEGMENT_START with SPEAKER_CHANGE (the document's own hint)."""
    if who >= 0:
        return who != previous
    return (flags & SEGMENT_AND_CHANGE) == SEGMENT_AND_CHANGE


def marker_changes(kind, flags, speaker):
    """``rows_kernel.marker_changes``: one pass finds the changes and clears the stale
    flags, a second places the change rows; the segments' words are counted only when a
    change row has no speaker, and the keys are sorted by a look-up over their range
    (there are at most two per speaker)."""
    cdef cnp.ndarray kind_a = as_column(kind, cnp.NPY_INT8)
    cdef Py_ssize_t n = column_length(kind_a), i, m = 0, k = 0, largest = -1
    cdef str unequal = "marker_changes: the columns differ in length"
    cdef cnp.ndarray flags_a = column_of_length(flags, cnp.NPY_UINT16, n, unequal)
    cdef cnp.ndarray speaker_a = column_of_length(speaker, cnp.NPY_INT32, n, unequal)
    cdef const int8_t* kinds = <const int8_t*>column_data(kind_a)
    cdef const uint16_t* old = <const uint16_t*>column_data(flags_a)
    cdef const int32_t* who = <const int32_t*>column_data(speaker_a)
    for i in range(n):
        if kinds[i] == KIND_SPEAKER:
            return None
    cdef cnp.ndarray new_flags_a = new_column(n, cnp.NPY_UINT16)
    cdef uint16_t* new_flags = <uint16_t*>column_data(new_flags_a)
    cdef bint stale = False, unnamed = False, change
    cdef int32_t previous = -2
    for i in range(n):
        change = _changes(who[i], previous, old[i])
        previous = who[i]
        new_flags[i] = old[i]
        if change:
            m += 1
            unnamed = unnamed or who[i] < 0
            if who[i] > largest:
                largest = who[i]
        elif old[i] & FLAG_SPEAKER_CHANGE:
            new_flags[i] &= ~FLAG_SPEAKER_CHANGE
            stale = True
    cdef cnp.ndarray at_a = new_column(m, cnp.NPY_INTP)
    cdef cnp.ndarray key_a = new_column(m, cnp.NPY_INT64)
    cdef Py_ssize_t* at = <Py_ssize_t*>column_data(at_a)
    cdef int64_t* key = <int64_t*>column_data(key_a)
    previous = -2
    for i in range(n):
        change = _changes(who[i], previous, old[i])
        previous = who[i]
        if change:
            at[k] = i
            key[k] = 2 * <int64_t>who[i]
            k += 1
    if unnamed:
        _mark_sound_only(kinds, old, n, at, key, m)
    # the keys run from -2 to 2 * largest: a slot each, offset by 2
    cdef Py_ssize_t slots = 2 * largest + 4 if largest >= 0 else 2
    cdef cnp.ndarray slot_a = zeroed_column(slots, cnp.NPY_INTP)
    cdef Py_ssize_t* slot = <Py_ssize_t*>column_data(slot_a)
    for k in range(m):
        slot[key[k] + 2] = 1
    cdef list keys = []
    for i in range(slots):
        if slot[i]:
            slot[i] = len(keys)
            keys.append(i - 2)
    cdef cnp.ndarray spread_a = new_column(m, cnp.NPY_INTP)
    cdef Py_ssize_t* spread = <Py_ssize_t*>column_data(spread_a)
    for k in range(m):
        spread[k] = slot[key[k] + 2]
    return at_a, keys, spread_a, new_flags_a, stale


cdef void _mark_sound_only(const int8_t* kinds, const uint16_t* flags, Py_ssize_t n,
                           const Py_ssize_t* at, int64_t* key, Py_ssize_t m) except *:
    """Add 1 to the key of each change row without a speaker whose segment has no word
    (rows before the first SEGMENT_START belong to the segment it starts)."""
    cdef Py_ssize_t i, k = 0, started = 0, segments = 0
    for i in range(n):
        segments += (flags[i] & FLAG_SEGMENT_START) != 0
    cdef cnp.ndarray words_a = zeroed_column(segments if segments else 1, cnp.NPY_INTP)
    cdef Py_ssize_t* words = <Py_ssize_t*>column_data(words_a)
    for i in range(n):
        started += (flags[i] & FLAG_SEGMENT_START) != 0
        words[started - 1 if started else 0] += kinds[i] == KIND_WORD
    started = 0
    for i in range(n):
        started += (flags[i] & FLAG_SEGMENT_START) != 0
        if k < m and at[k] == i:
            if key[k] < 0 and words[started - 1 if started else 0] == 0:
                key[k] += 1
            k += 1


def placed_markers(at, spread, list shown, list lowered, start, end, kind, flags, speaker,
                   tag, list text, list value):
    """``rows_kernel.placed_markers``: the markers counted (and their places checked) in
    one pass over the change rows, then every column filled in one pass over the rows."""
    cdef cnp.ndarray at_a = as_column(at, cnp.NPY_INTP)
    cdef Py_ssize_t changes = column_length(at_a), n = len(text), m = 0, k, i, p = 0, s
    cdef Py_ssize_t last = -1
    cdef cnp.ndarray spread_a = column_of_length(
        spread, cnp.NPY_INTP, changes, "placed_markers: a key index for each change row")
    cdef const Py_ssize_t* places = <const Py_ssize_t*>column_data(at_a)
    cdef const Py_ssize_t* which = <const Py_ssize_t*>column_data(spread_a)
    cdef str unequal = "placed_markers: the columns differ in length"
    if len(value) != n:
        raise ValueError(unequal)
    if len(lowered) != len(shown):
        raise ValueError("placed_markers: a lowered text for each shown text")
    for k in range(changes):
        if places[k] <= last or places[k] >= n:
            raise ValueError("placed_markers: change rows must increase inside the table")
        if which[k] < 0 or which[k] >= len(shown):
            raise IndexError(f"placed_markers: key index {which[k]} outside the texts")
        last = places[k]
        m += bool(<object>PyList_GET_ITEM(shown, which[k]))
    cdef _Rows old = _Rows(), out = _Rows()
    old.take(start, end, kind, flags, speaker, tag, n, unequal)
    out.make(n + m)
    cdef list out_text = PyList_New(n + m)
    cdef list out_value = PyList_New(n + m)
    cdef uint16_t f
    cdef object shown_text
    k = 0
    for i in range(n):
        f = old.flags[i]
        if k < changes and places[k] == i:
            s = which[k]
            k += 1
            shown_text = <object>PyList_GET_ITEM(shown, s)
            if shown_text:
                out.start[p] = old.start[i]
                out.end[p] = old.start[i]
                out.kind[p] = KIND_SPEAKER
                out.flags[p] = (f & FLAG_SEGMENT_START) | MARKER_FLAGS
                out.speaker[p] = old.speaker[i]
                out.tag[p] = -1
                _put(out_text, p, shown_text)
                _put(out_value, p, <object>PyList_GET_ITEM(lowered, s))
                p += 1
                f = (f & ~SEGMENT_AND_CHANGE) | FLAG_SEQUENCE_START
        out.copy_row(p, old, i)
        out.flags[p] = f
        _put(out_text, p, <object>PyList_GET_ITEM(text, i))
        _put(out_value, p, <object>PyList_GET_ITEM(value, i))
        p += 1
    return out.columns(out_text, out_value)


def filled(type owner, tuple slots, tuple values):
    """``rows_kernel.filled``: an ``owner`` made without running its ``__init__``, each of
    its ``slots`` (member descriptors) holding the value at the same place in ``values``;
    ``owner``'s ``__init__`` must do nothing but store them (a frozen dataclass's stores
    each through ``object.__setattr__``: a TokenTable's eleven cost 2.6 us, this 0.3)."""
    cdef Py_ssize_t n = len(slots), k
    if len(values) != n:
        raise ValueError(f"filled: {len(values)} values for {n} slots")
    cdef Py_ssize_t* at = <Py_ssize_t*>PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))
    if at == NULL:
        raise MemoryError()
    cdef PyTypeObject* kind = <PyTypeObject*>owner
    cdef PyObject* made
    try:
        for k in range(n):
            at[k] = slot_offset(slots[k], owner, "filled")
        made = kind.tp_alloc(kind, 0)
        if made == NULL:
            raise MemoryError()
        for k in range(n):
            set_slot(made, at[k], values[k])
        result = <object>made
        Py_DECREF(result)
        return result
    finally:
        PyMem_Free(at)
