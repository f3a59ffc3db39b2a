"""rectify.site.shards: which notices a shard builds, which files a part of the site leaves unwritten,
and that it knows every page a notice has (tests/cli/test_shards.py builds a site both ways)."""

from __future__ import annotations

import pytest
from conftest import DATA, ROOT, SEED_ID
from rectify.data.load import load_site
from rectify.data.model import Notice
from rectify.site.paths import Site
from rectify.site.render import site_pages
from rectify.site.shards import Part, notice_pages, part_pages, shard_key, shard_keys

ROUND = ROOT / "examples" / "round-2024"


@pytest.fixture(scope="module")
def notices() -> list[Notice]:
    return [*load_site(DATA), *load_site(ROUND)]


def test_a_notice_is_in_the_shard_of_its_year(notices: list[Notice]) -> None:
    assert {n.id: shard_key(n) for n in notices} == {
        SEED_ID: "2017",
        "demo-county-finance-2024": "2024",
        "demo-county-finance-2025": "2025",
        "demo-county-school-2024": "2024",
    }
    assert shard_keys(notices) == ["2017", "2024", "2025"]


def test_the_shards_know_every_page_the_site_writes(notices: list[Notice]) -> None:
    """A page kind added to render.site_pages and not to notice_pages would be missing from a shard's links."""
    site = Site(tuple(notices))
    own = site_pages(notices, only=())
    per_notice = [path for notice in notices for path in notice_pages(site, notice)]
    assert len(per_notice) == len(set(per_notice))
    assert set(site_pages(notices)) == set(own) | set(per_notice)


def test_a_shard_writes_its_notices_pages_and_knows_the_others(notices: list[Notice]) -> None:
    part = Part("2024", {n.id: shard_key(n) for n in notices})
    pages = part_pages(notices, part)
    whole = site_pages(notices)
    assert set(pages) == set(whole)
    written = {path for path, text in pages.items() if text}
    assert pages["demo-county-school-2024/index.md"] == whole["demo-county-school-2024/index.md"]
    assert not any(path.startswith((f"{SEED_ID}/", "demo-county-finance-2025/")) for path in written)


@pytest.mark.parametrize(
    ("key", "path", "page", "omitted"),
    [
        ("2024", "demo-county-school-2024/notice.md", True, False),
        ("2024", "demo-county-school-2024/evidence/plan.pdf", False, False),
        ("2024", "demo-county-finance-2025/notice.md", True, True),
        ("2024", f"{SEED_ID}/notice.json", False, True),
        ("2024", "index.md", True, True),  # the join writes the site's own pages
        ("2024", "format.md", True, True),
        ("2024", "assets/rectify.css", False, False),  # the theme's files: the search fixes patch them
        (None, "index.md", True, False),
        (None, "notices/index.md", True, False),
        (None, "feed.xml", False, False),
        (None, "notice/index.html", False, False),  # the redirects of the old single-notice URLs
        (None, "demo-county-school-2024/notice.md", True, True),
        (None, f"{SEED_ID}/findings.csv", False, True),
    ],
)
def test_what_a_part_leaves_unwritten(
    notices: list[Notice], key: str | None, path: str, page: bool, omitted: bool
) -> None:
    assert Part(key, {n.id: shard_key(n) for n in notices}).omits(path, page) is omitted
