"""Remote sources: any http(s) URL, and ElementLists from the cielo24 API.

``fetch_source(spec)`` takes ``https://…`` or ``cielo24:JOB_ID[@VERSION]`` and returns the
bytes and a display name (never containing a secret). :class:`FetchOptions` carries the
authentication and the policies; by default cielo24 credentials come from the environment
and the config file, and a URL is fetched without credentials: a token set for one service
is never sent to whatever host a URL names.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from .http import Session, display_url, fetch_url
    from .policy import DEFAULT_MAX_BYTES, Deadline, Retry, Timeout
    from .remote import FetchOptions, fetch_source
    from .specs import Cielo24Spec, check_job_id, is_remote, is_url

_HOMES = {  # each name and the module it lives in, imported when first asked for
    "Cielo24Client": ".cielo24",
    "ElementListVersion": ".cielo24",
    "get_elementlist": ".cielo24",
    "list_elementlists": ".cielo24",
    "BasicAuth": ".credentials",
    "BearerAuth": ".credentials",
    "Cielo24Credentials": ".credentials",
    "HeaderAuth": ".credentials",
    "HttpAuth": ".credentials",
    "read_secret": ".credentials",
    "resolve_cielo24": ".credentials",
    "Cielo24Error": ".errors",
    "CredentialsError": ".errors",
    "FetchConnectionError": ".errors",
    "FetchError": ".errors",
    "FetchTimeout": ".errors",
    "HTTPStatusError": ".errors",
    "ResponseTooLarge": ".errors",
    "DEFAULT_MAX_BYTES": ".policy",
    "Session": ".http",
    "display_url": ".http",
    "fetch_url": ".http",
    "Deadline": ".policy",
    "Retry": ".policy",
    "Timeout": ".policy",
    "FetchOptions": ".remote",
    "fetch_source": ".remote",
    "Cielo24Spec": ".specs",
    "check_job_id": ".specs",
    "is_remote": ".specs",
    "is_url": ".specs",
}


def __getattr__(name: str) -> Any:
    """The names above, each imported when first used: ``import elementlist`` (and every
    local route) then never loads the HTTP client, which costs about 10 MB of memory."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


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
