# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""ElementList JSON bytes → the TokenTable columns in one pass, without the msgspec model.

``scan(data)`` returns the fields of the TokenTable that ``build_token_table(loads(data))``
builds, in TokenTable field order, or None ("bail") whenever it cannot be sure, and then
the caller takes that full path. It must never accept what ``loads`` rejects, so every
field the model knows is type-checked as the model types it.

Grammar handled (JSON as RFC 8259, keys in any order, unknown keys anywhere in the model's
objects with any valid JSON value, which is skipped):

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
bound whatever float64 rounds it to; an int longer than 18 digits; a float whose magnitude could reach 1e300 or whose
exponent has more than 4 digits; a duplicate key in a model object or a keyword map; the
model's carrier key for unknown fields as a key; invalid UTF-8, an invalid or lone-surrogate
escape, a control character in a string; nesting deeper than 1000 or than the interpreter's
recursion limit allows (msgspec's own limit); more than 32767 sound tags; a UTF-8 BOM or
UTF-16 (the root is not ``{`` after whitespace); anything after the root object.

Only strings (display/value/tags/language/names) become Python objects; a small
direct-mapped cache shares the str of repeated short words.
"""

from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize, PyBytes_GET_SIZE
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.stdint cimport int16_t, int32_t, int64_t, uint16_t, uint32_t, uint64_t
from cpython.mem cimport PyMem_RawFree, PyMem_RawMalloc, PyMem_RawRealloc
from libc.string cimport memcmp, memcpy

cimport cython
import numpy as np

from .document.model import EXTRA_KEY, MAX_TIME_MS, TOKEN_KIND_BY_NAME

cdef extern from "Python.h":
    int Py_EnterRecursiveCall(const char *where)
    void Py_LeaveRecursiveCall()
    void PyErr_Clear()

# results of next_key / next_item
cdef enum:
    BAIL = 0
    ITEM = 1
    END = 2
    OTHER_KEY = 3  # next_dup_key: a key no model object defines

cdef enum:
    MAX_DEPTH = 1000
    RECURSION_MARGIN = 32  # the model's own depth (≤ 8) and the frames loads() adds
    CACHE_SIZE = 4096  # power of two
    CACHE_MAX_LEN = 48
    MAX_INT_DIGITS = 18
    MAX_EXP_DIGITS = 4
    MAX_MAGNITUDE = 300  # decimal digits a float may reach before we bail

# token kinds and flag bits (as in elementlist.table.build)
cdef enum:
    UNKNOWN = -1
    WORD = 0
    PUNCTUATION = 1
    SOUND = 2
    SENTENCE_END = 1
    SEQUENCE_START = 2
    SEGMENT_START = 4
    SPEAKER_CHANGE = 8

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
cdef dict KIND_BY_NAME = TOKEN_KIND_BY_NAME


cdef struct SegmentRecord:
    Py_ssize_t first  # first token row
    Py_ssize_t stop  # one past its last token row
    int64_t sid
    bint has_sid  # speaker_id was an int (null, bool and absent mean none)
    bint change_hint  # speaker_change is true


cdef inline bint same(const unsigned char* p, Py_ssize_t n, const char* lit, Py_ssize_t m) noexcept:
    return n == m and memcmp(p, lit, m) == 0


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
cdef enum:
    K_ROOT = 0
    K_SEGMENT = 1
    K_SEQUENCE = 2
    K_TOKEN = 3
    K_SPEAKER = 4
    K_META = 5
    K_RANGE = 6


cdef int key_bit(int kind, const unsigned char* k, Py_ssize_t n) noexcept:
    """The bit of a key the model defines for this kind of object; 0 for any other key.
    (The same keys as model.KNOWN_KEYS: tests/test_duplicate_keys.py holds them equal.)"""
    if same(k, n, "start_time", 10):
        return 1 if kind != K_SPEAKER and kind != K_META else 0
    if same(k, n, "end_time", 8):
        return 2 if kind != K_SPEAKER and kind != K_META else 0
    if kind == K_TOKEN:
        if same(k, n, "value", 5):
            return 4
        if same(k, n, "type", 4):
            return 8
        if same(k, n, "display_as", 10):
            return 16
        if same(k, n, "tags", 4):
            return 32
        if same(k, n, "interpolated", 12):
            return 64
        if same(k, n, "style", 5):
            return 128
        return 0
    if kind == K_SEQUENCE:
        if same(k, n, "tokens", 6):
            return 4
        if same(k, n, "interpolated", 12):
            return 8
        if same(k, n, "confidence_score", 16):
            return 16
        if same(k, n, "style", 5):
            return 32
        return 0
    if kind == K_SEGMENT:
        if same(k, n, "sequences", 9):
            return 4
        if same(k, n, "speaker_change", 14):
            return 8
        if same(k, n, "speaker_id", 10):
            return 16
        if same(k, n, "interpolated", 12):
            return 32
        if same(k, n, "style", 5):
            return 64
        if same(k, n, "bad_timing", 10):
            return 128
        return 0
    if kind == K_ROOT:
        if same(k, n, "version", 7):
            return 4
        if same(k, n, "segments", 8):
            return 8
        if same(k, n, "language", 8):
            return 16
        if same(k, n, "speakers", 8):
            return 32
        if same(k, n, "keywords", 8):
            return 64
        if same(k, n, "topics", 6):
            return 128
        if same(k, n, "entities", 8):
            return 256
        return 0
    if kind == K_SPEAKER:
        if same(k, n, "id", 2):
            return 4
        if same(k, n, "name", 4):
            return 8
        if same(k, n, "gender", 6):
            return 16
        return 0
    if kind == K_META:
        if same(k, n, "display_name", 12):
            return 4
        if same(k, n, "url", 3):
            return 8
        if same(k, n, "time_ranges", 11):
            return 16
    return 0


cdef int child_kind(int kind, int bit) noexcept:
    """What the value of that key holds (a list of them, or for K_META a map of terms);
    -1 for a key whose value holds no model object."""
    if kind == K_ROOT:
        if bit == 8:
            return K_SEGMENT
        if bit == 32:
            return K_SPEAKER
        if bit == 64 or bit == 128 or bit == 256:
            return K_META
    elif kind == K_SEGMENT and bit == 4:
        return K_SEQUENCE
    elif kind == K_SEQUENCE and bit == 4:
        return K_TOKEN
    elif kind == K_META and bit == 16:
        return K_RANGE
    return -1


cdef str child_key(int kind, int bit):
    if kind == K_ROOT:
        return {8: "segments", 32: "speakers", 64: "keywords", 128: "topics"}.get(bit, "entities")
    if kind == K_SEGMENT:
        return "sequences"
    if kind == K_SEQUENCE:
        return "tokens"
    return "time_ranges"


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
    cdef object first_tag  # the current token's first tag other than ENDS_SENTENCE

    # the duplicate-key walk: what it found, and where (built while it returns)
    cdef object dup_key
    cdef list dup_location

    # str cache: slot → (pointer into the input, length, str)
    cdef const unsigned char** cache_ptr
    cdef Py_ssize_t* cache_len
    cdef list cache_str

    def __cinit__(self, bytes data):
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
        self.cache_ptr = <const unsigned char**>PyMem_RawMalloc(CACHE_SIZE * sizeof(void*))
        self.cache_len = <Py_ssize_t*>PyMem_RawMalloc(CACHE_SIZE * sizeof(Py_ssize_t))
        if (not self.starts or not self.ends or not self.kinds or not self.flags
                or not self.tags or not self.segments or not self.cache_ptr
                or not self.cache_len):
            raise MemoryError()
        for i in range(CACHE_SIZE):
            self.cache_len[i] = -1
        self.cache_str = [None] * CACHE_SIZE
        self.text = []
        self.value = []
        self.declared_speakers = []
        self.tag_index = {}
        self.language = ""

    def __dealloc__(self):
        PyMem_RawFree(self.starts)
        PyMem_RawFree(self.ends)
        PyMem_RawFree(self.kinds)
        PyMem_RawFree(self.flags)
        PyMem_RawFree(self.tags)
        PyMem_RawFree(self.segments)
        PyMem_RawFree(self.cache_ptr)
        PyMem_RawFree(self.cache_len)
        PyMem_RawFree(self.scratch)

    # -------------------------------------------------------------------------------------
    # lexical level

    cdef inline void skip_ws(self) noexcept:
        cdef const unsigned char* p = self.p
        while p < self.end and (p[0] == 32 or p[0] == 10 or p[0] == 13 or p[0] == 9):
            p += 1
        self.p = p

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

    cdef int next_key(self, bint first) except -1:
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

    cdef int next_item(self, bint first) except -1:
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

    cdef bint parse_string(self) except -1:
        """The string whose opening quote was just consumed → s_ptr/s_len (unescaped)."""
        cdef const unsigned char* start = self.p
        cdef const unsigned char* p = self.p
        cdef bint escaped = False, high = False
        cdef unsigned char c
        while True:
            while p < self.end and STRING_BYTE[p[0]] == PLAIN:
                p += 1
            if p >= self.end:
                return False
            c = STRING_BYTE[p[0]]
            if c == QUOTE:
                break
            if c == BACKSLASH:  # the escape itself is checked when unescaping
                escaped = True
                p += 2
            elif c == HIGH:
                high = True
                p += 1
            else:  # a control character
                return False
        self.p = p + 1
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

    cdef bint parse_number(self) except -1:
        """A JSON number → num_is_int (and num_int when it is one)."""
        cdef const unsigned char* p = self.p
        cdef bint negative = False, exp_negative = False
        cdef int64_t v = 0
        cdef int digits = 0, exp = 0, exp_digits = 0
        if p < self.end and p[0] == 45:  # -
            negative = True
            p += 1
        if p >= self.end:
            return False
        if p[0] == 48:  # 0
            p += 1
            digits = 1
        elif is_digit(p[0]):
            while p < self.end and is_digit(p[0]):
                digits += 1
                if digits > MAX_INT_DIGITS:
                    return False
                v = v * 10 + (p[0] - 48)
                p += 1
        else:
            return False
        self.num_is_int = True
        if p < self.end and p[0] == 46:  # .
            p += 1
            if p >= self.end or not is_digit(p[0]):
                return False
            while p < self.end and is_digit(p[0]):
                p += 1
            self.num_is_int = False
        if p < self.end and (p[0] == 101 or p[0] == 69):  # e E
            p += 1
            if p < self.end and (p[0] == 43 or p[0] == 45):
                exp_negative = p[0] == 45
                p += 1
            if p >= self.end or not is_digit(p[0]):
                return False
            while p < self.end and is_digit(p[0]):
                exp_digits += 1
                if exp_digits > MAX_EXP_DIGITS:
                    return False
                exp = exp * 10 + (p[0] - 48)
                p += 1
            if not exp_negative and digits + exp > MAX_MAGNITUDE:
                return False
            self.num_is_int = False
        self.num_magnitude = digits - exp if exp_negative else digits + exp
        self.num_int = -v if negative else v
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
        cdef Py_ssize_t n = self.s_len, i
        cdef uint32_t h = 2166136261
        cdef object s
        if not self.s_in_input or n > CACHE_MAX_LEN:
            return PyUnicode_DecodeUTF8(<const char*>self.s_ptr, n, NULL)
        for i in range(n):
            h = (h ^ self.s_ptr[i]) * 16777619
        h &= CACHE_SIZE - 1
        if self.cache_len[h] == n and memcmp(self.cache_ptr[h], self.s_ptr, n) == 0:
            return self.cache_str[h]
        s = PyUnicode_DecodeUTF8(<const char*>self.s_ptr, n, NULL)
        self.cache_ptr[h] = self.s_ptr
        self.cache_len[h] = n
        self.cache_str[h] = s
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
        if self.p < self.end and self.p[0] == 34:
            if not self.read_string():
                return False
            if not self.s_ascii:
                kind[0] = KIND_BY_NAME.get(self.make_str().lower(), UNKNOWN)
            elif self.ascii_name_is("word"):
                kind[0] = WORD
            elif self.ascii_name_is("punctuation"):
                kind[0] = PUNCTUATION
            elif self.ascii_name_is("sound"):
                kind[0] = SOUND
            else:
                kind[0] = UNKNOWN
            return True
        if not self.read_int(&v):
            return False
        kind[0] = <int>v if 0 <= v <= 2 else UNKNOWN
        return True

    cdef bint ascii_name_is(self, const char* name) noexcept:
        """The last (ASCII) string, lowered, equals the lower-case ``name``."""
        cdef Py_ssize_t i
        cdef unsigned char c
        for i in range(self.s_len):
            c = self.s_ptr[i]
            if c >= 65 and c <= 90:
                c += 32
            if name[i] == 0 or c != <unsigned char>name[i]:
                return False
        return name[self.s_len] == 0

    cdef bint skip_unknown(self, set seen) except -1:
        """The value of a key the model does not define (not a duplicate, not the carrier)."""
        cdef bytes key = PyBytes_FromStringAndSize(<const char*>self.s_ptr, self.s_len)
        if key == CARRIER_KEY or key in seen:
            return False
        seen.add(key)
        return self.skip_value()

    # -------------------------------------------------------------------------------------
    # the model's objects

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

    cdef bint read_root(self) except -1:
        cdef int r, bit, seen_bits = 0
        cdef bint ok, first = True
        cdef int64_t version
        cdef set unknown = None
        cdef const unsigned char* k
        cdef Py_ssize_t n
        if not self.open_object():
            return False
        while True:
            r = self.next_key(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return False
            k, n = self.s_ptr, self.s_len
            if same(k, n, "segments", 8):
                bit, ok = 1, self.read_list(0)
            elif same(k, n, "version", 7):
                bit, ok = 2, self.read_int(&version)
            elif same(k, n, "start_time", 10):
                bit, ok = 4, self.read_time_number()
            elif same(k, n, "end_time", 8):
                bit, ok = 8, self.read_time_number()
            elif same(k, n, "language", 8):
                bit, ok = 16, self.read_string()
                if ok:
                    self.language = self.make_str()
            elif same(k, n, "speakers", 8):
                bit, ok = 32, self.read_list(3)
            elif same(k, n, "keywords", 8):
                bit, ok = 64, self.read_meta_map()
            elif same(k, n, "topics", 6):
                bit, ok = 128, self.read_meta_map()
            elif same(k, n, "entities", 8):
                bit, ok = 256, self.read_meta_map()
            else:
                if unknown is None:
                    unknown = set()
                bit, ok = 0, self.skip_unknown(unknown)
            if not ok or seen_bits & bit:
                return False
            seen_bits |= bit
        self.depth -= 1
        return seen_bits & 3 == 3

    cdef bint read_list(self, int what) except -1:
        """An array of segments (0), sequences (1), tokens (2), speakers (3) or time ranges
        (4)."""
        cdef int r
        cdef bint ok, first = True
        if not self.open_array():
            return False
        while True:
            r = self.next_item(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return False
            if what == 2:
                ok = self.read_token()
            elif what == 1:
                ok = self.read_sequence()
            elif what == 0:
                ok = self.read_segment()
            elif what == 3:
                ok = self.read_speaker()
            else:
                ok = self.read_time_range()
            if not ok:
                return False
        self.depth -= 1
        return True

    cdef bint read_segment(self) except -1:
        cdef int r, bit, seen_bits = 0
        cdef bint ok, first = True, flag
        cdef Py_ssize_t first_row = self.n
        cdef SegmentRecord record
        cdef set unknown = None
        cdef const unsigned char* k
        cdef Py_ssize_t n
        record.sid = 0
        record.has_sid = False
        record.change_hint = False
        if not self.open_object():
            return False
        while True:
            r = self.next_key(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return False
            k, n = self.s_ptr, self.s_len
            if same(k, n, "sequences", 9):
                bit, ok = 1, self.read_list(1)
            elif same(k, n, "start_time", 10):
                bit, ok = 2, self.read_time_number()
            elif same(k, n, "end_time", 8):
                bit, ok = 4, self.read_time_number()
            elif same(k, n, "speaker_id", 10):
                bit = 8
                if self.literal("null", 4):
                    ok = True
                elif self.p < self.end and (self.p[0] == 116 or self.p[0] == 102):
                    ok = self.read_bool(&flag)
                else:
                    ok = self.read_int(&record.sid)
                    record.has_sid = ok
            elif same(k, n, "speaker_change", 14):
                bit, ok = 16, self.read_bool(&record.change_hint)
            elif same(k, n, "interpolated", 12):
                bit, ok = 32, self.read_bool(&flag)
            elif same(k, n, "style", 5):
                bit, ok = 64, self.read_string()
            elif same(k, n, "bad_timing", 10):
                bit, ok = 128, self.read_bool(&flag)
            else:
                if unknown is None:
                    unknown = set()
                bit, ok = 0, self.skip_unknown(unknown)
            if not ok or seen_bits & bit:
                return False
            seen_bits |= bit
        self.depth -= 1
        if seen_bits & 7 != 7:
            return False
        record.first, record.stop = first_row, self.n
        if self.n > first_row:
            self.flags[first_row] |= SEGMENT_START
        return self.add_segment(record)

    cdef bint add_segment(self, SegmentRecord record) except -1:
        cdef SegmentRecord* grown
        if self.n_segments == self.segments_cap:
            grown = <SegmentRecord*>PyMem_RawRealloc(
                self.segments, 2 * self.segments_cap * sizeof(SegmentRecord))
            if not grown:
                raise MemoryError()
            self.segments, self.segments_cap = grown, 2 * self.segments_cap
        self.segments[self.n_segments] = record
        self.n_segments += 1
        return True

    cdef bint read_sequence(self) except -1:
        cdef int r, bit, seen_bits = 0
        cdef bint ok, first = True, flag
        cdef Py_ssize_t first_row = self.n
        cdef set unknown = None
        cdef const unsigned char* k
        cdef Py_ssize_t n
        if not self.open_object():
            return False
        while True:
            r = self.next_key(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return False
            k, n = self.s_ptr, self.s_len
            if same(k, n, "tokens", 6):
                bit, ok = 1, self.read_list(2)
            elif same(k, n, "start_time", 10):
                bit, ok = 2, self.read_time_number()
            elif same(k, n, "end_time", 8):
                bit, ok = 4, self.read_time_number()
            elif same(k, n, "interpolated", 12):
                bit, ok = 8, self.read_bool(&flag)
            elif same(k, n, "confidence_score", 16):
                bit, ok = 16, self.read_number()
            elif same(k, n, "style", 5):
                bit, ok = 32, self.read_string()
            else:
                if unknown is None:
                    unknown = set()
                bit, ok = 0, self.skip_unknown(unknown)
            if not ok or seen_bits & bit:
                return False
            seen_bits |= bit
        self.depth -= 1
        if self.n > first_row:
            self.flags[first_row] |= SEQUENCE_START
        return seen_bits & 7 == 7

    cdef bint read_token(self) except -1:
        cdef int r, bit, seen_bits = 0, kind = UNKNOWN
        cdef bint ok, first = True, flag
        cdef int64_t start = 0, stop = 0
        cdef uint16_t token_flags = 0
        cdef object value = None, shown = None
        cdef set unknown = None
        cdef const unsigned char* k
        cdef Py_ssize_t n
        self.first_tag = None
        if not self.open_object():
            return False
        while True:
            r = self.next_key(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return False
            k, n = self.s_ptr, self.s_len
            if same(k, n, "start_time", 10):
                bit, ok = 1, self.read_time(&start)
            elif same(k, n, "end_time", 8):
                bit, ok = 2, self.read_time(&stop)
            elif same(k, n, "value", 5):
                bit, ok = 4, self.read_string()
                if ok:
                    value = self.make_str()
            elif same(k, n, "type", 4):
                bit, ok = 8, self.read_kind(&kind)
            elif same(k, n, "display_as", 10):
                bit, ok = 16, self.read_string()
                if ok:
                    shown = self.make_str()
            elif same(k, n, "tags", 4):
                bit, ok = 32, self.read_tags(&token_flags)
            elif same(k, n, "interpolated", 12):
                bit, ok = 64, self.read_bool(&flag)
            elif same(k, n, "style", 5):
                bit, ok = 128, self.read_string()
            else:
                if unknown is None:
                    unknown = set()
                bit, ok = 0, self.skip_unknown(unknown)
            if not ok or seen_bits & bit:
                return False
            seen_bits |= bit
        self.depth -= 1
        if seen_bits & 15 != 15:
            return False
        return self.add_row(start, stop, kind, token_flags, value, shown)

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
            if same(self.s_ptr, self.s_len, "ENDS_SENTENCE", 13):
                token_flags[0] |= SENTENCE_END
            elif self.first_tag is None:
                self.first_tag = self.make_str()
        self.depth -= 1
        return True

    cdef bint add_row(self, int64_t start, int64_t stop, int kind, uint16_t token_flags,
                      object value, object shown) except -1:
        cdef int tag = -1
        cdef object name, found
        if self.n == self.cap and not self.grow():
            return False
        if kind == SOUND:  # its first tag names it, else its value ("[music]" → MUSIC)
            name = self.first_tag
            if name is None:
                name = value.strip("[]{}() ").upper() or "UNKNOWN"
            found = self.tag_index.get(name)
            if found is None:
                tag = len(self.tag_index)
                if tag > 32767:
                    return False
                self.tag_index[name] = tag
            else:
                tag = found
        self.starts[self.n] = start
        self.ends[self.n] = stop
        self.kinds[self.n] = kind
        self.flags[self.n] = token_flags
        self.tags[self.n] = tag
        self.value.append(value)
        self.text.append(value if shown is None else shown)
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

    cdef bint read_speaker(self) except -1:
        cdef int r, bit, seen_bits = 0
        cdef bint ok, first = True
        cdef int64_t sid = 0
        cdef object name = ""
        cdef set unknown = None
        cdef const unsigned char* k
        cdef Py_ssize_t n
        if not self.open_object():
            return False
        while True:
            r = self.next_key(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return False
            k, n = self.s_ptr, self.s_len
            if same(k, n, "id", 2):
                bit, ok = 1, self.read_int(&sid)
            elif same(k, n, "name", 4):
                bit, ok = 2, self.read_string()
                if ok:
                    name = self.make_str()
            elif same(k, n, "gender", 6):
                bit, ok = 4, self.read_string()
            else:
                if unknown is None:
                    unknown = set()
                bit, ok = 0, self.skip_unknown(unknown)
            if not ok or seen_bits & bit:
                return False
            seen_bits |= bit
        self.depth -= 1
        if not seen_bits & 1:
            return False
        self.declared_speakers.append((sid, name))
        return True

    cdef bint read_meta_map(self) except -1:
        """keywords/topics/entities: {term: meta}, validated only."""
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
            if not self.read_meta():
                return False
        self.depth -= 1
        return True

    cdef bint read_meta(self) except -1:
        cdef int r, bit, seen_bits = 0
        cdef bint ok, first = True
        cdef set unknown = None
        cdef const unsigned char* k
        cdef Py_ssize_t n
        if not self.open_object():
            return False
        while True:
            r = self.next_key(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return False
            k, n = self.s_ptr, self.s_len
            if same(k, n, "display_name", 12):
                bit, ok = 1, self.read_string()
            elif same(k, n, "url", 3):
                bit, ok = 2, self.read_string()
            elif same(k, n, "time_ranges", 11):
                bit, ok = 4, self.read_list(4)
            else:
                if unknown is None:
                    unknown = set()
                bit, ok = 0, self.skip_unknown(unknown)
            if not ok or seen_bits & bit:
                return False
            seen_bits |= bit
        self.depth -= 1
        return True

    cdef bint read_time_range(self) except -1:
        cdef int r, bit, seen_bits = 0
        cdef bint ok, first = True
        cdef set unknown = None
        cdef const unsigned char* k
        cdef Py_ssize_t n
        if not self.open_object():
            return False
        while True:
            r = self.next_key(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return False
            k, n = self.s_ptr, self.s_len
            if same(k, n, "start_time", 10):
                bit, ok = 1, self.read_time_number()
            elif same(k, n, "end_time", 8):
                bit, ok = 2, self.read_time_number()
            else:
                if unknown is None:
                    unknown = set()
                bit, ok = 0, self.skip_unknown(unknown)
            if not ok or seen_bits & bit:
                return False
            seen_bits |= bit
        self.depth -= 1
        return seen_bits == 3

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
        cdef int r, bit, child, found, seen = 0
        cdef bint first = True
        if not self.open_object():
            return -1
        while True:
            r = self.next_dup_key(first)
            first = False
            if r == END:
                break
            if r == BAIL:
                return -1
            bit = key_bit(kind, self.s_ptr, self.s_len) if r == ITEM else 0
            if bit:
                if seen & bit:
                    self.dup_key = PyUnicode_DecodeUTF8(<const char*>self.s_ptr, self.s_len, NULL)
                    self.dup_location = []
                    return 1
                seen |= bit
                child = child_kind(kind, bit)
                if child >= 0 and self.p < self.end and self.p[0] == (123 if child == K_META else 91):
                    found = self.dup_map() if child == K_META else self.dup_list(child)
                    if found == 1:
                        self.dup_location.insert(0, child_key(kind, bit))
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
        cdef const unsigned char* p = self.p
        cdef const unsigned char* end = self.end
        cdef const unsigned char* start
        while p < end and (p[0] == 32 or p[0] == 10 or p[0] == 13 or p[0] == 9):
            p += 1
        if p >= end:
            return BAIL
        if p[0] == 125:  # }
            self.p = p + 1
            return END
        if not first:
            if p[0] != 44:  # ,
                return BAIL
            p += 1
            while p < end and (p[0] == 32 or p[0] == 10 or p[0] == 13 or p[0] == 9):
                p += 1
        if p >= end or p[0] != 34:
            return BAIL
        p += 1
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

    cdef int dup_map(self) except -2:
        """keywords/topics/entities: a term twice, or a duplicate inside a term's meta."""
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
                found = self.dup_object(K_META)
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
        """Scan the document; the TokenTable fields, or None to bail."""
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
        if not self.read_root():
            return None
        self.skip_ws()
        if self.p != self.end:
            return None
        return self.columns()

    cdef object columns(self):
        cdef Py_ssize_t n = self.n, i, row
        cdef list speakers = []
        cdef dict speaker_index = {}
        cdef object sid, found
        cdef int speaker, previous_speaker = -1
        cdef bint have_previous = False, changed
        cdef SegmentRecord* seg
        for sid, name in self.declared_speakers:  # the first of a repeated id wins
            if sid not in speaker_index:
                speaker_index[sid] = len(speakers)
                speakers.append((sid, name))
        start = np.empty(n, dtype=np.int64)
        end = np.empty(n, dtype=np.int64)
        kind = np.empty(n, dtype=np.int8)
        flags = np.empty(n, dtype=np.uint16)
        speaker_col = np.empty(n, dtype=np.int32)
        tag = np.empty(n, dtype=np.int16)
        cdef int64_t[::1] start_v = start
        cdef int64_t[::1] end_v = end
        cdef signed char[::1] kind_v = kind
        cdef uint16_t[::1] flags_v = flags
        cdef int32_t[::1] speaker_v = speaker_col
        cdef int16_t[::1] tag_v = tag
        if n:
            memcpy(&start_v[0], self.starts, n * sizeof(int64_t))
            memcpy(&end_v[0], self.ends, n * sizeof(int64_t))
            memcpy(&kind_v[0], self.kinds, n * sizeof(signed char))
            memcpy(&flags_v[0], self.flags, n * sizeof(uint16_t))
            memcpy(&tag_v[0], self.tags, n * sizeof(int16_t))
        # speakers and speaker changes, segment by segment as fill_columns decides them
        for i in range(self.n_segments):
            seg = &self.segments[i]
            if seg.has_sid:
                sid = seg.sid
                found = speaker_index.get(sid)
                if found is None:  # an id missing from `speakers`: still a distinct speaker
                    speaker = len(speakers)
                    speaker_index[sid] = speaker
                    speakers.append((sid, ""))
                else:
                    speaker = found
            else:
                speaker = -1
            if speaker >= 0:
                changed = (not have_previous) or speaker != previous_speaker
            else:
                changed = seg.change_hint
            if changed and seg.stop > seg.first:
                flags_v[seg.first] |= SPEAKER_CHANGE
            if speaker >= 0 or have_previous:
                previous_speaker = speaker
                have_previous = True
            for row in range(seg.first, seg.stop):
                speaker_v[row] = speaker
        return (start, end, kind, flags, speaker_col, tag, self.text, self.value,
                tuple(speakers), tuple(self.tag_index), self.language)


def scan(bytes data):
    """The TokenTable fields of the ElementList in ``data`` (TokenTable field order), or
    None when the full decoder must decide (see the module docstring for when)."""
    return _Scanner(data).run()


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
