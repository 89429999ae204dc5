"""The C heap's free memory given back to the system between the stages of a large document.

glibc keeps what one stage frees (the transforms' tables, the layout's preparation) for the
process, and the next stage's many small objects (the captions and their lines) cannot
always reuse it, so the peak grows by what lies free: 0.13× the input on a 115 MB document
(issue 11: every route under 2× the input). ``malloc_trim(0)`` returns it. It changes
nothing else in the process (unlike tuning the allocator's thresholds, which a library must
not do to its caller); where the C library has no ``malloc_trim`` (musl, macOS, Windows)
this is a no-op.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import lru_cache

LARGE_TOKENS = 100_000  # below this a document's heap is small: the call is not worth its cost


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the process's own C library (glibc)
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim  # type: ignore[no-any-return]


def release_free_memory() -> bool:
    """Give the heap's free memory back to the system; whether the C library could."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
