"""``elementlist caption INPUT -f FORMAT``: render captions like cielo24's get_caption."""

from __future__ import annotations

import argparse

from ..captions.api import get_caption
from ..captions.model import DocumentInfo
from ..options.classes import CaptionOptions, split_caption_query
from ..table.wordlists import WordLists
from ..writers import resolve_format
from .exits import FAILED, OK
from .option_flags import add_option_flags, options_from_cli
from .render import add_input_arguments, load_checked, write_output

SUMMARY = "render an ElementList as captions (SRT, WebVTT, DFXP, SBV, QT, SAMI, SCC, TRANSCRIPT)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser, "get_caption")
    parser.add_argument(
        "-f",
        "--format",
        dest="caption_format",
        metavar="FORMAT",
        help="SRT, WEB_VTT, DFXP, SBV, QT, SAMI, SCC or TRANSCRIPT (aliases: srt, vtt, webvtt, "
        "dfxp, ttml, sbv, qt, sami, smi, scc, txt); default: the query's caption_format, else SRT",
    )
    words = parser.add_argument_group("word lists (one entry a line; slang as TAB-separated pairs)")
    words.add_argument("--disfluencies", metavar="FILE", help="your own disfluency list")
    words.add_argument("--profanity", metavar="FILE", help="your own profanity list")
    words.add_argument("--slang", metavar="FILE", help="your own slang replacements")
    meta = parser.add_argument_group("DFXP metadata (include_dfxp_metadata)")
    meta.add_argument("--job-name", metavar="NAME", help="title (default: the input's name)")
    meta.add_argument("--job-id", metavar="ID", help="job id (default: the cielo24 job, if any)")
    add_option_flags(parser, CaptionOptions)


def word_lists_from(args: argparse.Namespace) -> WordLists | None:
    files = {k: getattr(args, k) for k in ("disfluencies", "profanity", "slang")}
    if not any(files.values()):
        return None
    return WordLists.default().with_files(**{k: v for k, v in files.items() if v})


def _info(args: argparse.Namespace, language: str) -> DocumentInfo:
    info = DocumentInfo.for_source(args.source, language)
    return DocumentInfo(
        language=language, title=args.job_name or info.title, job_id=args.job_id or info.job_id
    )


def run(args: argparse.Namespace) -> int:
    query_format = split_caption_query(args.query)[0] if args.query else None
    caption_format = resolve_format(args.caption_format or query_format or "SRT")
    options = options_from_cli(args, CaptionOptions, args.query)
    word_lists = word_lists_from(args)
    doc = load_checked(args, options)
    if doc is None:
        return FAILED
    language = doc.language if isinstance(doc.language, str) else ""
    text = get_caption(
        doc, caption_format, options, word_lists=word_lists, info=_info(args, language)
    )
    write_output(args, text.encode("utf-8"))
    return OK
