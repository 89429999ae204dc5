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

from ..batch import (
    FAILED,
    REPORT_NAME,
    SKIPPED,
    BatchOptions,
    DaskCluster,
    ReportRow,
    convert,
)
from ..batch.progress import ProgressBar
from ..options import CaptionOptions, TranscriptOptions, parse_query, pop_caption_format
from .exits import FAILED as EXIT_FAILED
from .exits import OK
from .fetch_flags import add_fetch_arguments, fetch_options
from .messages import say
from .option_flags import add_option_flags, split_options_from_cli
from .source_flags import add_source_arguments, format_line
from .word_lists import add_word_list_arguments, word_lists_from

SUMMARY = "convert many ElementLists (files, folders, lists of sources) into many formats"
USAGE = "%(prog)s INPUT... -o OUTDIR [-f FORMAT]... [-j N | --dask ADDRESS] [--OPTION VALUE ...]"
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
        "option applies to every output kind that has it; flags given as well win",
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
    add_word_list_arguments(parser)
    add_source_arguments(parser, many=True)
    add_fetch_arguments(parser, audio_description_flag=False)
    # file_format: -f txt / -f html choose it
    add_option_flags(parser, CaptionOptions, TranscriptOptions, exclude=("file_format",))


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive count: {text!r}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    query_format = pop_caption_format(parse_query(args.query)) if args.query else None
    captions, transcripts = split_options_from_cli(args, args.query, ignore=("file_format",))
    formats = args.formats or [query_format or "SRT"]
    options = BatchOptions(
        captions=captions,
        transcripts=transcripts,
        word_lists=word_lists_from(args),
        strict=args.strict,
        input_format=args.input_format,
    )
    bar = ProgressBar(sys.stderr, enabled=args.progress)

    def progress(row: ReportRow | None, done: int, total: int) -> None:
        bar(row, done, total)
        if args.verbose and row is not None and row.read_as is not None:
            bar.write(format_line(args, row.input, row.read_as))

    try:  # SIGTERM and SIGHUP stop it as Ctrl-C does (elementlist.cli.main)
        rows = convert(
            args.sources,
            args.outdir,
            formats,
            options,
            jobs=args.jobs,
            dask=DaskCluster(args.dask) if args.dask else None,
            force=args.force,
            progress=progress,
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
