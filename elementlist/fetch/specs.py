"""What a source string names, in one place: a path, ``-`` (stdin), an http(s) URL or a
cielo24 job (``cielo24:JOB_ID[@VERSION]``), and the title and job id a source gives the
outputs made from it (the DFXP and SAMI titles, the DFXP job id, the HTML page's title).

Nothing here reads a file or touches the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath
from urllib.parse import unquote, urlsplit

from .errors import FetchError

CIELO24_PREFIX = "cielo24:"
STDIN = "-"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def is_url(spec: str) -> bool:
    """``spec`` is an http(s) URL."""
    return spec.lower().startswith(("http://", "https://"))


def is_cielo24(spec: str) -> bool:
    """``spec`` names a cielo24 job (``cielo24:JOB_ID[@VERSION]``)."""
    return spec.startswith(CIELO24_PREFIX)


def is_remote(spec: str) -> bool:
    """``spec`` names an http(s) URL or a cielo24 job rather than a file."""
    return is_url(spec) or is_cielo24(spec)


def check_job_id(job_id: str) -> None:
    """A job id is a non-empty word (cielo24's are 32 hex digits)."""
    if not job_id or not all(c.isalnum() or c in "-_" for c in job_id):
        raise FetchError(f"not a cielo24 job id: {job_id!r}")


@dataclass(frozen=True)
class Cielo24Spec:
    """``cielo24:JOB_ID[@VERSION]``: VERSION is an ISO date (``elementlist_version``) or an
    IWP name such as FINAL or MECHANICAL (``iwp_name``)."""

    job_id: str
    elementlist_version: str | None = None
    iwp_name: str | None = None

    @classmethod
    def parse(cls, spec: str) -> Cielo24Spec:
        """Read ``cielo24:JOB_ID[@VERSION]``; FetchError for anything else or a bad job id."""
        if not is_cielo24(spec):
            raise FetchError(f"not a cielo24 source (cielo24:JOB_ID[@VERSION]): {spec!r}")
        job_id, _, version = spec[len(CIELO24_PREFIX) :].partition("@")
        check_job_id(job_id)
        if _ISO_DATE.match(version):
            return cls(job_id, elementlist_version=version)
        return cls(job_id, iwp_name=version or None)

    @property
    def version(self) -> str | None:
        """The version asked for, a date or an IWP name; None for the latest."""
        return self.elementlist_version or self.iwp_name

    def __str__(self) -> str:
        version = self.version
        return (
            f"{CIELO24_PREFIX}{self.job_id}@{version}" if version else CIELO24_PREFIX + self.job_id
        )


def source_job_id(spec: str) -> str:
    """The cielo24 job a source names, else ``""``."""
    if not is_cielo24(spec):
        return ""
    return spec[len(CIELO24_PREFIX) :].partition("@")[0]


def source_title(spec: str) -> str:
    """The title outputs made from ``spec`` carry: a cielo24 job's id, a URL's or a path's
    file name without its extension; ``""`` for stdin (a writer then uses its own default).

    >>> source_title("cielo24:ABC@FINAL"), source_title("https://h/a/talk%201.json?k=v")
    ('ABC', 'talk 1')
    >>> source_title("archive/2019/keynote.json"), source_title("-")
    ('keynote', '')
    """
    if is_cielo24(spec):
        return source_job_id(spec)
    if is_url(spec):
        path = unquote(urlsplit(spec).path)
        return PurePosixPath(path).stem if path.strip("/") else ""
    if spec == STDIN:
        return ""
    return PurePath(spec).stem


__all__ = [
    "CIELO24_PREFIX",
    "STDIN",
    "Cielo24Spec",
    "check_job_id",
    "is_cielo24",
    "is_remote",
    "is_url",
    "source_job_id",
    "source_title",
]
