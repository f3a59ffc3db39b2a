"""A round at a glance (issue 26, point 9) as Chromium reads examples/round-2024's round page on a fixed
day (Playwright's clock): findings past their due date counted on the reader's day, the table sorted by
mouse and by keyboard (aria-sort), a plain table without JavaScript, the build date's figures in print.
axe-core reads the page in tests/site/test_accessibility.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build
from test_browser import browser  # noqa: F401  (fixture)
from test_deadlines_browser import CHINA, visible

EXAMPLES = ROOT / "examples" / "round-2024"
ROUND_PAGE = "rounds/rf20f11bb"
# The build date the page states its figures as of where no script runs: 2026-12-07.
BUILT = {"SOURCE_DATE_EPOCH": "1796601600"}
FINANCE, SCHOOL = "中共示例县财政局党组", "中共示例县第一中学总支部委员会"
ROWS = "table[data-sortable] tbody tr"
# Each row as a reader sees it: the unit (without its progress notice) and the figures.
ROW_TEXT = """rows => rows.map(r => [r.cells[0].querySelector("a").textContent,
  ...[...r.cells].slice(1).map(c => c.innerText.trim())])"""


@pytest.fixture(scope="module")
def examples_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("round-page")
    result = mkdocs_build(root, EXAMPLES, env=BUILT)
    assert result.returncode == 0, result.stderr
    return root


Open = Callable[..., object]


@pytest.fixture
def reader(browser: object, examples_site: Path) -> Iterator[Open]:  # noqa: F811
    """``reader(day, page, script=True)`` opens a page (from file://) with the clock on ``day``."""
    contexts: list[object] = []
    problems: list[str] = []

    def open_on(day: date, page: str = ROUND_PAGE, *, script: bool = True) -> object:
        # bypass_csp: axe-core is injected as an inline script.
        context = browser.new_context(  # type: ignore[attr-defined]
            timezone_id="Asia/Shanghai", java_script_enabled=script, bypass_csp=True
        )
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda e: problems.append(str(e)))
        tab.clock.set_fixed_time(datetime(day.year, day.month, day.day, 10, tzinfo=CHINA))
        tab.goto((examples_site / page / "index.html").as_uri())
        return tab

    yield open_on
    for context in contexts:
        context.close()  # type: ignore[attr-defined]
    assert not problems


def rows(tab: object) -> list[list[str]]:
    return tab.eval_on_selector_all(ROWS, ROW_TEXT)  # type: ignore[attr-defined]


def overdue(tab: object) -> dict[str, str]:
    return {row[0]: row[4] for row in rows(tab)}


def test_past_due_is_counted_on_the_reader_s_day(reader: Open) -> None:
    """The school's open findings are due 2024-12-31 (未完成) and 2025-06-30 (基本完成); the finance
    bureau's open one is long-term (长期坚持: no due date)."""
    tab = reader(date(2024, 12, 20))
    assert overdue(tab) == {FINANCE: "0", SCHOOL: "0"}
    assert visible(tab, ".due-count") == ["◔ 临近完成时限的问题 1 个。"]
    assert visible(tab, ".due-asof") == ["已超过完成时限的问题按今天（2024年12月20日）计算。"]
    tab = reader(date(2025, 1, 1))
    assert overdue(tab) == {FINANCE: "0", SCHOOL: "1"}
    assert visible(tab, ".due-count") == ["⚠ 已超过完成时限的问题 1 个。"]
    tab = reader(date(2026, 12, 7))
    assert overdue(tab) == {FINANCE: "0", SCHOOL: "2"}
    assert rows(tab) == [
        [FINANCE, "5", "4", "80.0%", "0", "2025年3月20日"],
        [SCHOOL, "4", "2", "50.0%", "2", "2024年9月6日"],
    ]


def test_without_javascript_a_plain_table_as_of_the_build_date(reader: Open) -> None:
    tab = reader(date(2025, 1, 1), script=False)
    assert tab.locator("table[data-sortable] button").count() == 0  # type: ignore[attr-defined]
    assert tab.locator("th[aria-sort]").count() == 0  # type: ignore[attr-defined]
    assert tab.locator("table[data-sortable] caption").inner_text() == "十五届县委第五轮巡察各单位的整改情况"  # type: ignore[attr-defined]
    assert overdue(tab) == {FINANCE: "0", SCHOOL: "2"}
    assert visible(tab, ".due-asof") == ["已超过完成时限的问题截至2026年12月7日（生成网页的日期）计算。"]
    assert [h.strip() for h in tab.locator("thead th").all_inner_texts()] == [  # type: ignore[attr-defined]
        "单位",
        "问题数",
        "已完成",
        "完成率",
        "已超过完成时限的问题",
        "最近一次更新",
    ]


