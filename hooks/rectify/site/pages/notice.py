"""The official text of a notice, as issued: its page (``notice_page``) and the one document to
print, the text followed by every finding and the contact channels (``print_page``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from rectify.data.chinese import chinese_date, chinese_number
from rectify.data.model import Finding, Notice, Subproblem
from rectify.data.signed import layout, signature_parts

from ..markup import html, md, md_words
from ..paths import SCHEMAS, Site
from .blocks import (
    NO_FINDINGS,
    NOT_SEARCHED,
    PRINT_BUTTON,
    as_of,
    category_anchor,
    contact_lines,
    detail_anchor,
    duties,
    evidence,
    finding_anchor,
    findings_table,
    front_matter,
    link,
    measures_list,
    next_update_note,
    notice_menu,
    related,
    stated_figures,
    status_md,
    step_evidence,
    subproblems,
    tally_sentence,
    wording_note,
)


def notice_page(site: Site, notice: Notice) -> str:
    paths = site.paths(notice)
    source = paths.notice
    out = [front_matter(notice, notice.title, f"{notice.issuer}巡视整改情况通报全文")]
    out += notice_menu(site, notice, source)
    # Not printed, as the menu: on paper the official document starts at its title.
    out += [f"{line}{{: .notice-related }}\n" for line in related(site, notice, source)]
    out.append(PRINT_BUTTON)
    out.append(_info_index(notice))
    # Beside the signed text, never inside it: the office's promise, not the notice's words.
    if note := next_update_note(site, notice):
        out.append(note)
    out += _notice_text(notice, lambda f: link(source, paths.finding(f)))
    out.append(
        f"[打印全文（通报、问题清单、每个问题的整改情况和联系方式）]({link(source, paths.print)}){{ .print-link }}\n"
    )
    out.append(
        f"开放数据：[通报数据（JSON）]({link(source, paths.json)}){{ .print-link }} · "
        f"[问题清单（CSV）]({link(source, paths.csv)}){{ .print-link }} · "
        f"[数据格式（JSON Schema）]({link(source, SCHEMAS[0])}){{ .print-link }}\n"
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
    if notice.text:
        return _signed_text(notice, finding_href)
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
    out += [f"{line}\n" for line in contact_lines(notice.contact)]
    signed = chinese_date(notice.signed)
    # GB/T 9704-2012 7.3.5.2: a date longer than the signer is set two characters in from the
    # right and the signer is centred over it (print.css); otherwise the signer is two in.
    longer = " notice-signature--date-longer" if _width(signed) > _width(notice.signer) else ""
    out.append(f'<p class="notice-signature{longer}"><span>{html(notice.signer)}</span><br><span>{signed}</span></p>\n')
    out.append("</div>\n")
    return out


def _signed_text(notice: Notice, finding_href: Callable[[Finding], str]) -> list[str]:
    """The signed text (``text.txt``) line by line, every character as written: headings, categories
    and findings get their anchors and links, the contact its tel: and mailto: links, nothing more."""
    found = layout(notice)
    # Parts of the data the text does not give (a remark of rectify check) keep their anchors, at
    # the title, so that links from their own pages still land on the notice.
    placed = {id(b.category) for b in found.blocks} | {id(b.finding) for b in found.blocks}
    unplaced = [category_anchor(c) for c in notice.categories if id(c) not in placed]
    unplaced += [finding_anchor(f) for f in notice.findings if id(f) not in placed]
    anchors = "".join(f'<span id="{anchor}"></span>' for anchor in unplaced)
    # A text without a title: the page takes the title from notice.yml; print shows the text only.
    out = [] if found.titled else [f"# {anchors}{md_words(notice.title)} {{ .notice-supplied-title }}\n"]
    out.append('<div class="notice-text" markdown>\n')
    links = _contact_links(notice)
    for block in found.blocks:
        text = block.text
        if block.role == "title":
            out.append(f"# {anchors}{md_words(text)}\n")
        elif block.role == "section":
            anchor = category_anchor(block.category) if block.category else f"part-{block.number[0]}"
            out.append(f"## {md(text)} {{ #{anchor} }}\n")
        elif block.role == "part" and not block.lead:
            out.append(f"### {md(text)} {{ #part-{block.number[0]}-{block.number[1]} }}\n")
        elif block.role == "part":
            heading, rest = text[: block.lead], text[block.lead :]
            out.append(
                f'<span class="notice-run-in">{md(heading)}</span>{_linked(rest, links)}\n'
                f"{{: #part-{block.number[0]}-{block.number[1]} }}\n"
            )
        elif block.role == "category" and block.category:
            out.append(f"### {md(text)} {{ #{category_anchor(block.category)} }}\n")
        elif block.role == "finding" and block.finding:
            f = block.finding
            # Searched on the finding's own page, which says the same; one result per finding, not two.
            if not block.lead:
                level = "##" if block.number else "####"
                out.append(f"{level} [{md(text)}]({finding_href(f)}) {{ #{finding_anchor(f)} {NOT_SEARCHED} }}\n")
            else:
                head, rest = text[: block.lead], text[block.lead :]
                out.append(
                    f"[{md(head)}]({finding_href(f)}){_linked(rest, links)}\n{{: #{finding_anchor(f)} {NOT_SEARCHED} }}\n"
                )
        elif block.role == "signature":
            signer, signed = signature_parts(block)
            longer = " notice-signature--date-longer" if _width(signed) > _width(signer) else ""
            out.append(
                f'<p class="notice-signature{longer}"><span>{html(signer)}</span><br><span>{html(signed)}</span></p>\n'
            )
        else:
            out.append(f"{_linked(text, links)}\n")
    out.append("</div>\n")
    return out


def _contact_links(notice: Notice) -> dict[str, str]:
    """The contact's phone and e-mail as the text writes them → their tel: and mailto: addresses."""
    contact = notice.contact
    links = {}
    if contact.phone:
        links[contact.phone] = "tel:" + "".join(ch for ch in contact.phone if ch.isdigit() or ch == "+")
    if contact.email:
        links[contact.email] = f"mailto:{contact.email}"
    return links


