"""What the rendering subcommands (caption, transcript) share: the input argument, its
``--from`` and fetch flags, and the validation warning or ``--strict`` refusal. Writing the
output is :mod:`.output`'s."""

from __future__ import annotations

import argparse
import dataclasses

from ..document.validate import validate
from ..fetch.sources import read_source
from ..importers import AUTO, ELEMENTLIST, resolve_source_format
from ..importers.route import load_reporting, looks_like_elementlist
from ..importers.source import PREFIX_BYTES
from ..options.classes import CaptionOptions, TranscriptOptions
from ..table.from_bytes import table_and_report
from ..table.from_model import build_token_table
from ..table.token_table import TokenTable
from .common_arguments import add_source_output_arguments
from .fetch_flags import fetch_options
from .messages import say
from .source_flags import add_source_arguments, report_format


def add_input_arguments(parser: argparse.ArgumentParser, call: str) -> None:
    add_source_output_arguments(
        parser,
        source_metavar="INPUT",
        source_help="the ElementList (or another source, see --from): a path, - for stdin, "
        "an http(s) URL or cielo24:JOB_ID[@VERSION]",
        output_help="write here, whole or not at all (default: stdout); its extension gives "
        "the format when -f does not",
        audio_description_flag=False,
    )
    parser.add_argument(
        "--query",
        metavar="QUERY",
        help=f"a pasted cielo24 {call} query string (or URL); flags given as well win",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse a document with any violation (errors or warnings) instead of rendering it",
    )
    add_source_arguments(parser)


def load_checked(
    args: argparse.Namespace, options: CaptionOptions | TranscriptOptions
) -> TokenTable | None:
    """The input's TokenTable; ``None`` (after printing why) when ``--strict`` refuses it.

    ``audio_description``, ``elementlist_version`` and ``iwp_name`` choose what a cielo24
    source fetches. Without ``--strict`` a document with violations renders, with one
    warning line on stderr. The table comes straight from the bytes, which are let go
    before rendering; the model is built only when the scanner's check finds something,
    to count the violations exactly (:func:`~elementlist.table.from_bytes.table_and_report`).
    """
    fetch = dataclasses.replace(
        fetch_options(args),
        audio_description=options.audio_description,
        elementlist_version=options.elementlist_version or None,
        iwp_name=options.iwp_name or None,
    )
    data, source_name = read_source(args.source, fetch=fetch)
    name = "<stdin>" if args.source == "-" else args.source
    fmt = resolve_source_format(args.input_format)
    if fmt == ELEMENTLIST or (
        fmt == AUTO and looks_like_elementlist(data[:PREFIX_BYTES]) is not False
    ):  # an ElementList: straight to the columns, the model only to count violations
        report_format(args, name, ELEMENTLIST)
        table, report = table_and_report(data, name=source_name)
        del data  # the input's bytes are not needed to render: let a large one go now
    else:
        doc, fmt = load_reporting(data, input_format=args.input_format, name=source_name)
        del data
        report_format(args, name, fmt)
        report = validate(doc)
        table = build_token_table(doc)
    if not report.violations:
        return table
    if args.strict:
        for violation in report.violations:
            say(f"{name}: {violation}")
        say(
            f"elementlist: error: {name}: {len(report.errors)} error(s), "
            f"{len(report.warnings)} warning(s); not rendered (--strict)"
        )
        return None
    say(
        f"elementlist: warning: {name}: {len(report.errors)} error(s), "
        f"{len(report.warnings)} warning(s) (see 'elementlist validate'); rendered anyway"
    )
    return table
