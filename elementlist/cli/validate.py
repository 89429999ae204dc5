"""``elementlist validate FILE...``: check ElementLists against the format's rules."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..document.validate import validate
from ..errors import ElementListError
from ..fetch.sources import load_source_reporting
from .common_arguments import add_report_arguments
from .exits import BAD_INPUT, FAILED, OK
from .messages import one_line, say
from .source_flags import add_source_arguments, report_format

SUMMARY = "check ElementLists against the format's rules"
USAGE = "%(prog)s FILE... [--json] [--strict]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_report_arguments(
        parser, inputs_help="ElementList file (or another source, see --from), URL or '-'"
    )
    parser.add_argument("--strict", action="store_true", help="count warnings as failures")
    add_source_arguments(parser, many=True)


def run(args: argparse.Namespace) -> int:
    files: list[dict[str, Any]] = []
    unreadable = failed = errors = warnings = 0
    for spec in args.inputs:
        try:
            doc, fmt = load_source_reporting(spec, input_format=args.input_format)
            report_format(args, "<stdin>" if spec == "-" else spec, fmt)
            report = validate(doc)
        except (ElementListError, OSError) as exc:
            unreadable += 1
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else one_line(exc)
            files.append({"file": spec, "status": "unreadable", "error": message})
            if not args.json:
                name = "<stdin>" if spec == "-" else spec
                prefix = "" if message.startswith(f"{name}:") else f"{name}: "
                say(f"{prefix}{message}")
            continue
        errors += len(report.errors)
        warnings += len(report.warnings)
        passed = report.passes(strict=args.strict)
        failed += not passed
        files.append({"file": spec, "status": "ok" if passed else "failed", **report.to_dict()})
        if not args.json:
            for violation in report.violations:
                say(f"{spec}: {violation}", sys.stdout)
    summary = {
        "files": len(args.inputs),
        "failed": failed,
        "unreadable": unreadable,
        "errors": errors,
        "warnings": warnings,
    }
    if args.json:
        json.dump({"files": files, "summary": summary}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(
            f"{len(args.inputs)} file(s): {errors} error(s), {warnings} warning(s), "
            f"{failed} failed, {unreadable} unreadable"
        )
    if unreadable:
        return BAD_INPUT
    return FAILED if failed else OK
