"""Step 6, write: the data as notice.yml and findings.yml text, with comments, through ruamel.yaml (yamlio).

Every field the importer filled from a guess or left empty carries a comment saying so (原文没有写明…，
请补充; 原文：完成), so that the person importing sees it next to the value; the remarks go to the
terminal as ``FILE:LINE: …``. The files are written in the layout of the hand-entered ones (mappings
indented by 2, list items as ``  - ``), so that later edits in place (the ledger update) keep it.
"""

from __future__ import annotations

import contextlib
import unicodedata
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rectify.data import yamlio

from .classify import DraftCategory, DraftSection
from .draft import DEFAULT_FORM, FieldPath, Review
from .fields import DraftFinding

FIELD_COMMENTS: dict[FieldPath, str] = {
    ("issuer",): "发布单位（被巡视党组织）",
    ("inspection",): "巡视（巡察）情况",
    ("inspection", "kind"): "巡视 或 巡察",
    ("inspection", "start"): "日期一律写成 年-月-日",
    ("inspection", "feedback"): "反馈意见的日期",
    ("signature",): "落款",
    ("publication",): "发布信息：原文所在网站和栏目",
    ("rate_decimals",): "网站显示完成率时保留的小数位数，与正文写法一致",
    ("intro",): "导语（标题之后、“一、”之前的段落）",
    ("sections",): "正文各部分，编号“一、二、三”和“（一）（二）”自动生成",
    ("contact",): "联系方式",
    ("contact", "address_label"): "原文的称呼；不写时显示“通信地址”",
}
_DATE_FIELDS = {"start", "end", "feedback", "date"}
_COMMENT_COLUMN = 30  # display columns, as in the hand-entered files


def section_data(index: int, section: DraftSection, review: Review) -> dict[str, Any]:
    data: dict[str, Any] = {"heading": section.heading}
    if section.made_up:
        review.notes[("sections", index, "heading")] = "原文没有这一标题，导入时补上，请修改"
    if section.paragraphs:
        data["paragraphs"] = [item.text for item in section.paragraphs]
    if section.parts:
        data["parts"] = [
            {
                "heading": part.heading,
                **({"paragraphs": [p.text for p in part.paragraphs]} if part.paragraphs else {}),
            }
            for part in section.parts
        ]
    if section.holds_findings:
        data["findings"] = True
        review.notes[("sections", index, "findings")] = "在这里列出 findings.yml 中的问题分类和整改情况"
    return data


def findings_data(
    categories: list[DraftCategory], findings: list[list[DraftFinding]], review: Review
) -> dict[str, Any]:
    """findings.yml: categories with their findings, ids numbered in order."""
    total = sum(len(items) for items in findings)
    width = max(2, len(str(total)))
    number = 0
    out = []
    for index, (category, items) in enumerate(zip(categories, findings, strict=True)):
        # no short: a name cut from the text would not be what the office signed; pages use the title
        data: dict[str, Any] = {"id": f"c{index + 1}", "title": category.title}
        if category.made_up:
            review.notes[("categories", index, "title")] = "原文没有这一分类，导入时补上，请修改"
        if category.paragraphs:
            data["paragraphs"] = [item.text for item in category.paragraphs]
        if items:
            data["findings"] = []
        for f_index, finding in enumerate(items):
            number += 1
            item: dict[str, Any] = {"id": f"f{number:0{width}d}", "problem": finding.problem}
            item.update(_problem_fields(finding))
            path: FieldPath = ("categories", index, "findings", f_index)
            if finding.wording and finding.status is None:
                review.notes[(*path, "status_text")] = "不在“整改状态的写法”对照表中，照原文显示"
            item.update(_stated(finding, "responsible", "lead", "department", "deadline"))
            data["findings"].append(item)
        out.append(data)
    return {"categories": out}


def _problem_fields(finding: DraftFinding) -> dict[str, Any]:
    """form, measures, numbered, status, status_text and sub-problems, as the text states them."""
    item: dict[str, Any] = {}
    if finding.form != DEFAULT_FORM:
        item["form"] = finding.form
    if finding.measures:
        item["measures"] = finding.measures
        if not finding.numbered:
            item["numbered"] = False
    if finding.status is not None:
        item["status"] = finding.status
    if finding.wording and finding.wording != finding.status:
        item["status_text"] = finding.wording
    if finding.subproblems:
        item["subproblems"] = [
            {"problem": sub.problem, **_problem_fields(sub), **_stated(sub, "responsible", "deadline")}
            for sub in finding.subproblems
        ]
    return item


def _stated(finding: DraftFinding, *keys: str) -> dict[str, str]:
    """The owners and deadline the text states, by field name, in the order of ``keys``."""
    return {key: value for key in keys if (value := getattr(finding, key))}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "[]" if value == [] else ""
    return str(value)


def _column(prefix: str) -> int:
    """The character column for a comment after ``prefix`` so that it starts at display column 30."""
    width = _width(prefix)
    return len(prefix) + (_COMMENT_COLUMN - width if width < _COMMENT_COLUMN - 1 else 2)


def _node(
    value: Any, path: FieldPath, col: int, comments: dict[FieldPath, str], blocks: dict[FieldPath, list[str]]
) -> Any:
    """``value`` as ruamel nodes with the comments of ``comments`` (by path); ``col``: the column of its keys."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            here = (*path, key)
            if key in _DATE_FIELDS and isinstance(item, str):
                with contextlib.suppress(ValueError):
                    item = date.fromisoformat(item)
            out[key] = _node(item, here, col + 2, comments, blocks)
            comment = comments.get(here)
            if comment:
                shown = _shown(item)
                prefix = " " * col + f"{key}:" + (f" {shown}" if shown else "")
                out.yaml_add_eol_comment(f"# {comment}", key, column=_column(prefix))
        for key in value:
            before = blocks.get((*path, key))
            if not path and (isinstance(value[key], (dict, list)) or before):
                before = ["", *(before or [])]
            if before:
                lines = [line[2:] if line.startswith("# ") else line.lstrip("#") for line in before]
                out.yaml_set_comment_before_after_key(key, before="\n".join(lines), indent=col)
        return out
    if isinstance(value, list):
        seq = CommentedSeq()
        for index, item in enumerate(value):
            here = (*path, index)
            seq.append(_node(item, here, col + 2, comments, blocks))
            comment = comments.get(here)
            if comment and not isinstance(item, (dict, list)):
                prefix = " " * col + f"- {_shown(item)}"
                seq.yaml_add_eol_comment(f"# {comment}", index, column=_column(prefix))
        return seq
    return value


def to_yaml(
    data: dict[str, Any], head: list[str], comments: dict[FieldPath, str], blocks: dict[FieldPath, list[str]]
) -> str:
    """The YAML text of ``data``: ``head`` comment lines, then the data with its comments."""
    doc = _node(data, (), 0, comments, blocks)
    text = yamlio.dumps(doc)
    # ruamel writes a blank comment line as "# " when it starts a block: the hand-entered files use "".
    text = "\n".join(line if line.strip() != "#" else "" for line in text.split("\n"))
    return "\n".join(head) + "\n" + text.lstrip("\n")
