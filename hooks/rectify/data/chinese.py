"""Numbers and dates written the way official Chinese prose writes them; traditional characters read as simplified."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

DIGITS = "〇一二三四五六七八九"
"""The Chinese digits 〇 to 九, as a year is written digit by digit (二〇一七)."""
NUMERALS = DIGITS[1:] + "十"
"""The characters of the numbers 一 to 九十九 as headings and measures number them (一、 （十二） 二十三是)."""


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (1 ≤ n < 100)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


def chinese_date(day: date) -> str:
    """2017-03-27 → 2017年3月27日, as dates are written in official prose."""
    return f"{day.year}年{day.month}月{day.day}日"


_TRADITIONAL = Path(__file__).with_name("traditional.txt")
_QUOTES = {ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’"}
# A text is traditional when this share of its Chinese characters has a simplified form of its own;
# a simplified text has none, a traditional one some 20-30 %.
_TRADITIONAL_SHARE = 0.05
_CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def _simplified_of() -> dict[int, str]:
    pairs = (line for line in _TRADITIONAL.read_text(encoding="utf-8").splitlines() if line and line[0] != "#")
    return {ord(line[0]): line[1] for line in pairs}


def fold(text: str) -> str:
    """``text`` with each traditional character as its simplified form (關於「…」問題 → 关于“…”问题), to be
    read by patterns written in simplified characters; one character for one, so as long as ``text``."""
    return text.translate(_simplified_of()).translate(_QUOTES)


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (a Big5 file, a Hong Kong or Taiwan text)."""
    chinese = len(_CJK.findall(text))
    table = _simplified_of()
    return chinese > 0 and sum(1 for ch in text if ord(ch) in table) >= chinese * _TRADITIONAL_SHARE
