"""``elementlist options [--query QUERY] [-f FORMAT] [--OPTION VALUE ...] [--transcript]``:
what a pasted query and flags resolve to, as a cielo24 query string and as JSON.

The same reading as ``elementlist caption`` (``--transcript``: ``elementlist transcript``):
defaults, then the query, then the flags. The query string holds the values that differ from
the defaults (``--all``: every value; under a ``caption_profile``, an option given at its
default too) and reads back to the same options.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..options import CaptionOptions, TranscriptOptions, parse_query, pop_caption_format
from ..writers import resolve_format
from .exits import OK
from .option_flags import add_option_flags, options_from_cli

SUMMARY = "show the options a query and flags resolve to (query string and JSON)"
USAGE = "%(prog)s [--query QUERY] [-f FORMAT] [--transcript] [--all] [--json] [--OPTION VALUE ...]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--query", metavar="QUERY", help="a pasted cielo24 query string (or URL); flags win"
    )
    parser.add_argument(
        "-f",
        "--format",
        dest="format",
        metavar="FORMAT",
        help="caption_format (with --transcript: file_format), shown with the options",
    )
    parser.add_argument(
        "--transcript",
        action="store_true",
        help="get_transcript's options (default: get_caption's)",
    )
    parser.add_argument(
        "--all", action="store_true", help="every option in the query string, defaults too"
    )
    parser.add_argument("--json", action="store_true", help="print only the JSON")
    add_option_flags(parser, CaptionOptions, TranscriptOptions)


def run(args: argparse.Namespace) -> int:
    resolved: dict[str, Any]
    if args.transcript:
        options: CaptionOptions | TranscriptOptions = options_from_cli(
            args, TranscriptOptions, args.query
        )
        if args.format:
            options = options.with_values(file_format=args.format)
        prefix = ""
        resolved = {}
    else:
        options = options_from_cli(args, CaptionOptions, args.query)
        query_format = pop_caption_format(parse_query(args.query)) if args.query else None
        name = args.format or query_format
        caption_format = resolve_format(name) if name else None
        prefix = f"caption_format={caption_format}" if caption_format else ""
        resolved = {"caption_format": caption_format} if caption_format else {}
    query = "&".join(filter(None, [prefix, options.to_query(include_defaults=args.all)]))
    for name, value in options.as_dict().items():
        resolved[name] = list(value) if isinstance(value, tuple) else value
    if not args.json:
        print(query)
    json.dump(resolved, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return OK
