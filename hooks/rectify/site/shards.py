"""A site built in parts: one MkDocs build per shard (the notices of one year) and a small build that
joins them (``rectify site --shard KEY`` / ``--join``; ``rectify.output.shards`` merges the folders).

Every part loads all the data, so that a page links to a notice of another shard and states site-wide
facts exactly as a single build does. A part writes only its own pages: a shard the pages and data
of its notices (``<id>/``), the join the site's own pages and files (home, notice lists, feed, …).
The other pages are still known to MkDocs, as empty files it does not write (``omits``), so that
links to them are checked and written as in a single build. Pure: the adapter sets MkDocs' side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rectify.data.model import Notice

from .paths import Site
from .render import data_files, site_pages

# How ``rectify site`` tells the adapter which part to build (unset: the whole site; read in ``options``).
PART_VARIABLE = "RECTIFY_PART"
JOIN = "join"
SHARD_PREFIX = "shard:"


def shard_key(notice: Notice) -> str:
    """The shard a notice's pages are built in: the year of the notice's date. The one place that
    decides it (a round of inspections would do as well: every notice of a key builds together)."""
    return str(notice.signed.year)


def shard_keys(notices: Sequence[Notice]) -> list[str]:
    """The shards of a site, sorted."""
    return sorted({shard_key(notice) for notice in notices})


@dataclass(frozen=True)
class Part:
    """One build of a site in parts: the shard ``key`` (its notices' pages), or the join (``key`` None)."""

    key: str | None
    shards: dict[str, str]
    """Each notice's ID → its shard."""

    def builds(self, notice: Notice) -> bool:
        """Whether this part writes the notice's pages."""
        return self.key is not None and self.shards[notice.id] == self.key

    def omits(self, path: str, page: bool) -> bool:
        """Whether this part leaves the file at ``path`` (a page when ``page``) unwritten: a shard every
        page and file of other notices and the site's own pages; the join every notice's pages and files."""
        owner = self.shards.get(path.split("/", 1)[0]) if "/" in path else None
        if owner is None:
            return page and self.key is not None
        return owner != self.key


def notice_pages(site: Site, notice: Notice) -> list[str]:
    """The source paths of a notice's pages (``render.site_pages`` writes them; a test keeps the two alike)."""
    paths = site.paths(notice)
    fixed = [paths.home, paths.notice, paths.findings, paths.contact, paths.print]
    return fixed + [paths.category(c) for c in notice.categories] + [paths.finding(f) for f in notice.findings]


def part_pages(notices: Sequence[Notice], part: Part | None) -> dict[str, str]:
    """The generated pages a build writes (``render.site_pages``); the pages of a part's other notices
    are empty: MkDocs knows where they are, and does not write them."""
    if part is None:
        return site_pages(notices)
    site = Site(tuple(notices))
    pages = site_pages(notices, only=[n.id for n in notices if part.builds(n)])
    for notice in (n for n in notices if not part.builds(n)):
        pages.update(dict.fromkeys(notice_pages(site, notice), ""))
    return pages


def part_data(notices: Sequence[Notice], root_notice: str | None, part: Part | None) -> dict[str, str]:
    """The open data a build writes (``render.data_files``): a shard's notices', the join's own files
    (and those of the notice the site home shows, to which the home of a one-notice site links)."""
    if part is None:
        return data_files(notices, root_notice)
    if part.key is not None:
        return data_files(notices, root_notice, only=[n.id for n in notices if part.builds(n)])
    shown = [notices[0].id] if len(notices) == 1 else []
    return data_files(notices, root_notice, only=[*shown, *([root_notice] if root_notice else [])])
