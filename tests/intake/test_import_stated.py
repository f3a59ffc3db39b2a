"""Every fact a notice states is read into fields, and the text keeps every word (issue 23).

The notice below is written the way a county bureau writes one: three categories, eight problems,
each problem ending with its status sentence (已完成整改。 / 正在整改，预计2024年12月底前完成。 /
此项需长期坚持，责任人：…，完成时限：长期坚持。), one problem split into （1）（2） with a status
sentence each, owners named with labels, and the totals as 3个方面8个问题 … 需长期坚持的1个.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rectify.data import yamlio
from rectify.data.load import load_notice
from rectify.intake.notice import Imported, import_text

COUNTY = """中共某某县财政局党组关于县委巡察整改情况的通报
根据县委统一部署，2023年3月6日至5月12日，县委第一巡察组对县财政局党组开展了巡察。2023年6月15日，巡察组反馈了巡察意见。局党组对反馈的3个方面8个问题全部认领，已完成整改6个，正在整改1个，需长期坚持的1个。整改期间收缴违规资金8.36万元。现将整改情况通报如下。
一、整改工作组织情况
局党组成立整改工作领导小组，党组书记任组长，逐项明确责任领导、责任单位和完成时限。
二、巡察反馈问题整改落实情况
（一）关于“党的领导弱化”方面
1.针对“理论学习不深入”问题。一是制定年度学习计划。二是开展专题研讨4次。已完成整改。
2.针对“意识形态工作责任制落实不到位”问题。修订意识形态工作责任清单。已整改到位。
3.针对“基层党建工作薄弱”问题。一是调整党支部设置。二是开展党支部标准化建设。此项需长期坚持，责任人：党组书记，完成时限：长期坚持。
（二）关于“全面从严治党不力”方面
4.针对“违规发放津补贴”问题。清退违规发放的津补贴。已办结。
5.针对“财务管理不规范”问题。
（1）关于“公务接待审批不严”的问题。修订公务接待管理办法。已完成整改。
（2）关于“固定资产账实不符”的问题。开展固定资产清查。立行立改，已完成整改。
6.针对“政府采购程序不规范”问题。一是修订政府采购内部控制制度。二是开展采购项目回头看。正在整改，预计2024年12月底前完成。责任领导：分管副局长，责任单位：采购股。
（三）关于“干部队伍建设不到位”方面
7.针对“干部教育培训不足”问题。举办业务培训班3期。已完成。
8.针对“干部交流轮岗不够”问题。制定干部交流轮岗计划。已完成整改。
欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0000-1234567；电子邮箱：czj@example.gov.cn。
中共某某县财政局党组
2024年1月10日
"""

# The status sentences as written, problem by problem (5 has none of its own: its parts do).
STATED = [
    "已完成整改。",
    "已整改到位。",
    "此项需长期坚持，责任人：党组书记，完成时限：长期坚持。",
    "已办结。",
    "已完成整改。",
    "立行立改，已完成整改。",
    "正在整改，预计2024年12月底前完成。",
    "已完成。",
    "已完成整改。",
]


def findings_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for c in data["categories"] for f in c.get("findings", [])]


def written(imported: Imported) -> tuple[dict[str, Any], dict[str, Any]]:
    """notice.yml and findings.yml as a person opening the files reads them."""
    return yaml.safe_load(imported.notice_yaml), yaml.safe_load(imported.findings_yaml)


def all_measures(item: dict[str, Any]) -> str:
    return "".join(item.get("measures", [])) + "".join(all_measures(sub) for sub in item.get("subproblems", []))


def test_every_status_sentence_is_read_and_stays_in_the_text(tmp_path: Path) -> None:
    imported = import_text(COUNTY)
    _, findings = written(imported)
    items = findings_of(findings)
    assert len(items) == 8
    # 9 status sentences: 7 problems and the two parts of problem 5
    read = [f for f in items if f is not items[4]] + items[4]["subproblems"]
    assert sum(1 for f in read if f.get("status")) == 9
    assert [f.get("status") for f in items] == [
        "已完成",
        "已完成",
        "长期整改",
        "已完成",
        "已完成",  # both parts are done: so is the problem
        "正在整改",
        "已完成",
        "已完成",
    ]
    assert [(s["status"], s["status_text"]) for s in items[4]["subproblems"]] == [
        ("已完成", "已完成整改"),
        ("已完成", "立行立改，已完成整改"),
    ]
    assert [f.get("status_text") for f in items] == [
        "已完成整改",
        "已整改到位",
        "此项需长期坚持",
        "已办结",
        None,
        None,  # 正在整改 is the status itself
        None,
        "已完成整改",
    ]
    # the sentences are still in the measures, each at the end of its problem or part
    ends = [all_measures(f) for f in items]
    ends[4:5] = [all_measures(sub) for sub in items[4]["subproblems"]]
    for text, sentence in zip(ends, STATED, strict=True):
        assert sentence in text
    # and the check passes: the stated totals match the statuses read
    folder = tmp_path / "county"
    folder.mkdir()
    # the text names no website: the person importing adds it
    notice_yaml = yamlio.edit_text(imported.notice_yaml, {"publication.site": "某某县人民政府网"})
    (folder / "notice.yml").write_text(notice_yaml, encoding="utf-8")
    (folder / "findings.yml").write_text(imported.findings_yaml, encoding="utf-8")
    notice, errors = load_notice(folder)
    assert not errors, [str(e) for e in errors]
    assert notice is not None and notice.tally.total == 8 and notice.tally.completed == 6


def test_deadlines_and_owners_are_read_and_stay_in_the_text() -> None:
    _, findings = written(import_text(COUNTY))
    items = findings_of(findings)
    assert (items[2]["responsible"], items[2]["deadline"]) == ("党组书记", "长期坚持")
    assert (items[5]["deadline"], items[5]["lead"], items[5]["department"]) == (
        "2024年12月底前",
        "分管副局长",
        "采购股",
    )
    assert items[5]["measures"][-1].endswith(
        "正在整改，预计2024年12月底前完成。责任领导：分管副局长，责任单位：采购股。"
    )
    assert not any(key in items[0] for key in ("responsible", "deadline", "lead", "department"))


def test_the_totals_are_figures() -> None:
    notice, _ = written(import_text(COUNTY))
    figures = notice["figures"]
    assert figures["问题总数"] == 8 and figures["方面"] == 3
    assert (figures["已完成"], figures["正在整改"], figures["长期整改"]) == (6, 1, 1)
    assert figures["收缴资金"] == {"value": "8.36", "unit": "万元"}  # as written
    assert "收缴违规资金{收缴资金}万元" in notice["intro"][0]


def test_no_name_is_cut_short() -> None:
    """No short at all: pages name a problem by its text and a category by its title."""
    findings_yaml = import_text(COUNTY).findings_yaml
    assert not [line for line in findings_yaml.splitlines() if line.strip().startswith("short:")]


@pytest.mark.parametrize(
    ("ending", "remarked"),
    [
        ("已基本整改。", True),  # reads like a status, not in the table: never guessed
        ("持续推进，确保整改到位。", False),  # a measure, not a status
        ("完成培训经费专项审计。", False),
    ],
)
def test_an_unknown_status_sentence_is_kept_with_a_remark(ending: str, remarked: bool) -> None:
    # without the done total, which would leave the problem no other status than 已完成
    text = COUNTY.replace("举办业务培训班3期。已完成。", f"举办业务培训班3期。{ending}").replace("已完成整改6个，", "")
    imported = import_text(text)
    item = findings_of(imported.findings)[6]
    assert "status" not in item and item["measures"][-1] == ending
    line = text.splitlines().index(f"7.针对“干部教育培训不足”问题。举办业务培训班3期。{ending}") + 1
    assert any(r.line == line and "对照表" in r.message for r in imported.remarks) is remarked
