"""The building blocks several page families share: links between pages, front matter, status
badges, anchors, measures, tallies as sentences, the findings table, contact lines, the menu of a
notice's pages.

Links are written as relative links between ``.md`` source paths so that MkDocs checks them and
rewrites them for every URL layout (sub-path, ``file://``). Every string from data goes through
``markup.md`` or ``markup.html``.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from rectify.data.checks import disagreements
from rectify.data.chinese import chinese_date, chinese_number
from rectify.data.deadlines import NEAR, OVERDUE, deadline_state, last_report, update_overdue
from rectify.data.history import Point
from rectify.data.model import (
    COMPLETED,
    COUNTED_FIGURES,
    RATE_FIGURE,
    UNSTATED,
    Category,
    Contact,
    Evidence,
    Finding,
    Notice,
    Progress,
    Subproblem,
    Tally,
    status_of_wording,
    status_slug,
)

from ..charts import history_chart
from ..markup import html, md
from ..opendata import HISTORY_COLUMNS, history_rows
from ..paths import Paths, Site

# Material's search skips an element with this attribute. Given to what many pages repeat (menus,
# pagers, the contact channels under every finding): otherwise every page is a result for them.
NOT_SEARCHED = "data-search-exclude"
# Shown by rectify.js (it stays hidden without JavaScript); never printed.
NO_FINDINGS = "通报没有逐个列出反馈的问题，整改情况见通报全文。"
PRINT_BUTTON = (
    f'<p class="print-actions" {NOT_SEARCHED}><button type="button" class="print-button" hidden>打印</button></p>\n'
)


def link(source: str, target: str, anchor: str = "") -> str:
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


def front_matter(notice: Notice, title: str, description: str, *, searchable: bool = True) -> str:
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


def finding_anchor(finding: Finding) -> str:
    return f"finding-{finding.id}"


def detail_anchor(finding: Finding) -> str:
    return f"detail-{finding.id}"


def category_anchor(category: Category) -> str:
    return f"category-{category.id}"


def measures_list(finding: Finding | Subproblem) -> list[str]:
    if finding.numbered:
        return [f"- {chinese_number(i)}是{md(m)}" for i, m in enumerate(finding.measures, start=1)]
    return [f"- {md(m)}" for m in finding.measures]


def wording_note(status_text: str | None) -> str:
    """The notice's own wording of a status, after the status shown; says when it was not mapped."""
    if status_text is None:
        return ""
    if status_of_wording(status_text) is None:
        return f"（通报原文写作“{status_text}”；这种写法不在整改状态对照表中，没有换算成整改状态）"
    return f"（通报原文写作“{status_text}”）"


def status_md(status: str, status_text: str | None) -> str:
    """For a Markdown paragraph: the badge, and the wording escaped for Markdown."""
    return status_badge(status) + md(wording_note(status_text))


def subproblems(finding: Finding, heading: str) -> list[str]:
    """Each sub-problem with its own status, owner and deadline (when stated) and measures."""
    out = []
    for number, sub in enumerate(finding.subproblems, start=1):
        out.append(f"{heading} （{number}）{md(sub.quote)}\n")
        facts = []
        if sub.status or sub.status_text:
            facts.append(f"整改状态：{status_md(sub.status or UNSTATED, sub.status_text)}")
        if sub.responsible:
            facts.append(f"整改责任人：{md(sub.responsible)}")
        if sub.deadline:
            facts.append(f"完成时限：{md(sub.deadline)}")
        if facts:
            out.append("；".join(facts) + "\n")
        out += measures_list(sub)
        out.append("")
    return out


def tally_sentence(tally: Tally, decimals: int) -> str:
    """E.g. 共 19 个，已完成整改 16 个，长期整改 3 个，整改完成率 84.2%。"""
    parts = [f"共 {tally.total} 个"]
    parts += [f"{_status_words(status)} {n} 个" for status, n in tally.counts]
    rate = tally.rate_text(decimals)
    return "，".join(parts) + (f"，整改完成率{rate}。" if rate == UNSTATED else f"，整改完成率 {rate}。")


def _status_words(status: str) -> str:
    if status == UNSTATED:
        return "整改状态通报未写明的"
    return "已完成整改" if status == "已完成" else status


