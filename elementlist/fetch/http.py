"""GET over http(s) with timeouts, bounded retries, a size limit and no leaked secrets.

:class:`Session` is the one place that talks to the network (through httpx); the URL fetcher
and the cielo24 client both use it. It follows redirects itself so that credentials are
dropped when a redirect leaves the origin, streams every body so that an oversized one is
refused early, and turns every httpx failure into a :mod:`.errors` exception whose message is
built here (never from a URL, which may carry a token).
"""

from __future__ import annotations

import logging
import random
import re
import ssl
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import httpx

from .._version import __version__
from .credentials import HttpAuth, mask, refuse_plain_http
from .errors import (
    FetchConnectionError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    ResponseTooLarge,
)
from .policy import DEFAULT_MAX_BYTES, Deadline, Retry, Timeout, parse_retry_after

ERROR_BODY_MAX = 64 * 1024  # enough for any error description; the rest is not read
MAX_REDIRECTS = 5
USER_AGENT = f"elementlist/{__version__}"

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


# httpx logs each request's URL at INFO; a cielo24 URL carries api_token in its query. Mask
# the values of credential-like query parameters in those records.
_SECRET_PARAM = re.compile(
    r"(?i)([?&](?:api_token|token|securekey|password|api_key|apikey|key|access_token)=)"
    r"[^&\s\"]*"
)


class _MaskQuerySecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(
                _SECRET_PARAM.sub(r"\1***", str(a)) if isinstance(a, httpx.URL) else a
                for a in record.args
            )
        return True


_log_filter = _MaskQuerySecrets()
logging.getLogger("httpx").addFilter(_log_filter)


def display_url(url: str) -> str:
    """``url`` as shown in messages: no user or password, and the query (which may carry a
    token) shortened to ``?...``."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    query = "..." if parts.query else ""
    text = urlunsplit((parts.scheme, netloc, parts.path, query, ""))
    return text


@dataclass(frozen=True)
class Reply:
    """A whole response: status, headers, body (as decoded from gzip/deflate), attempts made,
    and the server's Retry-After when it asked for longer than the policy waits."""

    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes
    attempts: int = 1
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status <= 299


