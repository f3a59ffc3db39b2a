"""Step 2, clean: drop what the publishing website put around the notice, and read its disclosure header.

Portal chrome (当前位置/首页 >> …, 发布时间：… 信息来源：… 访问量：…, 字体大小, 保护视力色, 分享, 朗读…) is not
notice text: each such line is dropped and listed in a remark, and the date and source it states are
kept for the publication fields. A disclosure header (信息索引号, 文件名称, 发布机构, 成文日期, 公开方式, 文号…,
label and value on one line or on two) is read into ``header``. Full-width and ASCII punctuation both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .draft import Line, Paragraph, Review
from .patterns import parse_date, split_label
from .sentences import INVISIBLE, clean

_CHROME_KEYS = (
    "发布日期|发布时间|更新时间|日期|时间|文章来源|信息来源|稿件来源|来源|作者|浏览量|浏览次数|浏览|点击数|点击量|点击|"
    "阅读量|阅读次数|阅读|访问量|访问次数|责任编辑|编辑|审核|字体大小|字体|字号|浏览字号|保护视力色|视力保护色"
)
_STAMP = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
_CHROME_PAIR = re.compile(rf"({_CHROME_KEYS})\s*[:：]\s*({_STAMP}|(?:(?!(?:{_CHROME_KEYS})\s*[:：])[^\s【】\[\]|｜])*)")
_LEADING_STAMP = re.compile(rf"^\s*({_STAMP})")
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
    "字体大小",
    "浏览字号",
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
    "保护视力色",
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
    "-",
    "—",
}
_LONE = {"大", "中", "小", "返回", "默认", "-", "—"}
_CHROME_LINE = re.compile(
    r"^(当前位置|您的位置|您现在的位置|所在位置|上一篇|下一篇|相关链接|扫一扫在手机(上)?打开).*"
    r"|^(网站)?首页\s*(>>|[>＞»›]).*"
    r"|^<!--.*-->$"  # an HTML comment left by a copy (<!--more-->)
    r"|^\[[^\]]*\]\(https?://[^)\s]*\)$"  # a line that is only a link: [转入文章首发地址](http…)
    r"|^[-—－–]\s*\d{1,3}\s*[-—－–]$|^第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?$"  # page numbers of a PDF
)
_BULLETS = re.compile(r"^[•●▪◆■]\s*")
_BOLD = re.compile(r"\*\*(.+?)\*\*")

HEADER_KEYS = (
    "信息索引号",
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
    "文件名称": "原文没有标题时用作标题",
}
_BULLET = re.compile(r"^[•·●▪■◆◇○\-*]\s*")
_HEADER_PAIR = re.compile(r"(" + "|".join(HEADER_KEYS) + r")\s*[:：]\s*")
_HEADER_KEY_ALONE = re.compile(r"^(" + "|".join(HEADER_KEYS) + r")\s*[:：]?$")


@dataclass
class Cleaned:
    """The notice's own lines, and what the page around it states about the publication."""

    lines: list[tuple[Line, int | None]]
    """Each line with its outline level from a .docx heading style (or None)."""
    header: dict[str, str] = field(default_factory=dict)
    """The disclosure header: 索引号, 文件名称, 发布机构, 成文日期, 发布日期, 公开方式… as written."""
    pages: dict[str, str] = field(default_factory=dict)
    """What the byline states: ``date`` (发布时间…), ``site`` (来源…)."""


def chrome_values(text: str, after_chrome: bool = False) -> dict[str, str] | None:
    """The key-value pairs of a line of website chrome, or None if the line is notice text.

    ``after_chrome``: the line before was chrome, so a lone 中 or 小 (the rest of 字号 大 中 小) is too.
    """
    if _CHROME_LINE.match(text):
        return {}
    values = {m.group(1): m.group(2) for m in _CHROME_PAIR.finditer(text)}
    rest = _CHROME_PAIR.sub(" ", text)
    stamp = _LEADING_STAMP.match(rest)
    # a bare date is a signature; a date with a time (2021-02-23 12:42:06) or with 来源… is a byline
    if stamp and (values or re.search(r"\d:\d", stamp.group(1))):
        values.setdefault("日期", stamp.group(1))
        rest = rest[stamp.end() :]
    tokens = [t for t in re.split(r"[\s【】\[\]|｜/·•]+", rest.replace("：", " ").replace(":", " ")) if t]
    if all(t in _CHROME_WORDS for t in tokens) and (values or tokens):
        if not values and len(tokens) == 1 and tokens[0] in _LONE and not after_chrome:
            return None  # a lone character is more likely text than chrome
        return values
    return None


