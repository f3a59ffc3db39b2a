"""Load notice folders from a data directory into validated models.

Each notice is a folder under the data directory, named by the notice's ID,
holding ``notice.yml`` and ``findings.yml``. Every error found is collected
and raised together as :class:`DataInvalid`.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from .checks import PROGRESS_HINT, figure_remarks, formal_phrases, long_term_remarks, measure_remarks, short_remarks
from .deadlines import check_moves, deadline_remarks, due_of
from .errors import DataError, DataInvalid, skipped_folders
from .model import (
    COMPLETED,
    COUNTED_FIGURES,
    RATE_FIGURE,
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
    status_of_wording,
)
from .names import field_name
from .schema import check_against_schema
from .signed import check_traced, read_signed_text, status_remarks
from .source import Document, FieldPath, load_document

Reported = TypeVar("Reported", bound=DataError)  # an error or a remark
NOTICE_FILE = "notice.yml"
FINDINGS_FILE = "findings.yml"
UPDATES = field_name(NOTICE_FILE, None, ("updates",))
NOTICE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
DEFAULT_FORM = "针对“…”问题。"
DEFAULT_ADDRESS_LABEL = "通信地址"
# Page names the site itself uses: a finding called ``index`` would replace the findings list.
RESERVED_IDS = {"index"}
# Names a notice ID (its folder, and the folder of its pages on the site) must not take: the
# site's own pages and folders, and the pages of the single-notice layout of earlier versions,
# whose URLs stay as redirects (rectify.site.render.moved_pages).
RESERVED_NOTICE_IDS = frozenset(
    {"index", "notices", "rounds", "accessibility", "format", "schema", "assets", "search", "feed", "sitemap", "404"}
    | {"notice", "findings", "contact", "print", "categories"}
)
# One notice folder read: the notice, or the errors that prevent it.
Loaded = tuple[Notice | None, list[DataError]]


def load_site(data_dir: Path, read: Callable[[Path], Loaded] | None = None) -> list[Notice]:
    """Every notice under ``data_dir``, in folder order; raises DataInvalid.

    ``read`` loads one notice folder (default ``load_notice``; ``data.cache`` remembers unchanged ones)."""
    errors: list[DataError] = []
    notices: list[Notice] = []
    folders = notice_folders(data_dir, errors)
    for folder in folders:
        notice, notice_errors = (read or load_notice)(folder)
        errors += notice_errors
        if notice:
            notices.append(notice)
    errors += _check_updates(notices, data_dir)
    if errors:
        raise DataInvalid(errors)
    skipped = skipped_folders(data_dir, NOTICE_FILE)
    if skipped and notices:  # said where every remark is said (check, build log, preview): with the first notice
        notices[0] = replace(notices[0], remarks=(*skipped, *notices[0].remarks))
    return notices


def _check_updates(notices: list[Notice], data_dir: Path) -> list[DataError]:
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
                    UPDATES,
                )
            )
        elif earlier.signed >= notice.signed:
            errors.append(
                DataError(
                    file,
                    None,
                    "updates",
                    f"{notice.updates} 的成文日期 {earlier.signed.isoformat()} 不早于本通报 {notice.signed.isoformat()}；进展通报只能更新较早的通报",
                    UPDATES,
                )
            )
    return errors


def notice_folders(data_dir: Path, errors: list[DataError]) -> list[Path]:
    """Folders of ``data_dir`` that hold a notice, checking their names."""
    if not data_dir.is_dir():
        errors.append(DataError(data_dir, None, "", "数据文件夹不存在；应为含有通报文件夹的目录，如 data/"))
        return []
    folders = []
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if not (folder / NOTICE_FILE).exists():
            errors.append(
                DataError(
                    folder,
                    None,
                    "",
                    f"文件夹里没有 {NOTICE_FILE}{_similar_file(folder, NOTICE_FILE)}；"
                    f"每份通报一个文件夹，内含 {NOTICE_FILE} 和 {FINDINGS_FILE}",
                )
            )
        elif not NOTICE_ID.match(folder.name):
            errors.append(DataError(folder, None, "", _bad_folder_name(folder.name)))
        elif folder.name in RESERVED_NOTICE_IDS:
            errors.append(
                DataError(
                    folder,
                    None,
                    "",
                    f"文件夹名 {folder.name} 是网站保留的网址名称，不能用作通报编号；"
                    "请改用能说明发布单位和年份的编号，如 hlj-zgh-2017",
                )
            )
        else:
            folders.append(folder)
    if not folders and not errors:
        skipped = "".join(f"；{r.file.name}：{r.message}" for r in skipped_folders(data_dir, NOTICE_FILE))
        errors.append(DataError(data_dir, None, "", f"没有找到通报；应有至少一个含 {NOTICE_FILE} 的文件夹{skipped}"))
    return folders


def _bad_folder_name(name: str) -> str:
    rule = "应为小写字母、数字和连字符，如 hlj-zgh-2017"
    raw = os.fsencode(name)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            shown = f"（按 GBK 编码读出来是“{raw.decode('gb18030')}”）"
        except UnicodeDecodeError:
            shown = ""
        return f"文件夹名不是 UTF-8 编码{shown}，常见于在 Windows 上打包的压缩文件；请给文件夹改名，{rule}"
    return f"文件夹名 {name} 不能用作通报编号；{rule}"


def _similar_file(folder: Path, name: str) -> str:
    """A hint when ``name`` is missing but ``Notice.yml`` or ``notice.yaml`` is there."""
    stem = name.removesuffix(".yml").lower()
    for candidate in sorted(p.name for p in folder.iterdir()):
        if candidate != name and candidate.lower() in (f"{stem}.yml", f"{stem}.yaml", stem):
            return f"（有一个 {candidate}，请改名为 {name}）"
    return ""


def load_notice(folder: Path) -> Loaded:
    """One notice folder as a model, or the errors that prevent it."""
    documents = {name: load_document(folder / name) for name in (NOTICE_FILE, FINDINGS_FILE)}
    findings_path = folder / FINDINGS_FILE
    if not findings_path.exists() and not findings_path.is_symlink():
        documents[FINDINGS_FILE].errors = [
            DataError(
                findings_path,
                None,
                "",
                f"找不到这个文件{_similar_file(folder, FINDINGS_FILE)}；"
                f"每份通报一个文件夹，内含 {NOTICE_FILE} 和 {FINDINGS_FILE}",
            )
        ]
    for name, document in documents.items():
        if not document.errors:
            check_against_schema(document, name)
    errors = [error for document in documents.values() for error in document.errors]
    if errors:
        return None, _in_file_order(errors)
    notice_doc, findings_doc = documents[NOTICE_FILE], documents[FINDINGS_FILE]
    text, text_errors = read_signed_text(folder)
    if text_errors:
        return None, text_errors
    categories = _categories(findings_doc, notice_doc, folder)
    notice = replace(_notice(folder.name, notice_doc, categories), text=text)
    _check(notice, notice_doc, findings_doc)
    check_traced(notice, findings_doc)
    status_remarks(notice, findings_doc)
    phrases, phrase_errors = formal_phrases(folder.parent)
    short_remarks(findings_doc, phrases)
    errors = notice_doc.errors + findings_doc.errors + phrase_errors
    if errors:
        return None, _in_file_order(errors)
    return replace(notice, remarks=tuple(_in_file_order(notice_doc.remarks + findings_doc.remarks))), []


def _in_file_order(errors: list[Reported]) -> list[Reported]:
    return sorted(errors, key=lambda error: (str(error.file), error.line or 0))


def _fill(text: str, figures: dict[str, Any], document: Document, path: FieldPath) -> str:
    """Replace ``{名称}`` with the stated figure; unknown names are errors."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in figures:
            known = "、".join(figures) or "（figures 里还没有数字）"
            document.error(
                path, f"正文引用了未定义的数字 {{{name}}}；请在 notice.yml 的 figures 里写明它，已有：{known}"
            )
            return match.group(0)
        stated = figures[name]
        return str(stated["value"]) if isinstance(stated, dict) else str(stated)

    return PLACEHOLDER.sub(value, _clean(text))


