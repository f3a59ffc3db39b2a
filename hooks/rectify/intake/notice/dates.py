"""Step 5c, dates and the inspection: kind (巡视/巡察), team, the stay (a range, possibly across years,
the end without its year), and the feedback date (its year from the dates before it when not written).
A date the text does not state stays empty, with a remark: never another date in its place.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from rectify.data.chinese import NUMERALS

from .draft import Line, Review


def inspection(
    intro: list[Line], narrative: list[Line], title: str, signed: date | None, review: Review
) -> dict[str, Any]:
    """``inspection`` of notice.yml from the intro (or, when it has no year, the whole narrative)."""
    text = unicodedata.normalize("NFKC", "".join(item.text for item in intro))
    if not re.search(r"\d{4}年", text):
        text = unicodedata.normalize("NFKC", "".join(item.text for item in narrative))
    line = intro[0].line if intro else None
    team_match = next(
        (
            m
            for m in re.finditer(
                rf"[\u4e00-\u9fff][\u4e00-\u9fff\d]{{1,23}}?(?:巡视|巡視|巡察)(?:工作)?(?:[{NUMERALS}]{{1,3}})?[组組]",
                text,
            )
            if not m.group(0).startswith(("根据", "按照", "根據"))
        ),
        None,
    )
    # The team names the kind (市委第四巡察组 → 巡察); otherwise the title, then the text.
    if team_match:
        kind = "巡察" if "巡察" in team_match.group(0) else "巡视"
    elif re.search("巡察[组組]", text) or re.search("巡[视視][组組]", text):
        kind = "巡察" if re.search("巡察[组組]", text) else "巡视"
    else:
        kind = "巡察" if "巡察" in title or ("巡察" in text and not re.search("巡[视視]", text)) else "巡视"
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
        r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?P<gap>[^。]{0,40}?)反[馈饋]", text[after:]
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
        result["team"] = None
        review.notes[("inspection", "team")] = "原文没有写明巡视（巡察）组，请补充"
        review.remark(line, "没有找到巡视（巡察）组的名称；notice.yml 中留空，请补充")
    # A date the text does not state stays empty (never another date in its place): check names it.
    for key, value, name in (
        ("start", start, "进驻日期"),
        ("end", end, "结束日期"),
        ("feedback", feedback, "反馈日期"),
    ):
        if value is None:
            review.notes[("inspection", key)] = f"原文没有写明{name}，请补充"
            review.remark(line, f"没有找到{name}；notice.yml 中留空，请补充")
        result[key] = value.isoformat() if value else None
    return result
