"""Rules a signed notice may break: each breach is a remark for the office, never an error.

A published notice is a signed Party document: the site publishes it as signed, and says where its
stated figures and the per-problem statuses disagree (``disagreements``, shown on the pages too).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .model import COUNTED_FIGURES, RATE_FIGURE, Notice
from .source import Document, FieldPath

LONG_TERM = "长期整改"


@dataclass(frozen=True)
class Disagreement:
    """A stated figure that the findings' statuses do not give, e.g. 问题总数 25 against 24."""

    name: str
    stated: str
    """As the notice writes it: 25, 84.3%."""
    counted: str
    """As the findings give it: 24, 84.2%."""
    at_least: bool = False
    """Some statuses are not stated: ``counted`` is only how many the stated statuses already give."""

    @property
    def unit(self) -> str:
        return "" if self.name == RATE_FIGURE else "个"


def disagreements(notice: Notice) -> list[Disagreement]:
    """Every stated figure that the statuses contradict: exactly when every status is stated,
    else as far as the stated statuses allow (more findings of a status than the notice states)."""
    tally = notice.stated_tally
    found = []
    for name, stated in notice.figures.items():
        if name in COUNTED_FIGURES and isinstance(stated, int):
            counted = tally.count_for(name)
            if not tally.unstated and tally.total and stated != counted:
                found.append(Disagreement(name, str(stated), str(counted)))
            elif stated < counted:
                found.append(Disagreement(name, str(stated), str(counted), at_least=True))
        elif name == RATE_FIGURE and isinstance(stated, str) and stated.endswith("%"):
            if tally.unstated or not tally.total:
                continue  # the rate cannot be computed: it is shown as stated
            number = stated.removesuffix("%")
            decimals = len(number.partition(".")[2])
            if Decimal(number) != tally.rate(decimals):
                found.append(Disagreement(name, stated, tally.rate_text(decimals)))
    return found


def figure_remarks(notice: Notice, doc: Document) -> None:
    tally = notice.stated_tally
    for found in disagreements(notice):
        path: FieldPath = ("figures", found.name)
        if found.name == RATE_FIGURE:
            decimals = len(found.stated.removesuffix("%").partition(".")[2])
            message = (
                f"通报写明{RATE_FIGURE} {found.stated}，但按 已完成 {tally.completed} ÷ 问题总数 {tally.total} 计算、"
                f"四舍五入到 {decimals} 位小数应为 {found.counted}"
            )
        elif found.at_least:
            status = COUNTED_FIGURES[found.name]
            counted = "问题" if status is None else f"写明“{status}”的问题"
            message = (
                f"通报写明{found.name} {found.stated} 个，但 findings.yml 中{counted}已有 {found.counted} 个，"
                f"多于写明的数字（另有 {tally.unstated} 个问题没有写整改状态）"
            )
        else:
            message = f"通报写明{found.name} {found.stated} 个，但 findings.yml 中逐项统计为 {found.counted} 个"
        doc.remark(
            path,
            f"{message}；请核对数字或问题的整改状态。网站照录通报原文，并在统计处注明两个数字",
        )


def long_term_remarks(notice: Notice, doc: Document) -> None:
    """A 长期整改 problem should name who answers for it and by when; a signed text that does not still builds."""
    for c_index, category in enumerate(notice.categories):
        for f_index, finding in enumerate(category.findings):
            if finding.status != LONG_TERM:
                continue
            missing = [
                label
                for label, value in (
                    ("整改责任人（responsible）", finding.responsible),
                    ("完成时限（deadline）", finding.deadline),
                )
                if value is None
            ]
            if missing:
                doc.remark(
                    ("categories", c_index, "findings", f_index, "status"),
                    f"长期整改的问题通常写明整改责任人和完成时限，这里没有写{'和'.join(missing)}；"
                    "通报原文写了的请补上，原文没写就不写（网站显示“—”）",
                )
