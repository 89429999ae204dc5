# Writing str objects straight from C: the kernels that make text (_blocks, _layout's
# caption lines) allocate each result once with PyUnicode_New, at the width of its widest
# character, and copy into it, instead of joining lists of small strings.

from libc.stdint cimport uint8_t
from libc.string cimport memcpy

cdef extern from "Python.h":
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_ssize_t PyUnicode_GET_LENGTH(object text)
    Py_UCS4 PyUnicode_MAX_CHAR_VALUE(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t at)
    void PyUnicode_WRITE(int kind, void* data, Py_ssize_t at, Py_UCS4 value)
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint PyUnicode_CheckExact(object o)
    bint PyUnicode_IS_ASCII(object text)


cdef inline Py_ssize_t put_ascii(void* data, int kind, Py_ssize_t at, const char* text,
                                 Py_ssize_t n) noexcept:
    """Copies ``n`` ASCII characters at ``at``; returns the position after them."""
    cdef Py_ssize_t i
    if kind == 1:
        memcpy(<char*>data + at, text, n)
    else:
        for i in range(n):
            PyUnicode_WRITE(kind, data, at + i, <Py_UCS4>(<uint8_t>text[i]))
    return at + n


cdef inline Py_ssize_t put_text(void* data, int kind, Py_ssize_t at, object text) noexcept:
    """Copies the str ``text`` at ``at`` (the result must be at least as wide as it)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i
    cdef int text_kind = PyUnicode_KIND(text)
    cdef void* source = PyUnicode_DATA(text)
    if text_kind == kind:
        memcpy(<char*>data + at * kind, source, n * kind)
    else:
        for i in range(n):
            PyUnicode_WRITE(kind, data, at + i, PyUnicode_READ(text_kind, source, i))
    return at + n
