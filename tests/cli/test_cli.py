"""The installed ``rectify`` command, run as a publishing office would run it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT

RECTIFY = Path(sys.executable).parent / "rectify"
SEED = "hlj-zgh-2017"

Edit = Callable[[str, str, str], Path]


def rectify(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RECTIFY), *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.parametrize("args", [("check", "data"), ("check",)], ids=["explicit", "default-dir"])
def test_check_shipped_data(args: tuple[str, ...]) -> None:
    result = rectify(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for text in ("数据检查通过：1 份通报。", SEED, "问题 19 个", "已完成：16", "长期整改：3", "整改完成率：84.2%"):
        assert text in result.stdout


@pytest.mark.parametrize(
    ("file_name", "old", "new", "words"),
    [
        pytest.param("findings.yml", "status: 已完成", "status: 已完结", ("已完结", "已完成"), id="bad-status"),
        pytest.param(
            "notice.yml",
            "title: 中共",
            "title: 中\x07共",
            ("控制字符",),
            id="control-character",
        ),
    ],
)
def test_check_broken_data(
    edit: Edit, data_copy: Path, file_name: str, old: str, new: str, words: tuple[str, ...]
) -> None:
    path = edit(file_name, old, new)
    result = rectify("check", str(data_copy))
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 1
    assert result.stdout == ""
    assert "数据检查未通过，共 1 处错误" in result.stderr
    assert f"{path}:{line_of(path, new)}:" in result.stderr
    for word in words:
        assert word in result.stderr


def test_check_missing_data_dir(tmp_path: Path) -> None:
    result = rectify("check", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "数据文件夹不存在" in result.stderr
    assert "Traceback" not in result.stderr


def test_help() -> None:
    result = rectify("--help")
    assert result.returncode == 0
    assert "usage: rectify" in result.stdout
    assert "check" in result.stdout


def test_check_help() -> None:
    result = rectify("check", "--help")
    assert result.returncode == 0
    assert "data_dir" in result.stdout


def test_check_lists_remarks_and_passes(edit: Edit, data_copy: Path) -> None:
    """A signed text whose figures disagree with the statuses is published; the office is told where."""
    path = edit("notice.yml", "问题总数: 19", "问题总数: 20")
    edit("findings.yml", "        responsible: 郭长义\n", "")
    result = rectify("check", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "数据检查通过：1 份通报。" in result.stdout
    heading, _, listed = result.stdout.partition("需要本单位核对的地方（2 处；不影响生成网站")
    assert "整改完成率：84.2%" in heading
    findings = data_copy / SEED / "findings.yml"
    assert (
        f"{findings}:{line_of(findings, 'status: 长期整改')}: 问题1“工会改革推进不深”的整改状态（categories[1].findings[1].status）："
        in listed
    )
    assert "没有写整改责任人（responsible）" in listed
    assert (
        f"{path}:{line_of(path, '问题总数: 20')}: 通报写明的数字“问题总数”（figures.问题总数）：通报写明问题总数 20 个"
        in listed
    )
    assert "逐项统计为 19 个" in listed


def test_check_warns_of_a_short_name_cut_short(edit: Edit, data_copy: Path) -> None:
    path = edit("findings.yml", "short: 党风廉政建设和反腐败", "short: 加强党风廉政…")
    result = rectify("check", str(data_copy))
    assert result.returncode == 0, result.stderr
    listed = result.stdout.partition("需要本单位核对的地方（1 处")[2]
    assert (
        f"{path}:{line_of(path, '加强党风廉政…')}: 分类（二）“加强党风廉政…”的简称（categories[2].short）：简称“加强党风廉政…”含有省略号"
        in listed
    )
