"""Open data: the validated notice as JSON and its findings as CSV.

``notice_json`` writes the whole model; ``notice_from_json`` reads it back into
the same model, so that what is published can be checked and reused.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields
from datetime import date
from typing import Any

from rectify.data.chinese import chinese_number
from rectify.data.history import Point
from rectify.data.model import (
    UNSTATED,
    Category,
    Contact,
    Evidence,
    Figure,
    Finding,
    Inspection,
    Notice,
    Part,
    Progress,
    Section,
    Subproblem,
    Tally,
    TextLine,
    all_evidence,
    evidence_text,
)
from rectify.data.rounds import Round, Stat, overdue
from rectify.data.spreadsheet import csv_text

from .charts import NOT_LISTED

FORMAT = "rectify-notice/1"
CSV_COLUMNS = (
    ("序号", lambda n, f: f.number),
    ("问题编号", lambda n, f: f.id),
    ("问题分类", lambda n, f: n.category(f.category_id).short),
    ("问题", lambda n, f: f.short),
    ("反馈的问题", lambda n, f: f.problem),
    ("整改措施", lambda n, f: _measures_cell(f)),
    ("通报时的整改状态", lambda n, f: f.status or ""),
    ("目前的整改状态", lambda n, f: f.current_status),
    ("整改责任人", lambda n, f: f.responsible or ""),
    ("完成时限", lambda n, f: f.current_deadline or ""),
    ("应完成日期", lambda n, f: f.due.isoformat() if f.due else ""),
    ("最近进展日期", lambda n, f: f.progress[-1].date.isoformat() if f.progress else ""),
    ("责任领导", lambda n, f: f.lead or ""),
    ("牵头部门", lambda n, f: f.department or ""),
    ("配合部门", lambda n, f: "、".join(f.partners)),
    ("佐证材料", lambda n, f: "\n".join(evidence_text(e) for e in all_evidence(f))),
    ("销号日期", lambda n, f: f.closed.isoformat() if f.closed else ""),
)


def notice_json(notice: Notice) -> str:
    """The whole notice as pretty, stable JSON (dates as YYYY-MM-DD)."""
    data = {"format": FORMAT, **asdict(notice)}
    del data["remarks"]  # notes for the office, not part of the notice
    return json.dumps(data, ensure_ascii=False, indent=2, default=_iso) + "\n"


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def notice_from_json(text: str) -> Notice:
    """Read ``notice_json`` output back into the model."""
    data = json.loads(text)
    if data.pop("format", None) != FORMAT:
        raise ValueError(f"不是整改公开的通报数据（应为 {FORMAT} 格式）")
    return Notice(
        **{
            **_plain(Notice, data),
            "inspection": Inspection(**_dated(data["inspection"], "start", "end", "feedback")),
            "stated_figures": tuple(_figure(f) for f in data.get("stated_figures", [])),
            "signed": date.fromisoformat(data["signed"]),
            "published": date.fromisoformat(data["published"]),
            "next_update": _day(data.get("next_update")),
            "keywords": tuple(data["keywords"]),
            "intro": tuple(data["intro"]),
            "sections": tuple(_section(s) for s in data["sections"]),
            "categories": tuple(_category(c) for c in data["categories"]),
            "contact": Contact(**data["contact"]),
            "text": tuple(TextLine(**line) for line in data.get("text", [])),
        }
    )


def _plain(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    return {f.name: data[f.name] for f in fields(cls) if f.name in data}


def _dated(data: dict[str, Any], *names: str) -> dict[str, Any]:
    return {**data, **{name: date.fromisoformat(data[name]) if data[name] else None for name in names}}


def _figure(data: dict[str, Any]) -> Figure:
    return Figure(**{**data, "breakdown": tuple(_figure(part) for part in data.get("breakdown", []))})


def _section(data: dict[str, Any]) -> Section:
    parts = tuple(Part(p["heading"], tuple(p["paragraphs"])) for p in data["parts"])
    return Section(data["heading"], tuple(data["paragraphs"]), parts, data["holds_findings"])


def _category(data: dict[str, Any]) -> Category:
    findings = tuple(_finding(f) for f in data["findings"])
    return Category(**{**data, "paragraphs": tuple(data["paragraphs"]), "findings": findings})


def _finding(data: dict[str, Any]) -> Finding:
    progress = tuple(
        Progress(**{**_dated(p, "date"), "due": _day(p.get("due")), "evidence": _evidence(p)}) for p in data["progress"]
    )
    subproblems = tuple(
        Subproblem(**{**sub, "measures": tuple(sub["measures"]), "due": _day(sub.get("due"))})
        for sub in data.get("subproblems", [])
    )
    return Finding(
        **{
            **data,
            "measures": tuple(data["measures"]),
            "progress": progress,
            "partners": tuple(data.get("partners", ())),
            "evidence": _evidence(data),
            "closed": _day(data.get("closed")),
            "due": _day(data.get("due")),
            "subproblems": subproblems,
        }
    )


def _evidence(data: dict[str, Any]) -> tuple[Evidence, ...]:
    return tuple(Evidence(**e) for e in data.get("evidence", ()))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _measures_cell(finding: Finding) -> str:
    """Measures one to a line; a sub-problem's after its own （1）… line."""
    lines = list(finding.measures)
    for number, sub in enumerate(finding.subproblems, start=1):
        lines.append(f"（{number}）{sub.problem}")
        lines += sub.measures
    return "\n".join(lines)


