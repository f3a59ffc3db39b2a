"""Notices shaped like real published ones (examples/real-shapes/), built end to end.

Each notice there is fictional but has the shape of real notices: no status per problem,
progress wordings, sub-problems, accountability figures, no inspection dates, narrative only.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BIN, ROOT, SEED_ID, mkdocs_build
from rectify.data.load import load_site
from rectify.site.render import site_pages

SHAPES = ROOT / "examples" / "real-shapes"
TOTALS = "shape-totals-only"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shapes")
    result = mkdocs_build(out, SHAPES)
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def text(site: Path, path: str) -> str:
    article = page(site, path).select_one("article")
    assert article is not None
    return "".join(article.get_text().split())  # without spaces: the words are what is checked


def notice_dir(notice_id: str) -> str:
    """Where a notice's pages are: always under ``<id>/``."""
    return f"{notice_id}/"


# --- 1. no status per finding ---------------------------------------------------------


def test_absent_status_is_shown_in_words_on_every_page(site: Path) -> None:
    base = notice_dir(TOTALS)
    finding = text(site, f"{base}findings/study/index.html")
    assert "整改状态：通报未写明" in finding
    badge = page(site, f"{base}findings/study/index.html").select_one(".finding-status .status")
    assert badge is not None and badge.get_text() == "通报未写明"
    assert "status--unstated" in badge["class"]
    table = page(site, f"{base}findings/index.html").select("article table tbody tr")
    assert len(table) == 5
    assert {row.select("td")[3].get_text(strip=True) for row in table} == {"通报未写明"}
    printed = text(site, f"{base}print/index.html")
    assert "整改状态：通报未写明" in printed


def test_absent_status_has_its_own_filter_value(site: Path) -> None:
    options = page(site, f"{notice_dir(TOTALS)}findings/index.html").select("#filter-status option")
    assert [o["value"] for o in options][-1] == "通报未写明"


def test_stated_totals_are_shown_as_stated_and_no_rate_is_computed(site: Path) -> None:
    home = text(site, f"{notice_dir(TOTALS)}index.html")
    assert "整改状态通报未写明的5个，整改完成率通报未写明。" in home
    assert "通报写明（2024年12月20日）：问题总数5个，已完成3个，正在整改2个，整改完成率60%。" in home
    cards = page(site, f"{notice_dir(TOTALS)}index.html").select("ul.figures li")
    labels = {c.select_one(".figures__label").get_text(): c.select_one(".figures__value").get_text() for c in cards}
    assert labels["整改状态通报未写明"] == "5个"
    assert labels["整改完成率（通报写明）"] == "60%"
    assert not re.search(r"(?<![0-9.])0(\.0)?%", home), "a rate of 0% counted from absent statuses"
    # The table of categories (the last; the statuses' is the first).
    rows = page(site, f"{notice_dir(TOTALS)}index.html").select("article table")[-1].select("tbody tr")
    assert [[td.get_text() for td in row.select("td")[1:4]] for row in rows] == [
        ["2", "通报未写明", "通报未写明"],
        ["3", "通报未写明", "通报未写明"],
    ]


def test_absent_status_is_its_own_grey_category_in_the_chart(site: Path) -> None:
    chart = page(site, f"{notice_dir(TOTALS)}index.html").select_one("#chart-status-desc").find_parent("svg")
    assert chart.select_one("desc").get_text() == "通报未写明 5 个，共 5 个"
    assert "通报未写明：5 个" in chart.get_text()
    assert {rect["fill"] for rect in chart.select("rect")} == {"#6b6b6b"}


def test_open_data_leaves_an_absent_status_empty(site: Path) -> None:
    base = notice_dir(TOTALS)
    data = json.loads((site / f"{base}notice.json").read_text(encoding="utf-8"))
    assert [f["status"] for c in data["categories"] for f in c["findings"]] == [None] * 5
    rows = list(csv.DictReader(io.StringIO((site / f"{base}findings.csv").read_text(encoding="utf-8-sig"))))
    assert {row["通报时的整改状态"] for row in rows} == {""}
    assert {row["目前的整改状态"] for row in rows} == {"通报未写明"}


def rectify_check(data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "rectify"), "check", str(data)], capture_output=True, text=True, cwd=ROOT)


