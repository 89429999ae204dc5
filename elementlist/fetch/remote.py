"""Fetching a remote source: :class:`FetchOptions` (authentication and policies) and
:func:`fetch_source` for ``https://…`` and ``cielo24:JOB_ID[@VERSION]``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .credentials import Cielo24Credentials, HttpAuth, resolve_cielo24
from .errors import FetchError
from .policy import DEFAULT_MAX_BYTES, Retry, Timeout
from .specs import Cielo24Spec, is_cielo24, is_url


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
        """The credentials given, else those the environment and the config file give."""
        if self.cielo24 is not None:
            return self.cielo24
        return resolve_cielo24(config=self.config, profile=self.profile)


def fetch_source(spec: str, options: FetchOptions | None = None) -> tuple[bytes, str]:
    """The bytes of a remote source and its display name."""
    # the HTTP client (httpx) is imported only when a fetch happens: a command given local
    # files builds FetchOptions from its flags, and must not pay its import (about 75 ms)
    from .cielo24 import get_elementlist
    from .http import display_url, fetch_url

    options = options or FetchOptions()
    if is_cielo24(spec):
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
