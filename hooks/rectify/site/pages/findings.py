"""The findings: the list of all a notice's findings with its filters (``findings_page``), one
category's findings (``category_page``) and one finding with its measures and progress
(``finding_page``)."""

from __future__ import annotations

from rectify.data.chinese import chinese_date, chinese_number
from rectify.data.model import COMPLETED, STATUSES, UNSTATED, Category, Finding, Notice, all_evidence

from ..markup import html, md
from ..paths import Site
from .blocks import (
    NO_FINDINGS,
    NOT_SEARCHED,
    PRINT_BUTTON,
    as_of,
    category_anchor,
    contact_lines,
    due_marker,
    duties,
    evidence,
    finding_anchor,
    findings_table,
    front_matter,
    link,
    measures_list,
    next_update_note,
    notice_menu,
    stated_figures,
    status_badge,
    status_md,
    step_evidence,
    subproblems,
    tally_sentence,
    wording_note,
)


def findings_page(site: Site, notice: Notice) -> str:
    paths = site.paths(notice)
    out = [front_matter(notice, "问题清单", f"{notice.title}：全部 {notice.tally.total} 个问题的整改状态")]
    out += notice_menu(site, notice, paths.findings)
    out.append("# 问题清单\n")
    if not notice.findings:
        out.append(f"{NO_FINDINGS}\n")
        out.append(stated_figures(notice))
        return "\n".join(out) + "\n"
    out.append(
        f"{as_of(notice)}{md(notice.inspection.kind)}反馈意见指出的问题{tally_sentence(notice.tally, notice.rate_decimals)}\n"
    )
    if stated := stated_figures(notice):
        out.append(stated)
    out.append(_filter_form(notice))
    # The table repeats every finding's title and status; each is found on its own page.
    # findings-list: on a phone, one card per finding (rectify.css).
    out.append(f'<div class="findings-list" {NOT_SEARCHED} markdown>\n')
    out.append(findings_table(paths.findings, paths, notice, notice.findings, with_category=True, built=site.built))
    out.append("\n</div>")
    out.append(f"\n整张表格也可以下载：[问题清单（CSV，可用 Excel 打开）]({link(paths.findings, paths.csv)})。")
    return "\n".join(out) + "\n"


def _filter_form(notice: Notice) -> str:
    """Filters enhanced by rectify.js; hidden until the script shows them."""
    shown = [*STATUSES, *([UNSTATED] if any(f.current_status == UNSTATED for f in notice.findings) else [])]
    statuses = "".join(f'<option value="{html(s)}">{html(s)}</option>' for s in shown)
    categories = "".join(f'<option value="{html(c.short)}">{html(c.short)}</option>' for c in notice.categories)
    # Filled by rectify.js from the reader's day: whether a finding is past its due date changes with it.
    due = (
        '<label for="filter-due">按完成时限</label>\n'
        '<select id="filter-due" name="due"><option value="">全部</option>'
        '<option value="overdue">已超过完成时限</option><option value="near">临近完成时限</option></select>\n'
        if any(f.due for f in notice.findings)
        else ""
    )
    return (
        f'<form class="findings-filter" data-status-column="3" data-category-column="1" {NOT_SEARCHED} hidden>\n'
        '<label for="filter-status">按整改状态</label>\n'
        f'<select id="filter-status" name="status"><option value="">全部</option>{statuses}</select>\n'
        '<label for="filter-category">按问题分类</label>\n'
        f'<select id="filter-category" name="category"><option value="">全部</option>{categories}</select>\n'
        f"{due}"
        '<output class="findings-filter__count" aria-live="polite"></output>\n'
        "</form>\n"
    )


def category_page(site: Site, notice: Notice, category: Category) -> str:
    paths = site.paths(notice)
    source = paths.category(category)
    label = f"（{chinese_number(category.number)}）{category.short}"
    out = [front_matter(notice, label, category.title)]
    out += notice_menu(site, notice, source)
    out.append(f"# {md(label)}\n")
    out.append(f'<p class="lead">{html(category.title)}</p>\n')
    out += [f"{md(p)}\n" for p in category.paragraphs]
    if category.findings:
        out.append(f"## 问题和整改状态 {{ {NOT_SEARCHED} }}\n")
        out.append(f"{as_of(notice)}本类{tally_sentence(category.tally, notice.rate_decimals)}\n")
        out.append('<div class="findings-list" markdown>\n')
        out.append(findings_table(source, paths, notice, category.findings, with_category=False, built=site.built))
        out.append("\n</div>\n")
    out.append(
        f"在[整改情况通报]({link(source, paths.notice, category_anchor(category))})中查看本类问题的原文。\n"
        f"{{: {NOT_SEARCHED} }}"
    )
    return "\n".join(out) + "\n"


