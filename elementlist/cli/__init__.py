"""The ``elementlist`` command: a registry of subcommands, each a small module.

Each subcommand module defines ``SUMMARY`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``. Known errors become a one-line message and an exit status here, in one
place; a traceback is printed only with ``ELEMENTLIST_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import Error
from .exits import BAD_INPUT, INTERRUPTED

# name → module (relative to this package); order is the order of --help
COMMANDS: dict[str, str] = {
    "caption": ".caption",
    "validate": ".validate",
    "fetch": ".fetch",
    "transcript": ".transcript",
    "batch": ".batch",
}


def _load(name: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(COMMANDS[name], __name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="elementlist",
        description="Turn cielo24 ElementLists into captions and transcripts, offline.",
    )
    parser.add_argument("--version", action="version", version=f"elementlist {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = _load(name)
        p = sub.add_parser(name, help=module.SUMMARY, description=module.SUMMARY)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def _suggest(argv: Sequence[str]) -> str | None:
    """For an unknown subcommand, a one-line message with the closest known one."""
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is None or first in COMMANDS:
        return None
    close = difflib.get_close_matches(first, list(COMMANDS), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"elementlist: error: unknown command '{first}'{hint}; see 'elementlist --help'"


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    message = _suggest(args_list)
    if message:
        print(message, file=sys.stderr)
        return BAD_INPUT
    parser = build_parser()
    args = parser.parse_args(args_list)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return BAD_INPUT
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("elementlist: interrupted", file=sys.stderr)
        return INTERRUPTED
    except (Error, OSError) as exc:
        if os.environ.get("ELEMENTLIST_DEBUG"):
            raise
        print(f"elementlist: error: {one_line(exc)}", file=sys.stderr)
        return BAD_INPUT


def one_line(exc: BaseException) -> str:
    """The exception as one line (OSError without its errno noise)."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        text = f"{exc.strerror}{where}"
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
