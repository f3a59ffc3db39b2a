"""Turn the text of a drafted notice into data: the content of notice.yml and findings.yml.

Pure: paragraphs in (``readers.py`` makes them from .txt and .docx files), YAML text and
remarks out; no MkDocs, no files. Nothing is lost: text that cannot be placed in a field is
kept as a narrative paragraph at its place, and every such place is listed as a remark with
its line. The steps:

1. drop website chrome (分享, 字号 大 中 小…) and read a disclosure header (索引号…) into
   the publication metadata;
2. find the title, the end of the notice (contact block, signature) and the body between;
3. build an outline of the body from its numbering (一、 → （一） → 1. → （1）, or heading
   levels from a .docx), find the level that holds the findings and map the outline to
   sections, parts, categories and findings;
4. read each finding (problem, form, measures, stated status), replace stated figures in
   narrative text with ``{名称}`` placeholders, and derive the statuses.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from math import log
from typing import Any

import yaml

from .model import COUNTED_FIGURES, RATE_FIGURE, STATUSES

FieldPath = tuple[str | int, ...]
DEFAULT_FORM = "针对“…”问题。"
DEFAULT_ADDRESS_LABEL = "通信地址"
MISSING = "（原文缺失，请补充）"
DONE, MOSTLY, IN_PROGRESS, LONG_TERM, NOT_DONE = STATUSES


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the source: a line of a .txt file, or a paragraph or table row of a .docx."""

    text: str
    line: int
    """Line in a .txt file; paragraph number (counting table rows) in a .docx."""
    level: int | None = None
    """Outline level of a .docx heading style without numbering: 0 title, 1 一、, 2 （一）, 3 1., 4 （1）."""


@dataclass(frozen=True)
class Remark:
    """Something the person importing should check, at a line of the source."""

    line: int | None
    message: str


class ImportFailed(Exception):
    """The text cannot be imported at all; the message says why, in Chinese."""


@dataclass
class Imported:
    notice: dict[str, Any]
    findings: dict[str, Any]
    remarks: list[Remark]
    set_aside: list[tuple[int, str]]
    """Source text that is not part of the notice page: website chrome, the disclosure header,
    the site and column lines, and per-finding status, person and deadline notes read into fields."""
    notice_yaml: str
    findings_yaml: str


# --- text helpers --------------------------------------------------------------------

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
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


def cn_numeral(n: int) -> str:
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else "零一二三四五六七八九"[tens] + "十")
    return head + ("零一二三四五六七八九"[ones] if ones else "")


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
    return ch == "." and i > 0 and _is_cjk(text[i - 1]) and (i + 1 == len(text) or not text[i + 1].isascii())


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


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# Characters the data files refuse (see source.py) and zero-width ones: never part of the text.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    r"\ufeff\ufffe\uffff\ud800-\udfff]"
)


def _clean(text: str) -> str:
    text = _INVISIBLE.sub("", text.replace("\u00a0", " ").replace("\t", " "))
    text = text.replace("{", "｛").replace("}", "｝")  # braces would be read as {名称} placeholders
    return text.strip(" \t\r\n\u3000")


_WEAK_CLAUSE = re.compile(r"^(近年来|近几年来?|目前|此外|同时|其中|另外|一些|部分|有的)$|^\d{4}年.{0,10}$|^.{1,3}$")
_PROBLEM_WORDS = re.compile(
    r"不|未|没有|违规|违反|闲置|缺失|流于|滞后|薄弱|不足|过高|过大|突出|风险|坐收坐支|超标|超编|弱化|淡化|虚化|缺位|偏"
)


def short_title(text: str, limit: int = 16) -> str:
    """A short name for tables: the first telling clause, cut at a 、 or with … if long."""
    plain = re.sub(r"[“”‘’\"']", "", text)
    clauses = [c.strip() for c in re.split(r"[，,。；;：:！？!?]", plain) if c.strip()]
    if not clauses:
        return text[:limit]
    strong = [c for c in clauses if not _WEAK_CLAUSE.match(c)] or clauses
    clause = next((c for c in strong if _PROBLEM_WORDS.search(c)), strong[0])
    clause = re.sub(r"^(存在|已经|已|并且|而且|还|均|都)", "", clause)
    trimmed = re.sub(r"(的|等)?问题$", "", clause)
    clause = trimmed if len(trimmed) >= 4 else clause
    if len(clause) <= limit:
        return clause
    tail = clause.rsplit("的", 1)[-1]
    if 4 <= len(tail) <= limit and "的" in clause:
        return tail
    cut = clause.rfind("、", 0, limit)
    return clause[:cut] if cut >= 6 else clause[: limit - 1] + "…"


def category_short(title: str) -> str:
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


# --- chrome, disclosure header, dates -----------------------------------------------

_CHROME_PAIR = re.compile(
    r"(发布日期|发布时间|日期|时间|来源|信息来源|作者|浏览量|浏览次数|浏览|点击数|点击量|点击|阅读量|阅读次数|阅读|访问量|"
    r"责任编辑|编辑|审核)\s*[:：]\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?|[^\s【】\[\]|｜]*)"
)
_CHROME_WORDS = {
    "分享",
    "分享到",
    "微信",
    "微博",
    "新浪微博",
    "腾讯微博",
    "QQ空间",
    "QQ",
    "朗读",
    "语音播报",
    "字号",
    "字体",
    "大",
    "中",
    "小",
    "默认",
    "打印",
    "打印本页",
    "打印本文",
    "关闭",
    "关闭窗口",
    "关闭本页",
    "返回顶部",
    "返回",
    "收藏",
    "视力保护色",
    "扫一扫",
    "【",
    "】",
    "[",
    "]",
    "|",
    "｜",
    "/",
    "：",
    ":",
}
_CHROME_LINE = re.compile(
    r"^(当前位置|您的位置|您现在的位置|所在位置|上一篇|下一篇|相关链接|扫一扫在手机(上)?打开).*"
    r"|^(网站)?首页\s*[>＞»›].*"
)


def chrome_values(text: str) -> dict[str, str] | None:
    """The key-value pairs of a line of website chrome, or None if the line is notice text."""
    if _CHROME_LINE.match(text):
        return {}
    values = {m.group(1): m.group(2) for m in _CHROME_PAIR.finditer(text)}
    rest = _CHROME_PAIR.sub(" ", text)
    tokens = [t for t in re.split(r"[\s【】\[\]|｜/·•]+", rest.replace("：", " ").replace(":", " ")) if t]
    if all(t in _CHROME_WORDS for t in tokens) and (values or tokens):
        if not values and len(tokens) == 1 and tokens[0] in ("大", "中", "小", "返回", "默认"):
            return None  # a lone character is more likely text than chrome
        return values
    return None


_HEADER_KEYS = (
    "索引号",
    "文件名称",
    "名称",
    "标题",
    "发布机构",
    "发文机关",
    "发布单位",
    "成文日期",
    "发布日期",
    "发文日期",
    "公开方式",
    "公开范围",
    "公开时限",
    "主题分类",
    "体裁分类",
    "组配分类",
    "服务对象分类",
    "分类",
    "文号",
    "发文字号",
    "有效性",
    "生效日期",
    "废止日期",
    "关键词",
    "主题词",
)
_HEADER_KEPT = "不是通报正文，已写在 notice.yml 中 publication 前的注释里"
_HEADER_USE = {
    "发布机构": "读入 publication.site（没有其他网站名称时），请核对",
    "发布日期": "读入 publication.date",
    "发文日期": "读入 publication.date",
    "成文日期": "用来核对落款日期",
}
_HEADER_PAIR = re.compile(r"(" + "|".join(_HEADER_KEYS) + r")\s*[:：]\s*")
_HEADER_KEY_ALONE = re.compile(r"^(" + "|".join(_HEADER_KEYS) + r")\s*[:：]?$")

_DATE = re.compile(
    r"(?P<y>\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日"
)
_ISO_DATE = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")