HISTORY_COLUMNS = ("日期", "已完成", "问题总数", "完成率", "通报写明的已完成数")


def history_rows(points: Sequence[Point]) -> list[tuple[str, str, str, str, str]]:
    """The rows of a chart of progress over time, as its table and its CSV show them."""
    return [
        (
            p.day.isoformat(),
            str(p.completed),
            str(p.total),
            f"{p.completed * 100 / p.total:.1f}%" if p.total else "—",
            "" if p.stated is None else str(p.stated),
        )
        for p in points
    ]


def history_csv(points: Sequence[Point]) -> str:
    """A chart of progress over time as CSV (BOM for Excel, like ``findings_csv``)."""
    return table_csv(HISTORY_COLUMNS, history_rows(points))


def table_csv(columns: Sequence[str], rows: Iterable[Sequence[str | int]]) -> str:
    """A chart's data as CSV: a BOM for Excel, and text a spreadsheet would run as a formula quoted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([csv_text(cell) if isinstance(cell, str) else cell for cell in row] for row in rows)
    return "\ufeff" + out.getvalue()


STATUS_COLUMNS = ("整改状态", "问题数", "占比")


def status_rows(tally: Tally) -> list[tuple[str, int, str]]:
    """The data of a notice's chart of statuses, as its table and its CSV show them."""
    return [(status, n, f"{n * 100 / tally.total:.1f}%") for status, n in tally.counts]


CATEGORY_COLUMNS = ("问题分类", "问题数", "已完成", "完成率")


def category_rows(notice: Notice) -> list[tuple[str, int, str, str]]:
    """The data of a notice's chart of categories (every category, as the table beside it)."""
    return [
        (
            f"（{chinese_number(c.number)}）{c.short}",
            c.tally.total,
            completed_text(c.tally),
            c.tally.rate_text(notice.rate_decimals),
        )
        for c in notice.categories
    ]


NOTICE_COLUMNS = ("通报", "通报编号", "发布单位", "印发日期", "截至", "问题数", "已完成", "完成率")


def notice_rows(notices: Sequence[Notice]) -> list[tuple[str, ...]]:
    """The data of the site home's chart of notices: each notice's figures (``notices`` newest first)."""
    return [
        (
            n.title,
            n.id,
            n.issuer,
            n.signed.isoformat(),
            n.as_of.isoformat(),
            str(n.tally.total) if n.tally.total else NOT_LISTED,
            completed_text(n.tally),
            n.tally.rate_text(n.rate_decimals),
        )
        for n in notices
    ]


UNIT_COLUMNS = (
    "单位",
    "通报",
    "通报编号",
    "问题数",
    "已完成",
    "完成率",
    "未完成问题的应完成日期",
    "已超过完成时限的问题",
    "计算是否超过完成时限的日期",
    "最近一次更新",
)


def unit_rows(rnd: Round, built: date) -> list[tuple[str, ...]]:
    """The data of a round's table and chart (pages.rounds): one row per unit; what the notice does not
    state is 通报未写明, and overdue is counted as of ``built`` (the page counts it on the reader's day)."""
    return [
        (
            u.notice.issuer,
            u.notice.title,
            u.notice.id,
            stat_text(u.problems),
            stat_text(u.completed),
            stat_text(u.rate, "%"),
            " ".join(d.isoformat() for d in u.dues),
            str(overdue(u, built)) if u.listed else UNSTATED,
            built.isoformat(),
            u.updated.isoformat(),
        )
        for u in rnd.units
    ]


def stat_text(stat: Stat, unit: str = "") -> str:
    """A unit's figure as its round's table and CSV show it."""
    if stat.value is None:
        return UNSTATED
    return f"{stat.value}{unit}" + ("（通报写明）" if stat.stated else "")


def completed_text(tally: Tally) -> str:
    """Completed findings; when statuses are missing, says so instead of a count that looks final."""
    if not tally.total:
        return "—"
    if not tally.unstated:
        return str(tally.completed)
    if tally.unstated == tally.total:
        return UNSTATED
    return f"{tally.completed}（另有 {tally.unstated} 个{UNSTATED}）"


def findings_csv(notice: Notice) -> str:
    """One row per finding; starts with a BOM so that Excel reads it as UTF-8. Text a spreadsheet would run
    as a formula starts with a ' (rectify.data.spreadsheet)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(name for name, _ in CSV_COLUMNS)
    for finding in notice.findings:
        cells = (value(notice, finding) for _, value in CSV_COLUMNS)
        writer.writerow(csv_text(cell) if isinstance(cell, str) else cell for cell in cells)
    return "\ufeff" + out.getvalue()
