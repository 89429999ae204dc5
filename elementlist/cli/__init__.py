"""The ``elementlist`` command: a registry of subcommands, each a small module.

Each subcommand module defines ``SUMMARY`` (one line), ``USAGE`` (its usage line),
``add_arguments(parser)`` and ``run(args) -> int``. Known errors become a one-line message
and an exit status here, in one place; a traceback is printed only with
``ELEMENTLIST_DEBUG=1``. A usage error (an unknown or missing flag) is the subcommand's
usage line and one line naming it (:mod:`.parser`).

SIGTERM and SIGHUP stop a command as Ctrl-C does (the first raises
:class:`~elementlist.stop_signals.Stopped`, a KeyboardInterrupt, so every clean-up after
Ctrl-C runs for them too; later ones are only noted, see :mod:`elementlist.stop_signals`);
the exit status is 128 + the number of the first stop signal received (130, 143, 129).
Once the command has stopped and cleaned up, further stop signals are ignored while the
interpreter exits (never a death by signal, never a traceback from the interpreter's exit:
nothing is left to stop).
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
import os
import signal
import sys
from collections.abc import Sequence

from .. import stop_signals
from .._version import __version__
from ..errors import Error
from .exits import BAD_INPUT, FAILED, STOP_SIGNALS, exit_status
from .messages import one_line, say, warnings_as_lines
from .parser import CommandParser

# name → module (relative to this package); order is the order of --help
COMMANDS: dict[str, str] = {
    "caption": ".caption",
    "transcript": ".transcript",
    "validate": ".validate",
    "import": ".import_",
    "check": ".check",
    "fetch": ".fetch",
    "batch": ".batch",
    "formats": ".formats",
    "options": ".options",
    "completion": ".completion",
}


def _load(name: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(COMMANDS[name], __name__)


def build_parser() -> CommandParser:
    """The parser of the whole command; ``parser.commands`` holds each subcommand's."""
    parser = CommandParser(
        prog="elementlist",
        description="Turn cielo24 ElementLists into captions and transcripts, offline.",
    )
    parser.add_argument("--version", action="version", version=f"elementlist {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = _load(name)
        p = sub.add_parser(
            name, help=module.SUMMARY, description=module.SUMMARY, usage=module.USAGE
        )
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
        parser.commands[name] = p
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
    previous = stop_signals.take()
    try:
        return _main(argv)
    except KeyboardInterrupt as interrupt:
        if argv is None:  # the command itself, not a call from Python
            _ignore_stop_signals()
        first = stop_signals.received()
        signum = first[0] if first else getattr(interrupt, "signum", signal.SIGINT)
        word = "interrupted" if signum == signal.SIGINT else f"stopped by {_name(signum)}"
        with contextlib.suppress(OSError):  # a terminal that hung up
            say(f"elementlist: {word}")
        return exit_status(signum)
    finally:
        if argv is not None:  # called as a function: leave the caller's handlers as they were
            stop_signals.give_back(previous)


def _name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _ignore_stop_signals() -> None:
    """After the stop: the work is stopped and cleaned up, the interpreter only exits."""
    for signum in STOP_SIGNALS:
        try:
            signal.signal(signum, signal.SIG_IGN)
        except ValueError:
            break


def _quiet_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush at exit does not
    report the closed pipe once more."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    message = _suggest(args_list)
    if message:
        say(message)
        return BAD_INPUT
    parser = build_parser()
    args, extras = parser.parse_known_args(args_list)
    if extras:
        parser.commands.get(args.command, parser).unrecognized(extras)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return BAD_INPUT
    try:
        with warnings_as_lines():
            return int(args._run(args))
    except BrokenPipeError:  # the reader went away (`elementlist ... | head`): not an error
        _quiet_stdout()
        return exit_status(signal.SIGPIPE) if hasattr(signal, "SIGPIPE") else FAILED
    except (Error, OSError) as exc:
        if os.environ.get("ELEMENTLIST_DEBUG"):
            raise
        say(f"elementlist: error: {one_line(exc)}")
        return BAD_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