def _clean(text: str) -> str:
    """Fold the line breaks an editor leaves inside a paragraph."""
    return " ".join(text.split())


def _clean_optional(text: str | None) -> str | None:
    return None if text is None else _clean(text)


def _texts(items: Iterable[str], figures: dict[str, Any], document: Document, path: FieldPath) -> tuple[str, ...]:
    return tuple(_fill(text, figures, document, (*path, i)) for i, text in enumerate(items))


def _categories(findings_doc: Document, notice_doc: Document, folder: Path) -> tuple[Category, ...]:
    figures = notice_doc.data.get("figures", {})
    categories = []
    number = 0
    for c_index, raw in enumerate(findings_doc.data["categories"]):
        c_path: FieldPath = ("categories", c_index)
        findings = []
        for f_index, item in enumerate(raw.get("findings", [])):
            number += 1
            f_path: FieldPath = (*c_path, "findings", f_index)
            findings.append(
                Finding(
                    id=item["id"],
                    number=number,
                    category_id=raw["id"],
                    # No short name: pages show the problem in full (wrapped, never cut).
                    short=_clean(item.get("short", item["problem"])),
                    problem=_clean(item["problem"]),
                    form=_clean(item.get("form", DEFAULT_FORM)),
                    measures=_texts(item.get("measures", []), figures, findings_doc, (*f_path, "measures")),
                    numbered=item.get("numbered", True),
                    status=_status(item, findings_doc, f_path),
                    responsible=_clean_optional(item.get("responsible")),
                    deadline=_clean_optional(item.get("deadline")),
                    due=_due(item),
                    progress=tuple(
                        sorted(
                            (
                                Progress(
                                    date.fromisoformat(step["date"]),
                                    _status(step, findings_doc, (*f_path, "progress", p_index)) or step["status"],
                                    _clean(step["text"]),
                                    _clean_optional(step.get("status_text")),
                                    _clean_optional(step.get("deadline")),
                                    due_of(step.get("deadline"), _optional_date(step.get("due"))),
                                    _clean_optional(step.get("reason")),
                                    _evidences(step, folder, findings_doc, (*f_path, "progress", p_index)),
                                )
                                for p_index, step in enumerate(item.get("progress", []))
                            ),
                            key=lambda step: step.date,
                        )
                    ),
                    lead=_clean_optional(item.get("lead")),
                    department=_clean_optional(item.get("department")),
                    partners=tuple(_clean(name) for name in item.get("partners", [])),
                    evidence=_evidences(item, folder, findings_doc, f_path),
                    closed=date.fromisoformat(item["closed"]) if "closed" in item else None,
                    status_text=_clean_optional(item.get("status_text")),
                    subproblems=tuple(
                        Subproblem(
                            problem=_clean(sub["problem"]),
                            form=_clean(sub.get("form", DEFAULT_FORM)),
                            measures=_texts(sub.get("measures", []), figures, findings_doc, (*s_path, "measures")),
                            numbered=sub.get("numbered", True),
                            status=_status(sub, findings_doc, s_path),
                            status_text=_clean_optional(sub.get("status_text")),
                            responsible=_clean_optional(sub.get("responsible")),
                            deadline=_clean_optional(sub.get("deadline")),
                            due=due_of(sub.get("deadline"), _optional_date(sub.get("due"))),
                        )
                        for s_index, sub in enumerate(item.get("subproblems", []))
                        for s_path in [(*f_path, "subproblems", s_index)]
                    ),
                )
            )
        categories.append(
            Category(
                id=raw["id"],
                number=c_index + 1,
                short=_clean(raw.get("short", raw["title"])),
                title=_clean(raw["title"]),
                paragraphs=_texts(raw.get("paragraphs", []), figures, findings_doc, (*c_path, "paragraphs")),
                findings=tuple(findings),
            )
        )
    return tuple(categories)


