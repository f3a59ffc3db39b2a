"""The rectification ledger (整改台账): export a notice to Excel, and update the data from the ledger.

``export_ledger`` writes the ledger an office keeps: a title, one header row, one row per finding,
a drop-down list and colours for the status, print setup for A4 landscape, and a second sheet with
the notice's facts and figures. ``plan_update`` compares an edited ledger with the data and lists
every change; ``apply_update`` writes them into ``findings.yml`` through ``yamlio`` (comments, key
order and layout kept, written atomically).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import yamlio
from .errors import DataError
from .load import FINDINGS_FILE, NOTICE_FILE, load_notice
from .model import STATUSES, UNSTATED, Evidence, Finding, Notice, status_of_wording
from .opendata import evidence_text
from .sheets import Ledger, LedgerError, date_cell, split_items, strip_number
from .text import chinese_date

SHEET = "整改台账"
INFO_SHEET = "通报信息"
HEADER_ROW = 3
# (header, width in characters)
COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 5),
    ("问题分类", 10),
    ("问题", 28),
    ("整改措施", 36),
    ("责任领导", 8),
    ("牵头部门", 10),
    ("责任人", 8),
    ("完成时限", 10),
    ("整改状态", 10),
    ("最新进展", 26),
    ("进展日期", 11),
    ("佐证材料", 18),
    ("销号日期", 11),
)
# About 190 characters in all: printed on A4 landscape at roughly three quarters of full size.
STATUS_COLUMN = 9
# Status colours as offices use them (红黄蓝绿): fill and text, readable when printed in grey.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "已完成": ("C6EFCE", "006100"),
    "基本完成（持续整改）": ("DDEBF7", "1F4E78"),
    "正在整改": ("FFEB9C", "7F6000"),
    "长期整改": ("BDD7EE", "1F3864"),
    "未完成": ("FFC7CE", "9C0006"),
}
_PARTNERS = re.compile(r"^(?P<lead>.*?)\s*[（(]\s*配合(?:部门|单位)?\s*[:：]\s*(?P<partners>[^（）()]*)[）)]\s*$", re.S)
_LINKED = re.compile(r"^(?P<text>.*?)\s*[（(]?\s*(?P<link>https?://[^\s（）()]+)\s*[）)]?\s*$")


def department_text(finding: Finding) -> str:
    """The 牵头部门 cell: the leading department, and the assisting ones in brackets."""
    text = finding.department or ""
    if finding.partners:
        text += f"（配合：{'、'.join(finding.partners)}）"
    return text


def measures_text(finding: Finding) -> str:
    if len(finding.measures) == 1:
        return finding.measures[0]
    return "\n".join(f"{i}. {m}" for i, m in enumerate(finding.measures, start=1))


def export_ledger(notice: Notice, out: Path) -> None:
    """Write the ledger of ``notice`` to ``out`` (.xlsx), atomically."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET
    last_col = get_column_letter(len(COLUMNS))
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    body = Font(name="宋体", size=10)

    ws["A1"] = f"{notice.issuer}{notice.inspection.kind}整改台账"
    ws["A1"].font = Font(name="黑体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last_col}1")
    ws.row_dimensions[1].height = 32
    ws["A2"] = (
        f"填报单位：{notice.issuer}　　通报：{notice.title}（{chinese_date(notice.signed)}）　　"
        f"情况截至：{chinese_date(notice.as_of)}"
    )
    ws["A2"].alignment = Alignment(vertical="center")
    ws.merge_cells(f"A2:{last_col}2")
    for col, (name, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, col, name)
        cell.font = Font(name="黑体", size=10, bold=True)
        cell.alignment = centre
        cell.border = border
        cell.fill = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
        ws.column_dimensions[get_column_letter(col)].width = width
    row = HEADER_ROW
    for finding in notice.findings:
        row += 1
        latest = finding.progress[-1] if finding.progress else None
        status = finding.current_status
        values: list[Any] = [
            finding.number,
            notice.category(finding.category_id).short,
            finding.problem,
            measures_text(finding),
            finding.lead,
            department_text(finding) or None,
            finding.responsible,
            finding.deadline,
            finding.status_text if status == UNSTATED else status,  # a wording the table lacks, as written
            latest.text if latest else None,
            latest.date if latest else None,
            "\n".join(evidence_text(e) for e in finding.evidence) or None,
            finding.closed,
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, value)
            cell.font = body
            if isinstance(value, str):
                cell.data_type = "s"  # text from data is text, never a formula (=HYPERLINK…)
            cell.border = border
            cell.alignment = centre if col in (1, STATUS_COLUMN) else wrap
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
                cell.alignment = Alignment(vertical="top", horizontal="center")
    last_row = max(row, HEADER_ROW + 1)
    status_range = f"I{HEADER_ROW + 1}:I{last_row}"
    choices = ",".join(STATUSES)
    validation = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="整改状态",
        error=f"请从下拉列表中选择：{choices.replace(',', '、')}",
        showInputMessage=True,
        promptTitle="整改状态",
        prompt="从下拉列表中选择",
    )
    validation.add(status_range)
    ws.add_data_validation(validation)
    for status, (fill, text) in STATUS_COLOURS.items():
        ws.conditional_formatting.add(
            status_range,
            FormulaRule(
                formula=[f'$I{HEADER_ROW + 1}="{status}"'],
                fill=PatternFill("solid", start_color=fill, end_color=fill, bgColor=fill),
                font=Font(color=text, bold=True),
                stopIfTrue=True,
            ),
        )
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.evenFooter.center.text = "第 &P 页，共 &N 页"
    _info_sheet(workbook.create_sheet(INFO_SHEET), notice)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp", delete=False) as handle:
        temporary = Path(handle.name)
    try:
        workbook.save(temporary)
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)  # an ordinary file, not the temporary file's 0600
        temporary.replace(out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _info_sheet(ws: Any, notice: Notice) -> None:
    from openpyxl.styles import Alignment, Font

    i = notice.inspection
    rows: list[tuple[str, Any]] = [
        ("通报编号", notice.id),
        ("标题", notice.title),
        ("发布单位", notice.issuer),
        (f"{i.kind}组", i.team),
        ("进驻日期", i.start),
        ("结束日期", i.end),
        ("反馈日期", i.feedback),
        ("落款", notice.signer),
        ("成文日期", notice.signed),
        ("发布网站", notice.site),
        ("发布日期", notice.published),
        ("", None),
        ("通报写明的数字", None),
        *((str(name), value) for name, value in notice.figures.items()),
        ("", None),
        (f"目前的统计（截至{chinese_date(notice.as_of)}）", None),
        ("问题总数", notice.tally.total),
        *notice.tally.counts,
        ("完成率", notice.tally.rate_text(notice.rate_decimals)),
    ]
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 70
    for r, (name, value) in enumerate(rows, start=1):
        ws.cell(r, 1, name).font = Font(bold=value is None and bool(name))
        cell = ws.cell(r, 2, value)
        if isinstance(value, str):
            cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"


# --- update -------------------------------------------------------------------------------------


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


def _one_line(text: str) -> str:
    return " ".join(text.split())


def parse_evidence(text: str) -> tuple[Evidence, ...]:
    items = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        linked = _LINKED.match(line)
        if linked and linked.group("text").strip():
            items.append(Evidence(linked.group("text").strip(), linked.group("link")))
        else:
            items.append(Evidence(line))
    return tuple(items)


def parse_department(text: str) -> tuple[str | None, tuple[str, ...]]:
    match = _PARTNERS.match(text)
    if not match:
        return (_one_line(text) or None), ()
    partners = tuple(p.strip() for p in re.split(r"[、，,；;\s]+", match.group("partners")) if p.strip())
    return (_one_line(match.group("lead")) or None), partners


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
            shown = _one_line(row.texts["problem"])
            plan.notes.append(
                f"{where}：这一行的问题与 {notice.id} 中的任何问题都对不上，没有导入："
                f"“{shown[:30]}{'…' if len(shown) > 30 else ''}”；台账中问题的文字应与数据中的一致"
            )
            continue
        matched.add(finding.id)
        try:
            _plan_row(plan, notice, finding, row.texts, row.values, row.cells, today)
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
) -> None:
    category = notice.category(finding.category_id)
    path = f"categories[id={category.id}].findings[id={finding.id}]"

    def change(label: str, old: str, new: str, column: str) -> None:
        plan.changes.append(Change(finding, label, old, new, cells[column]))

    def text_field(column: str, key: str, label: str, old: str | None) -> None:
        if column not in texts:
            return
        new = _one_line(texts[column]) or None
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
    if "evidence" in texts:
        evidence = parse_evidence(texts["evidence"])
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
    word = _one_line(texts.get("status", ""))
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
    text = _one_line(texts.get("progress", ""))
    new_text = bool(text) and text != old_text
    if status == current and not new_text:
        return
    if status == UNSTATED:
        where = cells.get("status") or cells["problem"]
        raise LedgerError(f"{where}：最新进展有变化，但没有写整改状态；请在整改状态一列选择一个状态，进展才能记入数据")
    day = date_cell(values.get("progress_date"), cells.get("progress_date", ""), "进展日期")
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
    return [
        DataError(
            folder / FINDINGS_FILE if e.file.name == FINDINGS_FILE else folder / NOTICE_FILE, e.line, e.field, e.message
        )
        for e in errors
    ]


def show_change(change: Change) -> str:
    f = change.finding
    return f"问题{f.number}（{f.short}）{change.label}：{change.old or '（空）'} → {change.new or '（空）'}　［{change.where}］"
