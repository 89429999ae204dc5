"""``elementlist caption INPUT [-f FORMAT] [-o OUT]``: render captions like cielo24's
get_caption. The format is ``-f``, else the query's ``caption_format``, else the one
``-o``'s extension names, else SRT (:mod:`.output`)."""

from __future__ import annotations

import argparse

from ..captions.api import get_caption
from ..captions.model import DocumentInfo
from ..options import CaptionOptions, parse_query, pop_caption_format
from ..writers import resolve_format
from .exits import FAILED, OK
from .option_flags import add_option_flags, options_from_cli
from .output import caption_format_for, write_output
from .render import add_input_arguments, load_checked
from .word_lists import add_word_list_arguments, word_lists_from

SUMMARY = "render an ElementList as captions (SRT, WebVTT, DFXP, SBV, QT, SAMI, SCC, TRANSCRIPT)"
USAGE = "%(prog)s INPUT [-f FORMAT] [-o OUT] [--query QUERY] [--strict] [--OPTION VALUE ...]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser, "get_caption")
    parser.add_argument(
        "-f",
        "--format",
        dest="caption_format",
        metavar="FORMAT",
        help="a caption format or alias ('elementlist formats' lists them); default: the "
        "query's caption_format, else the one -o's extension names, else SRT",
    )
    add_word_list_arguments(parser)
    meta = parser.add_argument_group("DFXP metadata (include_dfxp_metadata)")
    meta.add_argument("--job-name", metavar="NAME", help="title (default: the input's name)")
    meta.add_argument("--job-id", metavar="ID", help="job id (default: the cielo24 job, if any)")
    add_option_flags(parser, CaptionOptions)


def chosen_format(args: argparse.Namespace) -> str:
    """The caption format the flags, the query and ``-o`` ask for (canonical name)."""
    chosen: str | None
    if args.caption_format:
        chosen, said_by = resolve_format(args.caption_format), "-f"
    else:
        query_format = pop_caption_format(parse_query(args.query)) if args.query else None
        chosen = resolve_format(query_format) if query_format else None
        said_by = "--query's caption_format"
    return caption_format_for(chosen, said_by, args.output)


def _info(args: argparse.Namespace, language: str) -> DocumentInfo:
    info = DocumentInfo.for_source(args.source, language)
    return DocumentInfo(
        language=language, title=args.job_name or info.title, job_id=args.job_id or info.job_id
    )


def run(args: argparse.Namespace) -> int:
    caption_format = chosen_format(args)
    options = options_from_cli(args, CaptionOptions, args.query)
    word_lists = word_lists_from(args)
    doc = load_checked(args, options)
    if doc is None:
        return FAILED
    language = doc.language if isinstance(doc.language, str) else ""
    text = get_caption(
        doc, caption_format, options, word_lists=word_lists, info=_info(args, language)
    )
    write_output(args.output, text.encode("utf-8"))
    return OK
