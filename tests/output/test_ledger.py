"""The ledger round trip: ``rectify ledger export`` writes the office's Excel ledger, ``rectify ledger
update`` brings its edits back into findings.yml (listing them first, writing only with --write)."""

from __future__ import annotations

import difflib
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SEED_ID, mkdocs_build
from rectify.cli import ledger as ledger_command
from rectify.cli import main
from rectify.data.load import load_notice
from rectify.data.model import STATUS_WORDINGS, STATUSES

HEADER = ["序号", "问题分类", "问题", "整改措施", "责任领导", "牵头部门", "责任人", "完成时限", "整改状态", "最新进展", "进展日期", "佐证材料", "销号日期", "应完成日期"]  # fmt: skip
TODAY = date(2018, 1, 15)


@pytest.fixture
def exported(data_copy: Path, tmp_path: Path) -> Path:
    out = tmp_path / "台账.xlsx"
    assert main(["ledger", "export", str(data_copy / SEED_ID), "-o", str(out)]) == 0
    return out


def _update(ledger: Path, folder: Path, *, write: bool = False, today: date = TODAY) -> int:
    return ledger_command.update(ledger, folder, write, today)


def _edit(path: Path, cells: dict[str, object]) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["整改台账"]
    for ref, value in cells.items():
        sheet[ref] = value
    workbook.save(path)


# --- export ---------------------------------------------------------------------------------


def test_export_writes_a_ledger_an_office_recognises(exported: Path, data_copy: Path) -> None:
    notice, _ = load_notice(data_copy / SEED_ID)
    assert notice is not None
    probe = exported.with_name("probe.txt")
    probe.write_text("", encoding="utf-8")
    assert exported.stat().st_mode & 0o777 == probe.stat().st_mode & 0o777  # as any saved file, not 0600
    workbook = openpyxl.load_workbook(exported)
    assert workbook.sheetnames == ["整改台账", "通报信息"]
    ws = workbook["整改台账"]
    # Title row merged across the table, the 填报 line, one header row.
    assert "A1:N1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].value == "中共黑龙江省总工会党组巡视整改台账"
    assert ws["A2"].value.startswith("填报单位：中共黑龙江省总工会党组")
    assert [c.value for c in ws[3]] == HEADER
    # One row per finding in the notice's order.
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(notice.findings) == 19
    for row, finding in zip(rows, notice.findings, strict=True):
        assert row[0] == finding.number and row[2] == finding.problem
        assert row[1] == notice.category(finding.category_id).short
        assert row[6] == finding.responsible and row[7] == finding.deadline and row[8] == finding.current_status
    assert rows[0][3].startswith("1. 主动对接全总改革") and "\n2. 召开主席办公会议" in rows[0][3]
    # Frozen header, widths, wrapped text.
    assert ws.freeze_panes == "A4"
    assert ws.column_dimensions["C"].width == 28 and ws.column_dimensions["A"].width == 5
    assert sum(ws.column_dimensions[c].width for c in "ABCDEFGHIJKLMN") < 210  # A4 landscape, readable
    assert ws["C4"].alignment.wrap_text and ws["D10"].alignment.wrap_text
    # A drop-down list of the statuses on 整改状态.
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list" and str(validation.sqref) == "I4:I22"
    assert validation.formula1 == '"' + ",".join(STATUSES) + '"'
    # Status cells coloured by conditional formatting (edits recolour them).
    rules = {rule.formula[0]: rule for cf in ws.conditional_formatting for rule in cf.rules}
    assert set(rules) == {f'$I4="{status}"' for status in STATUSES}
    assert {str(cf.sqref) for cf in ws.conditional_formatting} == {"I4:I22"}
    assert rules['$I4="已完成"'].dxf.fill.fgColor.rgb.endswith("C6EFCE")
    assert rules['$I4="未完成"'].dxf.fill.fgColor.rgb.endswith("FFC7CE")
    # A4 landscape, header repeated on every printed page, page numbers in the footer.
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$3:$3"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    # The second sheet: title, dates and the stated totals.
    info = {row[0]: row[1] for row in workbook["通报信息"].iter_rows(values_only=True) if row[0]}
    assert info["标题"] == notice.title and info["发布单位"] == notice.issuer
    assert info["成文日期"] == datetime(2017, 3, 27) and info["反馈日期"] == datetime(2016, 11, 9)
    assert info["问题总数"] == 19 and info["已完成"] == 16 and info["完成率"] == "84.2%"


