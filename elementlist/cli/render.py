"""What the rendering subcommands (caption, transcript) share: the input argument, its
``--from`` and fetch flags, and the validation warning or ``--strict`` refusal. Writing the
output is :mod:`.output`'s."""

from __future__ import annotations

import argparse
import dataclasses

from ..document.model import ElementList
from ..document.validate import validate
from ..fetch.sources import load_source_reporting
from ..options.classes import CaptionOptions, TranscriptOptions
from .fetch_flags import add_fetch_arguments, fetch_options
from .messages import say
from .source_flags import add_source_arguments, report_format


def add_input_arguments(parser: argparse.ArgumentParser, call: str) -> None:
    parser.add_argument(
        "source",
        metavar="INPUT",
        help="the ElementList (or another source, see --from): a path, - for stdin, an "
        "http(s) URL or cielo24:JOB_ID[@VERSION]",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write here, whole or not at all (default: stdout); its extension gives the "
        "format when -f does not",
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
    add_fetch_arguments(parser, audio_description_flag=False)


def load_checked(
    args: argparse.Namespace, options: CaptionOptions | TranscriptOptions
) -> ElementList | None:
    """The input document; ``None`` (after printing why) when ``--strict`` refuses it.

    ``audio_description``, ``elementlist_version`` and ``iwp_name`` choose what a cielo24
    source fetches. Without ``--strict`` a document with violations renders, with one
    warning line on stderr.
    """
    fetch = dataclasses.replace(
        fetch_options(args),
        audio_description=options.audio_description,
        elementlist_version=options.elementlist_version or None,
        iwp_name=options.iwp_name or None,
    )
    doc, fmt = load_source_reporting(args.source, fetch=fetch, input_format=args.input_format)
    name = "<stdin>" if args.source == "-" else args.source
    report_format(args, name, fmt)
    report = validate(doc)
    if not report.violations:
        return doc
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
    return doc
