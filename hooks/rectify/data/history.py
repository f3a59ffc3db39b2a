"""Progress over time: how many problems were completed on each day something was reported (the
notice's date and each progress entry's), computed from the progress history; the 已完成 the notice's
text states is kept beside as its own point, never mixed into the computed line."""

from __future__ import annotations

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


def _completed(notice: Notice, day: date) -> int:
    return sum(1 for f in notice.findings if status_on(f, day) == COMPLETED)


def has_history(notice: Notice) -> bool:
    return bool(notice.findings) and any(f.progress for f in notice.findings)


def history(notice: Notice) -> list[Point]:
    """One point per reporting day of ``notice``, oldest first."""
    days = sorted({notice.signed, *(step.date for f in notice.findings for step in f.progress)})
    stated = notice.figures.get(COMPLETED)
    return [
        Point(
            day,
            _completed(notice, day),
            len(notice.findings),
            stated if day == notice.signed and isinstance(stated, int) else None,
        )
        for day in days
    ]


def site_history(notices: Sequence[Notice]) -> list[Point]:
    """Across notices: on each reporting day, the problems of the notices issued by then and how many
    of them were completed (a progress notice's problems are counted as it lists them)."""
    days = sorted({p.day for n in notices for p in history(n)})
    return [
        Point(
            day,
            sum(_completed(n, day) for n in notices if n.signed <= day),
            sum(len(n.findings) for n in notices if n.signed <= day),
        )
        for day in days
    ]
