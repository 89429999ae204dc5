# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""ElementList JSON bytes → the TokenTable columns in one pass, without the msgspec model.

``scan(data)`` returns the fields of the table ``build_token_table(loads(data))`` builds,
who speaks decided by :mod:`elementlist.table.speakers`' rule (see ``scan``), or None ("bail")
whenever it cannot be sure, and then the caller takes that full path. It must never accept
what ``loads`` rejects, so every field the model knows is type-checked as the model types it.

One loop reads every object of the model, driven by ``SCHEMA``: per object kind, each key
the model defines → (field id, value type, required, child kind). The duplicate-key walk
reads the same table; tests/test_scan.py holds it equal to elementlist.document.model.

Grammar handled (JSON as RFC 8259, keys in any order, unknown keys anywhere in the model's
objects with any valid JSON value, which is skipped), as ``SCHEMA`` states it:

  document = ws root ws EOF                       ws = (space | \\t | \\n | \\r)*
  root     = {"version": int, "segments": [segment],                        (required)
              "start_time"|"end_time": number, "language": string, "speakers": [speaker],
              "keywords"|"topics"|"entities": {string: meta}}
  segment  = {"start_time"|"end_time": number, "sequences": [sequence],         (required)
              "speaker_change"|"interpolated"|"bad_timing": bool, "style": string,
              "speaker_id": int | bool | null}
  sequence = {"start_time"|"end_time": number, "tokens": [token],              (required)
              "interpolated": bool, "confidence_score": number, "style": string}
  token    = {"start_time"|"end_time": int, "value": string, "type": string | int,
              (required) "display_as"|"style": string, "tags": [string], "interpolated": bool}
  speaker  = {"id": int (required), "name"|"gender": string}
  meta     = {"display_name"|"url": string, "time_ranges": [{"start_time"|"end_time": number}]}

