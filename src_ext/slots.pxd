# Filling a class's __slots__ members straight from C, without running its __init__: how the
# kernels make many small frozen dataclasses (a frozen dataclass's __init__ stores each field
# through object.__setattr__, about 0.2 us a field; issue 15). Only for classes whose
# __init__ does nothing but store its fields.

from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF

cdef extern from "Python.h":
    ctypedef struct PyMemberDef:
        const char* name
        int type
        Py_ssize_t offset
    ctypedef struct PyMemberDescrObject:
        PyMemberDef* d_member
    ctypedef struct PyTypeObject:
        PyObject* (*tp_alloc)(PyTypeObject*, Py_ssize_t)
    PyTypeObject PyMemberDescr_Type
    PyTypeObject* Py_TYPE(object o)
    PyTypeObject* PyDescr_TYPE(object descriptor)

cdef enum:
    T_OBJECT_EX = 16  # structmember.h: a slot that holds an object


cdef inline Py_ssize_t slot_offset(object descriptor, type owner, str who) except -1:
    """Where a ``__slots__`` member of ``owner`` keeps its object, read from its member
    descriptor (refused unless it is one, of that very class, holding an object)."""
    cdef PyMemberDef* member
    if Py_TYPE(descriptor) != &PyMemberDescr_Type:
        raise TypeError(f"{who}: the fields must be __slots__ members")
    if PyDescr_TYPE(descriptor) != <PyTypeObject*>owner:
        raise TypeError(f"{who}: the slots belong to another class")
    member = (<PyMemberDescrObject*>descriptor).d_member
    if member.type != T_OBJECT_EX:
        raise TypeError(f"{who}: the fields must hold objects")
    return member.offset


cdef inline void set_slot(PyObject* made, Py_ssize_t offset, object value) noexcept:
    """Store ``value`` in the empty slot at ``offset`` of a newly allocated object."""
    Py_INCREF(value)
    (<PyObject**>(<char*>made + offset))[0] = <PyObject*>value
