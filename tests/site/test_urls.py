"""Cool URLs: a page published once keeps its URL when notices are added.

Every page of a notice lives under ``<notice-id>/``; the site's own pages keep their names.
The URLs of the single-notice layout of earlier versions (``notice/``, ``findings/<id>/``, …)
stay as redirect pages to the pages' new URLs.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BIN, DATA, ROOT, SEED_ID, is_redirect, mkdocs_build
from synthetic import write_data

MORE = 20


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with 20 more notices beside it, built."""
    data = tmp_path_factory.mktemp("grown-data")
    shutil.copytree(DATA, data, dirs_exist_ok=True)
    write_data(data, MORE, findings=2)
    site = tmp_path_factory.mktemp("grown-site")
    result = mkdocs_build(site, data)
    assert result.returncode == 0, result.stderr
    return site


def _soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def _file(site: Path, url: str) -> Path:
    """The file served for a site-relative URL (``notice/``, ``notice.json``)."""
    return site / url / "index.html" if url == "" or url.endswith("/") else site / url


def _url(site: Path, file: Path) -> str:
    relative = file.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def _refresh_target(site: Path, file: Path) -> str:
    """The site-relative URL a redirect page sends to."""
    content = str(_soup(file).find("meta", attrs={"http-equiv": "refresh"})["content"])
    href = content.split("url=", 1)[1]
    return posixpath.normpath(posixpath.join(posixpath.dirname(_url(site, file)), href)) + "/"


def _identity(site: Path, url: str) -> tuple[str, str]:
    """The page a URL leads to (after a redirect): its title and its h1."""
    file = _file(site, url)
    if is_redirect(file):
        file = _file(site, _refresh_target(site, file))
        assert not is_redirect(file), f"{url}: redirects to another redirect"
    soup = _soup(file)
    title = soup.title.get_text() if soup.title else ""
    h1 = soup.find("h1")
    return title, " ".join(h1.get_text().split()) if h1 else ""


def _every_file(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_every_url_of_one_notice_survives_twenty_more(built_site: Path, grown: Path) -> None:
    """Built from the seed alone, then with 20 more notices: every URL still leads to the same page."""
    first = _every_file(built_site)
    later = set(_every_file(grown))
    assert [path for path in first if path not in later] == []
    pages = [path for path in first if path.endswith(".html") and path != "404.html"]
    assert len(pages) == 31 + 27  # 31 pages, 27 redirects of the single-notice layout
    changed = []
    for path in pages:
        url = path.removesuffix("index.html")
        before, after = _identity(built_site, url), _identity(grown, url)
        # The site's home stays the site's home (its title); what it lists grows with the site.
        if (before[0], before[1] if url else "") != (after[0], after[1] if url else ""):
            changed.append(f"{url or '/'}: {before} → {after}")
    assert changed == []
    # The old single-notice URL of the open data still serves the seed notice's data.
    assert (grown / "notice.json").read_bytes() == (built_site / "notice.json").read_bytes()
    assert json.loads((grown / "notice.json").read_text(encoding="utf-8"))["id"] == SEED_ID


def test_notice_pages_live_under_the_notice_id(built_site: Path) -> None:
    for url in (
        "",
        "notice/",
        "findings/",
        "findings/idle-flats/",
        "contact/",
        "print/",
        "categories/clean-governance/",
    ):
        file = _file(built_site / SEED_ID, url)
        assert file.is_file() and not is_redirect(file), url
    home = _soup(_file(built_site, ""))
    assert home.title is not None and home.title.get_text().startswith("首页")
    # The site's home summarises the one notice and links into its pages.
    assert home.select_one(f'article a[href="{SEED_ID}/notice/"]') is not None


OLD_URLS = ["notice/", "findings/", "contact/", "print/", "findings/idle-flats/", "categories/clean-governance/"]


@pytest.mark.parametrize("old", OLD_URLS)
def test_old_single_notice_urls_redirect_to_the_new_place(built_site: Path, old: str) -> None:
    file = _file(built_site, old)
    soup = _soup(file)
    new = f"{SEED_ID}/{old}"
    assert _refresh_target(built_site, file) == new
    link = soup.find("a")
    canonical = soup.find("link", rel="canonical")
    refresh = str(soup.find("meta", attrs={"http-equiv": "refresh"})["content"])
    assert link is not None and canonical is not None
    assert refresh == f"0; url={link['href']}" and canonical["href"] == link["href"]
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None
    assert soup.html is not None and soup.html.get("lang") == "zh-CN"
    # The reader sees where the page went, by its title.
    target_title = _identity(built_site, new)[0].split(" - ")[0]
    assert target_title in link.get_text() and "本页已迁移" in soup.get_text()


def test_redirects_are_neither_searched_nor_in_the_sitemap(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {doc["location"].split("#")[0] for doc in docs}
    for old in OLD_URLS:
        assert f"/{old}<" not in sitemap.replace(f"/{SEED_ID}/", "/NEW/"), old
        assert old not in locations, old
        assert f"{SEED_ID}/{old}" in locations or old == "print/", old


def test_redirects_use_the_absolute_canonical_url_when_site_url_is_set(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(site, env={"RECTIFY_SITE_URL": "https://www.example.gov.cn/xszg/"})
    assert result.returncode == 0, result.stderr
    canonical = _soup(site / "notice" / "index.html").find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == f"https://www.example.gov.cn/xszg/{SEED_ID}/notice/"
    # The site's home of one notice repeats that notice's home, which is the canonical page.
    home = _soup(site / "index.html").find("link", rel="canonical")
    assert home is not None and home["href"] == f"https://www.example.gov.cn/xszg/{SEED_ID}/"
    own = _soup(site / SEED_ID / "index.html").find("link", rel="canonical")
    assert own is not None and own["href"] == f"https://www.example.gov.cn/xszg/{SEED_ID}/"


def test_no_redirects_for_a_site_that_never_had_the_single_notice_layout(tmp_path: Path) -> None:
    """``extra.rectify_root_notice`` names a notice that is not in the data: no old URLs to keep."""
    data = tmp_path / "data"
    shutil.copytree(DATA / SEED_ID, data / "other-2017")
    site = tmp_path / "site"
    result = mkdocs_build(site, data)
    assert result.returncode == 0, result.stderr
    assert "rectify_root_notice" in result.stderr
    assert not (site / "notice").exists() and not (site / "notice.json").exists()
    assert (site / "other-2017" / "notice" / "index.html").is_file()


@pytest.mark.parametrize("name", ["notice", "findings", "notices", "progress", "schema", "assets"])
def test_notice_ids_that_would_collide_with_site_urls_are_refused(tmp_path: Path, name: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA / SEED_ID, data / name)
    result = subprocess.run(
        [str(BIN / "rectify"), "check", str(data)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert f"文件夹名 {name} 是网站保留的网址名称" in result.stderr
    assert "Traceback" not in result.stderr


def test_rectify_new_refuses_a_reserved_notice_id(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "rectify"), "new", str(tmp_path / "data" / "contact")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "文件夹名 contact 是网站保留的网址名称" in result.stderr
    assert not (tmp_path / "data" / "contact").exists()
