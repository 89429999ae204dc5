"""Where an input comes from: a path, ``-`` (stdin), and (see :mod:`elementlist.fetch`)
http(s) URLs and ``cielo24:JOB_ID[@VERSION]``. Every command reads inputs through here."""

from __future__ import annotations

import sys
from pathlib import Path

from .decode import loads
from .model import ElementList


def read_source(spec: str) -> tuple[bytes, str]:
    """The raw bytes of the input named by ``spec``, and a display name for messages."""
    if spec == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    return Path(spec).read_bytes(), spec


def load_source(spec: str) -> ElementList:
    """Read and decode the input named by ``spec``."""
    data, name = read_source(spec)
    return loads(data, name=name)
