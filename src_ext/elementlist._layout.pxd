# The declarations of elementlist._layout: the unit bits and the result codes of the layout
# kernel, with the names and values of elementlist/captions/units.py (tests/test_kernel_twins.py
# compares them). Cython reads this file before _layout.pyx (it is that module's .pxd, found
# beside it by its dotted name), so the kernel's loops use these names as C constants; as
# cpdef enums they also reach Python, as elementlist._layout.UnitBit and .UnitStart.

cpdef enum UnitBit:
    SPACE = 1
    HARD = 2
    SENTENCE = 4
    LINE = 8
    SPEAKER = 16
    NO_BREAK_AFTER = 32
    SENTENCE_END = 64
    CLAUSE_END = 128
    OPENS_PHRASE = 256

cpdef enum UnitStart:
    CONTINUE = 0
    NEW_LINE = 1
    NEW_CAPTION = 2
