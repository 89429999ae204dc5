"""The argument set-up that several subcommands share, each written once.

* :func:`add_report_arguments`: the files and ``--json`` of the commands that check many
  files and report on each (``check``, ``validate``).
* :func:`add_source_output_arguments`: the source, ``-o`` and the fetch flags of the
  commands that read one source and write one file (``import``, ``fetch``, and the
  rendering ones through :func:`.render.add_input_arguments`).
"""

from __future__ import annotations

import argparse

from .fetch_flags import add_fetch_arguments


def add_report_arguments(parser: argparse.ArgumentParser, *, inputs_help: str) -> None:
    """``FILE...`` (one or more, into ``args.inputs``) and ``--json``."""
    parser.add_argument("inputs", nargs="+", metavar="FILE", help=inputs_help)
    parser.add_argument("--json", action="store_true", help="print a machine-readable report")


def add_source_output_arguments(
    parser: argparse.ArgumentParser,
    *,
    source_metavar: str,
    source_help: str,
    output_help: str,
    audio_description_flag: bool,
) -> None:
    """The source (into ``args.source``), ``-o``/``--output`` and the remote sources' flags
    (:func:`~.fetch_flags.add_fetch_arguments`, with ``--audio-description`` when
    ``audio_description_flag``; the commands with option flags carry their own)."""
    parser.add_argument("source", metavar=source_metavar, help=source_help)
    parser.add_argument("-o", "--output", metavar="OUT", help=output_help)
    add_fetch_arguments(parser, audio_description_flag=audio_description_flag)
