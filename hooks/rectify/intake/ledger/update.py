"""Update a notice's data from its edited ledger (``rectify ledger update``).

``plan_update`` compares the ledger with the data and lists every change (unmatched rows and
findings missing from the ledger are reported, never applied); ``updated_text`` writes them into
``findings.yml`` through ``yamlio`` (comments, key order and layout kept), and ``check_copy``
checks the result in a copy before anything is written.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from rectify.data import yamlio
from rectify.data.deadlines import deadline_date
from rectify.data.errors import DataError
from rectify.data.folders import FINDINGS_FILE, NOTICE_FILE
from rectify.data.load import load_notice
from rectify.data.model import STATUSES, UNSTATED, Evidence, Finding, Notice, evidence_text, status_of_wording

from .cells import cell_evidence, link_notes, one_line, parse_department, split_items, strip_number
from .sheets import Ledger, LedgerError, date_cell, progress_date


@dataclass(frozen=True)
class Change:
    finding: Finding
    label: str
    old: str
    new: str
    where: str
    """The ledger cell the new value comes from."""


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    edits: list[tuple[str, Any]] = field(default_factory=list)
    """(yamlio path, value or None to delete)."""
    appends: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)
    """(yamlio path of a finding, new progress entry, remark for its date line or '')."""
    notes: list[str] = field(default_factory=list)
    """What is reported and not applied: unmatched rows, findings missing from the ledger."""


def _key(text: str) -> str:
    return re.sub(r"\s+", "", strip_number(text))


def _gist(text: str) -> str:
    """Text without spaces and sentence marks, to tell a real change from a different layout."""
    return re.sub(r"[\s；;。，,]+", "", text)


def _evidence_data(evidence: tuple[Evidence, ...]) -> list[Any]:
    return [{"text": e.text, "link": e.link} if e.link else e.text for e in evidence]


def plan_update(ledger: Ledger, notice: Notice, today: date) -> Plan:
    """Every change the ledger makes to the notice's data; raises LedgerError for cells that cannot be used."""
    plan = Plan()
    errors: list[str] = []
    by_key: dict[str, Finding] = {}
    for finding in notice.findings:
        by_key.setdefault(_key(finding.problem), finding)
    seen: dict[str, str] = {}
    matched: set[str] = set()
    for row in ledger.rows:
        key = _key(row.texts["problem"])
        where = row.cells["problem"]
        if key in seen:
            errors.append(f"{where}：问题与 {seen[key]} 重复；台账中每个问题只能有一行，请删去重复的一行")
            continue
        seen[key] = where
        finding = by_key.get(key)
        if finding is None:
            shown = one_line(row.texts["problem"])
            plan.notes.append(
                f"{where}：这一行的问题与 {notice.id} 中的任何问题都对不上，没有导入："
                f"“{shown[:30]}{'…' if len(shown) > 30 else ''}”；台账中问题的文字应与数据中的一致"
            )
            continue
        matched.add(finding.id)
        try:
            _plan_row(plan, notice, finding, row.texts, row.values, row.cells, today, row.links)
        except LedgerError as error:
            errors.append(str(error))
    if ledger.rows and not matched and not errors:
        raise LedgerError(
            f"{ledger.path.name} {ledger.sheet.name}：台账中没有一行的问题与 {notice.id} 中的问题对得上；"
            "是不是选错了通报的数据文件夹？（台账中“问题”一列的文字应与数据中的一致）"
        )
    for finding in notice.findings:
        if finding.id not in matched:
            plan.notes.append(
                f"问题{finding.number}（{finding.short}）不在台账中，没有改动；要更新它，请把它的一行加回台账"
            )
    if errors:
        raise LedgerError("\n".join(errors))
    return plan


def _plan_row(
    plan: Plan,
    notice: Notice,
    finding: Finding,
    texts: dict[str, str],
    values: dict[str, Any],
    cells: dict[str, str],
    today: date,
    links: dict[str, list[tuple[str, str]]],
) -> None:
    category = notice.category(finding.category_id)
    path = f"categories[id={category.id}].findings[id={finding.id}]"

    def change(label: str, old: str, new: str, column: str) -> None:
        plan.changes.append(Change(finding, label, old, new, cells[column]))

    def text_field(column: str, key: str, label: str, old: str | None) -> None:
        if column not in texts:
            return
        new = one_line(texts[column]) or None
        if new != old:
            change(label, old or "", new or "", column)
            plan.edits.append((f"{path}.{key}", new))

    if "measures" in texts and _gist("".join(split_items(texts["measures"]))) != _gist("".join(finding.measures)):
        plan.notes.append(
            f"{cells['measures']}：问题{finding.number}（{finding.short}）的整改措施与数据不同，没有改动；"
            "整改措施是通报原文，要改请直接改 findings.yml"
        )
    text_field("lead", "lead", "责任领导", finding.lead)
    if "department" in texts:
        department, partners = parse_department(texts["department"])
        if department != finding.department:
            change("牵头部门", finding.department or "", department or "", "department")
            plan.edits.append((f"{path}.department", department))
        if partners != finding.partners and "partners" not in texts:
            change("配合部门", "、".join(finding.partners), "、".join(partners), "department")
            plan.edits.append((f"{path}.partners", list(partners) or None))
    if "partners" in texts:
        partners = tuple(p for p in re.split(r"[、，,；;\s]+", texts["partners"]) if p)
        if partners != finding.partners:
            change("配合部门", "、".join(finding.partners), "、".join(partners), "partners")
            plan.edits.append((f"{path}.partners", list(partners) or None))
    text_field("responsible", "responsible", "整改责任人", finding.responsible)
    text_field("deadline", "deadline", "完成时限", finding.deadline)
    if "due" in values:
        due = date_cell(values["due"], cells["due"], "应完成日期")
        words = one_line(texts["deadline"]) if "deadline" in texts else finding.deadline
        # The exported date is what the words give: only another date is stated as ``due``.
        if due is not None and due != finding.due and due != deadline_date(words or "").day:
            change("应完成日期", _iso(finding.due), _iso(due), "due")
            plan.edits.append((f"{path}.due", due))
    plan.notes += link_notes(links)
    if "evidence" in texts:
        evidence, notes = cell_evidence(texts["evidence"], links.get("evidence", []))
        plan.notes += notes
        if evidence != finding.evidence:
            change(
                "佐证材料",
                "；".join(evidence_text(e) for e in finding.evidence),
                "；".join(evidence_text(e) for e in evidence),
                "evidence",
            )
            plan.edits.append((f"{path}.evidence", _evidence_data(evidence) or None))
    if "closed" in values:
        closed = date_cell(values["closed"], cells["closed"], "销号日期")
        if closed != finding.closed:
            change("销号日期", _iso(finding.closed), _iso(closed), "closed")
            plan.edits.append((f"{path}.closed", closed))
    _plan_progress(plan, finding, path, texts, values, cells, today, change)


