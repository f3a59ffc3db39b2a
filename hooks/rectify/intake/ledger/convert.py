"""``rectify import 台账.xlsx -o data/<id>``: a hand-made ledger (整改台账) into a new notice folder.

The ledger gives the findings (categories from its category rows or its 问题分类 column, problems,
measures, people, deadlines, statuses, progress, evidence, closure) and the title; ``notice.yml``
is the commented template with the title and the 填报单位 filled in, and ``rectify check`` then
says what else the notice needs. Nothing the ledger does not state is filled in: a status word the
table does not know is kept in a comment with a remark, never guessed.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rectify.data import yamlio
from rectify.data.deadlines import deadline_date
from rectify.data.folders import FINDINGS_FILE, NOTICE_FILE
from rectify.data.model import STATUSES, status_of_wording
from rectify.data.schema import SCHEMA_DIR

from ..imported import Imported, Remark
from .cells import cell_evidence, link_notes, parse_department, split_items, strip_number
from .names import category_short, short_title
from .sheets import Ledger, LedgerError, Row, date_cell, progress_date, read_ledger

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")
UNSORTED = "台账未分类的问题"


def _join_lines(text: str) -> str:
    """Cell lines joined: Chinese text needs no space where a line broke."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = ""
    for line in lines:
        if out and re.match(r"[A-Za-z0-9]", line) and re.search(r"[A-Za-z0-9]$", out):
            out += " "
        out += line
    return out


def convert(ledger: Ledger, schema_dir: str, today: date | None = None) -> Imported:
    """The notice's data from ``ledger``; raises LedgerError for a cell that cannot be used.

    ``today`` (the day of the import) bounds progress dates: a progress is what has happened.
    """
    today = today or date.today()
    remarks: list[str] = []
    errors: list[str] = []
    by_title: dict[str, CommentedMap] = {}  # the categories, in the ledger's order

    def category_for(title: str | None) -> CommentedMap:
        name = title or UNSORTED
        if name not in by_title:
            node = CommentedMap()
            node["id"] = f"c{len(by_title) + 1}"
            short = category_short(name) if title else "未分类"
            if short:  # never a name cut short: without one, pages show the title in full
                node["short"] = short
            node["title"] = name
            node["findings"] = CommentedSeq()
            by_title[name] = node
        return by_title[name]

    for title, _ in ledger.categories:  # category rows in their order, even one with no findings yet
        category_for(title)
    seen: dict[str, str] = {}
    for row in ledger.rows:
        problem = _join_lines(
            strip_number(row.texts["problem"]) if "\n" not in row.texts["problem"] else row.texts["problem"]
        )
        problem = strip_number(problem)
        key = re.sub(r"\s+", "", problem)
        if key in seen:
            errors.append(
                f"{row.cells['problem']}：问题与 {seen[key]} 重复；台账中每个问题只能有一行，请删去重复的一行"
            )
            continue
        seen[key] = row.cells["problem"]
        try:
            finding = _finding(row, f"f{len(seen):02d}", problem, remarks, today)
        except LedgerError as error:
            errors.append(str(error))
            continue
        category_for(row.category)["findings"].append(finding)
    if errors:
        raise LedgerError("\n".join(errors))
    if not seen:
        raise LedgerError(
            f"{ledger.path.name} {ledger.sheet.name}：表头（第 {ledger.header_rows[-1]} 行）下面没有问题；"
            "每个问题应占一行，写在“问题”一列"
        )
    for skipped_row, text in ledger.skipped:
        where = f"{ledger.path.name} {ledger.sheet.where(skipped_row, ledger.columns['problem'])}"
        remarks.append(f"{where}：这一行没有问题描述，已跳过：“{text}”")
    if UNSORTED in by_title:
        remarks.append(
            f"{ledger.path.name} {ledger.sheet.name}：台账没有给部分问题分类，它们放在“{UNSORTED}”中；请按通报原文分类"
        )
    for node in by_title.values():
        if not node["findings"]:
            del node["findings"]
    findings_doc = CommentedMap(categories=CommentedSeq(by_title.values()))
    head = yamlio.template_text(FINDINGS_FILE).split("\n\n", 1)[0]
    head = re.sub(r"\$schema=\S+", f"$schema={schema_dir}/findings.schema.json", head)
    source = f"# 从整改台账 {ledger.path.name}（工作表 {ledger.sheet.name}）导入；请对照通报原文核对。"
    findings_yaml = f"{head}\n{source}\n\n{yamlio.dumps(findings_doc)}"
    notice_yaml = _notice_yaml(ledger, schema_dir, remarks)
    # each remark names its cell (台账.xlsx Sheet1 B5：…): no line of a text to point at
    located = [Remark(None, remark) for remark in remarks]
    return Imported(notice_yaml, findings_yaml, yamlio.loads(findings_yaml), located)


