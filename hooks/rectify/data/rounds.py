"""Inspection rounds: the notices that name the same round (``inspection.round``), compared unit by unit.

A round's page lives at ``rounds/<slug>/``; the slug is ``r`` and the first 8 hexadecimal digits of the
SHA-256 of the round's name (UTF-8, as ``notice.yml`` writes it after folding line breaks), so the same
name always has the same address, whatever other rounds or notices the site holds. Every figure is
counted from the findings or taken from what the notice states; none is made up (``None``: 通报未写明).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from .model import COMPLETED, RATE_FIGURE, Notice

SLUG_DIGITS = 8


def round_slug(name: str) -> str:
    """E.g. 十四届县委第五轮巡察 → r and 8 hexadecimal digits: the same name, the same address."""
    return "r" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:SLUG_DIGITS]


@dataclass(frozen=True)
class Stat:
    """A unit's figure: counted from its findings, or as its notice's text states it."""

    value: Decimal | None
    """``None``: the notice does not state it (通报未写明)."""
    stated: bool = False
    """Taken from the figures the notice's text states (as of its date), not counted."""


@dataclass(frozen=True)
class Unit:
    """One unit of a round: its notice (updated by any progress notices) and its figures."""

    notice: Notice
    problems: Stat
    completed: Stat
    rate: Stat
    """The completion rate in percent."""
    dues: tuple[date, ...]
    """The due dates of its open findings (not 已完成), oldest first: overdue is counted from them on
    the reader's day."""
    undated: int
    """Open findings for which the notice states no deadline at all (not long-term words: no words)."""
    updated: date
    """The day of its last update: the newest of the notice's publication, its progress entries and the
    publication of a later progress notice (as the finding pages' 最近一次更新)."""

    @property
    def listed(self) -> bool:
        """Whether the notice lists its findings one by one (else no overdue can be counted)."""
        return bool(self.notice.findings)


@dataclass(frozen=True)
class Round:
    name: str
    units: tuple[Unit, ...]
    """In the order the notices were signed."""

    @property
    def slug(self) -> str:
        return round_slug(self.name)

    @property
    def notices(self) -> tuple[Notice, ...]:
        return tuple(unit.notice for unit in self.units)


def rounds(notices: Sequence[Notice]) -> list[Round]:
    """Every round some notice names, the newest first (by its newest notice). A progress notice
    (``updates``) of a notice of the same round is no unit of its own: it updates that unit's row."""
    named: dict[str, list[Notice]] = {}
    for notice in sorted(notices, key=lambda n: (n.signed, n.id)):
        if notice.inspection.round:
            named.setdefault(notice.inspection.round, []).append(notice)
    out = []
    for name, members in named.items():
        ids = {n.id for n in members}
        units = tuple(unit(n, notices) for n in members if n.updates not in ids)
        out.append(Round(name, units))
    return sorted(out, key=lambda r: (max(n.signed for n in r.notices), r.name), reverse=True)


def unit(notice: Notice, notices: Sequence[Notice]) -> Unit:
    """A notice's figures for its round's table (``notices``: the whole site, for later progress notices)."""
    tally, findings = notice.tally, notice.findings
    counted = bool(findings) and not tally.unstated
    rate = tally.rate(notice.rate_decimals) if counted else None
    open_findings = [f for f in findings if f.current_status != COMPLETED]
    return Unit(
        notice,
        Stat(Decimal(tally.total)) if findings else _stated(notice, "问题总数"),
        Stat(Decimal(tally.completed)) if counted else _stated(notice, COMPLETED),
        Stat(rate) if rate is not None else _stated(notice, RATE_FIGURE),
        tuple(sorted(f.due for f in open_findings if f.due)),
        sum(1 for f in open_findings if f.due is None and not f.current_deadline),
        max(
            [
                notice.published,
                *(step.date for f in findings for step in f.progress),
                *(n.published for n in notices if n.updates == notice.id),
            ]
        ),
    )


def _stated(notice: Notice, name: str) -> Stat:
    """A figure the notice's text states (问题总数 12, 完成率 84.2%), or ``Stat(None)``."""
    value = notice.figures.get(name)
    if value is None:
        return Stat(None)
    try:
        return Stat(Decimal(str(value).strip().removesuffix("%")), stated=True)
    except InvalidOperation:
        return Stat(None)


def overdue(unit: Unit, day: date) -> int:
    """How many of the unit's open findings are past their due date on ``day`` (rectify.js: the reader's day)."""
    return sum(1 for due in unit.dues if due < day)