def stated_figures(notice: Notice) -> str:
    """The counted figures as the notice states them when the findings do not state every status
    (so the site cannot count them itself), and every stated figure the statuses contradict: the
    signed text is published as signed, and the page says so beside the count."""
    found = {d.name: d for d in disagreements(notice)}
    if notice.findings and not notice.stated_tally.unstated:
        if not found:
            return ""
        parts = [f"{md(d.name)}通报写明{md(d.stated)}{d.unit}，逐项统计{d.counted}{d.unit}" for d in found.values()]
        return f"通报写明的数字与逐项统计不一致：{'；'.join(parts)}。\n"
    stated = [(name, value) for name, value in notice.figures.items() if name in COUNTED_FIGURES]
    rate = notice.figures.get(RATE_FIGURE)
    if not stated and rate is None:
        return ""
    parts = [
        f"{md(name)} {value} 个" + (f"（逐项统计已有 {found[name].counted} 个）" if name in found else "")
        for name, value in stated
    ]
    if rate is not None:
        parts.append(f"整改完成率 {md(str(rate))}")
    return f"通报写明（{chinese_date(notice.signed)}）：{'，'.join(parts)}。\n"


def contact_lines(contact: Contact) -> Iterator[str]:
    """Phone as tel:, email as mailto:, the postal address as text."""
    if contact.phone:
        dial = "".join(ch for ch in contact.phone if ch.isdigit() or ch == "+")
        yield f"电话：[{md(contact.phone)}](tel:{dial})。"
    if contact.address:
        yield f"{md(contact.address_label)}：{md(contact.address)}。"
    if contact.email:
        yield f"电子邮箱：[{md(contact.email)}](mailto:{contact.email})。"


def duties(finding: Finding) -> list[tuple[str, str]]:
    """Who answers for a finding and by when, as (label, Markdown) pairs; only what the data states."""
    stated = [
        ("责任领导", finding.lead),
        ("牵头部门", finding.department),
        ("配合部门", "、".join(finding.partners) or None),
        ("整改责任人", finding.responsible),
    ]
    duties = [(label, md(value)) for label, value in stated if value]
    if finding.current_deadline:
        duties.append(("完成时限", md(_deadline_words(finding.current_deadline, finding.due))))
    if finding.moves:
        duties.append(("完成时限的调整", md(moves_sentence(finding))))
    if finding.closed:
        duties.append(("销号日期", chinese_date(finding.closed)))
    return duties


def _deadline_words(words: str, due: date | None) -> str:
    """E.g. 2017年底前（应完成日期：2017年12月31日）; the date only when the words do not already say it."""
    day = chinese_date(due) if due else None
    return words + (f"（应完成日期：{day}）" if day and day not in words else "")


def moves_sentence(finding: Finding) -> str:
    """E.g. 原定2017年底前，2017年12月20日调整为2018年6月底前，原因：…。 (plain text)."""
    parts = [f"原定{finding.deadline or '（通报未写明）'}"]
    parts += [f"{chinese_date(step.date)}调整为{step.deadline}，原因：{step.reason}" for step in finding.moves]
    return "；".join(parts).rstrip("。") + "。"


def last_update(notice: Notice, finding: Finding) -> date:
    """The day a finding was last reported on: its newest progress, else the notice's publication."""
    return finding.progress[-1].date if finding.progress else notice.published


def _due_words(kind: str, days: int) -> str:
    """Kept in step with ``words`` in docs/assets/rectify.js."""
    if kind == OVERDUE:
        return f"已超过完成时限 {days} 天"
    return "临近完成时限，今天到期" if days == 0 else f"临近完成时限，还有 {days} 天"


def due_marker(notice: Notice, finding: Finding, built: date, *, updated: bool = False, tag: str = "span") -> str:
    """An open finding's deadline state: stated as of ``built`` (no script, print, PDF), with the data
    rectify.js needs to state it as of the reader's day (the words and an icon, never colour alone);
    ``updated`` adds the day of its last update, ``tag="p"`` makes it a paragraph."""
    if finding.due is None or finding.current_status == COMPLETED:
        return ""
    last = last_update(notice, finding)
    attrs = f'data-due="{finding.due.isoformat()}"' + (f' data-updated="{last.isoformat()}"' if updated else "")
    state = deadline_state(finding.due, False, built)
    text = ""
    if state:
        words = f"截至{chinese_date(built)}，{_due_words(*state)}"
        words += f"（最近一次更新：{chinese_date(last)}）" if updated else ""
        text = f'<span class="due__built due--{state[0]}">{words}</span>'
    shown = "" if state else " hidden"
    return f'<{tag} class="due" {attrs} {NOT_SEARCHED}{shown}>{text}<span class="due__now" hidden></span></{tag}>'