def parse_date(text: str) -> date | None:
    """The first date in ``text``: 2017年3月27日, 二〇一七年三月二十七日 or 2017-03-27."""
    text = unicodedata.normalize("NFKC", text)
    for pattern in (_DATE, _ISO_DATE):
        match = pattern.search(text)
        if match:
            y, m, d = (cn_int(match.group(k)) for k in ("y", "m", "d"))
            try:
                return date(y, m, d) if y and m and d else None
            except ValueError:
                return None
    return None


# --- numbering labels and the outline -------------------------------------------------

_LABELS = (
    (1, re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、，,．.]\s*")),
    (2, re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*[、，,．.]?\s*")),
    (3, re.compile(r"^([0-9０-９]{1,3})\s*[、，,．.](?![0-9０-９])\s*")),
    (4, re.compile(r"^(?:[（(]\s*([0-9０-９]{1,3})\s*[）)]|([①-⑳]))\s*[、，,．.]?\s*")),
)


def split_label(text: str) -> tuple[int, str, str]:
    """(rank, label, rest) for 一、 (1), （一） (2), 1. (3), （1） (4); rank 0 if unnumbered."""
    for rank, pattern in _LABELS:
        match = pattern.match(text)
        if match and match.end() < len(text):
            return rank, text[: match.end()].strip(), text[match.end() :].strip()
    return 0, "", text


@dataclass
class Line:
    text: str
    line: int


@dataclass
class Node:
    """An item of the outline: a numbered heading with the paragraphs and items under it."""

    rank: int
    label: str
    text: str
    line: int
    paras: list[Line] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def walk(self) -> Iterable[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def flat(self) -> list[Line]:
        """All text of this item and its sub-items, labels kept, in order."""
        out = [Line(self.label + self.text, self.line), *self.paras]
        for child in self.children:
            out += child.flat()
        return out


def outline(lines: list[tuple[Line, int | None]]) -> Node:
    """The body as a tree by numbering rank; unnumbered lines belong to the item before them."""
    root = Node(0, "", "", 0)
    stack = [root]
    for item, level in lines:
        rank, label, rest = split_label(item.text)
        if not rank and level:
            rank, rest = level, item.text
        if not rank:
            stack[-1].paras.append(item)
            continue
        node = Node(rank, label, rest, item.line)
        while stack[-1].rank >= rank:
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
    return root


# --- findings -----------------------------------------------------------------------

_QUOTED_LEAD = re.compile(r"^(?P<pre>(?:针对|关于|对于|对|就|在)?\s*)(?P<q>[“\"「『‘])")
_MATCHING = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"'}
_MEASURES_LABEL = re.compile(r"^(具体)?(整改情况|整改措施|整改落实情况|落实情况|整改成效|整改进展)\s*[:：]")
_MARKER = re.compile(r"(?:^|(?<=[。；;！!？?：:.]))\s*([一二三四五六七八九十]{1,3})是")
_STATUS_NOTE = re.compile(
    r"(?:整改状态|完成情况|整改进度|整改进展|整改结果|状态)\s*[:：]\s*"
    r"(?P<v>[已未尚基本阶段性正在长期持续整改完成办结到位中推进坚持]{2,12}(?:[（(][^）)\n]{1,20}[）)])?)"
    r"(?=$|[。；;，,）)\s])"
)
_STATUS_BRACKET = re.compile(
    r"[（(【\[]\s*(?P<v>已完成|完成整改|已整改|整改完成|已办结|正在整改|整改中|基本完成|阶段性完成|长期整改|持续整改|未完成)\s*[）)】\]]"
)
_PERSON_NOTE = re.compile(r"(?:整改责任人|责任人|责任领导|牵头领导)\s*[:：]\s*(?P<v>[^。；;，,）)\n]{1,30})")
_DEADLINE_NOTE = re.compile(r"(?:完成时限|整改时限|完成时间|整改期限|时限)\s*[:：]\s*(?P<v>[^。；;，,）)\n]{1,30})")


def status_of(wording: str) -> str | None:
    """The status for a stated wording: 完成 → 已完成, 阶段性完成 → 基本完成（持续整改）…"""
    w = wording.strip()
    if re.search(r"未完成|未整改|尚未", w):
        return NOT_DONE
    if re.search(r"基本完成|阶段性", w):
        return MOSTLY
    if "长期" in w:
        return LONG_TERM
    if re.search(r"正在|整改中|推进中|持续整改|进行中", w):
        return IN_PROGRESS
    if re.search(r"完成|办结|到位|已整改", w):
        return DONE
    return None


def is_finding_lead(text: str) -> bool:
    return bool(_QUOTED_LEAD.match(text))


@dataclass
class Finding:
    problem: str
    form: str
    measures: list[str]
    numbered: bool
    line: int
    status: str | None = None
    wording: str | None = None
    responsible: str | None = None
    deadline: str | None = None

    def append(self, text: str) -> None:
        self.measures[-1] = self.measures[-1] + text


def _close_quote(text: str, start: int) -> int:
    """Index of the quote closing the one at ``start`` (nested quotes allowed), or -1."""
    opener = text[start]
    closer = _MATCHING[opener]
    if opener == '"':
        for m in re.finditer('"', text[start + 1 :]):
            end = start + 1 + m.start()
            if re.match(r'"\s*(问题|方面|的问题|等问题|整改|[。，,：:；;.])', text[end:]):
                return end
        return text.find('"', start + 1)
    depth = 0
    for i in range(start, len(text)):
        if text[i] == opener:
            depth += 1
        elif text[i] == closer:
            depth -= 1
            if depth == 0:
                return i
    return -1


def split_lead(text: str) -> tuple[str, str, str]:
    """(problem, form, rest) from the sentence that introduces a finding."""
    quoted = _QUOTED_LEAD.match(text)
    if quoted:
        start = quoted.start("q")
        end = _close_quote(text, start)
        if end > start + 1 and re.match(r"\s*(问题|方面|的问题|等问题|整改|[。，,：:；;.！？!?]|$)", text[end + 1 :]):
            problem, after = text[start + 1 : end], text[end + 1 :]
            tail = re.match(r"^[^。：:，,；;！？!?]*[。：:，,；;！？!?]?", after)
            tail_text = tail.group(0) if tail and len(tail.group(0)) <= 20 else ""
            rest = after[len(tail_text) :]
            label = _MEASURES_LABEL.match(rest)
            if label:
                tail_text, rest = tail_text + label.group(0), rest[label.end() :]
            form = text[:start] + text[start] + "…" + text[end] + tail_text
            return problem.strip(), form, rest.strip()
    head, rest = first_sentence(text, "。：:")
    for pattern in (r"^(针对|关于|对于)(?P<p>.+?)(?P<t>(的|等)?问题.*)$", r"^(在)(?P<p>.+?)(?P<t>方面.*)$"):
        match = re.match(pattern, head)
        if match and len(match.group("t")) <= 20:
            return match.group("p"), match.group(1) + "…" + match.group("t"), rest
    end = len(head.rstrip("。：:.，,"))
    return head[:end], "…" + head[end:], rest


def read_finding(node: Node, remarks: list[Remark], aside: list[tuple[int, str]]) -> Finding:
    """Problem, form, measures and stated status of one finding and the items under it."""
    lines = [Line(node.text, node.line), *node.paras]
    for child in node.children:
        lines += child.flat()
    notes: dict[str, str] = {}
    kept: list[Line] = []
    for item in lines:
        text = item.text
        for key, pattern in (
            ("status", _STATUS_NOTE),
            ("status", _STATUS_BRACKET),
            ("responsible", _PERSON_NOTE),
            ("deadline", _DEADLINE_NOTE),
        ):
            match = pattern.search(text)
            if not match or key in notes or (key == "status" and not status_of(match.group("v"))):
                continue
            notes[key] = match.group("v").strip()
            end = match.end()
            while pattern is not _STATUS_BRACKET and end < len(text) and text[end] in "。；;，, ":
                end += 1
            aside.append((item.line, text[match.start() : end]))
            text = re.sub(r"[（(]\s*[）)]$", "", (text[: match.start()] + text[end:]).strip())
        text = text.strip()
        if text:
            kept.append(Line(text, item.line))
    if not kept:
        kept = [Line(node.text, node.line)]
    problem, form, rest = split_lead(kept[0].text)
    if not problem:
        problem, form = kept[0].text, "…"
    body = ([Line(rest, kept[0].line)] if rest else []) + kept[1:]
    if body:
        label = _MEASURES_LABEL.match(body[0].text)
        if label:
            form += label.group(0)
            rest_text = body[0].text[label.end() :].strip()
            body = ([Line(rest_text, body[0].line)] if rest_text else []) + body[1:]
    measures, numbered = _measures(body, remarks)
    if not measures:
        remarks.append(Remark(node.line, f"问题“{short_title(problem)}”没有整改措施；findings.yml 中暂填“{MISSING}”"))
        measures = [MISSING]
    finding = Finding(problem, form, measures, numbered, node.line)
    if "status" in notes:
        finding.wording = notes["status"]
        finding.status = status_of(notes["status"])
    finding.responsible = notes.get("responsible")
    finding.deadline = notes.get("deadline")
    return finding


def _measures(body: list[Line], remarks: list[Remark]) -> tuple[list[str], bool]:
    """Measures as 一是…二是… (numbered) or as sentences; labelled items (（1）…) stay whole."""
    joined = "".join(item.text for item in body)
    starts: list[tuple[int, int]] = []  # (marker start, text start)
    for match in _MARKER.finditer(joined):
        if cn_int(match.group(1)) == len(starts) + 1:
            starts.append((match.start(1), match.end()))
    if starts and starts[0][0] == 0:
        bounds = [*starts, (len(joined), len(joined))]
        measures = [joined[start : bounds[i + 1][0]].strip() for i, (_, start) in enumerate(starts)]
        offset = 0
        markers = {marker for marker, _ in starts}
        for before, item in itertools.pairwise(body):
            offset += len(before.text)
            if offset not in markers and not re.match(r"\s*[一二三四五六七八九十]{1,3}是", item.text):
                remarks.append(Remark(item.line, "这一段前面没有“N是”，已并入上一条整改措施"))
        return [m for m in measures if m], True
    measures = []
    for item in body:
        if split_label(item.text)[0] or starts:
            measures.append(item.text)
        else:
            measures += sentences(item.text)
    return measures, False


# --- figures ------------------------------------------------------------------------

_N = r"(?<![\d.．])(?P<n>\d+)(?![\d.．])"
_RATE_N = r"(?<![\d.．])(?P<n>\d+(?:[.．]\d+)?\s*[%％])"
_SCOPES = ("边巡边改", "立行立改")
# (figure name, pattern, scoped) in priority order; scoped names get 边巡边改… in front.
_FIGURE_RULES: tuple[tuple[str, str, bool], ...] = (
    (RATE_FIGURE, r"(?:完成率|整改率)(?:为|达到|达|是)?\s*" + _RATE_N, True),
    ("办结率", r"办结率(?:为|达到|达|是)?\s*" + _RATE_N, False),
    ("意见建议", r"意见建议(?:共)?" + _N + r"(?:个|条)", False),
    ("意见建议", _N + r"(?:个|条)(?:整改)?意见建议", False),
    ("长期整改", r"长期(?:坚持)?整改(?:的)?(?:问题)?(?:共|有)?" + _N + "个", True),
    ("长期整改", _N + r"个(?:问题)?(?:需要?)?长期(?:坚持)?整改", True),
    ("基本完成", r"基本完成[^。；;，,\d]{0,20}?" + _N + "个", True),
    ("基本完成", r"阶段性(?:完成|成果)[^。；;\d]{0,16}?" + _N + "个", True),
    ("正在整改", r"正在(?:整改|推进)(?:中)?(?:的)?(?:问题)?" + _N + "个", True),
    ("正在整改", _N + r"个(?:问题)?正在(?:整改|推进)", True),
    ("未完成", r"(?<![基本])(?:尚)?未(?:完成|整改到位)(?:整改)?(?:的)?(?:问题)?" + _N + "个", True),
    ("未完成", _N + r"个(?:问题)?(?:尚)?未完成", True),
    ("已完成", r"(?<![未本])(?:已经?)?(?:完成|整改完成|整改到位)(?:整改)?(?:的)?(?:问题)?" + _N + "个", True),
    ("已完成", r"已(?:经)?整改(?:完成|到位)?(?:的)?(?:问题)?" + _N + "个", True),
    ("已完成", _N + r"个(?:问题)?(?:已经?)(?:完成整改|整改完成|整改到位|完成)", True),
    ("信访件", r"信访(?:件|举报件?)?(?:共)?" + _N + "件", False),
    ("信访件", _N + "件信访", False),
    ("已办结", r"(?:已)?办结" + _N + "件", False),
    ("问题线索", r"问题线索(?:共)?" + _N + "(?:件|条|个)", False),
    ("问题线索", _N + "(?:件|条)问题线索", False),
    ("问题总数", r"(?:反馈|指出|发现|交办|梳理|细化|分解)(?:出|了)?(?:的)?" + _N + r"(?:个|条|项)(?:具体)?问题", True),
    (
        "问题总数",
        r"(?:反馈|指出|发现|交办)(?:的|了)?(?:各类|具体)?问题(?:共|共计|合计)?(?:有)?" + _N + r"(?:个|条|项)",
        True,
    ),
    ("问题总数", r"共(?:有|计)?" + _N + r"个(?:具体)?问题", True),
    ("问题总数", r"问题[^。；;\d]{0,15}?共(?:有|计)?" + _N + "个", True),
    ("问题总数", r"问题(?:共|共计)?" + _N + "个", True),
    ("制度", _N + r"(?:项|个|件)(?:规章)?制度", False),
    ("制度", r"制度(?:共)?" + _N + r"(?:项|个|件)", False),
    ("审计单位", r"对[^。；;，,]{0,12}?" + _N + r"(?:个|家)[^。；;，,]{0,8}?单位[^。；;，,]{0,6}?审计", False),
)
# Discipline and money: read in measures too.
_DISCIPLINE_RULES: tuple[tuple[str, str, bool], ...] = (
    ("诫勉", r"诫勉(?:谈话)?(?:处理)?" + _N + "人", False),
    ("诫勉", _N + r"人[^。；;，,\d]{0,6}?诫勉", False),
    ("党纪政务处分", r"(?:党纪|政务|党纪政务|党政纪)处分" + _N + "人", False),
    ("党纪政务处分", _N + r"人[^。；;，,\d]{0,6}?(?:党纪|政务|党纪政务|党政纪)处分", False),
    ("组织处理", r"组织处理" + _N + "人", False),
    ("问责", r"问责" + _N + "人", False),
    ("立案", r"立案(?:审查调查|审查|调查)?" + _N + "(?:件|人|起)", False),
    ("谈话提醒", r"(?:约谈|谈话提醒|提醒谈话)" + _N + "人", False),
    ("追缴资金", r"追缴(?:违规|违纪)?(?:资金|款项|款)?" + _N + "万元", False),
    ("清退资金", r"清退(?:违规)?(?:资金|款项|款)?" + _N + "万元", False),
    ("挽回损失", r"挽回(?:经济)?损失" + _N + "万元", False),
)


class Figures:
    """Figures stated in the text, in order of appearance, and the places they were read."""

    def __init__(self, remarks: list[Remark]) -> None:
        self.values: dict[str, int | str] = {}
        self.lines: dict[str, int] = {}
        self.remarks = remarks

    def fill(self, text: str, line: int, rules: tuple[tuple[str, str, bool], ...]) -> str:
        """``text`` with each stated figure replaced by ``{名称}``."""
        taken: list[tuple[int, int, str]] = []
        for name, pattern, scoped in rules:
            for match in re.finditer(pattern, text):
                start, end = match.span("n")
                if any(s < end and start < e for s, e, _ in taken):
                    continue
                name_here = self._scoped(text, start, name) if scoped else self._pairing(text, start, name)
                taken.append((start, end, name_here))
        # Claimed in reading order, so that figures are listed as the text states them.
        claimed = [(start, end, self._claim(name, text[start:end], line)) for start, end, name in sorted(taken)]
        for start, end, name in reversed(claimed):
            text = text[:start] + "{" + name + "}" + text[end:]
        return text

    @staticmethod
    def _sentence_before(text: str, start: int) -> str:
        cut = max(text.rfind(mark, 0, start) for mark in "。；;")
        return text[cut + 1 : start]

    def _scoped(self, text: str, start: int, name: str) -> str:
        before = self._sentence_before(text, start)
        for scope in _SCOPES:
            if scope in before:
                return scope + ("问题" if name == "问题总数" else name)
        return name

    def _pairing(self, text: str, start: int, name: str) -> str:
        if name == "已办结" and "信访" in self._sentence_before(text, start):
            return "信访件已办结"
        return name

    def _claim(self, name: str, raw: str, line: int) -> str:
        raw = unicodedata.normalize("NFKC", raw).replace(" ", "")
        value: int | str = raw if raw.endswith("%") else int(raw)
        candidate, k = name, 1
        while candidate in self.values and self.values[candidate] != value:
            k += 1
            candidate = f"{name}{k}"
        if candidate != name and candidate not in self.values:
            self.remarks.append(
                Remark(
                    line,
                    f"正文另一处写明{name} {self.values[name]}，这里是 {value}；这一处记为 {{{candidate}}}，"
                    f"不与问题清单核对，请确认",
                )
            )
        self.values.setdefault(candidate, value)
        self.lines.setdefault(candidate, line)
        return candidate


# --- long-term items listed in the narrative ---------------------------------------

_LISTED_ITEM = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}是)?(?P<what>[^；;。：:]+?)[，,]\s*(?P<deadline>\d{4}年[^，,；;。]{0,8}?前)完成[，,]\s*"
    r"(?:整改)?责任人[:：]?\s*(?P<who>[\u4e00-\u9fff、]{2,12})"
)


