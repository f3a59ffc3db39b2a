"""MkDocs adapter: turns MkDocs events into calls of the pure rectify layers.

Only this module knows about MkDocs. It reads the data inside events (so that
``mkdocs serve`` picks up edits) and reports data errors as a build error
whose message names file, line and field.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from rectify.errors import DataInvalid
from rectify.load import load_site
from rectify.model import Notice
from rectify.reference import SCHEMA_MARKER, schema_reference
from rectify.render import nav, site_pages

_notice: Notice | None = None

# Material's search runs jieba for Chinese; its start-up chatter is not for users.
logging.getLogger("jieba").setLevel(logging.WARNING)


def data_dir(config: MkDocsConfig) -> Path:
    """``RECTIFY_DATA``, else ``extra.rectify_data``, else ``data/`` beside mkdocs.yml."""
    configured = os.environ.get("RECTIFY_DATA") or config.extra.get("rectify_data", "data")
    return Path(config.config_file_path).parent / configured


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _notice
    try:
        notices = load_site(data_dir(config))
    except DataInvalid as invalid:
        raise PluginError(invalid.report()) from None
    if len(notices) != 1:
        raise PluginError(f"目前一个网站只能发布一份通报，数据文件夹里有 {len(notices)} 份")
    _notice = notices[0]
    # Generated pages first, then the hand-written pages that mkdocs.yml lists.
    config.nav = nav(_notice) + list(config.nav or [])
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _notice is not None
    for path, content in site_pages(_notice).items():
        if files.get_file_from_path(path):
            raise PluginError(f"docs/{path} 与自动生成的页面重名；关于通报的页面都由 data/ 生成，请删除这个文件")
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if SCHEMA_MARKER in markdown:
        markdown = markdown.replace(SCHEMA_MARKER, schema_reference())
    return markdown