def due_count(findings: Iterable[Finding], built: date) -> str:
    """How many open findings are past or near their due date, as of ``built`` and (rectify.js) today."""
    dues = [f.due for f in findings if f.due and f.current_status != COMPLETED]
    if not dues:
        return ""
    states = [deadline_state(due, False, built) for due in dues]
    counts = {kind: sum(1 for s in states if s and s[0] == kind) for kind in (OVERDUE, NEAR)}
    parts = [
        f'<span class="due--{kind}">{label}的问题 {counts[kind]} 个</span>'
        for kind, label in ((OVERDUE, "已超过完成时限"), (NEAR, "临近完成时限"))
        if counts[kind]
    ]
    text = f'<span class="due__built">截至{chinese_date(built)}，{"，".join(parts)}。</span>' if parts else ""
    shown = "" if parts else " hidden"
    return f'<p class="due-count" data-dues="{dues_data(dues)}" {NOT_SEARCHED}{shown}>{text}<span class="due__now" hidden></span></p>\n'


def dues_data(dues: Iterable[date]) -> str:
    """The due dates of open findings for ``data-dues`` (rectify.js ``eachDue`` reads it): each distinct
    date once, oldest first, with ``*count`` when several findings share it, e.g. ``2017-12-31*3 2018-06-30``.
    A site-wide count shares few dates among many findings: its size grows with the dates, not the findings."""
    counts = Counter(dues)
    return " ".join(due.isoformat() + (f"*{counts[due]}" if counts[due] > 1 else "") for due in sorted(counts))


def next_update_note(site: Site, notice: Notice) -> str:
    """The day the office promised its next progress report (下次公开整改进展的日期), and once it has
    passed unreported, 整改进展更新已逾期: as of ``site.built`` (no script, print), and (rectify.js,
    ``data-next``) as of the reader's day. Nothing once the office has reported on or after it."""
    due = notice.next_update
    if due is None or last_report(notice, site.notices) >= due:
        return ""
    days = update_overdue(notice, site.notices, site.built)
    text = f'<span class="due__built due--overdue">截至{chinese_date(site.built)}，整改进展更新已逾期 {days} 天</span>'
    state = (
        f'<span class="due" data-next="{due.isoformat()}"{"" if days else " hidden"}>'
        f'{text if days else ""}<span class="due__now" hidden></span></span>'
    )
    return f'<p class="next-update" {NOT_SEARCHED}>下次公开整改进展的日期：{chinese_date(due)}。{state}</p>\n'


def evidence(evidence: Evidence, source: str, paths: Paths) -> str:
    """A piece of evidence as a list item's Markdown on page ``source``; its link only ever an http(s)
    address (schema), or its file published beside the notice's pages, with type, size and SHA-256."""
    if evidence.file:
        kind = evidence.file.rsplit(".", 1)[-1].upper() if "." in evidence.file else "未知类型的"
        facts = f'{kind} 文件，{_size(evidence.size or 0)}，SHA-256：<code class="sha256">{evidence.sha256}</code>'
        # A Markdown link: MkDocs checks it and writes it for every URL layout.
        return f"[{md(evidence.text)}]({link(source, paths.base + evidence.file)})（{facts}）"
    if evidence.link:
        return f'<a href="{html(evidence.link)}">{md(evidence.text)}</a>'
    return md(evidence.text)


def _size(size: int) -> str:
    """1234567 → 1.2 MB; 2048 → 2.0 KB; 300 → 300 字节."""
    if size < 1024:
        return f"{size} 字节"
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def step_evidence(step: Progress, source: str, paths: Paths) -> list[str]:
    """A progress step's evidence as a list nested under the step's list item."""
    return [f"    - 佐证材料：{evidence(e, source, paths)}" for e in step.evidence]


