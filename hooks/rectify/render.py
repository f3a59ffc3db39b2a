"""Render a notice model into Markdown pages. Pure: no MkDocs, no files.

Links are written as relative links between ``.md`` source paths so that MkDocs
checks them and rewrites them for every URL layout (sub-path, ``file://``).
Every string from data goes through ``text.md`` or ``text.html``.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Iterator

from .model import STATUSES, Category, Contact, Finding, Notice, Tally
from .text import chinese_date, chinese_number, html, md, md_words

HOME = "index.md"
# Shown by rectify.js (it stays hidden without JavaScript); never printed.
PRINT_BUTTON = '<p class="print-actions"><button type="button" class="print-button" hidden>打印</button></p>\n'

NOTICE = "notice.md"
FINDINGS = "findings/index.md"
CONTACT = "contact.md"
PRINT = "print.md"
ACCESSIBILITY = "accessibility.md"


def finding_path(finding: Finding) -> str:
    return f"findings/{finding.id}.md"


def category_path(category: Category) -> str:
    return f"categories/{category.id}.md"


def site_pages(notice: Notice) -> dict[str, str]:
    """Every generated page of a one-notice site: source path → Markdown."""
    pages = {
        HOME: home_page(notice),
        NOTICE: notice_page(notice),
        FINDINGS: findings_page(notice),
        CONTACT: contact_page(notice),
        PRINT: print_page(notice),
        ACCESSIBILITY: accessibility_page(notice),
    }
    for category in notice.categories:
        pages[category_path(category)] = category_page(notice, category)
    for finding in notice.findings:
        pages[finding_path(finding)] = finding_page(notice, finding)
    return pages


def nav(notice: Notice) -> list[dict[str, object]]:
    """The site navigation for MkDocs' ``nav`` setting."""
    # MkDocs themes insert nav titles as HTML, so data text is escaped here.
    categories = [{html(f"（{chinese_number(c.number)}）{c.short}"): category_path(c)} for c in notice.categories]
    return [
        {"首页": HOME},
        {"整改情况通报": NOTICE},
        {"问题清单": [{"全部问题": FINDINGS}, *categories]},
        {"联系方式": CONTACT},
        {"无障碍声明": ACCESSIBILITY},
    ]


# --- building blocks -------------------------------------------------------


def _link(source: str, target: str, anchor: str = "") -> str:
    """A relative link from page ``source`` to page ``target``."""
    relative = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return relative + (f"#{anchor}" if anchor else "")


def _front_matter(notice: Notice, title: str, description: str) -> str:
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
    fields = {"title": html(title), "description": html(description), "gov": gov}
    # JSON is valid YAML, so no text from data can break out of the front matter.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items()]
    return "---\n" + "".join(lines) + "---\n\n"


def status_badge(status: str) -> str:
    """The status as words; the colour only adds to them."""
    return f'<span class="status status--{STATUSES[status]}">{html(status)}</span>'


def _finding_anchor(finding: Finding) -> str:
    return f"finding-{finding.id}"


def _detail_anchor(finding: Finding) -> str:
    return f"detail-{finding.id}"


def _category_anchor(category: Category) -> str:
    return f"category-{category.id}"


def _measures_list(finding: Finding) -> list[str]:
    if finding.numbered:
        return [f"- {chinese_number(i)}是{md(m)}" for i, m in enumerate(finding.measures, start=1)]
    return [f"- {md(m)}" for m in finding.measures]


def _measures_text(finding: Finding) -> str:
    if not finding.numbered:
        return "".join(finding.measures)
    return "".join(f"{chinese_number(i)}是{m}" for i, m in enumerate(finding.measures, start=1))


def _tally_sentence(tally: Tally, decimals: int) -> str:
    """E.g. 共 19 个，已完成整改 16 个，长期整改 3 个，整改完成率 84.2%。"""
    parts = [f"共 {tally.total} 个"]
    parts += [f"{'已完成整改' if status == '已完成' else status} {n} 个" for status, n in tally.by_status.items() if n]
    return "，".join(parts) + f"，整改完成率 {tally.rate_text(decimals)}。"


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


