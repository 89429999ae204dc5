"""Credentials: where they come from, and keeping them out of sight.

cielo24 credentials are merged from, highest first: arguments, the environment
(``CIELO24_USERNAME``, ``CIELO24_PASSWORD``, ``CIELO24_API_KEY``, ``CIELO24_API_TOKEN``,
``CIELO24_BASE_URL``) and an INI config file (``$XDG_CONFIG_HOME/elementlist/cielo24.ini``,
by default ``~/.config/elementlist/cielo24.ini``; one section per profile, ``[default]``
unless told). INI rather than TOML because ``configparser`` exists on every Python we
support (``tomllib`` only from 3.11).

A secret given on a command line is named by where to find it (:func:`read_secret`:
``env:VAR``, ``file:PATH``, ``stdin``), so ``ps`` never shows it; ``pass:VALUE`` exists for
those who insist. Every object holding a secret has a repr that says only whether it is set,
and :func:`mask` removes secrets from any text before it is shown.
"""

from __future__ import annotations

import base64
import configparser
import ipaddress
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Protocol
from urllib.parse import urlsplit

from .errors import CredentialsError

PRODUCTION_URL = "https://api.cielo24.com"
SANDBOX_URL = "https://sandbox.cielo24.com"
_NAMED_URLS = {"production": PRODUCTION_URL, "prod": PRODUCTION_URL, "sandbox": SANDBOX_URL}

ENV_USERNAME = "CIELO24_USERNAME"
ENV_PASSWORD = "CIELO24_PASSWORD"
ENV_API_KEY = "CIELO24_API_KEY"
ENV_API_TOKEN = "CIELO24_API_TOKEN"
ENV_BASE_URL = "CIELO24_BASE_URL"

_CONFIG_KEYS = {
    "username": "username",
    "password": "password",
    "api_key": "api_key",
    "securekey": "api_key",
    "api_token": "api_token",
    "base_url": "base_url",
}
_MIN_MASKED = 4  # shorter "secrets" would mask ordinary text; they protect nothing anyway


def _state(value: str | None) -> str:
    return "<set>" if value else "<unset>"


