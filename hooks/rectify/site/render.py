"""Render a notice model into Markdown pages. Pure: no MkDocs, no files.

Links are written as relative links between ``.md`` source paths so that MkDocs
checks them and rewrites them for every URL layout (sub-path, ``file://``).
Every string from data goes through ``text.md`` or ``text.html``.
"""

from __future__ import annotations

import json
import posixpath
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from rectify.data.chinese import chinese_date, chinese_number
from rectify.data.model import (
    COUNTED_FIGURES,
    RATE_FIGURE,
    STATUSES,
    UNSTATED,
    Category,
    Contact,
    Evidence,
    Finding,
    Notice,
    Subproblem,
    Tally,
    status_of_wording,
    status_slug,
)

from .charts import NOT_LISTED, Row, completion_chart, status_chart
from .markup import html, md, md_words
from .opendata import findings_csv, notice_json

HOME = "index.md"
ACCESSIBILITY = "accessibility.md"
FEED = "feed.xml"
SCHEMAS = ("schema/notice.schema.json", "schema/findings.schema.json")
# A site of many notices: the home shows the newest, list pages show them all, a bounded
# number each, so that no page grows with the number of notices.
HOME_NOTICES = 10
LIST_NOTICES = 50
NOTICE_LIST = "notices/index.md"
# Material's search skips an element with this attribute. Given to what many pages repeat (menus,
# pagers, the contact channels under every finding): otherwise every page is a result for them.
NOT_SEARCHED = "data-search-exclude"
# Shown by rectify.js (it stays hidden without JavaScript); never printed.
NO_FINDINGS = "通报没有逐个列出反馈的问题，整改情况见通报全文。"
PRINT_BUTTON = (
    f'<p class="print-actions" {NOT_SEARCHED}><button type="button" class="print-button" hidden>打印</button></p>\n'
)


@dataclass(frozen=True)
class Paths:
    """Where one notice's pages live: always under ``<id>/``, however many notices the site holds,
    so that adding a notice moves no page. ``Paths("")`` is where the single-notice layout of
    earlier versions put them (now redirects, see ``moved_pages``)."""

    base: str = ""

    @property
    def home(self) -> str:
        return f"{self.base}index.md"

    @property
    def notice(self) -> str:
        return f"{self.base}notice.md"

    @property
    def findings(self) -> str:
        return f"{self.base}findings/index.md"

    @property
    def contact(self) -> str:
        return f"{self.base}contact.md"

    @property
    def print(self) -> str:
        return f"{self.base}print.md"

    @property
    def json(self) -> str:
        return f"{self.base}notice.json"

    @property
    def csv(self) -> str:
        return f"{self.base}findings.csv"

    def finding(self, finding: Finding) -> str:
        return f"{self.base}findings/{finding.id}.md"

    def category(self, category: Category) -> str:
        return f"{self.base}categories/{category.id}.md"


# Where the single-notice layout of earlier versions published a notice's pages.
ROOT_PATHS = Paths("")


@dataclass(frozen=True)
class Site:
    """All notices of a site, and where each one's pages are."""

    notices: tuple[Notice, ...]

    @property
    def single(self) -> bool:
        return len(self.notices) == 1

    def paths(self, notice: Notice) -> Paths:
        return Paths(f"{notice.id}/")

    def notice(self, notice_id: str) -> Notice:
        return next(n for n in self.notices if n.id == notice_id)

    def updated_by(self, notice: Notice) -> list[Notice]:
        """Later notices that report progress on ``notice``."""
        return [n for n in self.notices if n.updates == notice.id]

    @property
    def newest_first(self) -> list[Notice]:
        return sorted(self.notices, key=lambda n: (n.signed, n.id), reverse=True)

    @property
    def listed(self) -> bool:
        """Whether the notices need list pages: more than the home shows."""
        return len(self.notices) > HOME_NOTICES

    @property
    def all_notices(self) -> str:
        """The page that leads to every notice."""
        return NOTICE_LIST if self.listed else HOME

    def list_pages(self) -> list[tuple[str, list[Notice]]]:
        """Each list page's source path and its notices, newest first."""
        newest = self.newest_first
        chunks = [newest[start : start + LIST_NOTICES] for start in range(0, len(newest), LIST_NOTICES)]
        return [
            (NOTICE_LIST if number == 1 else f"notices/{number}.md", chunk) for number, chunk in enumerate(chunks, 1)
        ]


def site_pages(notices: Sequence[Notice]) -> dict[str, str]:
    """Every generated Markdown page of the site: source path → Markdown."""
    site = Site(tuple(notices))
    pages = {ACCESSIBILITY: accessibility_page(site)}
    if site.single:
        # The site's home shows its one notice's summary; the notice's own home is under its ID.
        pages[HOME] = home_page(site, site.notices[0], at=HOME)
    else:
        pages[HOME] = site_home_page(site)
    if site.listed:
        pages.update(notice_list_pages(site))
    for notice in site.notices:
        paths = site.paths(notice)
        pages[paths.home] = home_page(site, notice)
        pages[paths.notice] = notice_page(site, notice)
        pages[paths.findings] = findings_page(site, notice)
        pages[paths.contact] = contact_page(site, notice)
        pages[paths.print] = print_page(site, notice)
        for category in notice.categories:
            pages[paths.category(category)] = category_page(site, notice, category)
        for finding in notice.findings:
            pages[paths.finding(finding)] = finding_page(site, notice, finding)
    return pages


