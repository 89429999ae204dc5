"""``elementlist transcript INPUT [-o OUT] [--OPTION VALUE ...] [--query QUERY] [--strict]``.

The transcript of an ElementList as cielo24's get_transcript writes it (txt or html). Every
get_transcript option is a flag; ``--query`` takes a pasted get_transcript query string, and
flags given as well win. Options are checked before the input is read, and the output file
is written whole or not at all.

For a ``cielo24:JOB`` input, ``--elementlist-version`` / ``--iwp-name`` pick the version to
fetch and ``--audio-description true`` fetches the audio description ElementList (see
:func:`.render.load_checked`). On any other input these options change nothing.
"""

from __future__ import annotations

import argparse

from ..fetch.specs import source_title
from ..options.classes import TranscriptOptions
from ..transcripts import get_transcript
from .exits import FAILED, OK
from .option_flags import add_option_flags, options_from_cli
from .render import add_input_arguments, load_checked, write_output

SUMMARY = "write the transcript of an ElementList (get_transcript options; txt or html)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser, "get_transcript")
    add_option_flags(parser, TranscriptOptions)


def run(args: argparse.Namespace) -> int:
    options = options_from_cli(args, TranscriptOptions, args.query)
    doc = load_checked(args, options)
    if doc is None:
        return FAILED
    text = get_transcript(doc, options, title=source_title(args.source))
    write_output(args, text.encode("utf-8"))
    return OK
