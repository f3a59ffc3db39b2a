"""The text of a ledger's cells: numbered items, the leading department and its partners, evidence.

The same readings serve ``rectify import`` of a hand-made ledger and ``rectify ledger update``, so a
cell means the same thing to both.
"""

from __future__ import annotations

import re

from rectify.data.chinese import NUMERALS
from rectify.data.model import Evidence

_ITEM_NUMBER = re.compile(rf"^\s*(?:\d+[.、．)）]|[（(]\d+[）)]|[{NUMERALS}]+是[，,：:]?)\s*")
_INLINE_ITEMS = re.compile(r"[；;]\s*(?=(?:\d+[.、．]|[（(]\d+[）)])\s*\S)")
_PARTNERS = re.compile(r"^(?P<lead>.*?)\s*[（(]\s*配合(?:部门|单位)?\s*[:：]\s*(?P<partners>[^（）()]*)[）)]\s*$", re.S)
_WEB = re.compile(r"^https?://[^\s<>\"'\\`]+$")
_LINKED = re.compile(r"^(?P<text>.*?)\s*[（(]?\s*(?P<link>https?://[^\s（）()]+)\s*[）)]?\s*$")


def one_line(text: str) -> str:
    return " ".join(text.split())


def split_items(text: str) -> list[str]:
    """A multi-line cell (1.…；\\n2.…) as its items, without the numbers."""
    items: list[str] = []
    for line in text.split("\n"):
        for part in _INLINE_ITEMS.split(line):
            part = _ITEM_NUMBER.sub("", part).strip().rstrip("；;")
            if part:
                items.append(part)
    return items


def strip_number(text: str) -> str:
    """A problem's text without the number a ledger may start it with (1. / （1）)."""
    return " ".join(_ITEM_NUMBER.sub("", text, count=1).split())


def parse_evidence(text: str) -> tuple[Evidence, ...]:
    items = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        linked = _LINKED.match(line)
        if linked and linked.group("text").strip():
            items.append(Evidence(linked.group("text").strip(), linked.group("link")))
        else:
            items.append(Evidence(line))
    return tuple(items)


def cell_evidence(text: str, links: list[tuple[str, str]]) -> tuple[tuple[Evidence, ...], list[str]]:
    """The evidence an evidence cell gives with the web address its link points to, and notes on links not kept.

    A cell of one piece links that piece; a cell of several pieces and one link cannot say whose link it
    is, so the address becomes a piece of its own (never dropped) with a note to check it.
    """
    evidence = list(parse_evidence(text))
    notes: list[str] = []
    web = []
    for where, link in links:
        if _WEB.match(link):
            web.append((where, link))
        else:
            notes.append(
                f"{where}：佐证材料的链接“{link}”不是网址（应以 http:// 或 https:// 开头），网站上打不开，没有导入；"
                "若是本机上的文件，请把文件放进通报文件夹的 evidence/ 中，在 findings.yml 中给这份材料写 file: evidence/文件名"
            )
    if len(web) == 1 and len(evidence) == 1 and not evidence[0].link:
        evidence[0] = Evidence(evidence[0].text, web[0][1])
        return tuple(evidence), notes
    for where, link in web:
        if all(piece.link != link for piece in evidence):
            evidence.append(Evidence(link, link))
            notes.append(f"{where}：单元格的链接 {link} 看不出属于哪一份佐证材料，已作为单独的一项导入；请核对")
    return tuple(evidence), notes


def link_notes(links: dict[str, list[tuple[str, str]]]) -> list[str]:
    """A note for each link outside the evidence column: its text is read, its address has no field there."""
    return [
        f"{where}：单元格带有链接 {link}；这一列只读文字，链接没有导入。若它指向佐证材料，请写到“佐证材料”一列"
        for name, found in links.items()
        if name != "evidence"
        for where, link in found
    ]


def parse_department(text: str) -> tuple[str | None, tuple[str, ...]]:
    match = _PARTNERS.match(text)
    if not match:
        return (one_line(text) or None), ()
    partners = tuple(p.strip() for p in re.split(r"[、，,；;\s]+", match.group("partners")) if p.strip())
    return (one_line(match.group("lead")) or None), partners