def data_files(notices: Sequence[Notice], root_notice: str | None = None) -> dict[str, str]:
    """Open data for every notice: the model as JSON and the findings as CSV; the files of
    ``root_notice`` also where the single-notice layout published them (the site root)."""
    site = Site(tuple(notices))
    files = {}
    for notice in site.notices:
        paths = site.paths(notice)
        files[paths.json] = notice_json(notice)
        files[paths.csv] = findings_csv(notice)
        if notice.id == root_notice:
            files[ROOT_PATHS.json] = files[paths.json]
            files[ROOT_PATHS.csv] = files[paths.csv]
    return files


@dataclass(frozen=True)
class Moved:
    """A page that earlier versions published elsewhere: its new source path and title."""

    target: str
    title: str


def moved_pages(notices: Sequence[Notice], root_notice: str) -> dict[str, Moved]:
    """The pages the single-notice layout put at the site root (``notice.md``, ``findings/<id>.md``,
    …) → where ``root_notice``'s pages are now. The site home (``index.md``) stays where it was."""
    site = Site(tuple(notices))
    notice = site.notice(root_notice)
    new = site.paths(notice)
    moved = {
        ROOT_PATHS.notice: Moved(new.notice, notice.title),
        ROOT_PATHS.findings: Moved(new.findings, "问题清单"),
        ROOT_PATHS.contact: Moved(new.contact, "联系方式"),
        ROOT_PATHS.print: Moved(new.print, f"{notice.title}（打印全文）"),
    }
    for category in notice.categories:
        label = f"（{chinese_number(category.number)}）{category.short}"
        moved[ROOT_PATHS.category(category)] = Moved(new.category(category), label)
    for finding in notice.findings:
        moved[ROOT_PATHS.finding(finding)] = Moved(new.finding(finding), f"问题{finding.number}：{finding.short}")
    return moved


def redirect_page(title: str, href: str, canonical: str) -> str:
    """A small page that sends readers (and search engines) on to a page's new URL."""
    return (
        "<!doctype html>\n"
        '<html lang="zh-CN">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{html(title)}（本页已迁移）</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{html(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={html(href)}">\n'
        "</head>\n"
        "<body>\n"
        f'<p>本页已迁移到新网址：<a href="{html(href)}">{html(title)}</a>。</p>\n'
        "</body>\n"
        "</html>\n"
    )


def nav(notices: Sequence[Notice]) -> list[dict[str, object]]:
    """The site navigation for MkDocs' ``nav`` setting.

    One notice: all its pages. Several: only the site's own pages, so that a
    page's size does not grow with the number of notices; each notice's pages
    carry their own menu.
    """
    site = Site(tuple(notices))
    if not site.single:
        listed = [{"全部通报": NOTICE_LIST}] if site.listed else []
        return [{"首页": HOME}, *listed, {"无障碍声明": ACCESSIBILITY}]
    (notice,) = site.notices
    paths = site.paths(notice)
    # MkDocs themes insert nav titles as HTML, so data text is escaped here.
    categories = [{html(f"（{chinese_number(c.number)}）{c.short}"): paths.category(c)} for c in notice.categories]
    return [
        {"首页": HOME},
        {"整改情况通报": paths.notice},
        {"问题清单": [{"全部问题": paths.findings}, *categories]},
        {"联系方式": paths.contact},
        {"无障碍声明": ACCESSIBILITY},
    ]


# --- building blocks -------------------------------------------------------


def _link(source: str, target: str, anchor: str = "") -> str:
    """A relative link from page ``source`` to page ``target``."""
    relative = _relative(target, posixpath.dirname(source))
    return relative + (f"#{anchor}" if anchor else "")


def _relative(path: str, start: str) -> str:
    """``posixpath.relpath(path, start or ".")`` for the site's own paths, which have no
    ``.`` or ``..`` parts, without its two ``abspath`` calls (they took a third of the time
    of rendering 200 notices)."""
    to, start_parts = path.split("/"), start.split("/") if start else []
    common = 0
    while common < min(len(to), len(start_parts)) and to[common] == start_parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + to[common:]) or "."


def _front_matter(notice: Notice, title: str, description: str, *, searchable: bool = True) -> str:
    """Page title and description (escaped: themes insert them as HTML), and the
    metadata government sites carry (``gov``: the template escapes those)."""
    gov = {
        "ArticleTitle": title,
        "PubDate": notice.published.isoformat(),
        "ContentSource": notice.issuer,
        "ColumnName": notice.column or "",
        "SiteName": notice.site,
        "Description": description,
        "Keywords": ",".join(dict.fromkeys([notice.inspection.kind, "整改", *notice.keywords])),
    }
    fields: dict[str, object] = {"title": html(title), "description": html(description), "gov": gov}
    if not searchable:
        fields["search"] = {"exclude": True}
    # JSON is valid YAML, so no text from data can break out of the front matter.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items()]
    return "---\n" + "".join(lines) + "---\n\n"