def _due(item: dict[str, Any]) -> date | None:
    """The due date in force: of the newest progress step that moved the deadline, else of the finding's."""
    moved = sorted((step for step in item.get("progress", []) if step.get("deadline")), key=lambda s: s["date"])
    source = moved[-1] if moved else item
    return due_of(source.get("deadline"), _optional_date(source.get("due")))


def _evidences(item: dict[str, Any], folder: Path, doc: Document, path: FieldPath) -> tuple[Evidence, ...]:
    return tuple(
        _evidence(entry, folder, doc, (*path, "evidence", index))
        for index, entry in enumerate(item.get("evidence", []))
    )


def _evidence(entry: str | dict[str, str], folder: Path, doc: Document, path: FieldPath) -> Evidence:
    if isinstance(entry, str):
        return Evidence(_clean(entry))
    evidence = Evidence(_clean(entry["text"]), entry.get("link"))
    if "file" not in entry:
        return evidence
    name = entry["file"]
    file = folder / name
    # Inside the notice's folder only: a link out of it would publish whatever it points to.
    if not file.is_file() or not file.resolve().is_relative_to(folder.resolve()):
        doc.error((*path, "file"), f"佐证材料文件 {name} 不存在；请把文件放在本通报文件夹的 evidence/ 中，或改正文件名")
        return evidence
    data = file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    recorded = entry.get("sha256")
    if recorded and recorded != digest:
        doc.error(
            (*path, "sha256"),
            f"佐证材料文件 {name} 已改变：记录的 SHA-256 是 {recorded}，现在的文件是 {digest}；"
            "若换了新文件，请核对后改写 sha256，否则请放回原来的文件",
        )
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return replace(evidence, file=name, type=kind, size=len(data), sha256=digest)


def _status(item: dict[str, Any], doc: Document, path: FieldPath) -> str | None:
    """The stated status, or the one the notice's wording means by the table; never a guess."""
    status, wording = item.get("status"), item.get("status_text")
    mapped = status_of_wording(wording) if wording is not None else None
    if status is not None and mapped is not None and status != mapped:
        # A finding's status changed after publication: progress is where that goes.
        hint = "" if "progress" in path else f"。{PROGRESS_HINT}"
        doc.error(
            (*path, "status"),
            f"整改状态写的是“{status}”，但 status_text“{_clean(wording)}”按整改状态对照表对应“{mapped}”；"
            f"请核对：两者应一致，或删去 status，由对照表换算（对照表见数据格式说明）{hint}",
        )
    return status if status is not None else mapped