def listed_long_term(text: str) -> list[tuple[str, str, str]]:
    """(what, deadline, person) of each long-term item a narrative paragraph lists."""
    if "长期" not in text:
        return []
    found = []
    for sentence in re.split(r"(?<=。)", text):
        if "长期" not in sentence or "责任人" not in sentence:
            continue
        _, _, listing = sentence.partition("：") if "：" in sentence else ("", "", sentence)
        for part in re.split(r"[；;]", listing):
            match = _LISTED_ITEM.search(part)
            if match:
                found.append((match.group("what").strip(), match.group("deadline"), match.group("who")))
    return found


def _bigrams(text: str) -> set[str]:
    chars = [ch for ch in text if _is_cjk(ch) or ch.isalnum()]
    return {a + b for a, b in itertools.pairwise(chars)}


def best_match(what: str, findings: list[Finding]) -> int | None:
    """The finding a short description names, by rare shared two-character pieces."""
    texts = [_bigrams(f.problem + "".join(f.measures)) for f in findings]
    counts = Counter(g for grams in texts for g in grams)
    wanted = _bigrams(what)
    scores = [sum(log(len(findings) / counts[g]) + 0.1 for g in wanted & grams) for grams in texts]
    if not scores or max(scores) <= 0:
        return None
    ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
    if len(ranked) > 1 and scores[ranked[1]] >= scores[ranked[0]] * 0.9:
        return None
    return ranked[0]


