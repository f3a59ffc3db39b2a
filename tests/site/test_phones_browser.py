"""Phones (issue 26): at phone widths the findings list and the category pages show one card per
finding — number, name, category, status, deadline and, as of the reader's day, overdue — with no
sideways scrolling, in normal and large text; the filters hide and show cards; axe-core finds
nothing; print and wide screens keep the table. Chromium at 320 and 390 px wide, on the seed and on
examples/round-2024, examples/real-shapes and a notice of long texts built as one site."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEED_ID, mkdocs_build
from test_accessibility import axe_violations
from test_browser import Site, browser, web  # noqa: F401  (fixtures)
from test_deadlines_browser import AFTER, CHINA

WIDTHS = (320, 390)
# 100 %, and the reading tools' largest text (200 %: what a 640 px window zoomed to 200 % shows too).
SIZES = (100, 200)
SEED_PAGES = [
    f"{SEED_ID}/findings/",
    f"{SEED_ID}/categories/party-leadership/",
    f"{SEED_ID}/categories/cadre-selection/",
]
LONG = "long-texts"
# A name in full (no short): a long problem, with a web address in it that has no place to break.
LONG_PROBLEM = (
    "部分资产长期闲置，2019年以来县城供水公司、县旅游开发公司等单位的办公用房、仓库和门面房共计37处未纳入统一管理，"
    "其中12处被个人无偿占用，相关情况在https://www.example.gov.cn/xxgk/zdly/2023/zichanqingcha-fujian-0042.pdf"
    "中已有说明，但至今没有处置方案，也没有明确责任单位和完成时限"
)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/round-2024, examples/real-shapes and a notice of long texts (the bad-input corpus's
    base notice: a ledger's columns, a name given in full) as one site."""
    data = tmp_path_factory.mktemp("phones-data")
    for folder in (ROOT / "examples" / "round-2024", ROOT / "examples" / "real-shapes"):
        for notice in folder.iterdir():
            shutil.copytree(notice, data / notice.name)
    shutil.copytree(ROOT / "tests" / "fixtures" / "bad" / "_base" / "test-notice", data / LONG)
    findings = data / LONG / "findings.yml"
    content = yaml.safe_load(findings.read_text(encoding="utf-8"))
    idle = content["categories"][0]["findings"][1]
    del idle["short"]
    idle["problem"] = LONG_PROBLEM
    idle["department"] = "县财政局、县国有资产管理中心、县住房和城乡建设局、县自然资源局"
    findings.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path_factory.mktemp("phones-site")
    result = mkdocs_build(site, data)
    assert result.returncode == 0, result.stderr
    return site


def example_pages(site: Path) -> list[str]:
    """Every findings list and category page of the examples' site, as file URLs."""
    pages = [*site.glob("*/findings/index.html"), *site.glob("*/categories/*/index.html")]
    return [p.as_uri() for p in sorted(pages)]


@pytest.fixture
def phone(browser: object) -> Iterator[object]:  # noqa: F811
    """Opens a tab at ``width`` px with text at ``size`` % and the clock on ``day``."""
    contexts = []

    def open_tab(width: int, size: int = 100, day: date = AFTER) -> object:
        context = browser.new_context(viewport={"width": width, "height": 800}, timezone_id="Asia/Shanghai")  # type: ignore[attr-defined]
        contexts.append(context)
        tab = context.new_page()
        tab.clock.set_fixed_time(datetime(day.year, day.month, day.day, 10, tzinfo=CHINA))
        if size != 100:
            tab.add_init_script(f"localStorage.setItem('rectify.reading', JSON.stringify({{size: {size}}}))")
        return tab

    yield open_tab
    for context in contexts:
        context.close()


