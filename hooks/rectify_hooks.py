"""MkDocs adapter: turns MkDocs events into calls of the pure rectify layers.

Only this module knows about MkDocs. It reads the data inside events (so that
``mkdocs serve`` picks up edits) and reports data errors as a build error
whose message names file, line and field.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from rectify.data.errors import REMARKS_HEADING, DataInvalid
from rectify.data.load import load_site
from rectify.data.model import Notice
from rectify.site.feed import NO_SITE_URL, atom_feed, entries
from rectify.site.policy import OFFLINE_BOOT, offline_shim
from rectify.site.reference import fill_markers
from rectify.site.render import FEED, HOME, Site, moved_pages, nav, redirect_page, static_files
from rectify.site.search.material_patches import patch_built_site
from rectify.site.search.terms import dictionary_file
from rectify.site.segmentation import memoize_segmentation, share_dictionary
from rectify.site.shards import Part, current_part, part_data, part_pages
from rectify.site.theme import finished_page

# Where the offline bundle gets the iframe-worker shim (rectify.site.policy.offline_shim) and what it loads.
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"
BOOT_TARGET = "assets/javascripts/workers/iframe-worker-boot.js"

_notices: list[Notice] = []
_part: Part | None = None  # a build of one part of the site (rectify site --shard/--join)
# The preview (mkdocs serve, rectify serve) writes its live reload into each page as an inline script,
# anew for each request: its pages carry no Content-Security-Policy.
_serving = False
log = logging.getLogger("mkdocs.hooks.rectify")


def data_dir(config: MkDocsConfig) -> Path:
    """``RECTIFY_DATA``, else ``extra.rectify_data``, else ``data/`` beside mkdocs.yml."""
    configured = os.environ.get("RECTIFY_DATA") or config.extra.get("rectify_data", "data")
    return Path(config.config_file_path).parent / configured


def _root_notice(config: MkDocsConfig) -> str | None:
    """``extra.rectify_root_notice``: the notice whose pages earlier versions published at the
    site root; their old URLs become redirects. ``None`` when not set or not in this data."""
    root_notice = config.extra.get("rectify_root_notice")
    if not root_notice:
        return None
    if all(notice.id != root_notice for notice in _notices):
        # INFO, not an error: the same mkdocs.yml also builds other data (RECTIFY_DATA).
        log.info(
            f"mkdocs.yml 中 extra.rectify_root_notice 写的通报 {root_notice} 不在本次的数据中，不生成旧网址的跳转页"
        )
        return None
    return str(root_notice)


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


# Before the theme's plugins: search reads its jieba dictionary and offline
# its polyfills in their own on_config.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _notices, _part
    try:
        _notices = load_site(data_dir(config))
    except DataInvalid as invalid:
        raise PluginError(invalid.report()) from None
    _part = current_part(_notices)
    for remark in (remark for notice in _notices for remark in notice.remarks):
        log.info(f"{REMARKS_HEADING}：{remark}")  # INFO: a signed text builds under --strict
    # Generated pages first, then the hand-written pages that mkdocs.yml lists.
    config.nav = nav(_notices) + list(config.nav or [])
    share_dictionary()
    if config.plugins.get("material/search"):
        memoize_segmentation()
    search = config.plugins.get("material/search")
    if search is not None and not search.config.jieba_dict_user:  # a jieba user dictionary from the data
        search.config.jieba_dict_user = str(dictionary_file(_notices))
    if _offline(config):
        config.extra["polyfills"] = [SHIM_TARGET]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = part_pages(_notices, _part)
    root_notice = _root_notice(config)
    generated = {**pages, **part_data(_notices, root_notice, _part)}
    for path, content in generated.items():
        if files.get_file_from_path(path):
            raise PluginError(f"docs/{path} 与自动生成的页面重名；关于通报的页面都由 data/ 生成，请删除这个文件")
        files.append(File.generated(config, path, content=content))
    for path, source in static_files(_notices, data_dir(config)).items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    files.append(File.generated(config, FEED, content=_feed(files, config)))
    # The offline bundle is a copy of its own: no earlier links lead into it.
    if root_notice and not _offline(config):
        _add_redirects(files, config, root_notice)
    if _offline(config):
        files.append(File.generated(config, SHIM_TARGET, content=offline_shim()))
        files.append(File.generated(config, BOOT_TARGET, abs_src_path=str(OFFLINE_BOOT)))
    for file in (f for f in files if _part and _part.omits(f.src_uri, f.is_documentation_page())):
        file.inclusion = InclusionLevel.EXCLUDED  # known to MkDocs (links to it hold), not written
    return files


def _add_redirects(files: Files, config: MkDocsConfig, root_notice: str) -> None:
    """Keep each URL of the single-notice layout as a redirect page to the page's new URL.

    Written as plain HTML files: MkDocs copies them, and neither the search index nor the
    sitemap lists them."""
    for old, moved in moved_pages(_notices, root_notice).items():
        target = files.get_file_from_path(moved.target)
        assert target is not None
        # Where MkDocs would have written the page ``old`` (``notice/index.html``, or ``notice.html``).
        place = File.generated(config, old, content="")
        if files.get_file_from_path(place.dest_uri):
            raise PluginError(f"docs/{place.dest_uri} 与旧网址的跳转页重名；请删除这个文件")
        href = get_relative_url(target.url, place.url)
        canonical = urljoin(config.site_url, target.url) if config.site_url else href
        files.append(File.generated(config, place.dest_uri, content=redirect_page(moved.title, href, canonical)))


def _feed(files: Files, config: MkDocsConfig) -> str:
    """The Atom feed, with links as absolute as ``site_url`` allows."""
    site = Site(tuple(_notices))
    if not config.site_url:
        log.info(NO_SITE_URL)

    def url(path: str) -> str:
        file = files.get_file_from_path(path)
        assert file is not None
        return urljoin(config.site_url or "", file.url)

    items = entries(
        site.notices,
        lambda notice: url(site.paths(notice).notice),
        lambda notice, finding: url(site.paths(notice).finding(finding)),
    )
    return atom_feed(config.site_name, url(HOME), urljoin(config.site_url or "", FEED), items)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = fill_markers(markdown)
    if page.file.src_uri == HOME and page.canonical_url and len(_notices) == 1:
        # The site's home repeats its one notice's home: search engines are sent to that one.
        own = files.get_file_from_path(Site(tuple(_notices)).paths(_notices[0]).home)
        assert own is not None
        page.canonical_url = urljoin(config.site_url, own.url)
    return markdown


# Last, when the page is final: the policy hashes the theme's inline scripts as they are.
@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return finished_page(output, page.content or "", preview=_serving)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html; not sitemap.xml
    return finished_page(output_content, preview=_serving) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    if not config.plugins.get("material/search"):
        return
    # Before the offline plugin (priority -100) copies the index into search_index.js.
    # A part's index stays whole: the join (rectify.output.shards) splits the whole site's.
    for failed in patch_built_site(Path(config.site_dir), [] if _part else [notice.id for notice in _notices]):
        log.warning(failed)