def _findings_table(
    source: str, findings: tuple[Finding, ...], notice: Notice, *, with_category: bool, in_print: bool = False
) -> str:
    """The findings as a table; ``in_print`` links each to its part of the printed document."""
    head = ["序号", *(["分类"] if with_category else []), "问题", "整改状态", "整改责任人", "完成时限"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for f in findings:
        category = notice.category(f.category_id)
        category_cell = (
            md(category.short) if in_print else f"[{md(category.short)}]({_link(source, category_path(category))})"
        )
        finding_href = f"#{_detail_anchor(f)}" if in_print else _link(source, finding_path(f))
        cells = [
            str(f.number),
            *([category_cell] if with_category else []),
            f"[{md(f.short)}]({finding_href})",
            status_badge(f.status),
            md(f.responsible or "—"),
            md(f.deadline or "—"),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


# --- pages -----------------------------------------------------------------


def home_page(notice: Notice) -> str:
    tally, d = notice.tally, notice.rate_decimals
    i = notice.inspection
    out = [_front_matter(notice, "首页", f"{notice.title}：问题清单、整改状态和联系方式")]
    out.append(f"# {md(notice.issuer)}{md(i.kind)}整改情况公开\n")
    out.append(
        f"本网站公开{md(notice.issuer)}落实{md(i.team)}{md(i.kind)}反馈意见的整改情况："
        f"[整改情况通报全文]({_link(HOME, NOTICE)})、每个问题的整改措施和进展，以及监督渠道。"
        f"{md(i.team)}于{chinese_date(i.start)}至{chinese_date(i.end)}进行{md(i.kind)}，"
        f"{chinese_date(i.feedback)}反馈意见；通报于{chinese_date(notice.signed)}印发。\n"
    )
    out.append("## 整改总体情况\n")
    out.append(f"{md(i.kind)}反馈意见指出的问题{_tally_sentence(tally, d)}\n")
    cards = [("问题总数", f"{tally.total}", "个")]
    cards += [(status, str(n), "个") for status, n in tally.by_status.items() if n]
    cards.append(("整改完成率", tally.rate_text(d).removesuffix("%"), "%"))
    out.append('<ul class="figures">')
    for label, value, unit in cards:
        out.append(
            f'<li><span class="figures__value">{html(value)}<small>{unit}</small></span>'
            f'<span class="figures__label">{html(label)}</span></li>'
        )
    out.append("</ul>\n")
    out.append("## 各类问题整改进度\n")
    out.append("| 问题分类 | 问题数 | 已完成 | 完成率 | 进度 |\n|---|---|---|---|---|")
    for c in notice.categories:
        t = c.tally
        name = f"[（{chinese_number(c.number)}）{md(c.short)}]({_link(HOME, category_path(c))})"
        out.append(f"| {name} | {t.total} | {t.completed} | {t.rate_text(d)} | {_progress_bar(t, d)} |")
    out.append("")
    out.append("## 在本网站可以\n")
    out.append(f"- 阅读[整改情况通报全文]({_link(HOME, NOTICE)})，与原文逐句一致；")
    out.append(f"- 在[问题清单]({_link(HOME, FINDINGS)})中按整改状态和问题分类筛选，查看每个问题的整改措施；")
    out.append(f"- 通过[联系方式]({_link(HOME, CONTACT)})对整改落实情况提出意见建议。")
    return "\n".join(out) + "\n"


def notice_page(notice: Notice) -> str:
    out = [_front_matter(notice, notice.title, f"{notice.issuer}巡视整改情况通报全文")]
    out.append(PRINT_BUTTON)
    out += _notice_text(notice, lambda f: _link(NOTICE, finding_path(f)))
    out.append(f"[打印全文（通报、问题清单、每个问题的整改情况和联系方式）]({_link(NOTICE, PRINT)}){{ .print-link }}")
    return "\n".join(out) + "\n"


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
    out.append(
        f'<p class="notice-signature"><span>{html(notice.signer)}</span><br>'
        f"<span>{chinese_date(notice.signed)}</span></p>\n"
    )
    out.append("</div>\n")
    return out


def _notice_categories(notice: Notice, finding_href: Callable[[Finding], str]) -> Iterator[str]:
    for category in notice.categories:
        yield f"### （{chinese_number(category.number)}）{md(category.title)} {{ #{_category_anchor(category)} }}\n"
        yield from (f"{md(p)}\n" for p in category.paragraphs)
        for f in category.findings:
            yield f"#### [{f.number}\\.{md(f.lead)}]({finding_href(f)}) {{ #{_finding_anchor(f)} }}\n"
            yield f"{md(_measures_text(f))}\n"


def findings_page(notice: Notice) -> str:
    out = [_front_matter(notice, "问题清单", f"{notice.title}：全部 {notice.tally.total} 个问题的整改状态")]
    out.append("# 问题清单\n")
    out.append(f"{md(notice.inspection.kind)}反馈意见指出的问题{_tally_sentence(notice.tally, notice.rate_decimals)}\n")
    out.append(_filter_form(notice))
    out.append(_findings_table(FINDINGS, notice.findings, notice, with_category=True))
    return "\n".join(out) + "\n"


def _filter_form(notice: Notice) -> str:
    """Filters enhanced by rectify.js; hidden until the script shows them."""
    statuses = "".join(f'<option value="{html(s)}">{html(s)}</option>' for s in STATUSES)
    categories = "".join(f'<option value="{html(c.short)}">{html(c.short)}</option>' for c in notice.categories)
    return (
        '<form class="findings-filter" data-status-column="3" data-category-column="1" hidden>\n'
        '<label for="filter-status">按整改状态</label>\n'
        f'<select id="filter-status" name="status"><option value="">全部</option>{statuses}</select>\n'
        '<label for="filter-category">按问题分类</label>\n'
        f'<select id="filter-category" name="category"><option value="">全部</option>{categories}</select>\n'
        '<output class="findings-filter__count" aria-live="polite"></output>\n'
        "</form>\n"
    )


def category_page(notice: Notice, category: Category) -> str:
    source = category_path(category)
    label = f"（{chinese_number(category.number)}）{category.short}"
    out = [_front_matter(notice, label, category.title)]
    out.append(f"# {md(label)}\n")
    out.append(f'<p class="lead">{html(category.title)}</p>\n')
    out += [f"{md(p)}\n" for p in category.paragraphs]
    if category.findings:
        out.append("## 问题和整改状态\n")
        out.append(f"本类{_tally_sentence(category.tally, notice.rate_decimals)}\n")
        out.append(_findings_table(source, category.findings, notice, with_category=False))
        out.append("")
    out.append(f"在[整改情况通报]({_link(source, NOTICE, _category_anchor(category))})中查看本类问题的原文。")
    return "\n".join(out) + "\n"


def finding_page(notice: Notice, finding: Finding) -> str:
    source = finding_path(finding)
    category = notice.category(finding.category_id)
    out = [_front_matter(notice, f"问题{finding.number}：{finding.short}", finding.problem)]
    out.append(f"# 问题{finding.number}：{md(finding.short)}\n")
    out.append(f'<p class="finding-status">整改状态：{status_badge(finding.status)}</p>\n')
    out.append(PRINT_BUTTON)
    category_link = (
        f"[（{chinese_number(category.number)}）{md(category.short)}]({_link(source, category_path(category))})"
    )
    facts = [f"- 问题分类：{category_link}"]
    if finding.responsible:
        facts.append(f"- 整改责任人：{md(finding.responsible)}")
    if finding.deadline:
        facts.append(f"- 完成时限：{md(finding.deadline)}")
    out.append("\n".join(facts) + "\n")
    out.append("## 反馈的问题\n")
    out.append(f"> {md(finding.problem)}\n")
    out.append("## 整改措施\n")
    out += _measures_list(finding)
    out.append("")
    out.append(f"在[整改情况通报]({_link(source, NOTICE, _finding_anchor(finding))})中查看这个问题的原文。\n")
    before, after = notice.neighbours(finding)
    out.append('<nav class="finding-pager" aria-label="上一个和下一个问题" markdown>\n')
    if before:
        out.append(f"- 上一个问题：[问题{before.number}：{md(before.short)}]({_link(source, finding_path(before))})")
    if after:
        out.append(f"- 下一个问题：[问题{after.number}：{md(after.short)}]({_link(source, finding_path(after))})")
    out.append(f"- [返回问题清单]({_link(source, FINDINGS)})\n")
    out.append("</nav>\n")
    out.append("## 对这个问题的整改有意见建议\n")
    out.append(f"请注明“问题{finding.number}”，通过以下渠道反映：\n")
    out += [f"- {line}" for line in _contact_lines(notice.contact)]
    return "\n".join(out) + "\n"


def contact_page(notice: Notice) -> str:
    out = [_front_matter(notice, "联系方式", f"对{notice.issuer}巡视整改落实情况进行监督的渠道")]
    out.append("# 联系方式\n")
    out.append(f"{md(notice.contact.intro)}\n")
    out.append(
        f"以下渠道由{md(notice.issuer)}受理，用于对"
        f"[整改情况通报]({_link(CONTACT, NOTICE)})所列问题的整改落实情况提出意见建议、反映情况。\n"
    )
    out += [f"- {line}" for line in _contact_lines(notice.contact)]
    out.append("")
    out.append(f"发布单位：{md(notice.issuer)}  ")
    out.append(f"通报日期：{chinese_date(notice.signed)}")
    return "\n".join(out) + "\n"


def print_page(notice: Notice) -> str:
    """One document to print or save as PDF: notice, findings table, every finding, contact."""
    out = [
        _front_matter(notice, f"{notice.title}（打印全文）", f"{notice.title}：通报全文、问题清单、整改情况和联系方式")
    ]
    out.append(PRINT_BUTTON)
    out += _notice_text(notice, lambda f: f"#{_detail_anchor(f)}")
    out.append('<div class="print-part" markdown>\n')
    out.append("## 附：问题清单 { #print-findings }\n")
    out.append(f"{md(notice.inspection.kind)}反馈意见指出的问题{_tally_sentence(notice.tally, notice.rate_decimals)}\n")
    out.append(_findings_table(PRINT, notice.findings, notice, with_category=True, in_print=True))
    out.append("\n</div>\n")
    for f in notice.findings:
        category = notice.category(f.category_id)
        out.append('<section class="print-finding" markdown>\n')
        out.append(f"### 问题{f.number}：{md(f.short)} {{ #{_detail_anchor(f)} }}\n")
        facts = [
            f"整改状态：{status_badge(f.status)}",
            f"问题分类：（{chinese_number(category.number)}）{md(category.short)}",
        ]
        if f.responsible:
            facts.append(f"整改责任人：{md(f.responsible)}")
        if f.deadline:
            facts.append(f"完成时限：{md(f.deadline)}")
        out.append("；".join(facts) + "\n")
        out.append(f"反馈的问题：{md(f.problem)}\n")
        out.append("整改措施：\n")
        out += _measures_list(f)
        out.append("\n</section>\n")
    out.append('<div class="print-part" markdown>\n')
    out.append("## 联系方式 { #print-contact }\n")
    out.append(f"{md(notice.contact.intro)}\n")
    out += [f"- {line}" for line in _contact_lines(notice.contact)]
    out.append("\n</div>")
    return "\n".join(out) + "\n"


def accessibility_page(notice: Notice) -> str:
    """What the site does for readers with disabilities and the elderly, and how to report a barrier."""
    out = [_front_matter(notice, "无障碍声明", "本网站的无障碍和适老化功能，以及反映无障碍问题的渠道")]
    out.append("# 无障碍声明\n")
    out.append(
        f"本网站公开{md(notice.issuer)}的{md(notice.inspection.kind)}整改情况，"
        "希望每一位读者都能方便地阅读，包括老年读者、视力不好的读者和使用读屏软件的读者。\n"
    )
    out.append("## 本网站支持\n")
    out += [
        "- 按照《Web 内容无障碍指南》（WCAG）2.1 AA 级的要求制作，每个页面都经过自动检查；",
        "- 每页上方的阅读辅助工具：字号五档（100% 至 200%）、高对比度（黑底白字）、朗读本页（浏览器有中文语音时显示），"
        "设置会在各页面之间保持；",
        "- 全部功能都可以只用键盘操作，当前位置有清晰的焦点框；每页开头有“跳转至”正文的链接；",
        "- 整改状态都用文字写明，颜色只起辅助作用；表格有表头，链接文字说明去向；",
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
    out += [f"- {line}" for line in _contact_lines(notice.contact)]
    return "\n".join(out) + "\n"
