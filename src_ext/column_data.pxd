# The kernels' way to read and make numpy columns: the array and its data pointer, never a
# typed memoryview. A memoryview is taken through Cython's generic buffer code (it parses
# the buffer's format string), and right after a collection the first one a module takes in
# a call costs 15-20 µs with that code cold (1.6 µs warm), more than a short document's
# work in the kernel (issue 15). Each module that cimports this calls cnp.import_array().

cimport numpy as cnp


cdef inline cnp.ndarray as_column(object a, int typenum):
    """``a`` as a one-dimensional C-contiguous array of ``typenum``: itself when it is one
    (a table's columns are), else a converted copy (numpy's unsafe cast, as
    ``np.ascontiguousarray(a, dtype)`` converts)."""
    cdef cnp.ndarray arr
    if cnp.PyArray_Check(a):
        arr = <cnp.ndarray>a
        if (cnp.PyArray_TYPE(arr) == typenum and cnp.PyArray_NDIM(arr) == 1
                and cnp.PyArray_IS_C_CONTIGUOUS(arr)):
            return arr
    arr = <cnp.ndarray>cnp.PyArray_FROMANY(
        a, typenum, 0, 0, cnp.NPY_ARRAY_C_CONTIGUOUS | cnp.NPY_ARRAY_ALIGNED
        | cnp.NPY_ARRAY_FORCECAST)
    if cnp.PyArray_NDIM(arr) != 1:
        raise ValueError("a column must be one-dimensional")
    return arr


cdef inline cnp.ndarray new_column(Py_ssize_t n, int typenum):
    """A new, uninitialised column of ``n`` items of ``typenum``."""
    cdef cnp.npy_intp dims[1]
    dims[0] = n
    return cnp.PyArray_EMPTY(1, dims, typenum, 0)


cdef inline Py_ssize_t column_length(cnp.ndarray a) noexcept:
    return cnp.PyArray_DIM(a, 0)


cdef inline void* column_data(cnp.ndarray a) noexcept:
    return cnp.PyArray_DATA(a)


cdef inline cnp.ndarray column_of_length(object a, int typenum, Py_ssize_t n, str refusal):
    """:func:`as_column`, refused with ``ValueError(refusal)`` unless it has ``n`` items:
    the kernels read every column up to ``n`` through its data, unchecked."""
    cdef cnp.ndarray arr = as_column(a, typenum)
    if cnp.PyArray_DIM(arr, 0) != n:
        raise ValueError(refusal)
    return arr


cdef inline cnp.ndarray zeroed_column(Py_ssize_t n, int typenum):
    """A new column of ``n`` zeros of ``typenum``."""
    cdef cnp.npy_intp dims[1]
    dims[0] = n
    return cnp.PyArray_ZEROS(1, dims, typenum, 0)
