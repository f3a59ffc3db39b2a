"""Rules a signed notice may break: each breach is a remark for the office, never an error.

A published notice is a signed Party document: the site publishes it as signed, and says where its
stated figures and the per-problem statuses disagree (``disagreements``, shown on the pages too).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .errors import DataError
from .model import COUNTED_FIGURES, RATE_FIGURE, Notice
from .source import Document, FieldPath

LONG_TERM = "长期整改"
# A changed status of a published finding is the usual reason its figures stop agreeing: progress
# after publication is an entry of its own, the status stays what the signed notice states.
PROGRESS_HINT = (
    "若是通报发布后整改有了进展：不要改问题的 status（它保留通报写明的状态），"
    "而在该问题下加一项 progress，写明日期（date）、整改状态（status）和情况说明（text），网站按最新一项显示目前的状态"
)


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
    for index, found in enumerate(disagreements(notice)):
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
        hint = f"。{PROGRESS_HINT}" if index == 0 else ""  # said once, not once per figure
        doc.remark(path, f"{message}；请核对数字或问题的整改状态。网站照录通报原文，并在统计处注明两个数字{hint}")


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


def measure_remarks(notice: Notice, doc: Document) -> None:
    """A problem (or sub-problem) usually states its measures; one whose text states none still builds."""
    for c_index, category in enumerate(notice.categories):
        for f_index, finding in enumerate(category.findings):
            path: FieldPath = ("categories", c_index, "findings", f_index)
            if not finding.measures and not finding.subproblems:
                doc.remark(
                    path,
                    f"问题{finding.number}没有写整改措施（measures）；通报原文写了的请补上，原文没写就不写",
                )
            for s_index, sub in enumerate(finding.subproblems):
                if not sub.measures:
                    doc.remark(
                        (*path, "subproblems", s_index),
                        f"问题{finding.number}的小问题（{s_index + 1}）没有写整改措施（measures）；"
                        "通报原文写了的请补上，原文没写就不写",
                    )


# Formal phrases (规范表述) a short name must not split; an office adds its own in its data folder.
FORMAL_PHRASES = Path(__file__).with_name("formal_phrases.txt")
OFFICE_PHRASES = "formal-phrases.txt"
_ELLIPSES = ("…", "...")


def formal_phrases(data_dir: Path) -> tuple[tuple[str, ...], list[DataError]]:
    """The shipped phrases and the office's ``data/formal-phrases.txt``, or why that file cannot be read."""
    phrases = _phrases(FORMAL_PHRASES.read_text(encoding="utf-8"))
    office = data_dir / OFFICE_PHRASES
    if not office.is_file():
        return phrases, []
    try:
        return phrases + _phrases(office.read_text(encoding="utf-8-sig")), []
    except (OSError, UnicodeDecodeError):
        return phrases, [
            DataError(office, None, "", "无法按 UTF-8 读取规范表述列表；请另存为 UTF-8 编码的文本，一行一个表述")
        ]


def _phrases(text: str) -> tuple[str, ...]:
    lines = (line.partition("#")[0].strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


def short_remarks(doc: Document, phrases: tuple[str, ...]) -> None:
    """A short name (``short``) that ends in an ellipsis or splits a formal phrase of its full text."""
    for c_index, category in enumerate(doc.data["categories"]):
        c_path: FieldPath = ("categories", c_index)
        _short_remark(doc, (*c_path, "short"), category.get("short"), category["title"], "分类标题", phrases)
        for f_index, finding in enumerate(category.get("findings", [])):
            path: FieldPath = (*c_path, "findings", f_index, "short")
            _short_remark(doc, path, finding.get("short"), finding["problem"], "反馈的问题", phrases)


def _short_remark(
    doc: Document, path: FieldPath, short: str | None, full: str, where: str, phrases: tuple[str, ...]
) -> None:
    if short is None:
        return
    instead = "删去 short（网站显示全文，长的自动换行）"
    if any(mark in short for mark in _ELLIPSES):
        doc.remark(path, f"简称“{short}”含有省略号；简称不能截断，请写一个完整的短语，或{instead}")
        return
    for phrase in phrases:
        if phrase in full and _splits(short, phrase, full):
            named = phrase if phrase.startswith("“") else f"“{phrase}”"
            doc.remark(
                path,
                f"简称“{short}”把规范表述{named}拆开了（{where}中是完整的{named}）；请在简称中写完整的{named}，或{instead}",
            )
            return


def _splits(short: str, phrase: str, full: str) -> bool:
    """Whether ``short`` ends in a proper beginning of ``phrase`` (or starts with a proper ending of it)
    exactly where ``full`` goes on with the rest: a cut inside the phrase, not a chance likeness."""
    for k in range(1, len(phrase)):
        head, rest = phrase[:k], phrase[k:]
        if short.endswith(head) and short[-(k + 4) :] + rest in full:
            return True
        before, tail = phrase[:-k], phrase[-k:]
        if short.startswith(tail) and before + short[: k + 4] in full:
            return True
    return False
