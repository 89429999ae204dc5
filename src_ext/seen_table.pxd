# A small table of the strings a kernel call has seen, by address, and an int64 answer each:
# the scanner shares one str among a word's repeats, so most of a document's tokens are
# answered here before a dict or set look-up (25 ns a token on an hour's document, against
# a few here). Only for objects that stay alive for the whole call (the items of a list
# the call holds): an address is then one object's. Two strings that share a slot take it
# in turn; the caller asks again for the one that lost it.

from cpython.object cimport PyObject
from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport calloc, free

cdef enum:
    SEEN_MOST_BITS = 13  # at most 8,192 slots (128 kB)


cdef struct SeenTable:
    PyObject** keys
    int64_t* values
    int bits


cdef inline int seen_open(SeenTable* table, Py_ssize_t n) except -1:
    """An empty table sized for ``n`` tokens (64 slots up to SEEN_MOST_BITS' worth)."""
    table.bits = 6
    while table.bits < SEEN_MOST_BITS and (<Py_ssize_t>1 << table.bits) < n:
        table.bits += 1
    table.keys = <PyObject**>calloc(<size_t>1 << table.bits, sizeof(PyObject*))
    table.values = <int64_t*>calloc(<size_t>1 << table.bits, sizeof(int64_t))
    if table.keys == NULL or table.values == NULL:
        seen_close(table)
        raise MemoryError()
    return 0


cdef inline void seen_close(SeenTable* table) noexcept:
    free(table.keys)
    free(table.values)
    table.keys = NULL
    table.values = NULL


cdef inline uint64_t seen_slot(const SeenTable* table, PyObject* key) noexcept:
    """The slot of ``key``'s address (Fibonacci hashing: pymalloc's addresses share their
    low bits)."""
    return (<uint64_t><size_t>key * <uint64_t>0x9E3779B97F4A7C15) >> (64 - table.bits)