def _plan_progress(
    plan: Plan,
    finding: Finding,
    path: str,
    texts: dict[str, str],
    values: dict[str, Any],
    cells: dict[str, str],
    today: date,
    change: Callable[[str, str, str, str], None],
) -> None:
    current = finding.current_status
    latest = finding.progress[-1] if finding.progress else None
    word = one_line(texts.get("status", ""))
    status = current
    if word and status == UNSTATED and word == finding.status_text:
        word = ""  # the notice's own wording, exported as written: unchanged
    if word:
        mapped = status_of_wording(word)
        if mapped is None:
            raise LedgerError(
                f"{cells['status']}：整改状态“{word}”不是可选的值；应为以下之一：{'、'.join(STATUSES)}"
                "（请从下拉列表中选择）"
            )
        status = mapped
    old_text = latest.text if latest else ""
    text = one_line(texts.get("progress", ""))
    new_text = bool(text) and text != old_text
    if status == current and not new_text:
        return
    if status == UNSTATED:
        where = cells.get("status") or cells["problem"]
        raise LedgerError(f"{where}：最新进展有变化，但没有写整改状态；请在整改状态一列选择一个状态，进展才能记入数据")
    day = progress_date(values, cells, today)
    remark = ""
    if day is None or (latest is not None and day == latest.date):
        day = today
        remark = "（台账没有写新的进展日期，按今天记录）"
    elif latest is not None and day < latest.date:
        raise LedgerError(
            f"{cells['progress_date']}：进展日期 {day.isoformat()} 早于这个问题上一次进展的日期 "
            f"{latest.date.isoformat()}；新的进展应写当天的日期"
        )
    entry_text = text if new_text else f"整改状态改为{status}（据整改台账）。"
    entry = {"date": day, "status": status, "text": entry_text}
    plan.appends.append((path, entry, "台账没有写进展日期，按更新之日记录" if remark else ""))
    column = "status" if status != current else "progress"
    if status != current:
        change("整改状态", current, status, "status")
    change(
        "整改进展",
        f"{latest.date.isoformat()} {latest.status}：{latest.text}" if latest else "",
        f"新增 {day.isoformat()} {status}：{entry_text}{remark}",
        column if column in cells else "problem",
    )


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def updated_text(text: str, plan: Plan, name: str) -> str:
    """``findings.yml`` text with the plan applied; comments, key order and layout kept."""
    sets = [(path, value) for path, value in plan.edits if value is not None]
    deletes = [path for path, value in plan.edits if value is None]
    text = yamlio.edit_text(text, sets, name)
    if not deletes and not plan.appends:
        return text
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    doc = yamlio.loads(text, name)
    for path in deletes:
        yamlio.delete_value(doc, path)
    for path, entry, remark in plan.appends:
        progress = yamlio.get_value(doc, f"{path}.progress")
        node = CommentedMap(entry)
        if remark:
            node.yaml_add_eol_comment(remark, "date")
        if isinstance(progress, CommentedSeq):
            progress.append(node)
        else:
            yamlio.set_value(doc, f"{path}.progress", [node])
    return yamlio.dumps(doc)


def check_copy(folder: Path, findings_text: str) -> list[DataError]:
    """The errors the notice would have with ``findings_text``, checked in a copy (the folder is untouched)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / folder.name
        copy.mkdir()
        shutil.copyfile(folder / NOTICE_FILE, copy / NOTICE_FILE)
        (copy / FINDINGS_FILE).write_text(findings_text, encoding="utf-8")
        _, errors = load_notice(copy)
    return [replace(e, file=folder / (FINDINGS_FILE if e.file.name == FINDINGS_FILE else NOTICE_FILE)) for e in errors]


def show_change(change: Change) -> str:
    f = change.finding
    return f"问题{f.number}（{f.short}）{change.label}：{change.old or '（空）'} → {change.new or '（空）'}　［{change.where}］"
