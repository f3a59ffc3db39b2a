"""A signed notice is published as signed: what the office should check never fails ``mkdocs build --strict``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import SEED_ID, mkdocs_build


def test_remarks_are_logged_and_the_pages_show_both_numbers(
    tmp_path: Path, data_copy: Path, edit: Callable[[str, str, str], Path]
) -> None:
    edit("notice.yml", "问题总数: 19", "问题总数: 20")
    edit("findings.yml", "        responsible: 郭长义\n", "")
    result = mkdocs_build(tmp_path / "site", data_copy)
    assert result.returncode == 0, result.stderr
    log = result.stdout + result.stderr
    assert "INFO" in log and "需要本单位核对的地方" in log
    assert "通报写明问题总数 20 个，但 findings.yml 中逐项统计为 19 个" in log
    assert "没有写整改责任人（responsible）" in log
    home = BeautifulSoup((tmp_path / "site" / SEED_ID / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = home.select_one("article")
    assert article is not None
    assert "通报写明的数字与逐项统计不一致：问题总数通报写明20个，逐项统计19个。" in article.get_text()
