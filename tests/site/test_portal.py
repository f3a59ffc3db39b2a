"""A portal column: the information index above the notice, dates on the finding pages, the feed.

Everything shown comes from notice.yml and findings.yml, never from the day of the build.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, SEED_ID, mkdocs_build

Edit = Callable[[str, str, str], Path]
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://www.example.gov.cn/xszg/"
PUBLICATION = "  date: 2017-03-27            # 原文未单独写明发布日期，这里按成文日期填写\n"


def _soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def _index(page: BeautifulSoup) -> dict[str, str]:
    """The information index as label → value, checking it stands above the title."""
    index = page.select_one("article dl.info-index")
    assert index is not None
    title = page.select_one("article h1")
    assert isinstance(title, Tag) and index in title.find_all_previous("dl")
    terms = [dt.get_text(strip=True) for dt in index.find_all("dt")]
    values = [dd.get_text(strip=True) for dd in index.find_all("dd")]
    assert len(terms) == len(values) and all(values), "no item is emitted empty"
    return dict(zip(terms, values, strict=True))


def test_notice_page_shows_the_information_index_of_the_seed(built_site: Path) -> None:
    shown = _index(_soup(built_site / SEED_ID / "notice" / "index.html"))
    # The seed states no 索引号, 文号 or 主题分类: they are left out, not filled in.
    assert shown == {"发布机构": "中共黑龙江省总工会党组", "成文日期": "2017年3月27日", "发布日期": "2017年3月27日"}


def test_information_index_shows_every_configured_item(edit: Edit, data_copy: Path, tmp_path: Path) -> None:
    edit(
        "notice.yml",
        "  date: 2017-03-27            # 原文未单独写明发布日期，这里按成文日期填写\n",
        "  date: 2017-03-29\n"
        "  index_no: 000014349/2017-00123\n"
        "  publisher: 中国共产党黑龙江省总工会党组\n"
        "  doc_no: 黑工党〔2017〕12号\n"
        "  subject: 综合政务/监察\n",
    )
    site = tmp_path / "site"
    result = mkdocs_build(site, data_copy)
    assert result.returncode == 0, result.stderr
    shown = _index(_soup(site / SEED_ID / "notice" / "index.html"))
    assert shown == {
        "索引号": "000014349/2017-00123",
        "主题分类": "综合政务/监察",
        "发布机构": "中国共产党黑龙江省总工会党组",
        "成文日期": "2017年3月27日",
        "文号": "黑工党〔2017〕12号",
        "发布日期": "2017年3月29日",
    }
    data = json.loads((site / SEED_ID / "notice.json").read_text(encoding="utf-8"))
    assert (data["index_no"], data["doc_no"], data["subject"]) == (
        "000014349/2017-00123",
        "黑工党〔2017〕12号",
        "综合政务/监察",
    )
    assert data["publisher"] == "中国共产党黑龙江省总工会党组" and data["published"] == "2017-03-29"
    format_page = _soup(site / "format" / "index.html").get_text()
    for field in ("publication.index_no", "publication.publisher", "publication.doc_no", "publication.subject"):
        assert field in format_page, field
    # Finding pages carry the notice's publication date.
    finding = _soup(site / SEED_ID / "findings" / "idle-flats" / "index.html").select_one("article")
    assert finding is not None and "发布日期：2017年3月29日" in finding.get_text()


def test_finding_pages_show_the_publication_and_the_update_date(built_site: Path, tmp_path: Path) -> None:
    seed = _soup(built_site / SEED_ID / "findings" / "idle-flats" / "index.html").select_one("article")
    assert seed is not None
    assert "发布日期：2017年3月27日" in seed.get_text() and "更新日期" not in seed.get_text()
    site = tmp_path / "site"
    result = mkdocs_build(site, ROOT / "examples" / "round-2024")
    assert result.returncode == 0, result.stderr
    base = site / "demo-county-finance-2024" / "findings"
    updated = _soup(base / "treasury-payments" / "index.html").select_one("article")
    assert updated is not None
    text = updated.get_text()
    # The newest of its progress entries (2024-12-15, 2025-03-10).
    assert "发布日期：2024年8月30日" in text and "更新日期：2025年3月10日" in text
    unchanged = _soup(base / "performance" / "index.html").select_one("article")
    assert unchanged is not None and "更新日期" not in unchanged.get_text()
    index = _index(_soup(site / "demo-county-finance-2024" / "notice" / "index.html"))
    assert index["索引号"] == "000000000/2024-00017" and index["文号"] == "示县财党〔2024〕5号"


def _links(feed: Path) -> list[str]:
    root = ET.fromstring(feed.read_text(encoding="utf-8"))
    return [str(link.get("href")) for link in root.iter(f"{ATOM}link")]


def test_feed_links_are_absolute_with_site_url(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(site, env={"RECTIFY_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    assert "site_url" not in result.stderr
    links = _links(site / "feed.xml")
    assert links and all(link.startswith(SITE_URL) for link in links), links
    assert f"{SITE_URL}{SEED_ID}/notice/" in links and f"{SITE_URL}feed.xml" in links


def test_build_without_site_url_says_feed_readers_need_it(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(site)  # --strict: the message is INFO, so make site still works
    assert result.returncode == 0, result.stderr
    assert "没有设置 site_url" in result.stderr and "订阅" in result.stderr
    assert "RECTIFY_SITE_URL" in result.stderr
    assert f"{SEED_ID}/notice/" in _links(site / "feed.xml")


@pytest.mark.parametrize("field", ["index_no", "doc_no", "subject", "publisher"])
def test_information_index_fields_are_text(edit: Edit, data_copy: Path, field: str) -> None:
    from rectify.data.errors import DataInvalid
    from rectify.data.load import load_site

    edit("notice.yml", PUBLICATION, f"{PUBLICATION}  {field}: 12\n")
    with pytest.raises(DataInvalid) as invalid:
        load_site(data_copy)
    report = invalid.value.report()
    assert f"publication.{field}" in report and "notice.yml" in report
