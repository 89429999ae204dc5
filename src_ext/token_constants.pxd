# The numbers the Cython kernels share with the Python side: the token kinds
# (elementlist.document.vocabulary.TokenKind) and the TokenTable's flag bits
# (elementlist.table.token_table.TokenFlag). Stated for C here, once;
# tests/test_constants.py holds each equal to its Python twin through compiled_constants().

cdef enum:
    KIND_UNKNOWN = -1
    KIND_WORD = 0
    KIND_PUNCTUATION = 1
    KIND_SOUND = 2
    KIND_SPEAKER = 3

cdef enum:
    FLAG_SENTENCE_END = 1
    FLAG_SEQUENCE_START = 2
    FLAG_SEGMENT_START = 4
    FLAG_SPEAKER_CHANGE = 8
    FLAG_NO_BREAK_AFTER = 16


cdef inline dict compiled_constants():
    """The values above as a kernel compiled them (its module exports this as CONSTANTS)."""
    return {
        "TokenKind": {
            "UNKNOWN": KIND_UNKNOWN,
            "WORD": KIND_WORD,
            "PUNCTUATION": KIND_PUNCTUATION,
            "SOUND": KIND_SOUND,
            "SPEAKER": KIND_SPEAKER,
        },
        "TokenFlag": {
            "SENTENCE_END": FLAG_SENTENCE_END,
            "SEQUENCE_START": FLAG_SEQUENCE_START,
            "SEGMENT_START": FLAG_SEGMENT_START,
            "SPEAKER_CHANGE": FLAG_SPEAKER_CHANGE,
            "NO_BREAK_AFTER": FLAG_NO_BREAK_AFTER,
        },
    }
