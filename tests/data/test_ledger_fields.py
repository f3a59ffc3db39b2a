"""The ledger's fields on a finding: 责任领导, 牵头部门, 配合部门, 佐证材料, 销号日期.

All optional; shown on the finding page, in the findings table, the print page, CSV and JSON,
and checked with Chinese messages that name the file, line and field.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SEED_ID, mkdocs_build
from rectify.data.errors import DataInvalid
from rectify.data.load import load_site
from rectify.data.model import Evidence, Notice
from rectify.site.opendata import findings_csv, notice_from_json, notice_json
from rectify.site.render import site_pages

Edit = Callable[[str, str, str], Path]

# Added under the first finding (union-reform, 长期整改, 郭长义, 2017年底前) and a completed one.
LEDGER_FIELDS = """        deadline: 2017年底前
        lead: 王立新
        department: 机关党委
        partners: [财务部, 审计室]
        evidence:
          - 党组会议纪要（2017年第3期）
          - text: 关于推进工会改革的<方案>
            link: https://www.example.gov.cn/files/gaige.pdf?a=1&b=2
"""
CLOSED_FINDING = """        status: 已完成
      - id: huilongwan-decision"""


def _with_fields(edit: Edit, data_copy: Path) -> Notice:
    edit("findings.yml", "        deadline: 2017年底前\n", LEDGER_FIELDS)
    edit(
        "findings.yml",
        CLOSED_FINDING,
        CLOSED_FINDING.replace("status: 已完成\n", "status: 已完成\n        closed: 2017-03-20\n"),
    )
    (notice,) = load_site(data_copy)
    return notice


def test_the_fields_load_into_the_model(edit: Edit, data_copy: Path) -> None:
    notice = _with_fields(edit, data_copy)
    first, _, third = notice.findings[:3]
    assert (first.lead, first.department, first.partners) == ("王立新", "机关党委", ("财务部", "审计室"))
    assert first.evidence == (
        Evidence("党组会议纪要（2017年第3期）"),
        Evidence("关于推进工会改革的<方案>", "https://www.example.gov.cn/files/gaige.pdf?a=1&b=2"),
    )
    assert third.id == "worker-spending" and third.closed == date(2017, 3, 20)
    # Absent stays absent.
    assert (third.lead, third.department, third.partners, third.evidence) == (None, None, (), ())


def test_pages_show_the_fields_literally(edit: Edit, data_copy: Path) -> None:
    notice = _with_fields(edit, data_copy)
    pages = site_pages([notice])
    page = next(text for path, text in pages.items() if path.endswith("union-reform.md"))
    assert "- 责任领导：王立新" in page and "- 牵头部门：机关党委" in page and "- 配合部门：财务部、审计室" in page
    assert "## 佐证材料" in page
    assert '<a href="https://www.example.gov.cn/files/gaige.pdf?a=1&amp;b=2">关于推进工会改革的&lt;方案&gt;</a>' in page
    closed_page = next(text for path, text in pages.items() if path.endswith("worker-spending.md"))
    assert "- 销号日期：2017年3月20日" in closed_page
    table = next(text for path, text in pages.items() if path.endswith("findings/index.md"))
    assert _header(table) == [
        "序号",
        "分类",
        "问题",
        "整改状态",
        "整改责任人",
        "完成时限",
        "责任领导",
        "牵头部门",
        "佐证材料",
        "销号日期",
    ]
    first_row = next(line for line in table.splitlines() if '<td data-label="序号" markdown="span">1</td>' in line)
    assert _cells(first_row)[-4:] == ["王立新", "机关党委", "2 项", "—"]
    printed = next(text for path, text in pages.items() if path.endswith("print.md"))
    assert "责任领导：王立新；牵头部门：机关党委；配合部门：财务部、审计室；整改责任人：郭长义" in printed


def test_a_notice_without_the_fields_keeps_its_table(data_copy: Path) -> None:
    (notice,) = load_site(data_copy)
    table = next(text for path, text in site_pages([notice]).items() if path.endswith("findings/index.md"))
    assert _header(table) == ["序号", "分类", "问题", "整改状态", "整改责任人", "完成时限"]
    assert "责任领导" not in table and "佐证材料" not in table


def test_open_data_carries_the_fields(edit: Edit, data_copy: Path) -> None:
    notice = _with_fields(edit, data_copy)
    text = notice_json(notice)
    first = json.loads(text)["categories"][0]["findings"][0]
    assert first["lead"] == "王立新" and first["partners"] == ["财务部", "审计室"]
    assert first["evidence"][1] == {
        "text": "关于推进工会改革的<方案>",
        "link": "https://www.example.gov.cn/files/gaige.pdf?a=1&b=2",
        # An evidence file's facts (issue 26, point 7): none for a link.
        **dict.fromkeys(("file", "type", "size", "sha256")),
    }
    assert json.loads(text)["categories"][0]["findings"][2]["closed"] == "2017-03-20"
    assert notice_from_json(text) == notice
    csv_text = findings_csv(notice)
    rows = list(csv.DictReader(io.StringIO(csv_text.removeprefix("\ufeff"))))
    assert rows[0]["责任领导"] == "王立新" and rows[0]["牵头部门"] == "机关党委"
    assert rows[0]["配合部门"] == "财务部、审计室"
    assert rows[0]["佐证材料"] == (
        "党组会议纪要（2017年第3期）\n关于推进工会改革的<方案>（https://www.example.gov.cn/files/gaige.pdf?a=1&b=2）"
    )
    assert rows[2]["销号日期"] == "2017-03-20" and rows[1]["销号日期"] == "" and rows[1]["责任领导"] == ""


@pytest.mark.parametrize(
    ("added", "field_tail", "words"),
    [
        ("        closed: 2017-12-31\n", "closed", ["销号日期 2017-12-31", "长期整改", "已完成"]),
        ("        closed: 2017-13-01\n", "closed", ["2017-13-01", "不是存在的日期"]),
        (
            "        evidence:\n          - text: 纪要\n            link: javascript:alert(1)\n",
            "evidence[1].link",
            ["javascript:alert(1)", "http://"],
        ),
        ("        evidence:\n          - link: https://a.cn/x.pdf\n", "evidence[1]", ["缺少必填字段 text"]),
        ("        evidence:\n          - 12\n", "evidence[1]", ["材料名称"]),
        ("        partners: 财务部\n", "partners", ["列表"]),
        ("        lead: ''\n", "lead", ["不能为空"]),
    ],
    ids=[
        "closed-not-completed",
        "closed-not-a-date",
        "evidence-link-script",
        "evidence-no-text",
        "evidence-number",
        "partners-not-list",
        "lead-empty",
    ],
)
def test_mistakes_are_reported_in_chinese(
    edit: Edit, data_copy: Path, added: str, field_tail: str, words: list[str]
) -> None:
    path = edit("findings.yml", "        deadline: 2017年底前\n", "        deadline: 2017年底前\n" + added)
    with pytest.raises(DataInvalid) as caught:
        load_site(data_copy)
    report = caught.value.report()
    assert "Traceback" not in report
    error = caught.value.errors[0]
    assert {e.field for e in caught.value.errors} == {error.field}
    assert error.file == path and error.line is not None
    assert error.field == f"categories[1].findings[1].{field_tail}", str(error)
    for word in words:
        assert word in error.message, str(error)


def test_built_site_shows_the_fields(edit: Edit, data_copy: Path, tmp_path: Path) -> None:
    _with_fields(edit, data_copy)
    site = tmp_path / "site"
    result = mkdocs_build(site, data_copy)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup(
        (site / SEED_ID / "findings" / "union-reform" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    text = page.get_text()
    assert "责任领导：王立新" in text and "牵头部门：机关党委" in text and "配合部门：财务部、审计室" in text
    link = page.find("a", string="关于推进工会改革的<方案>")
    assert link is not None and link["href"] == "https://www.example.gov.cn/files/gaige.pdf?a=1&b=2"
    format_page = (site / "format" / "index.html").read_text(encoding="utf-8")
    for name in ("lead", "department", "partners", "evidence", "closed"):
        assert f"<code>categories[].findings[].{name}</code>" in format_page


def _header(table: str) -> list[str]:
    """The findings table's column names (the table is written as HTML with Markdown cells)."""
    return re.findall(r"<th>([^<]*)</th>", table)


def _cells(row: str) -> list[str]:
    return re.findall(r'<td data-label="[^"]*"[^>]*>(.*?)</td>', row)
