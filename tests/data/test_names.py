"""A field is named as the office sees it (问题3“…”的整改进展第2项), beside file and line, with the
technical path in brackets for whoever edits the YAML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED_ID
from rectify.data.errors import DataError, DataInvalid
from rectify.data.load import load_site
from rectify.data.names import field_name

Edit = Callable[[str, str, str], Path]
FINDINGS = {
    "categories": [
        {
            "id": "a",
            "title": "关于党的建设方面",
            "findings": [{"id": "x", "problem": "一"}, {"id": "y", "problem": "二"}],
        },
        {
            "id": "b",
            "short": "作风建设",
            "title": "关于作风建设方面",
            "findings": [{"id": "z", "short": "公务用车管理不规范", "problem": "公务用车管理不规范，存在公车私用"}],
        },
    ]
}


def errors_of(data_dir: Path) -> list[DataError]:
    with pytest.raises(DataInvalid) as caught:
        load_site(data_dir)
    return caught.value.errors


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        # 问题N counts across the notice; the short name is quoted whole.
        (("categories", 1, "findings", 0, "progress", 1), "问题3“公务用车管理不规范”的整改进展第2项"),
        (("categories", 1, "findings", 0, "progress", 1, "date"), "问题3“公务用车管理不规范”的整改进展第2项的进展日期"),
        (("categories", 0, "findings", 1, "measures", 0), "问题2“二”的整改措施第1条"),
        (("categories", 0, "findings", 1, "subproblems", 0, "status"), "问题2“二”的小问题（1）的整改状态"),
        (("categories", 1, "title"), "分类（二）“作风建设”的标题"),
        (("categories", 0, "findings", 0, "id"), "问题1“一”的编号"),
        (("categories", 0, "findings", 0, "statu"), "问题1“一”的字段 statu"),
    ],
)
def test_findings_fields_are_named_from_the_data(path: tuple[str | int, ...], name: str) -> None:
    assert field_name("findings.yml", FINDINGS, path) == name


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (("contact",), "通报的联系方式"),
        (("contact", "phone"), "通报的联系方式中的电话"),
        (("signature", "date"), "落款日期"),
        (("inspection", "team"), "巡察组"),
        (("inspection", "feedback"), "反馈日期"),
        (("sections", 1), "正文第二部分“整改落实情况”"),
        (("sections", 1, "parts", 0, "paragraphs", 2), "正文第二部分“整改落实情况”的第（一）小节“立行立改。”的第3段"),
        (("intro", 0), "导语第1段"),
        (("figures", "已完成"), "通报写明的数字“已完成”"),
        (("titel",), ""),  # a key the file cannot have is named by its path alone
    ],
)
def test_notice_fields_are_named_from_the_data(path: tuple[str | int, ...], name: str) -> None:
    notice = {
        "inspection": {"kind": "巡察"},
        "sections": [{"heading": "整改工作情况"}, {"heading": "整改落实情况", "parts": [{"heading": "立行立改。"}]}],
    }
    assert field_name("notice.yml", notice, path) == name


def test_a_problem_without_short_is_quoted_in_full(edit: Edit, data_copy: Path) -> None:
    """No short name: the problem text stands for it, whole, never cut with “…”."""
    path = edit("findings.yml", "        short: 职工活动和维权投入不足\n", "")
    edit("findings.yml", "status: 已完成", "status: 已完毕")
    [error] = errors_of(data_copy)
    problem = (
        "2012年-2015年，省总工会投入职工活动和维权支出资金只占总支出额度的2.61%，承担职能、落实责任的资金投入严重不足"
    )
    line = line_of(path, "status: 已完毕")
    assert str(error).startswith(
        f"{path}:{line}: 问题3“{problem}”的整改状态（categories[1].findings[3].status）：“已完毕”不是可选的值"
    )
    assert "…" not in error.name


def test_check_names_the_progress_entry_as_the_clerk_sees_it(edit: Edit, data_copy: Path) -> None:
    path = edit(
        "findings.yml",
        "        status: 已完成\n",
        "        status: 已完成\n        progress:\n          - date: 2017-04-01\n            status: 已完成\n"
        "            text: 已整改。\n          - date: 2017-01-01\n            status: 已完成\n            text: 已整改。\n",
    )
    [error] = errors_of(data_copy)
    assert str(error) == (
        f"{path}:{line_of(path, 'date: 2017-01-01')}: 问题3“职工活动和维权投入不足”的整改进展第2项的进展日期"
        "（categories[1].findings[3].progress[2].date）：进展日期 2017-01-01 早于通报的成文日期 2017-03-27；进展应在通报之后"
    )


def test_notice_fields_name_the_part_of_the_notice(edit: Edit, data_copy: Path) -> None:
    path = edit("notice.yml", "phone: 0451-53643345", "phone: 电话0451")
    [error] = errors_of(data_copy)
    assert f"{path}:{line_of(path, 'phone: 电话0451')}: 通报的联系方式中的电话（contact.phone）：" in str(error)


def test_a_character_the_file_may_not_hold_names_its_field(data_copy: Path) -> None:
    path = data_copy / SEED_ID / "findings.yml"
    text = path.read_text(encoding="utf-8").replace("short: 联席会议多年未召开", "short: 联席会议\u202e多年未召开")
    path.write_text(text, encoding="utf-8")
    [error] = errors_of(data_copy)
    assert "问题2“联席会议 多年未召开”的简称" in str(error)  # never the control itself, which reorders the line
    assert "的简称（categories[1].findings[2].short）：含有看不见的文字方向控制字符 U+202E" in str(error)


def test_a_control_character_is_left_out_of_the_name() -> None:
    findings = {"categories": [{"findings": [{"short": "联席会议\u202e多年未召开"}]}]}
    assert field_name("findings.yml", findings, ("categories", 0, "findings", 0)) == "问题1“联席会议多年未召开”"
