"""Remote sources: any http(s) URL, and ElementLists from the cielo24 API.

``fetch_source(spec)`` takes ``https://…`` or ``cielo24:JOB_ID[@VERSION]`` and returns the
bytes and a display name (never containing a secret). :class:`FetchOptions` carries the
authentication and the policies; by default cielo24 credentials come from the environment
and the config file, and a URL is fetched without credentials: a token set for one service
is never sent to whatever host a URL names.
"""

from __future__ import annotations

from .cielo24 import Cielo24Client, ElementListVersion, get_elementlist, list_elementlists
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
from .remote import FetchOptions, fetch_source
from .specs import Cielo24Spec, check_job_id, is_remote, is_url

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
    "check_job_id",
    "display_url",
    "fetch_source",
    "fetch_url",
    "get_elementlist",
    "is_remote",
    "is_url",
    "list_elementlists",
    "read_secret",
    "resolve_cielo24",
]
