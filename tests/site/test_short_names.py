"""``short`` is optional: without it every page names a problem by its full text and a category by
its full title, wrapped (charts, menus, tables, titles), never cut with “…”."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import DATA, SEED_ID, mkdocs_build
from rectify.data.load import load_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("no-shorts") / "data"
    shutil.copytree(DATA, data)
    findings = data / SEED_ID / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(re.sub(r"(?m)^ *short: .*\n", "", text), encoding="utf-8")
    out = tmp_path_factory.mktemp("no-shorts-site")
    result = mkdocs_build(out, data)
    assert result.returncode == 0, result.stderr
    return out


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / SEED_ID / path).read_text(encoding="utf-8"), "html.parser")


def test_a_finding_without_short_is_titled_by_its_full_problem(site: Path) -> None:
    (notice,) = load_site(DATA)
    finding = next(f for f in notice.findings if f.id == "joint-meeting")
    page = soup(site, "findings/joint-meeting/index.html")
    heading = page.select_one("article h1")
    assert heading is not None
    assert heading.get_text(strip=True) == f"问题{finding.number}：{finding.problem}"
    listed = [a.get_text(strip=True) for a in soup(site, "findings/index.html").select("article table a")]
    assert finding.problem in listed


def test_chart_labels_wrap_the_full_category_title(site: Path) -> None:
    (notice,) = load_site(DATA)
    labels = soup(site, "index.html").select("#chart-categories-title ~ text[text-anchor='end']")
    shown = ["".join(span.get_text() for span in label.find_all("tspan")) for label in labels]
    expected = [f"（{n}）{c.title}" for n, c in zip("一二三四", notice.categories, strict=False) if c.findings]
    assert shown == expected
    assert max(len(label.find_all("tspan")) for label in labels) > 1  # a long title takes several lines


def test_no_page_cuts_a_name_with_an_ellipsis(site: Path) -> None:
    for page in (site / SEED_ID).rglob("*.html"):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in html.select("article svg text, nav a, article table a, article h1, title"):
            assert "…" not in element.get_text(), (page, element)
