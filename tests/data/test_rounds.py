"""A round at a glance (issue 26, point 9): notices that name the same inspection round
(``inspection.round``) are compared unit by unit — in the data, the pages (as Markdown), the open data."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, ROOT, SEED_ID
from rectify.data.errors import DataInvalid
from rectify.data.load import load_site
from rectify.data.model import Inspection, Notice
from rectify.data.rounds import Stat, overdue, round_slug, rounds
from rectify.site.opendata import notice_from_json, notice_json
from rectify.site.render import data_files, site_pages

EXAMPLES = ROOT / "examples" / "round-2024"
ROUND = "十五届县委第五轮巡察"
SLUG = "rf20f11bb"
PAGE = f"rounds/{SLUG}/index.md"
FINANCE, LATER, SCHOOL = "demo-county-finance-2024", "demo-county-finance-2025", "demo-county-school-2024"


@pytest.fixture(scope="module")
def examples() -> list[Notice]:
    return load_site(EXAMPLES)


def _in_round(notice: Notice, name: str | None) -> Notice:
    return replace(notice, inspection=replace(notice.inspection, round=name))


def test_the_slug_is_fixed_by_the_name_alone() -> None:
    """r + the first 8 hexadecimal digits of the SHA-256 of the name (data format page): the same name
    has the same address in every build, whatever else the site holds."""
    assert round_slug(ROUND) == SLUG
    assert round_slug("十四届县委第五轮巡察") == "r15d4186c"
    assert round_slug("十四届县委第五轮巡察 ") != round_slug("十四届县委第五轮巡察")


def test_the_field_is_read_published_and_read_back(examples: list[Notice]) -> None:
    assert {n.inspection.round for n in examples} == {ROUND}
    notice = examples[0]
    assert json.loads(notice_json(notice))["inspection"]["round"] == ROUND
    assert notice_from_json(notice_json(notice)) == notice
    # Older open data, written before the field existed, still reads.
    old = json.loads(notice_json(notice))
    del old["inspection"]["round"]
    assert notice_from_json(json.dumps(old)).inspection.round is None
    (seed,) = load_site(DATA)
    assert seed.inspection.round is None  # the seed states no round: none is made up


def test_a_round_compares_its_units_and_a_progress_notice_updates_its_unit(examples: list[Notice]) -> None:
    (rnd,) = rounds(examples)
    assert rnd.name == ROUND and rnd.slug == SLUG
    finance, school = rnd.units
    assert [finance.notice.id, school.notice.id] == [FINANCE, SCHOOL]  # the 2025 progress notice is no unit
    assert (finance.problems, finance.completed, finance.rate) == (Stat(5), Stat(4), Stat(80))
    assert finance.updated == date(2025, 3, 20)  # the day of the progress notice
    assert finance.dues == ()  # open: only 长期坚持, which gives no date
    assert school.dues == (date(2024, 12, 31), date(2025, 6, 30))
    assert school.updated == date(2024, 9, 6)  # published, as its finding pages say
    assert [overdue(school, day) for day in (date(2024, 12, 31), date(2025, 1, 1), date(2026, 12, 7))] == [0, 1, 2]


def test_what_a_notice_does_not_state_stays_unstated(examples: list[Notice]) -> None:
    school = next(n for n in examples if n.id == SCHOOL)
    narrative = replace(school, id="narrative", categories=(), figures={"问题总数": 12, "完成率": "75%"})
    silent = replace(school, id="silent", categories=(), figures={})
    (rnd,) = rounds([narrative, silent])
    stated, unstated = rnd.units
    assert (stated.problems, stated.completed, stated.rate) == (Stat(12, True), Stat(None), Stat(75, True))
    assert (unstated.problems, unstated.completed, unstated.rate) == (Stat(None), Stat(None), Stat(None))
    assert not stated.listed
    pages = site_pages([narrative, silent], built=date(2026, 12, 7))
    page = pages[PAGE]
    assert ">12（通报写明）<" in page and ">75%（通报写明）<" in page
    assert page.count(">通报未写明<") == 2 + 4  # completed and overdue of the one; all but the date of the other
    rows = list(csv.reader(io.StringIO(data_files([narrative, silent])[f"rounds/{SLUG}/units.csv"].lstrip("\ufeff"))))
    assert rows[1][3:6] == ["12（通报写明）", "通报未写明", "75%（通报写明）"]
    assert rows[2][3:8] == ["通报未写明", "通报未写明", "通报未写明", "", "通报未写明"]


def test_open_findings_without_any_deadline_are_named(examples: list[Notice]) -> None:
    school = next(n for n in examples if n.id == SCHOOL)
    undated = replace(
        school,
        categories=tuple(
            replace(c, findings=tuple(replace(f, deadline=None, due=None) for f in c.findings))
            for c in school.categories
        ),
    )
    (rnd,) = rounds([undated])
    assert rnd.units[0].undated == 2 and rnd.units[0].dues == ()
    assert "（另有 2 个未完成的问题通报未写明完成时限）" in site_pages([undated])[PAGE]


def test_the_round_page_as_of_the_build_date(examples: list[Notice]) -> None:
    pages = site_pages(examples, built=date(2025, 1, 1))
    page = pages[PAGE]
    assert "<caption>十五届县委第五轮巡察各单位的整改情况</caption>" in page
    assert page.count('<th scope="col"') == 6 and page.count('<th scope="row"') == 2
    assert '<td data-sort="1" data-dues="2024-12-31 2025-06-30"><span class="due__built">1</span>' in page
    assert "已超过完成时限的问题截至2025年1月1日（生成网页的日期）计算。" in page
    assert "（进展通报：[2025年3月20日](../../demo-county-finance-2025/index.md)）" in page
    assert 'aria-labelledby="chart-round-title chart-round-desc"' in page
    assert "[十五届县委第五轮巡察各单位整改情况（CSV）](units.csv)" in page
    # Linked from the site's home and from each notice's home.
    assert f"[十五届县委第五轮巡察]({PAGE})" in pages["index.md"]
    for notice_id in (FINANCE, LATER, SCHOOL):
        assert f"[十五届县委第五轮巡察](../{PAGE})" in pages[f"{notice_id}/index.md"]
    units = data_files(examples)[f"rounds/{SLUG}/units.csv"]
    rows = list(csv.DictReader(io.StringIO(units.lstrip("\ufeff"))))
    assert [(r["通报编号"], r["问题数"], r["已完成"], r["完成率"], r["未完成问题的应完成日期"]) for r in rows] == [
        (FINANCE, "5", "4", "80.0%", ""),
        (SCHOOL, "4", "2", "50.0%", "2024-12-31 2025-06-30"),
    ]


def test_several_rounds_have_a_list_and_no_round_no_page(examples: list[Notice]) -> None:
    other = [_in_round(n, "十五届县委第六轮巡察") if n.id == SCHOOL else n for n in examples]
    pages = site_pages(other)
    assert {p for p in pages if p.startswith("rounds/")} == {
        "rounds/index.md",
        PAGE,
        f"rounds/{round_slug('十五届县委第六轮巡察')}/index.md",
    }
    assert "[全部轮次](rounds/index.md)" in pages["index.md"]
    assert "[各轮巡察](../index.md)" in pages[PAGE]
    (seed,) = load_site(DATA)
    assert not [p for p in site_pages([seed]) if p.startswith("rounds/")]
    assert not [p for p in data_files([seed]) if p.startswith("rounds/")]
    assert "按轮次比较" not in site_pages([seed])["index.md"]
    # One notice that names a round: its page, linked from the site's home.
    alone = site_pages([_in_round(seed, ROUND)])
    assert PAGE in alone and f"[十五届县委第五轮巡察]({PAGE})" in alone["index.md"]


def test_rounds_is_not_a_notice_id(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "rounds").mkdir(parents=True)
    for name in ("notice.yml", "findings.yml"):
        (data / "rounds" / name).write_text((DATA / SEED_ID / name).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataInvalid) as raised:
        load_site(data)
    assert "rounds 是网站保留的网址名称" in raised.value.report()


def test_inspection_keeps_working_without_a_round() -> None:
    assert Inspection("巡察", "县委第一巡察组", None, None, None).round is None
