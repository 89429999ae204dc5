"""``elementlist fetch SOURCE [-o OUT]``: save a remote ElementList; ``--list`` its versions.

The document is decoded before anything is written (an answer that is not an ElementList
is refused), and the output file appears whole or not at all.

The flags for remote sources (authentication, timeouts, retries, the size limit) are those
of every command that reads sources (:mod:`.fetch_flags`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..document.decode import loads
from ..errors import OptionError
from ..fetch.sources import read_source
from ..fetch.specs import is_cielo24
from ..filenames import shown
from .common_arguments import add_source_output_arguments
from .exits import OK
from .fetch_flags import fetch_options
from .output import write_output

if TYPE_CHECKING:
    from ..fetch import FetchOptions

SUMMARY = "save an ElementList from a URL or cielo24 (or list a cielo24 job's versions)"
USAGE = "%(prog)s SOURCE [-o OUT] [--list] [FETCH FLAGS]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_source_output_arguments(
        parser,
        source_metavar="SOURCE",
        source_help="an http(s) URL, cielo24:JOB_ID[@VERSION] (VERSION: an ISO date or an IWP "
        "name such as FINAL), a path, or - for stdin",
        output_help="write the document here (default: stdout)",
        audio_description_flag=True,
    )
    parser.add_argument(
        "--list",
        action="store_true",
        help="list the ElementList versions of cielo24:JOB_ID (IWP name and version per line)",
    )


def run(args: argparse.Namespace) -> int:
    options = fetch_options(args)
    if args.list:
        return _list(args.source, options)
    data, name = read_source(args.source, fetch=options)
    loads(data, name=name)  # refuse anything that is not an ElementList before writing
    write_output(args.output, data)
    return OK


def _list(source: str, options: FetchOptions) -> int:
    from ..fetch import Cielo24Spec, list_elementlists

    if not is_cielo24(source):
        raise OptionError("--list needs a cielo24:JOB_ID source", option="--list", value=source)
    spec = Cielo24Spec.parse(source)
    versions = list_elementlists(
        spec.job_id,
        credentials=options.cielo24_credentials(),
        timeout=options.timeout,
        retry=options.retry,
    )
    for item in versions:
        print(f"{shown(item.iwp_name)}\t{shown(item.version)}")
    return OK
