"""``elementlist import INPUT [--from NAME] [-o OUT.json]``: another source → ElementList JSON.

The input is read as ``--from`` says (``auto`` by default: recognised by its shape; see
docs/sources.md for every source and how its fields map) and written as the ElementList
version 3 it becomes, compact JSON and a newline, to ``-o`` whole or not at all
(:func:`~elementlist.atomic.write_atomic`), or to stdout (no ``-o``, or ``-o -``). An input
we cannot read writes nothing.
"""

from __future__ import annotations

import argparse

from ..document.decode import dumpb
from ..fetch.sources import load_source_reporting
from .common_arguments import add_source_output_arguments
from .exits import OK
from .fetch_flags import fetch_options
from .output import write_output
from .source_flags import add_source_arguments, report_format

SUMMARY = "turn another source (Whisper, Deepgram, AWS, SRT, SCC …) into ElementList JSON"
USAGE = "%(prog)s INPUT [--from NAME] [-o OUT.json] [--verbose]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_source_output_arguments(
        parser,
        source_metavar="INPUT",
        source_help="a speech-to-text output or caption file (or an ElementList): a path, - "
        "for stdin, an http(s) URL or cielo24:JOB_ID[@VERSION]",
        output_help="write the ElementList JSON here, whole or not at all (default, or -: stdout)",
        audio_description_flag=False,
    )
    add_source_arguments(parser)


def run(args: argparse.Namespace) -> int:
    doc, fmt = load_source_reporting(
        args.source, fetch=fetch_options(args), input_format=args.input_format
    )
    report_format(args, "<stdin>" if args.source == "-" else args.source, fmt)
    write_output(args.output, dumpb(doc) + b"\n")
    return OK
