"""The patterns several steps recognise, at the bottom of the importer: Chinese numbers and dates,
the numbering of headings (一、 （一） 1. （1） 反馈问题一：), the keys of a contact block (联系电话：…),
and how a finding is headed (针对“…”问题) or states its status (整改状态：…).

Each step's own patterns stay in its module; what is here is read by more than one step.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from rectify.data.chinese import DIGITS, NUMERALS

_CN_DIGITS = {**{ch: value for value, ch in enumerate(DIGITS)}, "○": 0, "零": 0}
_ONE_TO_NINE = DIGITS[1:]


def cn_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 2017 → 2017, 二〇一七 → 2017."""
    text = unicodedata.normalize("NFKC", text)
    if text.isdigit():
        return int(text)
    if text and all(ch in _CN_DIGITS for ch in text) and len(text) > 2:
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    try:
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    except KeyError:
        return None


DATE = re.compile(
    rf"(?P<y>\d{{4}}|[○零{DIGITS}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|十[一二]?|[{_ONE_TO_NINE}])\s*月\s*"
    rf"(?P<d>\d{{1,2}}|[一二三]?十[{_ONE_TO_NINE}]?|[{_ONE_TO_NINE}])\s*日"
)
_ISO_DATE = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")


def parse_date(text: str) -> date | None:
    """The first date in ``text``: 2017年3月27日, 二〇一七年三月二十七日 or 2017-03-27."""
    text = unicodedata.normalize("NFKC", text)
    for pattern in (DATE, _ISO_DATE):
        match = pattern.search(text)
        if match:
            y, m, d = (cn_int(match.group(k)) for k in ("y", "m", "d"))
            try:
                return date(y, m, d) if y and m and d else None
            except ValueError:
                return None
    return None


# -- numbering

# 反馈问题一：关于 “…” 的问题。 — a problem heading numbered in words, with 1. items under it.
FEEDBACK_LABEL = re.compile(rf"^反馈问题[{NUMERALS}]{{1,3}}\s*[:：]\s*")
_LABELS = (
    (1, re.compile(rf"^([{NUMERALS}]{{1,3}})\s*[、，,．.]\s*")),
    (2, re.compile(rf"^[（(]\s*([{NUMERALS}]{{1,3}})\s*[）)]\s*[、，,．.]?\s*")),
    (3, re.compile(r"^([0-9０-９]{1,3})\s*[、，,．.](?![0-9０-９])\s*")),
    (4, re.compile(r"^(?:[（(]\s*([0-9０-９]{1,3})\s*[）)]|([①-⑳]))\s*[、，,．.]?\s*")),
    (3, FEEDBACK_LABEL),
)


def split_label(text: str) -> tuple[int, str, str]:
    """(rank, label, rest) for 一、 (1), （一） (2), 1. and 反馈问题一： (3), （1） (4); rank 0 if unnumbered."""
    for rank, pattern in _LABELS:
        match = pattern.match(text)
        if match and match.end() < len(text):
            return rank, text[: match.end()].strip(), text[match.end() :].strip()
    return 0, "", text


# -- the contact block

CONTACT_KEY = re.compile(
    r"(联系电话|举报电话|监督电话|咨询电话|电话|手机|传真|邮政信箱|通信地址|通讯地址|来信地址|邮寄地址|信访地址|地址|"
    r"邮政编码|邮编|电子邮箱|电子信箱|电子邮件|邮箱|E-?mail|网址|网站)\s*[:：]",
    re.IGNORECASE,
)
PHONE_KEYS = ("联系电话", "举报电话", "监督电话", "咨询电话", "电话", "手机")
ADDRESS_KEYS = ("邮政信箱", "通信地址", "通讯地址", "来信地址", "邮寄地址", "信访地址", "地址")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"[0-9][0-9 ()+-]{4,30}[0-9]")


# -- a finding's heading and stated status

QUOTED_LEAD = re.compile(r"^(?P<pre>(?:针对|針對|关于|關于|關於|关於|对于|對於|对|對|就|在)?\s*)(?P<q>[“\"「『‘])")
STATUS_NOTE = re.compile(
    r"(?:整改状态|完成情况|整改进度|整改进展|整改结果|状态)\s*[:：]\s*"
    r"(?P<v>[已未尚基本阶段性正在长期持续整改完成办结到位中推进坚持]{2,12}(?:[（(][^）)\n]{1,20}[）)])?)"
    r"(?=$|[。；;，,）)\s])"
)


def is_finding_lead(text: str) -> bool:
    """Headed by its quoted problem: 针对“…”问题, 关于“…”问题的整改情况, 在“…”方面."""
    return bool(QUOTED_LEAD.match(text))


def heading_only(text: str) -> bool:
    """A heading alone on its line: short, no sentence in it (政治理论学习不扎实, 在学懂弄通做实上下功夫)."""
    return len(text) <= 40 and not re.search(r"[。；;！!？?]", text)