def _finding(row: Row, finding_id: str, problem: str, remarks: list[str], today: date) -> CommentedMap:
    """The finding a ledger row describes; what it cannot take is added to ``remarks``."""
    cells, texts, values = row.cells, row.texts, row.values
    finding = CommentedMap()
    finding["id"] = finding_id
    short = short_title(problem)
    if short:  # never a name cut short: without one, pages show the problem in full
        finding["short"] = short
    finding["problem"] = problem
    measures = split_items(texts.get("measures", ""))
    finding["measures"] = CommentedSeq(measures)
    if not measures:
        remarks.append(f"{cells['problem']}：这一行没有整改措施；请照通报原文填写 measures")
    word = _join_lines(texts.get("status", ""))
    status = status_of_wording(word) if word else None
    if status:
        finding["status"] = status
    elif word:
        finding["status_text"] = word
        remarks.append(
            f"{cells['status']}：整改状态“{word}”不在对照表中，照原文写在 status_text，没有换算成整改状态；"
            f"请核对后在 status 中填写 {'、'.join(STATUSES)} 之一"
        )
    for column in ("lead", "responsible", "deadline"):
        text = "、".join(_join_lines(line) for line in texts.get(column, "").split("\n") if line.strip())
        if text:
            finding[column] = text
    department, partners = parse_department(texts.get("department", ""))
    if department:
        finding["department"] = department
    if texts.get("partners"):
        partners = tuple(p for p in re.split(r"[、，,；;\s]+", texts["partners"]) if p)
    if partners:
        finding["partners"] = CommentedSeq(partners)
    evidence, notes = cell_evidence(texts.get("evidence", ""), row.links.get("evidence", []))
    remarks += notes + link_notes(row.links)
    if evidence:
        finding["evidence"] = CommentedSeq(
            CommentedMap(text=e.text, link=e.link) if e.link else e.text for e in evidence
        )
    closed = date_cell(values.get("closed"), cells.get("closed", ""), "销号日期")
    progress_day = progress_date(values, cells, today)
    if closed:
        finding["closed"] = closed
    due = date_cell(values.get("due"), cells.get("due", ""), "应完成日期")
    if due and due != deadline_date(finding.get("deadline", "")).day:
        finding["due"] = due  # only what the words do not already give
    progress = _join_lines(texts.get("progress", ""))
    if progress and progress_day and status:
        finding["progress"] = CommentedSeq([CommentedMap(date=progress_day, status=status, text=progress)])
    elif progress:
        why = "没有进展日期" if not progress_day else "没有可用的整改状态"
        remarks.append(f"{cells['progress']}：最新进展{why}，没有导入，请核对后写入 progress：“{progress[:30]}”")
    return finding


def _notice_yaml(ledger: Ledger, schema_dir: str, remarks: list[str]) -> str:
    """notice.yml from the template, with the title and 填报单位 the ledger gives."""
    changes: dict[str, Any] = {}
    if ledger.title:
        changes["title"] = ledger.title
        remarks.append(
            f"{ledger.path.name} {ledger.sheet.name}：标题取自台账的标题行（{ledger.title}）；请改成通报的标题"
        )
    if ledger.filled_by:
        changes["issuer"] = ledger.filled_by
    notice_yaml = yamlio.fill_template(NOTICE_FILE, changes) if changes else yamlio.template_text(NOTICE_FILE)
    remarks.append(
        f"{ledger.path.name}：台账没有通报的巡视情况、落款、发布信息、正文和联系方式；请按 notice.yml 的注释填写"
    )
    return re.sub(r"\$schema=\S+", f"$schema={schema_dir}/notice.schema.json", notice_yaml, count=1)


def import_ledger(source: Path, out_dir: Path, today: date | None = None) -> tuple[Imported, str]:
    """The ledger ``source`` as the files of ``out_dir``, and the name of the sheet read; raises LedgerError."""
    ledger = read_ledger(source)
    schema_dir = Path(os.path.relpath(SCHEMA_DIR, out_dir.resolve())).as_posix()
    return convert(ledger, schema_dir, today), ledger.sheet.name
