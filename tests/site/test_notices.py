"""Many notices in one site, progress over time, the feed, charts and open data (examples/)."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BIN, DATA, ROOT, SEED_ID, mkdocs_build
from rectify.data.load import load_site
from rectify.site.feed import FEED_ENTRIES
from rectify.site.opendata import notice_from_json
from rectify.site.render import HOME, HOME_NOTICES, LIST_NOTICES, site_pages
from synthetic import write_data

EXAMPLES = ROOT / "examples" / "round-2024"
ATOM = "{http://www.w3.org/2005/Atom}"
EARLY, LATER, SCHOOL = "demo-county-finance-2024", "demo-county-finance-2025", "demo-county-school-2024"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("examples")
    result = mkdocs_build(out, EXAMPLES)
    assert result.returncode == 0, result.stderr
    return out


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def text(site: Path, page: str) -> str:
    article = soup(site, page).select_one("article")
    assert article is not None
    return " ".join(article.get_text(" ").split())


def test_home_lists_every_notice_with_its_figures_and_totals(site: Path) -> None:
    page = soup(site, "index.html")
    rows = page.select("article table")[-1].select("tbody tr")  # after the table of progress over time
    assert len(rows) == 3
    titles = {row.find("a").get_text(): row.find("a")["href"] for row in rows}
    assert titles["中共示例县第一中学总支部委员会关于巡察整改情况的通报"] == f"{SCHOOL}/"
    school = next(row for row in rows if SCHOOL in row.find("a")["href"])
    assert [td.get_text() for td in school.find_all("td")][1:] == [
        "中共示例县第一中学总支部委员会",
        "2024年9月5日",
        "2024年9月5日",
        "4",
        "2",
        "50.0%",
    ]
    assert "各通报列出的问题共 11 个，已完成整改 7 个" in text(site, "index.html")


def test_each_notice_has_its_pages_under_its_own_path(site: Path) -> None:
    for notice_id, findings in [(EARLY, 5), (LATER, 2), (SCHOOL, 4)]:
        for page in (
            "index.html",
            "notice/index.html",
            "findings/index.html",
            "contact/index.html",
            "print/index.html",
        ):
            assert (site / notice_id / page).is_file(), f"{notice_id}/{page}"
        assert len(list((site / notice_id / "findings").glob("*/index.html"))) == findings
        menu = soup(site, f"{notice_id}/findings/index.html").select_one("nav.notice-menu")
        assert menu is not None and "全部通报" in menu.get_text()


def test_pages_do_not_carry_every_notice_in_their_navigation(site: Path) -> None:
    nav = soup(site, f"{SCHOOL}/notice/index.html").select_one("nav.md-nav--primary")
    assert nav is not None
    assert not [a for a in nav.find_all("a") if EARLY in a.get("href", "")]


def test_progress_newest_first_and_figures_as_of_the_latest_step(site: Path) -> None:
    finding = text(site, f"{EARLY}/findings/treasury-payments/index.html")
    assert "整改状态： ✓ 已完成" in finding or "整改状态： 已完成" in finding
    assert "通报印发时（2024年8月30日）的整改状态：正在整改" in finding
    newest, older = finding.index("2025年3月10日"), finding.index("2024年12月15日")
    assert newest < older
    home = text(site, f"{EARLY}/index.html")
    assert "以下情况截至2025年3月10日（最近一次整改进展）" in home
    assert "共 5 个，已完成整改 4 个，长期整改 1 个，整改完成率 80.0%" in home
    school = text(site, f"{SCHOOL}/index.html")
    assert "以下情况截至2024年9月5日（通报印发之日）" in school


def test_a_progress_notice_and_the_notice_it_updates_link_to_each_other(site: Path) -> None:
    later = soup(site, f"{LATER}/notice/index.html")
    early = soup(site, f"{EARLY}/notice/index.html")
    assert any(a.get("href") == f"../../{EARLY}/notice/" for a in later.find_all("a"))
    assert any(a.get("href") == f"../../{LATER}/notice/" for a in early.find_all("a"))
    assert "是对中共示例县财政局党组关于巡察整改情况的通报" in later.get_text()
    assert "后续整改进展见中共示例县财政局党组关于巡察整改进展情况的通报" in early.get_text()


def feed_entries(site: Path) -> dict[str, ET.Element]:
    root = ET.parse(site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    return {entry.findtext(f"{ATOM}id"): entry for entry in root.findall(f"{ATOM}entry")}


def test_feed_has_notices_and_progress_with_stable_ids(site: Path, tmp_path: Path) -> None:
    entries = feed_entries(site)
    assert f"tag:rectify,2024-08-30:{EARLY}" in entries
    assert f"tag:rectify,2025-03-10:{EARLY}/treasury-payments/2" in entries
    # Three notices, three progress entries, and two reports overdue (next_update) as of the build date.
    assert len(entries) == 3 + 3 + 2
    for entry in entries.values():
        href = entry.find(f"{ATOM}link").get("href")
        assert (site / href / "index.html").is_file(), href
    again = tmp_path / "again"
    assert mkdocs_build(again, EXAMPLES).returncode == 0
    assert set(feed_entries(again)) == set(entries)
    assert any(a.get("href") == "feed.xml" for a in soup(site, "index.html").find_all("a"))


def test_charts_are_inline_svg_with_text_alternatives_and_tables(site: Path) -> None:
    home = soup(site, f"{EARLY}/index.html")
    charts = home.select("article svg.chart")
    assert len(charts) == 3  # statuses, progress over time, categories
    for chart in charts:
        assert chart["role"] == "img"
        labels = chart["aria-labelledby"].split()
        assert all(home.find(id=label) for label in labels)
    description = home.find(id="chart-categories-desc").get_text()
    assert "（一）预算管理：问题 3 个，已完成 3 个，完成率 100.0%" in description
    table = home.select("article table")[-1].get_text()
    assert "预算管理" in table and "100.0%" in table
    assert not home.select("article script")


def _chart_sections(page: BeautifulSoup) -> list[list[object]]:
    """The parts of a page's article between its headings that hold a chart."""
    article = page.select_one("article")
    if article is None:  # a redirect page of an old URL
        return []
    sections: list[list[object]] = [[]]
    for child in article.find_all(recursive=False):
        if child.name in ("h1", "h2"):
            sections.append([])
        sections[-1].append(child)
    return [s for s in sections if any(getattr(e, "select", None) and e.select("svg.chart") for e in s)]


