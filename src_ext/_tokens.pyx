# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of elementlist.table.from_model.fill_columns: one pass over the model into
columns (the pure twin says what each one holds)."""

import numpy as np
cimport numpy as cnp
from cpython.float cimport PyFloat_AS_DOUBLE
from cpython.long cimport PyLong_AsLongLongAndOverflow
from msgspec import UNSET

from token_constants cimport (
    FLAG_SENTENCE_END, FLAG_SEGMENT_START, FLAG_SEQUENCE_START, KIND_SOUND, compiled_constants,
)

from .document.vocabulary import ENDS_SENTENCE, token_kind, untagged_sound_name

cnp.import_array()

CONSTANTS = compiled_constants()


cdef inline double as_time(object t) except? -1.0:
    """A model time as float64 without ever raising for a number (from_model.time_value is
    the rule; plain ints and floats, all that a decoded document holds, take the quick way)."""
    cdef int overflow = 0
    cdef long long v
    if type(t) is float:
        return PyFloat_AS_DOUBLE(t)
    if type(t) is int:
        v = PyLong_AsLongLongAndOverflow(t, &overflow)
        if not overflow:
            return <double>v
    from .table.from_model import time_value  # only for what a model built in Python may hold

    return time_value(t)


def fill_columns(list segments, dict tag_index):
    """Columns for every token of ``segments``, then per segment its speaker id, hint and
    number of tokens; see the pure twin for the meaning."""
    cdef Py_ssize_t n = 0, i = 0, first_row
    cdef object seg, seq, tok, t, tags, name, shown
    for seg in segments:
        for seq in seg.sequences:
            n += len(seq.tokens)
    starts_obj = np.empty(n, dtype=np.float64)
    ends_obj = np.empty(n, dtype=np.float64)
    kinds_obj = np.empty(n, dtype=np.int8)
    flags_obj = np.empty(n, dtype=np.uint16)
    tag_obj = np.empty(n, dtype=np.int16)
    cdef double[::1] starts = starts_obj
    cdef double[::1] ends = ends_obj
    cdef signed char[::1] kinds = kinds_obj
    cdef unsigned short[::1] flags = flags_obj
    cdef short[::1] tagcol = tag_obj
    cdef list text = [None] * n
    cdef list value = [None] * n
    cdef list segment_ids = []
    cdef list hints = []
    cdef list counts = []
    cdef dict kind_of = {}  # the kind of each ``type`` value met
    cdef int k, tag
    cdef unsigned short segment_flag, sequence_flag, f
    cdef object kobj
    for seg in segments:
        segment_ids.append(seg.speaker)
        hints.append(seg.speaker_change is True)
        first_row = i
        segment_flag = FLAG_SEGMENT_START
        for seq in seg.sequences:
            sequence_flag = FLAG_SEQUENCE_START
            for tok in seq.tokens:
                starts[i] = as_time(tok.start_time)
                ends[i] = as_time(tok.end_time)
                t = tok.type
                kobj = kind_of.get(t)
                if kobj is None:
                    kobj = int(token_kind(t))
                    kind_of[t] = kobj
                k = kobj
                kinds[i] = k
                f = segment_flag | sequence_flag
                segment_flag = 0
                sequence_flag = 0
                tag = -1
                tags = tok.tags
                if tags:
                    for name in tags:
                        if name == ENDS_SENTENCE:
                            f |= FLAG_SENTENCE_END
                        elif tag < 0 and k == KIND_SOUND:
                            tag = tag_number(tag_index, name)
                if k == KIND_SOUND and tag < 0:  # untagged: its value names it ("[music]")
                    tag = tag_number(tag_index, untagged_sound_name(tok.value))
                flags[i] = f
                tagcol[i] = tag
                shown = tok.display_as
                value[i] = tok.value
                text[i] = tok.value if shown is UNSET else shown
                i += 1
        counts.append(i - first_row)
    return (starts_obj, ends_obj, kinds_obj, flags_obj, tag_obj, text, value,
            segment_ids, hints, counts)


cdef inline int tag_number(dict tag_index, object name) except? -2:
    """The index of sound tag ``name``, added when it is new."""
    cdef object found = tag_index.get(name)
    if found is None:
        found = len(tag_index)
        tag_index[name] = found
    return found
