"""Errors of the fetchers: one line each, never carrying a password, key or token.

Every class keeps what it was given as attributes and pickles with them (the base
:class:`elementlist.errors.Error` sees to that). Messages are built here from fixed templates
and the caller's display name of the source, which never includes credentials; a server's
``ErrorComment`` is shown, with any secret the server echoed back masked by the caller.
"""

from __future__ import annotations

from ..errors import Error


class FetchError(Error):
    """A remote source could not be fetched. ``source`` is its display name."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class FetchTimeout(FetchError):
    """The server did not connect or send data within the timeout, or the whole fetch did
    not finish within its deadline (``retryable`` False: no time is left to try again)."""

    def __init__(self, message: str, *, source: str | None = None, retryable: bool = True) -> None:
        self.retryable = retryable
        super().__init__(message, source=source)


class FetchConnectionError(FetchError):
    """No connection, or the connection dropped before a whole response arrived.

    ``retryable`` is False for failures that asking again cannot fix (a TLS certificate
    that does not verify)."""

    def __init__(self, message: str, *, source: str | None = None, retryable: bool = True) -> None:
        self.retryable = retryable
        super().__init__(message, source=source)


class CredentialsError(FetchError):
    """Credentials are missing, malformed, or would be sent where they must not go."""


class HTTPStatusError(FetchError):
    """The server answered with a status that is not success (after any retries)."""

    def __init__(self, message: str, *, status: int, source: str | None = None) -> None:
        self.status = status
        super().__init__(message, source=source)


class ResponseTooLarge(FetchError):
    """The response is larger than the limit; it was refused without reading it all."""

    def __init__(self, message: str, *, limit: int, source: str | None = None) -> None:
        self.limit = limit
        super().__init__(message, source=source)


class Cielo24Error(HTTPStatusError):
    """The cielo24 API answered with an error body ``{"ErrorType": ..., "ErrorComment": ...}``.

    ``error_type`` is the ErrorType value (``ITEM_NOT_FOUND``), ``comment`` the server's
    ErrorComment (secrets masked). Each documented ErrorType has its own subclass.
    """

    def __init__(
        self,
        error_type: str,
        comment: str,
        *,
        status: int = 400,
        source: str | None = None,
    ) -> None:
        self.error_type = error_type
        self.comment = comment
        text = (
            " ".join(f"cielo24 {error_type}: {comment}".split())
            if comment
            else (f"cielo24 {error_type}")
        )
        super().__init__(text, status=status, source=source)


class LoginInvalid(Cielo24Error):
    """LOGIN_INVALID: wrong username, password or secure key."""


class AccountExists(Cielo24Error):
    """ACCOUNT_EXISTS."""


class AccountUnprivileged(Cielo24Error):
    """ACCOUNT_UNPRIVILEGED: no rights over the account or job."""


class BadApiToken(Cielo24Error):
    """BAD_API_TOKEN: the token is wrong or its session has expired; log in again."""


class InvalidQuery(Cielo24Error):
    """INVALID_QUERY: a parameter or value cannot be used for this call."""


class InvalidOption(Cielo24Error):
    """INVALID_OPTION: a value is not among the parameter's permitted values."""


class MissingParameter(Cielo24Error):
    """MISSING_PARAMETER: a required parameter was not supplied."""


class InvalidUrl(Cielo24Error):
    """INVALID_URL: a URL given to cielo24 could not be reached."""


class ItemNotFound(Cielo24Error):
    """ITEM_NOT_FOUND: no such job, task or version."""


class AccountDoesNotExist(Cielo24Error):
    """ACCOUNT_DOES_NOT_EXIST (in the 2015 clients, not the Docs)."""


class NotImplementedOnServer(Cielo24Error):
    """NOT_IMPLEMENTED (in the 2015 clients, not the Docs)."""


class InvalidReturnHandlers(Cielo24Error):
    """INVALID_RETURN_HANDLERS (in the 2015 clients, not the Docs)."""


class NotParentAccount(Cielo24Error):
    """NOT_PARENT_ACCOUNT (in the 2015 clients, not the Docs)."""


class NoChildrenFound(Cielo24Error):
    """NO_CHILDREN_FOUND (in the 2015 clients, not the Docs)."""


class UnhandledError(Cielo24Error):
    """UNHANDLED_ERROR: the server failed (in the 2015 clients, not the Docs)."""


# ErrorType value → exception class; an unknown value becomes a plain Cielo24Error
ERROR_TYPES: dict[str, type[Cielo24Error]] = {
    "LOGIN_INVALID": LoginInvalid,
    "ACCOUNT_EXISTS": AccountExists,
    "ACCOUNT_UNPRIVILEGED": AccountUnprivileged,
    "BAD_API_TOKEN": BadApiToken,
    "INVALID_QUERY": InvalidQuery,
    "INVALID_OPTION": InvalidOption,
    "MISSING_PARAMETER": MissingParameter,
    "INVALID_URL": InvalidUrl,
    "ITEM_NOT_FOUND": ItemNotFound,
    "ACCOUNT_DOES_NOT_EXIST": AccountDoesNotExist,
    "NOT_IMPLEMENTED": NotImplementedOnServer,
    "INVALID_RETURN_HANDLERS": InvalidReturnHandlers,
    "NOT_PARENT_ACCOUNT": NotParentAccount,
    "NO_CHILDREN_FOUND": NoChildrenFound,
    "UNHANDLED_ERROR": UnhandledError,
}


def cielo24_error(
    error_type: str, comment: str, *, status: int = 400, source: str | None = None
) -> Cielo24Error:
    """The exception for an ErrorType value (its subclass when the value is known)."""
    cls = ERROR_TYPES.get(error_type, Cielo24Error)
    return cls(error_type, comment, status=status, source=source)
