"""Overdue when read, not when built (issue 26, point 2): the seed's three open 2017年底前 findings as
Chromium reads them on a fixed day (Playwright's clock), on the web and in the offline bundle; without
JavaScript and in print the pages state them as of the build date (截至…)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest
from conftest import SEED_ID
from rectify.data.chinese import chinese_date
from rectify.site.paths import build_date
from test_browser import Site, browser, offline, site, web  # noqa: F401  (fixtures)

CHINA = timezone(timedelta(hours=8))
BEFORE, NEAR, AFTER = date(2017, 6, 1), date(2017, 12, 20), date(2026, 12, 6)
FINDING = f"{SEED_ID}/findings/union-reform"


# The text a reader sees, with the icons CSS puts before it (``::before``), of elements not hidden.
SEEN = """els => {
  const read = node => {
    if (node.nodeType === 3) return node.textContent;
    if (node.nodeType !== 1 || getComputedStyle(node).display === "none") return "";
    const before = getComputedStyle(node, "::before").content;
    const mark = before.startsWith('"') ? JSON.parse(before) : "";
    return mark + [...node.childNodes].map(read).join("");
  };
  return els.filter(e => getComputedStyle(e).display !== "none").map(e => read(e).trim());
}"""


def visible(tab: object, selector: str) -> list[str]:
    """The text of the elements matching ``selector`` that a reader sees, icons included."""
    return tab.eval_on_selector_all(selector, SEEN)  # type: ignore[attr-defined]


@pytest.fixture
def reader(browser: object, site: Site) -> Iterator[object]:  # noqa: F811
    """A tab whose clock is set by ``reader.day = …`` before the page opens."""
    context = browser.new_context(timezone_id="Asia/Shanghai")  # type: ignore[attr-defined]
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda e: problems.append(str(e)))

    def open_on(day: date, page: str) -> object:
        tab.clock.set_fixed_time(datetime(day.year, day.month, day.day, 10, tzinfo=CHINA))
        if not page.endswith(".html"):  # web pages are folders, the bundle's are files
            page = f"{page}/index.html" if (site.root / page / "index.html").is_file() else f"{page}.html"
        tab.goto(site.url(page))
        return tab

    yield open_on
    assert not problems
    context.close()


def _filter(tab: object, value: str) -> tuple[int, str]:
    tab.select_option("#filter-due", value)  # type: ignore[attr-defined]
    rows = tab.eval_on_selector_all("table tbody tr", "rows => rows.filter(r => !r.hidden).length")  # type: ignore[attr-defined]
    return rows, tab.locator(".findings-filter__count").inner_text()  # type: ignore[attr-defined]


def test_before_the_deadline_nothing_is_said(reader: object) -> None:
    tab = reader(BEFORE, FINDING)  # type: ignore[operator]
    assert visible(tab, "p.due") == []
    tab = reader(BEFORE, f"{SEED_ID}/findings")  # type: ignore[operator]
    assert visible(tab, "td .due") == []
    assert _filter(tab, "overdue")[0] == 0 and _filter(tab, "near")[0] == 0
    tab = reader(BEFORE, SEED_ID)  # type: ignore[operator]
    assert visible(tab, ".due-count") == []


def test_near_the_deadline(reader: object) -> None:
    tab = reader(NEAR, FINDING)  # type: ignore[operator]
    assert visible(tab, "p.due") == ["◔ 临近完成时限，还有 11 天（最近一次更新：2017年3月27日）"]
    tab = reader(NEAR, f"{SEED_ID}/findings")  # type: ignore[operator]
    assert visible(tab, "td .due") == ["◔ 临近完成时限，还有 11 天"] * 3
    assert _filter(tab, "near") == (3, "显示 3 个问题（共 19 个）")
    assert _filter(tab, "overdue")[0] == 0
    tab = reader(NEAR, SEED_ID)  # type: ignore[operator]
    assert visible(tab, ".due-count") == ["◔ 临近完成时限的问题 3 个。"]


def test_after_the_deadline_on_every_page_that_lists_it(reader: object) -> None:
    tab = reader(AFTER, FINDING)  # type: ignore[operator]
    assert visible(tab, "p.due") == ["⚠ 已超过完成时限 3262 天（最近一次更新：2017年3月27日）"]
    tab = reader(AFTER, f"{SEED_ID}/findings")  # type: ignore[operator]
    assert visible(tab, "td .due") == ["⚠ 已超过完成时限 3262 天"] * 3
    assert _filter(tab, "overdue") == (3, "显示 3 个问题（共 19 个）")
    tab = reader(AFTER, f"{SEED_ID}/categories/party-leadership")  # type: ignore[operator]
    assert visible(tab, "td .due") == ["⚠ 已超过完成时限 3262 天"] * 2
    for home in (SEED_ID, "index.html"):
        tab = reader(AFTER, home)  # type: ignore[operator]
        assert visible(tab, ".due-count") == ["⚠ 已超过完成时限的问题 3 个。"]
    # A completed finding never is.
    tab = reader(AFTER, f"{SEED_ID}/findings/party-dues")  # type: ignore[operator]
    assert tab.locator(".due").count() == 0  # type: ignore[attr-defined]


def test_print_states_the_build_date(reader: object, site: Site) -> None:  # noqa: F811
    """In print (and so in the PDF) the page says what held on its build date, whatever the reader's day.
    The bundle is built as of SOURCE_DATE_EPOCH (2017-03-27), when nothing was due yet."""
    tab = reader(NEAR, FINDING)  # type: ignore[operator]
    tab.emulate_media(media="print")  # type: ignore[attr-defined]
    if not site.directory_urls:
        assert visible(tab, "p.due") == []
        return
    built = build_date()
    days = (built - date(2017, 12, 31)).days
    assert visible(tab, "p.due") == [
        f"⚠ 截至{chinese_date(built)}，已超过完成时限 {days} 天（最近一次更新：2017年3月27日）"
    ]


def test_without_javascript_the_build_date_s_facts(browser: object, web: Site) -> None:  # noqa: F811
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    tab = context.new_page()
    built = chinese_date(build_date())
    tab.goto(web.url(f"{FINDING}/"))
    (shown,) = visible(tab, "p.due")
    assert re.fullmatch(rf"⚠ 截至{built}，已超过完成时限 \d+ 天（最近一次更新：2017年3月27日）", shown)
    tab.goto(web.url(f"{SEED_ID}/"))
    assert visible(tab, ".due-count") == [f"截至{built}，⚠ 已超过完成时限的问题 3 个。"]
    context.close()