def test_check_counts_absent_statuses_and_does_not_compute_a_rate() -> None:
    result = rectify_check(SHAPES)
    assert result.returncode == 0, result.stderr
    assert "整改状态通报未写明：5 个" in result.stdout
    assert "整改完成率：通报未写明" in result.stdout
    assert "通报写明（只核对了能核对的部分）：问题总数 5 个，已完成 3 个，正在整改 2 个，完成率 60%" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "message", "shown"),
    [
        # All statuses absent: stated figures are only bounded by what is stated.
        (
            "  问题总数: 5\n",
            "  问题总数: 4\n",
            "通报写明问题总数 4 个，但 findings.yml 中问题已有 5 个",
            "问题总数 4 个（逐项统计已有 5 个）",
        ),
        # One finding stated 已完成 twice is more than a stated 1.
        (
            "  已完成: 3\n",
            "  已完成: 1\n",
            "通报写明已完成 1 个，但 findings.yml 中写明“已完成”的问题已有 2 个",
            "已完成 1 个（逐项统计已有 2 个）",
        ),
    ],
)
def test_stated_figures_are_checked_as_far_as_statuses_allow(
    tmp_path: Path, old: str, new: str, message: str, shown: str, shapes_copy: Callable[[str, str, str, str], Path]
) -> None:
    """A signed text is published as signed: the check passes with a remark, the pages show both numbers."""
    shapes_copy(TOTALS, "notice.yml", old, new)
    findings = "        form: 关于“…”问题的整改情况。\n        measures:\n"
    stated = "        status: 已完成\n" + findings
    shapes_copy(TOTALS, "findings.yml", findings, stated)
    shapes_copy(
        TOTALS,
        "findings.yml",
        "          - 建立下属单位负责人约谈制度。\n",
        "          - 建立下属单位负责人约谈制度。\n        status: 已完成\n",
    )
    result = rectify_check(tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert message in result.stdout.partition("需要本单位核对的地方")[2], result.stdout
    pages = site_pages(load_site(tmp_path / "data"))
    assert shown in pages[f"{TOTALS}/index.md"]
    assert shown in pages[f"{TOTALS}/findings/index.md"]


def test_partial_statuses_within_the_stated_totals_pass(
    shapes_copy: Callable[[str, str, str, str], Path], tmp_path: Path
) -> None:
    shapes_copy(
        TOTALS,
        "findings.yml",
        "          - 建立下属单位负责人约谈制度。\n",
        "          - 建立下属单位负责人约谈制度。\n        status: 已完成\n",
    )
    result = rectify_check(tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "已完成：1 个" in result.stdout and "整改状态通报未写明：4 个" in result.stdout


@pytest.fixture
def shapes_copy(tmp_path: Path) -> Callable[[str, str, str, str], Path]:
    """A writable copy of examples/real-shapes/ at ``tmp_path/data``; returns an editor."""
    import shutil

    shutil.copytree(SHAPES, tmp_path / "data")

    def replace(notice_id: str, file_name: str, old: str, new: str) -> Path:
        path = tmp_path / "data" / notice_id / file_name
        content = path.read_text(encoding="utf-8")
        assert old in content, f"{old!r} not in {file_name}"
        path.write_text(content.replace(old, new, 1), encoding="utf-8")
        return path

    return replace


def test_the_seed_states_every_status_and_keeps_its_exact_figures() -> None:
    result = rectify_check(ROOT / "data")
    assert result.returncode == 0, result.stderr
    assert "整改完成率：84.2%" in result.stdout
    assert "通报未写明" not in result.stdout
    assert SEED_ID in result.stdout


# --- 2. progress notices: the notice's own status wordings ------------------------------

WORDINGS = "shape-progress-wordings"


def test_a_wording_in_the_table_is_shown_with_its_status(site: Path) -> None:
    base = notice_dir(WORDINGS)
    finding = text(site, f"{base}findings/responsibility/index.html")
    assert "整改状态：基本完成（持续整改）（通报原文写作“阶段性完成”）" in finding
    rows = page(site, f"{base}findings/index.html").select("article table tbody tr")
    assert [row.select("td")[3].get_text(strip=True) for row in rows] == [
        "已完成",
        "基本完成（持续整改）",
        "已完成",
        "通报未写明",
    ]


def test_an_unknown_wording_is_kept_as_written_and_never_mapped(site: Path) -> None:
    finding = text(site, f"{notice_dir(WORDINGS)}findings/canteen/index.html")
    assert "整改状态：通报未写明（通报原文写作“持续巩固”；这种写法不在整改状态对照表中，没有换算成整改状态）" in finding
    data = json.loads((site / f"{notice_dir(WORDINGS)}notice.json").read_text(encoding="utf-8"))
    canteen = data["categories"][1]["findings"][1]
    assert (canteen["status"], canteen["status_text"]) == (None, "持续巩固")


def test_check_lists_the_wordings_it_did_not_map() -> None:
    result = rectify_check(SHAPES)
    assert "整改状态的写法不在对照表中、没有换算（网站照原文显示）：问题4“食堂管理不严”：持续巩固" in result.stdout


def test_the_notice_text_keeps_the_status_lines_as_written(site: Path) -> None:
    notice = text(site, f"{notice_dir(WORDINGS)}notice/index.html")
    assert "2.担当意识不够强整改状态：阶段性完成。一是明确牵头科室" in notice
    assert "4.食堂管理不严整改状态：持续巩固。一是" in notice


def test_the_wording_table_is_on_the_data_format_page(site: Path) -> None:
    rows = page(site, "format/index.html").select("div.status-wordings table tbody tr")
    table = {row.select("td")[0].get_text(): row.select("td")[1].get_text() for row in rows}
    assert table["阶段性完成"] == "基本完成（持续整改）"
    assert table["完成"] == "已完成"
    assert table["持续推进"] == "长期整改"
    assert table["已销号"] == "已完成"
    assert "持续巩固" not in table


# --- 3. three levels: sub-problems keep their own measures -----------------------------

LEVELS = "shape-three-levels"


def test_sub_problems_keep_their_own_measures_on_the_finding_page(site: Path) -> None:
    finding = text(site, f"{notice_dir(LEVELS)}findings/subsidies/index.html")
    assert (
        "各小问题的整改情况（1）关于“补贴发放不及时”的问题。一是建立补贴发放台账，逐月核对发放进度。"
        "二是对延迟发放的补贴全部补发到位。（2）关于“补贴对象审核不严”的问题。"
        "整改状态：基本完成（持续整改）（通报原文写作“阶段性完成”）一是修订补贴对象审核办法"
    ) in finding
    headings = [h.get_text() for h in page(site, f"{notice_dir(LEVELS)}findings/subsidies/index.html").select("h3")]
    assert headings[:2] == ["（1）关于“补贴发放不及时”的问题。", "（2）关于“补贴对象审核不严”的问题。"]


def test_sub_problems_are_in_the_notice_text_and_the_print(site: Path) -> None:
    notice = text(site, f"{notice_dir(LEVELS)}notice/index.html")
    assert ("1.关于“惠农补贴政策落实不到位”问题的整改。（1）关于“补贴发放不及时”的问题。一是建立补贴发放台账") in notice
    assert "（2）关于“补贴对象审核不严”的问题。整改状态：阶段性完成。一是修订补贴对象审核办法" in notice
    printed = text(site, f"{notice_dir(LEVELS)}print/index.html")
    assert "（2）关于“补贴对象审核不严”的问题。整改状态：基本完成（持续整改）" in printed


def test_sub_problems_are_in_the_open_data(site: Path) -> None:
    base = notice_dir(LEVELS)
    data = json.loads((site / f"{base}notice.json").read_text(encoding="utf-8"))
    subs = data["categories"][0]["findings"][0]["subproblems"]
    assert [(s["problem"], len(s["measures"]), s["status"]) for s in subs] == [
        ("补贴发放不及时", 2, None),
        ("补贴对象审核不严", 1, "基本完成（持续整改）"),
    ]
    rows = list(csv.DictReader(io.StringIO((site / f"{base}findings.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["整改措施"].splitlines()[0] == "（1）补贴发放不及时"


# --- 4. accountability and outcome figures ------------------------------------------------

ACCOUNTABILITY = "shape-accountability"


def test_figures_with_units_and_breakdowns_are_on_the_home_page(site: Path) -> None:
    home = page(site, f"{notice_dir(ACCOUNTABILITY)}index.html")
    heading = next(h for h in home.select("article h2") if h.get_text() == "通报写明的数字")
    items = [" ".join(li.get_text().split()) for li in heading.find_next("ul").select("li")]
    assert items == [
        "整改措施：86条",
        "制度：98项",
        "党纪处分：120人（党内警告72人，严重警告34人，撤销党内职务14人）",
        "诫勉：21人",
        "追缴资金：7.132万元",
    ]


def test_figures_with_units_fill_the_text_and_are_in_the_open_data(site: Path) -> None:
    base = notice_dir(ACCOUNTABILITY)
    notice = text(site, f"{base}notice/index.html")
    assert "给予党纪处分120人，诫勉21人，追缴资金7.132万元。" in notice
    data = json.loads((site / f"{base}notice.json").read_text(encoding="utf-8"))
    by_name = {f["name"]: f for f in data["stated_figures"]}
    assert by_name["追缴资金"] == {"name": "追缴资金", "value": "7.132", "unit": "万元", "breakdown": []}
    assert [(p["name"], p["value"]) for p in by_name["党纪处分"]["breakdown"]] == [
        ("党内警告", "72"),
        ("严重警告", "34"),
        ("撤销党内职务", "14"),
    ]
    assert data["figures"]["党纪处分"] == 120


def test_the_seed_shows_no_section_of_stated_figures(built_site: Path) -> None:
    assert "通报写明的数字" not in (built_site / "index.html").read_text(encoding="utf-8")


# --- 5. no inspection dates, no findings: narrative only ------------------------------------

NARRATIVE = "shape-narrative-only"


def test_absent_inspection_dates_are_shown_as_unstated(site: Path) -> None:
    home = text(site, f"{notice_dir(NARRATIVE)}index.html")
    assert "省委第二巡视组进行巡视的日期通报未写明，反馈意见的日期通报未写明；通报于2025年1月10日印发。" in home
    data = json.loads((site / f"{notice_dir(NARRATIVE)}notice.json").read_text(encoding="utf-8"))
    assert data["inspection"] == {
        "kind": "巡视",
        "team": "省委第二巡视组",
        "start": None,
        "end": None,
        "feedback": None,
        "round": None,  # no round stated: none made up
    }


def test_a_notice_of_narrative_only_builds_and_says_so(site: Path) -> None:
    base = notice_dir(NARRATIVE)
    home = text(site, f"{base}index.html")
    assert "通报没有逐个列出反馈的问题，整改情况见通报全文。" in home
    assert "通报写明（2025年1月10日）：问题总数25个，已完成19个。" in home
    assert "整改任务：72项" in home
    assert not page(site, f"{base}index.html").select("ul.figures, svg.chart")
    findings = page(site, f"{base}findings/index.html")
    assert not findings.select("article table, form.findings-filter")
    notice = text(site, f"{base}notice/index.html")
    assert "二、党组织主要负责人履行整改第一责任人责任情况市委书记一是带头研究部署" in notice
    assert (
        "（二）强化组织领导，以严密的责任体系抓整改。成立巡视整改工作领导小组，将反馈问题细化为72项整改任务。" in notice
    )


def test_every_shape_reads_back_from_its_open_data(site: Path) -> None:
    from rectify.data.load import load_site
    from rectify.site.opendata import notice_from_json

    for notice in load_site(SHAPES):
        published = (site / f"{notice_dir(notice.id)}notice.json").read_text(encoding="utf-8")
        assert notice_from_json(published) == notice


def test_a_notice_without_findings_is_not_counted_as_zero_on_the_site_home(site: Path) -> None:
    home = page(site, "index.html")
    row = next(r for r in home.select("article table tbody tr") if "中共示例市委员会" in r.get_text())
    assert [td.get_text() for td in row.select("td")[4:]] == ["未逐个列出问题", "—", "—"]
    assert "中共示例市委员会：未逐个列出问题" in home.select_one("#chart-notices-desc").get_text()


def test_a_progress_step_keeps_its_wording(site: Path) -> None:
    finding = text(site, f"{notice_dir(LEVELS)}findings/land/index.html")
    assert "整改状态：正在整改（通报原文写作“正在推进”）" in finding
    assert "2025年3月1日，正在整改（通报原文写作“正在推进”）：已完成全县耕地保护专项检查" in finding
    assert "通报印发时（2024年11月28日）的整改状态：通报未写明" in finding
    printed = text(site, f"{notice_dir(LEVELS)}print/index.html")
    assert "2025年3月1日，正在整改（通报原文写作“正在推进”）：已完成全县耕地保护专项检查" in printed


def test_a_progress_wording_that_disagrees_is_an_error(
    shapes_copy: Callable[[str, str, str, str], Path], tmp_path: Path
) -> None:
    shapes_copy(LEVELS, "findings.yml", "            status_text: 正在推进\n", "            status_text: 完成\n")
    result = rectify_check(tmp_path / "data")
    assert result.returncode == 1
    assert (
        "progress[1].status）：整改状态写的是“正在整改”，但 status_text“完成”按整改状态对照表对应“已完成”"
        in result.stderr
    )
