"""The rectification ledger (整改台账) an office keeps, exported from a notice's data to Excel.

``export_ledger`` writes a title, one header row, one row per finding, a drop-down list and colours
for the status, print setup for A4 landscape, and a second sheet with the notice's facts and
figures. The way back, from an edited ledger to the data, is ``rectify.intake.ledger.update``.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from rectify.data import yamlio
from rectify.data.chinese import chinese_date
from rectify.data.model import STATUSES, UNSTATED, Finding, Notice, evidence_text
from rectify.data.spreadsheet import runs_as_formula

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
    # Appended, so that the columns offices already know keep their letters.
    ("应完成日期", 11),
)
# About 200 characters in all: printed on A4 landscape at roughly three quarters of full size.
STATUS_COLUMN = 9
# Status colours as offices use them (红黄蓝绿): fill and text, readable when printed in grey.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "已完成": ("C6EFCE", "006100"),
    "基本完成（持续整改）": ("DDEBF7", "1F4E78"),
    "正在整改": ("FFEB9C", "7F6000"),
    "长期整改": ("BDD7EE", "1F3864"),
    "未完成": ("FFC7CE", "9C0006"),
}


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

    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET
    _heading(ws, notice)
    last_row = _finding_rows(ws, notice)
    _status_choices(ws, last_row)
    _print_setup(ws, last_row)
    _info_sheet(workbook.create_sheet(INFO_SHEET), notice)
    _text_stays_text(workbook)
    content = io.BytesIO()
    workbook.save(content)
    out.parent.mkdir(parents=True, exist_ok=True)
    yamlio.write_atomic(out, content.getvalue())


def _text_stays_text(workbook: Any) -> None:
    """Every text cell is text, never a formula (=HYPERLINK… from the data), and stays text when edited."""
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
                    cell.quotePrefix = runs_as_formula(cell.value)


def _styles() -> tuple[Any, Any, Any]:
    """The cells' border, and the alignments of text and of centred cells."""
    from openpyxl.styles import Alignment, Border, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    return border, wrap, centre


def _heading(ws: Any, notice: Notice) -> None:
    """The title, the 填报单位 line and the header row."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    border, _, centre = _styles()
    last_col = get_column_letter(len(COLUMNS))
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


def _finding_rows(ws: Any, notice: Notice) -> int:
    """A row for each finding; the number of the last row of the table."""
    from openpyxl.styles import Alignment, Font

    border, wrap, centre = _styles()
    body = Font(name="宋体", size=10)
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
            finding.due,  # the date 完成时限 gives (data.deadlines), blank for long-term or unclear words
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, value)
            cell.font = body
            cell.border = border
            cell.alignment = centre if col in (1, STATUS_COLUMN) else wrap
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
                cell.alignment = Alignment(vertical="top", horizontal="center")
    return max(row, HEADER_ROW + 1)


def _status_choices(ws: Any, last_row: int) -> None:
    """The status column: a drop-down list of the statuses, each in its colour."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

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


def _print_setup(ws: Any, last_row: int) -> None:
    """Frozen header, filter, and A4 landscape one page wide with the header on every page."""
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{last_row}"
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
        *([(f"{i.kind}轮次", i.round)] if i.round else []),
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
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
