"""Ledger cells that saved values alone misread: formulas, links and progress dates (issue 27).

Before: a formula written by a program (openpyxl, a reporting system's export) has no saved value and
was read as empty, so a department vanished without a word; =HYPERLINK("网址","名称") lost its address
(and its name too when unsaved), as did a link made with 插入—超链接; a progress dated 2099 imported.

Offices make ledgers two ways, both tried: written by a program (formulas without saved values, what
openpyxl itself writes: ``_office_ledger``), and saved by a spreadsheet program, which stores each
formula's result. ``tests/fixtures/ledger/saved-by-libreoffice.xlsx`` is what ``_office_ledger`` writes,
opened and saved by LibreOffice Calc 7.4::

    soffice --headless --convert-to xlsx --outdir out 台账.xlsx
"""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from conftest import FIXTURES, SEED_ID
from rectify.cli import ledger as ledger_command
from rectify.cli import main
from rectify.intake.ledger.convert import import_ledger

SAVED = FIXTURES / "ledger" / "saved-by-libreoffice.xlsx"
TODAY = date(2024, 6, 1)
A_PDF = "https://www.example.gov.cn/zg/a.pdf"
B_PDF = "https://www.example.gov.cn/zg/b.pdf"

HEADER = ["序号", "问题", "整改措施", "牵头部门", "整改状态", "整改进展", "进展日期", "佐证材料"]
ROWS: list[list[Any]] = [
    [1, "问题甲", "措施甲", '=IF(1=1,"办公室","")', "正在整改", "已部署", datetime(2024, 3, 1),
     f'=HYPERLINK("{A_PDF}","会议纪要")'],
    [2, "问题乙", "措施乙", "财务科", "已完成", "已完成", datetime(2024, 4, 1), "整改报告"],
    [3, "问题丙", "措施丙", '=IF(1=2,"财务科","")', "正在整改", "", None, "台账"],
    [4, "问题丁", "措施丁", "=A5*10", "正在整改", "", None, f'=HYPERLINK("{B_PDF}")'],
]  # fmt: skip


def _office_ledger(path: Path) -> Path:
    """A ledger as a program writes it: formulas without saved values, a link made with 插入—超链接."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "整改台账"
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    ws["G2"].number_format = ws["G3"].number_format = "yyyy-mm-dd"
    ws["H3"].hyperlink = B_PDF
    ws["H4"].hyperlink = "file:///C:/佐证材料/台账.xlsx"  # a file on the office's computer
    ws["C5"].hyperlink = A_PDF  # a link where the ledger has no place for one
    workbook.save(path)
    return path


def _findings(folder: Path) -> dict[str, dict[str, Any]]:
    doc = yaml.safe_load((folder / "findings.yml").read_text(encoding="utf-8"))
    return {f["problem"]: f for c in doc["categories"] for f in c.get("findings", [])}


def _import(source: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["import", str(source), "-o", str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return status, captured.err


def test_a_formula_without_a_saved_value_is_named_with_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _office_ledger(tmp_path / "台账.xlsx")
    out = tmp_path / "data" / "zg-2024"
    status, err = _import(source, out, capsys)
    assert status == 1
    assert not out.exists()
    lines = [line for line in err.splitlines() if "公式" in line]
    assert lines == [
        f"台账.xlsx 整改台账!{cell}：公式 {formula} 没有保存的计算结果（文件可能是由程序生成的，从未在 Excel 或 WPS "
        "中打开并保存过），读出来是空的；请在 Excel/WPS 中打开台账，保存后再导入"
        for cell, formula in (("D2", '=IF(1=1,"办公室","")'), ("D4", '=IF(1=2,"财务科","")'), ("D5", "=A5*10"))
    ], err
    assert "H2" not in err and "H5" not in err  # a HYPERLINK says its name and address without a saved value


def test_the_same_ledger_saved_by_a_spreadsheet_program_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "data" / "zg-2024"
    status, err = _import(shutil.copyfile(SAVED, tmp_path / "台账.xlsx"), out, capsys)
    assert status == 0, err
    found = _findings(out)
    assert found["问题甲"]["department"] == "办公室"  # the formula's saved result
    assert "department" not in found["问题丙"]  # its saved result is empty: nothing to import
    assert found["问题丁"]["department"] == "40"
    assert found["问题甲"]["evidence"] == [{"text": "会议纪要", "link": A_PDF}]  # =HYPERLINK("…","…")
    assert found["问题乙"]["evidence"] == [{"text": "整改报告", "link": B_PDF}]  # 插入—超链接
    assert found["问题丁"]["evidence"] == [{"text": B_PDF, "link": B_PDF}]  # =HYPERLINK("…")
    assert found["问题丙"]["evidence"] == ["台账"]
    # A file on the office's computer (saved as a relative path) is named, never dropped in silence.
    assert re.search(r"台账\.xlsx 整改台账!H4：佐证材料的链接“[./]*C:/佐证材料/台账\.xlsx”不是网址.*evidence/ 中", err)
    assert f"台账.xlsx 整改台账!C5：单元格带有链接 {A_PDF}；这一列只读文字，链接没有导入" in err


def test_the_fixture_is_the_program_s_ledger_saved(tmp_path: Path) -> None:
    """The saved file holds the same cells as ``_office_ledger`` writes (the fixture has not drifted)."""
    made = openpyxl.load_workbook(_office_ledger(tmp_path / "made.xlsx")).active
    saved = openpyxl.load_workbook(SAVED).active
    assert [[c.value for c in row] for row in saved.iter_rows()] == [[c.value for c in row] for row in made.iter_rows()]
    assert all(c.data_type == "f" for c in (saved["D2"], saved["H2"]))


def test_a_hyperlink_formula_needs_no_saved_value(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(["序号", "问题", "整改措施", "佐证材料"])
    ws.append([1, "问题甲", "措施甲", f'=HYPERLINK("{A_PDF}","会议纪要")'])
    ws.append([2, "问题乙", "措施乙", "纪要\n报告"])
    ws["D3"].hyperlink = B_PDF  # two pieces, one link: whose it is cannot be told
    workbook.save(tmp_path / "台账.xlsx")
    imported, _ = import_ledger(tmp_path / "台账.xlsx", tmp_path / "data" / "x", TODAY)
    first, second = imported.findings["categories"][0]["findings"]
    assert first["evidence"] == [{"text": "会议纪要", "link": A_PDF}]
    assert second["evidence"] == ["纪要", "报告", {"text": B_PDF, "link": B_PDF}]
    assert any("D3：单元格的链接" in remark and "请核对" in remark for remark in (r.message for r in imported.remarks))


def _saved_with(path: Path, cell: str, element: str) -> Path:
    """The saved fixture with one cell's XML replaced, as Excel would have saved it."""
    with zipfile.ZipFile(SAVED) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rf'<c r="{cell}"[^>]*>.*?</c>'.encode(), element.encode(), data)
                assert count == 1
            target.writestr(member, data)
    return path


