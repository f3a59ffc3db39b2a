"""The pages of inspection rounds: each round's units compared (``round_page``: a sortable table, a
chart, the data as CSV) and, when the site holds several rounds, their list (``rounds_page``).

The table is plain HTML (a caption, header cells with ``scope``) that reads as a table without
JavaScript; rectify.js puts a sort button in each header cell (``aria-sort``) and counts the findings
past their due date as of the reader's day (``data-dues``), the page stating them as of its build
date where no script runs (截至…).
"""

from __future__ import annotations

from datetime import date

from rectify.data.chinese import chinese_date
from rectify.data.model import UNSTATED
from rectify.data.rounds import Round, Stat, Unit, overdue

from ..charts import Row, completion_chart
from ..markup import html, md
from ..opendata import stat_text
from ..paths import HOME, ROUND_LIST, Site, round_csv, round_page
from .blocks import NOT_SEARCHED, due_count, dues_data, front_matter, link

COLUMNS = ("单位", "问题数", "已完成", "完成率", "已超过完成时限的问题", "最近一次更新")


def round_pages(site: Site) -> dict[str, str]:
    """Each round's page, and the list of rounds when there are several."""
    pages = {round_page(rnd): round_page_text(site, rnd) for rnd in site.rounds}
    if len(site.rounds) > 1:
        pages[ROUND_LIST] = rounds_page(site)
    return pages


def round_page_text(site: Site, rnd: Round) -> str:
    source = round_page(rnd)
    newest = max(rnd.notices, key=lambda n: n.signed)
    kind = "、".join(dict.fromkeys(n.inspection.kind for n in rnd.notices))
    out = [front_matter(newest, rnd.name, f"{rnd.name}：{len(rnd.units)} 个单位的整改情况比较")]
    trail = [f"[首页]({link(source, HOME)})"]
    if len(site.rounds) > 1:
        trail.append(f"[各轮{kind}]({link(source, ROUND_LIST)})")
    out.append(
        f'<nav class="notice-menu" aria-label="本页的位置" {NOT_SEARCHED} markdown>\n\n'
        f"{' › '.join(trail)} › {md(rnd.name)}\n\n</nav>\n"
    )
    out.append(f"# {md(rnd.name)}\n")
    out.append(
        f"本网站公开了{md(rnd.name)}中 {len(rnd.units)} 个单位的整改情况通报。下表逐个单位列出问题数、已完成、"
        "完成率、已超过完成时限的问题和最近一次更新的日期（通报的发布日期、整改进展的日期或进展通报的发布日期中最晚的一个）；通报没有写明的，写“通报未写明”。"
        "问题数、已完成和完成率按各问题目前的整改状态统计（含通报之后公开的整改进展），"
        "通报没有逐个列出问题的，照录通报写明的数字。\n"
    )
    out.append(due_count((f for n in rnd.notices for f in n.findings), site.built))
    out.append(_table(site, rnd, source))
    out.append(
        f'<p class="due-asof" {NOT_SEARCHED}><span class="due__built">已超过完成时限的问题截至'
        f"{chinese_date(site.built)}（生成网页的日期）计算。</span>"
        '<span class="due__now" hidden></span></p>\n'
    )
    decimals = newest.rate_decimals
    rows = [Row(unit.notice.issuer, unit.notice.tally) for unit in rnd.units]
    out.append(completion_chart("chart-round", f"{rnd.name}各单位整改完成率", rows, decimals))
    out.append("")
    out.append(
        f"这张图和上表的数据也可以下载：[{md(rnd.name)}各单位整改情况（CSV）]({link(source, round_csv(rnd))})。\n"
    )
    return "\n".join(out) + "\n"


def _table(site: Site, rnd: Round, source: str) -> str:
    """The units as an HTML table (md_in_html: the links are Markdown, so MkDocs checks and rewrites them)."""
    # The unit's name sorts as text, the other columns as numbers (dates as YYYY-MM-DD).
    kinds = [' data-sort-type="text"', *[""] * (len(COLUMNS) - 1)]
    heads = "".join(f'<th scope="col"{kind}>{name}</th>' for kind, name in zip(kinds, COLUMNS, strict=True))
    out = [
        f'<table data-sortable="" {NOT_SEARCHED}="" markdown="block">',
        f"<caption>{md(rnd.name)}各单位的整改情况</caption>",  # md: the table is Markdown inside (md_in_html)
        f'<thead markdown="block"><tr markdown="block">{heads}</tr></thead>',
        '<tbody markdown="block">',
    ]
    for unit in rnd.units:
        out.append(
            '<tr markdown="block">'
            f'<th scope="row" data-sort="{html(unit.notice.issuer)}" markdown="span">{_unit_cell(site, unit, source)}</th>'
            f"{_stat_cell(unit.problems)}{_stat_cell(unit.completed)}{_stat_cell(unit.rate, '%')}"
            f"{_overdue_cell(unit, site.built)}"
            f'<td data-sort="{unit.updated.isoformat()}">{chinese_date(unit.updated)}</td>'
            "</tr>"
        )
    out += ["</tbody>", "</table>\n"]
    return "\n".join(out)


def _unit_cell(site: Site, unit: Unit, source: str) -> str:
    notice = unit.notice
    cell = f"[{md(notice.issuer)}]({link(source, site.paths(notice).home)})"
    later = site.updated_by(notice)
    if later:
        dates = "、".join(f"[{chinese_date(n.signed)}]({link(source, site.paths(n).home)})" for n in later)
        cell += f"（进展通报：{dates}）"
    return cell


def _stat_cell(stat: Stat, unit: str = "") -> str:
    return f'<td data-sort="{"" if stat.value is None else stat.value}">{stat_text(stat, unit)}</td>'


def _overdue_cell(unit: Unit, built: date) -> str:
    """Counted as of ``built``; rectify.js counts again as of the reader's day from ``data-dues``."""
    if not unit.listed:
        return f'<td data-sort="">{UNSTATED}</td>'
    count = overdue(unit, built)
    note = f"（另有 {unit.undated} 个未完成的问题通报未写明完成时限）" if unit.undated else ""
    return (
        f'<td data-sort="{count}" data-dues="{dues_data(unit.dues)}"><span class="due__built">{count}</span>'
        f'<span class="due__now" hidden></span>{note}</td>'
    )


def rounds_page(site: Site) -> str:
    """Every round the site's notices name, the newest first."""
    newest = site.newest_first[0]
    out = [front_matter(newest, "各轮巡视巡察", f"{len(site.rounds)} 轮巡视（巡察）各单位整改情况的比较")]
    out.append("# 各轮巡视巡察\n")
    out.append("每一轮列出其中各单位的整改情况通报，点轮次的名称查看各单位的比较。\n")
    out.append("| 轮次 | 单位数 | 单位 |\n|---|---|---|")
    for rnd in site.rounds:
        names = "、".join(md(unit.notice.issuer) for unit in rnd.units)
        out.append(f"| [{md(rnd.name)}]({link(ROUND_LIST, round_page(rnd))}) | {len(rnd.units)} | {names} |")
    return "\n".join(out) + "\n"