def table_head(columns: Sequence[str]) -> str:
    """A Markdown table's header row and rule: the same column names as the chart's CSV."""
    return "| " + " | ".join(columns) + " |\n" + "|---" * len(columns) + "|"


def history_block(source: str, csv_path: str, chart_id: str, title: str, points: Sequence[Point]) -> list[str]:
    """A chart of completed problems over time, its data as a table and as CSV."""
    out = [history_chart(chart_id, title, points), ""]
    out.append(table_head(HISTORY_COLUMNS))
    for p, (_, done, total, rate, stated) in zip(points, history_rows(points), strict=True):
        out.append(f"| {chinese_date(p.day)} | {done} | {total} | {rate} | {stated or '—'} |")
    out.append(f"\n这张图的数据也可以下载：[{title}（CSV）]({link(source, csv_path)})。\n")
    return out


def findings_table(
    source: str,
    paths: Paths,
    notice: Notice,
    findings: tuple[Finding, ...],
    *,
    with_category: bool,
    in_print: bool = False,
    built: date | None = None,
) -> str:
    """The findings as a table; ``in_print`` links each to its part of the printed document; with
    ``built``, each open finding's deadline state beside its deadline (``due_marker``).

    Written as HTML (md_in_html: the cells are still Markdown, so MkDocs checks and rewrites their
    links) because each cell carries its column's name, ``data-label``: on a phone, inside
    ``div.findings-list``, rectify.css shows each row as a card with the names beside the values,
    and the table stays a table for screen readers. A cell with nothing (—) is marked so that a card
    can leave it out."""
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
    rows = ['<table markdown="1">', "<thead>", "<tr>" + "".join(f"<th>{name}</th>" for name in head) + "</tr>"]
    rows += ["</thead>", '<tbody markdown="1">']
    for f in findings:
        category = notice.category(f.category_id)
        category_cell = (
            md(category.short) if in_print else f"[{md(category.short)}]({link(source, paths.category(category))})"
        )
        finding_href = f"#{detail_anchor(f)}" if in_print else link(source, paths.finding(f))
        cells = [
            str(f.number),
            *([category_cell] if with_category else []),
            f"[{md(f.short)}]({finding_href})",
            status_badge(f.current_status),
            md(f.responsible or "—"),
            md(f.current_deadline or "—") + (due_marker(notice, f, built) if built else ""),
            *(cell(f) for _, cell in extra),
        ]
        row = "".join(_cell(name, cell) for name, cell in zip(head, cells, strict=True))
        rows.append(f'<tr markdown="1">{row}</tr>')
    return "\n".join([*rows, "</tbody>", "</table>"])


def _cell(name: str, text: str) -> str:
    none = ' class="cell--none"' if text == "—" else ""
    return f'<td data-label="{name}"{none} markdown="span">{text}</td>'


def as_of(notice: Notice) -> str:
    """The day the figures hold for, as a sentence."""
    if notice.as_of == notice.signed:
        return f"以下情况截至{chinese_date(notice.as_of)}（通报印发之日）。"
    return f"以下情况截至{chinese_date(notice.as_of)}（最近一次整改进展）。"


def notice_menu(site: Site, notice: Notice, source: str) -> list[str]:
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
    items = " · ".join(f"[{label}]({link(source, target)})" for label, target in links)
    return [
        f'<nav class="notice-menu" aria-label="本通报的页面" {NOT_SEARCHED} markdown>\n\n[全部通报]({link(source, site.all_notices)}) › {md(notice.title)}：{items}\n\n</nav>\n'
    ]


def related(site: Site, notice: Notice, source: str) -> list[str]:
    """Links between a notice and the progress notices that update it."""
    out = []
    if notice.updates:
        earlier = site.notice(notice.updates)
        out.append(
            f"本通报是对[{md(earlier.title)}]({link(source, site.paths(earlier).notice)})"
            f"（{chinese_date(earlier.signed)}）所列问题整改进展的通报。\n"
        )
    for later in site.updated_by(notice):
        out.append(
            f"后续整改进展见[{md(later.title)}]({link(source, site.paths(later).notice)})"
            f"（{chinese_date(later.signed)}）。\n"
        )
    return out
