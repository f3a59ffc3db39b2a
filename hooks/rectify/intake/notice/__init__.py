"""``rectify import``: the text of a published notice into data (notice.yml, findings.yml), losing nothing.

A pipeline of small steps, one module each, in the order they run:

1. ``read``     – the file into paragraphs: .txt in any Chinese encoding, .docx (numbering written out,
                  heading levels, findings given as a table), .pdf (text layer, lines re-joined into
                  paragraphs), .doc/.wps (through LibreOffice);
2. ``clean``    – website chrome dropped and listed, the disclosure header read;
3. ``outline``  – title (missing, split, repeated), contact and signature, the numbered tree;
4. ``classify`` – categories, problems (with their sub-problems), narrative sections;
5. ``fields``   – each problem's quoted text, measures, status only as stated (``figures``: stated
                  numbers; ``dates``: the inspection; ``contact``: contact and publication);
6. ``write``    – YAML with comments through ruamel.yaml (``rectify.data.yamlio``).

Pure: paragraphs in, data, YAML text and remarks (``FILE:LINE: …``) out; no files written here.
Nothing is refused that has content: what cannot be placed stays as narrative at its place with a
remark; what the text does not state (a title, a date, a status) stays empty, never invented.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rectify.data.model import RATE_FIGURE

from .base import DEFAULT_ADDRESS_LABEL, DEFAULT_FORM, FieldPath, Imported, ImportFailed, Line, Log, Paragraph, Remark
from .classify import append_at_end, classify
from .clean import chrome_values, clean_lines
from .contact import contact, publication
from .dates import inspection
from .fields import Finding, read_finding, split_lead, status_of, statuses
from .figures import DISCIPLINE_RULES, FIGURE_RULES, Figures, fill_figures
from .outline import Node, find_title, outline, split_end, split_label
from .textutil import parse_date, sentences
from .traditional import Folding
from .write import FIELD_COMMENTS, findings_data, section_data, to_yaml

__all__ = [
    "DEFAULT_ADDRESS_LABEL",
    "DEFAULT_FORM",
    "DISCIPLINE_RULES",
    "FIGURE_RULES",
    "Figures",
    "ImportFailed",
    "Imported",
    "Line",
    "Node",
    "Paragraph",
    "Remark",
    "chrome_values",
    "import_paragraphs",
    "import_text",
    "outline",
    "parse_date",
    "read_finding",
    "sentences",
    "split_label",
    "split_lead",
    "status_of",
]


def _notice(paragraphs: list[Paragraph], log: Log) -> tuple[dict[str, Any], dict[str, Any], dict[str, str], str]:
    """(notice, findings, disclosure header, signed text) of a notice's paragraphs."""
    cleaned = clean_lines(paragraphs, log)
    if not cleaned.lines:
        if log.aside:
            raise ImportFailed("文件里只有网页上的按钮和栏目文字，没有通报正文")
        raise ImportFailed("文件里没有文字；应为整改情况通报的全文")
    header = cleaned.header
    aside = len(log.aside)
    title = find_title(cleaned.lines, header, log)
    # The signed text: every paragraph but the site, column and repeated title lines set aside here.
    around_title = {line for line, _ in log.aside[aside:]}
    signed_text = "".join(f"{item.text.strip()}\n" for item, _ in cleaned.lines if item.line not in around_title)
    pages = {**title.pages, **cleaned.pages}
    end = split_end(title.body)
    last = end.body[-1][0] if end.body else None
    last_line = last.line if last else None
    body = classify(end.body, title.text, title.intro, log)
    for item in end.trailing:
        append_at_end(body, item, log)
    if end.signature is None and not end.contact:
        log.remark(last.line if last else None, "没有找到联系方式和落款，原文可能不完整；导入到这里为止")
        if last and not re.search(r"[。！？!?.；;：:”）)]$", last.text):
            log.remark(last.line, "这一段没有句末标点，原文可能在这里被截断")

    findings = [[_finding(problem, log) for problem in category.problems] for category in body.categories]
    figures = Figures(log.remarks)
    listed = [category.paragraphs for category in body.categories]
    outside = [p for p in body.narrative() if all(p is not c for c in listed)]
    fill_figures(figures, outside, [m for items in findings for f in items for m in f.measure_lists()], listed)
    narrative = [item for paragraphs in body.narrative() for item in paragraphs]
    statuses([f for items in findings for f in items], narrative, figures.values, figures.lines, log)

    named = title.text or header.get("文件名称") or ""
    about = re.search("[关關][于於]", named)
    issuer = named[: about.start()].strip() if about else ""
    signer, signed, signed_line = end.signature if end.signature else ("", None, None)
    if signed is None:
        signed = parse_date(header.get("成文日期", ""))
    stay = inspection(body.intro, narrative, title.text, signed, log)
    if signed is None:
        log.notes[("signature", "date")] = "原文没有落款日期，请补充"
        log.remark(last_line, "没有找到落款日期；notice.yml 中留空，请补充")
    issuer = issuer or signer or None
    if issuer is None:
        log.notes[("issuer",)] = "原文标题和落款中没有发布单位，请补充"
    if not signer:
        signer = issuer
        log.notes[("signature", "signer")] = (
            "原文没有落款单位，按标题中的发布单位填写，请核对" if signer else "原文没有落款单位，请补充"
        )
        if end.signature is not None:
            log.remark(signed_line, "落款只有日期，落款单位按发布单位填写")
    notice: dict[str, Any] = {
        "title": named or None,
        "issuer": issuer,
        "inspection": stay,
        "signature": {"signer": signer, "date": signed.isoformat() if isinstance(signed, date) else None},
        "publication": publication(signed, header, pages, log),
    }
    rate = figures.values.get(RATE_FIGURE)
    if isinstance(rate, str) and len(rate.removesuffix("%").partition(".")[2]) != 1:
        notice["rate_decimals"] = len(rate.removesuffix("%").partition(".")[2])
    if figures.values:
        notice["figures"] = dict(figures.values)
    if body.intro:
        notice["intro"] = [item.text for item in body.intro]
    notice["sections"] = [section_data(index, s, log) for index, s in enumerate(body.sections)]
    notice["contact"] = contact(end.contact, stay["kind"], last_line, log)
    return notice, findings_data(body.categories, findings, log), header, signed_text


