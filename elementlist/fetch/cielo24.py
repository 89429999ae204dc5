"""The cielo24 API client for ElementLists: login, get_elementlist, list_elementlists, logout.

Paths and parameters are those of the API document (v1.4.10, sections 3.1, 3.2, 4.18,
4.19): ``GET /api/account/login?v=1`` and so on. The login credentials travel in headers
(``x-auth-user`` with ``x-auth-password`` or ``x-auth-securekey``), never in the query string,
which servers and proxies log. The document's table names ``x-auth-password`` while one of its
examples and every 2015 client send ``x-auth-key``; a password is sent under both names so
either kind of server reads it. ``api_token`` must go in the query (the API takes it nowhere
else); it is masked in httpx's log records and never appears in a message.

A token made by :meth:`Cielo24Client.login` is given back by :meth:`Cielo24Client.close`
(logout); a token the caller supplied is left alone.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from typing import Any

from .credentials import Cielo24Credentials, mask, refuse_plain_http, resolve_cielo24
from .errors import CredentialsError, FetchError, cielo24_error
from .http import Reply, Session, status_error
from .policy import DEFAULT_MAX_BYTES, Deadline, Retry, Timeout
from .specs import Cielo24Spec, check_job_id

API_VERSION = "1"
LOGIN_PATH = "/api/account/login"
LOGOUT_PATH = "/api/account/logout"
GET_ELEMENTLIST_PATH = "/api/job/get_elementlist"
LIST_ELEMENTLISTS_PATH = "/api/job/list_elementlists"


@dataclass(frozen=True)
class ElementListVersion:
    """One entry of ``list_elementlists``: the IWP name and the ISO 8601 version date, the
    values ``iwp_name`` and ``elementlist_version`` select."""

    iwp_name: str
    version: str


class Cielo24Client:
    """A session with the cielo24 API. Use as a context manager::

        with Cielo24Client(resolve_cielo24()) as api:
            data = api.get_elementlist("64bea283eff6475ea6596027a6ba0929")

    Logs in on first need (unless the credentials carry an ``api_token``) and logs out on
    close when it logged in.
    """

    def __init__(
        self,
        credentials: Cielo24Credentials | None = None,
        *,
        timeout: Timeout | None = None,
        retry: Retry | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        session: Session | None = None,
    ) -> None:
        self.credentials = credentials if credentials is not None else resolve_cielo24()
        self.credentials.check()
        refuse_plain_http(self.credentials.base_url, "cielo24 credentials")
        self._own_session = session is None
        self._session = session or Session(
            timeout=timeout or Timeout(), retry=retry or Retry(), max_bytes=max_bytes
        )
        self._token: str | None = self.credentials.api_token
        self._made_token = False

    def __repr__(self) -> str:
        return f"Cielo24Client(base_url={self.credentials.base_url!r})"

    def __enter__(self) -> Cielo24Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _secrets(self) -> tuple[str, ...]:
        made = (self._token,) if self._token else ()
        return (*self.credentials.secrets, *made)

    def _url(self, path: str) -> str:
        return self.credentials.base_url + path

    # --- session ---------------------------------------------------------------------------

    def login(self, deadline: Deadline | None = None) -> None:
        """Get an API token for this session (kept private; see :meth:`close`)."""
        creds = self.credentials
        if not creds.can_log_in or creds.username is None:
            raise CredentialsError("cielo24 login needs a username with a password or API key")
        headers = {"x-auth-user": creds.username}
        if creds.api_key:
            headers["x-auth-securekey"] = creds.api_key
        elif creds.password:
            headers["x-auth-password"] = creds.password
            headers["x-auth-key"] = creds.password
        source = "cielo24 login"
        reply = self._session.get(
            self._url(LOGIN_PATH),
            params={"v": API_VERSION},
            headers=headers,
            source=source,
            secrets=creds.secrets,
            deadline=deadline,
        )
        body = self._json(reply, source)
        token = body.get("ApiToken") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise FetchError("login answer has no ApiToken", source=source)
        self._token = token
        self._made_token = True

    def logout(self) -> None:
        """Give back a token this client made; a failure here is ignored (the token expires
        after an hour of disuse anyway), and it gets no longer than the connect timeout."""
        if not (self._made_token and self._token):
            return
        token, self._token, self._made_token = self._token, None, False
        with contextlib.suppress(FetchError):
            self._session.get(
                self._url(LOGOUT_PATH),
                params={"v": API_VERSION, "api_token": token},
                source="cielo24 logout",
                secrets=(*self.credentials.secrets, token),
                retry=Retry(total=0),
                deadline=self._session.start_deadline(self._session.timeout.connect),
            )

    def close(self) -> None:
        """Log out a token this client made, and close a session it opened."""
        try:
            self.logout()
        finally:
            if self._own_session:
                self._session.close()

    def _api_token(self, deadline: Deadline | None = None) -> str:
        if self._token is None:
            self.login(deadline)
        assert self._token is not None
        return self._token

    # --- calls -----------------------------------------------------------------------------

    def get_elementlist(
        self,
        job_id: str,
        *,
        elementlist_version: str | None = None,
        iwp_name: str | None = None,
        audio_description: bool = False,
    ) -> bytes:
        """The ElementList of a job as the bytes the server sent (decode with
        :func:`elementlist.loads`). Without a version or IWP name, the latest.

        The session's ``timeout.total`` covers the call whole: the login when one is needed
        and the request, with their retries."""
        deadline = self._session.start_deadline()
        params = self._job_params(job_id, deadline)
        if elementlist_version:
            params["elementlist_version"] = elementlist_version
        if iwp_name:
            params["iwp_name"] = iwp_name
        if audio_description:
            params["audio_description"] = "true"
        source = _job_source(job_id, elementlist_version or iwp_name)
        reply = self._call(GET_ELEMENTLIST_PATH, params, source, deadline)
        return reply.body

    def list_elementlists(self, job_id: str) -> list[ElementListVersion]:
        """The ElementList versions of a job, as the server lists them (one deadline for the
        login and the request, as :meth:`get_elementlist`)."""
        source = _job_source(job_id, None)
        deadline = self._session.start_deadline()
        params = self._job_params(job_id, deadline)
        reply = self._call(LIST_ELEMENTLISTS_PATH, params, source, deadline)
        body = self._json(reply, source)
        if not isinstance(body, list):
            raise FetchError("list_elementlists answer is not a JSON list", source=source)
        versions = []
        for index, item in enumerate(body):
            if not isinstance(item, dict) or not all(
                isinstance(item.get(k), str) for k in ("iwp_name", "version")
            ):
                raise FetchError(
                    f"list_elementlists entry {index} lacks iwp_name and version strings",
                    source=source,
                )
            versions.append(ElementListVersion(item["iwp_name"], item["version"]))
        return versions

    def _job_params(self, job_id: str, deadline: Deadline) -> dict[str, str]:
        check_job_id(job_id)
        return {"v": API_VERSION, "api_token": self._api_token(deadline), "job_id": job_id}

    def _call(self, path: str, params: dict[str, str], source: str, deadline: Deadline) -> Reply:
        reply = self._session.get(
            self._url(path), params=params, source=source, secrets=self._secrets, deadline=deadline
        )
        if not reply.ok:
            raise self._error(reply, source)
        return reply

    def _json(self, reply: Reply, source: str) -> Any:
        if not reply.ok:
            raise self._error(reply, source)
        try:
            return json.loads(reply.body)
        except (ValueError, UnicodeDecodeError):
            raise FetchError("the server's answer is not JSON", source=source) from None

    def _error(self, reply: Reply, source: str) -> FetchError:
        """A cielo24 error body becomes its typed exception; anything else an HTTP error."""
        try:
            body = json.loads(reply.body)
        except (ValueError, UnicodeDecodeError):
            body = None
        if isinstance(body, dict) and isinstance(body.get("ErrorType"), str):
            comment = body.get("ErrorComment")
            text = mask(str(comment), self._secrets) if comment is not None else ""
            return cielo24_error(body["ErrorType"], text, status=reply.status, source=source)
        return status_error(reply, source, had_auth=True)


def _job_source(job_id: str, version: str | None) -> str:
    return str(Cielo24Spec(job_id, iwp_name=version))


def get_elementlist(
    job_id: str,
    *,
    credentials: Cielo24Credentials | None = None,
    elementlist_version: str | None = None,
    iwp_name: str | None = None,
    audio_description: bool = False,
    timeout: Timeout | None = None,
    retry: Retry | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> bytes:
    """One ElementList in one session (log in if needed, fetch, log out)."""
    with Cielo24Client(credentials, timeout=timeout, retry=retry, max_bytes=max_bytes) as api:
        return api.get_elementlist(
            job_id,
            elementlist_version=elementlist_version,
            iwp_name=iwp_name,
            audio_description=audio_description,
        )


def list_elementlists(
    job_id: str,
    *,
    credentials: Cielo24Credentials | None = None,
    timeout: Timeout | None = None,
    retry: Retry | None = None,
) -> list[ElementListVersion]:
    """The ElementList versions of a job in one session."""
    with Cielo24Client(credentials, timeout=timeout, retry=retry) as api:
        return api.list_elementlists(job_id)
