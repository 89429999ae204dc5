"""``elementlist formats [--json]``: every format elementlist writes, with its aliases and
file extensions, and the caption formats it refuses (with the reason).

Read from the writers registry (caption formats) and the batch's formats (get_transcript's
txt and html), so a format added to the registry is listed without a change here.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..batch.formats import CAPTION_EXTENSIONS, TRANSCRIPT_EXTENSIONS
from ..options.values import FILE_FORMAT_SPELLINGS
from ..writers import ALIASES, FORMATS, REFUSED
from .exits import OK

SUMMARY = "list every format, with its aliases and file extensions"
USAGE = "%(prog)s [--json]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the list as JSON")


def format_table() -> list[dict[str, Any]]:
    """One entry per format: name, kind, the -f names of each command, extensions, and
    for a refused format the reason."""
    rows: list[dict[str, Any]] = []
    for name, fmt in FORMATS.items():
        aliases = [alias for alias, target in ALIASES.items() if target == name]
        extensions = list(dict.fromkeys([fmt.extension, *("." + a for a in aliases)]))
        batch_extension = CAPTION_EXTENSIONS.get(name, fmt.extension)
        rows.append(
            {
                "name": name,
                "kind": "caption",
                "aliases": aliases,
                "extensions": [e for e in extensions if _reads_as(e, name)],
                "batch_extension": batch_extension,
                "refused": None,
            }
        )
    for name, transcript_extensions in TRANSCRIPT_EXTENSIONS.items():
        aliases = [alias for alias, target in FILE_FORMAT_SPELLINGS.items() if target == name]
        rows.append(
            {
                "name": name,
                "kind": "transcript",
                "aliases": aliases,
                "extensions": list(transcript_extensions),
                "batch_extension": transcript_extensions[0],
                "refused": None,
            }
        )
    for name, reason in REFUSED.items():
        if name not in FORMATS:
            rows.append(
                {
                    "name": name,
                    "kind": "caption",
                    "aliases": [],
                    "extensions": [],
                    "batch_extension": None,
                    "refused": reason,
                }
            )
    return rows


def _reads_as(extension: str, name: str) -> bool:
    """Whether a file ending with ``extension`` is taken for format ``name`` by ``-o``."""
    from ..writers import format_for_filename

    return format_for_filename("x" + extension) == name


def run(args: argparse.Namespace) -> int:
    rows = format_table()
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return OK
    usable = [r for r in rows if r["refused"] is None]
    width = max(len(r["name"]) for r in rows) + 2
    alias_width = max(len(", ".join(r["aliases"])) for r in usable) + 2
    for kind, heading in (
        ("caption", "caption formats (caption -f, batch -f):"),
        ("transcript", "transcript formats (transcript -f, batch -f; in batch txt is this one):"),
    ):
        print(heading)
        print(f"  {'NAME':<{width}}{'ALIASES':<{alias_width}}EXTENSIONS")
        for row in usable:
            if row["kind"] == kind:
                extensions = ", ".join(row["extensions"])
                if row["batch_extension"] not in row["extensions"]:
                    extensions += f" (batch writes {row['batch_extension']})"
                aliases = ", ".join(row["aliases"]) or "-"
                print(f"  {row['name']:<{width}}{aliases:<{alias_width}}{extensions}")
    refused = [r for r in rows if r["refused"] is not None]
    if refused:
        print("refused caption formats:")
        for row in refused:
            print(f"  {row['name']:<{width}}{row['refused']}")
    return OK
