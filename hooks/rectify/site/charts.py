"""Charts drawn at build time as inline SVG: no JavaScript, they print and work offline.

Every chart names itself and states its numbers in ``<title>``/``<desc>`` for
screen readers; pages also show the same numbers in a table beside it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rectify.data.chinese import chinese_date
from rectify.data.history import Point
from rectify.data.model import UNSTATED, Tally, status_slug

from .markup import html

# Dark enough for 3:1 against white (WCAG 1.4.11), one per status.
STATUS_COLOURS = {
    "done": "#1b5e20",
    "mostly-done": "#4e6b1b",
    "in-progress": "#8a4b00",
    "long-term": "#0d47a1",
    "not-done": "#b71c1c",
    # Grey: not a status but its absence (通报未写明); still 3:1 against white.
    "unstated": "#6b6b6b",
}
# A notice that reports only in narrative lists no finding: no rate, and not "0".
NOT_LISTED = "未逐个列出问题"
BAR_COLOUR = "#9c1c1c"
TRACK_COLOUR = "#767676"
WIDTH = 640
LABEL_WIDTH = 220
ROW = 34
# A label's line: 14px text (rectify.css) in LABEL_WIDTH less its 8px gap, about 14 Chinese characters.
LINE = 18
LABEL_COLUMNS = 28


@dataclass(frozen=True)
class Row:
    label: str
    tally: Tally


def completion_chart(chart_id: str, title: str, rows: Sequence[Row], decimals: int) -> str:
    """Horizontal bars: the completion rate of each row, with its figures written beside.

    A long label wraps onto as many lines as it needs, its row growing with it: a name is never cut."""
    bar_width = WIDTH - LABEL_WIDTH - 150
    labels = [wrap(row.label) for row in rows]
    heights = [ROW + (len(lines) - 1) * LINE for lines in labels]
    desc = "；".join(f"{row.label}：{_figures(row.tally, decimals)}" for row in rows)
    out = [_open(chart_id, title, desc, sum(heights) + 10)]
    y = 5
    for row, lines, height in zip(rows, labels, heights, strict=True):
        rate = row.tally.rate(decimals)
        filled = 0 if rate is None else float(rate) / 100 * bar_width
        label = "".join(
            f'<tspan x="{LABEL_WIDTH - 8}" dy="{0 if index == 0 else LINE}">{html(line)}</tspan>'
            for index, line in enumerate(lines)
        )
        out.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 20}" text-anchor="end">{label}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 6}" width="{bar_width}" height="18" fill="none" stroke="{TRACK_COLOUR}"/>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 6}" width="{filled:.1f}" height="18" fill="{BAR_COLOUR}"/>'
            f'<text x="{LABEL_WIDTH + bar_width + 8}" y="{y + 20}">'
            f"{_bar_text(row.tally, decimals)}</text>"
        )
        y += height
    out.append("</svg></div>")
    return "".join(out)


def status_chart(chart_id: str, title: str, tally: Tally) -> str:
    """One bar split by status, with a legend that names each status and its count."""
    if not tally.total:
        return ""
    counts = tally.counts
    desc = "，".join(f"{status} {n} 个" for status, n in counts) + f"，共 {tally.total} 个"
    out = [_open(chart_id, title, desc, 40 + ROW * len(counts))]
    x = 0.0
    for status, n in counts:
        width = n / tally.total * WIDTH
        out.append(
            f'<rect x="{x:.1f}" y="4" width="{width:.1f}" height="24" fill="{STATUS_COLOURS[status_slug(status)]}"/>'
        )
        x += width
    for index, (status, n) in enumerate(counts):
        y = 44 + index * ROW
        out.append(
            f'<rect x="0" y="{y}" width="18" height="18" fill="{STATUS_COLOURS[status_slug(status)]}"/>'
            f'<text x="28" y="{y + 15}">{html(status)}：{n} 个（{n * 100 / tally.total:.1f}%）</text>'
        )
    out.append("</svg></div>")
    return "".join(out)


def _open(chart_id: str, title: str, desc: str, height: int) -> str:
    # The <div> makes Markdown pass the chart through as raw HTML, untouched.
    return (
        f'<div class="chart-box"><svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{html(title)}</title><desc id="{chart_id}-desc">{html(desc)}</desc>'
    )


def _figures(tally: Tally, decimals: int) -> str:
    if not tally.total:
        return NOT_LISTED
    if tally.unstated:
        return f"问题 {tally.total} 个，其中 {tally.unstated} 个的整改状态通报未写明，完成率通报未写明"
    return f"问题 {tally.total} 个，已完成 {tally.completed} 个，完成率 {tally.rate_text(decimals)}"


def _bar_text(tally: Tally, decimals: int) -> str:
    if not tally.total:
        return html(NOT_LISTED)
    if tally.unstated:
        return html(f"状态{UNSTATED}")
    return f"{tally.completed}/{tally.total}　{html(tally.rate_text(decimals))}"


def wrap(label: str, width: int = LABEL_COLUMNS) -> list[str]:
    """``label`` in lines of at most ``width`` columns (a Chinese character takes two), every character kept."""
    lines, line, used = [], "", 0
    for char in label:
        columns = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if line and used + columns > width:
            lines.append(line)
            line, used = "", 0
        line += char
        used += columns
    return [*lines, line]


STATED_COLOUR = "#0d47a1"
PLOT_LEFT, PLOT_TOP, PLOT_HEIGHT = 48, 12, 180


def history_chart(chart_id: str, title: str, points: Sequence[Point]) -> str:
    """Completed problems over time as a stepped line, each reporting day a dot with its count written
    beside it; the count the notice's text states is a square (a shape of its own, not a colour alone)."""
    top = max(p.total for p in points) or 1
    first, last = points[0].day, points[-1].day
    span = (last - first).days or 1
    width = WIDTH - PLOT_LEFT - 60

    def x(day: date) -> float:
        return PLOT_LEFT + (width / 2 if first == last else (day - first).days / span * width)

    def y(count: int) -> float:
        return PLOT_TOP + PLOT_HEIGHT - count / top * PLOT_HEIGHT

    steps = "".join(
        f" H{x(p.day):.1f} V{y(p.completed):.1f}" if i else f"M{x(p.day):.1f} {y(p.completed):.1f}"
        for i, p in enumerate(points)
    )
    desc = "；".join(
        f"{chinese_date(p.day)}已完成 {p.completed} 个（共 {p.total} 个）"
        + (f"，通报写明已完成 {p.stated} 个" if p.stated is not None else "")
        for p in points
    )
    base = PLOT_TOP + PLOT_HEIGHT
    out = [_open(chart_id, title, desc, base + 60)]
    out.append(
        f'<line x1="{PLOT_LEFT}" y1="{base}" x2="{PLOT_LEFT + width}" y2="{base}" stroke="{TRACK_COLOUR}"/>'
        f'<line x1="{PLOT_LEFT}" y1="{PLOT_TOP}" x2="{PLOT_LEFT}" y2="{base}" stroke="{TRACK_COLOUR}"/>'
        f'<text x="{PLOT_LEFT - 6}" y="{base + 5}" text-anchor="end">0</text>'
        f'<text x="{PLOT_LEFT - 6}" y="{PLOT_TOP + 5}" text-anchor="end">{top}</text>'
        f'<text x="{PLOT_LEFT}" y="{base + 22}">{chinese_date(first)}</text>'
        + (
            f'<text x="{PLOT_LEFT + width}" y="{base + 22}" text-anchor="end">{chinese_date(last)}</text>'
            if span > 1
            else ""
        )
        + f'<path d="{steps}" fill="none" stroke="{BAR_COLOUR}" stroke-width="2"/>'
    )
    for p in points:
        out.append(
            f'<circle cx="{x(p.day):.1f}" cy="{y(p.completed):.1f}" r="4" fill="{BAR_COLOUR}"/>'
            f'<text x="{x(p.day) + 7:.1f}" y="{y(p.completed) - 6:.1f}">{p.completed}</text>'
        )
        if p.stated is not None:
            out.append(
                f'<rect x="{x(p.day) - 5:.1f}" y="{y(p.stated) - 5:.1f}" width="10" height="10" '
                f'fill="none" stroke="{STATED_COLOUR}" stroke-width="2"/>'
            )
    legend = base + 44
    out.append(
        f'<circle cx="{PLOT_LEFT + 5}" cy="{legend - 5}" r="4" fill="{BAR_COLOUR}"/>'
        f'<text x="{PLOT_LEFT + 16}" y="{legend}">按整改进展算出的已完成问题数</text>'
    )
    if any(p.stated is not None for p in points):
        out.append(
            f'<rect x="{PLOT_LEFT + 300}" y="{legend - 10}" width="10" height="10" fill="none" '
            f'stroke="{STATED_COLOUR}" stroke-width="2"/>'
            f'<text x="{PLOT_LEFT + 316}" y="{legend}">通报写明的已完成问题数</text>'
        )
    out.append("</svg></div>")
    return "".join(out)