@dataclass
class Session:
    """An httpx client with the policies every fetch obeys. Use as a context manager.

    ``sleep`` and ``rng`` are how waits happen and how jitter is drawn (tests record them).
    """

    timeout: Timeout = field(default_factory=Timeout)
    retry: Retry = field(default_factory=Retry)
    max_bytes: int = DEFAULT_MAX_BYTES
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random | None = None
    _client: httpx.Client | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections (a later request opens new ones)."""
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        """The httpx client, made on first use with this session's timeouts (it follows no
        redirect: the session does, checking each)."""
        if self._client is None:
            self._client = httpx.Client(
                timeout=httpx.Timeout(
                    connect=self.timeout.connect,
                    read=self.timeout.read,
                    write=self.timeout.read,
                    pool=self.timeout.connect,
                ),
                follow_redirects=False,
                verify=True,
                headers={"User-Agent": USER_AGENT},
            )
        return self._client

    def start_deadline(self, seconds: float | None = None) -> Deadline:
        """A deadline from now: ``seconds``, by default the policy's ``timeout.total``."""
        budget = self.timeout.total if seconds is None else seconds
        return Deadline.start(budget, time.monotonic())

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        source: str,
        secrets: Iterable[str] = (),
        retry: Retry | None = None,
        body_limit: int | None = None,
        deadline: Deadline | None = None,
    ) -> Reply:
        """GET ``url``, retrying by the policy, following redirects. Returns the last reply
        whatever its status; raises a :class:`FetchError` for everything else.

        Every attempt, redirect and wait between retries counts against one ``deadline``
        (by default ``timeout.total`` from now). Past it the fetch ends with a
        :class:`FetchTimeout`; when the wait before the next retry would end past it, there
        is no next retry and the last failure is what the caller gets.
        """
        secrets = tuple(secrets)
        policy = self.retry if retry is None else retry
        deadline = deadline or self.start_deadline()
        attempts = 0
        while True:
            attempts += 1
            try:
                reply = self._follow(url, params, headers, source, secrets, body_limit, deadline)
            except (FetchTimeout, FetchConnectionError) as exc:
                if not exc.retryable or policy.exhausted:
                    raise _with_attempts(exc, attempts) from None
                following = policy.increment()
                backoff = following.backoff(self.rng)
                if not deadline.allows(backoff, time.monotonic()):
                    raise _with_attempts(exc, attempts) from None
                policy = following
                self.sleep(backoff)
                continue
            if not Retry.retryable_status(reply.status) or policy.exhausted:
                return _replace_attempts(reply, attempts)
            after = parse_retry_after(reply.headers.get("retry-after"))
            following = policy.increment()
            wait = following.delay(after, self.rng)
            if wait is None:
                return _replace_attempts(reply, attempts, retry_after=after)
            if not deadline.allows(wait, time.monotonic()):
                return _replace_attempts(reply, attempts)
            policy = following
            self.sleep(wait)

    def _follow(
        self,
        url: str,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str] | None,
        source: str,
        secrets: tuple[str, ...],
        body_limit: int | None,
        deadline: Deadline,
    ) -> Reply:
        origin = _origin(url)
        for _ in range(MAX_REDIRECTS + 1):
            if deadline.expired(time.monotonic()):
                raise _deadline_error(deadline, source)
            sent_headers = dict(headers or {}) if _origin(url) == origin else {}
            reply, location = self._once(
                url, params, sent_headers, source, secrets, body_limit, deadline
            )
            if location is None:
                return reply
            url = str(httpx.URL(url).join(location))
            params = None
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchError("redirected to a URL that is not http(s)", source=source)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", source=source)

    def _once(
        self,
        url: str,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str],
        source: str,
        secrets: tuple[str, ...],
        body_limit: int | None,
        deadline: Deadline,
    ) -> tuple[Reply, str | None]:
        now = time.monotonic()
        connect = deadline.cap(self.timeout.connect, now)
        read = deadline.cap(self.timeout.read, now)
        timeout = httpx.Timeout(connect=connect, read=read, write=read, pool=connect)
        try:
            with self.client.stream(
                "GET", url, params=params, headers=headers, timeout=timeout
            ) as response:
                status = response.status_code
                location = response.headers.get("location")
                if status in _REDIRECTS and location:
                    return _reply(response, b""), location
                if Retry.retryable_status(status):
                    return _reply(response, b""), None  # the body does not matter
                if not 200 <= status <= 299:
                    limit = body_limit or ERROR_BODY_MAX
                    body = self._read(response, limit, source, deadline, truncate=True)
                else:
                    body = self._read(response, body_limit or self.max_bytes, source, deadline)
                return _reply(response, body), None
        except httpx.TimeoutException as exc:
            # a timeout cut short to fit the deadline fires at the deadline
            connecting = isinstance(exc, (httpx.ConnectTimeout, httpx.PoolTimeout))
            cut = connect < self.timeout.connect if connecting else read < self.timeout.read
            if cut or deadline.expired(time.monotonic()):
                raise _deadline_error(deadline, source) from None
            raise _timeout_error(exc, self.timeout, source) from None
        except httpx.TransportError as exc:
            raise _transport_error(exc, source, secrets) from None
        except httpx.HTTPError as exc:  # decoding errors, bad URLs: not worth retrying
            detail = mask(" ".join(str(exc).split()), secrets) or type(exc).__name__
            raise FetchError(f"HTTP failure: {detail}", source=source) from None

    def _read(
        self,
        response: httpx.Response,
        limit: int,
        source: str,
        deadline: Deadline,
        *,
        truncate: bool = False,
    ) -> bytes:
        declared = response.headers.get("content-length")
        if not truncate and declared and declared.isdigit() and int(declared) > limit:
            raise ResponseTooLarge(
                f"response of {int(declared)} bytes is larger than the limit of {limit} bytes",
                limit=limit,
                source=source,
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                if truncate:
                    chunks.append(chunk[: limit - (size - len(chunk))])
                    break
                raise ResponseTooLarge(
                    f"response is larger than the limit of {limit} bytes (stopped reading)",
                    limit=limit,
                    source=source,
                )
            chunks.append(chunk)
            if deadline.expired(time.monotonic()):
                raise _deadline_error(deadline, source)
        return b"".join(chunks)


def _origin(url: str) -> tuple[str, str, int | None]:
    u = httpx.URL(url)
    return (u.scheme, u.host, u.port)


def _reply(response: httpx.Response, body: bytes) -> Reply:
    return Reply(
        status=response.status_code,
        reason=response.reason_phrase,
        headers=dict(response.headers.items()),
        body=body,
    )


def _replace_attempts(reply: Reply, attempts: int, retry_after: float | None = None) -> Reply:
    return Reply(reply.status, reply.reason, reply.headers, reply.body, attempts, retry_after)


def _with_attempts(exc: FetchError, attempts: int) -> FetchError:
    if attempts <= 1:
        return exc
    text = exc.message
    if exc.source and text.startswith(f"{exc.source}: "):
        text = text[len(exc.source) + 2 :]
    return type(exc)(f"{text} ({attempts} attempts)", source=exc.source)


def _deadline_error(deadline: Deadline, source: str) -> FetchTimeout:
    seconds = f"{deadline.seconds:g} s" if deadline.seconds is not None else "the deadline"
    return FetchTimeout(
        f"no whole response within {seconds}, the time allowed for the whole fetch",
        source=source,
        retryable=False,
    )


def _timeout_error(exc: httpx.TimeoutException, timeout: Timeout, source: str) -> FetchTimeout:
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchTimeout(f"no connection within {timeout.connect:g} s", source=source)
    if isinstance(exc, httpx.ReadTimeout):
        return FetchTimeout(f"no data for {timeout.read:g} s (read timeout)", source=source)
    return FetchTimeout("timed out", source=source)


def _ssl_cause(exc: BaseException) -> ssl.SSLError | None:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _transport_error(exc: httpx.TransportError, source: str, secrets: Sequence[str]) -> FetchError:
    tls = _ssl_cause(exc)
    if tls is not None:
        reason = getattr(tls, "verify_message", None) or getattr(tls, "reason", None) or "failed"
        # a certificate does not fix itself: no retry
        return FetchConnectionError(
            f"TLS: {mask(str(reason), secrets)}", source=source, retryable=False
        )
    if isinstance(exc, httpx.RemoteProtocolError):
        return FetchConnectionError("connection closed before a whole response", source=source)
    if isinstance(exc, httpx.ConnectError):
        detail = mask(" ".join(str(exc).split()), secrets)
        return FetchConnectionError(f"could not connect ({detail})", source=source)
    if isinstance(exc, (httpx.NetworkError, httpx.ProxyError)):
        return FetchConnectionError("connection failed", source=source)
    # an unsupported protocol and such: no retry
    return FetchConnectionError(
        f"HTTP failure ({type(exc).__name__})", source=source, retryable=False
    )


def status_error(reply: Reply, source: str, *, had_auth: bool = False) -> HTTPStatusError:
    """The exception for a reply that is not a success."""
    text = f"HTTP {reply.status} {reply.reason}".rstrip()
    if reply.status in (401, 403):
        text += ": the server refused the credentials" if had_auth else ": credentials needed"
    if reply.attempts > 1:
        text += f" ({reply.attempts} attempts)"
    if reply.retry_after is not None:
        text += f"; the server asks to retry after {reply.retry_after:g} s"
    return HTTPStatusError(text, status=reply.status, source=source)


def auth_headers(
    auth: HttpAuth | Sequence[HttpAuth] | None,
) -> tuple[dict[str, str], tuple[str, ...]]:
    """The headers and the secrets of one or more authentication schemes."""
    if auth is None:
        return {}, ()
    schemes: Sequence[HttpAuth] = auth if isinstance(auth, Sequence) else (auth,)
    headers: dict[str, str] = {}
    secrets: list[str] = []
    for scheme in schemes:
        headers.update(scheme.headers())
        secrets.extend(scheme.secrets)
    return headers, tuple(secrets)


def fetch_url(
    url: str,
    *,
    auth: HttpAuth | Sequence[HttpAuth] | None = None,
    timeout: Timeout | None = None,
    retry: Retry | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    session: Session | None = None,
) -> bytes:
    """The body of an http(s) URL, as bytes (gzip undone).

    Raises :class:`FetchError` subclasses: :class:`HTTPStatusError` for a status that is not
    success, :class:`ResponseTooLarge`, :class:`FetchTimeout`, :class:`FetchConnectionError`,
    :class:`CredentialsError` for credentials that would go over plain http off this machine.
    """
    source = display_url(url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("not an http(s) URL", source=source)
    headers, secrets = auth_headers(auth)
    if parts.password:
        secrets += (parts.password,)
    if headers or parts.password:
        refuse_plain_http(url, "credentials")
    own = session is None
    active = session or Session(
        timeout=timeout or Timeout(), retry=retry or Retry(), max_bytes=max_bytes
    )
    try:
        reply = active.get(url, headers=headers, source=source, secrets=secrets)
    finally:
        if own:
            active.close()
    if not reply.ok:
        raise status_error(reply, source, had_auth=bool(headers or parts.password))
    return reply.body