def drop_invisible(paragraphs: list[Paragraph], review: Review) -> list[tuple[Line, int | None]]:
    """Lines with control and zero-width characters removed (listed), list bullets and Markdown bold
    marks of a copied page removed; empty lines left out."""
    lines = []
    for paragraph in paragraphs:
        hidden = len(INVISIBLE.findall(paragraph.text))
        if hidden:
            review.remark(paragraph.line, f"删去了 {hidden} 个看不见的控制字符")
        text = _BOLD.sub(r"\1", _BULLETS.sub("", clean(paragraph.text)))
        if text:
            lines.append((Line(text, paragraph.line), paragraph.level))
    return lines


def drop_front_matter(
    lines: list[tuple[Line, int | None]], header: dict[str, str], review: Review
) -> list[tuple[Line, int | None]]:
    """The metadata block a blog or a Markdown copy puts first (``---`` … ``---``): dropped and listed;
    its ``title:`` (less the site's name around it) is kept as the document name."""
    if not lines or lines[0][0].text != "---":
        return lines
    end = next((i for i, (item, _) in enumerate(lines[1:40], start=1) if item.text == "---"), None)
    if end is None:
        return lines
    for item, _ in lines[: end + 1]:
        review.set_aside(item.line, item.text)
        title = re.match(r"^title:\s*(?:[^>]*->\s*)?(.+?)(?:\s*[|｜].*)?$", item.text)
        if title and not header.get("文件名称"):
            header["文件名称"] = title.group(1).strip()
            review.remark(item.line, f"元数据中的标题“{header['文件名称']}”用作标题（原文没有标题行时），请核对")
    review.remark(
        lines[0][0].line,
        f"开头第 {lines[0][0].line}–{lines[end][0].line} 行是网页的元数据（---之间），不是通报正文，已删去",
    )
    return lines[end + 1 :]


def read_header(
    lines: list[tuple[Line, int | None]], review: Review
) -> tuple[list[tuple[Line, int | None]], dict[str, str]]:
    """The disclosure header at the top (label and value on one line or two) read and set aside."""
    header: dict[str, str] = {}
    kept: list[tuple[Line, int | None]] = []
    pending: str | None = None
    for index, (item, level) in enumerate(lines):
        if index > 40 or split_label(item.text)[0]:
            kept += lines[index:]
            break
        text = _BULLET.sub("", item.text)
        alone = _HEADER_KEY_ALONE.match(text)
        if pending and not alone:
            header[pending] = text
            review.set_aside(item.line, item.text)
            review.remark(item.line, f"公开信息“{pending}：{text}”{_HEADER_USE.get(pending, _HEADER_KEPT)}")
            pending = None
        elif alone:
            pending = alone.group(1)
            review.set_aside(item.line, item.text)
        elif _HEADER_PAIR.match(text):
            pairs = list(_HEADER_PAIR.finditer(text))
            for this, after in zip(pairs, [*pairs[1:], None], strict=False):
                value = text[this.end() : after.start() if after else len(text)].strip()
                header[this.group(1)] = value
                use = _HEADER_USE.get(this.group(1), _HEADER_KEPT)
                review.remark(item.line, f"公开信息“{this.group(1)}：{value}”{use}")
            review.set_aside(item.line, item.text)
        else:
            kept.append((item, level))
    if "信息索引号" in header:
        header.setdefault("索引号", header.pop("信息索引号"))
    return kept, header


def drop_chrome(
    lines: list[tuple[Line, int | None]], review: Review
) -> tuple[list[tuple[Line, int | None]], dict[str, str]]:
    """Lines of website chrome dropped and listed; the publication date and source they state."""
    kept = []
    pages: dict[str, str] = {}
    after_chrome = False
    for item, level in lines:
        values = chrome_values(item.text, after_chrome)
        after_chrome = values is not None
        if values is None:
            kept.append((item, level))
            continue
        review.set_aside(item.line, item.text)
        review.remark(item.line, f"网页上的“{item.text}”不是通报正文，已删去")
        for key in ("发布日期", "发布时间", "更新时间", "日期", "时间"):
            if key in values and parse_date(values[key]) and "date" not in pages:
                pages["date"] = values[key]
        for key in ("来源", "信息来源", "文章来源", "稿件来源"):
            if values.get(key) and "site" not in pages:
                pages["site"] = values[key]
    return kept, pages


def clean_lines(paragraphs: list[Paragraph], review: Review) -> Cleaned:
    """The whole step: invisible characters, the disclosure header, then chrome."""
    meta: dict[str, str] = {}
    lines = drop_front_matter(drop_invisible(paragraphs, review), meta, review)
    lines, header = read_header(lines, review)
    header = {**meta, **header}
    lines, pages = drop_chrome(lines, review)
    return Cleaned(lines, header, pages)
