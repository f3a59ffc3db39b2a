"""A notice written in traditional characters imports as its simplified original does (issue 27).

Before: a Big5 text's 關於「…」問題 headings gave problems without a status (4 of 5 unread in
yunxi-shenjiju), and its 聯繫電話 and 電子郵箱 were not found (contact empty, two errors). Now the
importer reads a folded copy and writes the text's own characters: text.txt is the source, line for line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from rectify.data.chinese import fold, is_traditional
from rectify.intake.notice import Imported, import_paragraphs
from rectify.intake.notice.read import read_paragraphs

TRADITIONAL = FIXTURES / "import" / "traditional"
WRITTEN = FIXTURES / "import" / "written"
FIGURE = re.compile(r"\{[^{}]*\}")
CASES = {"yunxi-shenjiju.big5.txt": "yunxi-shenjiju.txt", "qinglan-jiaoyuju.txt": "qinglan-jiaoyuju.txt"}


def _import(path: Path) -> tuple[Imported, str]:
    paragraphs = read_paragraphs(path)
    return import_paragraphs(paragraphs, source_name=path.name), "".join(f"{p.text.strip()}\n" for p in paragraphs)


def _reading(imported: Imported) -> list[tuple[Any, ...]]:
    """What the import read, in simplified characters: each problem's fields and the contact."""
    findings = [f for c in imported.findings["categories"] for f in c.get("findings", [])]
    fields = ("problem", "status", "status_text", "deadline", "responsible", "lead", "department", "form")
    rows: list[tuple[Any, ...]] = [
        (*(fold(str(f.get(name))) for name in fields), len(f.get("measures", [])), len(f.get("subproblems", [])))
        for f in findings
    ]
    notice = imported.notice
    rows.append(tuple(fold(str(v)) for v in notice["contact"].values()))
    rows.append((fold(notice["title"]), notice["signature"]["date"], fold(str(notice.get("figures")))))
    rows.append(tuple(fold(c["title"]) for c in imported.findings["categories"]))
    return rows


@pytest.mark.parametrize("name", list(CASES))
def test_a_traditional_text_is_read_as_its_simplified_original(name: str) -> None:
    traditional, source = _import(TRADITIONAL / name)
    simplified, _ = _import(WRITTEN / CASES[name])
    assert is_traditional(source)
    assert _reading(traditional) == _reading(simplified)
    assert [r.message for r in traditional.remarks] == [r.message for r in simplified.remarks]
    assert traditional.notice["contact"]["phone"] and traditional.notice["contact"]["email"]


@pytest.mark.parametrize("name", list(CASES))
def test_what_is_written_keeps_the_text_s_own_characters(name: str) -> None:
    imported, source = _import(TRADITIONAL / name)
    assert imported.text == source  # the signed text, character for character
    findings = [f for c in imported.findings["categories"] for f in c.get("findings", [])]
    for finding in findings:
        assert finding["problem"] in source  # 學習貫徹…, not 学习贯彻…
        # measures as written, less the {name} of a figure stated once in notice.yml
        assert all(part in source for measure in finding.get("measures", []) for part in FIGURE.split(measure))
    assert imported.notice["title"] in source and imported.notice["contact"]["intro"] in source
    assert all(f["form"].startswith("關於「…」的問題。") for f in findings)
    assert {f.get("status") for f in findings} <= {"已完成", "正在整改", "长期整改", "未完成", None}
    assert imported.notice["inspection"]["kind"] == "巡察"  # the data check's word


def test_a_simplified_text_is_read_as_it_is() -> None:
    imported, source = _import(WRITTEN / "yunxi-shenjiju.txt")
    assert not is_traditional(source)
    assert imported.text == source


def test_the_data_check_reads_a_traditional_status_wording() -> None:
    from rectify.data.model import status_of_wording

    assert status_of_wording("需長期堅持整改") == status_of_wording("需长期坚持整改") == "长期整改"
    assert fold("關於「審計」問題。聯繫電話") == "关于“审计”问题。联系电话"
