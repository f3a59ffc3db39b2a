"""Rules that span fields or notices, checked on the notice as a model with the document beside it
for the line: dates in order, IDs unique and not the site's own page names, the findings in one
section, figures a count or a percentage, a progress notice updating an earlier one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .checks import figure_remarks, long_term_remarks, measure_remarks
from .deadlines import check_moves, deadline_remarks
from .errors import DataError
from .folders import NOTICE_FILE
from .model import COMPLETED, COUNTED_FIGURES, RATE_FIGURE, Notice
from .names import field_name
from .source import Document, FieldPath

_UPDATES_NAME = field_name(NOTICE_FILE, None, ("updates",))
# Page names the site itself uses: a finding called ``index`` would replace the findings list.
RESERVED_IDS = {"index"}


def check_rules(notice: Notice, notice_doc: Document, findings_doc: Document) -> None:
    """Rules that span fields: date order, unique IDs, the findings' place, figures."""
    _check_dates(notice, notice_doc)
    _check_progress(notice, findings_doc)
    _check_closed(notice, findings_doc)
    _check_unique_ids(notice, findings_doc)
    _check_findings_section(notice, notice_doc)
    _check_figures(notice, notice_doc)
    long_term_remarks(notice, findings_doc)
    measure_remarks(notice, findings_doc)
    deadline_remarks(findings_doc)
    check_moves(findings_doc)


def _check_dates(notice: Notice, doc: Document) -> None:
    """Each date on or after the one before it; the later date's field is the one reported."""
    inspection = notice.inspection
    ordered = [
        ("进驻日期", inspection.start, ("inspection", "end"), "结束日期", inspection.end),
        ("结束日期", inspection.end, ("inspection", "feedback"), "反馈日期", inspection.feedback),
        ("反馈日期", inspection.feedback, ("signature", "date"), "成文日期", notice.signed),
        ("反馈日期", inspection.feedback, ("publication", "date"), "发布日期", notice.published),
        ("成文日期", notice.signed, ("next_update",), "下次公开整改进展的日期", notice.next_update),
    ]
    for early_name, early, late_path, late_name, late in ordered:
        if early is not None and late is not None and late < early:
            doc.error(
                late_path,
                f"{late_name} {late.isoformat()} 早于{early_name} {early.isoformat()}；{late_name}应在{early_name}当天或之后",
            )


def _check_progress(notice: Notice, doc: Document) -> None:
    """Progress comes after the notice that reports the findings."""
    for c_index, category in enumerate(doc.data["categories"]):
        for f_index, finding in enumerate(category.get("findings", [])):
            for p_index, step in enumerate(finding.get("progress", [])):
                day = date.fromisoformat(step["date"])
                if day < notice.signed:
                    path = ("categories", c_index, "findings", f_index, "progress", p_index, "date")
                    doc.error(
                        path,
                        f"进展日期 {day.isoformat()} 早于通报的成文日期 {notice.signed.isoformat()}；进展应在通报之后",
                    )


def _check_closed(notice: Notice, doc: Document) -> None:
    """A finding closed (销号) must be completed by its newest status."""
    for c_index, category in enumerate(notice.categories):
        for f_index, finding in enumerate(category.findings):
            if finding.closed is not None and finding.current_status != COMPLETED:
                doc.error(
                    ("categories", c_index, "findings", f_index, "closed"),
                    f"写了销号日期 {finding.closed.isoformat()}，但目前的整改状态是“{finding.current_status}”；"
                    f"销号的问题应已完成整改：请在 progress 中加一项状态为 {COMPLETED} 的进展，或删去销号日期",
                )


def _check_unique_ids(notice: Notice, doc: Document) -> None:
    seen: dict[str, int] = {}
    for c_index, category in enumerate(notice.categories):
        _claim(seen, category.id, doc, ("categories", c_index, "id"), "分类编号")
    for c_index, category in enumerate(notice.categories):
        for f_index, finding in enumerate(category.findings):
            _claim(seen, finding.id, doc, ("categories", c_index, "findings", f_index, "id"), "问题编号")


def _claim(seen: dict[str, int], item_id: str, doc: Document, path: FieldPath, what: str) -> None:
    line = doc.line_of(path) or 0
    if item_id in RESERVED_IDS:
        doc.error(path, f"{what} {item_id} 是网站保留的页面名称，会与问题清单等页面冲突；请换一个编号")
    elif item_id in seen:
        doc.error(path, f"{what} {item_id} 重复（第 {seen[item_id]} 行已用过）；分类和问题的编号在一份通报内不能重复")
    else:
        seen[item_id] = line


def _check_findings_section(notice: Notice, doc: Document) -> None:
    if notice.text:  # the page is the signed text: the findings stand where the text has them
        return
    holders = [index for index, section in enumerate(notice.sections) if section.holds_findings]
    if not holders and notice.categories:
        doc.error(("sections",), "没有哪一部分写了 findings: true；应在列出问题整改情况的那一部分写 findings: true")
    for index in holders[1:]:
        doc.error(("sections", index, "findings"), "findings: true 只能写在一个部分；问题清单只列一次")


def _check_figures(notice: Notice, doc: Document) -> None:
    """A stated figure must be a count or a percentage; one that the statuses contradict is a remark
    (``checks.disagreements``): the signed text is published as signed."""
    for name, stated in notice.figures.items():
        path: FieldPath = ("figures", name)
        if name in COUNTED_FIGURES and not isinstance(stated, int):
            doc.error(path, f"{name} 应为整数，实际写的是“{stated}”")
        elif name == RATE_FIGURE and (not isinstance(stated, str) or not stated.endswith("%")):
            doc.error(path, f"{RATE_FIGURE} 应写成百分数，如 84.2%，实际写的是“{stated}”")
    figure_remarks(notice, doc)


def check_updates(notices: list[Notice], data_dir: Path) -> list[DataError]:
    """A progress notice must name an earlier notice of the same site."""
    by_id = {notice.id: notice for notice in notices}
    errors = []
    for notice in notices:
        if notice.updates is None:
            continue
        earlier = by_id.get(notice.updates)
        file = data_dir / notice.id / NOTICE_FILE
        if earlier is None or earlier is notice:
            known = "、".join(n for n in by_id if n != notice.id) or "（没有其他通报）"
            errors.append(
                DataError(
                    file,
                    None,
                    "updates",
                    f"没有编号为 {notice.updates} 的另一份通报；应为本网站中较早一份通报的文件夹名，已有：{known}",
                    _UPDATES_NAME,
                )
            )
        elif earlier.signed >= notice.signed:
            errors.append(
                DataError(
                    file,
                    None,
                    "updates",
                    f"{notice.updates} 的成文日期 {earlier.signed.isoformat()} 不早于本通报 {notice.signed.isoformat()}；进展通报只能更新较早的通报",
                    _UPDATES_NAME,
                )
            )
    return errors
