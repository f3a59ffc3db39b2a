"""``rectify import 台账.xlsx``: hand-made ledgers in every layout offices use become a notice folder;
a file that cannot be used gets a Chinese error naming file, sheet and cell, and nothing is written."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt
import yaml
from conftest import SEED_ID
from rectify.cli import main
from rectify.data.load import load_notice

# --- building ledgers -------------------------------------------------------------------------

Cells = dict[str, Any]


def _xlsx(path: Path, cells: Cells, merged: list[str], sheet: str = "整改台账") -> Path:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for ref, value in cells.items():
        ws[ref] = value
    for area in merged:
        ws.merge_cells(area)
    workbook.save(path)
    return path


# Layout 1: merged title, 填报单位/填报日期 line, two-row header (责任分工 over 责任领导/牵头单位/具体责任人),
# category rows spanning the table, multi-line cells, a ledger's own words, a footer line.
HAND_MADE: Cells = {
    "A1": "中共某某县委巡察反馈问题整改台账",
    "A2": "填报单位：中共某某县财政局党组",
    "G2": "填报日期：2024年5月10日",
    "A3": "序号", "B3": "反馈问题", "C3": "整改举措", "D3": "责任分工", "G3": "整改时限（年月日）",
    "H3": "完成情况", "I3": "进展情况", "J3": "进展日期", "K3": "佐证材料", "L3": "销号时间",
    "D4": "责任领导", "E4": "牵头单位", "F4": "具体责任人",
    "A5": "一、在落实全面从严治党主体责任方面",
    "A6": 1, "B6": "1.党组会议研究党风廉政建设不够经常", "C6": "1.每季度召开党组会议专题研究；\n2.建立议事台账。",
    "D6": "王局长", "E6": "办公室\n（配合：机关党委）", "F6": "李四", "G6": datetime(2024, 6, 30), "H6": "已整改",
    "I6": "已召开专题会议2次，\n建立台账。", "J6": datetime(2024, 4, 20), "K6": "会议纪要\n台账（https://www.example.gov.cn/t.pdf）",
    "L6": datetime(2024, 4, 30),
    "A7": 2, "B7": "对下属单位监督不到位", "C7": "开展专项检查。", "E7": "监督检查股", "F7": "赵五",
    "G7": "2024年底前", "H7": "推进中",
    "A8": "二、在作风建设方面",
    "A9": 3, "B9": "文山会海问题仍然存在", "C9": "（1）精简会议；（2）压缩发文", "D9": "张副局长", "H9": "长期坚持",
    "F9": "钱六", "G9": "长期",
    "A10": 4, "B10": "公务接待不规范", "C10": "修订接待办法。", "H10": "基本完成",
    "A11": 5, "B11": "差旅费报销审核不严", "C11": "严格审核。", "H11": "完结",
    "A13": "填表人：周七",
}  # fmt: skip
HAND_MERGED = ["A1:L1", "A2:F2", "G2:L2", "A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:G4", "H3:H4", "I3:I4",
               "J3:J4", "K3:K4", "L3:L4", "A5:L5", "A8:L8"]  # fmt: skip

# Layout 2: no title, a one-row header with other words, a 问题分类 column instead of category rows.
PLAIN: Cells = {
    "A1": "序号", "B1": "问题分类", "C1": "存在问题", "D1": "整改措施", "E1": "责任部门", "F1": "配合部门",
    "G1": "完成时限", "H1": "整改状态", "I1": "整改进展",
    "A2": 1, "B2": "选人用人", "C2": "干部档案管理不规范", "D2": "全面审核干部档案", "E2": "组织人事科",
    "F2": "办公室、纪检组", "G2": "2024年9月", "H2": "正在推进", "I2": "已审核档案120卷",
    "A3": 2, "B3": "财务管理", "C3": "存在问题：坐收坐支", "D3": "规范收支", "E3": "财务科", "H3": "完成",
    "A4": 3, "B4": "选人用人", "C4": "干部交流不够", "D4": "制定交流计划", "H4": "持续推进",
}  # fmt: skip


def _import(source: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["import", str(source), "-o", str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return status, captured.out, captured.err


def _findings(folder: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load((folder / "findings.yml").read_text(encoding="utf-8"))
    return data["categories"]


def test_a_hand_made_ledger_in_every_variant(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _xlsx(tmp_path / "台账.xlsx", HAND_MADE, HAND_MERGED)
    out = tmp_path / "data" / "xx-2024"
    status, stdout, stderr = _import(source, out, capsys)
    assert status == 0, stderr
    assert "问题分类 2 类，问题 5 个" in stdout
    categories = _findings(out)
    assert [(c["id"], c["title"]) for c in categories] == [
        ("c1", "在落实全面从严治党主体责任方面"),
        ("c2", "在作风建设方面"),
    ]
    first, second = categories[0]["findings"]
    assert first["problem"] == "党组会议研究党风廉政建设不够经常"
    assert first["measures"] == ["每季度召开党组会议专题研究", "建立议事台账。"]
    assert (first["lead"], first["department"], first["partners"], first["responsible"]) == (
        "王局长", "办公室", ["机关党委"], "李四",
    )  # fmt: skip
    assert first["deadline"] == "2024年6月30日" and first["status"] == "已完成"
    assert first["progress"] == [
        {"date": date(2024, 4, 20), "status": "已完成", "text": "已召开专题会议2次，建立台账。"}
    ]
    assert first["evidence"] == ["会议纪要", {"text": "台账", "link": "https://www.example.gov.cn/t.pdf"}]
    assert first["closed"] == date(2024, 4, 30)
    assert (second["status"], second["deadline"], second["department"]) == ("正在整改", "2024年底前", "监督检查股")
    assert "lead" not in second and "progress" not in second  # absent stays absent
    third, fourth, fifth = categories[1]["findings"]
    assert third["measures"] == ["精简会议", "压缩发文"] and third["status"] == "长期整改"
    assert (third["lead"], third["responsible"], third["deadline"]) == ("张副局长", "钱六", "长期")
    assert fourth["status"] == "基本完成（持续整改）"
    # An unknown status word is kept as written, in a comment, with a remark; never guessed.
    assert "status" not in fifth
    assert fifth["status_text"] == "完结"
    assert "台账.xlsx 整改台账!H11：整改状态“完结”不在对照表中，照原文写在 status_text，没有换算成整改状态" in stderr
    # each remark is a line of its own that starts with the cell (the message, not the remark object)
    assert "台账.xlsx 整改台账!B13：这一行没有问题描述，已跳过：“填表人：周七”" in stderr.splitlines()
    # notice.yml is the template with the title and the issuer the ledger gives.
    notice = (out / "notice.yml").read_text(encoding="utf-8")
    assert "title: 中共某某县委巡察反馈问题整改台账" in notice and "issuer: 中共某某县财政局党组" in notice
    assert "# 通报标题" in notice  # the template's comments are kept
    assert "请改成通报的标题" in stderr
    # findings.yml passes the schema: only notice.yml still needs the notice's own facts.
    _, errors = load_notice(out)
    assert errors and all(error.file.name == "notice.yml" for error in errors), [str(e) for e in errors]


def test_a_plain_ledger_with_other_header_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _xlsx(tmp_path / "清单.xlsx", PLAIN, [], sheet="Sheet1")
    out = tmp_path / "data" / "plain"
    status, stdout, stderr = _import(source, out, capsys)
    assert status == 0, stderr
    categories = _findings(out)
    assert [(c["short"], [f["problem"] for f in c["findings"]]) for c in categories] == [
        ("选人用人", ["干部档案管理不规范", "干部交流不够"]),
        ("财务管理", ["存在问题：坐收坐支"]),
    ]
    first = categories[0]["findings"][0]
    assert (first["department"], first["partners"], first["deadline"], first["status"]) == (
        "组织人事科", ["办公室", "纪检组"], "2024年9月", "正在整改",
    )  # fmt: skip
    assert categories[0]["findings"][1]["status"] == "长期整改"
    assert categories[1]["findings"][0]["status"] == "已完成"
    assert "清单.xlsx Sheet1!I2：最新进展没有进展日期，没有导入" in stderr
    assert "\ntitle:                        # 通报标题" in (out / "notice.yml").read_text(encoding="utf-8")
    assert stdout.startswith("已从整改台账导入")


def _xls(path: Path) -> Path:
    workbook = xlwt.Workbook()
    ws = workbook.add_sheet("整改台账")
    ws.write_merge(0, 0, 0, 5, "某局巡察整改台账")
    ws.write_merge(1, 2, 0, 0, "序号")
    ws.write_merge(1, 2, 1, 1, "问题描述")
    ws.write_merge(1, 2, 2, 2, "整改措施")
    ws.write_merge(1, 1, 3, 4, "责任分工")
    ws.write(2, 3, "责任领导")
    ws.write(2, 4, "责任部门")
    ws.write_merge(1, 2, 5, 5, "整改状态")
    ws.write_merge(3, 3, 0, 5, "一、思想政治方面")
    for row, (problem, measures, lead, unit, state) in enumerate(
        [("理论学习不深入", "1.制定学习计划\n2.开展专题研讨", "刘书记", "办公室", "已完成"),
         ("意识形态责任制落实不够", "落实责任制", "陈副书记", "宣传科", "整改中")],
        start=4,
    ):  # fmt: skip
        ws.write(row, 0, row - 3)
        for col, value in enumerate((problem, measures, lead, unit, state), start=1):
            ws.write(row, col, value)
    workbook.save(str(path))
    return path


@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_old_excel_and_wps_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    source = _xls(tmp_path / "ledger.xls")
    if suffix == ".et":  # a WPS table saved in its own format is the same kind of file
        source = Path(shutil.move(source, tmp_path / "ledger.et"))
    out = tmp_path / "data" / "old"
    status, _, stderr = _import(source, out, capsys)
    assert status == 0, stderr
    (category,) = _findings(out)
    assert category["title"] == "思想政治方面"
    assert [(f["problem"], f["measures"], f["lead"], f["department"], f["status"]) for f in category["findings"]] == [
        ("理论学习不深入", ["制定学习计划", "开展专题研讨"], "刘书记", "办公室", "已完成"),
        ("意识形态责任制落实不够", ["落实责任制"], "陈副书记", "宣传科", "正在整改"),
    ]


def test_the_exported_ledger_imports_again(data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = tmp_path / "台账.xlsx"
    assert main(["ledger", "export", str(data_copy / SEED_ID), "-o", str(ledger)]) == 0
    out = tmp_path / "data" / "again"
    status, _, stderr = _import(ledger, out, capsys)
    assert status == 0, stderr
    seed = _findings(data_copy / SEED_ID)
    again = _findings(out)
    assert [c["short"] for c in again] == [c["short"] for c in seed if c.get("findings")]
    pairs = list(
        zip([f for c in seed for f in c.get("findings", [])], [f for c in again for f in c["findings"]], strict=True)
    )
    assert len(pairs) == 19
    for old, new in pairs:
        assert (new["problem"], new["measures"], new["status"]) == (old["problem"], old["measures"], old["status"])
        assert new.get("responsible") == old.get("responsible") and new.get("deadline") == old.get("deadline")


# --- bad input ------------------------------------------------------------------------------


def _encrypted(path: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _xlsx(path.with_name("plain.xlsx"), PLAIN, [])
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("secret", target)
    return path


def _csv(path: Path) -> Path:
    path.write_text("序号,问题\n1,某问题\n", encoding="utf-8")
    return path


def _zip_not_excel(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return path


BAD: dict[str, tuple[Any, str]] = {
    "not-excel": (_csv,
                  "台账.xlsx：不是 Excel 文件（应为 .xlsx、.xls 或 WPS 表格 .et）"),
    "zip-not-excel": (_zip_not_excel, "台账.xlsx：不是能读取的 Excel 文件"),
    "password": (_encrypted, "台账.xlsx：文件设置了打开密码，无法读取"),
    "no-header": (lambda p: _xlsx(p, {"A1": "工作总结", "A2": "今年以来……"}, []),
                  "台账.xlsx：在工作表 整改台账 的前 30 行中找不到表头"),
    "date-not-a-date": (lambda p: _xlsx(p, {**HAND_MADE, "L6": "尽快"}, HAND_MERGED),
                        "台账.xlsx 整改台账!L6：销号日期“尽快”不是日期"),
    "progress-date-not-a-date": (lambda p: _xlsx(p, {**HAND_MADE, "J6": "四月"}, HAND_MERGED),
                                 "台账.xlsx 整改台账!J6：进展日期“四月”不是日期"),
    "duplicate-problem": (lambda p: _xlsx(p, {**HAND_MADE, "B10": "对下属单位监督不到位"}, HAND_MERGED),
                          "台账.xlsx 整改台账!B10：问题与 台账.xlsx 整改台账!B7 重复"),
    "header-only": (lambda p: _xlsx(p, {k: v for k, v in PLAIN.items() if k.endswith("1")}, []),
                    "台账.xlsx 整改台账：表头（第 1 行）下面没有问题"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BAD))
def test_bad_ledgers_are_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    make, message = BAD[case]
    source = make(tmp_path / "台账.xlsx")
    out = tmp_path / "data" / "bad"
    status, _, stderr = _import(source, out, capsys)
    assert status == 1
    assert message in stderr, stderr
    assert "没有写入任何文件" in stderr
    assert not out.exists()


def test_bad_ledger_for_update_names_the_cell(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _encrypted(tmp_path / "台账.xlsx")
    assert main(["ledger", "update", str(source), str(data_copy / SEED_ID)]) == 1
    assert "文件设置了打开密码" in capsys.readouterr().err


SYNONYMS = {
    "problem": ["反馈问题", "存在问题", "问题描述", "具体问题", "问题"],
    "measures": ["整改措施", "整改举措"],
    "department": ["牵头单位", "责任单位", "责任部门", "牵头部门"],
    "deadline": ["完成时限", "整改时限"],
    "status": ["完成情况", "整改状态", "整改进度"],
    "progress": ["整改进展", "进展情况", "最新进展"],
}


@pytest.mark.parametrize("variant", range(5))
def test_header_words_that_differ(tmp_path: Path, variant: int) -> None:
    from rectify.intake.ledger.convert import convert
    from rectify.intake.ledger.sheets import read_ledger

    words = {name: choices[variant % len(choices)] for name, choices in SYNONYMS.items()}
    header = ["序号", words["problem"], words["measures"], words["department"], words["deadline"],
              words["status"], words["progress"], "进展日期"]  # fmt: skip
    row = [1, "问题甲", "措施甲", "单位甲", "2024年底前", "整改中", "已部署", datetime(2024, 3, 1)]
    cells = {f"{chr(65 + i)}1": h for i, h in enumerate(header)} | {f"{chr(65 + i)}2": v for i, v in enumerate(row)}
    ledger = read_ledger(_xlsx(tmp_path / "t.xlsx", cells, []))
    (finding,) = convert(ledger, "schema").findings["categories"][0]["findings"]
    assert (finding["problem"], finding["measures"], finding["department"], finding["deadline"]) == (
        "问题甲", ["措施甲"], "单位甲", "2024年底前",
    ), words  # fmt: skip
    assert finding["status"] == "正在整改"
    assert [dict(p) for p in finding["progress"]] == [
        {"date": date(2024, 3, 1), "status": "正在整改", "text": "已部署"}
    ]


@pytest.mark.parametrize(
    ("word", "status"),
    [("完成", "已完成"), ("已完成", "已完成"), ("已整改", "已完成"), ("正在推进", "正在整改"), ("推进中", "正在整改"),
     ("整改中", "正在整改"), ("长期坚持", "长期整改"), ("持续推进", "长期整改"), ("长期", "长期整改"),
     ("基本完成", "基本完成（持续整改）"), ("未完成", "未完成"), ("已完成。", "已完成"), ("完 成", "已完成"),
     ("完结", None), ("好", None), ("基本", None)],
)  # fmt: skip
def test_status_word_table(word: str, status: str | None) -> None:
    from rectify.data.model import status_of_wording as status_of_word

    assert status_of_word(word) == status


def test_a_problem_merged_over_its_measures_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Layout 3: each measure on its own row with its own people, the problem cell merged down over them;
    category rows written in the first cell only (党的建设方面)."""
    cells: Cells = {
        "A1": "序号", "B1": "具体问题", "C1": "整改措施", "D1": "责任人", "E1": "完成时限", "F1": "整改进度",
        "A2": "党的建设方面",
        "A3": 1, "B3": "“三会一课”落实不到位", "C3": "制定年度学习计划", "D3": "王五", "E3": "2024年3月", "F3": "已完成",
        "C4": "每月检查支部记录", "D4": "赵六", "E4": "长期",
        "A5": 2, "B5": "发展党员程序不规范", "C5": "逐一复查发展材料", "D5": "王五", "F5": "整改中",
    }  # fmt: skip
    source = _xlsx(tmp_path / "台账.xlsx", cells, ["A3:A4", "B3:B4", "F3:F4"])
    out = tmp_path / "data" / "merged"
    status, _, stderr = _import(source, out, capsys)
    assert status == 0, stderr
    (category,) = _findings(out)
    assert category["title"] == "党的建设方面"
    first, second = category["findings"]
    assert first["problem"] == "“三会一课”落实不到位"
    assert first["measures"] == ["制定年度学习计划", "每月检查支部记录"]
    assert (first["responsible"], first["deadline"], first["status"]) == ("王五、赵六", "2024年3月、长期", "已完成")
    assert (second["problem"], second["measures"], second["status"]) == (
        "发展党员程序不规范",
        ["逐一复查发展材料"],
        "正在整改",
    )


