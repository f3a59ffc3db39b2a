"""A changed status of a published finding points to ``progress``: the status keeps what the notice
states, progress after publication is an entry of its own (日期、整改状态、情况说明)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from conftest import BIN, FIXTURES, ROOT, SEED_ID

Edit = Callable[[str, str, str], Path]
HINT = (
    "若是通报发布后整改有了进展：不要改问题的 status（它保留通报写明的状态），"
    "而在该问题下加一项 progress，写明日期（date）、整改状态（status）和情况说明（text）"
)


def rectify(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "rectify"), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_figures_that_no_longer_agree_say_where_progress_goes(edit: Edit, data_copy: Path) -> None:
    """The clerk changes problem 3's status after publication: two stated figures disagree, and the
    first remark says, once, that progress after publication is a progress entry."""
    edit("findings.yml", "        status: 已完成\n", "        status: 正在整改\n")
    result = rectify("check", str(data_copy))
    assert result.returncode == 0, result.stderr
    remarks = result.stdout.partition("请对照通报原文核对）：")[2].strip().splitlines()
    assert len(remarks) == 2, result.stdout
    assert (
        "通报写明的数字“已完成”（figures.已完成）：通报写明已完成 16 个，但 findings.yml 中逐项统计为 15 个"
        in remarks[0]
    )
    assert remarks[0].endswith(HINT + "，网站按最新一项显示目前的状态")
    assert all(HINT not in remark for remark in remarks[1:])  # said once


def test_progress_entry_instead_keeps_the_figures(edit: Edit, data_copy: Path) -> None:
    """Done as the hint says, nothing disagrees and the finding shows its new status."""
    edit(
        "findings.yml",
        "        responsible: 郭长义\n",
        "        responsible: 郭长义\n        progress:\n          - date: 2017-06-30\n"
        "            status: 已完成\n            text: 《省总工会改革方案》已印发实施。\n",
    )
    result = rectify("check", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert "已完成：17 个" in result.stdout and "截至 2017-06-30" in result.stdout
    assert "需要本单位核对的地方" not in result.stdout  # the stated figures still agree


def test_a_status_unlike_the_signed_text_names_the_line_and_progress(tmp_path: Path) -> None:
    """A notice whose text states each problem's status: the changed one is named with the text's line."""
    folder = tmp_path / "data" / "county-xuncha"
    imported = rectify("import", str(FIXTURES / "import" / "county-xuncha.txt"), "-o", str(folder))
    assert imported.returncode == 0, imported.stderr
    findings = folder / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text.replace("        status: 正在整改\n", "        status: 已完成\n", 1), encoding="utf-8")
    result = rectify("check", str(folder.parent))
    assert result.returncode == 0, result.stderr
    signed = (folder / "text.txt").read_text(encoding="utf-8").splitlines()
    line = signed.index("整改状态：正在整改。") + 1
    changed = [row for row in result.stdout.splitlines() if "（categories[1].findings[2].status）：" in row]
    assert len(changed) == 1, result.stdout
    assert "问题2““三重一大”制度执行不严”的整改状态（categories[1].findings[2].status）：" in changed[0]
    assert f"整改状态写的是“已完成”，但通报原文（text.txt 第 {line} 行）写的是“正在整改”。{HINT}" in changed[0]


def test_the_seed_and_the_written_notices_state_no_status_against_their_text() -> None:
    result = rectify("check", str(ROOT / "data"))
    assert result.returncode == 0 and "通报原文（text.txt" not in result.stdout
    assert SEED_ID in result.stdout
