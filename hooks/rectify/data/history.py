"""Progress over time: how many problems were completed on each day something was reported (the
notice's date and each progress entry's), computed from the progress history; the 已完成 the notice's
text states is kept beside as its own point, never mixed into the computed line."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .model import COMPLETED, Finding, Notice


@dataclass(frozen=True)
class Point:
    day: date
    completed: int
    total: int
    stated: int | None = None
    """The number of completed problems the notice's text states (figures 已完成), on its date."""


def status_on(finding: Finding, day: date) -> str:
    """A finding's status as of ``day``: its newest progress entry up to then, else as the notice states it."""
    steps = [step for step in finding.progress if step.date <= day]
    return steps[-1].status if steps else finding.stated_status


def _completed(findings: Sequence[Finding], day: date) -> int:
    return sum(1 for f in findings if status_on(f, day) == COMPLETED)


def has_history(notice: Notice) -> bool:
    return any(f.progress for f in notice.findings)


def history(notice: Notice) -> list[Point]:
    """One point per reporting day of ``notice``, oldest first."""
    findings = notice.findings  # a property that builds its tuple anew
    days = sorted({notice.signed, *(step.date for f in findings for step in f.progress)})
    stated = notice.figures.get(COMPLETED)
    return [
        Point(
            day,
            _completed(findings, day),
            len(findings),
            stated if day == notice.signed and isinstance(stated, int) else None,
        )
        for day in days
    ]


def site_history(notices: Sequence[Notice]) -> list[Point]:
    """Across notices: on each reporting day, the problems of the notices issued by then and how many
    of them were completed (a progress notice's problems are counted as it lists them).

    A notice's count changes only on its own reporting days, so each notice adds its changes from its
    date on and the days sum them up in order: linear in the reports, not in days × notices."""
    changes: dict[date, list[int]] = defaultdict(lambda: [0, 0])  # day → [completed, total] added
    for notice in notices:
        counted = 0
        for point in history(notice):
            change = changes[point.day]  # every reporting day is a point of the site's line
            if point.day >= notice.signed:  # before its date the notice is not counted yet
                change[0] += point.completed - counted
                counted = point.completed
        changes[notice.signed][1] += len(notice.findings)
    points, completed, total = [], 0, 0
    for day in sorted(changes):
        completed, total = completed + changes[day][0], total + changes[day][1]
        points.append(Point(day, completed, total))
    return points