# --- the notice's parts -------------------------------------------------------------

_TITLE_END = re.compile(r"(通报|公告|通告|报告|情况)[）)]?$")
_ISSUER_END = re.compile(r"(党组|党委|委员会|支部|总支|工委|党工委|机关)$")
_CONTACT_KEY = re.compile(
    r"(联系电话|举报电话|监督电话|咨询电话|电话|手机|传真|邮政信箱|通信地址|通讯地址|来信地址|邮寄地址|信访地址|地址|"
    r"邮政编码|邮编|电子邮箱|电子信箱|电子邮件|邮箱|E-?mail|网址|网站)\s*[:：]",
    re.IGNORECASE,
)
_PHONE_KEYS = ("联系电话", "举报电话", "监督电话", "咨询电话", "电话", "手机")
_ADDRESS_KEYS = ("邮政信箱", "通信地址", "通讯地址", "来信地址", "邮寄地址", "信访地址", "地址")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"[0-9][0-9 ()+-]{4,30}[0-9]")
_SIGNATURE = re.compile(r"^(?P<signer>.*?)\s*[（(]?(?P<date>" + _DATE.pattern + r")[）)]?\s*[。.]?$")
_WELCOME = re.compile(r"欢迎.{0,30}监督")


@dataclass
class Part:
    heading: str
    paragraphs: list[Line]


@dataclass
class Section:
    heading: str
    line: int
    paragraphs: list[Line] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    holds_findings: bool = False
    made_up: bool = False


@dataclass
class Category:
    title: str
    line: int
    paragraphs: list[Line] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    made_up: bool = False


def _is_paragraph(text: str) -> bool:
    """A line of running text (not a title): a sentence end inside, long, or an opening like 根据…"""
    return bool(re.search(r"[。；;]", text.rstrip("。.")) or len(text) > 80 or re.match(r"^(根据|按照|依据)", text))


def _split_heading(text: str) -> tuple[str, str]:
    """A heading is its line's first sentence; what follows is the first paragraph."""
    return first_sentence(text)