def _linked(text: str, links: dict[str, str]) -> str:
    """``text`` as Markdown, each occurrence of a contact value a link; every character kept."""
    if not links:
        return md(text)
    pattern = "|".join(re.escape(value) for value in sorted(links, key=len, reverse=True))
    out, at = [], 0
    for match in re.finditer(pattern, text):
        out.append(md(text[at : match.start()]))
        out.append(f"[{md(match.group())}]({links[match.group()]})")
        at = match.end()
    return "".join(out) + md(text[at:])


def _width(text: str) -> float:
    """Width in characters of the text grid: wide and full-width characters 1, others ½."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _notice_categories(notice: Notice, finding_href: Callable[[Finding], str]) -> Iterator[str]:
    for category in notice.categories:
        yield f"### （{chinese_number(category.number)}）{md(category.title)} {{ #{category_anchor(category)} }}\n"
        yield from (f"{md(p)}\n" for p in category.paragraphs)
        for f in category.findings:
            # Searched on the finding's own page, which says the same; one result per finding, not two.
            yield f"#### [{f.number}\\.{md(f.quote)}]({finding_href(f)}) {{ #{finding_anchor(f)} {NOT_SEARCHED} }}\n"
            if f.measures:
                yield f"{md(_measures_text(f))}\n"
            yield from _subproblems_text(f)


def _measures_text(finding: Finding | Subproblem) -> str:
    if not finding.numbered:
        return "".join(finding.measures)
    return "".join(f"{chinese_number(i)}是{m}" for i, m in enumerate(finding.measures, start=1))


def _subproblems_text(finding: Finding) -> Iterator[str]:
    """The sub-problems as the notice writes them: （1）关于“…”的问题。一是…二是…"""
    for number, sub in enumerate(finding.subproblems, start=1):
        yield f"（{number}）{md(sub.quote)}{md(_measures_text(sub))}\n"


def print_page(site: Site, notice: Notice) -> str:
    """One document to print or save as PDF: notice, findings table, every finding, contact."""
    paths = site.paths(notice)
    out = [
        # Not searched: it repeats the notice and every finding page word for word.
        front_matter(
            notice,
            f"{notice.title}（打印全文）",
            f"{notice.title}：通报全文、问题清单、整改情况和联系方式",
            searchable=False,
        )
    ]
    out.append(PRINT_BUTTON)
    out += _notice_text(notice, lambda f: f"#{detail_anchor(f)}")
    out.append('<div class="print-part" markdown>\n')
    out.append("## 附：问题清单 { #print-findings }\n")
    if notice.findings:
        out.append(
            f"{as_of(notice)}{md(notice.inspection.kind)}反馈意见指出的问题{tally_sentence(notice.tally, notice.rate_decimals)}\n"
        )
    else:
        out.append(f"{NO_FINDINGS}\n")
    if stated := stated_figures(notice):
        out.append(stated)
    if notice.findings:
        out.append(
            findings_table(
                paths.print, paths, notice, notice.findings, with_category=True, in_print=True, built=site.built
            )
        )
    out.append("\n</div>\n")
    for f in notice.findings:
        category = notice.category(f.category_id)
        out.append('<section class="print-finding" markdown>\n')
        out.append(f"### 问题{f.number}：{md(f.short)} {{ #{detail_anchor(f)} }}\n")
        facts = [
            f"整改状态：{status_md(f.current_status, f.progress[-1].status_text if f.progress else f.status_text)}",
            f"问题分类：（{chinese_number(category.number)}）{md(category.short)}",
        ]
        facts += [f"{label}：{value}" for label, value in duties(f)]
        out.append("；".join(facts) + "\n")
        out.append(f"反馈的问题：{md(f.problem)}\n")
        if f.measures:
            out.append("整改措施：\n")
            out += measures_list(f)
            out.append("")
        out += subproblems(f, "####")
        if f.evidence:
            out.append("佐证材料：\n")
            out += [f"- {evidence(e, paths.print, paths)}" for e in f.evidence]
            out.append("")
        if f.progress:
            out.append("整改进展：\n")
            for p in reversed(f.progress):
                out.append(f"- {chinese_date(p.date)}，{md(p.status + wording_note(p.status_text))}：{md(p.text)}")
                out += step_evidence(p, paths.print, paths)
        out.append("\n</section>\n")
    out.append('<div class="print-part" markdown>\n')
    out.append("## 联系方式 { #print-contact }\n")
    out.append(f"{md(notice.contact.intro)}\n")
    out += [f"- {line}" for line in contact_lines(notice.contact)]
    out.append("\n</div>")
    return "\n".join(out) + "\n"