def test_print_states_the_build_date(reader: Open) -> None:
    tab = reader(date(2025, 1, 1))
    tab.emulate_media(media="print")  # type: ignore[attr-defined]
    assert overdue(tab) == {FINANCE: "0", SCHOOL: "2"}
    assert visible(tab, ".due-asof") == ["已超过完成时限的问题截至2026年12月7日（生成网页的日期）计算。"]


def _sort(tab: object, column: str) -> tuple[list[str], dict[str, str]]:
    tab.get_by_role("button", name=column).click()  # type: ignore[attr-defined]
    sorted_by = tab.eval_on_selector_all(  # type: ignore[attr-defined]
        "thead th[aria-sort]",
        "hs => hs.map(h => [h.innerText.replace(/[↕▲▼]/g, '').trim(), h.getAttribute('aria-sort')])",
    )
    return [row[0] for row in rows(tab)], dict(sorted_by)


def test_sorting_by_each_column_says_how_it_is_sorted(reader: Open) -> None:
    tab = reader(date(2026, 12, 7))
    assert tab.locator("thead th button").count() == 6  # type: ignore[attr-defined]
    assert "（点列标题可以按这一列排序）" in tab.locator("caption").inner_text()  # type: ignore[attr-defined]
    assert _sort(tab, "完成率") == ([SCHOOL, FINANCE], {"完成率": "ascending"})
    assert _sort(tab, "完成率") == ([FINANCE, SCHOOL], {"完成率": "descending"})
    assert _sort(tab, "已超过完成时限的问题") == ([FINANCE, SCHOOL], {"已超过完成时限的问题": "ascending"})
    assert _sort(tab, "最近一次更新") == ([SCHOOL, FINANCE], {"最近一次更新": "ascending"})
    assert _sort(tab, "单位") == ([FINANCE, SCHOOL], {"单位": "ascending"})  # by pinyin: 财 (cai) before 第 (di)
    assert _sort(tab, "单位") == ([SCHOOL, FINANCE], {"单位": "descending"})


def test_sorting_by_overdue_uses_the_reader_s_day(reader: Open) -> None:
    """Built on 2026-12-07 (school 2, finance 0); read on 2024-12-20 both are 0: descending keeps the
    table's order instead of putting the school first."""
    tab = reader(date(2024, 12, 20))
    _sort(tab, "已超过完成时限的问题")
    assert _sort(tab, "已超过完成时限的问题") == ([FINANCE, SCHOOL], {"已超过完成时限的问题": "descending"})


def test_sorting_by_keyboard(reader: Open) -> None:
    tab = reader(date(2026, 12, 7))
    button = tab.get_by_role("button", name="问题数")  # type: ignore[attr-defined]
    for _ in range(60):  # Tab through the page until the header's button has focus
        tab.keyboard.press("Tab")  # type: ignore[attr-defined]
        if button.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("排序按钮无法用 Tab 键到达")
    outline = button.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"
    tab.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert [row[0] for row in rows(tab)] == [SCHOOL, FINANCE]
    assert button.evaluate("e => e.parentElement.getAttribute('aria-sort')") == "ascending"
    tab.keyboard.press("Space")  # type: ignore[attr-defined]
    assert [row[0] for row in rows(tab)] == [FINANCE, SCHOOL]
    assert button.evaluate("e => e.parentElement.getAttribute('aria-sort')") == "descending"
    assert button.evaluate("e => e === document.activeElement")


def test_linked_from_the_homes(reader: Open, examples_site: Path) -> None:
    for page in ("", "demo-county-school-2024"):
        tab = reader(date(2026, 12, 7), page)
        href = tab.get_by_role("link", name="十五届县委第五轮巡察").first.get_attribute("href")  # type: ignore[attr-defined]
        target = (examples_site / page / href / "index.html").resolve()
        assert target == (examples_site / ROUND_PAGE / "index.html").resolve()