class _Importer:
    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.remarks: list[Remark] = []
        self.aside: list[tuple[int, str]] = []
        self.figures = Figures(self.remarks)
        self.notes: dict[FieldPath, str] = {}
        self.header: dict[str, str] = {}
        self.pages: dict[str, str] = {}  # publication values from the website chrome
        self.lines = [(Line(_clean(p.text), p.line), p.level) for p in paragraphs if _clean(p.text)]
        for paragraph in paragraphs:
            hidden = len(_INVISIBLE.findall(paragraph.text))
            if hidden:
                self.remark(paragraph.line, f"删去了 {hidden} 个看不见的控制字符")
        if not self.lines:
            raise ImportFailed("文件里没有文字；应为整改情况通报的全文")
        self.sections: list[Section] = []
        self.categories: list[Category] = []
        self.intro: list[Line] = []
        self.findings_rank = 0
        self.last_line: int | None = None
        self.title = ""

    def remark(self, line: int | None, message: str) -> None:
        self.remarks.append(Remark(line, message))

    # -- step 1: chrome and the disclosure header

    def drop_chrome(self) -> None:
        kept = []
        for item, level in self.lines:
            values = chrome_values(item.text)
            if values is None:
                kept.append((item, level))
                continue
            self.aside.append((item.line, item.text))
            self.remark(item.line, f"网页上的“{item.text}”不是通报正文，已删去")
            for key in ("发布日期", "发布时间", "日期", "时间"):
                if key in values and parse_date(values[key]) and "date" not in self.pages:
                    self.pages["date"] = values[key]
            for key in ("来源", "信息来源"):
                if values.get(key) and "site" not in self.pages:
                    self.pages["site"] = values[key]
        self.lines = kept
        if not self.lines:
            raise ImportFailed("文件里只有网页上的按钮和栏目文字，没有通报正文")

    def read_header(self) -> None:
        kept: list[tuple[Line, int | None]] = []
        pending: str | None = None
        for index, (item, level) in enumerate(self.lines):
            if index > 40 or split_label(item.text)[0]:
                kept += self.lines[index:]
                break
            alone = _HEADER_KEY_ALONE.match(item.text)
            if pending:
                self.header[pending] = item.text
                self.aside.append((item.line, item.text))
                self.remark(item.line, f"公开信息“{pending}：{item.text}”{_HEADER_USE.get(pending, _HEADER_KEPT)}")
                pending = None
            elif alone:
                pending = alone.group(1)
                self.aside.append((item.line, item.text))
            elif _HEADER_PAIR.match(item.text):
                pairs = list(_HEADER_PAIR.finditer(item.text))
                for this, after in zip(pairs, [*pairs[1:], None], strict=False):
                    value = item.text[this.end() : after.start() if after else len(item.text)].strip()
                    self.header[this.group(1)] = value
                    use = _HEADER_USE.get(this.group(1), _HEADER_KEPT)
                    self.remark(item.line, f"公开信息“{this.group(1)}：{value}”{use}")
                self.aside.append((item.line, item.text))
            else:
                kept.append((item, level))
        self.lines = kept

    # -- step 2: title, end block

    def read_title(self) -> tuple[str, list[tuple[Line, int | None]]]:
        lines = self.lines
        end = None
        for index, (item, level) in enumerate(lines[:15]):
            if split_label(item.text)[0] or (level or 0) >= 1:
                break
            if level == 0 or (_TITLE_END.search(item.text) and "。" not in item.text and len(item.text) <= 80):
                end = index
                break
        if end is None:
            title = self.header.get("文件名称") or self.header.get("标题") or self.header.get("名称")
            if title:
                self.remark(lines[0][0].line, "正文中没有找到标题，按公开信息中的文件名称填写")
                return title, lines
            first = lines[0][0]
            if _is_paragraph(first.text):
                self.notes[("title",)] = "原文没有标题，请补充"
                self.remark(
                    first.line, "没有找到标题（通常以“通报”结尾），原文从正文开始；notice.yml 中标题留空，请补充"
                )
                return "", lines
            self.remark(first.line, "没有找到标题（通常以“通报”结尾），把第一行当作标题，请核对")
            return first.text, lines[1:]
        start = end
        title = lines[end][0].text
        while start > 0 and self._joins_title(lines[start - 1][0].text, title):
            start -= 1
            title = lines[start][0].text + title
        before = lines[:start]
        short = [item for item, _ in before if len(item.text) <= 30 and not re.search(r"[。，,]", item.text)]
        if len(short) == len(before) and before:
            if len(before) >= 2:
                column, site = before[-2][0], before[-1][0]
                self.pages.setdefault("column", column.text)
                self.aside.append((column.line, column.text))
                self.remark(column.line, f"标题前的“{column.text}”当作发布栏目（publication.column），请核对")
                before = before[:-2]
            else:
                site = before[-1][0]
                before = before[:-1]
            self.pages.setdefault("site_line", site.text)
            self.aside.append((site.line, site.text))
            self.remark(site.line, f"标题前的“{site.text}”当作发布网站（publication.site），请核对")
        for item, _ in before:
            self.intro.append(item)
            self.remark(item.line, "标题前的这段文字不知放在哪里，放在了导语开头")
        return title, lines[end + 1 :]

    @staticmethod
    def _joins_title(previous: str, title: str) -> bool:
        if "。" in previous or len(previous) > 40 or split_label(previous)[0]:
            return False
        return previous.endswith("关于") or ("关于" not in title and bool(_ISSUER_END.search(previous)))

    def split_end(
        self, body: list[tuple[Line, int | None]]
    ) -> tuple[list[tuple[Line, int | None]], list[Line], tuple[str, date, int] | None, list[Line]]:
        """(body, contact lines, (signer, date, line) of the signature, text after the signature)."""
        signature = None
        trailing: list[Line] = []
        for index in range(len(body) - 1, max(-1, len(body) - 9), -1):
            item = body[index][0]
            match = _SIGNATURE.match(item.text)
            if not match or len(match.group("signer")) > 40 or "。" in match.group("signer"):
                continue
            signed = parse_date(match.group("date"))
            if not signed:
                continue
            signer, first = match.group("signer").strip(), index
            if not signer and index > 0:
                previous = body[index - 1][0].text
                if len(previous) <= 40 and not re.search(r"[。：:]", previous) and not split_label(previous)[0]:
                    signer, first = previous, index - 1
            signature = (signer, signed, item.line)
            trailing = [line for line, _ in body[index + 1 :]]
            body = body[:first]
            break
        contact: list[Line] = []
        after = [line for line in trailing if _CONTACT_KEY.match(line.text)]
        trailing = [line for line in trailing if line not in after]
        index = len(body)
        while index > 0:
            text = body[index - 1][0].text
            if _CONTACT_KEY.match(text) or re.match(r"^(具体)?联系方式", text):
                index -= 1
                continue
            break
        if index > 0 and (index < len(body) or after):
            text = body[index - 1][0].text
            if _WELCOME.search(text) or _CONTACT_KEY.search(text) or "联系方式" in text:
                index -= 1
        elif index > 0 and _WELCOME.search(body[index - 1][0].text):
            index -= 1
        contact = [line for line, _ in body[index:]] + after
        body = body[:index]
        if contact and not split_label(contact[0].text)[0]:
            pieces = sentences(contact[0].text)
            at = next((i for i, s in enumerate(pieces) if _WELCOME.search(s) or _CONTACT_KEY.search(s)), 0)
            if at:
                line = contact[0].line
                body.append((Line("".join(pieces[:at]), line), None))
                contact[0] = Line("".join(pieces[at:]), line)
        elif contact:  # the block starts inside a numbered paragraph: keep the paragraph in the body
            body.append((contact[0], None))
            contact = contact[1:]
        return body, contact, signature, trailing

    # -- step 3: outline → sections, categories, findings

    def structure(self, body: list[tuple[Line, int | None]]) -> None:
        root = outline(body)
        self.intro += root.paras
        strong: Counter[int] = Counter()
        for node in root.walk():
            if node is not root and (
                is_finding_lead(node.text)
                or any(_STATUS_NOTE.search(p.text) for p in [Line(node.text, 0), *node.paras])
            ):
                strong[node.rank] += 1
        if not strong:
            for node in root.walk():
                head = first_sentence(node.text)[0]
                body_text = node.text + "".join(p.text for p in node.paras)
                if node is not root and "问题" in head and re.search(r"一是|整改情况|整改措施", body_text):
                    strong[node.rank] += 1
        if not strong:
            for child in root.children:
                self._narrative(child)
            at = root.children[0].line if root.children else (self.intro[0].line if self.intro else None)
            self.remark(
                at,
                "没有找到具体问题（如“1.针对“……”问题”“关于“……”问题的整改情况”）；全文按叙述文字导入，"
                "findings.yml 中没有问题，请对照原文补上",
            )
            return
        self.findings_rank = max(strong, key=lambda rank: (strong[rank], rank))
        run: list[Node] = []
        for child in [*root.children, None]:
            depth = self._depth(child) if child is not None else None
            if child is not None and depth in (0, 1):
                run.append(child)
                continue
            if len(run) == 1 and self._depth(run[0]) == 1 and not is_finding_lead(run[0].text):
                self._findings_section(run[0], run[0].children)  # a section of findings, not a category
            elif run:
                self._findings_section(None, run)
            run = []
            if child is None:
                break
            if depth is None:
                self._narrative(child)
            else:
                self._findings_section(child, child.children)

    def _depth(self, node: Node) -> int | None:
        """How far below ``node`` its findings are (0: it is one), or None if it has none."""
        if node.rank == self.findings_rank:
            return 0
        depths = [d for d in (self._depth(child) for child in node.children) if d is not None]
        return min(depths) + 1 if depths else None

    def _narrative(self, node: Node, note: str = "") -> None:
        heading, rest = _split_heading(node.text)
        section = Section(heading, node.line, ([Line(rest, node.line)] if rest else []) + node.paras)
        for child in node.children:
            part_heading, part_rest = _split_heading(child.text)
            paragraphs = ([Line(part_rest, child.line)] if part_rest else []) + child.paras
            for grandchild in child.children:
                paragraphs += grandchild.flat()
            section.parts.append(Part(part_heading, paragraphs))
        if note:
            self.remark(node.line, note)
        self.sections.append(section)

    def _findings_section(self, node: Node | None, items: list[Node]) -> None:
        if any(section.holds_findings for section in self.sections):
            for item in items if node is None else [node]:
                self._narrative(item, "这一部分也有具体问题，但一份通报只能有一个问题清单；按叙述文字导入，请核对")
            return
        kind = "巡察" if "巡察" in self.title else "巡视"
        if node is None:
            section = Section(f"{kind}反馈问题整改落实情况", items[0].line, made_up=True)
            what = "问题分类" if any(item.rank != self.findings_rank for item in items) else "问题"
            self.remark(items[0].line, f"原文的{what}直接编为第一级；补上了部分标题“{section.heading}”，请修改")
        else:
            heading, rest = _split_heading(node.text)
            section = Section(heading, node.line, ([Line(rest, node.line)] if rest else []) + node.paras)
        section.holds_findings = True
        self.sections.append(section)
        loose: list[Node] = []
        for item in [*items, None]:
            if item is not None and item.rank == self.findings_rank:
                loose.append(item)
                continue
            if loose:
                title = section.heading if node is not None else f"{kind}反馈的问题"
                category = Category(title, loose[0].line, made_up=True)
                self.remark(loose[0].line, f"这些问题没有分类；补上了分类“{title}”，请修改")
                for finding in loose:
                    category.findings.append(read_finding(finding, self.remarks, self.aside))
                self.categories.append(category)
                loose = []
            if item is not None:
                self.categories.append(self._category(item))

    def _category(self, node: Node) -> Category:
        title, rest = _split_heading(node.text)
        category = Category(title, node.line, ([Line(rest, node.line)] if rest else []) + node.paras)

        def collect(item: Node) -> None:
            if item.rank == self.findings_rank:
                category.findings.append(read_finding(item, self.remarks, self.aside))
                return
            texts = [Line(item.label + item.text, item.line), *item.paras]
            if category.findings:
                for text in texts:
                    category.findings[-1].append(text.text)
                self.remark(item.line, "问题之间的这段文字不是问题，已并入上一个问题的最后一条整改措施，请核对")
            else:
                category.paragraphs += texts
                self.remark(item.line, "分类下的这个小标题不是问题，按段落导入")
            for child in item.children:
                collect(child)

        for child in node.children:
            collect(child)
        return category

    def append_at_end(self, item: Line) -> None:
        """Text after the signature: kept at the end of the body."""
        last = self.sections[-1]
        if last.holds_findings:
            category = self.categories[-1]
            if category.findings:
                category.findings[-1].append(item.text)
            else:
                category.paragraphs.append(item)
        elif last.parts:
            last.parts[-1].paragraphs.append(item)
        else:
            last.paragraphs.append(item)
        self.remark(item.line, "落款之后的这段文字放在了正文最后，请核对")

    # -- step 4: figures, inspection, statuses

    def narrative(self) -> Iterable[list[Line]]:
        yield self.intro
        for section in self.sections:
            yield section.paragraphs
            for part in section.parts:
                yield part.paragraphs
        for category in self.categories:
            yield category.paragraphs

    def fill_figures(self) -> None:
        for paragraphs in self.narrative():
            for index, item in enumerate(paragraphs):
                paragraphs[index] = Line(
                    self.figures.fill(item.text, item.line, _FIGURE_RULES + _DISCIPLINE_RULES), item.line
                )
        for category in self.categories:
            for finding in category.findings:
                finding.measures = [self.figures.fill(m, finding.line, _DISCIPLINE_RULES) for m in finding.measures]

    def inspection(self, signed: date | None) -> dict[str, Any]:
        text = unicodedata.normalize("NFKC", "".join(item.text for item in self.intro))
        if not re.search(r"\d{4}年", text):
            text = unicodedata.normalize("NFKC", "".join(i.text for p in self.narrative() for i in p))
        line = self.intro[0].line if self.intro else None
        kind = "巡察" if "巡察" in self.title or ("巡察" in text and "巡视" not in text) else "巡视"
        team_match = next(
            (
                m
                for m in re.finditer(r"[\u4e00-\u9fff]{2,24}?(?:巡视|巡察)(?:工作)?组", text)
                if not m.group(0).startswith(("根据", "按照"))
            ),
            None,
        )
        span = re.search(
            r"(?P<y1>\d{4})年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日\s*(?:至|到|—|-|~|～)\s*"
            r"(?:(?P<y2>\d{4})年)?(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日",
            text,
        )
        start = end = feedback = None
        if span:
            y1, m1, d1 = int(span["y1"]), int(span["m1"]), int(span["d1"])
            m2 = int(span["m2"]) if span["m2"] else m1
            y2 = int(span["y2"]) if span["y2"] else (y1 + 1 if m2 < m1 else y1)
            try:
                start, end = date(y1, m1, d1), date(y2, m2, int(span["d2"]))
            except ValueError:
                start = end = None
        after = span.end() if span else 0
        for match in re.finditer(
            r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?P<gap>[^。]{0,40}?)反馈", text[after:]
        ):
            base = end or start or signed
            year = int(match["y"]) if match["y"] else (base.year if base else None)
            if year and base and not match["y"] and int(match["m"]) < base.month:
                year += 1
            try:
                feedback = date(year, int(match["m"]), int(match["d"])) if year else None
            except ValueError:
                feedback = None
            break
        result: dict[str, Any] = {"kind": kind}
        if team_match:
            result["team"] = team_match.group(0)
        else:
            result["team"] = MISSING
            self.notes[("inspection", "team")] = "原文没有写明巡视（巡察）组，请补充"
            self.remark(line, "没有找到巡视（巡察）组的名称；notice.yml 中暂填“（原文缺失，请补充）”")
        # A date the text does not state stays empty (never another date in its place): check names it.
        for key, value, name in (
            ("start", start, "进驻日期"),
            ("end", end, "结束日期"),
            ("feedback", feedback, "反馈日期"),
        ):
            if value is None:
                self.notes[("inspection", key)] = f"原文没有写明{name}，请补充"
                self.remark(line, f"没有找到{name}；notice.yml 中留空，请补充")
            result[key] = value.isoformat() if value else None
        return result

    def derive_done(self, findings: list[Finding]) -> None:
        """已完成 for the findings without a stated status, only when the stated totals leave no other choice.

        That is: the text states the number of problems (equal to the findings read) and how many are
        完成, and every one that is not done is named individually (整改状态 or a listed long-term item).
        Otherwise a finding without a stated status keeps none: 通报未写明, never a guess.
        """
        unstated = [f for f in findings if f.status is None]
        if not unstated:
            return
        total, done = self.figures.values.get("问题总数"), self.figures.values.get("已完成")
        named_not_done = sum(1 for f in findings if f.status not in (None, DONE))
        if (
            isinstance(total, int)
            and isinstance(done, int)
            and total == len(findings)
            and total - done == named_not_done
        ):
            for finding in unstated:
                finding.status = DONE
            self.remark(
                self.figures.lines.get("已完成"),
                f"原文写明问题 {total} 个、已完成 {done} 个，未完成的 {named_not_done} 个逐个写明了状态；"
                f"其余 {len(unstated)} 个问题由此记为“已完成”，请核对",
            )
            return
        lines = "、".join(str(f.line) for f in unstated[:10]) + ("……" if len(unstated) > 10 else "")
        self.remark(
            unstated[0].line,
            f"{len(unstated)} 个问题原文没有逐个写明整改状态（第 {lines} 行），findings.yml 中不写 status，"
            "网站显示“通报未写明”",
        )

    def statuses(self) -> None:
        findings = [f for c in self.categories for f in c.findings]
        for paragraphs in self.narrative():
            for item in paragraphs:
                for what, deadline, who in listed_long_term(item.text):
                    index = best_match(what, findings)
                    if index is None or findings[index].status not in (None, LONG_TERM):
                        self.remark(item.line, f"长期整改事项“{what}”对应不到具体问题，请在 findings.yml 中手工设置")
                        continue
                    finding = findings[index]
                    finding.status = LONG_TERM
                    finding.responsible = finding.responsible or who
                    finding.deadline = finding.deadline or deadline
        self.derive_done(findings)
        for finding in findings:
            if finding.status == LONG_TERM:
                for key, name in (("responsible", "整改责任人"), ("deadline", "完成时限")):
                    if not getattr(finding, key):
                        setattr(finding, key, MISSING)
                        self.remark(finding.line, f"长期整改的问题没有写明{name}；暂填“{MISSING}”")
        counted = Counter(f.status for f in findings)
        for name, status in COUNTED_FIGURES.items():
            if name not in self.figures.values:
                continue
            stated, computed = self.figures.values[name], len(findings) if status is None else counted[status]
            if stated == computed:
                continue
            hint = (
                "原文可能不完整，或有的问题没有编号"
                if status is None
                else "原文没有逐个写明整改状态的问题不写 status（通报未写明），请逐个核对 findings.yml"
            )
            self.remark(
                self.figures.lines[name], f"正文写明{name} {stated} 个，导入的问题清单中为 {computed} 个；{hint}"
            )

    # -- contact and signature

    def contact(self, lines: list[Line], kind: str) -> dict[str, Any]:
        text = "\n".join(line.text for line in lines)
        line_of = {line.text: line.line for line in lines}
        first_line = lines[0].line if lines else self.last_line
        keys = list(_CONTACT_KEY.finditer(text))
        intro = (text[: keys[0].start()] if keys else text).replace("\n", "").strip()
        trimmed = re.sub(r"(具体)?联系方式(如下)?\s*[:：]?$", "", intro).strip()
        if trimmed != intro and not intro.endswith(("联系方式：", "联系方式:")):
            self.remark(first_line, f"“{intro[len(trimmed) :]}”改成了网站统一的“联系方式：”")
        contact: dict[str, Any] = {"intro": trimmed}
        extras: list[str] = []
        for this, after in zip(keys, [*keys[1:], None], strict=False):
            key = this.group(1)
            raw = text[this.end() : after.start() if after else len(text)].strip()
            value = raw.rstrip("。.；;，, \n")
            where = next((n for t, n in line_of.items() if this.group(0) in t and value[:4] in t), first_line)
            plain = unicodedata.normalize("NFKC", value).replace("—", "-").replace("–", "-")
            if key in _PHONE_KEYS and "phone" not in contact and (phone := _PHONE.match(plain)):
                contact["phone"] = phone.group(0).strip()
                if plain[phone.end() :].strip(" ，,；;。."):
                    extras.append(f"{this.group(0)}{value}")
                    self.remark(where, "电话号码后面的说明放在了联系方式前面的说明里")
            elif key in _ADDRESS_KEYS and "address" not in contact:
                contact["address"] = value
                if key != DEFAULT_ADDRESS_LABEL:
                    contact["address_label"] = key
            elif key in ("邮政编码", "邮编") and "address" in contact:
                contact["address"] += f"，{key}：{value}"
            elif key.lower().replace("-", "") in ("电子邮箱", "电子信箱", "电子邮件", "邮箱", "email") and (
                email := _EMAIL.search(plain)
            ):
                if "email" in contact:
                    extras.append(f"{this.group(0)}{value}")
                else:
                    contact["email"] = email.group(0)
            else:
                extras.append(f"{this.group(0)}{value}")
                self.remark(where, f"“{this.group(0)}{value}”放在了联系方式前面的说明里")
        if extras:
            contact["intro"] = contact["intro"] + "".join(e if e.endswith("。") else e + "。" for e in extras)
        if not contact["intro"]:
            contact["intro"] = f"欢迎广大干部群众对{kind}整改落实情况进行监督。"
            self.notes[("contact", "intro")] = "原文没有这句话，导入时补上，请修改"
            self.remark(first_line, "联系方式前没有欢迎监督的话；补上了一句，请修改")
        if not any(key in contact for key in ("phone", "address", "email")):
            contact["address"] = MISSING
            self.notes[("contact", "address")] = "原文没有联系方式，请补充"
            self.remark(first_line, "没有找到联系方式（电话、通信地址或电子邮箱）；请补充")
        return {k: contact[k] for k in ("intro", "phone", "address_label", "address", "email") if k in contact}

    # -- the whole

    def run(self) -> tuple[dict[str, Any], dict[str, Any]]:
        self.read_header()
        self.drop_chrome()
        self.title, body = self.read_title()
        body, contact_lines, signature, trailing = self.split_end(body)
        last = body[-1][0] if body else None
        self.last_line = last.line if last else None
        self.structure(body)
        for item in trailing:
            self.append_at_end(item)
        if signature is None and not contact_lines:
            self.remark(last.line if last else None, "没有找到联系方式和落款，原文可能不完整；导入到这里为止")
            if last and not re.search(r"[。！？!?.；;：:”）)]$", last.text):
                self.remark(last.line, "这一段没有句末标点，原文可能在这里被截断")
        self.fill_figures()
        self.statuses()
        issuer = self.title.partition("关于")[0].strip() if "关于" in self.title else ""
        signer, signed, signed_line = signature if signature else ("", None, None)
        if signed is None:
            stated = parse_date(self.header.get("成文日期", ""))
            signed = stated
        inspection = self.inspection(signed)
        if signed is None:
            self.notes[("signature", "date")] = "原文没有落款日期，请补充"
            self.remark(self.last_line, "没有找到落款日期；notice.yml 中留空，请补充")
        issuer = issuer or signer or self.header.get("发布机构") or MISSING
        title = self.title or self.header.get("文件名称") or None
        if issuer == MISSING:
            self.notes[("issuer",)] = "原文标题中没有发布单位，请补充"
        if not signer:
            signer = issuer
            self.notes[("signature", "signer")] = "原文没有落款单位，按发布单位填写，请核对"
            if signature is not None:
                self.remark(signed_line, "落款只有日期，落款单位按发布单位填写")
        notice: dict[str, Any] = {
            "title": title,
            "issuer": issuer,
            "inspection": inspection,
            "signature": {"signer": signer, "date": signed.isoformat() if signed else None},
            "publication": self.publication(signed),
        }
        rate = self.figures.values.get(RATE_FIGURE)
        if isinstance(rate, str) and len(rate.removesuffix("%").partition(".")[2]) != 1:
            notice["rate_decimals"] = len(rate.removesuffix("%").partition(".")[2])
        if self.figures.values:
            notice["figures"] = dict(self.figures.values)
        if self.intro:
            notice["intro"] = [item.text for item in self.intro]
        notice["sections"] = [self.section_data(index, s) for index, s in enumerate(self.sections)]
        notice["contact"] = self.contact(contact_lines, inspection["kind"])
        findings = {"categories": [self.category_data(index, c) for index, c in enumerate(self.categories)]}
        return notice, findings

    def publication(self, signed: date | None) -> dict[str, Any]:
        result: dict[str, Any] = {}
        site = self.pages.get("site_line") or self.pages.get("site") or self.header.get("发布机构")
        if site:
            result["site"] = site
            if site == self.header.get("发布机构") and not self.pages.get("site_line"):
                self.notes[("publication", "site")] = "按公开信息中的发布机构填写，请改成网站名称"
        else:
            result["site"] = MISSING
            self.notes[("publication", "site")] = "原文没有写明发布网站，请补充"
        if "column" in self.pages:
            result["column"] = self.pages["column"]
        published = parse_date(self.header.get("发布日期", "") or self.header.get("发文日期", "")) or parse_date(
            self.pages.get("date", "")
        )
        if published:
            result["date"] = published.isoformat()
        elif signed:
            result["date"] = signed.isoformat()
            self.notes[("publication", "date")] = "原文未单独写明发布日期，这里按成文日期填写"
        else:
            result["date"] = None
            self.notes[("publication", "date")] = "原文没有写明发布日期，请补充"
        stated = parse_date(self.header.get("成文日期", ""))
        if stated and signed and stated != signed:
            self.remark(None, f"公开信息中的成文日期 {stated.isoformat()} 与落款日期 {signed.isoformat()} 不同，请核对")
        return result

    def section_data(self, index: int, section: Section) -> dict[str, Any]:
        data: dict[str, Any] = {"heading": section.heading}
        if section.made_up:
            self.notes[("sections", index, "heading")] = "原文没有这一标题，导入时补上，请修改"
        if section.paragraphs:
            data["paragraphs"] = [item.text for item in section.paragraphs]
        if section.parts:
            data["parts"] = [
                {
                    "heading": part.heading,
                    **({"paragraphs": [p.text for p in part.paragraphs]} if part.paragraphs else {}),
                }
                for part in section.parts
            ]
        if section.holds_findings:
            data["findings"] = True
            self.notes[("sections", index, "findings")] = "在这里列出 findings.yml 中的问题分类和整改情况"
        return data

    def category_data(self, index: int, category: Category) -> dict[str, Any]:
        number = sum(len(c.findings) for c in self.categories[:index])
        width = max(2, len(str(sum(len(c.findings) for c in self.categories))))
        data: dict[str, Any] = {"id": f"c{index + 1}", "short": category_short(category.title), "title": category.title}
        if category.made_up:
            self.notes[("categories", index, "title")] = "原文没有这一分类，导入时补上，请修改"
        if category.paragraphs:
            data["paragraphs"] = [item.text for item in category.paragraphs]
        if category.findings:
            data["findings"] = []
        for f_index, finding in enumerate(category.findings):
            item: dict[str, Any] = {
                "id": f"f{number + f_index + 1:0{width}d}",
                "short": short_title(finding.problem),
                "problem": finding.problem,
            }
            if finding.form != DEFAULT_FORM:
                item["form"] = finding.form
            item["measures"] = finding.measures
            if not finding.numbered:
                item["numbered"] = False
            if finding.status is not None:
                item["status"] = finding.status
            path: FieldPath = ("categories", index, "findings", f_index)
            if finding.wording:
                self.notes[(*path, "status")] = f"原文：{finding.wording}"
            for key in ("responsible", "deadline"):
                value = getattr(finding, key)
                if value:
                    item[key] = value
                    if value == MISSING:
                        self.notes[(*path, key)] = "原文没有写明，请补充"
            data["findings"].append(item)
        return data


