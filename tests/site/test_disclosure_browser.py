"""A disclosure that stays honest over time (issue 26, points 5–10) as Chromium reads the
examples/round-2024 site on a fixed day (Playwright's clock): the announced next report and when it
is overdue, charts with their data, the round page, and the findings list on a phone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build
from test_browser import browser  # noqa: F401  (fixture)
from test_deadlines_browser import AFTER, BEFORE, CHINA, NEAR, visible

EXAMPLES = ROOT / "examples" / "round-2024"
SCHOOL = "demo-county-school-2024"
FINANCE = "demo-county-finance-2025"


@pytest.fixture(scope="module")
def examples_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("round-2024")
    result = mkdocs_build(root, EXAMPLES)
    assert result.returncode == 0, result.stderr
    return root


Open = Callable[..., object]


@pytest.fixture
def reader(browser: object, examples_site: Path) -> Iterator[Open]:  # noqa: F811
    """``reader(day, page)`` opens a page of the examples (from file://) with the clock on ``day``."""
    # bypass_csp: axe-core is injected as an inline script.
    context = browser.new_context(timezone_id="Asia/Shanghai", bypass_csp=True)  # type: ignore[attr-defined]
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda e: problems.append(str(e)))

    def open_on(day: date, page: str, width: int = 1280) -> object:
        tab.set_viewport_size({"width": width, "height": 800})
        tab.clock.set_fixed_time(datetime(day.year, day.month, day.day, 10, tzinfo=CHINA))
        tab.goto((examples_site / page / "index.html").as_uri())
        return tab

    yield open_on
    assert not problems
    context.close()


NEXT_PAGES = [SCHOOL, f"{SCHOOL}/notice", f"{SCHOOL}/findings/fees"]


@pytest.mark.parametrize("page", NEXT_PAGES)
def test_the_next_report_is_announced_and_overdue_once_passed(reader: Open, page: str) -> None:
    for day in (BEFORE, NEAR, date(2025, 3, 31)):
        tab = reader(day, page)
        assert visible(tab, ".next-update") == ["下次公开整改进展的日期：2025年3月31日。"], day
    tab = reader(date(2025, 4, 1), page)
    assert visible(tab, ".next-update") == ["下次公开整改进展的日期：2025年3月31日。⚠ 整改进展更新已逾期 1 天"]
    tab = reader(AFTER, page)
    assert visible(tab, ".next-update") == ["下次公开整改进展的日期：2025年3月31日。⚠ 整改进展更新已逾期 615 天"]
    # Beside the signed text, never inside it.
    assert tab.locator(".notice-text .next-update").count() == 0  # type: ignore[attr-defined]


def test_a_report_made_ends_the_announcement(reader: Open) -> None:
    """demo-county-finance-2024 is updated by the 2025 progress notice, which announces the next one."""
    tab = reader(AFTER, "demo-county-finance-2024")
    assert tab.locator(".next-update").count() == 0  # type: ignore[attr-defined]
    tab = reader(AFTER, FINANCE)
    assert visible(tab, ".next-update") == ["下次公开整改进展的日期：2025年9月30日。⚠ 整改进展更新已逾期 432 天"]


def test_print_states_the_build_date(reader: Open) -> None:
    tab = reader(date(2025, 4, 1), SCHOOL)
    tab.emulate_media(media="print")  # type: ignore[attr-defined]
    (shown,) = visible(tab, ".next-update")
    assert shown.startswith("下次公开整改进展的日期：2025年3月31日。⚠ 截至")
    assert "整改进展更新已逾期" in shown and "1 天" not in shown


def test_axe_finds_no_violations_on_the_changed_pages(reader: Open) -> None:
    from test_accessibility import axe_violations

    problems = []
    for page in [*NEXT_PAGES, FINANCE, "demo-county-finance-2024", ""]:
        tab = reader(AFTER, page)
        problems += [f"{page}: {v}" for v in axe_violations(tab)]
    assert not problems, "\n".join(problems)


def test_the_history_chart_names_itself_and_its_data_is_a_table_and_a_csv(reader: Open, examples_site: Path) -> None:
    tab = reader(AFTER, "demo-county-finance-2024")
    chart = tab.locator("svg#chart-history, svg[aria-labelledby^='chart-history']")  # type: ignore[attr-defined]
    assert chart.get_attribute("role") == "img"
    assert tab.get_by_role("img", name="已完成问题数的变化").count() == 1  # type: ignore[attr-defined]
    href = tab.get_by_role("link", name="已完成问题数的变化（CSV）").first.get_attribute("href")  # type: ignore[attr-defined]
    csv = (examples_site / "demo-county-finance-2024" / href).read_text(encoding="utf-8-sig")
    assert csv.splitlines()[-1] == "2025-03-10,4,5,80.0%,"
