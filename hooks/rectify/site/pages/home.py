"""The pages of the site's home and of each notice's home: totals, charts and the newest notices
(``site_home_page``), the list pages of every notice (``notice_list_pages``), and one notice's
overview (``home_page``)."""

from __future__ import annotations

from collections.abc import Sequence

from rectify.data.chinese import chinese_date, chinese_number
from rectify.data.history import has_history, history, site_history
from rectify.data.model import RATE_FIGURE, UNSTATED, Notice, Tally

from ..charts import NOT_LISTED, Row, completion_chart, status_chart
from ..markup import html, md
from ..opendata import STATUS_COLUMNS, completed_text, status_rows
from ..paths import (
    FEED,
    HOME,
    HOME_NOTICES,
    LIST_NOTICES,
    NOTICE_LIST,
    NOTICES_CSV,
    PROGRESS,
    PROGRESS_CSV,
    ROUND_LIST,
    SCHEMAS,
    Paths,
    Site,
    round_page,
)
from .blocks import (
    NO_FINDINGS,
    NOT_SEARCHED,
    as_of,
    due_count,
    front_matter,
    history_block,
    link,
    next_update_note,
    notice_menu,
    related,
    stated_figures,
    table_head,
    tally_sentence,
)

SITE_HISTORY = "全部通报已完成问题数的变化"


def site_home_page(site: Site) -> str:
    """The home of a site with several notices: totals across all, and the newest notices."""
    first = site.notices[0]
    decimals = first.rate_decimals
    total = Tally.of(f.current_status for n in site.notices for f in n.findings)
    shown = site.newest_first[:HOME_NOTICES]
    out = [front_matter(first, "首页", f"{len(site.notices)} 份整改情况通报：问题清单、整改状态和联系方式")]
    out.append("# 整改情况公开\n")
    out.append(f"本网站公开 {len(site.notices)} 份巡视（巡察）整改情况通报，以及每个问题的整改措施和进展。\n")
    out.append("## 全部通报合计\n")
    out.append(f"各通报列出的问题{tally_sentence(total, decimals)}\n")
    out.append(due_count((f for n in site.notices for f in n.findings), site.built))
    out.append(_figure_cards(total, decimals))
    out.append("")
    if site_history_shown(site):
        # A row for every reporting day of every notice grows with the notices: on a page of its own.
        out.append("## 整改进展的变化\n")
        out.append(
            f"全部通报已完成问题数随时间的变化（图和每个公开整改进展日期的数字）见[整改进展的变化]({link(HOME, PROGRESS)})；"
            f"数据也可以下载：[{SITE_HISTORY}（CSV）]({link(HOME, PROGRESS_CSV)})。\n"
        )
    out += rounds_list(site, HOME)
    out.append("## 最新通报\n" if site.listed else "## 各通报\n")
    out.append(
        completion_chart(
            "chart-notices",
            "最新通报整改完成率" if site.listed else "各通报整改完成率",
            [Row(f"{n.signed.year}年 {n.issuer}", n.tally) for n in shown],
            decimals,
        )
    )
    out.append("")
    out.append(_notices_table(site, HOME, shown))
    out.append(f"这张图和表格的数据也可以下载：[各通报整改完成率（CSV）]({link(HOME, NOTICES_CSV)})，含全部通报。\n")
    if site.listed:
        out.append(f"全部 {len(site.notices)} 份通报按印发日期排列在[通报列表]({link(HOME, NOTICE_LIST)})中。\n")
    out.append(f"新通报和整改进展可以用阅读器订阅：[订阅地址（Atom）]({link(HOME, FEED)})。")
    return "\n".join(out) + "\n"


