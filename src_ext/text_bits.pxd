# The bits of a token's text that elementlist.captions.word_facts sets beside the UnitBit
# ones (GLUE … NO_BREAK_BEFORE there), for the compiled break rules (_breaks.pyx). Stated
# for C here, once; tests/test_constants.py holds each equal to its Python twin through
# compiled_text_bits().

cdef enum:
    TEXT_GLUE = 1 << 12
    TEXT_NO_BREAK = 1 << 13
    TEXT_CAPITAL = 1 << 14
    TEXT_NUMBER = 1 << 15
    TEXT_UNIT = 1 << 16
    TEXT_ADJECTIVE = 1 << 17
    TEXT_NO_BREAK_BEFORE = 1 << 18


cdef inline dict compiled_text_bits():
    """The values above as a kernel compiled them (its module exports this as TEXT_BITS)."""
    return {
        "GLUE": TEXT_GLUE,
        "NO_BREAK": TEXT_NO_BREAK,
        "CAPITAL": TEXT_CAPITAL,
        "NUMBER": TEXT_NUMBER,
        "UNIT": TEXT_UNIT,
        "ADJECTIVE": TEXT_ADJECTIVE,
        "NO_BREAK_BEFORE": TEXT_NO_BREAK_BEFORE,
    }