Bails (return None): anything outside that grammar or typed otherwise (null for an
optional field included); a float token time; any time (token, sequence, segment, document,
time range) beyond ±MAX_TIME_MS, which loads refuses — a float time elsewhere unless its
decimal magnitude (integer digits + exponent) is at most 8, which keeps it exactly below the
bound whatever float64 rounds it to; an int longer than 18 digits; a float whose magnitude
could reach 1e300 or whose exponent has more than 4 digits; a duplicate key in a model
object or a keyword map; the model's carrier key for unknown fields as a key; invalid
UTF-8, an invalid or lone-surrogate escape, a control character in a string; nesting
deeper than 1000 or than the interpreter's recursion limit allows (msgspec's own limit);
more than 32767 sound tags; a UTF-8 BOM or UTF-16 (the root is not ``{`` after whitespace);
anything after the root object.

``scan(data, check=True)`` also says whether the document is plainly valid: True only when
``validate`` would find no violation at all (the CLI then needs no model for its warning
line). The check is a conservative restatement of elementlist.document.validate's rules
(which alone write violations): a time that is not a whole number anywhere makes it say
False, and the full report is then the validator's. tests/test_scan.py holds it to
``not validate(loads(data)).violations`` on generated documents with every corruption.

Only strings (display/value/tags/language/names) become Python objects; a small
direct-mapped cache shares the str of repeated short words.
"""

from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize, PyBytes_GET_SIZE
from cpython.unicode cimport PyUnicode_1BYTE_DATA, PyUnicode_DecodeUTF8
from libc.stdint cimport int16_t, int32_t, int64_t, uint16_t, uint32_t, uint64_t
from cpython.mem cimport PyMem_RawCalloc, PyMem_RawFree, PyMem_RawMalloc, PyMem_RawRealloc
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF, Py_XDECREF
from libc.string cimport memcmp, memcpy, memset

cimport cython
cimport numpy as cnp
import numpy as np

from column_data cimport column_data, new_column

from token_constants cimport (
    FLAG_SEGMENT_START, FLAG_SENTENCE_END, FLAG_SEQUENCE_START, FLAG_SPEAKER_CHANGE,
    KIND_PUNCTUATION, KIND_SOUND, KIND_UNKNOWN, KIND_WORD, compiled_constants,
)

from .document.model import EXTRA_KEY, MAX_TIME_MS
from .document.vocabulary import (
    ENDS_SENTENCE, KIND_BY_TYPE_NAME, SOUND_TAGS, TOKEN_TYPE_NAMES, untagged_sound_name,
)

cnp.import_array()

CONSTANTS = compiled_constants()

cdef extern from "Python.h":
    int Py_EnterRecursiveCall(const char *where)
    void Py_LeaveRecursiveCall()
    void PyErr_Clear()
    bint PyUnicode_IS_COMPACT_ASCII(object o)

cdef extern from *:
    """
    /* The index of the lowest-addressed byte whose high bit is set in a nonzero mask
       of 0x80 bits (a word loaded from memory). Without a count-trailing-zeros on a
       little-endian machine it says 0, and the caller's byte loop finds the byte. */
    #if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    #define EL_LITTLE_ENDIAN 1
    #define EL_FIRST_FLAGGED(mask) ((Py_ssize_t)(__builtin_ctzll(mask) >> 3))
    #define EL_BELOW_FLAGGED(mask) (((mask) & (0 - (mask))) - 1)
    #else
    #define EL_LITTLE_ENDIAN 0
    #define EL_FIRST_FLAGGED(mask) ((Py_ssize_t)0)
    #define EL_BELOW_FLAGGED(mask) ((uint64_t)0)
    #endif
    #define EL_ONES ((uint64_t)0x0101010101010101ULL)
    #define EL_HIGHS ((uint64_t)0x8080808080808080ULL)
    #define EL_LOW_BYTES ((uint64_t)0x000000FF000000FFULL)
    """
    const uint64_t EL_ONES, EL_HIGHS, EL_LOW_BYTES
    const bint EL_LITTLE_ENDIAN
    Py_ssize_t EL_FIRST_FLAGGED(uint64_t mask) noexcept nogil
    uint64_t EL_BELOW_FLAGGED(uint64_t mask) noexcept nogil

# results of next_key / next_item
cdef enum:
    BAIL = 0
    ITEM = 1
    END = 2
    OTHER_KEY = 3  # next_dup_key: a key no model object defines

cdef enum:
    MAX_DEPTH = 1000
    RECURSION_MARGIN = 32  # the model's own depth (≤ 8) and the frames loads() adds
    CACHE_SIZE = 4096  # slots at most; a power of two
    CACHE_MIN_SIZE = 256
    CACHE_BYTES_PER_SLOT = 32  # of input: a short document gets a small cache
    CACHE_MAX_LEN = 48
    MAX_INT_DIGITS = 18
    MAX_EXP_DIGITS = 4
    MAX_MAGNITUDE = 300  # decimal digits a float may reach before we bail
    MAX_SOUND_TAGS = 32767  # the tag column is int16

# what a byte means inside a string
cdef enum:
    PLAIN = 0
    QUOTE = 1
    BACKSLASH = 2
    CONTROL = 3
    HIGH = 4  # part of a multi-byte UTF-8 character

cdef unsigned char STRING_BYTE[256]
for _b in range(256):
    STRING_BYTE[_b] = (QUOTE if _b == 34 else BACKSLASH if _b == 92 else CONTROL if _b < 0x20
                       else HIGH if _b >= 0x80 else PLAIN)

cdef int64_t MAX_TIME = MAX_TIME_MS  # the model's bound on every time field, either sign
cdef int MAX_FLOAT_TIME_MAGNITUDE = 8  # a float below 10**8 lies inside the bound (6.048e8)

cdef bytes CARRIER_KEY = EXTRA_KEY.encode()


# -----------------------------------------------------------------------------------------
# The format's words, as bytes the C code compares with (from elementlist.document.vocabulary)

cdef struct Name:
    const char* text
    Py_ssize_t length

cdef list _NAME_BYTES = []  # keeps the bytes every Name points into alive


cdef Name name_of(str text):
    cdef bytes raw = text.encode("ascii")
    cdef Name name
    _NAME_BYTES.append(raw)
    name.text = raw
    name.length = len(raw)
    return name


cdef Name key_name_of(str text):
    """A key as a Name whose bytes go on with its closing quote and a colon."""
    cdef Name name = name_of(text + '":')
    name.length -= 2
    return name


cdef Name TYPE_NAMES[3]  # a token's ``type`` as a name: its index is its kind
assert len(TOKEN_TYPE_NAMES) == 3
for _i, _text in enumerate(TOKEN_TYPE_NAMES):
    TYPE_NAMES[_i] = name_of(_text)

cdef Name KNOWN_TAG_NAMES[32]
cdef int N_KNOWN_TAGS = len(SOUND_TAGS)
assert N_KNOWN_TAGS <= 32
for _i, _text in enumerate(SOUND_TAGS):
    KNOWN_TAG_NAMES[_i] = name_of(_text)

cdef Name SENTENCE_TAG = name_of(ENDS_SENTENCE)


# -----------------------------------------------------------------------------------------
# The schema: what each object of the model holds (elementlist.document.model)

# object kinds
cdef enum:
    NO_CHILD = -1
    K_ROOT = 0
    K_SEGMENT = 1
    K_SEQUENCE = 2
    K_TOKEN = 3
    K_SPEAKER = 4
    K_META = 5
    K_RANGE = 6
    N_KINDS = 7

# value types
cdef enum:
    V_INT = 0  # an integer
    V_TOKEN_TIME = 1  # an integer inside ±MAX_TIME (a float token time bails)
    V_TIME = 2  # a number inside ±MAX_TIME
    V_NUMBER = 3  # any number
    V_STRING = 4
    V_BOOL = 5
    V_TYPE = 6  # a token's type: a string or an integer
    V_TAGS = 7  # a list of strings
    V_SPEAKER_ID = 8  # an integer, a boolean or null
    V_LIST = 9  # a list of child objects
    V_MAP = 10  # an object of child objects keyed by term

# field ids: where the loop keeps a value (F_NONE: checked, then dropped)
cdef enum:
    F_NONE = 0
    F_START = 1  # start_time
    F_END = 2  # end_time
    F_NUMBER = 3  # version, a speaker's id, a segment's speaker_id
    F_HINT = 4  # speaker_change
    F_LANGUAGE = 5
    F_NAME = 6  # a speaker's name
    F_VALUE = 7  # a token's value
    F_DISPLAY = 8  # a token's display_as
    F_TYPE = 9
    F_TAGS = 10

REQUIRED = True
OPTIONAL = False

KIND_NAMES = ("ElementListTree", "Segment", "Sequence", "Token", "Speaker", "Meta", "TimeRange")
VALUE_TYPE_NAMES = ("int", "token time", "time", "number", "str", "bool", "str | int",
                    "list[str]", "int | bool | null", "list", "map")

# Per object kind, its keys in the order real data most often writes them (the loop tries
# them in this order): key → (field id, value type, required, child kind).
SCHEMA = {
    K_ROOT: {
        "segments": (F_NONE, V_LIST, REQUIRED, K_SEGMENT),
        "version": (F_NUMBER, V_INT, REQUIRED, NO_CHILD),
        "start_time": (F_START, V_TIME, OPTIONAL, NO_CHILD),
        "end_time": (F_END, V_TIME, OPTIONAL, NO_CHILD),
        "language": (F_LANGUAGE, V_STRING, OPTIONAL, NO_CHILD),
        "speakers": (F_NONE, V_LIST, OPTIONAL, K_SPEAKER),
        "keywords": (F_NONE, V_MAP, OPTIONAL, K_META),
        "topics": (F_NONE, V_MAP, OPTIONAL, K_META),
        "entities": (F_NONE, V_MAP, OPTIONAL, K_META),
    },
    K_SEGMENT: {
        "sequences": (F_NONE, V_LIST, REQUIRED, K_SEQUENCE),
        "start_time": (F_START, V_TIME, REQUIRED, NO_CHILD),
        "end_time": (F_END, V_TIME, REQUIRED, NO_CHILD),
        "speaker_id": (F_NUMBER, V_SPEAKER_ID, OPTIONAL, NO_CHILD),
        "speaker_change": (F_HINT, V_BOOL, OPTIONAL, NO_CHILD),
        "interpolated": (F_NONE, V_BOOL, OPTIONAL, NO_CHILD),
        "style": (F_NONE, V_STRING, OPTIONAL, NO_CHILD),
        "bad_timing": (F_NONE, V_BOOL, OPTIONAL, NO_CHILD),
    },
    K_SEQUENCE: {
        "tokens": (F_NONE, V_LIST, REQUIRED, K_TOKEN),
        "start_time": (F_START, V_TIME, REQUIRED, NO_CHILD),
        "end_time": (F_END, V_TIME, REQUIRED, NO_CHILD),
        "interpolated": (F_NONE, V_BOOL, OPTIONAL, NO_CHILD),
        "confidence_score": (F_NONE, V_NUMBER, OPTIONAL, NO_CHILD),
        "style": (F_NONE, V_STRING, OPTIONAL, NO_CHILD),
    },
    K_TOKEN: {
        "start_time": (F_START, V_TOKEN_TIME, REQUIRED, NO_CHILD),
        "end_time": (F_END, V_TOKEN_TIME, REQUIRED, NO_CHILD),
        "value": (F_VALUE, V_STRING, REQUIRED, NO_CHILD),
        "type": (F_TYPE, V_TYPE, REQUIRED, NO_CHILD),
        "display_as": (F_DISPLAY, V_STRING, OPTIONAL, NO_CHILD),
        "tags": (F_TAGS, V_TAGS, OPTIONAL, NO_CHILD),
        "interpolated": (F_NONE, V_BOOL, OPTIONAL, NO_CHILD),
        "style": (F_NONE, V_STRING, OPTIONAL, NO_CHILD),
    },
    K_SPEAKER: {
        "id": (F_NUMBER, V_INT, REQUIRED, NO_CHILD),
        "name": (F_NAME, V_STRING, OPTIONAL, NO_CHILD),
        "gender": (F_NONE, V_STRING, OPTIONAL, NO_CHILD),
    },
    K_META: {
        "display_name": (F_NONE, V_STRING, OPTIONAL, NO_CHILD),
        "url": (F_NONE, V_STRING, OPTIONAL, NO_CHILD),
        "time_ranges": (F_NONE, V_LIST, OPTIONAL, K_RANGE),
    },
    K_RANGE: {
        "start_time": (F_START, V_TIME, REQUIRED, NO_CHILD),
        "end_time": (F_END, V_TIME, REQUIRED, NO_CHILD),
    },
}

cdef enum:
    MAX_FIELDS = 16  # per kind (a field's bit in a seen mask is 1 << its index)

cdef struct Field:
    Name key  # its bytes go on with the key's closing quote and a colon
    int id
    int type
    int child
    # next_field's probe: the first and last word of ``key":`` (8 bytes when it is that
    # long, else 4, overlapping), and its length
    uint64_t head, tail
    Py_ssize_t probe


# the schema for C: FIELDS[kind][:FIELD_COUNT[kind]], REQUIRED_MASK[kind]
cdef Field FIELDS[N_KINDS][MAX_FIELDS]
cdef int FIELD_COUNT[N_KINDS]
cdef unsigned int REQUIRED_MASK[N_KINDS]
cdef list FIELD_KEYS = [None] * N_KINDS  # the keys as str, for the duplicate walk's locations


cdef void load_schema() except *:
    cdef int kind, i
    cdef Py_ssize_t n
    cdef const unsigned char* text
    for kind, fields in SCHEMA.items():
        assert len(fields) <= MAX_FIELDS
        FIELD_COUNT[kind] = len(fields)
        REQUIRED_MASK[kind] = 0
        FIELD_KEYS[kind] = list(fields)
        for i, (key, (field_id, value_type, required, child)) in enumerate(fields.items()):
            assert (child != NO_CHILD) == (value_type in (V_LIST, V_MAP))
            FIELDS[kind][i].key = key_name_of(key)
            text = <const unsigned char*>FIELDS[kind][i].key.text
            n = FIELDS[kind][i].key.length + 2
            assert n >= 4
            FIELDS[kind][i].probe = n
            if n >= 8:
                FIELDS[kind][i].head, FIELDS[kind][i].tail = load8(text), load8(text + n - 8)
            else:
                FIELDS[kind][i].head, FIELDS[kind][i].tail = load4(text), load4(text + n - 4)
            FIELDS[kind][i].id = field_id
            FIELDS[kind][i].type = value_type
            FIELDS[kind][i].child = child
            if required:
                REQUIRED_MASK[kind] |= 1u << i


load_schema()


cdef inline int find_field(int kind, const unsigned char* key, Py_ssize_t n) noexcept:
    """The index of ``key`` among the fields of this kind of object; -1 for any other key."""
    cdef int i
    cdef const Field* field
    for i in range(FIELD_COUNT[kind]):
        field = &FIELDS[kind][i]
        if field.key.length == n and equal_bytes(<const unsigned char*>field.key.text, key, n):
            return i
    return -1


def schema():
    """The scanner's schema, for the test that holds it equal to the model: per object
    (by its model class name), each key → (value type name, required, child class name)."""
    return {
        KIND_NAMES[kind]: {
            key: (VALUE_TYPE_NAMES[value_type], required,
                  None if child == NO_CHILD else KIND_NAMES[child])
            for key, (_, value_type, required, child) in fields.items()
        }
        for kind, fields in SCHEMA.items()
    }


# -----------------------------------------------------------------------------------------
# What one object holds while it is read (its fields, and for the check its children)

cdef struct ObjectValues:
    Py_ssize_t first_row  # the table's row count when the object opened
    int64_t start, end  # start_time / end_time when whole numbers (has_start / has_end)
    bint has_start, has_end
    int64_t number  # F_NUMBER: version, a speaker's id, a segment's int speaker_id
    bint has_number
    bint hint  # speaker_change is true
    int kind  # a token's type
    uint16_t token_flags  # a token's SENTENCE_END
    Py_ssize_t children  # the check: children seen, their earliest start and latest end
    int64_t child_min_start, child_max_end


cdef struct CacheSlot:
    const unsigned char* ptr  # into the input
    Py_ssize_t length
    PyObject* text  # a reference the cache owns; NULL: the slot is empty


cdef struct SegmentRecord:
    Py_ssize_t rows  # its number of tokens
    int64_t sid
    bint has_sid  # speaker_id was an int (null, bool and absent mean none)
    bint hint  # speaker_change is true


cdef inline bint equal_bytes(const unsigned char* a, const unsigned char* b,
                             Py_ssize_t n) noexcept:
    """``memcmp(a, b, n) == 0`` inline: the keys and the cached strings compared are a few
    bytes long, and a call into the C library for each cost a tenth of the scan. Eight
    bytes at a time, the last eight (or four) overlapping the ones before: a key of 10
    bytes is two loads a side, not ten (the key look-up was a fifth of the scan)."""
    cdef Py_ssize_t i = 0
    if n >= 8:
        while i + 8 < n:
            if load8(a + i) != load8(b + i):
                return False
            i += 8
        return load8(a + n - 8) == load8(b + n - 8)
    if n >= 4:
        return load4(a) == load4(b) and load4(a + n - 4) == load4(b + n - 4)
    for i in range(n):
        if a[i] != b[i]:
            return False
    return True


cdef inline uint64_t load8(const unsigned char* p) noexcept:
    """The 8 bytes at ``p`` as one word (any alignment: memcpy, which the compiler makes
    one load)."""
    cdef uint64_t v
    memcpy(&v, p, 8)
    return v


cdef inline uint32_t load4(const unsigned char* p) noexcept:
    cdef uint32_t v
    memcpy(&v, p, 4)
    return v


cdef inline uint64_t special_bytes(uint64_t w) noexcept:
    """The high bit of each byte of ``w`` that is ``"``, ``\\`` or below 0x20 — exact for
    the lowest one (a borrow only runs upward), which is all parse_string asks."""
    cdef uint64_t quote = w ^ (EL_ONES * 34), backslash = w ^ (EL_ONES * 92)
    return (((quote - EL_ONES) & ~quote) | ((backslash - EL_ONES) & ~backslash)
            | ((w - EL_ONES * 32) & ~w)) & EL_HIGHS


cdef inline Py_ssize_t text_hash(const unsigned char* s, Py_ssize_t n) noexcept:
    """A hash of a short string for the str cache, from a few word loads (not per byte)."""
    cdef uint64_t h
    cdef Py_ssize_t i
    if n >= 8:
        h = load8(s)
        i = 8
        while i < n:  # the last word overlaps the one before
            h = (h ^ (h >> 29)) * 0x9E3779B97F4A7C15u + load8(s + (i if i + 8 <= n else n - 8))
            i += 8
    elif n >= 4:
        h = load4(s) | (<uint64_t>load4(s + n - 4) << 32)
    elif n > 0:
        h = s[0] | (<uint64_t>s[n >> 1] << 8) | (<uint64_t>s[n - 1] << 16)
    else:
        h = 0
    h = (h ^ <uint64_t>n) * 0x9E3779B97F4A7C15u
    return <Py_ssize_t>(h >> 40)


cdef inline uint64_t non_digits(uint64_t w) noexcept:
    """The high bit of each byte of ``w`` that is no ASCII digit — exact for the lowest."""
    return ((w - EL_ONES * 0x30) | (w + EL_ONES * 0x46) | w) & EL_HIGHS


cdef inline uint64_t digits_value(uint64_t w, Py_ssize_t n) noexcept:
    """The value of the first ``n`` (1 to 8) bytes of ``w``, all digits, on a little-endian
    machine: the digits moved to the top (zeros before them), then pairs, fours and eights
    of digits combined by multiplies."""
    cdef uint64_t d = (w - EL_ONES * 0x30) << (8 * (8 - n))
    cdef uint64_t low_bytes = EL_LOW_BYTES, scale = 1 << 32
    d = d * 10 + (d >> 8)  # each 16 bits: a two-digit number in its low byte
    d = ((d & low_bytes) * (100 + 1000000 * scale)
         + ((d >> 16) & low_bytes) * (1 + 10000 * scale))
    return d >> 32


cdef inline bint same(const unsigned char* p, Py_ssize_t n, Name name) noexcept:
    return n == name.length and equal_bytes(p, <const unsigned char*>name.text, n)

cdef inline const unsigned char* past_ws(const unsigned char* p) noexcept:
    """Past any whitespace at p. Reading at the end is safe: a bytes object's buffer goes
    on with a NUL, which no loop here takes for whitespace, a digit or a delimiter."""
    while p[0] <= 32 and (p[0] == 32 or p[0] == 10 or p[0] == 13 or p[0] == 9):
        p += 1
    return p


cdef inline bint is_digit(unsigned char c) noexcept:
    return c >= 48 and c <= 57


cdef int hex_value(unsigned char c) noexcept:
    if c >= 48 and c <= 57:
        return c - 48
    if c >= 97 and c <= 102:
        return c - 87
    if c >= 65 and c <= 70:
        return c - 55
    return -1


cdef bint valid_utf8(const unsigned char* s, Py_ssize_t n) noexcept:
    """Strict UTF-8, as Python's decoder accepts it (no surrogates, no overlongs)."""
    cdef Py_ssize_t i = 0, need, k
    cdef unsigned char c, lo, hi
    while i < n:
        c = s[i]
        if c < 0x80:
            i += 1
            continue
        lo, hi = 0x80, 0xBF
        if c >= 0xC2 and c <= 0xDF:
            need = 1
        elif c == 0xE0:
            need, lo = 2, 0xA0
        elif c == 0xED:
            need, hi = 2, 0x9F
        elif c >= 0xE1 and c <= 0xEF:
            need = 2
        elif c == 0xF0:
            need, lo = 3, 0x90
        elif c >= 0xF1 and c <= 0xF3:
            need = 3
        elif c == 0xF4:
            need, hi = 3, 0x8F
        else:
            return False
        if i + need >= n:  # the sequence runs past the end
            return False
        if s[i + 1] < lo or s[i + 1] > hi:
            return False
        for k in range(2, need + 1):
            if s[i + k] < 0x80 or s[i + k] > 0xBF:
                return False
        i += need + 1
    return True


cdef inline Py_ssize_t put_utf8(unsigned char* out, uint32_t cp) noexcept:
    if cp < 0x80:
        out[0] = cp
        return 1
    if cp < 0x800:
        out[0] = 0xC0 | (cp >> 6)
        out[1] = 0x80 | (cp & 0x3F)
        return 2
    if cp < 0x10000:
        out[0] = 0xE0 | (cp >> 12)
        out[1] = 0x80 | ((cp >> 6) & 0x3F)
        out[2] = 0x80 | (cp & 0x3F)
        return 3
    out[0] = 0xF0 | (cp >> 18)
    out[1] = 0x80 | ((cp >> 12) & 0x3F)
    out[2] = 0x80 | ((cp >> 6) & 0x3F)
    out[3] = 0x80 | (cp & 0x3F)
    return 4

# bytes that end a scalar (a number or a literal) in valid JSON
cdef unsigned char SCALAR_STOP[256]
for _b in range(256):
    SCALAR_STOP[_b] = _b in (44, 93, 125, 32, 9, 10, 13)


cdef inline const unsigned char* skip_string_body(const unsigned char* p,
                                                  const unsigned char* end) noexcept:
    """Past the closing quote of a string whose opening quote is behind p (NULL: none)."""
    while True:
        while p < end and STRING_BYTE[p[0]] != QUOTE and STRING_BYTE[p[0]] != BACKSLASH:
            p += 1
        if p >= end:
            return NULL
        if p[0] == 34:
            return p + 1
        p += 2


# the model's objects, for the duplicate-key walk


@cython.final
cdef class _Scanner:
    cdef bytes data
    cdef const unsigned char* p
    cdef const unsigned char* end
    cdef int depth
    cdef int recursion_entered  # Py_EnterRecursiveCall levels to leave at the end

    # the last string read (parse_string): its unescaped UTF-8 bytes
    cdef const unsigned char* s_ptr
    cdef Py_ssize_t s_len
    cdef bint s_in_input  # s_ptr points into the input (no escapes): cacheable
    cdef bint s_ascii
    cdef unsigned char* scratch
    cdef Py_ssize_t scratch_cap

    # the last number read (parse_number)
    cdef bint num_is_int
    cdef int64_t num_int
    cdef int num_magnitude  # a float's integer digits plus its exponent: |x| < 10**magnitude

    # columns, grown as rows come
    cdef Py_ssize_t n, cap
    cdef int64_t* starts
    cdef int64_t* ends
    cdef signed char* kinds
    cdef uint16_t* flags
    cdef int16_t* tags
    cdef list text, value

    cdef SegmentRecord* segments
    cdef Py_ssize_t n_segments, segments_cap

    cdef list declared_speakers  # (id, name) in `speakers` order, duplicates kept
    cdef dict tag_index
    cdef object language
    # the strings of the object being read (tokens and speakers hold no objects)
    cdef object token_value, token_shown, speaker_name
    cdef object first_tag  # the current token's first tag other than ENDS_SENTENCE

    # the validation check (scan(check=True)): still plainly valid, and the time ranges of
    # keywords/topics/entities (their earliest start and latest end) to hold to the document
    cdef bint checking, clean
    cdef Py_ssize_t n_ranges
    cdef int64_t range_min_start, range_max_end

    # the duplicate-key walk: what it found, and where (built while it returns)
    cdef object dup_key
    cdef list dup_location

    # str cache: slot → (pointer into the input, length, str); one slot a cache line's
    # read, and sized by the input, so a short document's scan touches little memory (a
    # scan right after a collection meets it all cold, issue 15)
    cdef CacheSlot* cache
    cdef Py_ssize_t cache_mask

    # per object kind, the field that followed each field (at [kind][i + 1]; [kind][0]: the
    # first field) the last time: what next_field tries first
    cdef signed char guess[N_KINDS][MAX_FIELDS + 1]

    def __cinit__(self, bytes data, bint check=False):
        self.data = data
        self.p = <const unsigned char*>PyBytes_AS_STRING(data)
        self.end = self.p + PyBytes_GET_SIZE(data)
        self.cap = max(64, PyBytes_GET_SIZE(data) // 96)
        self.starts = <int64_t*>PyMem_RawMalloc(self.cap * sizeof(int64_t))
        self.ends = <int64_t*>PyMem_RawMalloc(self.cap * sizeof(int64_t))
        self.kinds = <signed char*>PyMem_RawMalloc(self.cap * sizeof(signed char))
        self.flags = <uint16_t*>PyMem_RawMalloc(self.cap * sizeof(uint16_t))
        self.tags = <int16_t*>PyMem_RawMalloc(self.cap * sizeof(int16_t))
        self.segments_cap = 64
        self.segments = <SegmentRecord*>PyMem_RawMalloc(self.segments_cap * sizeof(SegmentRecord))
        cdef Py_ssize_t slots = CACHE_MIN_SIZE
        while slots < CACHE_SIZE and slots * CACHE_BYTES_PER_SLOT < PyBytes_GET_SIZE(data):
            slots <<= 1
        self.cache = <CacheSlot*>PyMem_RawCalloc(slots, sizeof(CacheSlot))
        self.cache_mask = slots - 1
        memset(self.guess, 0, sizeof(self.guess))
        if (not self.starts or not self.ends or not self.kinds or not self.flags
                or not self.tags or not self.segments or not self.cache):
            raise MemoryError()
        self.text = []
        self.value = []
        self.declared_speakers = []
        self.tag_index = {}
        self.language = ""
        self.checking = check
        self.clean = True

    def __dealloc__(self):
        PyMem_RawFree(self.starts)
        PyMem_RawFree(self.ends)
        PyMem_RawFree(self.kinds)
        PyMem_RawFree(self.flags)
        PyMem_RawFree(self.tags)
        PyMem_RawFree(self.segments)
        cdef Py_ssize_t i
        if self.cache:
            for i in range(self.cache_mask + 1):
                Py_XDECREF(self.cache[i].text)
        PyMem_RawFree(self.cache)
        PyMem_RawFree(self.scratch)

    # -------------------------------------------------------------------------------------
    # lexical level

    cdef inline void skip_ws(self) noexcept:
        self.p = past_ws(self.p)

    cdef inline bint expect(self, unsigned char c) noexcept:
        """Skip whitespace, then consume ``c`` or fail."""
        self.skip_ws()
        if self.p < self.end and self.p[0] == c:
            self.p += 1
            return True
        return False

    cdef bint enter(self, bint counted) except -1:
        """One level deeper; ``counted`` levels also count against the recursion limit."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            return False
        if counted:
            if Py_EnterRecursiveCall(" while scanning JSON"):
                PyErr_Clear()
                return False
            self.recursion_entered += 1
        return True

    cdef inline void leave(self, bint counted) noexcept:
        self.depth -= 1
        if counted:
            Py_LeaveRecursiveCall()
            self.recursion_entered -= 1

    cdef inline int next_key(self, bint first) except -1:
        """After ``{`` or a member's value: read the next key and its ``:`` (→ ITEM, the key
        in s_ptr/s_len, positioned at the value), or the closing ``}`` (→ END)."""
        self.skip_ws()
        if self.p >= self.end:
            return BAIL
        if self.p[0] == 125:  # }
            self.p += 1
            return END
        if not first:
            if self.p[0] != 44:  # ,
                return BAIL
            self.p += 1
            self.skip_ws()
        if self.p >= self.end or self.p[0] != 34:  # "
            return BAIL
        self.p += 1
        if not self.parse_string():
            return BAIL
        if not self.expect(58):  # :
            return BAIL
        self.skip_ws()
        return ITEM

    cdef inline int key_opening(self, bint first, const unsigned char** key) noexcept:
        """The start of an object's next key, for next_field and next_dup_key: past the
        whitespace, the comma (not before the first key) and the opening quote, ``key`` at
        the key's first byte (→ ITEM); or the closing ``}`` consumed (→ END); else BAIL.
        Unbounded: the bytes' closing NUL is none of the bytes looked for (past_ws)."""
        cdef const unsigned char* p = past_ws(self.p)
        if p[0] == 125:  # }
            self.p = p + 1
            return END
        if not first:
            if p[0] != 44:  # ,
                return BAIL
            p = past_ws(p + 1)
        if p[0] != 34:  # "
            return BAIL
        key[0] = p + 1
        return ITEM

    cdef inline int next_field(self, int kind, bint first, int last, int* index) except -1:
        """next_key in a model object of ``kind``, with ``index`` the key's field (-1: one the
        model does not define; the key in s_ptr/s_len). The field that followed ``last`` (the
        previous field of this object, -1 before the first) the last time is tried first, as
        two words compared with ``"key":`` on the bytes (its plain key and closing quote are
        the whole string), before the key is read as a string and looked up: real documents
        write their keys in one order, and compact JSON puts the colon right after."""
        cdef const unsigned char* p
        cdef int guess
        cdef Py_ssize_t n
        cdef const Field* field
        cdef int opened = self.key_opening(first, &p)
        if opened != ITEM:
            return opened
        guess = self.guess[kind][last + 1]
        field = &FIELDS[kind][guess]
        n = field.probe
        if self.end - p >= n and (
                (load8(p) == field.head and load8(p + n - 8) == field.tail) if n >= 8
                else (load4(p) == field.head and load4(p + n - 4) == field.tail)):
            self.p = past_ws(p + n)
            index[0] = guess
            return ITEM
        self.p = p
        if not self.parse_string():
            return BAIL
        guess = find_field(kind, self.s_ptr, self.s_len)
        if guess >= 0:
            self.guess[kind][last + 1] = guess
        if not self.expect(58):  # :
            return BAIL
        self.skip_ws()
        index[0] = guess
        return ITEM

    cdef inline int next_item(self, bint first) except -1:
        """After ``[`` or an element: position at the next element (→ ITEM) or consume the
        closing ``]`` (→ END)."""
        self.skip_ws()
        if self.p >= self.end:
            return BAIL
        if self.p[0] == 93:  # ]
            self.p += 1
            return END
        if not first:
            if self.p[0] != 44:
                return BAIL
            self.p += 1
            self.skip_ws()
        if self.p >= self.end:
            return BAIL
        return ITEM

    cdef inline bint parse_string(self) except -1:
        """The string whose opening quote was just consumed → s_ptr/s_len (unescaped)."""
        cdef const unsigned char* start = self.p
        cdef const unsigned char* p = self.p
        cdef const unsigned char* end = self.end
        cdef bint escaped = False, high = False
        cdef uint64_t w, stops, highs = 0
        cdef unsigned char c
        while True:
            # a word at a time to the first byte that ends, escapes or breaks the string
            # (bytes beyond ASCII do not stop it: they are gathered in ``highs``)
            while p + 8 <= end:
                w = load8(p)
                stops = special_bytes(w)
                if stops:
                    highs |= w & EL_BELOW_FLAGGED(stops)
                    p += EL_FIRST_FLAGGED(stops)
                    break
                highs |= w
                p += 8
            while True:  # the last bytes (the bytes object's closing NUL stops this loop)
                c = STRING_BYTE[p[0]]
                if c != PLAIN and c != HIGH:
                    break
                high |= c == HIGH
                p += 1
            if p >= end:
                return False
            c = STRING_BYTE[p[0]]
            if c == QUOTE:
                break
            if c == BACKSLASH:  # the escape itself is checked when unescaping
                escaped = True
                p += 2
            else:  # a control character
                return False
        self.p = p + 1
        high |= (highs & EL_HIGHS) != 0
        if high and not valid_utf8(start, p - start):
            return False
        if not escaped:
            self.s_ptr, self.s_len = start, p - start
            self.s_in_input, self.s_ascii = True, not high
            return True
        return self.unescape(start, p - start, high)

    cdef bint unescape(self, const unsigned char* s, Py_ssize_t n, bint high) except -1:
        cdef Py_ssize_t i = 0, o = 0
        cdef unsigned char c
        cdef uint32_t cp, lo
        cdef unsigned char* out
        if n > self.scratch_cap:
            out = <unsigned char*>PyMem_RawRealloc(self.scratch, n)
            if not out:
                raise MemoryError()
            self.scratch, self.scratch_cap = out, n
        out = self.scratch
        while i < n:
            c = s[i]
            if c != 92:
                out[o] = c
                o += 1
                i += 1
                continue
            if i + 1 >= n:
                return False
            c = s[i + 1]
            i += 2
            if c == 34 or c == 92 or c == 47:
                out[o] = c
            elif c == 98:
                out[o] = 8
            elif c == 102:
                out[o] = 12
            elif c == 110:
                out[o] = 10
            elif c == 114:
                out[o] = 13
            elif c == 116:
                out[o] = 9
            elif c == 117:
                cp = self.hex4(s, n, i)
                if cp > 0xFFFF:
                    return False
                i += 4
                if cp >= 0xDC00 and cp <= 0xDFFF:  # a low surrogate alone
                    return False
                if cp >= 0xD800 and cp <= 0xDBFF:  # must pair with \uDC00-\uDFFF
                    if i + 1 >= n or s[i] != 92 or s[i + 1] != 117:
                        return False
                    lo = self.hex4(s, n, i + 2)
                    if lo < 0xDC00 or lo > 0xDFFF:
                        return False
                    i += 6
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                if cp >= 0x80:
                    high = True
                o += put_utf8(out + o, cp)
                continue
            else:
                return False
            o += 1
        self.s_ptr, self.s_len = out, o
        self.s_in_input, self.s_ascii = False, not high
        return True

    cdef uint32_t hex4(self, const unsigned char* s, Py_ssize_t n, Py_ssize_t i) noexcept:
        """The four hex digits at s[i:i+4], or 0x110000 when they are not that."""
        cdef uint32_t v = 0
        cdef int d, k
        if i + 4 > n:
            return 0x110000
        for k in range(4):
            d = hex_value(s[i + k])
            if d < 0:
                return 0x110000
            v = (v << 4) | d
        return v

    cdef inline bint parse_number(self) except -1:
        """A JSON number → num_is_int (and num_int when it is one). No bounds tests: the
        bytes object's closing NUL is none of the bytes a number goes on with."""
        cdef const unsigned char* p = self.p
        cdef bint negative = p[0] == 45  # -
        cdef bint exp_negative = False
        cdef uint64_t v = 0  # wraps past 18 digits, which bail
        cdef uint64_t w, stops
        cdef Py_ssize_t n
        cdef int digits = 0, exp = 0, exp_digits = 0
        p += negative
        if p[0] == 48:  # 0
            p += 1
            digits = 1
        elif is_digit(p[0]):
            if EL_LITTLE_ENDIAN and self.end - p >= 8:  # up to 8 digits as one word
                w = load8(p)
                stops = non_digits(w)
                n = 8 if stops == 0 else EL_FIRST_FLAGGED(stops)
                v = digits_value(w, n)
                p += n
            while is_digit(p[0]):
                v = v * 10 + (p[0] - 48)
                p += 1
            digits = p - self.p - negative
            if digits > MAX_INT_DIGITS:
                return False
        else:
            return False
        self.num_is_int = True
        if p[0] == 46:  # .
            p += 1
            if not is_digit(p[0]):
                return False
            while is_digit(p[0]):
                p += 1
            self.num_is_int = False
        if p[0] == 101 or p[0] == 69:  # e E
            p += 1
            if p[0] == 43 or p[0] == 45:
                exp_negative = p[0] == 45
                p += 1
            if not is_digit(p[0]):
                return False
            while is_digit(p[0]):
                exp_digits += 1
                if exp_digits > MAX_EXP_DIGITS:
                    return False
                exp = exp * 10 + (p[0] - 48)
                p += 1
            if not exp_negative and digits + exp > MAX_MAGNITUDE:
                return False
            self.num_is_int = False
        self.num_magnitude = digits - exp if exp_negative else digits + exp
        self.num_int = -<int64_t>v if negative else <int64_t>v
        self.p = p
        return True

    cdef inline bint literal(self, const char* word, Py_ssize_t n) noexcept:
        if self.end - self.p >= n and memcmp(self.p, word, n) == 0:
            self.p += n
            return True
        return False

    cdef bint skip_value(self) except -1:
        """Any JSON value (validated, nothing kept)."""
        cdef int r
        cdef bint first = True
        cdef unsigned char c
        if self.p >= self.end:
            return False
        c = self.p[0]
        if c == 34:
            self.p += 1
            return self.parse_string()
        if c == 45 or is_digit(c):
            return self.parse_number()
        if c == 116:
            return self.literal("true", 4)
        if c == 102:
            return self.literal("false", 5)
        if c == 110:
            return self.literal("null", 4)
        if c != 123 and c != 91:
            return False
        self.p += 1
        if not self.enter(True):
            return False
        while True:
            r = self.next_key(first) if c == 123 else self.next_item(first)
            first = False
            if r == END:
                break
            if r == BAIL or not self.skip_value():
                return False
        self.leave(True)
        return True

    # -------------------------------------------------------------------------------------
    # typed values

    cdef object make_str(self):
        """The last string read as a str (shared through the cache when short)."""
        cdef Py_ssize_t n = self.s_len
        cdef object s
        if not self.s_in_input or n > CACHE_MAX_LEN:
            return PyUnicode_DecodeUTF8(<const char*>self.s_ptr, n, NULL)
        cdef CacheSlot* slot = &self.cache[text_hash(self.s_ptr, n) & self.cache_mask]
        if (slot.text != NULL and slot.length == n
                and equal_bytes(slot.ptr, self.s_ptr, n)):
            return <object>slot.text
        s = PyUnicode_DecodeUTF8(<const char*>self.s_ptr, n, NULL)
        Py_INCREF(s)
        Py_XDECREF(slot.text)
        slot.length, slot.text = n, <PyObject*>s
        # an ASCII str's characters are its UTF-8: compared there, next to the reference
        # count the hit touches anyway, not back in the input (a miss on a long document)
        slot.ptr = (<const unsigned char*>PyUnicode_1BYTE_DATA(s) if PyUnicode_IS_COMPACT_ASCII(s)
                    else self.s_ptr)
        return s

    cdef inline bint read_string(self) except -1:
        """A string value → s_ptr/s_len."""
        if self.p >= self.end or self.p[0] != 34:
            return False
        self.p += 1
        return self.parse_string()

    cdef inline bint read_bool(self, bint* out) noexcept:
        if self.literal("true", 4):
            out[0] = True
            return True
        out[0] = False
        return self.literal("false", 5)

    cdef inline bint read_number(self) except -1:
        """An int or a float (the model's ``int | float`` and ``float``)."""
        if self.p >= self.end or not (self.p[0] == 45 or is_digit(self.p[0])):
            return False
        return self.parse_number()

    cdef inline bint read_int(self, int64_t* out) except -1:
        if not self.read_number() or not self.num_is_int:
            return False
        out[0] = self.num_int
        return True

    cdef inline bint read_time(self, int64_t* out) except -1:
        """A token time: an int inside the model's bound (a float time → bail)."""
        if not self.read_int(out):
            return False
        return -MAX_TIME <= out[0] <= MAX_TIME

    cdef inline bint read_time_number(self) except -1:
        """Any other time (validated, not kept): an int inside the bound, or a float that is
        surely inside it (see the module docstring)."""
        if not self.read_number():
            return False
        if self.num_is_int:
            return -MAX_TIME <= self.num_int <= MAX_TIME
        return self.num_magnitude <= MAX_FLOAT_TIME_MAGNITUDE

    cdef bint read_kind(self, int* kind) except -1:
        """``type``: a name (any case) or 0/1/2; anything else the format does not know."""
        cdef int64_t v
        cdef int i
        if self.p < self.end and self.p[0] == 34:
            if not self.read_string():
                return False
            if not self.s_ascii:
                kind[0] = KIND_BY_TYPE_NAME.get(self.make_str().lower(), KIND_UNKNOWN)
                return True
            kind[0] = KIND_UNKNOWN
            for i in range(3):
                if self.ascii_name_is(TYPE_NAMES[i]):
                    kind[0] = i
                    break
            return True
        if not self.read_int(&v):
            return False
        kind[0] = <int>v if KIND_WORD <= v <= KIND_SOUND else KIND_UNKNOWN
        return True

    cdef bint ascii_name_is(self, Name name) noexcept:
        """The last (ASCII) string, lowered, equals the lower-case ``name``."""
        cdef Py_ssize_t i
        cdef unsigned char c
        if self.s_len != name.length:
            return False
        for i in range(self.s_len):
            c = self.s_ptr[i]
            if c >= 65 and c <= 90:
                c += 32
            if c != <unsigned char>name.text[i]:
                return False
        return True

    cdef bint skip_unknown(self, set seen) except -1:
        """The value of a key the model does not define (not a duplicate, not the carrier)."""
        cdef bytes key = PyBytes_FromStringAndSize(<const char*>self.s_ptr, self.s_len)
        if key == CARRIER_KEY or key in seen:
            return False
        seen.add(key)
        return self.skip_value()

    # -------------------------------------------------------------------------------------
    # the model's objects: one loop, driven by SCHEMA

    cdef bint open_object(self) noexcept:
        if self.p < self.end and self.p[0] == 123:
            self.p += 1
            self.depth += 1
            return self.depth <= MAX_DEPTH
        return False

    cdef bint open_array(self) noexcept:
        if self.p < self.end and self.p[0] == 91:
            self.p += 1
            self.depth += 1
            return self.depth <= MAX_DEPTH
        return False

    cdef bint read_object(self, int kind, ObjectValues* parent) except -1:
        """One object of the model (of ``kind``) at p: its fields read by SCHEMA, unknown keys
        skipped, a key twice or a required one missing → bail; then what it adds."""
        cdef ObjectValues v
        cdef int r, i
        cdef unsigned int seen = 0, bit
        cdef bint first = True
        cdef set unknown = None
        cdef int last = -1
        v.first_row = self.n
        v.has_start = v.has_end = v.has_number = v.hint = False
        v.start = v.end = v.number = 0
        v.kind = KIND_UNKNOWN
        v.token_flags = 0
        v.children = 0
        v.child_min_start = v.child_max_end = 0
        if kind == K_TOKEN:
            self.token_value = self.token_shown = self.first_tag = None
        elif kind == K_SPEAKER:
            self.speaker_name = ""
        if not self.open_object():
            return False
        while True:
            r = self.next_field(kind, first, last, &i)
            first = False
            if r == END:
                break
            if r == BAIL:
                return False
            if i < 0:
                if unknown is None:
                    unknown = set()
                if not self.skip_unknown(unknown):
                    return False
                continue
            bit = 1u << i
            if seen & bit:
                return False
            seen |= bit
            last = i
            if not self.read_field(&FIELDS[kind][i], &v):
                return False
        self.depth -= 1
        if seen & REQUIRED_MASK[kind] != REQUIRED_MASK[kind]:
            return False
        return self.finish(kind, &v, parent)

    cdef bint read_field(self, const Field* field, ObjectValues* v) except -1:
        """The value of one field the model defines, checked as the model types it, kept
        where its field id says."""
        cdef int value_type = field.type, field_id = field.id
        cdef bint flag
        cdef int64_t number
        if value_type == V_TOKEN_TIME:
            if not self.read_time(&number):
                return False
            self.keep_time(v, field_id, number)
            return True
        if value_type == V_STRING:
            if not self.read_string():
                return False
            if field_id == F_VALUE:
                self.token_value = self.make_str()
            elif field_id == F_DISPLAY:
                self.token_shown = self.make_str()
            elif field_id == F_NAME:
                self.speaker_name = self.make_str()
            elif field_id == F_LANGUAGE:
                self.language = self.make_str()
            return True
        if value_type == V_TYPE:
            return self.read_kind(&v.kind)
        if value_type == V_TAGS:
            return self.read_tags(&v.token_flags)
        if value_type == V_BOOL:
            if not self.read_bool(&flag):
                return False
            if field_id == F_HINT:
                v.hint = flag
            return True
        if value_type == V_LIST:
            return self.read_list(field.child, v)
        if value_type == V_TIME:
            if not self.read_time_number():
                return False
            if self.num_is_int:
                self.keep_time(v, field_id, self.num_int)
            else:  # the check compares whole numbers only: leave a fraction to validate
                self.clean = False
            return True
        if value_type == V_INT:
            if not self.read_int(&v.number):
                return False
            v.has_number = True
            return True
        if value_type == V_SPEAKER_ID:
            if self.literal("null", 4):
                return True
            if self.p < self.end and (self.p[0] == 116 or self.p[0] == 102):
                return self.read_bool(&flag)  # true and false both mean "no speaker"
            if not self.read_int(&v.number):
                return False
            v.has_number = True
            return True
        if value_type == V_NUMBER:
            return self.read_number()
        if value_type == V_MAP:
            return self.read_map(field.child, v)
        return False

    cdef inline void keep_time(self, ObjectValues* v, int field_id, int64_t t) noexcept:
        if field_id == F_START:
            v.start, v.has_start = t, True
        else:
            v.end, v.has_end = t, True

    cdef bint read_list(self, int kind, ObjectValues* parent) except -1:
        """An array of ``kind`` objects."""
        cdef int r
        cdef bint first = True
        if not self.open_array():
            return False
        while True:
            r = self.next_item(first)
            first = False
            if r == END:
                break
            if r == BAIL or not self.read_object(kind, parent):
                return False
        self.depth -= 1
        return True

    cdef bint read_map(self, int kind, ObjectValues* parent) except -1:
        """keywords/topics/entities: {term: ``kind`` object}, a term twice → bail."""
        cdef int r
        cdef bint first = True
        cdef set terms = set()
        cdef bytes term
        if not self.open_object():
            return False
        while True:
            r = self.next_key(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return False
            term = PyBytes_FromStringAndSize(<const char*>self.s_ptr, self.s_len)
            if term in terms:
                return False
            terms.add(term)
            if not self.read_object(kind, parent):
                return False
        self.depth -= 1
        return True

    cdef bint read_tags(self, uint16_t* token_flags) except -1:
        """Tags: ENDS_SENTENCE sets the flag; the first other one is kept in first_tag."""
        cdef int r
        cdef bint first = True
        if not self.open_array():
            return False
        while True:
            r = self.next_item(first)
            first = False
            if r == END:
                break
            if r == BAIL or not self.read_string():
                return False
            if same(self.s_ptr, self.s_len, SENTENCE_TAG):
                token_flags[0] |= FLAG_SENTENCE_END
            else:
                if self.first_tag is None:
                    self.first_tag = self.make_str()
                if self.checking and self.clean and not self.is_known_tag():
                    self.clean = False  # EL-UNKNOWN-TAG
        self.depth -= 1
        return True

    cdef bint is_known_tag(self) noexcept:
        cdef int i
        for i in range(N_KNOWN_TAGS):
            if same(self.s_ptr, self.s_len, KNOWN_TAG_NAMES[i]):
                return True
        return False

    cdef bint finish(self, int kind, ObjectValues* v, ObjectValues* parent) except -1:
        """What a whole object adds: a token its row, a sequence and a segment the flags of
        their first row, a segment its record, a speaker its (id, name); then the check."""
        if kind == K_TOKEN:
            if self.checking and self.clean:
                self.check_token(v, parent)
            return self.add_row(v)
        if kind == K_SEQUENCE:
            if self.n > v.first_row:
                self.flags[v.first_row] |= FLAG_SEQUENCE_START
            if self.checking and self.clean:
                self.check_span(v, parent)
            return True
        if kind == K_SEGMENT:
            if self.n > v.first_row:
                self.flags[v.first_row] |= FLAG_SEGMENT_START
            if self.checking and self.clean:
                self.check_span(v, parent)
                self.check_sentences(v.first_row, self.n)
            return self.add_segment(v)
        if kind == K_SPEAKER:
            self.declared_speakers.append((v.number, self.speaker_name))
            return True
        if self.checking and self.clean:
            if kind == K_RANGE:
                self.check_range(v)
            elif kind == K_ROOT:
                self.check_root(v)
        return True

    cdef bint add_row(self, ObjectValues* v) except -1:
        cdef int tag = -1
        cdef object name, found
        if self.n == self.cap and not self.grow():
            return False
        if v.kind == KIND_SOUND:  # its first tag names it, else its value ("[music]" → MUSIC)
            name = self.first_tag
            if name is None:
                name = untagged_sound_name(self.token_value)
            found = self.tag_index.get(name)
            if found is None:
                tag = len(self.tag_index)
                if tag > MAX_SOUND_TAGS:
                    return False
                self.tag_index[name] = tag
            else:
                tag = found
        self.starts[self.n] = v.start
        self.ends[self.n] = v.end
        self.kinds[self.n] = v.kind
        self.flags[self.n] = v.token_flags
        self.tags[self.n] = tag
        self.value.append(self.token_value)
        self.text.append(self.token_value if self.token_shown is None else self.token_shown)
        self.n += 1
        return True

    cdef bint grow(self) except -1:
        cdef Py_ssize_t cap = 2 * self.cap
        cdef void* p
        p = PyMem_RawRealloc(self.starts, cap * sizeof(int64_t))
        if not p:
            raise MemoryError()
        self.starts = <int64_t*>p
        p = PyMem_RawRealloc(self.ends, cap * sizeof(int64_t))
        if not p:
            raise MemoryError()
        self.ends = <int64_t*>p
        p = PyMem_RawRealloc(self.kinds, cap * sizeof(signed char))
        if not p:
            raise MemoryError()
        self.kinds = <signed char*>p
        p = PyMem_RawRealloc(self.flags, cap * sizeof(uint16_t))
        if not p:
            raise MemoryError()
        self.flags = <uint16_t*>p
        p = PyMem_RawRealloc(self.tags, cap * sizeof(int16_t))
        if not p:
            raise MemoryError()
        self.tags = <int16_t*>p
        self.cap = cap
        return True

    cdef bint add_segment(self, ObjectValues* v) except -1:
        cdef SegmentRecord* grown
        cdef SegmentRecord* record
        if self.n_segments == self.segments_cap:
            grown = <SegmentRecord*>PyMem_RawRealloc(
                self.segments, 2 * self.segments_cap * sizeof(SegmentRecord))
            if not grown:
                raise MemoryError()
            self.segments, self.segments_cap = grown, 2 * self.segments_cap
        record = &self.segments[self.n_segments]
        record.rows = self.n - v.first_row
        record.sid = v.number
        record.has_sid = v.has_number
        record.hint = v.hint
        self.n_segments += 1
        return True

    # -------------------------------------------------------------------------------------
    # the check: validate's rules, restated for the values the scan has in hand (whole
    # times only: a fraction anywhere has already made it say "not clean")

    cdef void check_token(self, ObjectValues* v, ObjectValues* sequence) noexcept:
        if v.kind == KIND_UNKNOWN:  # EL-TOKEN-TYPE
            self.clean = False
        elif v.start < 0 or v.start > v.end:  # EL-NEG-TIME, EL-TIME-ORDER
            self.clean = False
        elif v.start == v.end and v.kind != KIND_PUNCTUATION:  # EL-ZERO-LENGTH
            self.clean = False
        else:
            self.add_child(v, sequence)

    cdef void check_span(self, ObjectValues* v, ObjectValues* parent) noexcept:
        """A sequence or a segment: a length, its children inside it, after its siblings."""
        if not (v.has_start and v.has_end) or v.start < 0 or v.start >= v.end:
            self.clean = False  # EL-NEG-TIME, EL-TIME-ORDER, EL-ZERO-LENGTH
        elif v.children and (v.child_min_start < v.start or v.child_max_end > v.end):
            self.clean = False  # EL-OUTSIDE-PARENT
        else:
            self.add_child(v, parent)

    cdef inline void add_child(self, ObjectValues* v, ObjectValues* parent) noexcept:
        """``v`` after the siblings before it (none may end after it starts: EL-OVERLAP),
        and into its parent's span (checked when the parent ends)."""
        if parent.children == 0:
            parent.child_min_start, parent.child_max_end = v.start, v.end
        else:
            if v.start < parent.child_max_end:
                self.clean = False
            if v.start < parent.child_min_start:
                parent.child_min_start = v.start
            if v.end > parent.child_max_end:
                parent.child_max_end = v.end
        parent.children += 1

    cdef void check_sentences(self, Py_ssize_t first, Py_ssize_t stop) noexcept:
        """A segment's rows: ENDS_SENTENCE only on the last one but trailing punctuation
        (EL-SENTENCE-INSIDE), and on one of them when it holds words (EL-NO-SENTENCE-END)."""
        cdef Py_ssize_t last = stop - 1, row
        cdef bint words = False, ends = False
        if stop == first:
            return
        while last > first and self.kinds[last] == KIND_PUNCTUATION:
            last -= 1
        for row in range(first, stop):
            if self.kinds[row] == KIND_WORD:
                words = True
            if self.flags[row] & FLAG_SENTENCE_END:
                if row < last:
                    self.clean = False
                    return
                ends = True
        if words and not ends:
            self.clean = False

    cdef void check_range(self, ObjectValues* v) noexcept:
        """A keyword/topic/entity time range: in order, not before 0 (EL-META-RANGE; its
        place inside the document is checked with the document's times)."""
        if v.start > v.end or v.start < 0:
            self.clean = False
            return
        if self.n_ranges == 0 or v.start < self.range_min_start:
            self.range_min_start = v.start
        if self.n_ranges == 0 or v.end > self.range_max_end:
            self.range_max_end = v.end
        self.n_ranges += 1

    cdef void check_root(self, ObjectValues* v) noexcept:
        if v.number != 2 and v.number != 3:  # EL-VERSION
            self.clean = False
        elif (v.has_start and v.start < 0) or (v.has_end and v.end < 0):  # EL-NEG-TIME
            self.clean = False
        elif v.has_start and v.has_end and (  # EL-TIME-ORDER, EL-OUTSIDE-PARENT
                v.start > v.end
                or (v.children and (v.child_min_start < v.start or v.child_max_end > v.end))):
            self.clean = False
        elif self.n_ranges and (  # EL-META-RANGE
                (v.has_start and self.range_min_start < v.start)
                or (v.has_end and self.range_max_end > v.end)):
            self.clean = False

    cdef void check_speakers(self) except *:
        """Speaker ids are unique (EL-DUP-SPEAKER) and every segment's is one of them
        (EL-UNKNOWN-SPEAKER)."""
        cdef set ids = {sid for sid, _ in self.declared_speakers}
        cdef Py_ssize_t i
        if len(ids) < len(self.declared_speakers):
            self.clean = False
            return
        for i in range(self.n_segments):
            if self.segments[i].has_sid and self.segments[i].sid not in ids:
                self.clean = False
                return

    # -------------------------------------------------------------------------------------
    # the duplicate-key walk (for input msgspec has accepted; see find_duplicate_key)

    cdef inline bint skip_lenient(self) noexcept:
        """Past any JSON value without checking it again (msgspec has): a string to its
        closing quote, a scalar to the next , } ] or space, a container to its matching
        bracket."""
        cdef const unsigned char* p = self.p
        cdef const unsigned char* end = self.end
        cdef unsigned char c
        if p >= end:
            return False
        c = p[0]
        if c == 34:  # "
            p = skip_string_body(p + 1, end)
            if p == NULL:
                return False
            self.p = p
            return True
        if c == 123 or c == 91:  # { [
            return self.skip_container()
        while p < end and not SCALAR_STOP[p[0]]:
            p += 1
        self.p = p
        return True

    cdef bint skip_container(self) noexcept:
        cdef const unsigned char* p = self.p + 1
        cdef const unsigned char* end = self.end
        cdef Py_ssize_t depth = 1
        cdef unsigned char c
        while p < end:
            c = p[0]
            if c == 34:
                p = skip_string_body(p + 1, end)
                if p == NULL:
                    return False
                continue
            p += 1
            if c == 123 or c == 91:
                depth += 1
            elif c == 125 or c == 93:
                depth -= 1
                if depth == 0:
                    self.p = p
                    return True
        return False

    cdef int dup_object(self, int kind) except -2:
        """The model object at p: 0 no duplicate in it, 1 one found (dup_key, and
        dup_location from this object down), -1 the walk cannot follow the bytes."""
        cdef int r, i, found
        cdef unsigned int seen = 0, bit
        cdef bint first = True
        cdef const Field* field
        if not self.open_object():
            return -1
        while True:
            r = self.next_dup_key(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return -1
            i = find_field(kind, self.s_ptr, self.s_len) if r == ITEM else -1
            if i >= 0:
                bit = 1u << i
                if seen & bit:
                    self.dup_key = PyUnicode_DecodeUTF8(<const char*>self.s_ptr, self.s_len, NULL)
                    self.dup_location = []
                    return 1
                seen |= bit
                field = &FIELDS[kind][i]
                if (field.child != NO_CHILD and self.p < self.end
                        and self.p[0] == (123 if field.type == V_MAP else 91)):
                    if field.type == V_MAP:
                        found = self.dup_map(field.child)
                    else:
                        found = self.dup_list(field.child)
                    if found == 1:
                        self.dup_location.insert(0, FIELD_KEYS[kind][i])
                    if found != 0:
                        return found
                    continue
            if not self.skip_lenient():
                return -1
        self.depth -= 1
        return 0

    cdef int next_dup_key(self, bint first) except -1:
        """next_key for the walk: the same results, and OTHER_KEY for a key that cannot be
        one the model defines (it holds a byte beyond ASCII), which is not decoded. An
        unescaped ASCII key, all a real document has, is read in place."""
        cdef const unsigned char* p
        cdef const unsigned char* end = self.end
        cdef const unsigned char* start
        cdef int opened = self.key_opening(first, &p)
        if opened != ITEM:
            return opened
        start = p
        while p < end and STRING_BYTE[p[0]] == PLAIN:
            p += 1
        if p >= end:
            return BAIL
        if p[0] == 34:
            self.s_ptr, self.s_len = start, p - start
            r = ITEM
            p += 1
        elif p[0] == 92:  # an escape: read it as the decoder does
            self.p = start
            if not self.parse_string():
                return BAIL
            p = self.p
            r = ITEM
        else:  # a byte beyond ASCII (or a control character msgspec has let through)
            p = skip_string_body(p, end)
            if p == NULL:
                return BAIL
            r = OTHER_KEY
        while p < end and (p[0] == 32 or p[0] == 10 or p[0] == 13 or p[0] == 9):
            p += 1
        if p >= end or p[0] != 58:  # :
            return BAIL
        p += 1
        while p < end and (p[0] == 32 or p[0] == 10 or p[0] == 13 or p[0] == 9):
            p += 1
        self.p = p
        return r

    cdef int dup_list(self, int kind) except -2:
        cdef int r, found
        cdef bint first = True
        cdef Py_ssize_t i = 0
        if not self.open_array():
            return -1
        while True:
            r = self.next_item(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return -1
            if self.p[0] == 123:
                found = self.dup_object(kind)
                if found == 1:
                    self.dup_location.insert(0, i)
                if found != 0:
                    return found
            elif not self.skip_lenient():
                return -1
            i += 1
        self.depth -= 1
        return 0

    cdef int dup_map(self, int kind) except -2:
        """keywords/topics/entities: a term twice, or a duplicate inside a term's object."""
        cdef int r, found
        cdef bint first = True
        cdef set terms = set()
        cdef bytes term
        if not self.open_object():
            return -1
        while True:
            r = self.next_key(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return -1
            term = PyBytes_FromStringAndSize(<const char*>self.s_ptr, self.s_len)
            if term in terms:
                self.dup_key = term.decode("utf-8")
                self.dup_location = []
                return 1
            terms.add(term)
            if self.p < self.end and self.p[0] == 123:
                found = self.dup_object(kind)
                if found == 1:
                    self.dup_location.insert(0, term.decode("utf-8"))
                if found != 0:
                    return found
            elif not self.skip_lenient():
                return -1
        self.depth -= 1
        return 0

    # -------------------------------------------------------------------------------------
    # the whole document

    cdef object run(self):
        """Scan the document; the columns, or None to bail."""
        try:
            return self.scan_document()
        finally:  # a bail deep inside leaves its levels entered
            while self.recursion_entered > 0:
                Py_LeaveRecursiveCall()
                self.recursion_entered -= 1

    cdef object scan_document(self):
        for _ in range(RECURSION_MARGIN):  # room for the model's levels and loads()'s frames
            if Py_EnterRecursiveCall(" while scanning JSON"):
                PyErr_Clear()
                return None
            self.recursion_entered += 1
        self.skip_ws()
        if not self.read_object(K_ROOT, NULL):
            return None
        self.skip_ws()
        if self.p != self.end:
            return None
        if self.checking and self.clean:
            self.check_speakers()
        return self.columns()

    cdef object columns(self):
        """The TokenTable's fields in its order, then the check's verdict: the time columns
        as the table holds them (a time before zero is 0: ``token_table.table_times``) and
        who speaks decided here (``speaker_rows``)."""
        cdef Py_ssize_t n = self.n, i
        cdef cnp.ndarray start = new_column(n, cnp.NPY_INT64)
        cdef cnp.ndarray end = new_column(n, cnp.NPY_INT64)
        cdef cnp.ndarray kind = new_column(n, cnp.NPY_INT8)
        cdef cnp.ndarray flags = new_column(n, cnp.NPY_UINT16)
        cdef cnp.ndarray tag = new_column(n, cnp.NPY_INT16)
        cdef int64_t* start_data = <int64_t*>column_data(start)
        cdef int64_t* end_data = <int64_t*>column_data(end)
        for i in range(n):
            start_data[i] = self.starts[i] if self.starts[i] > 0 else 0
            end_data[i] = self.ends[i] if self.ends[i] > 0 else 0
        memcpy(column_data(kind), self.kinds, n * sizeof(signed char))
        memcpy(column_data(flags), self.flags, n * sizeof(uint16_t))
        memcpy(column_data(tag), self.tags, n * sizeof(int16_t))
        speaker, speakers = self.speaker_rows(<uint16_t*>column_data(flags))
        return (start, end, kind, flags, speaker, tag, self.text, self.value, speakers,
                tuple(self.tag_index), self.language, self.clean if self.checking else None)

    cdef tuple speaker_rows(self, uint16_t* flags):
        """The speaker column and the table's ``speakers``, with SPEAKER_CHANGE set in
        ``flags``: the rule of ``elementlist.table.speakers.speaker_columns`` (its twin,
        which the model's builder runs), walked over the segments."""
        cdef dict index = {}
        cdef list speakers = []
        for sid, name in self.declared_speakers:
            if sid not in index:
                index[sid] = len(speakers)
                speakers.append((sid, name))
        cdef cnp.ndarray column = new_column(self.n, cnp.NPY_INT32)
        cdef int32_t* speaker = <int32_t*>column_data(column)
        cdef Py_ssize_t i, r, row = 0
        cdef int32_t who, previous = -2
        cdef SegmentRecord* seg
        for i in range(self.n_segments):
            seg = &self.segments[i]
            if seg.has_sid:
                sid = seg.sid
                found = index.get(sid)
                if found is None:
                    who = len(speakers)
                    index[sid] = who
                    speakers.append((sid, ""))
                else:
                    who = found
            else:
                who = -1
            if row + seg.rows > self.n:
                raise RuntimeError("scan: the segments hold more rows than the columns")
            if seg.rows and (who != previous if who >= 0 else seg.hint):
                flags[row] |= FLAG_SPEAKER_CHANGE
            for r in range(row, row + seg.rows):
                speaker[r] = who
            row += seg.rows
            previous = who
        if row != self.n:
            raise RuntimeError("scan: the segments hold fewer rows than the columns")
        return column, tuple(speakers)


def scan(bytes data, bint check=False):
    """The TokenTable fields of the ElementList in ``data``, in the table's field order
    (start, end, kind, flags, speaker, tag, text, value, speakers, tag_names, language);
    last, with ``check``, whether the document is plainly valid (else None). None when the
    full decoder must decide (see the module docstring for when)."""
    return _Scanner(data, check).run()


def find_duplicate_key(bytes data):
    """The first key the model defines that occurs twice in one of its objects (or a term
    twice in keywords/topics/entities), for ElementList JSON that msgspec has accepted:
    ``(key, location)`` with location a tuple of keys and indices, None when there is none,
    or False when the walk cannot follow the bytes (the pure twin in
    elementlist.document.duplicates then decides)."""
    cdef _Scanner scanner = _Scanner(data)
    cdef int found
    scanner.skip_ws()
    found = scanner.dup_object(K_ROOT)
    if found == 1:
        return scanner.dup_key, tuple(scanner.dup_location)
    return None if found == 0 else False