def test_export_refuses_what_is_not_a_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ledger", "export", str(tmp_path), "-o", str(tmp_path / "台账.xlsx")]) == 1
    assert "不是通报的数据文件夹" in capsys.readouterr().err
    assert not (tmp_path / "台账.xlsx").exists()


# --- update ---------------------------------------------------------------------------------


def test_an_unchanged_ledger_changes_nothing(
    exported: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (data_copy / SEED_ID / "findings.yml").read_bytes()
    assert _update(exported, data_copy / SEED_ID, write=True) == 0
    captured = capsys.readouterr()
    assert "没有要改动的地方" in captured.out and captured.err == ""
    assert (data_copy / SEED_ID / "findings.yml").read_bytes() == before


EDITS: dict[str, object] = {
    "I4": "已完成",
    "J4": "省委已印发改革方案，10项改革任务全部完成。",
    "K4": datetime(2017, 12, 20),
    "E4": "王立新",
    "F4": "办公室（配合：组织部、宣传部）",
    "L4": "改革方案\n验收报告（https://www.example.gov.cn/files/a.pdf）",
    "M4": datetime(2017, 12, 25),
    "I5": "正在推进",  # a ledger word for 正在整改
    "H6": "2018年6月底前",
}


def test_update_lists_every_change_and_writes_nothing(
    exported: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(exported, EDITS)
    findings = data_copy / SEED_ID / "findings.yml"
    before = findings.read_bytes()
    assert _update(exported, data_copy / SEED_ID) == 0
    out = capsys.readouterr().out
    assert findings.read_bytes() == before
    lines = [line.strip() for line in out.splitlines()]
    expected = [
        "问题1（工会改革推进不深）责任领导：（空） → 王立新　［台账.xlsx 整改台账!E4］",
        "问题1（工会改革推进不深）牵头部门：（空） → 办公室　［台账.xlsx 整改台账!F4］",
        "问题1（工会改革推进不深）配合部门：（空） → 组织部、宣传部　［台账.xlsx 整改台账!F4］",
        "问题1（工会改革推进不深）佐证材料：（空） → 改革方案；验收报告（https://www.example.gov.cn/files/a.pdf）　［台账.xlsx 整改台账!L4］",
        "问题1（工会改革推进不深）销号日期：（空） → 2017-12-25　［台账.xlsx 整改台账!M4］",
        "问题1（工会改革推进不深）整改状态：长期整改 → 已完成　［台账.xlsx 整改台账!I4］",
        "问题1（工会改革推进不深）整改进展：（空） → 新增 2017-12-20 已完成：省委已印发改革方案，10项改革任务全部完成。　［台账.xlsx 整改台账!I4］",
        "问题2（联席会议多年未召开）整改状态：长期整改 → 正在整改　［台账.xlsx 整改台账!I5］",
        "问题2（联席会议多年未召开）整改进展：（空） → 新增 2018-01-15 正在整改：整改状态改为正在整改（据整改台账）。（台账没有写新的进展日期，按今天记录）　［台账.xlsx 整改台账!I5］",
        "问题3（职工活动和维权投入不足）完成时限：（空） → 2018年6月底前　［台账.xlsx 整改台账!H6］",
    ]
    assert [line for line in lines if line.startswith("问题")] == expected
    assert "要改动 10 处" in out and "加 --write" in out


def test_update_write_touches_only_the_changed_fields(
    exported: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(exported, EDITS)
    findings = data_copy / SEED_ID / "findings.yml"
    before = findings.read_text(encoding="utf-8")
    assert _update(exported, data_copy / SEED_ID, write=True) == 0
    out = capsys.readouterr().out
    assert "已写入" in out and "数据检查通过" in out and "已完成：17 个" in out
    after = findings.read_text(encoding="utf-8")
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)]
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert removed == []  # comments, order and every other value stay as they were
    assert added == [
        "        lead: 王立新",
        "        department: 办公室",
        "        partners:",
        "          - 组织部",
        "          - 宣传部",
        "        evidence:",
        "          - 改革方案",
        "          - text: 验收报告",
        "            link: https://www.example.gov.cn/files/a.pdf",
        "        closed: 2017-12-25",
        "        progress:",
        "          - date: 2017-12-20",
        "            status: 已完成",
        "            text: 省委已印发改革方案，10项改革任务全部完成。",
        "        progress:",
        "          - date: 2018-01-15  # 台账没有写进展日期，按更新之日记录",
        "            status: 正在整改",
        "            text: 整改状态改为正在整改（据整改台账）。",
        "        deadline: 2018年6月底前",
    ]
    # Running it again finds nothing more to do.
    assert _update(exported, data_copy / SEED_ID, write=True) == 0
    assert "没有要改动的地方" in capsys.readouterr().out
    assert findings.read_text(encoding="utf-8") == after


def test_a_changed_field_is_replaced_in_place(exported: Path, data_copy: Path) -> None:
    _edit(exported, {"G4": "李明"})
    findings = data_copy / SEED_ID / "findings.yml"
    before = findings.read_text(encoding="utf-8")
    assert _update(exported, data_copy / SEED_ID, write=True) == 0
    diff = list(
        difflib.unified_diff(before.splitlines(), findings.read_text(encoding="utf-8").splitlines(), n=0, lineterm="")
    )
    assert diff[2:] == ["@@ -19 +19 @@", "-        responsible: 郭长义", "+        responsible: 李明"]


def test_rows_and_findings_that_do_not_match_are_reported_not_applied(
    exported: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = openpyxl.load_workbook(exported)
    ws = workbook["整改台账"]
    ws["D4"] = "另写的整改措施"
    ws["C5"] = "一个数据中没有的问题"
    ws["I5"] = "已完成"
    ws.delete_rows(7)  # 问题4 is no longer in the ledger
    workbook.save(exported)
    findings = data_copy / SEED_ID / "findings.yml"
    before = findings.read_bytes()
    assert _update(exported, data_copy / SEED_ID, write=True) == 0
    captured = capsys.readouterr()
    assert "台账.xlsx 整改台账!C5：这一行的问题与 hlj-zgh-2017 中的任何问题都对不上，没有导入" in captured.err
    assert "问题2（联席会议多年未召开）不在台账中" in captured.err
    assert "台账.xlsx 整改台账!D4：问题1（工会改革推进不深）的整改措施与数据不同，没有改动" in captured.err
    assert "问题4（回龙湾项目决策未经党组研究）不在台账中" in captured.err
    assert findings.read_bytes() == before


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"I5": "完结"}, "台账.xlsx 整改台账!I5：整改状态“完结”不是可选的值；应为以下之一：已完成、"),
        ({"I5": "已完成", "K5": "去年年底"}, "台账.xlsx 整改台账!K5：进展日期“去年年底”不是日期"),
        ({"M6": "12月"}, "台账.xlsx 整改台账!M6：销号日期“12月”不是日期"),
        ({"C6": "机关化、行政化问题比较突出。为解决企业和职工困难问题所设立的省政府部门与省总工会的联席会议，已经14年没有召开"},
         "台账.xlsx 整改台账!C6：问题与 台账.xlsx 整改台账!C5 重复"),
        # A progress date before the notice: the data check refuses it, nothing is written.
        ({"I5": "已完成", "K5": datetime(2016, 1, 1)}, "进展日期 2016-01-01 早于通报的成文日期 2017-03-27"),
        # Closed (销号) while still in progress.
        ({"M4": datetime(2017, 12, 1)}, "销号的问题应已完成整改"),
    ],
    ids=["status-outside-table", "progress-date-not-a-date", "closed-not-a-date", "duplicate-problem",
         "progress-before-notice", "closed-not-done"],
)  # fmt: skip
def test_bad_cells_are_named_and_nothing_is_written(
    exported: Path, data_copy: Path, capsys: pytest.CaptureFixture[str], cells: dict[str, object], message: str
) -> None:
    _edit(exported, cells)
    findings = data_copy / SEED_ID / "findings.yml"
    before = findings.read_bytes()
    assert _update(exported, data_copy / SEED_ID, write=True) == 1
    err = capsys.readouterr().err
    assert message in err, err
    assert "Traceback" not in err
    assert findings.read_bytes() == before