def import_paragraphs(
    paragraphs: list[Paragraph], *, source_name: str = "", schema_dir: str = "../../hooks/rectify/schema"
) -> Imported:
    """Import a notice; raises ImportFailed when there is no notice to import."""
    importer = _Importer(paragraphs)
    notice, findings = importer.run()
    remarks = sorted(importer.remarks, key=lambda r: r.line or 0)
    source = f"由 rectify import 从 {source_name} 导入。" if source_name else "由 rectify import 导入。"
    notice_head = [
        f"# yaml-language-server: $schema={schema_dir}/notice.schema.json",
        "# 一份整改情况通报的基本信息和正文叙述部分。字段说明见网站的“数据格式说明”页。",
        "# 问题清单和每个问题的整改措施在同一文件夹的 findings.yml 中。",
        f"# {source}请对照原文核对，特别是注有“请核对”“请补充”的地方。",
        "",
        "# 通报编号就是本文件夹的名称（小写字母、数字和连字符），发布后不要再改。",
    ]
    findings_head = [
        f"# yaml-language-server: $schema={schema_dir}/findings.schema.json",
        "# 问题分类和每个问题的整改情况。字段说明见网站的“数据格式说明”页。",
        "# 问题编号（1、2、3……）和分类编号（（一）（二）……）按出现顺序自动生成，不用填写。",
        "# id 是网址的一部分，发布后不要再改；short 是导入时从原文截取的简称，可以改得更简明。",
    ]
    blocks: dict[FieldPath, list[str]] = {
        ("inspection",): ["# keywords: 读者可能搜索的专有名词（地名、项目名），需要时按 - 名称 一行一个添加"],
        ("figures",): [
            "# 正文中写明的数字。正文里用 {名称} 引用，数字只写这一次。",
            "# 问题总数、已完成、正在整改、基本完成、长期整改、未完成、完成率 这几项",
            "# 会与 findings.yml 中逐个问题的整改状态核对，对不上时检查会报错。",
        ],
    }
    if importer.header:
        blocks[("publication",)] = ["# 原文的公开信息：" + "；".join(f"{k}：{v}" for k, v in importer.header.items())]
    comments = {
        **_FIELD_COMMENTS,
        **importer.notes,
    }
    return Imported(
        notice=notice,
        findings=findings,
        remarks=remarks,
        set_aside=sorted(importer.aside),
        notice_yaml=to_yaml(notice, notice_head, comments, blocks),
        findings_yaml=to_yaml(findings, findings_head, comments, {}),
    )


