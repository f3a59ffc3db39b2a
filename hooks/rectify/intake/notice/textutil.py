"""Text helpers every step uses: Chinese numbers, sentences, cleaning, short names, dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from rectify.data.chinese import DIGITS

_CN_DIGITS = {**{ch: value for value, ch in enumerate(DIGITS)}, "○": 0, "零": 0}
_ONE_TO_NINE = DIGITS[1:]
_OPENERS = "“‘「『《（(【〔"
_CLOSERS = "”’」』》）)】〕"
_ENDS = "。！？!?"


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


def _depths(text: str) -> list[int]:
    """Nesting depth in quotes and brackets before each character."""
    depth, ascii_open, result = 0, False, []
    for ch in text:
        result.append(depth + ascii_open)
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif ch == '"':
            ascii_open = not ascii_open
    return result


def _is_end(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _ENDS:
        return True
    # A half-width full stop after Chinese text, not inside a number or an address.
    return ch == "." and i > 0 and is_cjk(text[i - 1]) and (i + 1 == len(text) or not text[i + 1].isascii())


def sentences(text: str) -> list[str]:
    """Split at sentence ends outside quotes and brackets; each piece keeps its end mark."""
    out, start, depths = [], 0, _depths(text)
    for i in range(len(text)):
        if depths[i] == 0 and _is_end(text, i):
            end = i + 1
            while end < len(text) and text[end] in "”’」』）)":
                end += 1
            if end > start and (i + 1 == len(text) or text[i + 1] not in _ENDS):
                out.append(text[start:end])
                start = end
    if text[start:].strip():
        out.append(text[start:])
    return [s for s in (piece.strip() for piece in out) if s]


def first_sentence(text: str, marks: str = _ENDS) -> tuple[str, str]:
    """(the first sentence with its end mark, the rest); the whole text if there is no end."""
    depths = _depths(text)
    for i, ch in enumerate(text):
        if depths[i] == 0 and (ch in marks or (ch == "." and _is_end(text, i))) and i + 1 < len(text):
            return text[: i + 1].strip(), text[i + 1 :].strip()
    return text.strip(), ""


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# Characters the data files refuse (see source.py) and zero-width ones: never part of the text.
INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    r"\ufeff\ufffe\uffff\ud800-\udfff\u00ad\u115f\u1160\u180e\u3164\uffa0]"
)


def clean(text: str) -> str:
    text = INVISIBLE.sub("", text.replace("\u00a0", " ").replace("\t", " "))
    text = text.replace("{", "｛").replace("}", "｝")  # braces would be read as {名称} placeholders
    return text.strip(" \t\r\n\u3000")


_WEAK_CLAUSE = re.compile(r"^(近年来|近几年来?|目前|此外|同时|其中|另外|一些|部分|有的)$|^\d{4}年.{0,10}$|^.{1,3}$")
_PROBLEM_WORDS = re.compile(
    r"不|未|没有|违规|违反|闲置|缺失|流于|滞后|薄弱|不足|过高|过大|突出|风险|坐收坐支|超标|超编|弱化|淡化|虚化|缺位|偏"
)


def short_title(text: str, limit: int = 16) -> str | None:
    """A short name for tables: the first telling clause of the text, whole; ``None`` when no
    clause is short enough (a name is never cut: pages then show the text in full)."""
    plain = re.sub(r"[“”‘’\"']", "", text)
    clauses = [c.strip() for c in re.split(r"[，,。；;：:！？!?]", plain) if c.strip()]
    if not clauses:
        return None
    strong = [c for c in clauses if not _WEAK_CLAUSE.match(c)] or clauses
    clause = next((c for c in strong if _PROBLEM_WORDS.search(c)), strong[0])
    clause = re.sub(r"^(存在|已经|已|并且|而且|还|均|都)", "", clause)
    trimmed = re.sub(r"(的|等)?问题$", "", clause)
    clause = trimmed if len(trimmed) >= 4 else clause
    return clause if len(clause) <= limit else None


def category_short(title: str) -> str | None:
    text = title.strip().rstrip("。.；;：:")
    quoted = re.search(r"[“\"「](.+)[”\"」]", text)
    if quoted:
        text = quoted.group(1)
    text = re.sub(r"^(关于|针对|对于)", "", text)
    aspect = re.match(r"^在(.+?)方面", text)
    if aspect:
        text = aspect.group(1)
    text = re.sub(r"(问题)?(的)?整改(落实)?情况$", "", text) or title
    return short_title(text, 14)


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