# What a reader sees of each card shown: the text of each cell shown, with the names and icons CSS
# puts before it (::before), a name hidden from sight (position: absolute, as .rectify-visually-hidden) left out.
CARDS = """rows => rows.filter(r => r.getBoundingClientRect().height > 0).map(row => {
  const read = node => {
    if (node.nodeType === 3) return node.textContent;
    if (node.nodeType !== 1 || getComputedStyle(node).display === "none") return "";
    const before = getComputedStyle(node, "::before");
    const mark = before.content.startsWith('"') && before.position !== "absolute" ? JSON.parse(before.content) : "";
    return mark + [...node.childNodes].map(read).join("");
  };
  const box = row.getBoundingClientRect();
  return {
    card: getComputedStyle(row).display !== "table-row",
    inside: [...row.cells].every(c => c.getBoundingClientRect().right <= box.right + 0.5),
    cells: [...row.cells].map(read).map(t => t.trim()).filter(Boolean),
  };
})"""


def cards(tab: object) -> list[dict[str, object]]:
    return tab.eval_on_selector_all(".findings-list tbody tr", CARDS)  # type: ignore[attr-defined]


def sideways(tab: object) -> int:
    """How far the page scrolls sideways."""
    return tab.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"text-{s}%")
@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_no_sideways_scrolling_and_every_row_a_card(
    phone: object,
    web: Site,  # noqa: F811
    examples: Path,
    width: int,
    size: int,
) -> None:
    tab = phone(width, size)  # type: ignore[operator]
    problems = []
    listed = 0
    for url in [web.url(p) for p in SEED_PAGES] + example_pages(examples):
        tab.goto(url)  # type: ignore[attr-defined]
        if (over := sideways(tab)) > 0:
            problems.append(f"{url}: {over}px sideways")
        shown = cards(tab)  # none where a notice or category lists no finding
        listed += len(shown)
        rows = tab.locator(".findings-list tbody tr").count()  # type: ignore[attr-defined]
        if len(shown) != rows or not all(c["card"] and c["inside"] for c in shown):
            problems.append(f"{url}: not one card per finding inside the page: {shown}")
    assert not problems, "\n".join(problems)
    assert listed > 60


def test_each_card_shows_number_name_category_status_deadline_and_overdue(phone: object, web: Site) -> None:  # noqa: F811
    tab = phone(390)  # type: ignore[operator]
    tab.goto(web.url(f"{SEED_ID}/findings/"))  # type: ignore[attr-defined]
    shown = cards(tab)
    assert len(shown) == 19
    assert shown[0]["cells"] == [
        "1",
        "分类：党组核心作用和党的建设",
        "工会改革推进不深",
        "整改状态：↻ 长期整改",
        "整改责任人：郭长义",
        "完成时限：2017年底前⚠ 已超过完成时限 3262 天",
    ]
    # A completed finding: nothing stated for its owner and deadline (— in the table), no such lines.
    assert shown[7]["cells"] == ["8", "分类：党组核心作用和党的建设", "党费缴纳不足额", "整改状态：✓ 已完成"]
    # Before the deadline nothing is said of it.
    tab = phone(390, day=date(2017, 6, 1))  # type: ignore[operator]
    tab.goto(web.url(f"{SEED_ID}/categories/party-leadership/"))  # type: ignore[attr-defined]
    assert cards(tab)[0]["cells"] == [
        "1",
        "工会改革推进不深",
        "整改状态：↻ 长期整改",
        "整改责任人：郭长义",
        "完成时限：2017年底前",
    ]


def test_screen_readers_hear_each_value_with_its_name(phone: object, web: Site) -> None:  # noqa: F811
    """The card is still a table's row (Chromium keeps the roles), and each cell says its column's name."""
    tab = phone(320)  # type: ignore[operator]
    tab.goto(web.url(f"{SEED_ID}/findings/"))  # type: ignore[attr-defined]
    tree = tab.locator(".findings-list table").aria_snapshot()  # type: ignore[attr-defined]
    assert '- columnheader "整改状态"' in tree
    assert '- row "序号： 1 分类：党组核心作用和党的建设 问题： 工会改革推进不深 整改状态： ↻ 长期整改' in tree
    assert '- cell "完成时限：2017年底前 ⚠ 已超过完成时限 3262 天"' in tree


