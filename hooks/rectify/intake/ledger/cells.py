"""The text of a ledger's cells: numbered items, the leading department and its partners, evidence.

The same readings serve ``rectify import`` of a hand-made ledger and ``rectify ledger update``, so a
cell means the same thing to both.
"""

from __future__ import annotations

import re

from rectify.data.model import Evidence

_ITEM_NUMBER = re.compile(r"^\s*(?:\d+[.、．)）]|[（(]\d+[）)]|[一二三四五六七八九十]+是[，,：:]?)\s*")
_INLINE_ITEMS = re.compile(r"[；;]\s*(?=(?:\d+[.、．]|[（(]\d+[）)])\s*\S)")
_PARTNERS = re.compile(r"^(?P<lead>.*?)\s*[（(]\s*配合(?:部门|单位)?\s*[:：]\s*(?P<partners>[^（）()]*)[）)]\s*$", re.S)
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


def parse_department(text: str) -> tuple[str | None, tuple[str, ...]]:
    match = _PARTNERS.match(text)
    if not match:
        return (one_line(text) or None), ()
    partners = tuple(p.strip() for p in re.split(r"[、，,；;\s]+", match.group("partners")) if p.strip())
    return (one_line(match.group("lead")) or None), partners