def _finding(problem: Any, log: Log) -> Finding:
    finding = read_finding(problem.node, log.remarks, log.aside)
    for item in problem.appended:
        finding.append(item.text)
    return finding


def import_paragraphs(
    paragraphs: list[Paragraph], *, source_name: str = "", schema_dir: str = "../../hooks/rectify/schema"
) -> Imported:
    """Import a notice; raises ImportFailed only when there is no text at all."""
    log = Log()
    folding = Folding(paragraphs)  # a text in traditional characters is read as simplified, written as it is
    notice, findings, header, signed_text = _notice(folding.paragraphs, log)
    notice, findings, header = (
        folding.restore_data(notice),
        folding.restore_data(findings),
        folding.restore_data(header),
    )
    signed_text = "".join(f"{folding.restore(line)}\n" for line in signed_text.splitlines())
    source = f"由 rectify import 从 {source_name} 导入。" if source_name else "由 rectify import 导入。"
    notice_head = [
        f"# yaml-language-server: $schema={schema_dir}/notice.schema.json",
        "# 一份整改情况通报的基本信息和正文叙述部分。字段说明见网站的“数据格式说明”页。",
        "# 问题清单和每个问题的整改措施在同一文件夹的 findings.yml 中；通报原文（网站的通报全文）在 text.txt 中。",
        f"# {source}请对照原文核对，特别是注有“请核对”“请补充”的地方。",
        "",
        "# 通报编号就是本文件夹的名称（小写字母、数字和连字符），发布后不要再改。",
    ]
    findings_head = [
        f"# yaml-language-server: $schema={schema_dir}/findings.schema.json",
        "# 问题分类和每个问题的整改情况。字段说明见网站的“数据格式说明”页。",
        "# 问题编号（1、2、3……）和分类编号（（一）（二）……）按出现顺序自动生成，不用填写。",
        "# id 是网址的一部分，发布后不要再改；不写 short（简称）时，网站用问题原文和分类标题。",
    ]
    blocks: dict[FieldPath, list[str]] = {
        ("inspection",): ["# keywords: 读者可能搜索的专有名词（地名、项目名），需要时按 - 名称 一行一个添加"],
        ("figures",): [
            "# 正文中写明的数字。正文里用 {名称} 引用，数字只写这一次。",
            "# 问题总数、已完成、正在整改、基本完成、长期整改、未完成、完成率 这几项",
            "# 会与 findings.yml 中逐个问题的整改状态核对，对不上时检查会报错。",
        ],
    }
    if header:
        blocks[("publication",)] = ["# 原文的公开信息：" + "；".join(f"{k}：{v}" for k, v in header.items())]
    comments = {**FIELD_COMMENTS, **log.notes}
    return Imported(
        notice=notice,
        findings=findings,
        remarks=sorted(log.remarks, key=lambda r: r.line or 0),
        set_aside=sorted(log.aside),
        notice_yaml=to_yaml(notice, notice_head, comments, blocks),
        findings_yaml=to_yaml(findings, findings_head, comments, {}),
        text=signed_text,
    )


def import_text(text: str, **options: str) -> Imported:
    """Import the text of a notice, one paragraph a line."""
    paragraphs = [Paragraph(line, number) for number, line in enumerate(text.splitlines(), start=1)]
    return import_paragraphs(paragraphs, **options)
