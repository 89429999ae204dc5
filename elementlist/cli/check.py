"""``elementlist check FILE...``: caption files against a broadcast profile (docs/check.md).

Exit 0 when no cue of any file breaches the profile, 1 when one does, 2 when a file (or
the ``--source``) cannot be read: that file is one line on stderr, the others are still
checked, and no ``--html`` page is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..document.model import ElementList
from ..errors import ElementListError
from ..fetch.sources import load_source
from ..profiles import DEFAULT_PROFILE, PROFILES
from ..quality.api import check
from ..quality.html import report_page
from ..quality.report import QualityReport
from .common_arguments import add_report_arguments
from .exits import BAD_INPUT, FAILED, OK
from .messages import one_line, say

SUMMARY = "check caption files against a broadcast profile (Netflix, BBC, DCMP, CEA-608)"
USAGE = "%(prog)s FILE... [--profile NAME] [--source ELEMENTLIST] [--json] [--html OUT.html]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profile",
        default=DEFAULT_PROFILE,
        choices=list(PROFILES),
        metavar="NAME",
        help=f"the guideline to check against: {', '.join(PROFILES)} (default {DEFAULT_PROFILE})",
    )
    parser.add_argument(
        "--source",
        metavar="ELEMENTLIST",
        help="the ElementList the captions say: also check sync and missing or extra words",
    )
    add_report_arguments(  # (after --profile and --source: --json is listed after them)
        parser, inputs_help="SRT, WebVTT, SBV, DFXP/TTML, SAMI or SCC file, or '-' for stdin"
    )
    parser.add_argument("--html", metavar="OUT.html", help="write a report page to this file")


def _distribution(label: str, d: dict[str, float], unit: str) -> str:
    return f"{label} {d['median']:g}/{d['p95']:g}/{d['max']:g} {unit}"


def _forced(s: dict[str, Any]) -> str:
    """How many of the TOO-FAST, TOO-SHORT and BAD-LINE-BREAK breaches no layout could
    avoid (the summary's ``too_fast_unavoidable``, ``too_short_unavoidable`` and
    ``bad_line_break_unavoidable``), "" when none is."""
    speech = [
        f"{n} {what}"
        for n, what in (
            (s["too_fast_unavoidable"], "too fast"),
            (s["too_short_unavoidable"], "too short"),
        )
        if n
    ]
    out = f", {' and '.join(speech)} in the speech itself" if speech else ""
    grid = s["bad_line_break_unavoidable"]
    if grid:
        out += f", {grid} bad line break{'s' if grid > 1 else ''} no wrap avoids"
    return out


def _summary_line(report: QualityReport) -> str:
    s = report.summary.to_dict()
    counts = ", ".join(f"{code} {n}" for code, n in s["breaches"].items())
    breaches = f"{len(report.breaches)} breach(es)" + (f" ({counts})" if counts else "")
    return (
        f"{report.file}: {s['cues']} cue(s), {breaches}{_forced(s)}; "
        f"{s['within_profile'] * 100:.1f}% within {report.profile}; median/p95/max: "
        + "; ".join(
            (
                _distribution("reading speed", s["reading_speed"], s["reading_unit"]),
                _distribution("duration", s["duration_ms"], "ms"),
                _distribution("gap", s["gap_ms"], "ms"),
            )
        )
    )


def _unreadable(spec: str, exc: BaseException) -> None:
    message = one_line(exc)
    prefix = "" if message.startswith(f"{spec}:") else f"{spec}: "
    say(f"elementlist check: {prefix}{message}")


def run(args: argparse.Namespace) -> int:
    source: ElementList | None = None
    if args.source is not None:
        try:
            source = load_source(args.source)
        except (ElementListError, OSError) as exc:
            _unreadable(args.source, exc)
            return BAD_INPUT
    reports: list[QualityReport] = []
    unreadable = 0
    for spec in args.inputs:
        try:
            data: Path | bytes = sys.stdin.buffer.read() if spec == "-" else Path(spec)
            report = check(data, args.profile, source, name="<stdin>" if spec == "-" else spec)
        except (ElementListError, OSError, UnicodeError) as exc:
            unreadable += 1
            _unreadable(spec, exc)
            continue
        reports.append(report)
        if not args.json:
            for breach in report.breaches:
                say(f"{report.file}: {breach}", sys.stdout)
            say(_summary_line(report), sys.stdout)
    if args.json:
        document: dict[str, Any] = {"files": [r.to_dict() for r in reports]}
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    if unreadable:
        return BAD_INPUT
    if args.html:
        write_atomic(args.html, report_page(reports).encode("utf-8"))
    return FAILED if any(r.breaches for r in reports) else OK
