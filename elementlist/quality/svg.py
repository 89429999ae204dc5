"""The report page's drawings, as inline SVG text drawn here (no plotting library, no
script): a histogram with the profile's limits, and a timeline row of cues and words.

Colours are fixed (:data:`BAR`, :data:`OVER`, :data:`LIMIT`, :data:`WORD`) and shapes are
drawn with ``shape-rendering="crispEdges"``, so a bar's inside is exactly its colour.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

BAR = "#3b6ea5"  # a histogram bar within the limits; a cue without breach
OVER = "#c0392b"  # a bar beyond a limit; a cue with a breach
LIMIT = "#e67e22"  # a limit line
WORD = "#7f8c8d"  # a spoken word on the timeline
INK = "#222222"

WIDTH = 640
HEIGHT = 220
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 16, 16, 40


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _nice_step(span: float, bins: int) -> float:
    raw = span / bins if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return float(factor * magnitude)
    return float(10 * magnitude)


@dataclass(frozen=True, slots=True)
class Limit:
    """A vertical line at ``value``; values past it (above a maximum, below a minimum)
    are drawn as :data:`OVER`."""

    value: float
    label: str
    is_maximum: bool = True


def histogram(
    values: Sequence[float], limits: Sequence[Limit], unit: str, title: str, ident: str
) -> str:
    """A histogram of ``values`` with the limits drawn on it."""
    top_value = max([*values, *(lim.value * 1.25 for lim in limits), 1.0])
    step = _nice_step(top_value, 20)
    count = max(1, math.ceil(top_value / step))
    if top_value >= count * step:
        count += 1
    bins = [0] * count
    for v in values:
        bins[min(count - 1, max(0, int(v // step)))] += 1
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM
    tallest = max(bins) or 1

    def x_of(v: float) -> float:
        return _LEFT + plot_w * v / (count * step)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{_e(ident)}" class="histogram" '
        f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{_e(title)}" shape-rendering="crispEdges">',
        f"<title>{_e(title)}</title>",
        f'<line x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{WIDTH - _RIGHT}" y2="{_TOP + plot_h}" '
        f'stroke="{INK}"/>',
        f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_TOP + plot_h}" stroke="{INK}"/>',
        f'<text x="{_LEFT - 6}" y="{_TOP + 10}" text-anchor="end" font-size="11">{tallest}</text>',
        f'<text x="{_LEFT - 6}" y="{_TOP + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    for k, n in enumerate(bins):
        if not n:
            continue
        low, high = k * step, (k + 1) * step
        beyond = any(
            (lim.is_maximum and low >= lim.value) or (not lim.is_maximum and high <= lim.value)
            for lim in limits
        )
        h = plot_h * n / tallest
        x0, x1 = x_of(low), x_of(high)
        out.append(
            f'<rect class="bar{" over" if beyond else ""}" x="{x0 + 1:.1f}" '
            f'y="{_TOP + plot_h - h:.1f}" width="{max(1.0, x1 - x0 - 2):.1f}" height="{h:.1f}" '
            f'fill="{OVER if beyond else BAR}"><title>{n} cue(s), {low:g}–{high:g} {_e(unit)}'
            f"</title></rect>"
        )
    ticks = max(1, count // 5)
    for k in range(0, count + 1, ticks):
        x = x_of(k * step)
        out.append(
            f'<text x="{x:.1f}" y="{_TOP + plot_h + 16}" text-anchor="middle" '
            f'font-size="11">{k * step:g}</text>'
        )
    out.append(
        f'<text x="{_LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" '
        f'font-size="12">{_e(unit)}</text>'
    )
    for lim in limits:
        x = x_of(lim.value)
        out.append(
            f'<line class="limit" x1="{x:.1f}" y1="{_TOP}" x2="{x:.1f}" y2="{_TOP + plot_h}" '
            f'stroke="{LIMIT}" stroke-width="3"/>'
            f'<text x="{x + 4:.1f}" y="{_TOP + 12}" font-size="11" fill="{LIMIT}">'
            f"{_e(lim.label)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Span:
    """A thing on the timeline: a cue (with the anchor id it is reached by) or a word."""

    start_ms: int
    end_ms: int
    label: str
    ident: str | None = None
    breach: bool = False


ROW_MS = 60_000  # one timeline row per minute
ROW_HEIGHT = 64


def timeline_row(row_start: int, cues: Sequence[Span], words: Sequence[Span]) -> str:
    """One minute of the timeline from ``row_start`` (ms): cues above, words below."""
    plot_w = WIDTH - _LEFT - _RIGHT

    def x_of(ms: int) -> float:
        return _LEFT + plot_w * (ms - row_start) / ROW_MS

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{WIDTH}" '
        f'height="{ROW_HEIGHT}" viewBox="0 0 {WIDTH} {ROW_HEIGHT}" shape-rendering="crispEdges">',
        f'<text x="{_LEFT - 6}" y="24" text-anchor="end" font-size="11">'
        f"{row_start // 60_000}:00</text>",
        f'<line x1="{_LEFT}" y1="32" x2="{WIDTH - _RIGHT}" y2="32" stroke="#cccccc"/>',
    ]
    for second in range(0, ROW_MS // 1000 + 1, 10):
        x = x_of(row_start + second * 1000)
        out.append(f'<line x1="{x:.1f}" y1="30" x2="{x:.1f}" y2="34" stroke="#999999"/>')
    for cue in cues:
        x0 = x_of(max(cue.start_ms, row_start))
        x1 = x_of(min(cue.end_ms, row_start + ROW_MS))
        colour = OVER if cue.breach else BAR
        ident = f' id="{_e(cue.ident)}"' if cue.ident else ""
        mark = (
            f'<rect class="mark" x="{x0:.1f}" y="2" width="{max(2.0, x1 - x0):.1f}" height="4" '
            f'fill="{OVER}"/>'
            if cue.breach
            else ""
        )
        out.append(
            f'<g class="cue{" breach" if cue.breach else ""}"{ident}><title>{_e(cue.label)}'
            f'</title>{mark}<rect x="{x0:.1f}" y="8" width="{max(1.5, x1 - x0 - 1):.1f}" '
            f'height="20" fill="{colour}"/></g>'
        )
    for word in words:
        x0 = x_of(max(word.start_ms, row_start))
        x1 = x_of(min(word.end_ms, row_start + ROW_MS))
        out.append(
            f'<rect class="word" x="{x0:.1f}" y="38" width="{max(1.0, x1 - x0 - 0.5):.1f}" '
            f'height="12" fill="{WORD}"><title>{_e(word.label)}</title></rect>'
        )
    out.append("</svg>")
    return "".join(out)


__all__ = ["BAR", "LIMIT", "OVER", "ROW_MS", "WORD", "Limit", "Span", "histogram", "timeline_row"]