def test_round_trip_shows_the_new_status_and_progress_on_the_site(
    exported: Path, data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(exported, EDITS)
    assert main(["ledger", "update", str(exported), str(data_copy / SEED_ID), "--write"]) == 0
    assert main(["check", str(data_copy)]) == 0
    assert "已完成：17 个" in capsys.readouterr().out
    site = tmp_path / "site"
    result = mkdocs_build(site, data_copy)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup(
        (site / SEED_ID / "findings" / "union-reform" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    text = page.get_text(" ", strip=True)
    assert page.select_one(".finding-status").get_text(strip=True) == "整改状态：已完成"
    steps = [li.get_text("", strip=True) for li in page.select("li") if "省委已印发改革方案" in li.get_text()]
    assert steps == ["2017年12月20日，已完成：省委已印发改革方案，10项改革任务全部完成。"]
    assert "责任领导：王立新" in text and "销号日期：2017年12月25日" in text
    link = page.find("a", string="验收报告")
    assert link is not None and link["href"] == "https://www.example.gov.cn/files/a.pdf"
    other = BeautifulSoup(
        (site / SEED_ID / "findings" / "joint-meeting" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert other.select_one(".finding-status").get_text(strip=True) == "整改状态：正在整改"


def test_the_format_page_lists_every_status_word() -> None:
    """The one table of status words (notices and ledgers alike) is on the data format page."""
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert "<!-- rectify:status-wordings -->" in page
    assert STATUS_WORDINGS["持续推进"] == STATUS_WORDINGS["长期"] == "长期整改"
    assert STATUS_WORDINGS["已销号"] == "已完成"


def test_text_that_looks_like_a_formula_stays_text(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    findings = data_copy / SEED_ID / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    formula = '=HYPERLINK("https://evil.invalid/","点击")'
    findings.write_text(text.replace("short: 工会改革推进不深", f"short: '{formula}'", 1), encoding="utf-8")
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text.replace("responsible: 郭长义", "responsible: '=1+1'", 1), encoding="utf-8")
    out = tmp_path / "台账.xlsx"
    assert main(["ledger", "export", str(data_copy / SEED_ID), "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["整改台账"]
    assert ws["G4"].value == "=1+1" and ws["G4"].data_type == "s"
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)
    # and the ledger still matches the data
    assert _update(out, data_copy / SEED_ID) == 0
    assert "没有要改动的地方" in capsys.readouterr().out


def test_a_ledger_of_another_notice_is_refused(
    tmp_path: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["序号", "问题", "整改措施", "整改状态"])
    workbook.active.append([1, "别的通报的问题", "措施", "已完成"])
    workbook.save(other)
    assert _update(other, data_copy / SEED_ID, write=True) == 1
    assert "台账中没有一行的问题与 hlj-zgh-2017 中的问题对得上" in capsys.readouterr().err


def test_a_new_progress_date_before_the_last_one_is_refused(
    exported: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(exported, {"I4": "正在整改", "J4": "第一次进展", "K4": datetime(2017, 6, 1)})
    assert _update(exported, data_copy / SEED_ID, write=True) == 0
    capsys.readouterr()
    findings = data_copy / SEED_ID / "findings.yml"
    before = findings.read_bytes()
    _edit(exported, {"I4": "已完成", "J4": "第二次进展", "K4": datetime(2017, 5, 1)})
    assert _update(exported, data_copy / SEED_ID, write=True) == 1
    err = capsys.readouterr().err
    assert "台账.xlsx 整改台账!K4：进展日期 2017-05-01 早于这个问题上一次进展的日期 2017-06-01" in err
    assert findings.read_bytes() == before


def test_update_from_the_office_s_own_old_excel_ledger(
    tmp_path: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An .xls kept by hand (title, 填报 line, two-row header, category row, numbered problem) updates the data."""
    import xlwt

    workbook = xlwt.Workbook()
    ws = workbook.add_sheet("台账")
    dated = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    ws.write_merge(0, 0, 0, 8, "省总工会巡视整改台账")
    ws.write_merge(1, 1, 0, 8, "填报单位：省总工会办公室　填报日期：2018年1月5日")
    for col, name in ((0, "序号"), (1, "反馈问题"), (2, "整改举措"), (6, "整改时限"), (7, "完成情况"), (8, "进展情况")):
        ws.write_merge(2, 3, col, col, name)
    ws.write_merge(2, 2, 3, 5, "责任分工")
    for col, name in ((3, "责任领导"), (4, "牵头单位"), (5, "具体责任人")):
        ws.write(3, col, name)
    ws.write(2, 9, "进展日期")
    ws.write_merge(4, 4, 0, 9, "一、党组核心作用和党的建设方面")
    problem = load_notice(data_copy / SEED_ID)[0].findings[0].problem  # type: ignore[union-attr]
    row = [1, f"1.{problem}", "见通报", "王立新", "机关党委", "郭长义", "2017年底前", "已整改", "改革方案已印发实施。"]
    for col, value in enumerate(row):
        ws.write(5, col, value)
    ws.write(5, 9, datetime(2017, 12, 28), dated)
    source = tmp_path / "自己的台账.xls"
    workbook.save(str(source))
    findings = data_copy / SEED_ID / "findings.yml"
    assert _update(source, data_copy / SEED_ID, write=True) == 0
    captured = capsys.readouterr()
    changes = [line.strip() for line in captured.out.splitlines() if line.strip().startswith("问题1（")]
    assert changes == [
        "问题1（工会改革推进不深）责任领导：（空） → 王立新　［自己的台账.xls 台账!D6］",
        "问题1（工会改革推进不深）牵头部门：（空） → 机关党委　［自己的台账.xls 台账!E6］",
        "问题1（工会改革推进不深）整改状态：长期整改 → 已完成　［自己的台账.xls 台账!H6］",
        "问题1（工会改革推进不深）整改进展：（空） → 新增 2017-12-28 已完成：改革方案已印发实施。　［自己的台账.xls 台账!H6］",
    ]
    assert "问题19（" in captured.err and "不在台账中，没有改动" in captured.err
    assert "整改措施与数据不同，没有改动" in captured.err
    notice, _ = load_notice(data_copy / SEED_ID)
    assert notice is not None and notice.findings[0].current_status == "已完成"
    assert "progress:" in findings.read_text(encoding="utf-8")


def test_export_names_the_inspection_round_when_stated(tmp_path: Path) -> None:
    """Issue 26, point 9: the 通报信息 sheet gives the round the notice names (examples/round-2024)."""
    out = tmp_path / "台账.xlsx"
    assert (
        main(["ledger", "export", str(ROOT / "examples" / "round-2024" / "demo-county-school-2024"), "-o", str(out)])
        == 0
    )
    info = {row[0]: row[1] for row in openpyxl.load_workbook(out)["通报信息"].iter_rows(values_only=True) if row[0]}
    assert info["巡察轮次"] == "十五届县委第五轮巡察"
