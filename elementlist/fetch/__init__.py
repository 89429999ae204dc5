"""Remote sources: any http(s) URL, and ElementLists from the cielo24 API.

``fetch_source(spec)`` takes ``https://…`` or ``cielo24:JOB_ID[@VERSION]`` and returns the
bytes and a display name (never containing a secret). :class:`FetchOptions` carries the
authentication and the policies; by default cielo24 credentials come from the environment
and the config file, and a URL is fetched without credentials: a token set for one service
is never sent to whatever host a URL names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .cielo24 import (
    Cielo24Client,
    ElementListVersion,
    check_job_id,
    get_elementlist,
    list_elementlists,
)
from .credentials import (
    BasicAuth,
    BearerAuth,
    Cielo24Credentials,
    HeaderAuth,
    HttpAuth,
    read_secret,
    resolve_cielo24,
)
from .errors import (
    Cielo24Error,
    CredentialsError,
    FetchConnectionError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    ResponseTooLarge,
)
from .http import DEFAULT_MAX_BYTES, Session, display_url, fetch_url
from .policy import Deadline, Retry, Timeout
from .sources import is_remote

CIELO24_PREFIX = "cielo24:"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class FetchOptions:
    """How remote sources are fetched.

    ``http_auth``: schemes for http(s) URLs (none by default). ``cielo24``: credentials for
    ``cielo24:`` sources; None resolves them from the environment and ``config``/``profile``
    when first needed. ``audio_description`` asks cielo24 for the audio description
    ElementList; ``elementlist_version`` / ``iwp_name`` pick the version when the source
    itself (``cielo24:JOB@VERSION``) names none — the get_caption/get_transcript options of
    the same names land here.
    """

    http_auth: tuple[HttpAuth, ...] = ()
    cielo24: Cielo24Credentials | None = None
    config: Path | None = None
    profile: str | None = None
    timeout: Timeout = field(default_factory=Timeout)
    retry: Retry = field(default_factory=Retry)
    max_bytes: int = DEFAULT_MAX_BYTES
    audio_description: bool = False
    elementlist_version: str | None = None
    iwp_name: str | None = None

    def cielo24_credentials(self) -> Cielo24Credentials:
        if self.cielo24 is not None:
            return self.cielo24
        return resolve_cielo24(config=self.config, profile=self.profile)


@dataclass(frozen=True)
class Cielo24Spec:
    """``cielo24:JOB_ID[@VERSION]``: VERSION is an ISO date (``elementlist_version``) or an
    IWP name such as FINAL or MECHANICAL (``iwp_name``)."""

    job_id: str
    elementlist_version: str | None = None
    iwp_name: str | None = None

    @classmethod
    def parse(cls, spec: str) -> Cielo24Spec:
        if not spec.startswith(CIELO24_PREFIX):
            raise FetchError(f"not a cielo24 source (cielo24:JOB_ID[@VERSION]): {spec!r}")
        job_id, _, version = spec[len(CIELO24_PREFIX) :].partition("@")
        check_job_id(job_id)
        if _ISO_DATE.match(version):
            return cls(job_id, elementlist_version=version)
        return cls(job_id, iwp_name=version or None)

    def __str__(self) -> str:
        version = self.elementlist_version or self.iwp_name
        return (
            f"{CIELO24_PREFIX}{self.job_id}@{version}"
            if version
            else (f"{CIELO24_PREFIX}{self.job_id}")
        )


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def fetch_source(spec: str, options: FetchOptions | None = None) -> tuple[bytes, str]:
    """The bytes of a remote source and its display name."""
    options = options or FetchOptions()
    if spec.startswith(CIELO24_PREFIX):
        parsed = Cielo24Spec.parse(spec)
        if not (parsed.elementlist_version or parsed.iwp_name):
            parsed = Cielo24Spec(parsed.job_id, options.elementlist_version, options.iwp_name)
        data = get_elementlist(
            parsed.job_id,
            credentials=options.cielo24_credentials(),
            elementlist_version=parsed.elementlist_version,
            iwp_name=parsed.iwp_name,
            audio_description=options.audio_description,
            timeout=options.timeout,
            retry=options.retry,
            max_bytes=options.max_bytes,
        )
        return data, str(parsed)
    if is_url(spec):
        data = fetch_url(
            spec,
            auth=options.http_auth,
            timeout=options.timeout,
            retry=options.retry,
            max_bytes=options.max_bytes,
        )
        return data, display_url(spec)
    raise FetchError(f"not a remote source: {spec!r}")


__all__ = [
    "DEFAULT_MAX_BYTES",
    "BasicAuth",
    "BearerAuth",
    "Cielo24Client",
    "Cielo24Credentials",
    "Cielo24Error",
    "Cielo24Spec",
    "CredentialsError",
    "Deadline",
    "ElementListVersion",
    "FetchConnectionError",
    "FetchError",
    "FetchOptions",
    "FetchTimeout",
    "HTTPStatusError",
    "HeaderAuth",
    "HttpAuth",
    "ResponseTooLarge",
    "Retry",
    "Session",
    "Timeout",
    "display_url",
    "fetch_source",
    "fetch_url",
    "get_elementlist",
    "is_remote",
    "list_elementlists",
    "read_secret",
    "resolve_cielo24",
]
