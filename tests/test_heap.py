"""Free heap memory given back between the stages of a large document (issue 11)."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

# Run in a fresh process, so that the heap holds only what this script makes. 200,000 blocks
# of 1 KB go through malloc (past pymalloc's 512-byte limit, under the mmap threshold), so
# glibc carves them from its heap; one small block made after them pins the heap's top, so
# freeing them leaves ~200 MB free inside the heap, which glibc keeps, and the process's
# resident set stays where it was until malloc_trim hands the free pages back.
HELD_THEN_FREED = """
import json, os
from elementlist.heap import release_free_memory

def resident() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

blocks = [bytes(1000) + bytes([i % 256]) for i in range(200_000)]
pin = bytes(2000)
held = resident()
del blocks
freed = resident()
trimmed = release_free_memory()
after = resident()
print(json.dumps({"held": held, "freed": freed, "after": after, "trimmed": trimmed}))
"""


def _has_malloc_trim() -> bool:
    try:
        return hasattr(ctypes.CDLL(None), "malloc_trim")
    except OSError:
        return False


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not _has_malloc_trim(),
    reason="the C library has no malloc_trim (only glibc does): release_free_memory is a no-op",
)
def test_the_free_heap_is_given_back_to_the_system() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", HELD_THEN_FREED], env=env, capture_output=True, check=True
    )
    rss = json.loads(done.stdout)
    assert rss["trimmed"] is True
    mb = 1_000_000
    # glibc kept the freed blocks: without the trim, the resident set hardly moves
    assert rss["held"] - rss["freed"] < 50 * mb, rss
    # the trim gave most of the ~200 MB back
    assert rss["freed"] - rss["after"] > 150 * mb, rss