def _notice(notice_id: str, doc: Document, categories: tuple[Category, ...]) -> Notice:
    data = doc.data
    figures = data.get("figures", {})
    sections = []
    for s_index, raw in enumerate(data["sections"]):
        s_path: FieldPath = ("sections", s_index)
        parts = tuple(
            Part(
                heading=_clean(part["heading"]),
                paragraphs=_texts(part.get("paragraphs", []), figures, doc, (*s_path, "parts", p_index, "paragraphs")),
            )
            for p_index, part in enumerate(raw.get("parts", []))
        )
        sections.append(
            Section(
                heading=_clean(raw["heading"]),
                paragraphs=_texts(raw.get("paragraphs", []), figures, doc, (*s_path, "paragraphs")),
                parts=parts,
                holds_findings=raw.get("findings", False),
            )
        )
    inspection, signature, publication, contact = (
        data["inspection"],
        data["signature"],
        data["publication"],
        data["contact"],
    )
    return Notice(
        id=notice_id,
        title=_clean(data["title"]),
        issuer=_clean(data["issuer"]),
        keywords=tuple(_clean(word) for word in data.get("keywords", [])),
        inspection=Inspection(
            kind=inspection["kind"],
            team=_clean(inspection["team"]),
            start=_optional_date(inspection.get("start")),
            end=_optional_date(inspection.get("end")),
            feedback=_optional_date(inspection.get("feedback")),
            round=_clean_optional(inspection.get("round")),
        ),
        signer=_clean(signature["signer"]),
        signed=date.fromisoformat(signature["date"]),
        site=_clean(publication["site"]),
        column=_clean_optional(publication.get("column")),
        published=date.fromisoformat(publication["date"]),
        figures={name: _figure_value(value) for name, value in figures.items()},
        rate_decimals=data.get("rate_decimals", 1),
        intro=_texts(data.get("intro", []), figures, doc, ("intro",)),
        sections=tuple(sections),
        categories=categories,
        contact=Contact(
            intro=_fill(contact["intro"], figures, doc, ("contact", "intro")),
            phone=contact.get("phone"),
            address=_clean_optional(contact.get("address")),
            address_label=_clean(contact.get("address_label", DEFAULT_ADDRESS_LABEL)),
            email=contact.get("email"),
        ),
        updates=data.get("updates"),
        stated_figures=tuple(
            _figure(name, value, doc, ("figures", name)) for name, value in figures.items() if isinstance(value, dict)
        ),
        index_no=_clean_optional(publication.get("index_no")),
        publisher=_clean_optional(publication.get("publisher")),
        doc_no=_clean_optional(publication.get("doc_no")),
        subject=_clean_optional(publication.get("subject")),
        next_update=_optional_date(data.get("next_update")),
    )


def _optional_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _figure_value(value: int | str | dict[str, Any]) -> int | str:
    """What ``{名称}`` stands for and what the checks count: the value of a figure with a unit."""
    if isinstance(value, dict):
        number = value["value"]
        return number if isinstance(number, int) else str(number)
    return value


def _figure(name: str, value: dict[str, Any], doc: Document, path: FieldPath) -> Figure:
    unit = _clean_optional(value.get("unit"))
    breakdown = tuple(
        Figure(
            _clean(part["name"]),
            _written(part["value"], doc, (*path, "breakdown", index, "value")),
            _clean_optional(part.get("unit")),
        )
        for index, part in enumerate(value.get("breakdown", []))
    )
    return Figure(name, _written(value["value"], doc, (*path, "value")), unit, breakdown)


def _written(number: int | float | str, doc: Document, path: FieldPath) -> str:
    """A number as the file writes it (7.10 stays 7.10)."""
    return doc.written.get(path) or str(number)


def _check(notice: Notice, notice_doc: Document, findings_doc: Document) -> None:
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
    i = notice.inspection
    ordered = [
        (("inspection", "start"), "进驻日期", i.start, ("inspection", "end"), "结束日期", i.end),
        (("inspection", "end"), "结束日期", i.end, ("inspection", "feedback"), "反馈日期", i.feedback),
        (("inspection", "feedback"), "反馈日期", i.feedback, ("signature", "date"), "成文日期", notice.signed),
        (("inspection", "feedback"), "反馈日期", i.feedback, ("publication", "date"), "发布日期", notice.published),
        (
            ("signature", "date"),
            "成文日期",
            notice.signed,
            ("next_update",),
            "下次公开整改进展的日期",
            notice.next_update,
        ),
    ]
    for _, early_name, early, late_path, late_name, late in ordered:
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
