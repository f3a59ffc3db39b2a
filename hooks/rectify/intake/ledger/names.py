"""Short names for a ledger's problems and categories: the first telling clause, whole, never cut."""

from __future__ import annotations

import re

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
