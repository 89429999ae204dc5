"""``elementlist transcript INPUT [-o OUT] [--OPTION VALUE ...] [--query QUERY] [--strict]``.

The transcript of an ElementList as cielo24's get_transcript writes it (txt or html). Every
get_transcript option is a flag; ``--query`` takes a pasted get_transcript query string, and
flags given as well win. Options are checked before the input is read, and the output file
is written whole or not at all.

For a ``cielo24:JOB`` input, ``--elementlist-version`` / ``--iwp-name`` pick the version to
fetch (as ``cielo24:JOB@VERSION`` does) and ``--audio-description true`` fetches the audio
description ElementList. On any other input these options change nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import OptionError
from ..options import TranscriptOptions, add_option_flags, options_from_cli
from ..sources import is_remote
from ..transcript import DEFAULT_TITLE, get_transcript
from .exits import FAILED, OK
from .render import add_input_arguments, load_checked, write_output

SUMMARY = "write the transcript of an ElementList (get_transcript options; txt or html)"

CIELO24_PREFIX = "cielo24:"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser, "get_transcript")
    # --audio-description is both a fetch flag (no value) and a get_transcript option (a
    # value, as every option flag takes one): the option's flag replaces the fetch flag and
    # run() hands its value to the fetcher.
    parser.conflict_handler = "resolve"
    add_option_flags(parser, TranscriptOptions)
    parser.conflict_handler = "error"
    parser.set_defaults(audio_description=False)


def run(args: argparse.Namespace) -> int:
    options = options_from_cli(args, TranscriptOptions, args.query)
    args.audio_description = options.audio_description
    args.source = versioned_source(args.source, options)
    doc = load_checked(args)
    if doc is None:
        return FAILED
    text = get_transcript(doc, options, title=_title(args.source))
    write_output(args, text.encode("utf-8"))
    return OK


def versioned_source(source: str, options: TranscriptOptions) -> str:
    """``cielo24:JOB`` with the version ``elementlist_version`` or ``iwp_name`` names.

    A version in the source itself must agree with the option; other sources are returned
    as they are.
    """
    version = options.elementlist_version or options.iwp_name
    if not version or not source.startswith(CIELO24_PREFIX):
        return source
    name = "elementlist_version" if options.elementlist_version else "iwp_name"
    if options.elementlist_version and options.iwp_name:
        raise OptionError(
            "elementlist_version and iwp_name both name a version; give one",
            option="iwp_name",
            value=options.iwp_name,
        )
    job, _, given = source.partition("@")
    if given and given != version:
        raise OptionError(
            f"{name}: {version!r} disagrees with the version in {source!r}",
            option=name,
            value=version,
        )
    return f"{job}@{version}"


def _title(source: str) -> str:
    if source == "-":
        return DEFAULT_TITLE
    if is_remote(source):
        return source.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0] or DEFAULT_TITLE
    return Path(source).stem or DEFAULT_TITLE
