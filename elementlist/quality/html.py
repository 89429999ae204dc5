"""The ``--html`` report: one self-contained page (inline CSS and SVG, no script, nothing
fetched). Per file: the summary, histograms of reading speed and duration against the
profile's limits, a timeline of the cues (and of the spoken words, with a source) with
breaches marked, and the list of breaches, each linked to its cue on the timeline."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace

from .._version import __version__
from ..profiles import get_profile
from .checks import reading_speed
from .report import QualityReport
from .svg import BAR, OVER, ROW_MS, Limit, Span, histogram, timeline_row

_STYLE = f"""
body {{ font-family: system-ui, sans-serif; margin: 24px; color: #222; background: #fff; }}
h1 {{ font-size: 22px; }} h2 {{ font-size: 18px; margin-top: 32px; }}
h3 {{ font-size: 15px; }}
table.summary td, table.summary th {{ padding: 2px 12px 2px 0; text-align: left; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 16px; }}
.legend span {{ display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; }}
ol.breaches li {{ margin: 2px 0; }}
.code {{ font-family: ui-monospace, monospace; font-weight: bold; color: #8e1b10; }}
/* the breach colour itself is kept for the drawings (and the legend) */
.ok {{ color: {BAR}; font-weight: bold; }}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def cue_anchor(file_index: int, cue: int) -> str:
    """The id of a cue on the page's timeline."""
    return f"f{file_index}-cue-{cue}"


def _summary(report: QualityReport) -> str:
    s = report.summary
    rows = [
        ("Profile", _e(report.profile)),
        ("Cues", str(s.cues)),
        ("Within the profile", f"{s.within_profile * 100:.1f}%"),
        ("Breaches", str(len(report.breaches))),
    ]
    rows += [(f"&nbsp;&nbsp;{_e(code)}", str(n)) for code, n in s.breaches.items()]
    if s.too_fast_unavoidable:
        rows.append(("Too fast in the speech itself", str(s.too_fast_unavoidable)))
    if s.too_short_unavoidable:
        rows.append(("Too short in the speech itself", str(s.too_short_unavoidable)))
    if s.bad_line_break_unavoidable:
        rows.append(("Line breaks no wrap avoids", str(s.bad_line_break_unavoidable)))
    for label, d, unit in (
        ("Reading speed", s.reading_speed, s.reading_unit),
        ("Duration", s.duration_ms, "ms"),
        ("Gap", s.gap_ms, "ms"),
    ):
        rows.append(
            (
                f"{label} (median / 95th / max)",
                f"{d.median:g} / {d.p95:g} / {d.max:g} {_e(unit)}",
            )
        )
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="summary">{body}</table>'


def _charts(report: QualityReport, index: int) -> str:
    profile = get_profile(report.profile)
    shown = [c for c in report.cues if c.lines]
    unit = report.summary.reading_unit
    speeds = [v for c in shown if (v := reading_speed(c, profile)) is not None]
    speed_limits = []
    if profile.reading_speed is not None:
        limit = profile.reading_speed.limit
        speed_limits.append(Limit(limit, f"max {limit}"))
    duration_limits = []
    if profile.minimum_duration_ms:
        duration_limits.append(
            Limit(profile.minimum_duration_ms, f"min {profile.minimum_duration_ms}", False)
        )
    if profile.maximum_duration_ms is not None:
        duration_limits.append(
            Limit(profile.maximum_duration_ms, f"max {profile.maximum_duration_ms}")
        )
    return (
        '<div class="charts">'
        f"<figure><figcaption>Reading speed ({_e(unit)})</figcaption>"
        + histogram(speeds, speed_limits, unit, "reading speed", f"f{index}-speed")
        + "</figure><figure><figcaption>Duration (ms)</figcaption>"
        + histogram(
            [float(c.duration_ms) for c in shown],
            duration_limits,
            "ms",
            "duration",
            f"f{index}-duration",
        )
        + "</figure></div>"
    )


def _timeline(report: QualityReport, index: int) -> str:
    breaching: dict[int, list[str]] = {}
    for b in report.breaches:
        breaching.setdefault(b.cue, []).append(b.code)
    cues = [
        Span(
            c.start_ms,
            max(c.end_ms, c.start_ms),
            f"cue {c.number}: {c.text}"
            + (f" — {', '.join(breaching[c.number])}" if c.number in breaching else ""),
            cue_anchor(index, c.number),
            c.number in breaching,
        )
        for c in report.cues
    ]
    words = [Span(w.start_ms, w.end_ms, w.text) for w in report.spoken]
    ends = [s.end_ms for s in cues] + [w.end_ms for w in words]
    rows = max(1, -(-max(ends, default=0) // ROW_MS))
    out = []
    placed: set[str] = set()
    for row in range(rows):
        start, stop = row * ROW_MS, (row + 1) * ROW_MS
        row_cues = []
        for span in cues:
            if span.start_ms < stop and (span.end_ms > start or span.start_ms >= start):
                first = span.ident not in placed  # the anchor goes on the first row it is on
                placed.add(span.ident or "")
                row_cues.append(span if first else replace(span, ident=None))
        row_words = [w for w in words if w.start_ms < stop and w.end_ms > start]
        out.append(timeline_row(start, row_cues, row_words))
    legend = (
        f'<p class="legend"><span style="background:{BAR}"></span>cue'
        f'<span style="background:{OVER}"></span>cue with a breach'
        + ('<span style="background:#7f8c8d"></span>spoken word' if words else "")
        + "</p>"
    )
    return legend + f'<div class="timeline-rows" id="f{index}-timeline">' + "".join(out) + "</div>"


def _breaches(report: QualityReport, index: int) -> str:
    if not report.breaches:
        return '<p class="ok">No cue breaches the profile.</p>'
    items = "".join(
        f'<li><a href="#{cue_anchor(index, b.cue)}">cue {b.cue}</a> '
        f'<span class="code">{_e(b.code)}</span> {_e(b.message)}</li>'
        for b in report.breaches
    )
    return f'<ol class="breaches" id="f{index}-breaches">{items}</ol>'


def report_page(reports: Sequence[QualityReport]) -> str:
    """The whole page for the reports of one run."""
    sections = []
    for index, report in enumerate(reports, 1):
        sections.append(
            f'<section class="file" id="f{index}"><h2>{_e(report.file)}</h2>'
            + _summary(report)
            + "<h3>Distributions</h3>"
            + _charts(report, index)
            + "<h3>Timeline</h3>"
            + _timeline(report, index)
            + "<h3>Breaches</h3>"
            + _breaches(report, index)
            + "</section>"
        )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Caption check</title><style>{_STYLE}</style></head><body>"
        f"<h1>Caption check</h1><p>elementlist {_e(__version__)}, {len(reports)} file(s)</p>"
        + "".join(sections)
        + "</body></html>\n"
    )


__all__ = ["cue_anchor", "report_page"]