def mask(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret (of 4 characters or more) replaced by ``***``."""
    for secret in sorted(
        {s for s in secrets if s and len(s) >= _MIN_MASKED}, key=len, reverse=True
    ):
        text = text.replace(secret, "***")
    return text


# --- cielo24 -------------------------------------------------------------------------------


def resolve_base_url(value: str | None) -> str:
    """``production`` (the default), ``sandbox``, or an http(s) URL, as a URL without a
    trailing slash."""
    if value is None or not value.strip():
        return PRODUCTION_URL
    text = value.strip()
    named = _NAMED_URLS.get(text.lower())
    if named:
        return named
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CredentialsError(
            f"cielo24 base URL must be 'production', 'sandbox' or an http(s) URL, "
            f"not {_display_base(text)!r}"
        )
    if parts.username or parts.password or parts.query:
        raise CredentialsError("cielo24 base URL must not carry a user, password or query")
    return text.rstrip("/")


def _display_base(text: str) -> str:
    parts = urlsplit(text)
    if parts.password or parts.username:
        return text.replace(parts.netloc, parts.hostname or "", 1)
    return text


def is_loopback(host: str | None) -> bool:
    """The host is this machine (plain http to it exposes nothing on a network)."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def refuse_plain_http(url: str, what: str) -> None:
    """Raise unless ``url`` is https or goes to this machine: credentials never cross a
    network in clear text."""
    parts = urlsplit(url)
    if parts.scheme != "https" and not is_loopback(parts.hostname):
        raise CredentialsError(
            f"refusing to send {what} over plain {parts.scheme or 'http'} to "
            f"{parts.hostname}; use https"
        )


@dataclass(frozen=True, repr=False)
class Cielo24Credentials:
    """What the cielo24 client logs in with: an ``api_token``, or ``username`` with a
    ``password`` or an ``api_key`` (the long-term secure key). With both a password and a key
    the key is used."""

    username: str | None = None
    password: str | None = None
    api_key: str | None = None
    api_token: str | None = None
    base_url: str = PRODUCTION_URL

    def __repr__(self) -> str:
        return (
            f"Cielo24Credentials(username={self.username!r}, password={_state(self.password)},"
            f" api_key={_state(self.api_key)}, api_token={_state(self.api_token)},"
            f" base_url={self.base_url!r})"
        )

    __str__ = __repr__

    @property
    def secrets(self) -> tuple[str, ...]:
        """The password, key and token given (masked in every message)."""
        return tuple(s for s in (self.password, self.api_key, self.api_token) if s)

    @property
    def can_log_in(self) -> bool:
        """Whether a user name with a password or an API key is there to log in with."""
        return bool(self.username and (self.password or self.api_key))

    def check(self) -> None:
        """Raise :class:`CredentialsError` if these cannot authenticate at all."""
        if not self.api_token and not self.can_log_in:
            raise CredentialsError(
                f"no cielo24 credentials: set {ENV_API_TOKEN}, or {ENV_USERNAME} with "
                f"{ENV_PASSWORD} or {ENV_API_KEY} (or a config file)"
            )


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "elementlist" / "cielo24.ini"


def read_config(path: Path, profile: str = "default") -> dict[str, str]:
    """The settings of one profile (INI section) of a config file, by canonical key."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except configparser.Error as exc:
        line = getattr(exc, "lineno", None)
        where = f" line {line}" if line else ""
        raise CredentialsError(f"{path}:{where} not a valid INI config file") from None
    if not parser.has_section(profile):
        if profile == "default":
            return {}
        raise CredentialsError(f"{path}: no profile [{profile}]")
    settings: dict[str, str] = {}
    for key, value in parser.items(profile):
        canonical = _CONFIG_KEYS.get(key)
        if canonical is None:
            known = ", ".join(sorted(_CONFIG_KEYS))
            raise CredentialsError(f"{path}: unknown key {key!r} in [{profile}] (known: {known})")
        if value.strip():
            settings[canonical] = value.strip()
    return settings


def resolve_cielo24(
    *,
    username: str | None = None,
    password: str | None = None,
    api_key: str | None = None,
    api_token: str | None = None,
    base_url: str | None = None,
    config: str | os.PathLike[str] | None = None,
    profile: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Cielo24Credentials:
    """Credentials from arguments, then the environment, then the config file, field by
    field. A login given in the arguments wins over a token found elsewhere: the caller asked
    for that login. ``config`` must exist when given; the default file is read if present."""
    env = os.environ if env is None else env
    path = Path(config) if config is not None else default_config_path(env)
    if config is not None and not path.is_file():
        raise CredentialsError(f"config file not found: {path}")
    merged: dict[str, str] = read_config(path, profile or "default") if path.is_file() else {}
    if profile and profile != "default" and not path.is_file():
        raise CredentialsError(f"profile [{profile}] asked for, but no config file: {path}")
    from_env = {
        "username": env.get(ENV_USERNAME),
        "password": env.get(ENV_PASSWORD),
        "api_key": env.get(ENV_API_KEY),
        "api_token": env.get(ENV_API_TOKEN),
        "base_url": env.get(ENV_BASE_URL),
    }
    merged.update({k: v for k, v in from_env.items() if v})
    from_args = {
        "username": username,
        "password": password,
        "api_key": api_key,
        "api_token": api_token,
        "base_url": base_url,
    }
    merged.update({k: v for k, v in from_args.items() if v})
    if (username or password or api_key) and not api_token:
        merged.pop("api_token", None)
    creds = Cielo24Credentials(
        username=merged.get("username"),
        password=merged.get("password"),
        api_key=merged.get("api_key"),
        api_token=merged.get("api_token"),
        base_url=resolve_base_url(merged.get("base_url")),
    )
    if creds.api_key and creds.password:
        creds = replace(creds, password=None)
    return creds


# --- secrets named on a command line ----------------------------------------------------------


def read_secret(
    spec: str,
    *,
    what: str = "secret",
    env: Mapping[str, str] | None = None,
    stdin: IO[str] | None = None,
) -> str:
    """The secret named by ``spec``: ``env:VAR``, ``file:PATH`` (first line), ``stdin`` (one
    line) or ``pass:VALUE``. Anything else is refused without repeating it."""
    env = os.environ if env is None else env
    kind, _, rest = spec.partition(":")
    if kind == "env" and rest:
        value = env.get(rest)
        if not value:
            raise CredentialsError(f"{what}: environment variable {rest} is not set")
        return value
    if kind == "file" and rest:
        try:
            text = Path(rest).read_text(encoding="utf-8")
        except OSError as exc:
            raise CredentialsError(f"{what}: cannot read {rest} ({exc.strerror})") from None
        value = text.splitlines()[0] if text else ""
        if not value:
            raise CredentialsError(f"{what}: {rest} is empty")
        return value
    if spec == "stdin":
        line = (stdin or sys.stdin).readline().rstrip("\r\n")
        if not line:
            raise CredentialsError(f"{what}: nothing on standard input")
        return line
    if kind == "pass" and rest:
        return rest
    raise CredentialsError(
        f"{what}: give it as env:VAR, file:PATH or stdin (pass:VALUE also works, but any "
        f"user can see it with ps)"
    )


_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def expand_env(value: str, *, what: str, env: Mapping[str, str] | None = None) -> str:
    """``value`` with each ``${VAR}`` replaced by that environment variable (which must be
    set): a header can be written in single quotes with its secret left in the environment."""
    env = os.environ if env is None else env

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        found = env.get(name)
        if found is None:
            raise CredentialsError(f"{what}: environment variable {name} is not set")
        return found

    return _ENV_REF.sub(one, value)


# --- HTTP authentication ----------------------------------------------------------------------


class HttpAuth(Protocol):
    """Something that adds authentication headers to a request."""

    def headers(self) -> dict[str, str]:
        """The headers to add to each request."""
        ...

    @property
    def secrets(self) -> tuple[str, ...]:
        """The values no message may show (masked wherever they would appear)."""
        ...


@dataclass(frozen=True, repr=False)
class BasicAuth:
    """HTTP Basic: a user name and a password or API key."""

    user: str
    key: str

    def headers(self) -> dict[str, str]:
        """``Authorization: Basic`` with the user and key encoded."""
        return {"Authorization": f"Basic {self._encoded()}"}

    def _encoded(self) -> str:
        return base64.b64encode(f"{self.user}:{self.key}".encode()).decode("ascii")

    @property
    def secrets(self) -> tuple[str, ...]:
        """The key, and the encoded pair (either may be echoed back)."""
        return (self.key, self._encoded())

    def __repr__(self) -> str:
        return f"BasicAuth(user={self.user!r}, key={_state(self.key)})"

    __str__ = __repr__


@dataclass(frozen=True, repr=False)
class BearerAuth:
    """``Authorization: Bearer <token>``."""

    token: str

    def headers(self) -> dict[str, str]:
        """``Authorization: Bearer`` with the token."""
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def secrets(self) -> tuple[str, ...]:
        """The token."""
        return (self.token,)

    def __repr__(self) -> str:
        return f"BearerAuth(token={_state(self.token)})"

    __str__ = __repr__


@dataclass(frozen=True, repr=False)
class HeaderAuth:
    """Any header, such as ``Authorization: APIKEY:ORGANIZATION <key>``. The whole value is
    treated as secret, and so is each longer word in it."""

    name: str
    value: str

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", self.name):
            raise CredentialsError(f"not a valid HTTP header name: {self.name!r}")
        if any(c in self.value for c in "\r\n\0"):
            raise CredentialsError(f"header {self.name}: value contains a line break")

    @classmethod
    def parse(cls, line: str, *, env: Mapping[str, str] | None = None) -> HeaderAuth:
        """From ``"Name: value"``, with ``${VAR}`` in the value taken from the environment."""
        name, sep, value = line.partition(":")
        if not sep or not name.strip():
            raise CredentialsError("header: give it as 'Name: value'")
        name = name.strip()
        return cls(name, expand_env(value.strip(), what=f"header {name}", env=env))

    def headers(self) -> dict[str, str]:
        """The one header, as given."""
        return {self.name: self.value}

    @property
    def secrets(self) -> tuple[str, ...]:
        """The whole value, and each word of six characters or more in it."""
        words = tuple(w for w in re.split(r"[\s:=,]+", self.value) if len(w) >= 6)
        return (self.value, *words)

    def __repr__(self) -> str:
        return f"HeaderAuth(name={self.name!r}, value={_state(self.value)})"

    __str__ = __repr__