@pytest.mark.parametrize("which", ["examples", "seed"])
def test_every_chart_has_its_data_as_a_table_and_a_csv_in_the_open_data(
    site: Path, built_site: Path, which: str
) -> None:
    """Issue 26: every chart on the site (homes, progress, categories, statuses, rounds) has beside it a
    table of its figures and a link to the same figures as CSV, published with the open data."""
    root = site if which == "examples" else built_site
    charts = 0
    for html_file in sorted(root.rglob("*.html")):
        page = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for section in _chart_sections(page):
            charts += sum(len(e.select("svg.chart")) for e in section if hasattr(e, "select"))
            tables = [
                t for e in section if hasattr(e, "select") for t in ([e] if e.name == "table" else e.select("table"))
            ]
            links = [a for e in section if hasattr(e, "select") for a in e.select('a[href$=".csv"]')]
            where = html_file.relative_to(root)
            assert tables and links, f"{where}: a chart without its table or its CSV"
            for a in links:
                target = (html_file.parent / a["href"]).resolve()
                assert target.is_file(), f"{where}: {a['href']}"
                rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
                table_rows = tables[-1].select("tbody tr")
                assert len(rows) - 1 >= len(table_rows), f"{where}: {a['href']}"
    assert charts >= (9 if which == "examples" else 4)


