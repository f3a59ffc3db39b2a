"""The site's entry point: every generated page (``site_pages``), the open data files
(``data_files``), the pages earlier versions published elsewhere (``moved_pages``, ``redirect_page``)
and the navigation (``nav``). Pure: no MkDocs, no files. ``pages/`` writes each page; ``paths`` says
where each one lives.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from rectify.data.chinese import chinese_number
from rectify.data.history import has_history, history, site_history
from rectify.data.model import Notice, all_evidence
from rectify.data.schema import SCHEMA_DIR

from .markup import html
from .opendata import (
    CATEGORY_COLUMNS,
    NOTICE_COLUMNS,
    STATUS_COLUMNS,
    UNIT_COLUMNS,
    category_rows,
    findings_csv,
    history_csv,
    notice_json,
    notice_rows,
    status_rows,
    table_csv,
    unit_rows,
)
from .pages.about import accessibility_page, contact_page
from .pages.findings import category_page, finding_page, findings_page
from .pages.home import home_page, notice_list_pages, progress_pages, site_history_shown, site_home_page
from .pages.notice import notice_page, print_page
from .pages.rounds import round_pages
from .paths import (
    ACCESSIBILITY,
    FEED,
    HOME,
    HOME_NOTICES,
    LIST_NOTICES,
    NOTICE_LIST,
    NOTICES_CSV,
    PROGRESS_CSV,
    ROOT_PATHS,
    SCHEMAS,
    Site,
    round_csv,
)
from .policy import policy_elements

# What the adapter (hooks/rectify_hooks.py), the tests and the benchmark import from here; the URL
# plan's names are re-exported from ``paths`` so that they need not know how the site is cut up.
__all__ = [
    "FEED",
    "HOME",
    "HOME_NOTICES",
    "LIST_NOTICES",
    "SCHEMAS",
    "Moved",
    "Site",
    "data_files",
    "moved_pages",
    "nav",
    "redirect_page",
    "site_pages",
    "static_files",
]


def site_pages(
    notices: Sequence[Notice], only: Collection[str] | None = None, built: date | None = None
) -> dict[str, str]:
    """Every generated Markdown page of the site: source path → Markdown. With ``only`` (notice IDs),
    the site's own pages and only those notices' pages (``rectify serve`` after an edit); ``built``
    instead of the build date (tests)."""
    site = Site(tuple(notices)) if built is None else Site(tuple(notices), built)
    pages = {ACCESSIBILITY: accessibility_page(site)}
    if site.single:
        # The site's home shows its one notice's summary; the notice's own home is under its ID.
        pages[HOME] = home_page(site, site.notices[0], at=HOME)
    else:
        pages[HOME] = site_home_page(site)
    if site.listed:
        pages.update(notice_list_pages(site))
    pages.update(progress_pages(site))
    pages.update(round_pages(site))
    for notice in site.notices:
        if only is not None and notice.id not in only:
            continue
        paths = site.paths(notice)
        pages[paths.home] = home_page(site, notice)
        pages[paths.notice] = notice_page(site, notice)
        pages[paths.findings] = findings_page(site, notice)
        pages[paths.contact] = contact_page(site, notice)
        pages[paths.print] = print_page(site, notice)
        for category in notice.categories:
            pages[paths.category(category)] = category_page(site, notice, category)
        for finding in notice.findings:
            pages[paths.finding(finding)] = finding_page(site, notice, finding)
    return pages


def data_files(
    notices: Sequence[Notice], root_notice: str | None = None, only: Collection[str] | None = None
) -> dict[str, str]:
    """Open data for every notice (or the notices ``only`` names): the model as JSON and the findings
    as CSV; the files of ``root_notice`` also where the single-notice layout published them (the site root)."""
    site = Site(tuple(notices))
    files = {}
    if site_history_shown(site):
        files[PROGRESS_CSV] = history_csv(site_history(site.notices))
    if not site.single:
        files[NOTICES_CSV] = table_csv(NOTICE_COLUMNS, notice_rows(site.newest_first))
    for rnd in site.rounds:
        files[round_csv(rnd)] = table_csv(UNIT_COLUMNS, unit_rows(rnd, site.built))
    for notice in site.notices:
        if only is not None and notice.id not in only:
            continue
        paths = site.paths(notice)
        files[paths.json] = notice_json(notice)
        files[paths.csv] = findings_csv(notice)
        if has_history(notice):
            files[paths.progress_csv] = history_csv(history(notice))
        # The data of the notice home's other charts (pages.home): statuses, categories.
        if notice.tally.total:
            files[paths.status_csv] = table_csv(STATUS_COLUMNS, status_rows(notice.tally))
        if notice.categories:
            files[paths.categories_csv] = table_csv(CATEGORY_COLUMNS, category_rows(notice))
        if notice.id == root_notice:
            files[ROOT_PATHS.json] = files[paths.json]
            files[ROOT_PATHS.csv] = files[paths.csv]
    return files


def static_files(notices: Sequence[Notice], data_dir: Path) -> dict[str, Path]:
    """Files published as they are: path on the site → the file. The JSON Schemas, and each notice's
    evidence files (``<id>/evidence/…`` in ``data_dir`` and on the site alike)."""
    site = Site(tuple(notices))
    files = {path: SCHEMA_DIR / PurePosixPath(path).name for path in SCHEMAS}
    for notice in site.notices:
        for e in (e for f in notice.findings for e in all_evidence(f) if e.file):
            files[site.paths(notice).base + e.file] = data_dir / notice.id / e.file
    return files


@dataclass(frozen=True)
class Moved:
    """A page that earlier versions published elsewhere: its new source path and title."""

    target: str
    title: str


def moved_pages(notices: Sequence[Notice], root_notice: str) -> dict[str, Moved]:
    """The pages the single-notice layout put at the site root (``notice.md``, ``findings/<id>.md``,
    …) → where ``root_notice``'s pages are now. The site home (``index.md``) stays where it was."""
    site = Site(tuple(notices))
    notice = site.notice(root_notice)
    new = site.paths(notice)
    moved = {
        ROOT_PATHS.notice: Moved(new.notice, notice.title),
        ROOT_PATHS.findings: Moved(new.findings, "问题清单"),
        ROOT_PATHS.contact: Moved(new.contact, "联系方式"),
        ROOT_PATHS.print: Moved(new.print, f"{notice.title}（打印全文）"),
    }
    for category in notice.categories:
        label = f"（{chinese_number(category.number)}）{category.short}"
        moved[ROOT_PATHS.category(category)] = Moved(new.category(category), label)
    for finding in notice.findings:
        moved[ROOT_PATHS.finding(finding)] = Moved(new.finding(finding), f"问题{finding.number}：{finding.short}")
    return moved


