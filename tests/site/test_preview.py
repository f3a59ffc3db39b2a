"""site.preview: the page rectify serve shows for every address while the site cannot be built."""

from __future__ import annotations

from pathlib import Path

from rectify.data.errors import MAX_LISTED, DataError
from rectify.site.preview import HINT, error_page, failure_page


def test_each_error_is_listed_with_file_line_and_field_escaped() -> None:
    errors = [
        DataError(Path("data/x/findings.yml"), 37, "status", "“<b>做完了</b>”不是可选的值"),
        DataError(Path("data/x"), None, "", "文件夹里没有 notice.yml"),
    ]
    page = error_page(errors)
    assert page.startswith("<!doctype html>") and 'lang="zh-CN"' in page
    assert "共 2 处错误" in page
    assert "data/x/findings.yml:37" in page and "字段 status：" in page
    assert "&lt;b&gt;做完了&lt;/b&gt;" in page and "<b>" not in page
    assert "文件夹里没有 notice.yml" in page
    assert HINT in page
    assert "<link" not in page and "<script" not in page  # self-contained; the server adds the reload script


def test_a_long_list_is_cut_as_the_terminal_report_is() -> None:
    errors = [DataError(Path("f.yml"), n, "", f"错误{n}") for n in range(1, MAX_LISTED + 11)]
    page = error_page(errors)
    assert f"错误{MAX_LISTED}<" in page and f"错误{MAX_LISTED + 1}<" not in page
    assert "另有 10 处错误没有列出" in page


def test_a_failure_that_is_not_the_data_says_so() -> None:
    page = failure_page("Config value 'theme': <bad>")
    assert "不是数据的错误" in page and "&lt;bad&gt;" in page