def test_open_data_reads_back_into_the_same_model(site: Path) -> None:
    for notice in load_site(EXAMPLES):
        published = (site / notice.id / "notice.json").read_text(encoding="utf-8")
        assert notice_from_json(published) == notice
    raw = (site / EARLY / "findings.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 5
    assert rows[1]["问题编号"] == "treasury-payments"
    assert rows[1]["通报时的整改状态"] == "正在整改" and rows[1]["目前的整改状态"] == "已完成"
    for schema in ("notice.schema.json", "findings.schema.json"):
        assert (site / "schema" / schema).is_file()
    links = {a.get("href") for a in soup(site, f"{EARLY}/notice/index.html").find_all("a")}
    assert {"../notice.json", "../findings.csv", "../../schema/notice.schema.json"} <= links


def test_single_notice_site_publishes_its_open_data_too(built_site: Path) -> None:
    (notice,) = load_site(DATA)
    assert notice.id == SEED_ID
    assert notice_from_json((built_site / SEED_ID / "notice.json").read_text(encoding="utf-8")) == notice
    # Also where the single-notice layout of earlier versions published it.
    assert (built_site / "notice.json").read_bytes() == (built_site / SEED_ID / "notice.json").read_bytes()
    assert (built_site / "findings.csv").read_bytes() == (built_site / SEED_ID / "findings.csv").read_bytes()


def test_default_site_publishes_only_real_notices(built_site: Path) -> None:
    assert not list(built_site.glob("demo-*"))
    assert "示例" not in (built_site / "index.html").read_text(encoding="utf-8")


def rectify(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "rectify"), *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_new_notice_is_explained_by_check_until_complete(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "xx-2024"
    created = rectify("new", str(folder))
    assert created.returncode == 0, created.stderr
    assert (folder / "notice.yml").is_file() and (folder / "findings.yml").is_file()
    checked = rectify("check", str(folder.parent))
    assert checked.returncode == 1
    assert (
        "notice.yml:" in checked.stderr
        and "通报标题（title）：" in checked.stderr
        and "Traceback" not in checked.stderr
    )
    assert rectify("new", str(folder)).returncode == 1  # never overwrites


@pytest.mark.parametrize(
    ("file", "old", "new", "words"),
    [
        (f"{LATER}/notice.yml", f"updates: {EARLY}", "updates: no-such-notice", ("no-such-notice", "较早")),
        (
            f"{EARLY}/notice.yml",
            "title: 中共示例县财政局党组关于巡察整改情况的通报",
            f"updates: {LATER}\ntitle: 中共示例县财政局党组关于巡察整改情况的通报",
            ("不早于",),
        ),
        (f"{EARLY}/findings.yml", "date: 2024-12-15", "date: 2024-01-15", ("早于通报的成文日期",)),
    ],
    ids=["unknown-notice", "not-earlier", "progress-before-notice"],
)
def test_progress_and_updates_are_checked(
    tmp_path: Path, file: str, old: str, new: str, words: tuple[str, ...]
) -> None:
    data = tmp_path / "round"
    subprocess.run(["cp", "-r", str(EXAMPLES), str(data)], check=True)
    path = data / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    checked = rectify("check", str(data))
    assert checked.returncode == 1
    assert all(word in checked.stderr for word in words), checked.stderr
    assert file.split("/")[1] in checked.stderr


# --- a site of many notices ------------------------------------------------------------

MANY = LIST_NOTICES + 5


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of more notices than one list page holds (one finding each, to build quickly)."""
    data = write_data(tmp_path_factory.mktemp("many-data"), MANY, findings=1)
    out = tmp_path_factory.mktemp("many-site")
    result = mkdocs_build(out, data)
    assert result.returncode == 0, result.stderr
    return out


def _listed(site: Path, page: str) -> list[tuple[str, str]]:
    """(link, 印发日期) of each notice in the table of ``page``."""
    rows = soup(site, page).select("article table")[-1].select("tbody tr")  # the home's last table
    return [(row.find("a")["href"], row.find_all("td")[2].get_text()) for row in rows]


def _day(chinese: str) -> tuple[int, ...]:
    return tuple(int(part) for part in chinese.replace("年", "-").replace("月", "-").rstrip("日").split("-"))


def test_home_shows_the_newest_notices_and_leads_to_the_rest(many: Path) -> None:
    home = _listed(many, "index.html")
    assert len(home) == HOME_NOTICES
    everything = _listed(many, "notices/index.html") + _listed(many, "notices/2/index.html")
    assert len(everything) == MANY and len({link for link, _ in everything}) == MANY
    assert [_day(day) for _, day in everything] == sorted((_day(day) for _, day in everything), reverse=True)
    assert [day for _, day in home] == [day for _, day in everything[:HOME_NOTICES]]
    assert f"全部 {MANY} 份通报" in text(many, "index.html")
    assert soup(many, "index.html").select_one('article a[href="notices/"]') is not None
    # The chart shows the notices the home lists, not all of them.
    assert (
        len(soup(many, "index.html").select_one('svg[aria-labelledby^="chart-notices"]').select("rect"))
        == 2 * HOME_NOTICES
    )


def test_list_pages_link_to_each_other_and_notices_to_the_list(many: Path) -> None:
    first = soup(many, "notices/index.html").select_one("nav.list-pager")
    second = soup(many, "notices/2/index.html").select_one("nav.list-pager")
    assert first is not None and second is not None
    assert [(a.get_text(), a["href"]) for a in first.find_all("a")] == [("下一页", "2/")]
    assert [(a.get_text(), a["href"]) for a in second.find_all("a")] == [("上一页", "../")]
    menu = soup(many, "bench-0001/notice/index.html").select_one("nav.notice-menu a")
    assert menu is not None and (menu.get_text(), menu["href"]) == ("全部通报", "../../notices/")
    primary = soup(many, "bench-0001/notice/index.html").select_one("nav.md-nav--primary")
    assert primary is not None and "全部通报" in primary.get_text()


def test_no_page_grows_with_the_number_of_notices(many: Path, tmp_path: Path) -> None:
    """A notice's pages are the same in a site of 11 notices and of 55; the home lists ten; the feed is bounded."""
    small = site_pages(load_site(write_data(tmp_path / "small", HOME_NOTICES + 1, findings=1)))
    large = site_pages(load_site(write_data(tmp_path / "large", MANY, findings=1)))
    own = [path for path in small if path.startswith("bench-")]
    assert own and all(small[path] == large[path] for path in own)
    for pages in (small, large):
        assert pages[HOME].count("\n| [") == HOME_NOTICES
        assert all(pages[path].count("\n| [") <= LIST_NOTICES for path in pages if path.startswith("notices/"))
    entries = ET.parse(many / "feed.xml").getroot().findall(f"{ATOM}entry")
    assert len(entries) == FEED_ENTRIES < MANY


def test_the_site_home_does_not_grow_with_progress_or_deadlines(tmp_path: Path) -> None:
    """Issue 28: the home of 40 notices is within 5 KB of the home of 10. Progress over time (a row for
    every reporting day of every notice) has a page of its own, and the due dates the reader's browser
    counts (data-dues) are written once a date with their count."""
    homes = [site_pages(load_site(write_data(tmp_path / str(n), n)))[HOME] for n in (10, 40)]
    assert len(homes[1].encode()) - len(homes[0].encode()) < 5000
    dues = re.findall(r'data-dues="([^"]*)"', homes[1])
    assert len(dues) == 1
    days = [item.split("*")[0] for item in dues[0].split()]
    assert days == sorted(set(days))


def test_progress_over_time_has_a_page_of_its_own_linked_from_the_home(many: Path) -> None:
    home = soup(many, "index.html")
    assert home.select_one('article a[href="progress/"]') is not None
    assert home.select_one('article a[href="progress.csv"]') is not None
    assert home.select_one('svg[aria-labelledby^="chart-history"]') is None
    page = soup(many, "progress/index.html")
    assert page.select_one('svg[aria-labelledby^="chart-history"]') is not None
    assert page.select_one('article a[href="../progress.csv"]') is not None
    rows = page.select("article table tbody tr")
    data = list(csv.reader(io.StringIO((many / "progress.csv").read_text(encoding="utf-8-sig"))))
    assert rows and len(rows) == len(data) - 1
    assert rows[-1].find_all("td")[2].get_text() == str(MANY)  # every notice's one finding, by the last day