def status_badge(status: str) -> str:
    """The status as words; the colour only adds to them."""
    return f'<span class="status status--{status_slug(status)}">{html(status)}</span>'


def _finding_anchor(finding: Finding) -> str:
    return f"finding-{finding.id}"


def _detail_anchor(finding: Finding) -> str:
    return f"detail-{finding.id}"


def _category_anchor(category: Category) -> str:
    return f"category-{category.id}"


def _measures_list(finding: Finding | Subproblem) -> list[str]:
    if finding.numbered:
        return [f"- {chinese_number(i)}是{md(m)}" for i, m in enumerate(finding.measures, start=1)]
    return [f"- {md(m)}" for m in finding.measures]


def _measures_text(finding: Finding | Subproblem) -> str:
    if not finding.numbered:
        return "".join(finding.measures)
    return "".join(f"{chinese_number(i)}是{m}" for i, m in enumerate(finding.measures, start=1))


def _wording_note(status_text: str | None) -> str:
    """The notice's own wording of a status, after the status shown; says when it was not mapped."""
    if status_text is None:
        return ""
    if status_of_wording(status_text) is None:
        return f"（通报原文写作“{status_text}”；这种写法不在整改状态对照表中，没有换算成整改状态）"
    return f"（通报原文写作“{status_text}”）"


def _status_md(status: str, status_text: str | None) -> str:
    """For a Markdown paragraph: the badge, and the wording escaped for Markdown."""
    return status_badge(status) + md(_wording_note(status_text))


def _subproblems(finding: Finding, heading: str) -> list[str]:
    """Each sub-problem with its own status (when stated) and measures."""
    out = []
    for number, sub in enumerate(finding.subproblems, start=1):
        out.append(f"{heading} （{number}）{md(sub.quote)}\n")
        if sub.status or sub.status_text:
            out.append(f"整改状态：{_status_md(sub.status or UNSTATED, sub.status_text)}\n")
        out += _measures_list(sub)
        out.append("")
    return out


def _subproblems_text(finding: Finding) -> Iterator[str]:
    """The sub-problems as the notice writes them: （1）关于“…”的问题。一是…二是…"""
    for number, sub in enumerate(finding.subproblems, start=1):
        status = f"整改状态：{sub.status_text or sub.status}。" if sub.status_text or sub.status else ""
        yield f"（{number}）{md(sub.quote)}{md(status)}{md(_measures_text(sub))}\n"


def _tally_sentence(tally: Tally, decimals: int) -> str:
    """E.g. 共 19 个，已完成整改 16 个，长期整改 3 个，整改完成率 84.2%。"""
    parts = [f"共 {tally.total} 个"]
    parts += [f"{_status_words(status)} {n} 个" for status, n in tally.counts]
    rate = tally.rate_text(decimals)
    return "，".join(parts) + (f"，整改完成率{rate}。" if rate == UNSTATED else f"，整改完成率 {rate}。")


def _completed_cell(tally: Tally) -> str:
    """Completed findings; when statuses are missing, says so instead of a count that looks final."""
    if not tally.total:
        return "—"
    if not tally.unstated:
        return str(tally.completed)
    if tally.unstated == tally.total:
        return UNSTATED
    return f"{tally.completed}（另有 {tally.unstated} 个{UNSTATED}）"


def _status_words(status: str) -> str:
    if status == UNSTATED:
        return "整改状态通报未写明的"
    return "已完成整改" if status == "已完成" else status


def _stated_figures(notice: Notice) -> str:
    """The counted figures as the notice states them, when the findings do not state every status
    (so the site cannot count them itself); empty otherwise."""
    if notice.findings and not notice.stated_tally.unstated:
        return ""
    stated = [(name, value) for name, value in notice.figures.items() if name in COUNTED_FIGURES]
    rate = notice.figures.get(RATE_FIGURE)
    if not stated and rate is None:
        return ""
    parts = [f"{md(name)} {value} 个" for name, value in stated]
    if rate is not None:
        parts.append(f"整改完成率 {md(str(rate))}")
    return f"通报写明（{chinese_date(notice.signed)}）：{'，'.join(parts)}。\n"


def _progress_bar(tally: Tally, decimals: int) -> str:
    rate = tally.rate(decimals)
    if rate is None:
        return "—"
    # Decorative: the same figure is in the neighbouring cell as text.
    return (
        f'<span class="progress" aria-hidden="true"><span class="progress__bar" style="width: {rate}%"></span></span>'
    )


def _contact_lines(contact: Contact) -> Iterator[str]:
    """Phone as tel:, email as mailto:, the postal address as text."""
    if contact.phone:
        dial = "".join(ch for ch in contact.phone if ch.isdigit() or ch == "+")
        yield f"电话：[{md(contact.phone)}](tel:{dial})。"
    if contact.address:
        yield f"{md(contact.address_label)}：{md(contact.address)}。"
    if contact.email:
        yield f"电子邮箱：[{md(contact.email)}](mailto:{contact.email})。"


def _duties(finding: Finding) -> list[tuple[str, str]]:
    """Who answers for a finding and by when, as (label, Markdown) pairs; only what the data states."""
    stated = [
        ("责任领导", finding.lead),
        ("牵头部门", finding.department),
        ("配合部门", "、".join(finding.partners) or None),
        ("整改责任人", finding.responsible),
        ("完成时限", finding.deadline),
    ]
    duties = [(label, md(value)) for label, value in stated if value]
    if finding.closed:
        duties.append(("销号日期", chinese_date(finding.closed)))
    return duties


