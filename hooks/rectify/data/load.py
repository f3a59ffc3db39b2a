"""Load notice folders (``folders``) into validated models.

Each document is read with the line of every field (``source``) and checked against its schema
(``schema``); this module turns the two documents of a folder into a ``Notice``, and ``rules``
checks what spans fields and notices. Every error found is collected and raised together as
:class:`DataInvalid`.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from .checks import PROGRESS_HINT, formal_phrases, short_remarks
from .deadlines import due_of
from .errors import DataError, DataInvalid
from .folders import FINDINGS_FILE, NOTICE_FILE, missing_findings, notice_folders, skipped_folders
from .model import (
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
from .rules import check_rules, check_updates
from .schema import check_against_schema
from .signed import check_traced, read_signed_text, status_remarks
from .source import Document, FieldPath, load_document

Reported = TypeVar("Reported", bound=DataError)  # an error or a remark
PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
DEFAULT_FORM = "针对“…”问题。"
DEFAULT_ADDRESS_LABEL = "通信地址"
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
    errors += check_updates(notices, data_dir)
    if errors:
        raise DataInvalid(errors)
    skipped = skipped_folders(data_dir)
    if skipped and notices:  # said where every remark is said (check, build log, preview): with the first notice
        notices[0] = replace(notices[0], remarks=(*skipped, *notices[0].remarks))
    return notices


def load_notice(folder: Path) -> Loaded:
    """One notice folder as a model, or the errors that prevent it."""
    documents = {name: load_document(folder / name) for name in (NOTICE_FILE, FINDINGS_FILE)}
    missing = missing_findings(folder)
    if missing:
        documents[FINDINGS_FILE].errors = [missing]
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
    check_rules(notice, notice_doc, findings_doc)
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
    categories: list[Category] = []
    numbered = 0  # findings are numbered through the notice, not within each category
    for c_index, raw in enumerate(findings_doc.data["categories"]):
        c_path: FieldPath = ("categories", c_index)
        findings = tuple(
            _finding(
                item, raw["id"], numbered + f_index + 1, figures, findings_doc, folder, (*c_path, "findings", f_index)
            )
            for f_index, item in enumerate(raw.get("findings", []))
        )
        numbered += len(findings)
        categories.append(
            Category(
                id=raw["id"],
                number=c_index + 1,
                short=_clean(raw.get("short", raw["title"])),
                title=_clean(raw["title"]),
                paragraphs=_texts(raw.get("paragraphs", []), figures, findings_doc, (*c_path, "paragraphs")),
                findings=findings,
            )
        )
    return tuple(categories)


def _finding(
    item: dict[str, Any],
    category_id: str,
    number: int,
    figures: dict[str, Any],
    doc: Document,
    folder: Path,
    path: FieldPath,
) -> Finding:
    return Finding(
        id=item["id"],
        number=number,
        category_id=category_id,
        # No short name: pages show the problem in full (wrapped, never cut).
        short=_clean(item.get("short", item["problem"])),
        problem=_clean(item["problem"]),
        form=_clean(item.get("form", DEFAULT_FORM)),
        measures=_texts(item.get("measures", []), figures, doc, (*path, "measures")),
        numbered=item.get("numbered", True),
        status=_status(item, doc, path),
        responsible=_clean_optional(item.get("responsible")),
        deadline=_clean_optional(item.get("deadline")),
        due=_due(item),
        progress=_progress(item, folder, doc, path),
        lead=_clean_optional(item.get("lead")),
        department=_clean_optional(item.get("department")),
        partners=tuple(_clean(name) for name in item.get("partners", [])),
        evidence=_evidences(item, folder, doc, path),
        closed=date.fromisoformat(item["closed"]) if "closed" in item else None,
        status_text=_clean_optional(item.get("status_text")),
        subproblems=tuple(
            _subproblem(sub, figures, doc, (*path, "subproblems", s_index))
            for s_index, sub in enumerate(item.get("subproblems", []))
        ),
    )


def _progress(item: dict[str, Any], folder: Path, doc: Document, path: FieldPath) -> tuple[Progress, ...]:
    """The finding's progress steps, oldest first."""
    steps = (
        _step(step, folder, doc, (*path, "progress", p_index)) for p_index, step in enumerate(item.get("progress", []))
    )
    return tuple(sorted(steps, key=lambda step: step.date))


def _step(step: dict[str, Any], folder: Path, doc: Document, path: FieldPath) -> Progress:
    return Progress(
        date.fromisoformat(step["date"]),
        _status(step, doc, path) or step["status"],
        _clean(step["text"]),
        _clean_optional(step.get("status_text")),
        _clean_optional(step.get("deadline")),
        due_of(step.get("deadline"), _optional_date(step.get("due"))),
        _clean_optional(step.get("reason")),
        _evidences(step, folder, doc, path),
    )


def _subproblem(sub: dict[str, Any], figures: dict[str, Any], doc: Document, path: FieldPath) -> Subproblem:
    return Subproblem(
        problem=_clean(sub["problem"]),
        form=_clean(sub.get("form", DEFAULT_FORM)),
        measures=_texts(sub.get("measures", []), figures, doc, (*path, "measures")),
        numbered=sub.get("numbered", True),
        status=_status(sub, doc, path),
        status_text=_clean_optional(sub.get("status_text")),
        responsible=_clean_optional(sub.get("responsible")),
        deadline=_clean_optional(sub.get("deadline")),
        due=due_of(sub.get("deadline"), _optional_date(sub.get("due"))),
    )


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
    sections = _sections(data["sections"], figures, doc)
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
        sections=sections,
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


def _sections(raws: list[dict[str, Any]], figures: dict[str, Any], doc: Document) -> tuple[Section, ...]:
    sections = []
    for s_index, raw in enumerate(raws):
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
    return tuple(sections)


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
