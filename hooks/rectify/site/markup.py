"""Turning data into safe page text: escaping, and line breaks between words.

Every string that comes from data reaches a page through ``md`` (Markdown
context) or ``html`` (inside raw HTML); nothing else inserts data text.
"""

from __future__ import annotations

import html as _html

from .segmentation import words

# The characters Python-Markdown (with the tables extension) lets a backslash escape.
_MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|>"
# ``md`` in one pass: HTML's &, < and > as entities, then a backslash before every other
# special character (``>`` is an entity by then, and entities hold no special character).
_MD_TABLE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {c: "\\" + c for c in _MARKDOWN_SPECIALS if c != ">"}
)


def html(text: str) -> str:
    """Text shown literally inside raw HTML (elements and attribute values)."""
    return _html.escape(text, quote=True)


def md(text: str) -> str:
    """Text shown literally in Markdown: no markup, links or HTML take effect."""
    return text.translate(_MD_TABLE)


def md_words(text: str) -> str:
    """Like ``md``, with line breaks allowed only between words (``<wbr>``).

    With ``word-break: keep-all`` a long title then wraps between words, never
    inside one, and ``text-wrap: balance`` evens the lines.
    """
    return "<wbr>".join(md(word) for word in words(text))
