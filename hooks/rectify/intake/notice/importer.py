"""The conductor of ``rectify import``: a notice's paragraphs through the steps, in order, into the data
and YAML text of its folder (the steps are listed in the package's docstring)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rectify.data.model import RATE_FIGURE

from ..imported import Imported
from .classify import append_at_end, classify
from .clean import clean_lines
from .contact import contact, publication
from .dates import inspection
from .draft import FieldPath, ImportFailed, Paragraph, Review
from .fields import DraftFinding, read_finding, statuses
from .figures import Figures, fill_figures
from .outline import find_title, split_end
from .patterns import parse_date
from .traditional import Folding
from .write import FIELD_COMMENTS, findings_data, section_data, to_yaml


def _notice(paragraphs: list[Paragraph], review: Review) -> tuple[dict[str, Any], dict[str, Any], dict[str, str], str]:
    """(notice, findings, disclosure header, signed text) of a notice's paragraphs."""
    cleaned = clean_lines(paragraphs, review)
    if not cleaned.lines:
        if review.aside:
            raise ImportFailed("文件里只有网页上的按钮和栏目文字，没有通报正文")
        raise ImportFailed("文件里没有文字；应为整改情况通报的全文")
    header = cleaned.header
    aside = len(review.aside)
    title = find_title(cleaned.lines, header, review)
    # The signed text: every paragraph but the site, column and repeated title lines set aside here.
    around_title = {line for line, _ in review.aside[aside:]}
    signed_text = "".join(f"{item.text.strip()}\n" for item, _ in cleaned.lines if item.line not in around_title)
    pages = {**title.pages, **cleaned.pages}
    end = split_end(title.body)
    last = end.body[-1][0] if end.body else None
    last_line = last.line if last else None
    body = classify(end.body, title.text, title.intro, review)
    for item in end.trailing:
        append_at_end(body, item, review)
    if end.signature is None and not end.contact:
        review.remark(last.line if last else None, "没有找到联系方式和落款，原文可能不完整；导入到这里为止")
        if last and not re.search(r"[。！？!?.；;：:”）)]$", last.text):
            review.remark(last.line, "这一段没有句末标点，原文可能在这里被截断")

    findings = [[_finding(problem, review) for problem in category.problems] for category in body.categories]
    figures = Figures(review.remarks)
    listed = [category.paragraphs for category in body.categories]
    outside = [p for p in body.narrative() if all(p is not c for c in listed)]
    fill_figures(figures, outside, [m for items in findings for f in items for m in f.measure_lists()], listed)
    narrative = [item for paragraphs in body.narrative() for item in paragraphs]
    statuses([f for items in findings for f in items], narrative, figures.values, figures.lines, review)

    named = title.text or header.get("文件名称") or ""
    about = re.search("[关關][于於]", named)
    issuer = named[: about.start()].strip() if about else ""
    signer, signed, signed_line = end.signature if end.signature else ("", None, None)
    if signed is None:
        signed = parse_date(header.get("成文日期", ""))
    stay = inspection(body.intro, narrative, title.text, signed, review)
    if signed is None:
        review.notes[("signature", "date")] = "原文没有落款日期，请补充"
        review.remark(last_line, "没有找到落款日期；notice.yml 中留空，请补充")
    issuer = issuer or signer or None
    if issuer is None:
        review.notes[("issuer",)] = "原文标题和落款中没有发布单位，请补充"
    if not signer:
        signer = issuer
        review.notes[("signature", "signer")] = (
            "原文没有落款单位，按标题中的发布单位填写，请核对" if signer else "原文没有落款单位，请补充"
        )
        if end.signature is not None:
            review.remark(signed_line, "落款只有日期，落款单位按发布单位填写")
    notice: dict[str, Any] = {
        "title": named or None,
        "issuer": issuer,
        "inspection": stay,
        "signature": {"signer": signer, "date": signed.isoformat() if isinstance(signed, date) else None},
        "publication": publication(signed, header, pages, review),
    }
    rate = figures.values.get(RATE_FIGURE)
    if isinstance(rate, str) and len(rate.removesuffix("%").partition(".")[2]) != 1:
        notice["rate_decimals"] = len(rate.removesuffix("%").partition(".")[2])
    if figures.values:
        notice["figures"] = dict(figures.values)
    if body.intro:
        notice["intro"] = [item.text for item in body.intro]
    notice["sections"] = [section_data(index, s, review) for index, s in enumerate(body.sections)]
    notice["contact"] = contact(end.contact, stay["kind"], last_line, review)
    return notice, findings_data(body.categories, findings, review), header, signed_text


def _finding(problem: Any, review: Review) -> DraftFinding:
    finding = read_finding(problem.node, review.remarks, review.aside)
    for item in problem.appended:
        finding.append(item.text)
    return finding


def import_paragraphs(
    paragraphs: list[Paragraph], *, source_name: str = "", schema_dir: str = "../../hooks/rectify/schema"
) -> Imported:
    """Import a notice; raises ImportFailed only when there is no text at all."""
    review = Review()
    folding = Folding(paragraphs)  # a text in traditional characters is read as simplified, written as it is
    notice, findings, header, signed_text = _notice(folding.paragraphs, review)
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
    comments = {**FIELD_COMMENTS, **review.notes}
    return Imported(
        notice=notice,
        findings=findings,
        remarks=sorted(review.remarks, key=lambda r: r.line or 0),
        set_aside=sorted(review.aside),
        notice_yaml=to_yaml(notice, notice_head, comments, blocks),
        findings_yaml=to_yaml(findings, findings_head, comments, {}),
        text=signed_text,
    )


def import_text(text: str, **options: str) -> Imported:
    """Import the text of a notice, one paragraph a line."""
    paragraphs = [Paragraph(line, number) for number, line in enumerate(text.splitlines(), start=1)]
    return import_paragraphs(paragraphs, **options)
