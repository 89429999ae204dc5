# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled twin of ``elementlist/captions/breaks_kernel.py`` (read that one first: it says
what each input and result holds). Same function, arguments and results; the numpy
operations there are the passes here:

1. forward, per token: space, breakable, the speaker-change and gap starts, the sounds'
   own captions and lines (before the token, and before the one after it), the sentence
   starts, and the "ends here" bits with the pairs kept together (the next token is read
   directly) and the first half of a name (with the last word and sentence end seen so
   far);
2. backward over the tokens after a marker: their start bits move onto the marker;
3. the movable start bits make a token breakable; the first token always is.

``unit_starts`` and ``unit_facts`` are one pass each over the tokens where the twin makes a
dozen numpy operations: the greedy cut of a run wider than a line happens as the run is
summed (a run that fits never reaches the line's width, so it is never cut).

Token kinds and flags come from ``token_constants.pxd``, the text bits from
``text_bits.pxd``, the unit bits from ``elementlist._layout.pxd`` (cimported: one statement
of them for C); tests hold each to its Python twin.
"""

from cpython.dict cimport PyDict_GetItem, PyDict_SetItem
from cpython.list cimport PyList_GET_ITEM
from text_write cimport (
    PyUnicode_CheckExact, PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_IS_ASCII,
)
from cpython.object cimport PyObject
from libc.stdint cimport int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t, uint64_t
from seen_table cimport SeenTable, seen_close, seen_open, seen_slot
from libc.string cimport memcpy

cimport numpy as cnp

from column_data cimport (
    as_column, column_data, column_length, column_of_length, new_column, zeroed_column,
)

cnp.import_array()

from token_constants cimport (
    FLAG_NO_BREAK_AFTER, FLAG_SENTENCE_END, FLAG_SEQUENCE_START, FLAG_SPEAKER_CHANGE,
    KIND_PUNCTUATION, KIND_SOUND, KIND_SPEAKER, KIND_WORD, compiled_constants,
)
from text_bits cimport (
    TEXT_ADJECTIVE, TEXT_CAPITAL, TEXT_GLUE, TEXT_NO_BREAK, TEXT_NO_BREAK_BEFORE,
    TEXT_NUMBER, TEXT_UNIT, compiled_text_bits,
)

CONSTANTS = compiled_constants()
TEXT_BITS = compiled_text_bits()

from elementlist._layout cimport (
    CLAUSE_END as U_CLAUSE_END, HARD as U_HARD, LINE as U_LINE,
    NO_BREAK_AFTER as U_NO_BREAK_AFTER, OPENS_PHRASE as U_OPENS_PHRASE,
    SENTENCE as U_SENTENCE, SENTENCE_END as U_SENTENCE_END, SPACE as U_SPACE,
    SPEAKER as U_SPEAKER,
)

cdef enum:
    U_MOVABLE = U_HARD | U_SENTENCE | U_LINE | U_SPEAKER
    U_TEXT_ENDS = U_SENTENCE_END | U_CLAUSE_END
    U_UNIT_ENDS = U_NO_BREAK_AFTER | U_SENTENCE_END | U_CLAUSE_END


def token_breaks(
    kind_array,
    flags_array,
    looks_array,
    piece_array,
    start_array,
    end_array,
    speaker_array,
    tag_array,
    bint spaced,
    bint single_speaker_per_caption,
    bint speaker_on_new_line,
    int64_t silence_max_ms,
    caption_tags_array,
    line_tags_array,
    int64_t sound_threshold,
    bint caption_by_sentence,
    bint line_break_on_sentence,
):
    """``(space, breakable, before, after)`` for every token: see the pure twin."""
    cdef cnp.ndarray kind_a = as_column(kind_array, cnp.NPY_INT8)
    cdef Py_ssize_t n = column_length(kind_a), i, j, n_tags
    cdef str unequal = "token_breaks: the columns differ in length"
    cdef cnp.ndarray flags_a = column_of_length(flags_array, cnp.NPY_UINT16, n, unequal)
    cdef cnp.ndarray looks_a = column_of_length(looks_array, cnp.NPY_INT32, n, unequal)
    cdef cnp.ndarray piece_a = column_of_length(piece_array, cnp.NPY_BOOL, n, unequal)
    cdef cnp.ndarray start_a = column_of_length(start_array, cnp.NPY_INT64, n, unequal)
    cdef cnp.ndarray end_a = column_of_length(end_array, cnp.NPY_INT64, n, unequal)
    cdef cnp.ndarray speaker_a = column_of_length(speaker_array, cnp.NPY_INT32, n, unequal)
    cdef cnp.ndarray tag_a = column_of_length(tag_array, cnp.NPY_INT16, n, unequal)
    cdef cnp.ndarray caption_tags_a = as_column(caption_tags_array, cnp.NPY_BOOL)
    n_tags = column_length(caption_tags_a)
    cdef cnp.ndarray line_tags_a = column_of_length(
        line_tags_array, cnp.NPY_BOOL, n_tags, "token_breaks: the two tag look-ups differ in length")
    cdef const int8_t* kind = <const int8_t*>column_data(kind_a)
    cdef const uint16_t* flags = <const uint16_t*>column_data(flags_a)
    cdef const int32_t* looks = <const int32_t*>column_data(looks_a)
    cdef const uint8_t* piece = <const uint8_t*>column_data(piece_a)
    cdef const int64_t* start = <const int64_t*>column_data(start_a)
    cdef const int64_t* end = <const int64_t*>column_data(end_a)
    cdef const int32_t* speaker = <const int32_t*>column_data(speaker_a)
    cdef const int16_t* tag = <const int16_t*>column_data(tag_a)
    cdef const uint8_t* caption_tags = <const uint8_t*>column_data(caption_tags_a)
    cdef const uint8_t* line_tags = <const uint8_t*>column_data(line_tags_a)
    cdef cnp.ndarray space_out = zeroed_column(n, cnp.NPY_BOOL)
    cdef cnp.ndarray breakable_out = zeroed_column(n, cnp.NPY_BOOL)
    cdef cnp.ndarray before_out = zeroed_column(n, cnp.NPY_UINT16)
    cdef cnp.ndarray after_out = zeroed_column(n, cnp.NPY_UINT16)
    cdef uint8_t* space = <uint8_t*>column_data(space_out)
    cdef uint8_t* breakable = <uint8_t*>column_data(breakable_out)
    cdef uint16_t* before = <uint16_t*>column_data(before_out)
    cdef uint16_t* after = <uint16_t*>column_data(after_out)
    cdef uint16_t change_bits = U_HARD if (speaker_on_new_line or single_speaker_per_caption) \
        else (U_SPEAKER | U_LINE)
    cdef bint marker, prev_marker = False, seq, glue, sentence_end, prev_sentence_end = False
    cdef bint change, is_word, own_caption, own_line, prev_own_caption = False
    cdef bint prev_own_line = False, no_break, next_word, function
    cdef int64_t ended = 0
    cdef int32_t bits, nxt
    cdef int t
    # the name rule: the last word and the last sentence end seen before token i
    cdef Py_ssize_t last_word = -1, last_end = -1
    cdef bint capital_word, next_capital
    if n == 0:
        return space_out, breakable_out, before_out, after_out

    for i in range(n):
        marker = kind[i] == KIND_SPEAKER
        seq = (flags[i] & FLAG_SEQUENCE_START) != 0
        bits = looks[i]
        glue = (bits & TEXT_GLUE) != 0
        sentence_end = (flags[i] & FLAG_SENTENCE_END) != 0
        is_word = kind[i] == KIND_WORD

        # space and breakable (after_sentence: the token before ended a sentence)
        space[i] = i > 0 and ((seq and spaced) or marker or prev_marker)
        if spaced:
            breakable[i] = (seq or piece[i]) and (not glue or piece[i])
        else:
            breakable[i] = not glue
        if prev_sentence_end:
            breakable[i] = True
        if prev_marker:
            breakable[i] = False

        # the starts the options put before the token
        change = (flags[i] & FLAG_SPEAKER_CHANGE) != 0 or marker
        if single_speaker_per_caption and i > 0 and speaker[i] != speaker[i - 1]:
            change = True
        if change and not prev_marker:
            before[i] |= change_bits
        if i > 0 and start[i] > ended + silence_max_ms:
            before[i] |= U_HARD
        if i == 0 or end[i] > ended:
            ended = end[i]
        own_caption = own_line = False
        if kind[i] == KIND_SOUND:
            t = tag[i] if tag[i] >= 0 else n_tags - 1
            own_caption = caption_tags[t] != 0 or (
                sound_threshold >= 0 and end[i] - start[i] > sound_threshold
            )
            own_line = line_tags[t] != 0
        if own_caption or prev_own_caption:
            before[i] |= U_HARD
        if own_line or prev_own_line:
            before[i] |= U_LINE
        if prev_sentence_end:
            if caption_by_sentence:
                before[i] |= U_SENTENCE
            if line_break_on_sentence:
                before[i] |= U_LINE

        # what follows the token: its text's ends, and the breaks it should not take
        after[i] = bits & U_TEXT_ENDS
        if sentence_end:
            after[i] |= U_SENTENCE_END
        no_break = marker or (flags[i] & FLAG_NO_BREAK_AFTER) != 0 or (bits & TEXT_NO_BREAK) != 0
        if not no_break and i + 1 < n and is_word and not (bits & U_TEXT_ENDS):
            j = i + 1
            next_word = kind[j] == KIND_WORD and (flags[j] & FLAG_SEQUENCE_START) != 0
            nxt = looks[j]
            if next_word:
                function = (nxt & (TEXT_NO_BREAK | U_OPENS_PHRASE)) != 0
                if (nxt & TEXT_NO_BREAK_BEFORE) != 0:
                    no_break = True  # a verb and its negation
                elif (bits & TEXT_NUMBER) and (nxt & TEXT_UNIT):
                    no_break = True  # a number and its unit
                elif (bits & TEXT_ADJECTIVE) and not function and not (nxt & TEXT_NUMBER):
                    no_break = True  # an adjective and its noun
                elif (bits & TEXT_CAPITAL) and (nxt & TEXT_CAPITAL) and last_word > last_end:
                    no_break = True  # the first of two names in mid-sentence
        if no_break:
            after[i] |= U_NO_BREAK_AFTER

        if is_word:
            last_word = i
        if sentence_end or (is_word and (bits & U_SENTENCE_END)):
            last_end = i
        prev_marker, prev_sentence_end = marker, sentence_end
        prev_own_caption, prev_own_line = own_caption, own_line

    before[0] = 0
    # a marker keeps the word after it, back to front (a chain hands on to the first)
    for i in range(n - 1, 0, -1):
        if kind[i - 1] == KIND_SPEAKER:
            before[i - 1] |= before[i] & U_MOVABLE
            before[i] &= ~U_MOVABLE & 0xFFFF
    for i in range(n):
        if before[i] & U_MOVABLE:
            breakable[i] = True
    breakable[0] = True
    return space_out, breakable_out, before_out, after_out


def unit_starts(breakable_array, width_array, space_array, int cpl):
    """``(first, unit_width)``: see the pure twin."""
    cdef cnp.ndarray breakable_a = as_column(breakable_array, cnp.NPY_BOOL)
    cdef Py_ssize_t n = column_length(breakable_a), t, u = -1
    cdef str unequal = "unit_starts: the columns differ in length"
    cdef cnp.ndarray width_a = column_of_length(width_array, cnp.NPY_INT32, n, unequal)
    cdef cnp.ndarray space_a = column_of_length(space_array, cnp.NPY_BOOL, n, unequal)
    cdef const uint8_t* breakable = <const uint8_t*>column_data(breakable_a)
    cdef const int32_t* width = <const int32_t*>column_data(width_a)
    cdef const uint8_t* space = <const uint8_t*>column_data(space_a)
    cdef cnp.ndarray first_out = new_column(n, cnp.NPY_INTP)
    cdef cnp.ndarray width_out = new_column(n, cnp.NPY_INT32)
    cdef Py_ssize_t* first = <Py_ssize_t*>column_data(first_out)
    cdef int32_t* unit_width = <int32_t*>column_data(width_out)
    cdef int64_t w = 0, add
    for t in range(n):
        add = space[t] + width[t]
        if breakable[t] or u < 0 or w + add > cpl:
            if u >= 0:
                unit_width[u] = <int32_t>w
            u += 1
            first[u] = t
            w = width[t]
        else:
            w += add
    if u >= 0:
        unit_width[u] = <int32_t>w
    return _first_items(first_out, u + 1, sizeof(Py_ssize_t), cnp.NPY_INTP), _first_items(
        width_out, u + 1, sizeof(int32_t), cnp.NPY_INT32)


cdef cnp.ndarray _first_items(cnp.ndarray column, Py_ssize_t m, size_t item, int typenum):
    """A new column of the first ``m`` items of ``column`` (a copy made in C: numpy's
    slicing and ``copy`` from here cost several µs each the first time after a collection)."""
    if m == column_length(column):
        return column
    cdef cnp.ndarray out = new_column(m, typenum)
    if m:
        memcpy(column_data(out), column_data(column), <size_t>m * item)
    return out


def widest(width_array):
    """``breaks_kernel.widest``: the largest width, 0 for none."""
    cdef cnp.ndarray width_a = as_column(width_array, cnp.NPY_INT32)
    cdef Py_ssize_t n = column_length(width_a), t
    cdef const int32_t* width = <const int32_t*>column_data(width_a)
    cdef int32_t most = 0
    for t in range(n):
        if width[t] > most or t == 0:
            most = width[t]
    return most


def unit_times(start_array, end_array, first_array):
    """``breaks_kernel.unit_times``: one pass over the tokens."""
    cdef cnp.ndarray first_a = as_column(first_array, cnp.NPY_INTP)
    cdef cnp.ndarray start_a = as_column(start_array, cnp.NPY_INT64)
    cdef Py_ssize_t units = column_length(first_a), n = column_length(start_a), u, t, a, b
    cdef cnp.ndarray end_a = column_of_length(
        end_array, cnp.NPY_INT64, n, "unit_times: the columns differ in length")
    cdef const Py_ssize_t* first = <const Py_ssize_t*>column_data(first_a)
    cdef const int64_t* start = <const int64_t*>column_data(start_a)
    cdef const int64_t* end = <const int64_t*>column_data(end_a)
    for u in range(units):
        if first[u] < 0 or first[u] >= n or (u and first[u] <= first[u - 1]):
            raise ValueError("unit_times: the units' first tokens must rise within the tokens")
    cdef cnp.ndarray start_out = new_column(units, cnp.NPY_INT64)
    cdef cnp.ndarray end_out = new_column(units, cnp.NPY_INT64)
    cdef int64_t* unit_start = <int64_t*>column_data(start_out)
    cdef int64_t* unit_end = <int64_t*>column_data(end_out)
    cdef int64_t lo, hi
    for u in range(units):
        a = first[u]
        b = first[u + 1] if u + 1 < units else n
        lo = start[a]
        hi = end[a]
        for t in range(a + 1, b):
            if start[t] < lo:
                lo = start[t]
            if end[t] > hi:
                hi = end[t]
        unit_start[u] = lo
        unit_end[u] = hi
    return start_out, end_out


def false_column(Py_ssize_t n):
    """``breaks_kernel.false_column``: ``n`` False (bool)."""
    return zeroed_column(n, cnp.NPY_BOOL)


def unit_facts(first_array, kind_array, space_array, looks_array, before_array, after_array):
    """``(unit_bits, unit_words)``: see the pure twin."""
    cdef cnp.ndarray first_a = as_column(first_array, cnp.NPY_INTP)
    cdef cnp.ndarray kind_a = as_column(kind_array, cnp.NPY_INT8)
    cdef Py_ssize_t units = column_length(first_a), n = column_length(kind_a), u, t, a, b
    cdef str unequal = "unit_facts: the columns differ in length"
    cdef cnp.ndarray space_a = column_of_length(space_array, cnp.NPY_BOOL, n, unequal)
    cdef cnp.ndarray looks_a = column_of_length(looks_array, cnp.NPY_INT32, n, unequal)
    cdef cnp.ndarray before_a = column_of_length(before_array, cnp.NPY_UINT16, n, unequal)
    cdef cnp.ndarray after_a = column_of_length(after_array, cnp.NPY_UINT16, n, unequal)
    cdef const Py_ssize_t* first = <const Py_ssize_t*>column_data(first_a)
    cdef const int8_t* kind = <const int8_t*>column_data(kind_a)
    cdef const uint8_t* space = <const uint8_t*>column_data(space_a)
    cdef const int32_t* looks = <const int32_t*>column_data(looks_a)
    cdef const uint16_t* before = <const uint16_t*>column_data(before_a)
    cdef const uint16_t* after = <const uint16_t*>column_data(after_a)
    cdef cnp.ndarray bits_out = new_column(units, cnp.NPY_UINT16)
    cdef cnp.ndarray words_out = new_column(units, cnp.NPY_INT32)
    cdef uint16_t* unit_bits = <uint16_t*>column_data(bits_out)
    cdef int32_t* unit_words = <int32_t*>column_data(words_out)
    cdef uint16_t bits
    cdef int32_t words
    for u in range(units):
        a = first[u]
        b = first[u + 1] if u + 1 < units else n
        bits = before[a] & U_MOVABLE
        if space[a]:
            bits |= U_SPACE
        bits |= looks[a] & U_OPENS_PHRASE
        bits |= after[b - 1] & U_UNIT_ENDS
        unit_bits[u] = bits
        words = 0
        for t in range(a, b):
            if kind[t] == KIND_WORD or kind[t] == KIND_SOUND:
                words += 1
        unit_words[u] = words
    return bits_out, words_out


cdef inline object _known_or_asked(dict known, object text, object ask):
    """``known[text]``, else ``ask(text)`` (which keeps its answer in ``known``: the answers
    of earlier calls, shared across calls, read here at C speed)."""
    cdef PyObject* found = PyDict_GetItem(known, text)
    if found is not NULL:
        return <object>found
    return ask(text)


def marker_times(start, end, kind, bint copy):
    """``breaks_kernel.marker_times``: one pass back to front over the markers."""
    cdef cnp.ndarray kind_a = as_column(kind, cnp.NPY_INT8)
    cdef Py_ssize_t n = column_length(kind_a), i
    cdef str unequal = "marker_times: the columns differ in length"
    cdef cnp.ndarray ts_a = column_of_length(start, cnp.NPY_INT64, n, unequal)
    cdef cnp.ndarray te_a = column_of_length(end, cnp.NPY_INT64, n, unequal)
    cdef const int8_t* kinds = <const int8_t*>column_data(kind_a)
    cdef int64_t* ts = <int64_t*>column_data(ts_a)
    cdef int64_t* te = <int64_t*>column_data(te_a)
    cdef bint changes = False
    for i in range(n - 1):
        if kinds[i] == KIND_SPEAKER and (ts[i] != ts[i + 1] or te[i] != ts[i + 1]):
            changes = True
            break
    if not copy and not changes:
        return ts_a, te_a
    ts_a = cnp.PyArray_NewCopy(ts_a, cnp.NPY_CORDER)
    te_a = cnp.PyArray_NewCopy(te_a, cnp.NPY_CORDER)
    ts = <int64_t*>column_data(ts_a)
    te = <int64_t*>column_data(te_a)
    for i in range(n - 2, -1, -1):
        if kinds[i] == KIND_SPEAKER:
            ts[i] = ts[i + 1]
            te[i] = ts[i + 1]
    return ts_a, te_a


cdef inline bint plain_ascii(object text) noexcept:
    """An ASCII str without a carriage return: as wide as it is long."""
    cdef Py_ssize_t n, i
    cdef const char* data
    if not PyUnicode_IS_ASCII(text):
        return False
    n = PyUnicode_GET_LENGTH(text)
    data = <const char*>PyUnicode_DATA(text)
    for i in range(n):
        if data[i] == 13:
            return False
    return True


def token_widths(list text, width_of, dict known):
    """``breaks_kernel.token_widths``: one pass; an ASCII string without a carriage return
    is its length, the others' widths are ``known``'s or ``width_of``'s."""
    cdef Py_ssize_t n = len(text), i
    cdef cnp.ndarray out_a = new_column(n, cnp.NPY_INT32)
    cdef int32_t* out = <int32_t*>column_data(out_a)
    cdef object token
    for i in range(n):
        token = <object>PyList_GET_ITEM(text, i)
        if PyUnicode_CheckExact(token) and plain_ascii(token):
            out[i] = <int32_t>PyUnicode_GET_LENGTH(token)
        else:
            out[i] = _known_or_asked(known, token, width_of)
    return out_a


def token_looks(list text, kind, packed_bits, int shift, dict known):
    """``breaks_kernel.token_looks``: one pass; a word's or punctuation token's bits are
    ``known``'s or ``packed_bits``', a repeated string answered first by the table of those
    this call has seen (``seen_table.pxd``; ``text`` holds them for the call): an hour's
    looks 215 -> 35 us."""
    cdef Py_ssize_t n = len(text), i
    cdef cnp.ndarray kind_a = column_of_length(
        kind, cnp.NPY_INT8, n, "token_looks: a kind for each text")
    cdef const int8_t* kinds = <const int8_t*>column_data(kind_a)
    cdef cnp.ndarray out_a = new_column(n, cnp.NPY_INT32)
    cdef int32_t* out = <int32_t*>column_data(out_a)
    if shift < 0 or shift > 31:
        raise ValueError("token_looks: the shift is a bit of an int32")
    cdef int64_t mask = (<int64_t>1 << shift) - 1, both
    cdef SeenTable seen
    cdef PyObject* token
    cdef uint64_t slot
    seen_open(&seen, n)
    try:
        for i in range(n):
            if kinds[i] != KIND_WORD and kinds[i] != KIND_PUNCTUATION:
                out[i] = 0
                continue
            token = PyList_GET_ITEM(text, i)
            slot = seen_slot(&seen, token)
            if seen.keys[slot] == token:
                both = seen.values[slot]
            else:
                both = _known_or_asked(known, <object>token, packed_bits)
                seen.keys[slot] = token
                seen.values[slot] = both
            out[i] = <int32_t>(both & mask) if kinds[i] == KIND_WORD else <int32_t>(both >> shift)
    finally:
        seen_close(&seen)
    return out_a