def test_a_formula_whose_saved_value_is_an_error_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _saved_with(tmp_path / "台账.xlsx", "D5", '<c r="D5" t="e"><f>A5/0</f><v>#DIV/0!</v></c>')
    status, err = _import(path, tmp_path / "data" / "zg-2024", capsys)
    assert status == 1
    assert "台账.xlsx 整改台账!D5：公式 =A5/0 的结果是错误值 #DIV/0!；请在 Excel/WPS 中改正这个公式" in err


def test_a_progress_date_in_the_future_is_refused_on_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _saved_with(tmp_path / "台账.xlsx", "G3", '<c r="G3" s="2" t="n"><v>72686</v></c>')  # 2099-01-01
    out = tmp_path / "data" / "zg-2024"
    status, err = _import(path, out, capsys)
    assert status == 1
    assert f"台账.xlsx 整改台账!G3：进展日期 2099-01-01 晚于今天（{date.today().isoformat()}）" in err
    assert not out.exists()


def test_a_progress_date_in_the_future_is_refused_on_update(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "台账.xlsx"
    assert main(["ledger", "export", str(data_copy / SEED_ID), "-o", str(ledger)]) == 0
    workbook = openpyxl.load_workbook(ledger)
    sheet = workbook["整改台账"]
    sheet["I4"], sheet["J4"], sheet["K4"] = "已完成", "已办结", datetime(2018, 3, 1)
    workbook.save(ledger)
    findings = data_copy / SEED_ID / "findings.yml"
    before = findings.read_bytes()
    capsys.readouterr()
    assert ledger_command.update(ledger, data_copy / SEED_ID, True, date(2018, 1, 15)) == 1
    err = capsys.readouterr().err
    assert "台账.xlsx 整改台账!K4：进展日期 2018-03-01 晚于今天（2018-01-15）" in err
    assert findings.read_bytes() == before


def test_a_link_in_the_ledger_reaches_the_data_on_update(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "台账.xlsx"
    assert main(["ledger", "export", str(data_copy / SEED_ID), "-o", str(ledger)]) == 0
    workbook = openpyxl.load_workbook(ledger)
    workbook["整改台账"]["L4"] = f'=HYPERLINK("{A_PDF}","整改报告")'
    workbook.save(ledger)
    capsys.readouterr()
    assert ledger_command.update(ledger, data_copy / SEED_ID, True, date(2018, 1, 15)) == 0, capsys.readouterr()
    text = (data_copy / SEED_ID / "findings.yml").read_text(encoding="utf-8")
    assert "text: 整改报告\n" in text and f"link: {A_PDF}\n" in text
