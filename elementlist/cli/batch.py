"""``elementlist batch INPUT... -o OUTDIR [-f FORMAT]...``: convert many ElementLists at once.

Inputs are files, directories (every ``*.json`` below), lists of sources (``@FILE`` or a
``*.list`` / ``*.txt`` file) and remote sources. Every input is written in every format
under OUTDIR, mirroring the input tree; OUTDIR/_report.jsonl says what happened to each.
Exit status: 0 when nothing failed, 1 when an input failed, 2 for a usage error, 130 after
Ctrl-C and 143 after SIGTERM (run it again to resume). See docs/batch.md.
"""

from __future__ import annotations

import argparse
import sys

from ..batch import FAILED, REPORT_NAME, SKIPPED, ReportRow, convert, options_from_query
from ..batch.progress import ProgressBar
from .caption import word_lists_from
from .exits import FAILED as EXIT_FAILED
from .exits import OK
from .fetch import add_fetch_arguments, fetch_options
from .messages import say

SUMMARY = "convert many ElementLists (files, folders, lists of sources) into many formats"
SHOWN_FAILURES = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sources",
        metavar="INPUT",
        nargs="+",
        help="an ElementList file, a directory (every *.json below it), a list of sources "
        "(@FILE, or a FILE named *.list or *.txt: one path, URL or cielo24:JOB_ID a line; "
        "@- reads it from stdin), an http(s) URL or cielo24:JOB_ID[@VERSION]",
    )
    parser.add_argument(
        "-o",
        "--output-dir",
        dest="outdir",
        metavar="OUTDIR",
        required=True,
        help="where the outputs go (made if missing; its parent must exist)",
    )
    parser.add_argument(
        "-f",
        "--format",
        dest="formats",
        metavar="FORMAT",
        action="append",
        help="repeat for several: srt, vtt, dfxp, sbv, qt, sami (.smi), transcript "
        "(the TRANSCRIPT caption format, .transcript.txt), txt and html (get_transcript); "
        "default: the query's caption_format, else srt",
    )
    parser.add_argument(
        "--query",
        metavar="QUERY",
        help="a pasted cielo24 get_caption or get_transcript query string (or URL); each "
        "option applies to every output kind that has it",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "-j",
        "--jobs",
        metavar="N",
        type=_positive,
        help="worker processes (default: the CPUs available; 1 converts in this process)",
    )
    where.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="render on this Dask scheduler (tcp://HOST:PORT) instead of local processes",
    )
    parser.add_argument(
        "--force", action="store_true", help="redo outputs that are already up to date"
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: only on a terminal)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail documents with any violation (errors or warnings) instead of rendering them",
    )
    words = parser.add_argument_group("word lists (one entry a line; slang as TAB-separated pairs)")
    words.add_argument("--disfluencies", metavar="FILE", help="your own disfluency list")
    words.add_argument("--profanity", metavar="FILE", help="your own profanity list")
    words.add_argument("--slang", metavar="FILE", help="your own slang replacements")
    add_fetch_arguments(parser)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive count: {text!r}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    query_format, caption_options, transcript_options = options_from_query(args.query)
    if args.audio_description:
        caption_options = caption_options.with_values(audio_description=True)
        transcript_options = transcript_options.with_values(audio_description=True)
    formats = args.formats or [query_format or "SRT"]
    bar = ProgressBar(sys.stderr, enabled=args.progress)
    try:  # SIGTERM and SIGHUP stop it as Ctrl-C does (elementlist.cli.main)
        rows = convert(
            args.sources,
            args.outdir,
            formats,
            caption_options,
            transcript_options=transcript_options,
            jobs=args.jobs,
            dask_address=args.dask,
            force=args.force,
            progress=bar,
            strict=args.strict,
            word_lists=word_lists_from(args),
            fetch=fetch_options(args),
        )
    finally:
        bar.close()
    if not rows:
        say("elementlist: warning: no inputs found (directories are searched for *.json)")
    _summary(rows, args.outdir)
    return EXIT_FAILED if any(r.status == FAILED for r in rows) else OK


def _summary(rows: list[ReportRow], outdir: str) -> None:
    failed = [r for r in rows if r.status == FAILED]
    twice = sum(r.status == SKIPPED and r.error is not None for r in rows)  # "given twice"
    current = sum(r.status == SKIPPED and r.error is None for r in rows)
    converted = len(rows) - len(failed) - twice - current
    for row in failed[:SHOWN_FAILURES]:
        say(f"elementlist: failed: {row.input}: {row.error}")
    if len(failed) > SHOWN_FAILURES:
        say(f"elementlist: ... and {len(failed) - SHOWN_FAILURES} more failures")
    counts = f"{converted} converted, {len(failed)} failed, {current} up to date"
    if twice:
        counts += f", {twice} given twice"
    say(f"elementlist: {counts}; report: {outdir.rstrip('/')}/{REPORT_NAME}")
