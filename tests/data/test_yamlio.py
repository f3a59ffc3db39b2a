"""rectify.data.yamlio: YAML read and written keeping comments, order and layout; atomic writes; edits by path."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import DATA, SEED_ID
from rectify.data import yamlio

SEED_FILES = [DATA / SEED_ID / "notice.yml", DATA / SEED_ID / "findings.yml"]


@pytest.mark.parametrize("path", [*SEED_FILES, yamlio.TEMPLATES / "notice.yml", yamlio.TEMPLATES / "findings.yml"])
def test_round_trip_is_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yamlio.dumps(yamlio.loads(text)) == text
    assert yamlio.edit_text(text, {}) == text


def test_edit_changes_only_the_edited_line_and_keeps_its_comment() -> None:
    text = SEED_FILES[0].read_text(encoding="utf-8")
    new = yamlio.edit_text(text, {"inspection.feedback": date(2016, 11, 10), "issuer": "中共黑龙江省总工会党组"})
    old_lines, new_lines = text.splitlines(), new.splitlines()
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert changed == [
        ("  feedback: 2016-11-09        # 反馈意见的日期", "  feedback: 2016-11-10        # 反馈意见的日期")
    ]


def test_finding_by_id_and_status_edit() -> None:
    text = SEED_FILES[1].read_text(encoding="utf-8")
    path = "categories[id=party-leadership].findings[id=union-reform].status"
    assert yamlio.get_value(yamlio.loads(text), path) == "长期整改"
    new = yamlio.edit_text(text, {path: "已完成"})
    diff = [(a, b) for a, b in zip(text.splitlines(), new.splitlines(), strict=True) if a != b]
    assert diff == [("        status: 长期整改", "        status: 已完成")]
    assert yaml.safe_load(new)["categories"][0]["findings"][0]["status"] == "已完成"


def test_parse_path() -> None:
    assert yamlio.parse_path("a.b[0].c[id=x-1].d") == ("a", "b", 0, "c", ("id", "x-1"), "d")
    assert yamlio.parse_path(["a", 1]) == ("a", 1)
    with pytest.raises(yamlio.YamlError, match="写法有误"):
        yamlio.parse_path("a..b")


def test_missing_parent_is_named() -> None:
    doc = yamlio.loads("a:\n  b: 1\n")
    with pytest.raises(yamlio.YamlError, match="没有 x"):
        yamlio.set_value(doc, "x.y", 1)
    assert yamlio.get_value(doc, "x.y", "无") == "无"
    assert yamlio.delete_value(doc, "a.b") is True
    assert yamlio.delete_value(doc, "a.b") is False


def test_fill_template_uncomments_and_keeps_explanations() -> None:
    text = yamlio.fill_template(
        "notice.yml",
        {
            "title": "中共某某党组关于巡视整改情况的通报",
            "inspection.kind": "巡察",
            "inspection.start": date(2024, 3, 18),
            "publication.column": "巡察整改专栏",
            "contact.email": "jw@example.cn",
            "figures": {"问题总数": 25, "已完成": 19},
        },
    )
    lines = text.splitlines()
    assert "title: 中共某某党组关于巡视整改情况的通报  # 通报标题，如：中共××党组关于巡视整改情况的通报" in lines
    assert "  kind: 巡察                  # 巡视 或 巡察" in lines
    assert (
        "  start: 2024-03-18           # 进驻日期，写成 年-月-日，如 2024-03-01；通报没有写明的日期删去那一行" in lines
    )
    # the commented-out key is filled in where the template had it, its explanation kept
    assert "  column: 巡察整改专栏        # 栏目名称（有栏目时去掉行首的“# ”再填写）" in lines
    assert (
        lines.index("  column: 巡察整改专栏        # 栏目名称（有栏目时去掉行首的“# ”再填写）")
        == lines.index("  site:                       # 网站名称") + 1
    )
    assert "  email: jw@example.cn        # 电子邮箱（需要时去掉行首的“# ”再填写）" in lines
    assert "  # address:                  # 通信地址（需要时去掉行首的“# ”再填写）" in lines
    # the blank line and the comment block between sections stay
    at = lines.index("figures:")
    assert lines[at - 3 : at + 4] == [
        "",
        "# 正文中写明的数字。正文里用 {名称} 引用，数字只写这一次。",
        "# 问题总数、已完成、正在整改、基本完成、长期整改、未完成、完成率 会与 findings.yml 逐个问题的状态核对。",
        "figures:",
        "  问题总数: 25",
        "  已完成: 19",
        "",
    ]
    data = yaml.safe_load(text)
    assert data["publication"]["column"] == "巡察整改专栏"
    assert data["inspection"]["start"] == date(2024, 3, 18)


def test_fill_template_lists_in_block_style() -> None:
    text = yamlio.fill_template(
        "findings.yml",
        {
            "categories[0].findings[0].measures": ["一条措施：写明", "另一条"],
            "categories[0].findings[0].progress": [{"date": date(2025, 1, 2), "status": "已完成", "text": "完成"}],
        },
    )
    assert "          - 一条措施：写明\n          - 另一条\n" in text
    assert (
        "        progress:             # 通报之后的整改进展，每次一项\n"
        "          - date: 2025-01-02\n"
        "            status: 已完成\n"
        "            text: 完成\n"
    ) in text
    assert "#     status: 已完成" not in text  # the commented example gives way to the real entry
    finding = yaml.safe_load(text)["categories"][0]["findings"][0]
    assert finding["measures"] == ["一条措施：写明", "另一条"]
    assert finding["status"] is None


def test_new_key_goes_before_the_comments_that_follow_its_mapping() -> None:
    text = "a:\n  b: 1  # 说明\n\n# 下一部分\nc: 2\n"
    assert yamlio.edit_text(text, {"a.x": "新"}) == "a:\n  b: 1  # 说明\n  x: 新\n\n# 下一部分\nc: 2\n"


def test_text_that_looks_like_other_types_stays_text() -> None:
    new = yamlio.edit_text("a: 1\n", {"a": "2024-01-01", "b": "是", "c": "12: 3", "d": "#号", "e": None})
    assert yaml.safe_load(new) == {"a": "2024-01-01", "b": "是", "c": "12: 3", "d": "#号", "e": None}


def test_edit_file_is_atomic_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "notice.yml"
    path.write_text("title: 旧  # 标题\n", encoding="utf-8")
    os.chmod(path, 0o640)
    assert yamlio.edit_file(path, {"title": "旧"}) is False
    assert yamlio.edit_file(path, {"title": "新标题"}) is True
    assert path.read_text(encoding="utf-8") == "title: 新标题  # 标题\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["notice.yml"]  # no temp file left


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "notice.yml"
    path.write_text("title: 旧\n", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        yamlio.write_atomic(path, "title: 新\n")
    assert path.read_text(encoding="utf-8") == "title: 旧\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notice.yml"]


def test_yaml_mistake_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "findings.yml"
    path.write_text("categories:\n  - id: a\n   bad: [\n", encoding="utf-8")
    with pytest.raises(
        yamlio.YamlError, match=r"findings\.yml:3: YAML 语法错误（这一行第 4 个字符处）：这一行的缩进不对"
    ):
        yamlio.load(path)
    path.write_bytes("title: 标题\n".encode("gb18030"))
    with pytest.raises(yamlio.YamlError, match="不是 UTF-8"):
        yamlio.edit_file(path, {"title": "x"})
