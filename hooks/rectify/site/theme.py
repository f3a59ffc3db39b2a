"""Changes to the pages Material renders, made as each is written (the adapter's ``on_post_page``).

Material's search is a dialog without a name (Lighthouse's aria-dialog-name, an axe best practice); it
gets the name its field and button already have. tests/site/test_accessibility.py runs axe's
best-practice rules, so a Material that writes the dialog otherwise fails there.
"""

from __future__ import annotations

import re

from .policy import with_policy

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索">'


def name_search_dialog(html: str) -> str:
    return html.replace(_SEARCH_DIALOG, _NAMED_SEARCH_DIALOG, 1)


# Markdown (md_in_html) wraps a table's <caption> in a paragraph: it knows no such block. A browser would
# then move both out of the table (pages.rounds writes tables with captions).
_CAPTION_IN_PARAGRAPH = re.compile(r"<p>(<caption>[^<]*</caption>)</p>")


def free_captions(html: str) -> str:
    return _CAPTION_IN_PARAGRAPH.sub(r"\1", html) if "<p><caption>" in html else html


def finished_page(html: str, content: str = "", preview: bool = False) -> str:
    """A page as written: its search dialog named, its table captions in their tables, and its
    Content-Security-Policy (not in the preview, whose live reload writes a new inline script into
    each page for each request)."""
    html = free_captions(name_search_dialog(html))
    return html if preview else with_policy(html, content)