def test_dates_in_old_excel_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = xlwt.Workbook()
    ws = workbook.add_sheet("台账")
    dated = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for col, name in enumerate(["问题", "整改措施", "整改状态", "整改进展", "进展日期", "销号日期"]):
        ws.write(0, col, name)
    for col, value in enumerate(["问题乙", "措施乙", "已完成", "已办结"]):
        ws.write(1, col, value)
    ws.write(1, 4, datetime(2024, 5, 6), dated)
    ws.write(1, 5, datetime(2024, 5, 20), dated)
    workbook.save(str(tmp_path / "t.xls"))
    out = tmp_path / "data" / "dated"
    status, _, stderr = _import(tmp_path / "t.xls", out, capsys)
    assert status == 0, stderr
    (finding,) = _findings(out)[0]["findings"]
    assert finding["closed"] == date(2024, 5, 20)
    assert finding["progress"] == [{"date": date(2024, 5, 6), "status": "已完成", "text": "已办结"}]


def test_a_ledger_name_is_a_whole_clause_or_none() -> None:
    """Never a name cut short (issue 23): a clause too long for a table gives no short at all."""
    from rectify.intake.ledger.names import category_short, short_title

    assert short_title("机关纪委履职不够到位，监督流于形式") == "机关纪委履职不够到位"
    assert short_title("在结合实际推进我省工会组织转变职能、找准定位、推进系统改革等方面研究的不深") is None
    assert category_short("在学习贯彻习近平新时代中国特色社会主义思想方面") is None
    assert category_short("在选人用人方面，存在不规范、不守规矩等问题。") == "选人用人"
