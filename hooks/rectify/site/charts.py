"""Charts drawn at build time as inline SVG: no JavaScript, they print and work offline.

Every chart names itself and states its numbers in ``<title>``/``<desc>`` for
screen readers; pages also show the same numbers in a table beside it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

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