def finding_page(site: Site, notice: Notice, finding: Finding) -> str:
    paths = site.paths(notice)
    source = paths.finding(finding)
    category = notice.category(finding.category_id)
    out = [front_matter(notice, f"问题{finding.number}：{finding.short}", finding.problem)]
    out += notice_menu(site, notice, source)
    out.append(f"# 问题{finding.number}：{md(finding.short)}\n")
    wording = finding.progress[-1].status_text if finding.progress else finding.status_text
    status = status_badge(finding.current_status) + html(wording_note(wording))
    out.append(f'<p class="finding-status">整改状态：{status}</p>\n')
    if marker := due_marker(notice, finding, site.built, updated=True, tag="p"):
        out.append(f"{marker}\n")
    if note := next_update_note(site, notice):
        out.append(note)
    out.append(PRINT_BUTTON)
    category_link = (
        f"[（{chinese_number(category.number)}）{md(category.short)}]({link(source, paths.category(category))})"
    )
    facts = [f"- 问题分类：{category_link}"]
    if finding.progress:
        facts.append(
            f"- 通报印发时（{chinese_date(notice.signed)}）的整改状态："
            f"{md(finding.stated_status + wording_note(finding.status_text))}"
        )
    facts += [f"- {label}：{value}" for label, value in duties(finding)]
    facts.append(f"- 发布日期：{chinese_date(notice.published)}")
    if finding.progress:
        facts.append(f"- 更新日期：{chinese_date(max(step.date for step in finding.progress))}")
    out.append("\n".join(facts) + "\n")
    out.append("## 反馈的问题\n")
    out.append(f"> {md(finding.problem)}\n")
    if finding.measures:
        out.append("## 整改措施\n")
        out += measures_list(finding)
        out.append("")
    if finding.subproblems:
        out.append("## 各小问题的整改情况\n")
        out += subproblems(finding, "###")
    if finding.evidence:
        out.append("## 佐证材料\n")
        out += [f"- {evidence(e, source, paths)}" for e in finding.evidence]
        out.append("")
    elif (
        finding.progress
        and finding.current_status == COMPLETED
        and finding.status != COMPLETED
        and not all_evidence(finding)
    ):
        # Closed after the notice: a reader is owed the evidence (here, or under its progress entries),
        # or the plain fact that none is listed.
        out.append("## 佐证材料\n")
        out.append("未列出佐证材料。\n")
    if finding.progress:
        out.append("## 整改进展\n")
        out.append("最新的在前：\n")
        for step in reversed(finding.progress):
            out.append(f"- {chinese_date(step.date)}，{status_md(step.status, step.status_text)}：{md(step.text)}")
            out += step_evidence(step, source, paths)
        out.append("")
    out.append(
        f"在[整改情况通报]({link(source, paths.notice, finding_anchor(finding))})中查看这个问题的原文。\n"
        # Not printed: a link on paper leads nowhere, and the page keeps to one sheet.
        f"{{: {NOT_SEARCHED} .print-links }}\n"
    )
    before, after = notice.neighbours(finding)
    out.append(f'<nav class="finding-pager" aria-label="上一个和下一个问题" {NOT_SEARCHED} markdown>\n')
    if before:
        out.append(f"- 上一个问题：[问题{before.number}：{md(before.short)}]({link(source, paths.finding(before))})")
    if after:
        out.append(f"- 下一个问题：[问题{after.number}：{md(after.short)}]({link(source, paths.finding(after))})")
    out.append(f"- [返回问题清单]({link(source, paths.findings)})\n")
    out.append("</nav>\n")
    out.append(f"## 对这个问题的整改有意见建议 {{ {NOT_SEARCHED} }}\n")
    out.append(f"请注明“问题{finding.number}”，通过以下渠道反映：\n")
    out += [f"- {line}" for line in contact_lines(notice.contact)]
    return "\n".join(out) + "\n"