def test_long_texts_wrap_in_full(phone: object, examples: Path) -> None:
    """A name given in full and a ledger's columns: every word there, wrapped, nothing cut."""
    for width, size in ((320, 100), (320, 200)):
        tab = phone(width, size)  # type: ignore[operator]
        tab.goto((examples / LONG / "findings" / "index.html").as_uri())  # type: ignore[attr-defined]
        assert sideways(tab) == 0
        card = cards(tab)[1]
        assert card["inside"]
        assert LONG_PROBLEM in card["cells"], card
        assert "牵头部门：县财政局、县国有资产管理中心、县住房和城乡建设局、县自然资源局" in card["cells"]
        assert "责任领导：李某某" in card["cells"] and "佐证材料：2 项" in card["cells"]


def _filter(tab: object, name: str, value: str) -> list[str]:
    """The names of the cards shown once the filter ``name`` is set to ``value``."""
    tab.select_option(f"#filter-{name}", value)  # type: ignore[attr-defined]
    return [c["cells"][2] for c in cards(tab)]


def test_the_filters_hide_and_show_cards(phone: object, web: Site) -> None:  # noqa: F811
    tab = phone(320)  # type: ignore[operator]
    tab.goto(web.url(f"{SEED_ID}/findings/"))  # type: ignore[attr-defined]
    long_term = ["工会改革推进不深", "联席会议多年未召开", "18套房改房长期闲置"]
    assert _filter(tab, "status", "长期整改") == long_term
    assert tab.locator(".findings-filter__count").inner_text() == "显示 3 个问题（共 19 个）"  # type: ignore[attr-defined]
    assert _filter(tab, "category", "党组核心作用和党的建设") == long_term[:2]
    assert _filter(tab, "status", "") == _filter(tab, "category", "党组核心作用和党的建设")
    assert len(_filter(tab, "category", "")) == 19
    assert _filter(tab, "due", "overdue") == long_term
    assert _filter(tab, "due", "near") == []
    assert len(_filter(tab, "due", "")) == 19


# The largest text on the narrowest phone stands for both phones' (each axe run takes seconds).
@pytest.mark.parametrize(
    ("width", "size"), [(320, 100), (390, 100), (320, 200)], ids=["320px", "390px", "320px-text-200%"]
)
def test_axe_finds_nothing_on_phones(phone: object, web: Site, examples: Path, width: int, size: int) -> None:  # noqa: F811
    """WCAG 2.0/2.1 A and AA and best practice, on the findings lists and the seed's category pages as cards
    (the examples' category pages are the same cards)."""
    tab = phone(width, size)  # type: ignore[operator]
    problems = []
    lists = [url for url in example_pages(examples) if url.endswith("/findings/index.html")]
    for url in [web.url(p) for p in SEED_PAGES] + lists:
        tab.goto(url)  # type: ignore[attr-defined]
        problems += [f"{url}: {v}" for v in axe_violations(tab)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("width", "media"), [(390, "print"), (1280, "screen")])
def test_print_and_wide_screens_keep_the_table(phone: object, web: Site, width: int, media: str) -> None:  # noqa: F811
    tab = phone(width)  # type: ignore[operator]
    tab.emulate_media(media=media)  # type: ignore[attr-defined]
    tab.goto(web.url(f"{SEED_ID}/findings/"))  # type: ignore[attr-defined]
    shown = cards(tab)
    assert len(shown) == 19 and not any(c["card"] for c in shown)
    head = tab.eval_on_selector(".findings-list thead", "e => getComputedStyle(e).position")  # type: ignore[attr-defined]
    assert head != "absolute"
    # No names beside the values: the table's head gives them.
    assert shown[0]["cells"][:3] == ["1", "党组核心作用和党的建设", "工会改革推进不深"]


def test_without_javascript_cards_and_no_controls_that_do_nothing(browser: object, web: Site) -> None:  # noqa: F811
    """The cards are CSS alone; the filters and the reading tools, which need the scripts, stay hidden."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(web.url(f"{SEED_ID}/findings/"))
    shown = cards(tab)
    assert len(shown) == 19 and all(c["card"] and c["inside"] for c in shown)
    assert shown[0]["cells"][2:4] == ["工会改革推进不深", "整改状态：↻ 长期整改"]
    assert tab.locator("form.findings-filter").is_hidden()
    assert tab.locator(".rectify-tools").is_hidden()
    assert sideways(tab) == 0
    context.close()
