"""``make test`` on a fresh machine (Python and make, nothing else): the tests that need Chromium,
poppler, LibreOffice, Java or the Node test tools skip, and the run ends with one line per missing
tool (how many tests it skipped, the command that installs it) and the one command for them all. In CI
(RECTIFY_REQUIRE_TOOLS=1) a missing tool fails instead."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import INSTALL_ALL, ROOT, require_node_tool

# Tests that need a tool before they do anything else (a quick run).
NEEDING_TOOLS = [
    "tests/intake/test_import_read.py::test_pdf_lines_are_joined_into_the_paragraphs_of_the_text",
    "tests/intake/test_import_read.py::test_a_damaged_doc_is_refused_clearly",
    "tests/intake/test_import_read.py::test_doc_and_wps_import_through_libreoffice",
    "tests/intake/test_import_read.py::test_other_tables_stay_one_paragraph_a_row",  # needs nothing
]


def bare_path(tmp_path: Path) -> str:
    """A PATH with only Python, make and git: no chromium, node, java, soffice or pdftotext."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("python3", "make", "git"):
        found = shutil.which(name)
        if found:
            (folder / name).symlink_to(found)
    return str(folder)


def run_bare(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # Only the tests named here: not the caller's selection (PYTEST_ADDOPTS), not CI's requirement.
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("RECTIFY_REQUIRE", "PYTEST_ADDOPTS"))}
    environment |= {"PATH": bare_path(tmp_path), **env}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *NEEDING_TOOLS]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)


def test_a_fresh_machine_skips_and_names_each_missing_tool(tmp_path: Path) -> None:
    result = run_bare(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 3 skipped" in result.stdout
    summary = result.stdout.partition("本机缺少的工具")[2]
    assert "Chromium 浏览器：跳过 1 个测试；安装：sudo apt-get install chromium fonts-noto-cjk" in summary
    assert "LibreOffice：跳过 2 个测试；安装：sudo apt-get install libreoffice-writer-nogui" in summary
    assert f"一次装齐（见 README 的快速开始）：{INSTALL_ALL}" in summary


def test_in_ci_a_missing_tool_fails(tmp_path: Path) -> None:
    result = run_bare(tmp_path, RECTIFY_REQUIRE_TOOLS="1")
    assert result.returncode == 1
    assert "3 failed, 1 passed" in result.stdout
    assert "缺少工具 libreoffice：未找到 soffice" in result.stdout


def test_the_readme_quick_start_names_the_command() -> None:
    assert INSTALL_ALL in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_missing_node_test_tool_is_named_with_npm_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECTIFY_REQUIRE_TOOLS", raising=False)
    monkeypatch.delenv("RECTIFY_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_node_tool(ROOT / "node_modules" / "no-such-tool" / "tool.js")
    assert str(skipped.value).startswith("缺少工具 node：未找到 node_modules/no-such-tool/tool.js")
    assert "安装：sudo apt-get install nodejs npm，然后 npm ci" in str(skipped.value)
