"""The real-shape examples in a browser and the HTML checker: the 通报未写明 filter works,
and the pages of every shape pass axe-core and the Nu Html Checker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import is_redirect, mkdocs_build
from test_accessibility import AXE, axe_violations
from test_browser import browser  # noqa: F401  (fixture shared with the browser tests)
from test_html_valid import our_markup, vnu
from test_shapes import SHAPES, TOTALS, WORDINGS, notice_dir


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shapes-browser")
    result = mkdocs_build(out, SHAPES)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def tab(browser: object) -> Iterator[object]:  # noqa: F811
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


def _shown_rows(tab: object, status: str) -> list[str]:
    tab.select_option("#filter-status", status)  # type: ignore[attr-defined]
    return tab.eval_on_selector_all(  # type: ignore[attr-defined]
        "article table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.cells[2].textContent.trim())"
    )


def test_the_status_filter_has_its_own_value_for_unstated(tab: object, site: Path) -> None:
    tab.goto((site / notice_dir(TOTALS) / "findings" / "index.html").as_uri())  # type: ignore[attr-defined]
    assert len(_shown_rows(tab, "通报未写明")) == 5
    assert _shown_rows(tab, "已完成") == []
    tab.goto((site / notice_dir(WORDINGS) / "findings" / "index.html").as_uri())  # type: ignore[attr-defined]
    assert _shown_rows(tab, "通报未写明") == ["食堂管理不严"]
    assert _shown_rows(tab, "基本完成（持续整改）") == ["担当意识不够强"]
    count = tab.text_content(".findings-filter__count")  # type: ignore[attr-defined]
    assert count == "显示 1 个问题（共 4 个）"


def _pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html" and not is_redirect(p)]


def test_every_shape_page_passes_axe(tab: object, site: Path) -> None:
    assert AXE.is_file(), "axe-core 未安装：运行 make（npm ci）"
    problems = []
    for file in _pages(site):
        if file.parent.name in ("format", "accessibility"):
            continue  # the same as in the seed site, checked by test_accessibility
        tab.goto(file.as_uri())  # type: ignore[attr-defined]
        problems += [f"{file.relative_to(site)}: {v}" for v in axe_violations(tab)]
    assert not problems, "\n".join(problems)


def test_every_shape_page_is_valid_html(site: Path, tmp_path: Path) -> None:
    fragments = []
    for file in _pages(site):
        fragment = tmp_path / file.relative_to(site).as_posix().replace("/", "__")
        fragment.write_text(
            '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>检查</title></head>'
            f"<body><main>{our_markup(file.read_text(encoding='utf-8'))}</main></body></html>",
            encoding="utf-8",
        )
        fragments.append(fragment)
    errors = [f"{Path(str(m['url'])).name}:{m.get('lastLine')}: {m['message']}" for m in vnu(fragments)]
    assert not errors, "\n".join(errors)
