"""``elementlist transcript INPUT [-f txt|html] [-o OUT] [--OPTION VALUE ...] [--query QUERY]``.

The transcript of an ElementList as cielo24's get_transcript writes it (txt or html). Every
get_transcript option is a flag; ``-f``/``--format`` is ``--file-format``'s short spelling,
as in ``caption`` and ``batch``; without either, the query's ``file_format``, else the one
``-o``'s extension names (``.html``, ``.htm``), else txt. ``--query`` takes a pasted
get_transcript query string, and flags given as well win. Options are checked before the
input is read, and the output file is written whole or not at all.

For a ``cielo24:JOB`` input, ``--elementlist-version`` / ``--iwp-name`` pick the version to
fetch and ``--audio-description`` fetches the audio description ElementList (see
:func:`.render.load_checked`). On any other input these options change nothing.
"""

from __future__ import annotations

import argparse

from ..fetch.specs import source_title
from ..options import TranscriptOptions, canonical_name, option_field
from ..transcripts import get_transcript
from .exits import FAILED, OK
from .option_flags import OPTION_DEST_PREFIX, add_option_flag, add_option_flags, given_options
from .output import file_format_for, write_output
from .render import add_input_arguments, load_checked

SUMMARY = "write the transcript of an ElementList (get_transcript options; txt or html)"
USAGE = "%(prog)s INPUT [-f txt|html] [-o OUT] [--query QUERY] [--strict] [--OPTION VALUE ...]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser, "get_transcript")
    add_option_flag(parser, option_field("file_format"), "-f", "--format")
    add_option_flags(parser, TranscriptOptions, exclude=("file_format",))


def run(args: argparse.Namespace) -> int:
    given = given_options(args, args.query)
    options = TranscriptOptions.from_mapping(given)
    chosen: str | None = options.file_format
    if getattr(args, OPTION_DEST_PREFIX + "file_format") is not None:
        said_by = "-f"
    elif any(canonical_name(name) == "file_format" for name in given):
        said_by = "--query's file_format"
    else:
        chosen, said_by = None, ""
    file_format = file_format_for(chosen, said_by, args.output)
    if file_format != options.file_format:
        options = options.with_values(file_format=file_format)
    doc = load_checked(args, options)
    if doc is None:
        return FAILED
    text = get_transcript(doc, options, title=source_title(args.source))
    write_output(args.output, text.encode("utf-8"))
    return OK
