# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of elementlist.table.build.fill_columns: one pass over the model into columns."""

import numpy as np
cimport numpy as cnp
from cpython.float cimport PyFloat_AS_DOUBLE
from cpython.long cimport PyLong_AsLongLongAndOverflow
from msgspec import UNSET

cnp.import_array()

cdef int SOUND = 2
cdef int UNKNOWN = -1


cdef inline double as_time(object t) except? -1.0:
    """A model time as float64 without ever raising for a number (tokens.time_value is the
    rule; plain ints and floats, all that a decoded document holds, take the quick way)."""
    cdef int overflow = 0
    cdef long long v
    if type(t) is float:
        return PyFloat_AS_DOUBLE(t)
    if type(t) is int:
        v = PyLong_AsLongLongAndOverflow(t, &overflow)
        if not overflow:
            return <double>v
    from .table.build import time_value  # only for what a model built in Python may hold

    return time_value(t)


def fill_columns(list segments, dict speaker_index, list speakers, dict tag_index,
                 dict kind_of, object kind_fallback):
    """Columns for every token of ``segments``; see the pure twin for the meaning."""
    cdef Py_ssize_t n = 0, i = 0
    cdef object seg, seq, tok, t, tags, name, sid, shown
    for seg in segments:
        for seq in seg.sequences:
            n += len(seq.tokens)
    starts_obj = np.empty(n, dtype=np.float64)
    ends_obj = np.empty(n, dtype=np.float64)
    kinds_obj = np.empty(n, dtype=np.int8)
    flags_obj = np.empty(n, dtype=np.uint16)
    spk_obj = np.empty(n, dtype=np.int32)
    tag_obj = np.empty(n, dtype=np.int16)
    cdef double[::1] starts = starts_obj
    cdef double[::1] ends = ends_obj
    cdef signed char[::1] kinds = kinds_obj
    cdef unsigned short[::1] flags = flags_obj
    cdef int[::1] spk = spk_obj
    cdef short[::1] tagcol = tag_obj
    cdef list text = [None] * n
    cdef list value = [None] * n
    cdef int speaker, k, tag, previous_speaker = -1
    cdef bint have_previous = False, changed
    cdef unsigned short segment_flag, sequence_flag, f
    cdef object kobj
    for seg in segments:
        sid = seg.speaker_id
        if sid is UNSET or sid is None or isinstance(sid, bool):
            speaker = -1
        else:
            kobj = speaker_index.get(sid)
            if kobj is None:
                speaker = len(speakers)
                speaker_index[sid] = speaker
                speakers.append((sid, ""))
            else:
                speaker = kobj
        if speaker >= 0:
            changed = (not have_previous) or speaker != previous_speaker
        else:
            changed = seg.speaker_change is True
        segment_flag = 4 | (8 if changed else 0)
        if speaker >= 0 or have_previous:
            previous_speaker = speaker
            have_previous = True
        for seq in seg.sequences:
            sequence_flag = 2
            for tok in seq.tokens:
                starts[i] = as_time(tok.start_time)
                ends[i] = as_time(tok.end_time)
                t = tok.type
                kobj = kind_of.get(t)
                if kobj is None:
                    kobj = kind_fallback(t)
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
                        if name == "ENDS_SENTENCE":
                            f |= 1
                        elif tag < 0 and k == SOUND:
                            kobj = tag_index.get(name)
                            if kobj is None:
                                kobj = len(tag_index)
                                tag_index[name] = kobj
                            tag = kobj
                if k == SOUND and tag < 0:
                    name = tok.value.strip("[]{}() ").upper() or "UNKNOWN"
                    kobj = tag_index.get(name)
                    if kobj is None:
                        kobj = len(tag_index)
                        tag_index[name] = kobj
                    tag = kobj
                flags[i] = f
                spk[i] = speaker
                tagcol[i] = tag
                shown = tok.display_as
                value[i] = tok.value
                text[i] = tok.value if shown is UNSET else shown
                i += 1
    return starts_obj, ends_obj, kinds_obj, flags_obj, spk_obj, tag_obj, text, value
