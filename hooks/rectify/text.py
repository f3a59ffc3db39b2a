"""Turning data into safe page text: escaping, Chinese numerals and dates.

Every string that comes from data reaches a page through ``md`` (Markdown
context) or ``html`` (inside raw HTML); nothing else inserts data text.
"""

from __future__ import annotations

import html as _html
import logging
import re
from datetime import date
from functools import cache

import jieba

jieba.setLogLevel(logging.WARNING)

# The characters Python-Markdown (with the tables extension) lets a backslash escape.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_DIGITS = "〇一二三四五六七八九"


def html(text: str) -> str:
    """Text shown literally inside raw HTML (elements and attribute values)."""
    return _html.escape(text, quote=True)


def md(text: str) -> str:
    """Text shown literally in Markdown: no markup, links or HTML take effect."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", _html.escape(text, quote=False))


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (1 ≤ n < 100)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def chinese_date(day: date) -> str:
    """2017-03-27 → 2017年3月27日, as dates are written in official prose."""
    return f"{day.year}年{day.month}月{day.day}日"


def md_words(text: str) -> str:
    """Like ``md``, with line breaks allowed only between words (``<wbr>``).

    With ``word-break: keep-all`` a long title then wraps between words, never
    inside one, and ``text-wrap: balance`` evens the lines.
    """
    return "<wbr>".join(md(word) for word in _words().cut(text, HMM=False))


@cache
def _words() -> jieba.Tokenizer:
    # Our own tokenizer: the global one also carries the search dictionary,
    # and a page must not depend on what else ran in the process.
    return jieba.Tokenizer()