def redirect_page(title: str, href: str, canonical: str) -> str:
    """A small page that sends readers (and search engines) on to a page's new URL."""
    return (
        "<!doctype html>\n"
        '<html lang="zh-CN">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"{policy_elements([])}\n"
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{html(title)}（本页已迁移）</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{html(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={html(href)}">\n'
        "</head>\n"
        "<body>\n"
        f'<p>本页已迁移到新网址：<a href="{html(href)}">{html(title)}</a>。</p>\n'
        "</body>\n"
        "</html>\n"
    )


def nav(notices: Sequence[Notice]) -> list[dict[str, object]]:
    """The site navigation for MkDocs' ``nav`` setting.

    One notice: all its pages. Several: only the site's own pages, so that a
    page's size does not grow with the number of notices; each notice's pages
    carry their own menu.
    """
    site = Site(tuple(notices))
    if not site.single:
        listed = [{"全部通报": NOTICE_LIST}] if site.listed else []
        return [{"首页": HOME}, *listed, {"无障碍声明": ACCESSIBILITY}]
    (notice,) = site.notices
    paths = site.paths(notice)
    # MkDocs themes insert nav titles as HTML, so data text is escaped here.
    categories = [{html(f"（{chinese_number(c.number)}）{c.short}"): paths.category(c)} for c in notice.categories]
    return [
        {"首页": HOME},
        {"整改情况通报": paths.notice},
        {"问题清单": [{"全部问题": paths.findings}, *categories]},
        {"联系方式": paths.contact},
        {"无障碍声明": ACCESSIBILITY},
    ]
