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
from rectify.site.options import Build, BuildOptions, OptionInvalid
from rectify.site.policy import OFFLINE_BOOT, offline_shim
from rectify.site.reference import fill_markers
from rectify.site.render import FEED, HOME, moved_pages, nav, redirect_page, static_files
from rectify.site.search.material_patches import patch_built_site
from rectify.site.search.terms import dictionary_file
from rectify.site.segmentation import memoize_segmentation, share_dictionary
from rectify.site.shards import part_data, part_pages
from rectify.site.theme import finished_page

# Where the offline bundle gets the iframe-worker shim (rectify.site.policy.offline_shim) and what it loads.
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"
BOOT_TARGET = "assets/javascripts/workers/iframe-worker-boot.js"

_serving = False  # mkdocs serve or rectify serve (on_startup, once, before any build)
_build: Build | None = None  # the build under way, set up by on_config; the other events read it
log = logging.getLogger("mkdocs.hooks.rectify")


def _current() -> Build:
    assert _build is not None, "on_config sets up the build first"
    return _build


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
    global _build
    mkdocs_yml = Path(config.config_file_path)
    try:
        options = BuildOptions.read(config.extra, os.environ, mkdocs_yml.name)
        data_dir = options.data_dir(mkdocs_yml.parent)
        _build = build = Build(options, data_dir, load_site(data_dir), _serving)
    except DataInvalid as invalid:
        raise PluginError(invalid.report()) from None
    except OptionInvalid as invalid:
        raise PluginError(str(invalid)) from None
    notices = build.notices
    for remark in (remark for notice in notices for remark in notice.remarks):
        log.info(f"{REMARKS_HEADING}：{remark}")  # INFO: a signed text builds under --strict
    if absent := build.root_notice_absent():
        log.info(absent)
    # Generated pages first, then the hand-written pages that mkdocs.yml lists.
    config.nav = nav(notices) + list(config.nav or [])
    share_dictionary()
    search = config.plugins.get("material/search")
    if search is not None:
        memoize_segmentation()
        if not search.config.jieba_dict_user:  # a jieba user dictionary from the data
            search.config.jieba_dict_user = str(dictionary_file(notices))
    if _offline(config):
        config.extra["polyfills"] = [SHIM_TARGET]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current()
    root_notice = build.root_notice
    generated = {**part_pages(build.notices, build.part), **part_data(build.notices, root_notice, build.part)}
    for path, content in generated.items():
        if files.get_file_from_path(path):
            raise PluginError(f"docs/{path} 与自动生成的页面重名；关于通报的页面都由 data/ 生成，请删除这个文件")
        files.append(File.generated(config, path, content=content))
    for path, source in static_files(build.notices, build.data_dir).items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    files.append(File.generated(config, FEED, content=_feed(files, config)))
    # The offline bundle is a copy of its own: no earlier links lead into it.
    if root_notice and not _offline(config):
        _add_redirects(files, config, build.notices, root_notice)
    if _offline(config):
        files.append(File.generated(config, SHIM_TARGET, content=offline_shim()))
        files.append(File.generated(config, BOOT_TARGET, abs_src_path=str(OFFLINE_BOOT)))
    for file in (f for f in files if build.part and build.part.omits(f.src_uri, f.is_documentation_page())):
        file.inclusion = InclusionLevel.EXCLUDED  # known to MkDocs (links to it hold), not written
    return files


def _add_redirects(files: Files, config: MkDocsConfig, notices: list[Notice], root_notice: str) -> None:
    """Keep each URL of the single-notice layout as a redirect page to the page's new URL.

    Written as plain HTML files: MkDocs copies them, and neither the search index nor the
    sitemap lists them."""
    for old, moved in moved_pages(notices, root_notice).items():
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
    site = _current().site
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
        site.built,
    )
    return atom_feed(config.site_name, url(HOME), urljoin(config.site_url or "", FEED), items)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = fill_markers(markdown)
    notices = _current().notices
    if page.file.src_uri == HOME and page.canonical_url and len(notices) == 1:
        # The site's home repeats its one notice's home: search engines are sent to that one.
        own = files.get_file_from_path(_current().site.paths(notices[0]).home)
        assert own is not None
        page.canonical_url = urljoin(config.site_url, own.url)
    return markdown


# Last, when the page is final: the policy hashes the theme's inline scripts as they are.
@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return finished_page(output, page.content or "", preview=_current().serving)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html; not sitemap.xml
    if not template_name.endswith(".html"):
        return output_content
    return finished_page(output_content, preview=_current().serving)


def on_post_build(config: MkDocsConfig) -> None:
    if not config.plugins.get("material/search"):
        return
    # Before the offline plugin (priority -100) copies the index into search_index.js.
    # A part's index stays whole: the join (rectify.output.shards) splits the whole site's.
    build = _current()
    whole = [] if build.part else [notice.id for notice in build.notices]
    for failed in patch_built_site(Path(config.site_dir), whole):
        log.warning(failed)
