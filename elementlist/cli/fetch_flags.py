"""The flags of every command that reads sources: cielo24 and URL authentication, timeouts,
retries, the size limit; and the :class:`~elementlist.fetch.FetchOptions` they describe.

Secrets never have to be on the command line: each flag that takes one names where to find
it (``env:VAR``, ``file:PATH`` or ``stdin``; ``pass:VALUE`` for those who insist), and
``--header`` values may say ``${VAR}``. cielo24 credentials also come from ``CIELO24_*``
variables and the config file.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..errors import OptionError
from ..options import option_field, parse_option
from .option_flags import OPTION_DEST_PREFIX, add_option_flag

if TYPE_CHECKING:
    from ..fetch import FetchOptions, HttpAuth

_SECRET_HELP = "env:VAR, file:PATH or stdin"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.I)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def add_fetch_arguments(
    parser: argparse.ArgumentParser, *, audio_description_flag: bool = True
) -> None:
    """The flags for remote sources: cielo24 and URL authentication, timeouts, retries and the
    size limit. The commands with option flags pass ``audio_description_flag=False``: those
    carry ``--audio-description`` (and ``--elementlist-version``, ``--iwp-name``)."""
    c24 = parser.add_argument_group(
        "cielo24 sources",
        "Defaults: CIELO24_USERNAME, CIELO24_PASSWORD, CIELO24_API_KEY, CIELO24_API_TOKEN, "
        "CIELO24_BASE_URL, then the config file (~/.config/elementlist/cielo24.ini). "
        f"Secrets are given as {_SECRET_HELP}.",
    )
    c24.add_argument("--username", metavar="USER", help="cielo24 user name")
    c24.add_argument("--password", metavar="SECRET", help="cielo24 password")
    c24.add_argument("--api-key", metavar="SECRET", help="cielo24 API secure key")
    c24.add_argument("--api-token", metavar="SECRET", help="an existing cielo24 API token")
    c24.add_argument("--base-url", metavar="URL", help="production (default), sandbox, or a URL")
    c24.add_argument("--config", metavar="PATH", type=Path, help="cielo24 config file (INI)")
    c24.add_argument("--profile", metavar="NAME", help="config file section (default: default)")
    if audio_description_flag:
        add_option_flag(c24, option_field("audio_description"))
    url = parser.add_argument_group(
        "http(s) URL sources",
        f"Sent to every URL source, never to cielo24. Secrets are given as {_SECRET_HELP}.",
    )
    url.add_argument("--basic-user", metavar="USER", help="HTTP Basic auth user")
    url.add_argument("--basic-key", metavar="SECRET", help="HTTP Basic auth password or API key")
    url.add_argument("--bearer", metavar="SECRET", help="a Bearer token")
    url.add_argument(
        "--header",
        metavar="'NAME: VALUE'",
        action="append",
        default=[],
        help="an extra header; ${VAR} in VALUE is read from the environment "
        "(e.g. 'Authorization: APIKEY:ORG ${MY_KEY}' in single quotes)",
    )
    net = parser.add_argument_group("network")
    net.add_argument(
        "--connect-timeout",
        metavar="S",
        type=_seconds,
        default=10.0,
        help="seconds to connect (default 10)",
    )
    net.add_argument(
        "--read-timeout",
        metavar="S",
        type=_seconds,
        default=30.0,
        help="seconds to wait for data (default 30)",
    )
    net.add_argument(
        "--timeout",
        metavar="S",
        type=_seconds,
        default=300.0,
        help="seconds for the whole fetch of a source: every attempt, redirect and wait "
        "between retries together (default 300)",
    )
    net.add_argument(
        "--retries",
        metavar="N",
        type=_count,
        default=3,
        help="retries after connection errors, 429 and 5xx (default 3)",
    )
    net.add_argument(
        "--max-size",
        metavar="SIZE",
        type=parse_size,
        default="128M",
        help="largest response accepted, e.g. 500K, 64M (default 128M)",
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"seconds must be positive: {text!r}")
    return value


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a count: {text!r}")
    return int(text)


def parse_size(text: str) -> int:
    """Bytes from ``1048576``, ``500K``, ``64M``, ``1G`` (binary units)."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 500K, 64M)")
    unit = (match.group(2) or "").lower()[:1]
    value = int(float(match.group(1)) * _UNITS[unit])
    if value <= 0:
        raise argparse.ArgumentTypeError(f"size must be positive: {text!r}")
    return value


def fetch_options(args: argparse.Namespace, *, stdin: IO[str] | None = None) -> FetchOptions:
    """The :class:`~elementlist.fetch.FetchOptions` the flags describe."""
    from ..fetch import BasicAuth, BearerAuth, FetchOptions, HeaderAuth, read_secret
    from ..fetch.credentials import resolve_cielo24
    from ..fetch.policy import Retry, Timeout

    used_stdin: list[str] = []
    sources = [getattr(args, "source", None), *(getattr(args, "sources", None) or ())]

    def secret(flag: str) -> str | None:
        spec = getattr(args, flag.lstrip("-").replace("-", "_"))
        if spec is None:
            return None
        if spec == "stdin":
            if "-" in sources:
                raise OptionError(f"{flag}: stdin is already the input", option=flag)
            if used_stdin:
                raise OptionError(f"{flag}: stdin already gives {used_stdin[0]}", option=flag)
            used_stdin.append(flag)
        return read_secret(spec, what=flag, stdin=stdin)

    auth: list[HttpAuth] = []
    basic_key = secret("--basic-key")
    if args.basic_user or basic_key:
        if not (args.basic_user and basic_key):
            raise OptionError("--basic-user and --basic-key go together", option="--basic-user")
        auth.append(BasicAuth(args.basic_user, basic_key))
    bearer = secret("--bearer")
    if bearer:
        auth.append(BearerAuth(bearer))
    auth.extend(HeaderAuth.parse(line) for line in args.header)

    password, api_key, api_token = (
        secret("--password"),
        secret("--api-key"),
        secret("--api-token"),
    )
    cielo24 = None
    if any((args.username, password, api_key, api_token, args.base_url)):
        cielo24 = resolve_cielo24(
            username=args.username,
            password=password,
            api_key=api_key,
            api_token=api_token,
            base_url=args.base_url,
            config=args.config,
            profile=args.profile,
        )
    return FetchOptions(
        http_auth=tuple(auth),
        cielo24=cielo24,
        config=args.config,
        profile=args.profile,
        timeout=Timeout(connect=args.connect_timeout, read=args.read_timeout, total=args.timeout),
        retry=Retry(total=args.retries),
        max_bytes=args.max_size,
        audio_description=_audio_description(args),
    )


def _audio_description(args: argparse.Namespace) -> bool:
    """The ``--audio-description`` flag's value (its option's parser reads it)."""
    value = getattr(args, OPTION_DEST_PREFIX + "audio_description", None)
    return False if value is None else bool(parse_option("audio_description", value))