def progress_pages(site: Site) -> dict[str, str]:
    """On a site of several notices that report progress: completed problems over time across all
    notices (``rectify.data.history.site_history``), as a chart, a table and CSV, at ``PROGRESS``."""
    if not site_history_shown(site):
        return {}
    # Figures only, as the charts of a notice's home: not searched (the search index stays small).
    out = [
        front_matter(
            site.notices[0], "整改进展的变化", f"全部 {len(site.notices)} 份通报{SITE_HISTORY}", searchable=False
        )
    ]
    out.append(
        f'<nav class="notice-menu" aria-label="本页的位置" {NOT_SEARCHED} markdown>\n\n'
        f"[首页]({link(PROGRESS, HOME)}) › 整改进展的变化\n\n</nav>\n"
    )
    out.append("# 整改进展的变化\n")
    out.append(
        f"本网站公开的 {len(site.notices)} 份通报合计的问题数和已完成问题数：每份通报印发或公开整改进展的日期一行，"
        "一份通报从它的印发日期起计入。\n"
    )
    out += history_block(PROGRESS, PROGRESS_CSV, "chart-history", SITE_HISTORY, site_history(site.notices))
    return {PROGRESS: "\n".join(out) + "\n"}


def site_history_shown(site: Site) -> bool:
    """Whether the site shows progress across notices (progress/ and progress.csv): several notices, some with progress."""
    return not site.single and any(has_history(n) for n in site.notices)


def notice_list_pages(site: Site) -> dict[str, str]:
    """Every notice, newest first, ``LIST_NOTICES`` to a page, with links to the neighbouring pages."""
    pages = site.list_pages()
    out = {}
    for number, (source, notices) in enumerate(pages, start=1):
        title = "全部通报" if number == 1 else f"全部通报（第 {number} 页）"
        text = [front_matter(site.notices[0], title, f"全部 {len(site.notices)} 份整改情况通报，按印发日期排列")]
        text.append(f"# {title}\n")
        text.append(
            f"本网站公开的 {len(site.notices)} 份通报，按印发日期从新到旧排列，"
            f"每页 {LIST_NOTICES} 份；这是第 {number} 页，共 {len(pages)} 页。\n"
        )
        text.append(_notices_table(site, source, notices))
        last = len(pages)
        steps = [("第一页", 1, number > 2), ("上一页", number - 1, number > 1)]
        steps += [("下一页", number + 1, number < last), ("最后一页", last, number < last - 1)]
        links = [f"[{label}]({link(source, pages[to - 1][0])})" for label, to, shown in steps if shown]
        if links:
            text.append(
                f'<nav class="list-pager" aria-label="通报列表的其他页" {NOT_SEARCHED} markdown>\n\n{" · ".join(links)}\n\n</nav>'
            )
        out[source] = "\n".join(text) + "\n"
    return out


def _notices_table(site: Site, source: str, notices: Sequence[Notice]) -> str:
    out = ["| 通报 | 发布单位 | 印发日期 | 截至 | 问题数 | 已完成 | 完成率 |\n|---|---|---|---|---|---|---|"]
    for notice in notices:
        t, decimals = notice.tally, notice.rate_decimals
        notice_link = f"[{md(notice.title)}]({link(source, site.paths(notice).home)})"
        out.append(
            f"| {notice_link} | {md(notice.issuer)} | {chinese_date(notice.signed)} | {chinese_date(notice.as_of)} "
            f"| {t.total or NOT_LISTED} | {completed_text(t)} | {t.rate_text(decimals)} |"
        )
    return "\n".join(out) + "\n"