def import_text(text: str, **options: str) -> Imported:
    """Import the text of a notice, one paragraph a line."""
    paragraphs = [Paragraph(line, number) for number, line in enumerate(text.splitlines(), start=1)]
    return import_paragraphs(paragraphs, **options)


# --- YAML with comments ---------------------------------------------------------------

_FIELD_COMMENTS: dict[FieldPath, str] = {
    ("issuer",): "发布单位（被巡视党组织）",
    ("inspection",): "巡视（巡察）情况",
    ("inspection", "kind"): "巡视 或 巡察",
    ("inspection", "start"): "日期一律写成 年-月-日",
    ("inspection", "feedback"): "反馈意见的日期",
    ("signature",): "落款",
    ("publication",): "发布信息：原文所在网站和栏目",
    ("rate_decimals",): "网站显示完成率时保留的小数位数，与正文写法一致",
    ("intro",): "导语（标题之后、“一、”之前的段落）",
    ("sections",): "正文各部分，编号“一、二、三”和“（一）（二）”自动生成",
    ("contact",): "联系方式",
    ("contact", "address_label"): "原文的称呼；不写时显示“通信地址”",
}
_DATE_FIELDS = {"start", "end", "feedback", "date"}
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def yaml_scalar(value: Any, key: str | int | None = None) -> str:
    """A YAML scalar: plain where that reads back the same, else a double-quoted string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if key in _DATE_FIELDS and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    plain = (
        text
        and text == text.strip()
        and text[0] not in _INDICATORS
        and "#" not in text
        and ": " not in text
        and not text.endswith(":")
        and "\n" not in text
    )
    if plain:
        try:
            plain = yaml.safe_load(f"k: {text}") == {"k": text}
        except yaml.YAMLError:
            plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def to_yaml(
    data: dict[str, Any], head: list[str], comments: dict[FieldPath, str], blocks: dict[FieldPath, list[str]]
) -> str:
    out = [*head]

    def line(text: str, path: FieldPath) -> None:
        comment = comments.get(path)
        if comment:
            width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
            text = f"{text}{' ' * (30 - width)}# {comment}" if width < 29 else f"{text}  # {comment}"
        out.append(text)

    def mapping(value: dict[str, Any], indent: int, path: FieldPath, first_prefix: str = "") -> None:
        for position, (key, item) in enumerate(value.items()):
            here = (*path, key)
            pad = first_prefix if position == 0 and first_prefix else " " * indent
            if not path and (isinstance(item, (dict, list)) or here in blocks):
                out.append("")
            for block in blocks.get(here, []):
                out.append(" " * indent + block)
            if isinstance(item, dict):
                line(f"{pad}{key}:", here)
                mapping(item, indent + 2, here)
            elif isinstance(item, list):
                line(f"{pad}{key}:" + ("" if item else " []"), here)
                sequence(item, indent + 2, here)
            else:
                line(f"{pad}{key}: {yaml_scalar(item, key)}".rstrip(), here)

    def sequence(value: list[Any], indent: int, path: FieldPath) -> None:
        for index, item in enumerate(value):
            here = (*path, index)
            if isinstance(item, dict):
                mapping(item, indent + 2, here, first_prefix=" " * indent + "- ")
            else:
                line(f"{' ' * indent}- {yaml_scalar(item)}", here)

    mapping(data, 0, ())
    return "\n".join(out) + "\n"
