"""Read a rectification ledger (整改台账) from a spreadsheet: the rows, whatever the layout.

Offices lay their ledgers out by hand: a merged title row, a 填报单位/填报日期 line, a header of one
or two rows (责任分工 over 责任领导 / 牵头单位 / 具体责任人), category rows (一、…方面) spanning the
table, multi-line cells, and their own words for the columns. ``read_ledger`` finds the header by
its words, fills merged cells, and returns every row with the Excel address of each cell, so that
every message can name the file, the sheet and the cell (``台账.xlsx 整改台账!I7``).

``.xlsx`` is read with openpyxl (merged cells, real dates); ``.xls`` and ``.et`` (Kingsoft) with
python-calamine. A file that is not a spreadsheet, or is protected by a password, is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rectify.data.chinese import NUMERALS

from ..limits import file_problem, rows_problem, unpacked_problem
from .formulas import Extras, apply, sheet_formulas

# What a ledger calls each column, by field; compared after dropping spaces and notes in brackets.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "序"),
    "category": ("问题分类", "问题类别", "分类", "类别", "问题类型", "方面"),
    "problem": ("问题", "反馈问题", "存在问题", "问题描述", "具体问题", "巡视反馈问题", "巡察反馈问题", "问题表现"),
    "measures": ("整改措施", "整改举措", "措施", "具体措施"),
    "lead": ("责任领导", "牵头领导", "分管领导", "领导"),
    "department": ("牵头部门", "牵头单位", "责任单位", "责任部门", "主责部门"),
    "partners": ("配合部门", "配合单位", "协办单位"),
    "responsible": ("责任人", "具体责任人", "整改责任人"),
    "deadline": ("完成时限", "整改时限", "时限", "完成时间"),
    "status": ("整改状态", "完成情况", "整改进度", "状态"),
    "progress": ("最新进展", "整改进展", "进展情况", "整改情况", "进展"),
    "progress_date": ("进展日期", "更新日期"),
    "evidence": ("佐证材料", "佐证", "证明材料"),
    "closed": ("销号日期", "销号时间"),
    "due": ("应完成日期", "到期日期", "截止日期"),
}
_HEADER_INDEX = {word: name for name, words in HEADER_WORDS.items() for word in words}


_NOTE = re.compile(r"[（(][^（）()]*[）)]")
_CATEGORY_NUMBER = re.compile(rf"^\s*(?:[{NUMERALS}]+[、.．]|[（(][{NUMERALS}]+[）)]、?)\s*")
_FILLED_BY = re.compile(r"填报单位\s*[:：]\s*(?P<v>[^\s:：]+(?:\s[^\s:：填]+)*)")
_FILLED_ON = re.compile(r"填报(?:日期|时间)\s*[:：]\s*(?P<v>\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?)")
_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?\s*$")


class LedgerError(ValueError):
    """A ledger that cannot be read; the message names the file and, where it can, sheet and cell."""


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Sheet:
    """One worksheet as values by (row, column), 1-based as in Excel, with merged cells filled."""

    name: str
    values: dict[tuple[int, int], Any]
    max_row: int
    max_col: int
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(first row, first column, last row, last column) of each merged range."""
    extras: Extras = field(default_factory=Extras)
    """Links, and formulas without a saved value or in error (.xlsx only)."""

    def __post_init__(self) -> None:
        self._owner: dict[tuple[int, int], tuple[int, int]] = {}
        for r0, c0, r1, c1 in self.merged:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self._owner[(r, c)] = (r0, c0)

    def value(self, row: int, col: int) -> Any:
        return self.values.get(self._owner.get((row, col), (row, col)))

    def owner(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding this cell (the cell itself if not merged)."""
        return self._owner.get((row, col), (row, col))

    def text(self, row: int, col: int) -> str:
        """The cell as text, lines kept, outer spaces stripped ('' when empty)."""
        return cell_text(self.value(row, col))

    def span(self, row: int, col: int) -> int:
        """How many columns the merged range holding this cell spans on its row (1 if not merged)."""
        for r0, c0, r1, c1 in self.merged:
            if r0 <= row <= r1 and c0 <= col <= c1:
                return c1 - c0 + 1
        return 1

    def where(self, row: int, col: int) -> str:
        return f"{self.name}!{column_letter(col)}{row}"

    def link(self, row: int, col: int) -> str | None:
        return self.extras.links.get(self.owner(row, col))

    def formula_problems(self, file_name: str) -> list[str]:
        """Each cell whose formula the file holds no usable value for, in the order of the sheet."""
        problems = [
            f"{file_name} {self.where(r, c)}：公式 {formula} 没有保存的计算结果（文件可能是由程序生成的，"
            "从未在 Excel 或 WPS 中打开并保存过），读出来是空的；请在 Excel/WPS 中打开台账，保存后再导入"
            for (r, c), formula in sorted(self.extras.uncomputed.items())
        ]
        problems += [
            f"{file_name} {self.where(r, c)}：公式 {formula} 的结果是错误值 {error}；请在 Excel/WPS 中改正这个公式，保存后再导入"
            for (r, c), (formula, error) in sorted(self.extras.failed.items())
        ]
        return problems


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    lines = [line.strip() for line in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def _header_word(text: str) -> str | None:
    word = re.sub(r"\s+|\*|＊", "", _NOTE.sub("", text))
    return _HEADER_INDEX.get(word)


# --- opening the file -----------------------------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_sheets(path: Path) -> list[Sheet]:
    """Every worksheet of ``path``; raises LedgerError (in Chinese) for what is not a readable spreadsheet."""
    try:
        problem = file_problem(path.stat().st_size)
        if problem:
            raise LedgerError(f"{path}：{problem}")
        raw = path.read_bytes()
    except OSError as error:
        raise LedgerError(f"{path}：无法读取（{error.strerror}）") from None
    if raw.startswith(b"PK\x03\x04"):
        problem = unpacked_problem(raw) or rows_problem(raw)
        if problem:
            raise LedgerError(f"{path}：{problem}")
        return _xlsx_sheets(path, raw)
    if raw.startswith(_OLE):
        if _encrypted(raw):
            raise LedgerError(f"{path}：{_PASSWORD}")
        return _calamine_sheets(path, raw)
    raise LedgerError(
        f"{path}：不是 Excel 文件（应为 .xlsx、.xls 或 WPS 表格 .et）；"
        "若是 CSV 或其他格式，请在 Excel 或 WPS 中打开并另存为 .xlsx"
    )


def _encrypted(raw: bytes) -> bool:
    """An .xlsx saved with a password is an OLE file holding an ``EncryptedPackage`` stream."""
    return "EncryptedPackage".encode("utf-16-le") in raw


_PASSWORD = (
    "文件设置了打开密码，无法读取；请在 Excel 或 WPS 中打开它，"
    "在“文件—信息—保护工作簿”（WPS：“文件—文档加密”）中取消密码后另存，再导入"
)


def _xlsx_sheets(path: Path, raw: bytes) -> list[Sheet]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise LedgerError(
            f"{path}：不是能读取的 Excel 文件（{type(error).__name__}）；请在 Excel 或 WPS 中打开并另存为 .xlsx"
        ) from None
    formulas = sheet_formulas(raw)
    sheets = []
    for ws in workbook.worksheets:
        values: dict[tuple[int, int], Any] = {}
        kinds: dict[tuple[int, int], str] = {}
        extras = Extras()
        for row in ws.iter_rows():
            for cell in row:
                kinds[(cell.row, cell.column)] = cell.data_type
                if cell.value is not None and cell.value != "":
                    values[(cell.row, cell.column)] = cell.value
                if cell.hyperlink is not None and cell.hyperlink.target:  # not a link to a place in the workbook
                    extras.links[(cell.row, cell.column)] = cell.hyperlink.target
        apply(values, kinds, formulas.get(ws.title, {}), extras)
        merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        sheets.append(Sheet(ws.title, values, ws.max_row, ws.max_column, merged, extras))
    return sheets


def _calamine_sheets(path: Path, raw: bytes) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheets = []
        for name in workbook.sheet_names:
            ws = workbook.get_sheet_by_name(name)
            rows = ws.to_python(skip_empty_area=False)
            values = {
                (r + 1, c + 1): value
                for r, row in enumerate(rows)
                for c, value in enumerate(row)
                if value is not None and value != ""
            }
            merged = [(a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in (ws.merged_cell_ranges or [])]
            width = max((len(row) for row in rows), default=0)
            sheets.append(Sheet(name, values, len(rows), width, merged))
        return sheets
    except Exception as error:  # calamine's errors are of its own kinds
        if re.search(r"passw|encrypt", str(error), re.IGNORECASE):  # an .xls saved with a password
            raise LedgerError(f"{path}：{_PASSWORD}") from None
        raise LedgerError(
            f"{path}：不是能读取的 Excel 文件（{error}）；请在 Excel 或 WPS 中打开并另存为 .xlsx"
        ) from None


# --- the rows -------------------------------------------------------------------------------


@dataclass
class Row:
    """One finding's row of a ledger; ``cells`` maps a field to the cell's address on the sheet."""

    line: int
    category: str | None
    texts: dict[str, str]
    values: dict[str, Any]
    cells: dict[str, str]
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """(cell, address) of each link in a field's cells: 插入—超链接 or =HYPERLINK(…)."""


@dataclass
class Ledger:
    path: Path
    sheet: Sheet
    title: str | None
    filled_by: str | None
    filled_on: date | None
    header_rows: tuple[int, ...]
    columns: dict[str, int]
    rows: list[Row]
    categories: list[tuple[str, int]]
    """Category titles from category rows, with the row they are on."""
    skipped: list[tuple[int, str]]
    """Rows with text that are neither a finding nor a category (row, text)."""

    def where(self, field_name: str, row: int) -> str:
        return f"{self.path.name} {self.sheet.where(row, self.columns[field_name])}"


def _header_at(sheet: Sheet, row: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for col in range(1, sheet.max_col + 1):
        name = _header_word(sheet.text(row, col))
        if name and name not in found:
            found[name] = col
    return found


def find_header(sheet: Sheet) -> tuple[tuple[int, ...], dict[str, int]] | None:
    """The header row(s) and each field's column, or None when the sheet has no ledger header."""
    for row in range(1, min(sheet.max_row, 30) + 1):
        columns = _header_at(sheet, row)
        if "problem" not in columns or len(columns) < 3:
            continue
        below = _header_at(sheet, row + 1)
        combined = {**columns}
        for name, col in below.items():  # a second header row names what its upper row groups
            if combined.get(name) != col:
                combined = {n: c for n, c in combined.items() if c != col}
                combined[name] = col
        if len(combined) > len(columns) and "problem" in combined:
            return (row, row + 1), combined
        return (row,), columns
    return None


def read_ledger(path: Path) -> Ledger:
    """The ledger in ``path``: its first sheet with a ledger header (整改台账 first)."""
    sheets = open_sheets(path)
    ordered = sorted(sheets, key=lambda s: "台账" not in s.name)
    for sheet in ordered:
        header = find_header(sheet)
        if header:
            # A formula read as empty would drop a cell's text without a word: refused, cell by cell.
            problems = sheet.formula_problems(path.name)
            if problems:
                raise LedgerError("\n".join(problems))
            return _rows(path, sheet, *header)
    names = "、".join(s.name for s in sheets) or "（没有工作表）"
    expected = "、".join(("序号", "问题", "整改措施", "责任领导", "牵头部门", "责任人", "完成时限", "整改状态"))
    unsaved = [problem for sheet in sheets for problem in sheet.formula_problems(path.name)]
    raise LedgerError(
        f"{path}：在工作表 {names} 的前 30 行中找不到表头；表头应有一行写明“问题”（或反馈问题、存在问题、问题描述）"
        f"和至少两个其他列名，如：{expected}" + "".join(f"\n{problem}" for problem in unsaved[:10])
    )


def _rows(path: Path, sheet: Sheet, header_rows: tuple[int, ...], columns: dict[str, int]) -> Ledger:
    above = [
        " ".join(sheet.text(r, c) for c in range(1, sheet.max_col + 1) if sheet.text(r, c))
        for r in range(1, header_rows[0])
    ]
    title = None
    filled_by = filled_on = None
    for r, line in enumerate(above, start=1):
        by, on = _FILLED_BY.search(line), _FILLED_ON.search(line)
        if by or on or "填报" in line:
            filled_by = by.group("v") if by else filled_by
            filled_on = _date_from_text(on.group("v")) if on else filled_on
        elif line and title is None:
            title = _distinct_line(sheet, r)
    rows: list[Row] = []
    categories: list[tuple[str, int]] = []
    skipped: list[tuple[int, str]] = []
    category: str | None = None
    previous_owner: tuple[int, int] | None = None
    first_col = min(columns.values())
    last_col = max(columns.values())
    for r in range(header_rows[-1] + 1, sheet.max_row + 1):
        distinct = {sheet.text(r, c) for c in range(1, sheet.max_col + 1)} - {""}
        if not distinct:
            continue
        problem = sheet.text(r, columns["problem"])
        if len(distinct) == 1:
            (text,) = distinct
            spans = max(sheet.span(r, c) for c in range(first_col, last_col + 1))
            if (spans > 1 and spans >= (last_col - first_col + 1) // 2) or (
                not problem and (_CATEGORY_NUMBER.match(text) or text.endswith("方面"))
            ):
                category = _CATEGORY_NUMBER.sub("", text).strip()
                categories.append((category, r))
                continue
        if not problem:
            skipped.append((r, " ".join(sorted(distinct))[:40]))
            continue
        texts = {name: sheet.text(r, col) for name, col in columns.items()}
        values = {name: sheet.value(r, col) for name, col in columns.items()}
        links = {
            name: [(f"{path.name} {sheet.where(*sheet.owner(r, col))}", link)]
            for name, col in columns.items()
            if (link := sheet.link(r, col))
        }
        owner = sheet.owner(r, columns["problem"])
        if rows and owner != (r, columns["problem"]) and owner == previous_owner:
            # One problem merged down over several rows, a measure (and its people) on each.
            _continue_row(rows[-1], texts, values, links)
            continue
        previous_owner = owner
        cells = {name: f"{path.name} {sheet.where(r, col)}" for name, col in columns.items()}
        row_category = texts.get("category") or category
        rows.append(Row(r, row_category, texts, values, cells, links))
    return Ledger(path, sheet, title, filled_by, filled_on, header_rows, columns, rows, categories, skipped)


def _continue_row(
    row: Row, texts: dict[str, str], values: dict[str, Any], links: dict[str, list[tuple[str, str]]]
) -> None:
    """Add a continuation row's cells to the problem's row: each new text on a line of its own."""
    for name, found in links.items():
        known = row.links.setdefault(name, [])
        known += [link for link in found if link not in known]  # a merged cell's link once
    for name, text in texts.items():
        if text and text not in row.texts[name].split("\n"):
            row.texts[name] = f"{row.texts[name]}\n{text}" if row.texts[name] else text
            if row.values.get(name) is None:
                row.values[name] = values[name]


def _distinct_line(sheet: Sheet, row: int) -> str:
    seen: list[str] = []
    for c in range(1, sheet.max_col + 1):
        text = sheet.text(row, c)
        if text and text not in seen:
            seen.append(text)
    return " ".join(seen).replace("\n", "")


def _date_from_text(text: str) -> date | None:
    match = _DATE_TEXT.match(text)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def progress_date(values: dict[str, Any], cells: dict[str, str], today: date) -> date | None:
    """A row's progress date (None when empty); one after today raises LedgerError, as one before the notice does."""
    day = date_cell(values.get("progress_date"), cells.get("progress_date", ""), "进展日期")
    if day is not None and day > today:
        raise LedgerError(future_date(cells["progress_date"], day, today))
    return day


def future_date(where: str, day: date, today: date) -> str:
    """Why a progress dated after today is refused, as a progress dated before the notice is."""
    return (
        f"{where}：进展日期 {day.isoformat()} 晚于今天（{today.isoformat()}）；进展应写已经发生的日期，"
        "请核对年份是否写错"
    )


def date_cell(value: Any, where: str, what: str) -> date | None:
    """A date cell as a date (None when empty); a cell that holds no date raises LedgerError."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        day = _date_from_text(value)
        if day:
            return day
    shown = cell_text(value).replace("\n", " ")
    raise LedgerError(
        f"{where}：{what}“{shown}”不是日期；请填写日期（单元格格式设为日期），如 2024-03-01 或 2024年3月1日"
    )