def _evidence(evidence: Evidence) -> str:
    """A piece of evidence as a list item's Markdown; its link only ever an http(s) address (schema)."""
    if evidence.link:
        return f'<a href="{html(evidence.link)}">{md(evidence.text)}</a>'
    return md(evidence.text)


def _findings_table(
    source: str,
    paths: Paths,
    notice: Notice,
    findings: tuple[Finding, ...],
    *,
    with_category: bool,
    in_print: bool = False,
) -> str:
    """The findings as a table; ``in_print`` links each to its part of the printed document."""
    # Columns a ledger adds appear only when some finding states them (after the filter's columns).
    extra = [
        (name, cell)
        for name, cell in (
            ("责任领导", lambda f: md(f.lead or "—")),
            ("牵头部门", lambda f: md(f.department or "—")),
            ("佐证材料", lambda f: f"{len(f.evidence)} 项" if f.evidence else "—"),
            ("销号日期", lambda f: chinese_date(f.closed) if f.closed else "—"),
        )
        if any(cell(f) != "—" for f in findings)
    ]
    head = ["序号", *(["分类"] if with_category else []), "问题", "整改状态", "整改责任人", "完成时限"]
    head += [name for name, _ in extra]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for f in findings:
        category = notice.category(f.category_id)
        category_cell = (
            md(category.short) if in_print else f"[{md(category.short)}]({_link(source, paths.category(category))})"
        )
        finding_href = f"#{_detail_anchor(f)}" if in_print else _link(source, paths.finding(f))
        cells = [
            str(f.number),
            *([category_cell] if with_category else []),
            f"[{md(f.short)}]({finding_href})",
            status_badge(f.current_status),
            md(f.responsible or "—"),
            md(f.deadline or "—"),
            *(cell(f) for _, cell in extra),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _as_of(notice: Notice) -> str:
    """The day the figures hold for, as a sentence."""
    if notice.as_of == notice.signed:
        return f"以下情况截至{chinese_date(notice.as_of)}（通报印发之日）。"
    return f"以下情况截至{chinese_date(notice.as_of)}（最近一次整改进展）。"


def _notice_menu(site: Site, notice: Notice, source: str) -> list[str]:
    """Links between one notice's pages, for sites that hold several notices."""
    if site.single:
        return []
    paths = site.paths(notice)
    links = [
        ("概况", paths.home),
        ("通报全文", paths.notice),
        ("问题清单", paths.findings),
        ("联系方式", paths.contact),
    ]
    items = " · ".join(f"[{label}]({_link(source, target)})" for label, target in links)
    return [
        f'<nav class="notice-menu" aria-label="本通报的页面" {NOT_SEARCHED} markdown>\n\n[全部通报]({_link(source, site.all_notices)}) › {md(notice.title)}：{items}\n\n</nav>\n'
    ]


def _related(site: Site, notice: Notice, source: str) -> list[str]:
    """Links between a notice and the progress notices that update it."""
    out = []
    if notice.updates:
        earlier = site.notice(notice.updates)
        out.append(
            f"本通报是对[{md(earlier.title)}]({_link(source, site.paths(earlier).notice)})"
            f"（{chinese_date(earlier.signed)}）所列问题整改进展的通报。\n"
        )
    for later in site.updated_by(notice):
        out.append(
            f"后续整改进展见[{md(later.title)}]({_link(source, site.paths(later).notice)})"
            f"（{chinese_date(later.signed)}）。\n"
        )
    return out


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


# --- pages -----------------------------------------------------------------


def site_home_page(site: Site) -> str:
    """The home of a site with several notices: totals across all, and the newest notices."""
    first = site.notices[0]
    decimals = first.rate_decimals
    total = Tally.of(f.current_status for n in site.notices for f in n.findings)
    shown = site.newest_first[:HOME_NOTICES]
    out = [_front_matter(first, "首页", f"{len(site.notices)} 份整改情况通报：问题清单、整改状态和联系方式")]
    out.append("# 整改情况公开\n")
    out.append(f"本网站公开 {len(site.notices)} 份巡视（巡察）整改情况通报，以及每个问题的整改措施和进展。\n")
    out.append("## 全部通报合计\n")
    out.append(f"各通报列出的问题{_tally_sentence(total, decimals)}\n")
    out.append(_figure_cards(total, decimals))
    out.append("")
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
    if site.listed:
        out.append(f"全部 {len(site.notices)} 份通报按印发日期排列在[通报列表]({_link(HOME, NOTICE_LIST)})中。\n")
    out.append(f"新通报和整改进展可以用阅读器订阅：[订阅地址（Atom）]({_link(HOME, FEED)})。")
    return "\n".join(out) + "\n"


def notice_list_pages(site: Site) -> dict[str, str]:
    """Every notice, newest first, ``LIST_NOTICES`` to a page, with links to the neighbouring pages."""
    pages = site.list_pages()
    out = {}
    for number, (source, notices) in enumerate(pages, start=1):
        title = "全部通报" if number == 1 else f"全部通报（第 {number} 页）"
        text = [_front_matter(site.notices[0], title, f"全部 {len(site.notices)} 份整改情况通报，按印发日期排列")]
        text.append(f"# {title}\n")
        text.append(
            f"本网站公开的 {len(site.notices)} 份通报，按印发日期从新到旧排列，"
            f"每页 {LIST_NOTICES} 份；这是第 {number} 页，共 {len(pages)} 页。\n"
        )
        text.append(_notices_table(site, source, notices))
        last = len(pages)
        steps = [("第一页", 1, number > 2), ("上一页", number - 1, number > 1)]
        steps += [("下一页", number + 1, number < last), ("最后一页", last, number < last - 1)]
        links = [f"[{label}]({_link(source, pages[to - 1][0])})" for label, to, shown in steps if shown]
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
        link = f"[{md(notice.title)}]({_link(source, site.paths(notice).home)})"
        out.append(
            f"| {link} | {md(notice.issuer)} | {chinese_date(notice.signed)} | {chinese_date(notice.as_of)} "
            f"| {t.total or NOT_LISTED} | {_completed_cell(t)} | {t.rate_text(decimals)} |"
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
    out = [_front_matter(notice, "首页" if at else notice.title, description, searchable=not at)]
    out += _notice_menu(site, notice, source)
    out.append(f"# {md(notice.issuer)}{md(i.kind)}整改情况公开\n")
    out.append(
        f"本{'网站' if site.single else '栏目'}公开{md(notice.issuer)}落实{md(i.team)}{md(i.kind)}反馈意见的整改情况："
        f"[整改情况通报全文]({_link(source, paths.notice)})、每个问题的整改措施和进展，以及监督渠道。"
        f"{_inspection_dates(notice)}通报于{chinese_date(notice.signed)}印发。\n"
    )
    out += _related(site, notice, source)
    # The figures, the charts and the lists below repeat the findings pages: not searched, as the
    # other lists of findings (at 200 notices this keeps the search index under 2 MB gzip).
    out.append(f"## 整改总体情况 {{ {NOT_SEARCHED} }}\n")
    if not notice.findings:
        out.append(f"{NO_FINDINGS}\n")
    else:
        out.append(f"{_as_of(notice)}{md(i.kind)}反馈意见指出的问题{_tally_sentence(tally, d)}\n")
    if stated := _stated_figures(notice):
        out.append(stated)
    if notice.findings:
        rate = notice.figures.get(RATE_FIGURE)
        out.append(_figure_cards(tally, d, rate if isinstance(rate, str) else None))
        out.append(status_chart("chart-status", "各整改状态的问题数", tally))
        out.append("")
    if notice.stated_figures:
        out.append("## 通报写明的数字\n")
        out.append(f"以下数字照录{chinese_date(notice.signed)}通报原文：\n")
        out += [f"- {md(figure.name)}：{md(figure.text)}" for figure in notice.stated_figures]
        out.append("")
    if notice.categories:
        out += _categories_progress(notice, source, paths)
    out.append(f"## 在本{'网站' if site.single else '栏目'}可以 {{ {NOT_SEARCHED} }}\n")

    out.append(f"- 阅读[整改情况通报全文]({_link(source, paths.notice)})，与原文逐句一致；")
    out.append(f"- 在[问题清单]({_link(source, paths.findings)})中按整改状态和问题分类筛选，查看每个问题的整改措施；")
    out.append(f"- 通过[联系方式]({_link(source, paths.contact)})对整改落实情况提出意见建议；")
    out.append(
        f"- 下载开放数据：[通报数据（JSON）]({_link(source, paths.json)})、"
        f"[问题清单（CSV，可用 Excel 打开）]({_link(source, paths.csv)})，"
        f"数据格式见 [JSON Schema]({_link(source, SCHEMAS[0])})；"
    )
    out.append(f"- 用阅读器订阅[新通报和整改进展（Atom）]({_link(source, FEED)})。")
    return "\n".join(out) + "\n"


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
        name = f"[（{chinese_number(c.number)}）{md(c.short)}]({_link(source, paths.category(c))})"
        out.append(f"| {name} | {t.total} | {_completed_cell(t)} | {t.rate_text(d)} | {_progress_bar(t, d)} |")
    out.append("")
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


def notice_page(site: Site, notice: Notice) -> str:
    paths = site.paths(notice)
    source = paths.notice
    out = [_front_matter(notice, notice.title, f"{notice.issuer}巡视整改情况通报全文")]
    out += _notice_menu(site, notice, source)
    # Not printed, as the menu: on paper the official document starts at its title.
    out += [f"{line}{{: .notice-related }}\n" for line in _related(site, notice, source)]
    out.append(PRINT_BUTTON)
    out.append(_info_index(notice))
    out += _notice_text(notice, lambda f: _link(source, paths.finding(f)))
    out.append(
        f"[打印全文（通报、问题清单、每个问题的整改情况和联系方式）]({_link(source, paths.print)}){{ .print-link }}\n"
    )
    out.append(
        f"开放数据：[通报数据（JSON）]({_link(source, paths.json)}){{ .print-link }} · "
        f"[问题清单（CSV）]({_link(source, paths.csv)}){{ .print-link }} · "
        f"[数据格式（JSON Schema）]({_link(source, SCHEMAS[0])}){{ .print-link }}\n"
        "{: .print-links }"  # not printed: the links are hidden there, so the line would stand empty
    )
    return "\n".join(out) + "\n"


def _info_index(notice: Notice) -> str:
    """The information index government portals show above a document (索引号, 发布机构, …),
    in their usual two-column order; only what ``notice.yml`` states, never the build's date."""
    items = [
        ("索引号", notice.index_no),
        ("主题分类", notice.subject),
        ("发布机构", notice.publisher or notice.issuer),
        ("成文日期", chinese_date(notice.signed)),
        ("文号", notice.doc_no),
        ("发布日期", chinese_date(notice.published)),
    ]
    rows = "".join(f"<div><dt>{label}</dt><dd>{html(value)}</dd></div>\n" for label, value in items if value)
    return f'<dl class="info-index">\n{rows}</dl>\n'


def _notice_text(notice: Notice, finding_href: Callable[[Finding], str]) -> list[str]:
    """The official text, title to date; each finding's heading links to ``finding_href``."""
    out = ['<div class="notice-text" markdown>\n']
    out.append(f"# {md_words(notice.title)}\n")
    out += [f"{md(p)}\n" for p in notice.intro]
    for s_number, section in enumerate(notice.sections, start=1):
        out.append(f"## {chinese_number(s_number)}、{md(section.heading)} {{ #part-{s_number} }}\n")
        out += [f"{md(p)}\n" for p in section.paragraphs]
        for p_number, part in enumerate(section.parts, start=1):
            out.append(f"### （{chinese_number(p_number)}）{md(part.heading)} {{ #part-{s_number}-{p_number} }}\n")
            out += [f"{md(p)}\n" for p in part.paragraphs]
        if section.holds_findings:
            out += list(_notice_categories(notice, finding_href))
    out.append(f"{md(notice.contact.intro)}联系方式：\n")
    out += [f"{line}\n" for line in _contact_lines(notice.contact)]
    signed = chinese_date(notice.signed)
    # GB/T 9704-2012 7.3.5.2: a date longer than the signer is set two characters in from the
    # right and the signer is centred over it (print.css); otherwise the signer is two in.
    longer = " notice-signature--date-longer" if _width(signed) > _width(notice.signer) else ""
    out.append(f'<p class="notice-signature{longer}"><span>{html(notice.signer)}</span><br><span>{signed}</span></p>\n')
    out.append("</div>\n")
    return out


def _width(text: str) -> float:
    """Width in characters of the text grid: wide and full-width characters 1, others ½."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _notice_categories(notice: Notice, finding_href: Callable[[Finding], str]) -> Iterator[str]:
    for category in notice.categories:
        yield f"### （{chinese_number(category.number)}）{md(category.title)} {{ #{_category_anchor(category)} }}\n"
        yield from (f"{md(p)}\n" for p in category.paragraphs)
        for f in category.findings:
            # Searched on the finding's own page, which says the same; one result per finding, not two.
            yield f"#### [{f.number}\\.{md(f.quote)}]({finding_href(f)}) {{ #{_finding_anchor(f)} {NOT_SEARCHED} }}\n"
            if f.status_text:
                yield f"整改状态：{md(f.status_text)}\n"
            if f.measures:
                yield f"{md(_measures_text(f))}\n"
            yield from _subproblems_text(f)


def findings_page(site: Site, notice: Notice) -> str:
    paths = site.paths(notice)
    out = [_front_matter(notice, "问题清单", f"{notice.title}：全部 {notice.tally.total} 个问题的整改状态")]
    out += _notice_menu(site, notice, paths.findings)
    out.append("# 问题清单\n")
    if not notice.findings:
        out.append(f"{NO_FINDINGS}\n")
        out.append(_stated_figures(notice))
        return "\n".join(out) + "\n"
    out.append(
        f"{_as_of(notice)}{md(notice.inspection.kind)}反馈意见指出的问题{_tally_sentence(notice.tally, notice.rate_decimals)}\n"
    )
    if stated := _stated_figures(notice):
        out.append(stated)
    out.append(_filter_form(notice))
    # The table repeats every finding's title and status; each is found on its own page.
    out.append(f"<div {NOT_SEARCHED} markdown>\n")
    out.append(_findings_table(paths.findings, paths, notice, notice.findings, with_category=True))
    out.append("\n</div>")
    out.append(f"\n整张表格也可以下载：[问题清单（CSV，可用 Excel 打开）]({_link(paths.findings, paths.csv)})。")
    return "\n".join(out) + "\n"


def _filter_form(notice: Notice) -> str:
    """Filters enhanced by rectify.js; hidden until the script shows them."""
    shown = [*STATUSES, *([UNSTATED] if any(f.current_status == UNSTATED for f in notice.findings) else [])]
    statuses = "".join(f'<option value="{html(s)}">{html(s)}</option>' for s in shown)
    categories = "".join(f'<option value="{html(c.short)}">{html(c.short)}</option>' for c in notice.categories)
    return (
        f'<form class="findings-filter" data-status-column="3" data-category-column="1" {NOT_SEARCHED} hidden>\n'
        '<label for="filter-status">按整改状态</label>\n'
        f'<select id="filter-status" name="status"><option value="">全部</option>{statuses}</select>\n'
        '<label for="filter-category">按问题分类</label>\n'
        f'<select id="filter-category" name="category"><option value="">全部</option>{categories}</select>\n'
        '<output class="findings-filter__count" aria-live="polite"></output>\n'
        "</form>\n"
    )


def category_page(site: Site, notice: Notice, category: Category) -> str:
    paths = site.paths(notice)
    source = paths.category(category)
    label = f"（{chinese_number(category.number)}）{category.short}"
    out = [_front_matter(notice, label, category.title)]
    out += _notice_menu(site, notice, source)
    out.append(f"# {md(label)}\n")
    out.append(f'<p class="lead">{html(category.title)}</p>\n')
    out += [f"{md(p)}\n" for p in category.paragraphs]
    if category.findings:
        out.append(f"## 问题和整改状态 {{ {NOT_SEARCHED} }}\n")
        out.append(f"{_as_of(notice)}本类{_tally_sentence(category.tally, notice.rate_decimals)}\n")
        out.append(_findings_table(source, paths, notice, category.findings, with_category=False))
        out.append("")
    out.append(
        f"在[整改情况通报]({_link(source, paths.notice, _category_anchor(category))})中查看本类问题的原文。\n"
        f"{{: {NOT_SEARCHED} }}"
    )
    return "\n".join(out) + "\n"


def finding_page(site: Site, notice: Notice, finding: Finding) -> str:
    paths = site.paths(notice)
    source = paths.finding(finding)
    category = notice.category(finding.category_id)
    out = [_front_matter(notice, f"问题{finding.number}：{finding.short}", finding.problem)]
    out += _notice_menu(site, notice, source)
    out.append(f"# 问题{finding.number}：{md(finding.short)}\n")
    wording = finding.progress[-1].status_text if finding.progress else finding.status_text
    status = status_badge(finding.current_status) + html(_wording_note(wording))
    out.append(f'<p class="finding-status">整改状态：{status}</p>\n')
    out.append(PRINT_BUTTON)
    category_link = (
        f"[（{chinese_number(category.number)}）{md(category.short)}]({_link(source, paths.category(category))})"
    )
    facts = [f"- 问题分类：{category_link}"]
    if finding.progress:
        facts.append(
            f"- 通报印发时（{chinese_date(notice.signed)}）的整改状态："
            f"{md(finding.stated_status + _wording_note(finding.status_text))}"
        )
    facts += [f"- {label}：{value}" for label, value in _duties(finding)]
    facts.append(f"- 发布日期：{chinese_date(notice.published)}")
    if finding.progress:
        facts.append(f"- 更新日期：{chinese_date(max(step.date for step in finding.progress))}")
    out.append("\n".join(facts) + "\n")
    out.append("## 反馈的问题\n")
    out.append(f"> {md(finding.problem)}\n")
    if finding.measures:
        out.append("## 整改措施\n")
        out += _measures_list(finding)
        out.append("")
    if finding.subproblems:
        out.append("## 各小问题的整改情况\n")
        out += _subproblems(finding, "###")
    if finding.evidence:
        out.append("## 佐证材料\n")
        out += [f"- {_evidence(e)}" for e in finding.evidence]
        out.append("")
    if finding.progress:
        out.append("## 整改进展\n")
        out.append("最新的在前：\n")
        for step in reversed(finding.progress):
            out.append(f"- {chinese_date(step.date)}，{_status_md(step.status, step.status_text)}：{md(step.text)}")
        out.append("")
    out.append(
        f"在[整改情况通报]({_link(source, paths.notice, _finding_anchor(finding))})中查看这个问题的原文。\n"
        f"{{: {NOT_SEARCHED} }}\n"
    )
    before, after = notice.neighbours(finding)
    out.append(f'<nav class="finding-pager" aria-label="上一个和下一个问题" {NOT_SEARCHED} markdown>\n')
    if before:
        out.append(f"- 上一个问题：[问题{before.number}：{md(before.short)}]({_link(source, paths.finding(before))})")
    if after:
        out.append(f"- 下一个问题：[问题{after.number}：{md(after.short)}]({_link(source, paths.finding(after))})")
    out.append(f"- [返回问题清单]({_link(source, paths.findings)})\n")
    out.append("</nav>\n")
    out.append(f"## 对这个问题的整改有意见建议 {{ {NOT_SEARCHED} }}\n")
    out.append(f"请注明“问题{finding.number}”，通过以下渠道反映：\n")
    out += [f"- {line}" for line in _contact_lines(notice.contact)]
    return "\n".join(out) + "\n"


def contact_page(site: Site, notice: Notice) -> str:
    paths = site.paths(notice)
    source = paths.contact
    out = [_front_matter(notice, "联系方式", f"对{notice.issuer}巡视整改落实情况进行监督的渠道")]
    out += _notice_menu(site, notice, source)
    out.append("# 联系方式\n")
    out.append(f"{md(notice.contact.intro)}\n")
    out.append(
        f"以下渠道由{md(notice.issuer)}受理，用于对"
        f"[整改情况通报]({_link(source, paths.notice)})所列问题的整改落实情况提出意见建议、反映情况。\n"
    )
    out += [f"- {line}" for line in _contact_lines(notice.contact)]
    out.append("")
    out.append(f"发布单位：{md(notice.issuer)}  ")
    out.append(f"通报日期：{chinese_date(notice.signed)}")
    return "\n".join(out) + "\n"


def print_page(site: Site, notice: Notice) -> str:
    """One document to print or save as PDF: notice, findings table, every finding, contact."""
    paths = site.paths(notice)
    out = [
        # Not searched: it repeats the notice and every finding page word for word.
        _front_matter(
            notice,
            f"{notice.title}（打印全文）",
            f"{notice.title}：通报全文、问题清单、整改情况和联系方式",
            searchable=False,
        )
    ]
    out.append(PRINT_BUTTON)
    out += _notice_text(notice, lambda f: f"#{_detail_anchor(f)}")
    out.append('<div class="print-part" markdown>\n')
    out.append("## 附：问题清单 { #print-findings }\n")
    if notice.findings:
        out.append(
            f"{_as_of(notice)}{md(notice.inspection.kind)}反馈意见指出的问题{_tally_sentence(notice.tally, notice.rate_decimals)}\n"
        )
    else:
        out.append(f"{NO_FINDINGS}\n")
    if stated := _stated_figures(notice):
        out.append(stated)
    if notice.findings:
        out.append(_findings_table(paths.print, paths, notice, notice.findings, with_category=True, in_print=True))
    out.append("\n</div>\n")
    for f in notice.findings:
        category = notice.category(f.category_id)
        out.append('<section class="print-finding" markdown>\n')
        out.append(f"### 问题{f.number}：{md(f.short)} {{ #{_detail_anchor(f)} }}\n")
        facts = [
            f"整改状态：{_status_md(f.current_status, f.progress[-1].status_text if f.progress else f.status_text)}",
            f"问题分类：（{chinese_number(category.number)}）{md(category.short)}",
        ]
        facts += [f"{label}：{value}" for label, value in _duties(f)]
        out.append("；".join(facts) + "\n")
        out.append(f"反馈的问题：{md(f.problem)}\n")
        if f.measures:
            out.append("整改措施：\n")
            out += _measures_list(f)
            out.append("")
        out += _subproblems(f, "####")
        if f.evidence:
            out.append("佐证材料：\n")
            out += [f"- {_evidence(e)}" for e in f.evidence]
            out.append("")
        if f.progress:
            out.append("整改进展：\n")
            out += [
                f"- {chinese_date(p.date)}，{md(p.status + _wording_note(p.status_text))}：{md(p.text)}"
                for p in reversed(f.progress)
            ]
        out.append("\n</section>\n")
    out.append('<div class="print-part" markdown>\n')
    out.append("## 联系方式 { #print-contact }\n")
    out.append(f"{md(notice.contact.intro)}\n")
    out += [f"- {line}" for line in _contact_lines(notice.contact)]
    out.append("\n</div>")
    return "\n".join(out) + "\n"


def accessibility_page(site: Site) -> str:
    """What the site does for readers with disabilities and the elderly, and how to report a barrier."""
    first = site.notices[0]
    out = [_front_matter(first, "无障碍声明", "本网站的无障碍和适老化功能，以及反映无障碍问题的渠道")]
    out.append("# 无障碍声明\n")
    issuers = "、".join(dict.fromkeys(md(n.issuer) for n in site.notices))
    out.append(
        f"本网站公开{issuers}的整改情况，"
        "希望每一位读者都能方便地阅读，包括老年读者、视力不好的读者和使用读屏软件的读者。\n"
    )
    out.append("## 本网站支持\n")
    out += [
        "- 按照《Web 内容无障碍指南》（WCAG）2.1 AA 级的要求制作，每个页面都经过自动检查；",
        "- 每页上方的阅读辅助工具：字号五档（100% 至 200%）、高对比度（黑底白字）、朗读本页（浏览器有中文语音时显示），"
        "设置会在各页面之间保持；",
        "- 全部功能都可以只用键盘操作，当前位置有清晰的焦点框；每页开头有“跳转至”正文的链接；",
        "- 整改状态都用文字写明，颜色只起辅助作用；图表旁边有写明同样数字的表格；表格有表头，链接文字说明去向；",
        "- 在手机上和放大到 200% 时，正文不需要左右滚动；",
        "- 不从第三方网站加载任何内容，离线版拷到 U 盘也能浏览和搜索；通报可以按公文格式打印。",
        "",
    ]
    out.append("## 已知的局限\n")
    out += [
        "- 朗读使用浏览器和操作系统自带的中文语音，没有中文语音时不显示朗读按钮；",
        "- PDF 文件中的文字可以复制和搜索，但没有标注标题层级等结构信息。",
        "",
    ]
    out.append("## 反映无障碍问题\n")
    out.append("如果您在使用本网站时遇到障碍，请告诉我们是哪一页、遇到了什么问题，我们会尽快改进：\n")
    for notice in site.notices:
        if not site.single:
            out.append(f"\n{md(notice.issuer)}：\n")
        out += [f"- {line}" for line in _contact_lines(notice.contact)]
    return "\n".join(out) + "\n"
