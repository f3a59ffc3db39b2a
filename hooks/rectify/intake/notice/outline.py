"""Step 3, outline: the notice's parts (title, body, contact, signature) and the body as a numbered tree.

- the title: the first line that reads as one (ends in 通报/情况…, no sentence end), joined with the
  lines before it when it is split (中共××党组关于 / 巡视整改情况的通报), a repeated copy set aside;
  short lines before it are the site and column; no title at all when the text starts at 根据…;
- the end: the signature (单位 + 日期), the contact block before it (欢迎…监督, 电话：…);
- the tree: numbering 一、 → （一） → 1. → （1） (or heading levels of a .docx), ASCII or full-width;
  a 反馈问题一： heading sits between （一） and the 1. items under it; unnumbered lines belong to the
  item before them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .draft import Line, Review
from .patterns import CONTACT_KEY, DATE, FEEDBACK_LABEL, parse_date, split_label
from .sentences import first_sentence, sentences


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
    shift = 0  # 1 under a 反馈问题一： heading: its 1. and （1） items sit one level deeper
    for item, level in lines:
        rank, label, rest = split_label(item.text)
        if not rank and level:
            rank, rest = level, item.text
        if not rank:
            stack[-1].paras.append(item)
            continue
        if FEEDBACK_LABEL.match(label):
            shift = 1
        elif rank >= 3:
            rank += shift
        else:
            shift = 0
        node = Node(rank, label, rest, item.line)
        while stack[-1].rank >= rank:
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
    return root


_TITLE_END = re.compile(r"(通报|通報|公告|通告|报告|報告|情况|情況)[）)]?$")
_ISSUER_END = re.compile(r"(党组|黨組|党委|黨委|委员会|委員會|支部|总支|工委|党工委|机关)$")
_SIGNATURE = re.compile(r"^(?P<signer>.*?)\s*[（(]?(?P<date>" + DATE.pattern + r")[）)]?\s*[。.]?$")
WELCOME = re.compile(r"欢迎.{0,30}监督")
_RUN_ON_SIGNER = re.compile(r"[。.](?P<signer>[^。，,：:；;\d]{2,40}?" + _ISSUER_END.pattern.removesuffix("$") + r")$")


def is_paragraph(text: str) -> bool:
    """A line of running text (not a title): a sentence end inside, long, or an opening like 根据…"""
    return bool(re.search(r"[。；;]", text.rstrip("。.")) or len(text) > 80 or re.match(r"^(根据|按照|依据)", text))


def split_heading(text: str) -> tuple[str, str]:
    """A heading is its line's first sentence; what follows is the first paragraph."""
    return first_sentence(text)


def _joins_title(previous: str, title: str) -> bool:
    if "。" in previous or len(previous) > 40 or split_label(previous)[0]:
        return False
    about = re.compile("[关關][于於]")
    if previous.endswith(("关于", "關于", "關於", "关於")) or (
        bool(_ISSUER_END.search(previous)) and not about.search(title)
    ):
        return True
    # 中共××党组关于五届市委 / 第四轮巡察整改进展情况的通报: split after 关于
    return bool(about.search(previous)) and not about.search(title) and previous.startswith(("中共", "中国共产党"))


def _is_title(text: str, previous: str | None) -> bool:
    if not _TITLE_END.search(text) or "。" in text or len(text) > 80:
        return False
    # 政府公告, 通知公告: a column name, unless it completes a title split over lines
    return len(text) >= 8 or "关于" in text or (previous is not None and _joins_title(previous, text))


@dataclass
class Title:
    text: str
    """The title, or "" when the text has none."""
    body: list[tuple[Line, int | None]]
    """The lines after it."""
    intro: list[Line] = field(default_factory=list)
    """Text before the title that is neither site nor column: kept at the start of the intro."""
    pages: dict[str, str] = field(default_factory=dict)
    """``site_line`` and ``column`` when short lines before the title name them."""


