"""404.html under a portal column: its links work only when the build knows the column's address.

A server shows 404.html at any depth of the site, so its links cannot be relative; MkDocs writes them
from site_url's path, or from the domain root without one (under /xszg/ the page was unstyled and its
links led to the portal's root). A build without site_url says so and what to set.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import mkdocs_build

COLUMN = "https://www.example.gov.cn/xszg/"


def _links(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = [str(e.get("href") or e.get("src")) for e in soup.select("[href], [src]")]
    return [link for link in links if not link.startswith(("#", "http:", "https:", "mailto:", "tel:", "data:"))]


def test_with_site_url_404_links_stay_in_the_column(tmp_path: Path) -> None:
    result = mkdocs_build(tmp_path / "site", env={"RECTIFY_SITE_URL": COLUMN})
    assert result.returncode == 0, result.stderr
    links = _links(tmp_path / "site" / "404.html")
    assert links and all(link.startswith("/xszg/") for link in links), links
    assert "404.html" not in result.stderr


def test_without_site_url_the_build_says_what_to_set(tmp_path: Path) -> None:
    result = mkdocs_build(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    links = _links(tmp_path / "site" / "404.html")
    assert any(link.startswith("/assets/") for link in links), links  # from the domain root
    note = next(line for line in result.stderr.splitlines() if "404.html" in line)
    assert "site_url" in note and "栏目" in note and "页面不存在" in note
