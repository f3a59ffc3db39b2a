"""Turning data into safe page text: escaping, Chinese numerals and dates.

Every string that comes from data reaches a page through ``md`` (Markdown
context) or ``html`` (inside raw HTML); nothing else inserts data text.
"""

from __future__ import annotations

import html as _html
import re
from datetime import date

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