def home_page(site: Site, notice: Notice, at: str | None = None) -> str:
    """The home of one notice, at ``<id>/``; ``at=HOME``: the same as the site's home when the
    site publishes only this notice (not searched: the notice's own home is)."""
    paths = site.paths(notice)
    source = at or paths.home
    tally, d = notice.tally, notice.rate_decimals
    i = notice.inspection
    description = f"{notice.title}：问题清单、整改状态和联系方式"
    out = [front_matter(notice, "首页" if at else notice.title, description, searchable=not at)]
    out += notice_menu(site, notice, source)
    out.append(f"# {md(notice.issuer)}{md(i.kind)}整改情况公开\n")
    out.append(
        f"本{'网站' if site.single else '栏目'}公开{md(notice.issuer)}落实{md(i.team)}{md(i.kind)}反馈意见的整改情况："
        f"[整改情况通报全文]({link(source, paths.notice)})、每个问题的整改措施和进展，以及监督渠道。"
        f"{_inspection_dates(notice)}通报于{chinese_date(notice.signed)}印发。\n"
    )
    out += related(site, notice, source)
    for rnd in (r for r in site.rounds if r.name == notice.inspection.round):
        out.append(
            f"本通报属于{md(rnd.name)}，同一轮各单位的整改情况见[{md(rnd.name)}]({link(source, round_page(rnd))})。\n"
        )
    # The figures, the charts and the lists below repeat the findings pages: not searched, as the
    # other lists of findings (at 200 notices this keeps the search index under 2 MB gzip).
    out.append(f"## 整改总体情况 {{ {NOT_SEARCHED} }}\n")
    if not notice.findings:
        out.append(f"{NO_FINDINGS}\n")
    else:
        out.append(f"{as_of(notice)}{md(i.kind)}反馈意见指出的问题{tally_sentence(tally, d)}\n")
        out.append(due_count(notice.findings, site.built))
    if note := next_update_note(site, notice):
        out.append(note)
    if stated := stated_figures(notice):
        out.append(stated)
    if notice.findings:
        rate = notice.figures.get(RATE_FIGURE)
        out.append(_figure_cards(tally, d, rate if isinstance(rate, str) else None))
        out += _status_block(source, paths, tally)
    if notice.stated_figures:
        out.append("## 通报写明的数字\n")
        out.append(f"以下数字照录{chinese_date(notice.signed)}通报原文：\n")
        out += [f"- {md(figure.name)}：{md(figure.text)}" for figure in notice.stated_figures]
        out.append("")
    if has_history(notice):
        out.append(f"## 整改进展的变化 {{ {NOT_SEARCHED} }}\n")
        out += history_block(source, paths.progress_csv, "chart-history", "已完成问题数的变化", history(notice))
    if notice.categories:
        out += _categories_progress(notice, source, paths)
    if at:  # the site's home when it publishes this one notice
        out += rounds_list(site, source)
    out.append(f"## 在本{'网站' if site.single else '栏目'}可以 {{ {NOT_SEARCHED} }}\n")

    out.append(f"- 阅读[整改情况通报全文]({link(source, paths.notice)})，与原文逐句一致；")
    out.append(f"- 在[问题清单]({link(source, paths.findings)})中按整改状态和问题分类筛选，查看每个问题的整改措施；")
    out.append(f"- 通过[联系方式]({link(source, paths.contact)})对整改落实情况提出意见建议；")
    out.append(
        f"- 下载开放数据：[通报数据（JSON）]({link(source, paths.json)})、"
        f"[问题清单（CSV，可用 Excel 打开）]({link(source, paths.csv)})，"
        + (f"[已完成问题数的变化（CSV）]({link(source, paths.progress_csv)})，" if has_history(notice) else "")
        + (f"[各整改状态的问题数（CSV）]({link(source, paths.status_csv)})，" if tally.total else "")
        + (f"[各类问题整改完成率（CSV）]({link(source, paths.categories_csv)})，" if notice.categories else "")
        + f"数据格式见 [JSON Schema]({link(source, SCHEMAS[0])})；"
    )
    out.append(f"- 用阅读器订阅[新通报和整改进展（Atom）]({link(source, FEED)})。")
    return "\n".join(out) + "\n"


def rounds_list(site: Site, source: str) -> list[str]:
    """A link to each inspection round's page (pages.rounds), for a home page."""
    if not site.rounds:
        return []
    out = [f"## 按轮次比较各单位 {{ {NOT_SEARCHED} }}\n"]
    out += [
        f"- [{md(rnd.name)}]({link(source, round_page(rnd))})："
        f"{len(rnd.units)} 个单位的问题数、完成率和已超过完成时限的问题"
        for rnd in site.rounds
    ]
    if len(site.rounds) > 1:
        out.append(f"- [全部轮次]({link(source, ROUND_LIST)})")
    out.append("")
    return out


