"""``--from NAME`` and ``--verbose``: what the input is, for every command that reads one.

``--from`` takes a name of :data:`elementlist.importers.FORMATS` or an alias (any case);
``auto`` (the default) recognises the input by its shape, an ElementList first. A name we
do not know is a usage error naming the closest one. ``--verbose`` says, in one line on
stderr, which format each input was read as.
"""

from __future__ import annotations

import argparse

from ..errors import OptionError
from ..importers import AUTO, FORMATS, resolve_source_format, source_format_names
from .messages import say

FROM_METAVAR = "NAME"


def _source_format(text: str) -> str:
    try:
        return resolve_source_format(text)
    except OptionError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_source_arguments(
    parser: argparse.ArgumentParser, *, many: bool = False, verbose: bool = True
) -> None:
    """``--from NAME`` and (``verbose``) ``--verbose``."""
    parser.add_argument(
        "--from",
        dest="input_format",
        metavar=FROM_METAVAR,
        type=_source_format,
        default=AUTO,
        help=f"what the input{'s are' if many else ' is'}: auto (default: an ElementList, else "
        "recognised by its shape) or one of " + ", ".join(source_format_names()[1:]),
    )
    if not verbose:
        return
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="say on stderr which format each input was read as",
    )


def format_line(args: argparse.Namespace, name: str, fmt: str) -> str:
    """``elementlist: INPUT: recognised as NAME (TITLE)`` (``read as`` under ``--from``)."""
    how = "recognised as" if args.input_format == AUTO else "read as"
    return f"elementlist: {name}: {how} {fmt} ({FORMATS[fmt].title})"


def report_format(args: argparse.Namespace, name: str, fmt: str) -> None:
    """With ``--verbose``: :func:`format_line` on stderr."""
    if getattr(args, "verbose", False):
        say(format_line(args, name, fmt))
