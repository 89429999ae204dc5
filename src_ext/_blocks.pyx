# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The SRT blocks (default template) and WebVTT cues of a caption list, written straight
into one string: the compiled twin of ``writers.srt._default_blocks`` and
``writers.webvtt._cues`` over the whole list (numbered from 1); and DFXP's ``<p>`` lines,
``writers.dfxp._paragraphs`` joined, between the document's text before and after them.

Two passes over the captions. The first checks each caption is plainly what the writers'
fast path expects (``start``/``end`` ints from 0 below 2**63, ``lines`` a tuple of str),
drops blank lines (empty or all white space, as ``text.visible_lines``), hands the few
lines where a clock time may be to the SRT writer's ``transform``
(``text.defuse_clock_times``, which acts within a line: a line at a time is the same as the
joined text), counts the escapes of WebVTT (``escape_cue_text``) and DFXP (as lxml escapes
text, a line break in a line as ``<br/>``), and adds up the length and widest character of
the result. The second allocates the string once and copies the timestamps and lines into
it (WebVTT's and DFXP's escaped on the way). One loop serves the three formats (``style``):
they differ only in each caption's timing line, what goes between and around its lines,
and how a line is escaped.

Anything else (another int type, a negative time, lines that are not a tuple of str, and
for DFXP a character XML 1.0 cannot carry, which the Python path drops) returns None, and
the writer takes its Python path, which formats or refuses it.
"""

from cpython.list cimport PyList_GET_ITEM, PyList_GET_SIZE
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from cpython.tuple cimport PyTuple_GET_ITEM, PyTuple_GET_SIZE
from libc.stdint cimport int64_t
from libc.string cimport memcpy

from text_write cimport (
    PyUnicode_CheckExact, PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND,
    PyUnicode_MAX_CHAR_VALUE, PyUnicode_New, PyUnicode_READ, PyUnicode_WRITE,
    Py_UNICODE_ISSPACE, put_ascii, put_text,
)

cdef extern from "Python.h":
    bint PyLong_CheckExact(object o)
    bint PyTuple_CheckExact(object o)
    long long PyLong_AsLongLongAndOverflow(object o, int* overflow) except? -1

cdef enum:
    SRT = 0
    WEBVTT = 1
    DFXP = 2
    HEADER_SIZE = 96  # a block's number and timing line: at most 20 + 2 * 30 + 8 chars

cdef int64_t MS_PER_HOUR = 3600000


cdef inline bint is_blank(object line, Py_ssize_t length) noexcept:
    """``not line or line.isspace()``."""
    cdef int kind
    cdef void* data
    cdef Py_ssize_t i
    if length == 0:
        return True
    kind = PyUnicode_KIND(line)
    data = PyUnicode_DATA(line)
    for i in range(length):
        if not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
            return False
    return True


cdef inline bint has_clock_colon(object line, Py_ssize_t length) noexcept:
    """Whether the line has a digit after a ``:`` (a regex ``\\d``: any decimal digit, so
    any character beyond ASCII counts), as every clock time has."""
    cdef int kind = PyUnicode_KIND(line)
    cdef void* data = PyUnicode_DATA(line)
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    for i in range(length - 1):
        if PyUnicode_READ(kind, data, i) == u':':
            c = PyUnicode_READ(kind, data, i + 1)
            if (u'0' <= c <= u'9') or c >= 128:
                return True
    return False


cdef inline Py_ssize_t escapes_length(object line, Py_ssize_t length) noexcept:
    """How much longer ``escape_cue_text`` makes the line (``&amp;``, ``&lt;``, ``&gt;``)."""
    cdef int kind = PyUnicode_KIND(line)
    cdef void* data = PyUnicode_DATA(line)
    cdef Py_ssize_t i, extra = 0
    cdef Py_UCS4 c
    for i in range(length):
        c = PyUnicode_READ(kind, data, i)
        if c == u'&':
            extra += 4
        elif c == u'<' or c == u'>':
            extra += 3
    return extra


cdef inline Py_ssize_t put_decimal(char* out, int64_t value, int width) noexcept:
    """``value`` (from 0) in decimal, at least ``width`` digits; returns how many."""
    cdef char digits[24]
    cdef int n = 0, i
    while True:
        digits[n] = <char>(48 + value % 10)
        n += 1
        value //= 10
        if value == 0 and n >= width:
            break
    for i in range(n):
        out[i] = digits[n - 1 - i]
    return n


cdef inline Py_ssize_t decimal_length(int64_t value, int width) noexcept:
    cdef int n = 1
    while value >= 10:
        value //= 10
        n += 1
    return n if n > width else width


cdef inline Py_ssize_t put_clock(char* out, int64_t ms, char separator) noexcept:
    """``HH:MM:SS,mmm`` (hours two digits or more, ``separator`` before the ms)."""
    cdef Py_ssize_t n = put_decimal(out, ms // MS_PER_HOUR, 2)
    cdef int64_t rest = ms % MS_PER_HOUR
    cdef int minutes = <int>(rest // 60000), seconds = <int>(rest // 1000 % 60)
    cdef int millis = <int>(rest % 1000)
    out[n] = b':'
    out[n + 1] = <char>(48 + minutes // 10)
    out[n + 2] = <char>(48 + minutes % 10)
    out[n + 3] = b':'
    out[n + 4] = <char>(48 + seconds // 10)
    out[n + 5] = <char>(48 + seconds % 10)
    out[n + 6] = separator
    out[n + 7] = <char>(48 + millis // 100)
    out[n + 8] = <char>(48 + millis // 10 % 10)
    out[n + 9] = <char>(48 + millis % 10)
    return n + 10


cdef inline Py_ssize_t clock_length(int64_t ms) noexcept:
    return decimal_length(ms // MS_PER_HOUR, 2) + 10


cdef inline Py_ssize_t dfxp_text_length(object line, Py_ssize_t length) noexcept:
    """How long ``line`` is as DFXP writes it (``&amp;`` ``&lt;`` ``&gt;`` ``&#13;``, a line
    break inside it ``<br/>``), or -1 when it holds a character XML 1.0 cannot carry
    (``text.xml_safe`` drops those: the Python path's work)."""
    cdef int kind = PyUnicode_KIND(line)
    cdef void* data = PyUnicode_DATA(line)
    cdef Py_ssize_t i, total = length
    cdef Py_UCS4 c
    for i in range(length):
        c = PyUnicode_READ(kind, data, i)
        if c < 32:
            if c == u'\r' or c == u'\n':
                total += 4
            elif c != u'\t':
                return -1
        elif c == u'&':
            total += 4
        elif c == u'<' or c == u'>':
            total += 3
        elif 0xD800 <= c <= 0xDFFF or c == 0xFFFE or c == 0xFFFF:
            return -1
    return total


cdef inline Py_ssize_t put_escaped(void* data, int kind, Py_ssize_t at, object text,
                                   bint dfxp) noexcept:
    """``put_text`` of ``text`` with ``&`` ``<`` ``>`` as references (``escape_cue_text``),
    and for ``dfxp`` also a carriage return as ``&#13;`` and a line break as ``<br/>`` (as
    :func:`dfxp_text_length` measured it)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i
    cdef int text_kind = PyUnicode_KIND(text)
    cdef void* source = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    if (dfxp_text_length(text, n) if dfxp else n + escapes_length(text, n)) == n:
        return put_text(data, kind, at, text)  # nothing to escape (most lines)
    for i in range(n):
        c = PyUnicode_READ(text_kind, source, i)
        if c == u'&':
            at = put_ascii(data, kind, at, b"&amp;", 5)
        elif c == u'<':
            at = put_ascii(data, kind, at, b"&lt;", 4)
        elif c == u'>':
            at = put_ascii(data, kind, at, b"&gt;", 4)
        elif dfxp and c == u'\r':
            at = put_ascii(data, kind, at, b"&#13;", 5)
        elif dfxp and c == u'\n':
            at = put_ascii(data, kind, at, b"<br/>", 5)
        else:
            PyUnicode_WRITE(kind, data, at, c)
            at += 1
    return at


cdef inline bint read_ms(object value, int64_t* out) except -1:
    """A caption time the fast path writes: an ``int`` (exactly) from 0 below 2**63."""
    cdef int overflow = 0
    cdef long long ms
    if not PyLong_CheckExact(value):
        return False
    ms = PyLong_AsLongLongAndOverflow(value, &overflow)
    if overflow or ms < 0:
        return False
    out[0] = ms
    return True


cdef object blocks(object captions, int style, str head, str tail, object transform):
    cdef list items = captions if type(captions) is list else list(captions)
    cdef Py_ssize_t n = PyList_GET_SIZE(items), k, j, count, length, total, at
    cdef list shown = []  # every caption's visible lines, in order (transformed)
    cdef int64_t* times = <int64_t*>PyMem_Malloc((2 * n + 1) * sizeof(int64_t))
    cdef Py_ssize_t* counts = <Py_ssize_t*>PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))
    cdef Py_UCS4 widest = PyUnicode_MAX_CHAR_VALUE(head)
    cdef object caption, lines, line, result
    cdef int kind
    cdef void* data
    cdef char header[HEADER_SIZE]
    cdef char separator = b',' if style == SRT else b'.'
    cdef Py_ssize_t h, line_at, written
    if times == NULL or counts == NULL:
        PyMem_Free(times)
        PyMem_Free(counts)
        raise MemoryError()
    try:
        if PyUnicode_MAX_CHAR_VALUE(tail) > widest:
            widest = PyUnicode_MAX_CHAR_VALUE(tail)
        total = PyUnicode_GET_LENGTH(head) + PyUnicode_GET_LENGTH(tail)
        for k in range(n):
            caption = <object>PyList_GET_ITEM(items, k)
            if not read_ms(caption.start, &times[2 * k]) or not read_ms(
                caption.end, &times[2 * k + 1]
            ):
                return None
            lines = caption.lines
            if not PyTuple_CheckExact(lines):
                return None
            count = 0
            for j in range(PyTuple_GET_SIZE(lines)):
                line = <object>PyTuple_GET_ITEM(lines, j)
                if not PyUnicode_CheckExact(line):
                    return None
                length = PyUnicode_GET_LENGTH(line)
                if is_blank(line, length):
                    continue
                if style == SRT:
                    if has_clock_colon(line, length):
                        line = transform(line)
                        if not PyUnicode_CheckExact(line):
                            return None
                        length = PyUnicode_GET_LENGTH(line)
                    written = length + 1  # each visible line ends with a line break
                elif style == WEBVTT:
                    written = length + escapes_length(line, length) + 1
                else:
                    written = dfxp_text_length(line, length)
                    if written < 0:
                        return None
                    written += 5 if count else 0  # "<br/>" between lines
                shown.append(line)
                count += 1
                total += written
                if PyUnicode_MAX_CHAR_VALUE(line) > widest:
                    widest = PyUnicode_MAX_CHAR_VALUE(line)
            counts[k] = count
            if style == DFXP:
                # '      <p begin="T" end="T">' + text + '</p>\n', or '      <p ... end="T"/>\n'
                total += (24 + clock_length(times[2 * k]) + clock_length(times[2 * k + 1])
                          + (6 if count else 3))
                continue
            # SRT "N\nT --> T\n" + text + "\n\n"; WebVTT "\nN\nT --> T\n" + text + "\n"
            # (the lines' own breaks counted above stand for the "\n" after the text)
            total += (decimal_length(k + 1, 1) + clock_length(times[2 * k])
                      + clock_length(times[2 * k + 1]) + 7)
            if style == SRT:
                total += 1 if count else 2
            else:
                total += 1  # the cue's leading line break
        result = PyUnicode_New(total, widest)
        kind = PyUnicode_KIND(result)
        data = PyUnicode_DATA(result)
        at = put_text(data, kind, 0, head)
        line_at = 0
        for k in range(n):
            if style == DFXP:
                memcpy(header, b'      <p begin="', 16)
                h = 16
                h += put_clock(header + h, times[2 * k], separator)
                memcpy(header + h, b'" end="', 7)
                h += 7
                h += put_clock(header + h, times[2 * k + 1], separator)
                if counts[k]:
                    memcpy(header + h, b'">', 2)
                    h += 2
                else:
                    memcpy(header + h, b'"/>\n', 4)  # a caption without a visible line
                    h += 4
            else:
                h = 0
                if style == WEBVTT:
                    header[0] = b'\n'
                    h = 1
                h += put_decimal(header + h, k + 1, 1)
                header[h] = b'\n'
                h += 1
                h += put_clock(header + h, times[2 * k], separator)
                memcpy(header + h, b" --> ", 5)
                h += 5
                h += put_clock(header + h, times[2 * k + 1], separator)
                header[h] = b'\n'
                h += 1
            at = put_ascii(data, kind, at, header, h)
            for j in range(counts[k]):
                if j and style == DFXP:
                    at = put_ascii(data, kind, at, b"<br/>", 5)
                elif j:
                    PyUnicode_WRITE(kind, data, at, u'\n')
                    at += 1
                line = <object>PyList_GET_ITEM(shown, line_at)
                if style == SRT:
                    at = put_text(data, kind, at, line)
                else:
                    at = put_escaped(data, kind, at, line, style == DFXP)
                line_at += 1
            if style == SRT:
                at = put_ascii(data, kind, at, b"\n\n", 2)
            elif style == DFXP:
                if counts[k]:
                    at = put_ascii(data, kind, at, b"</p>\n", 5)
            elif counts[k]:
                PyUnicode_WRITE(kind, data, at, u'\n')
                at += 1
        at = put_text(data, kind, at, tail)
        if at != total:
            raise AssertionError(f"_blocks: wrote {at} characters of {total}")
        return result
    finally:
        PyMem_Free(times)
        PyMem_Free(counts)


def srt_blocks(captions, transform):
    """``writers.srt._default_blocks(captions, 1)``: every block through the default
    template, clock times in the text handed to ``transform``; or None (see above)."""
    return blocks(captions, SRT, "", "", transform)


def webvtt_cues(captions, str head):
    """``head`` then ``writers.webvtt._cues(captions, 1)``: every cue, numbered, its text
    escaped as ``escape_cue_text`` escapes it; or None (see above)."""
    return blocks(captions, WEBVTT, head, "", None)


def dfxp_paragraphs(captions, str head, str tail):
    """``head``, then each caption's ``<p>`` line as ``writers.dfxp._paragraphs`` writes it,
    then ``tail``; or None (see above)."""
    return blocks(captions, DFXP, head, tail, None)