def _categories_progress(notice: Notice, source: str, paths: Paths) -> list[str]:
    d = notice.rate_decimals
    out = [f"## 各类问题整改进度 {{ {NOT_SEARCHED} }}\n"]
    findings_categories = [c for c in notice.categories if c.findings]
    rows = [Row(f"（{chinese_number(c.number)}）{c.short}", c.tally) for c in findings_categories]
    out.append(completion_chart("chart-categories", "各类问题整改完成率", rows, d))
    out.append("")
    out.append("| 问题分类 | 问题数 | 已完成 | 完成率 | 进度 |\n|---|---|---|---|---|")
    for c in notice.categories:
        t = c.tally
        name = f"[（{chinese_number(c.number)}）{md(c.short)}]({link(source, paths.category(c))})"
        out.append(f"| {name} | {t.total} | {completed_text(t)} | {t.rate_text(d)} | {_progress_bar(t, d)} |")
    out.append(f"\n这张图和表格的数据也可以下载：[各类问题整改完成率（CSV）]({link(source, paths.categories_csv)})。\n")
    return out


def _status_block(source: str, paths: Paths, tally: Tally) -> list[str]:
    """The chart of statuses, its data as a table and as CSV."""
    chart = status_chart("chart-status", "各整改状态的问题数", tally)
    if not chart:
        return []
    out = [chart, "", table_head(STATUS_COLUMNS)]
    out += [f"| {status} | {n} | {share} |" for status, n, share in status_rows(tally)]
    out.append(f"\n这张图的数据也可以下载：[各整改状态的问题数（CSV）]({link(source, paths.status_csv)})。\n")
    return out


def _inspection_dates(notice: Notice) -> str:
    """When the inspection was and gave its findings, as far as the notice states it."""
    i = notice.inspection
    if i.start and i.end:
        period = f"{md(i.team)}于{chinese_date(i.start)}至{chinese_date(i.end)}进行{md(i.kind)}，"
    elif i.start:
        period = f"{md(i.team)}于{chinese_date(i.start)}进驻开展{md(i.kind)}（结束日期通报未写明），"
    elif i.end:
        period = f"{md(i.team)}进行{md(i.kind)}至{chinese_date(i.end)}（进驻日期通报未写明），"
    else:
        period = f"{md(i.team)}进行{md(i.kind)}的日期通报未写明，"
    feedback = f"{chinese_date(i.feedback)}反馈意见；" if i.feedback else "反馈意见的日期通报未写明；"
    return period + feedback


def _progress_bar(tally: Tally, decimals: int) -> str:
    rate = tally.rate(decimals)
    if rate is None:
        return "—"
    # Decorative: the same figure is in the neighbouring cell as text. SVG, whose width is an attribute:
    # the Content-Security-Policy refuses style attributes (rectify.site.policy).
    return (
        f'<svg class="progress" aria-hidden="true" focusable="false">'
        f'<rect class="progress__bar" width="{rate}%" height="100%"/></svg>'
    )


def _figure_cards(tally: Tally, decimals: int, stated_rate: str | None = None) -> str:
    cards = [("问题总数", f"{tally.total}", "个")]
    cards += [("整改状态通报未写明" if s == UNSTATED else s, str(n), "个") for s, n in tally.counts]
    if tally.unstated and stated_rate:
        cards.append(("整改完成率（通报写明）", stated_rate.removesuffix("%"), "%"))
    elif tally.unstated:
        cards.append(("整改完成率", UNSTATED, ""))
    else:
        cards.append(("整改完成率", tally.rate_text(decimals).removesuffix("%"), "%"))
    out = ['<ul class="figures">']
    for label, value, unit in cards:
        out.append(
            f'<li><span class="figures__value">{html(value)}<small>{unit}</small></span>'
            f'<span class="figures__label">{html(label)}</span></li>'
        )
    out.append("</ul>\n")
    return "\n".join(out)