def find_title(lines: list[tuple[Line, int | None]], header: dict[str, str], review: Review) -> Title:
    end = None
    for index, (item, level) in enumerate(lines[:15]):
        if split_label(item.text)[0] or (level or 0) >= 1 or is_paragraph(item.text):
            break
        previous = lines[index - 1][0].text if index else None
        if level == 0 or _is_title(item.text, previous):
            end = index
            break
    if end is None:
        named = header.get("文件名称") or header.get("标题") or header.get("名称")
        first = lines[0][0]
        if named:
            review.remark(first.line, "正文中没有找到标题，按公开信息中的文件名称填写")
            return Title(named, lines)
        if is_paragraph(first.text):
            review.notes[("title",)] = "原文没有标题，请补充"
            review.remark(first.line, "没有找到标题（通常以“通报”结尾），原文从正文开始；notice.yml 中标题留空，请补充")
            return Title("", lines)
        review.remark(first.line, "没有找到标题（通常以“通报”结尾），把第一行当作标题，请核对")
        return Title(first.text, lines[1:])
    start = end
    title = lines[end][0].text
    while start > 0 and _joins_title(lines[start - 1][0].text, title):
        start -= 1
        title = lines[start][0].text + title
    after = end + 1
    while after < len(lines) and lines[after][0].text in (title, lines[end][0].text):
        repeat = lines[after][0]
        review.set_aside(repeat.line, repeat.text)
        review.remark(repeat.line, "标题又写了一遍，重复的这一行已删去")
        after += 1
    result = Title(title, lines[after:])
    before = lines[:start]
    short = [item for item, _ in before if len(item.text) <= 30 and not re.search(r"[。，,]", item.text)]
    if len(short) == len(before) and before:
        if len(before) >= 2:
            column, site = before[-2][0], before[-1][0]
            result.pages["column"] = column.text
            review.set_aside(column.line, column.text)
            review.remark(column.line, f"标题前的“{column.text}”当作发布栏目（publication.column），请核对")
            before = before[:-2]
            result.pages["site_line"] = site.text
            review.set_aside(site.line, site.text)
            review.remark(site.line, f"标题前的“{site.text}”当作发布网站（publication.site），请核对")
        else:  # one short line above the title: the column it is published in (政府公告, 通知公告…)
            column = before[-1][0]
            before = before[:-1]
            result.pages["column"] = column.text
            review.set_aside(column.line, column.text)
            review.remark(column.line, f"标题前的“{column.text}”当作发布栏目（publication.column），请核对")
    for item, _ in before:
        result.intro.append(item)
        review.remark(item.line, "标题前的这段文字不知放在哪里，放在了导语开头")
    return result


@dataclass
class End:
    body: list[tuple[Line, int | None]]
    contact: list[Line]
    signature: tuple[str, date, int] | None
    """(signer, date, line)"""
    trailing: list[Line]
    """Text after the signature (an attachment note…)."""


def split_end(body: list[tuple[Line, int | None]]) -> End:
    """The contact block and the signature at the end, and the body before them."""
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
            elif (run_on := _RUN_ON_SIGNER.search(previous)) and not split_label(previous)[0]:
                # a PDF line that filled the width ran the signer on after the contact: split it off
                signer = run_on.group("signer")
                body[index - 1] = (
                    Line(previous[: run_on.start("signer")], body[index - 1][0].line),
                    body[index - 1][1],
                )
        signature = (signer, signed, item.line)
        trailing = [line for line, _ in body[index + 1 :]]
        body = body[:first]
        break
    contact: list[Line] = []
    after = [line for line in trailing if CONTACT_KEY.match(line.text)]
    trailing = [line for line in trailing if line not in after]
    index = len(body)
    while index > 0:
        text = body[index - 1][0].text
        if CONTACT_KEY.match(text) or re.match(r"^(具体)?联系方式", text):
            index -= 1
            continue
        break
    if index > 0 and (index < len(body) or after):
        text = body[index - 1][0].text
        if WELCOME.search(text) or CONTACT_KEY.search(text) or "联系方式" in text:
            index -= 1
    elif index > 0 and WELCOME.search(body[index - 1][0].text):
        index -= 1
    contact = [line for line, _ in body[index:]] + after
    body = body[:index]
    if contact:
        # The block may start inside the paragraph before it (a PDF's lines re-joined, the contact run
        # on after the last measure): that paragraph's own sentences stay in the body.
        pieces = sentences(contact[0].text)
        at = next((i for i, s in enumerate(pieces) if WELCOME.search(s) or CONTACT_KEY.search(s)), 0)
        if at:
            line = contact[0].line
            body.append((Line("".join(pieces[:at]), line), None))
            contact[0] = Line("".join(pieces[at:]), line)
        elif split_label(contact[0].text)[0]:  # a numbered paragraph that names a phone: not the block
            body.append((contact[0], None))
            contact = contact[1:]
    return End(body, contact, signature, trailing)
