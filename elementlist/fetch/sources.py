"""Where an input comes from: a path, ``-`` (stdin), an http(s) URL, or
``cielo24:JOB_ID[@VERSION]`` (see :mod:`elementlist.fetch`). Every command reads inputs
through here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..document.model import ElementList
from ..errors import ElementListError
from ..importers import AUTO
from ..importers.route import load_reporting
from .specs import STDIN, is_remote

if TYPE_CHECKING:
    from .remote import FetchOptions


def read_source(spec: str, *, fetch: FetchOptions | None = None) -> tuple[bytes, str]:
    """The raw bytes of the input named by ``spec``, and a display name for messages.

    ``fetch`` sets authentication, timeouts, retries and the size limit for remote sources;
    by default cielo24 credentials come from the environment (``CIELO24_*``) or the config
    file, and URLs are fetched without credentials.
    """
    if spec == STDIN:
        return sys.stdin.buffer.read(), "<stdin>"  # empty: loads says "the input is empty"
    if not spec.strip():
        raise ElementListError("the input is empty (an empty string is not a path)")
    if is_remote(spec):
        from .remote import fetch_source  # httpx is imported only when a fetch happens

        return fetch_source(spec, fetch)
    return Path(spec).read_bytes(), spec


def load_source(
    spec: str, *, fetch: FetchOptions | None = None, input_format: str = AUTO
) -> ElementList:
    """Read and decode the input named by ``spec``, in ``input_format`` (``auto``: an
    ElementList, else recognised by its shape; see :mod:`elementlist.importers.route`)."""
    return load_source_reporting(spec, fetch=fetch, input_format=input_format)[0]


def load_source_reporting(
    spec: str, *, fetch: FetchOptions | None = None, input_format: str = AUTO
) -> tuple[ElementList, str]:
    """:func:`load_source`, and the name of the format the input was read as."""
    data, name = read_source(spec, fetch=fetch)
    return load_reporting(data, input_format=input_format, name=name)
