"""No formulas from open data: text that a spreadsheet would run (=, +, -, @, or a tab or carriage
return first) stays text in findings.csv and in the exported ledger, by one shared rule."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, SEED_ID
from rectify.cli import main
from rectify.data.load import load_site
from rectify.data.spreadsheet import csv_text, runs_as_formula
from rectify.site.opendata import findings_csv

# What each field is set to in the seed notice, and the text of the cell: each starts like a formula.
HOSTILE = {
    "short: 工会改革推进不深": '=HYPERLINK("https://evil.invalid/","点击")',
    "problem: 机关化、行政化问题比较突出。": "-2+3 机关化、行政化问题比较突出",
    "responsible: 郭长义": "+1+1",
    "deadline: 2017年底前": "@SUM(1)",
}


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "\t", "  =1", "\n-1"])
def test_formula_like_text_is_neutralised(text: str) -> None:
    assert runs_as_formula(text)
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", ["整改完成", "（1）=2", "2017-12-31", "", "—", "１=1"])
def test_other_text_is_kept(text: str) -> None:
    assert not runs_as_formula(text)
    assert csv_text(text) == text


def _hostile(data_copy: Path) -> Path:
    findings = data_copy / SEED_ID / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    for field, value in HOSTILE.items():
        name = field.split(":")[0]
        line = re.compile(rf"^( *){re.escape(field)}.*$", re.MULTILINE)
        assert line.search(text), field
        written = json.dumps(value, ensure_ascii=False)
        text = line.sub(lambda m, name=name, written=written: f"{m[1]}{name}: {written}", text, count=1)
    findings.write_text(text, encoding="utf-8")
    notice_yml = data_copy / SEED_ID / "notice.yml"
    notice_text = notice_yml.read_text(encoding="utf-8")
    notice_yml.write_text(notice_text.replace("issuer: 中共", "issuer: '-中共", 1).replace("党组  #", "党组'  #", 1))
    return data_copy / SEED_ID


def test_findings_csv_writes_no_formula(data_copy: Path) -> None:
    notice = load_site(_hostile(data_copy).parent)[0]
    rows = list(csv.reader(io.StringIO(findings_csv(notice).removeprefix("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if runs_as_formula(cell)]
    for value in HOSTILE.values():
        assert "'" + value in cells, value


def test_the_ledger_writes_no_formula(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    assert main(["ledger", "export", str(_hostile(data_copy)), "-o", str(out)]) == 0
    workbook = openpyxl.load_workbook(out)
    texts = [cell for ws in workbook for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert all(cell.data_type == "s" for cell in texts)
    formula_like = [cell for cell in texts if runs_as_formula(cell.value)]
    assert {"-2+3 机关化、行政化问题比较突出", "+1+1", "@SUM(1)"} <= {cell.value for cell in formula_like}
    assert any(cell.value.startswith("-中共") for cell in formula_like)  # the title in A1 and the info sheet
    # Excel's own mark of text typed after a ': kept as text when the cell is edited, not shown.
    assert all(cell.quotePrefix for cell in formula_like), [c.coordinate for c in formula_like if not c.quotePrefix]


def test_the_format_page_says_so() -> None:
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert "不会被当作公式" in page
