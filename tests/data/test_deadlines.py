"""Deadlines as dates, words kept (issue 26): ``data.deadlines`` dates a 完成时限 by its rule table,
the model, open data and the ledger carry the date, and words the rules do not read give no date
and a remark. The written and real import fixtures are dated as far as the rules go."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from conftest import ROOT, SEED_ID
from rectify.cli import ledger as ledger_command
from rectify.cli import main
from rectify.data.deadlines import RULES, deadline_date, rule_rows
from rectify.data.load import load_notice
from rectify.intake.notice import import_paragraphs
from rectify.intake.notice.read import read_paragraphs
from rectify.site.opendata import findings_csv, notice_from_json, notice_json
from rectify.site.reference import deadline_rules_table
from rectify.site.render import site_pages

Edit = Callable[[str, str, str], Path]
IMPORTS = ROOT / "tests" / "fixtures" / "import"


@pytest.mark.parametrize(
    ("words", "due"),
    [
        ("2017年底前", date(2017, 12, 31)),
        ("2024年12月底前", date(2024, 12, 31)),
        ("2025年6月前", date(2025, 5, 31)),  # 前: before the month starts
        ("2025年1月前", date(2024, 12, 31)),
        ("2025年6月底前", date(2025, 6, 30)),
        ("2024年2月底前", date(2024, 2, 29)),
        ("2024年11月30日", date(2024, 11, 30)),
        ("2024年11月30日前", date(2024, 11, 30)),
        ("2025.6.30", date(2025, 6, 30)),
        ("预计2025年3月底前完成。", date(2025, 3, 31)),
        ("２０２５年３月底前", date(2025, 3, 31)),
        ("2025年6月", date(2025, 6, 30)),
        ("2025年6月中旬", date(2025, 6, 20)),
        ("2025年第一季度", date(2025, 3, 31)),
        ("2025年上半年", date(2025, 6, 30)),
        ("2025年下半年", date(2025, 12, 31)),
        ("2024年内", date(2024, 12, 31)),
        ("2025年前", date(2024, 12, 31)),
    ],
)
def test_words_that_give_a_date(words: str, due: date) -> None:
    assert deadline_date(words).day == due
    assert deadline_date(words).unclear is None


@pytest.mark.parametrize("words", ["长期坚持", "长期", "持续推进", "长期坚持，持续推进", "长期坚持整改"])
def test_long_term_words_give_no_date(words: str) -> None:
    dated = deadline_date(words)
    assert dated.day is None and dated.long_term and dated.unclear is None


@pytest.mark.parametrize(
    ("words", "why"),
    [
        ("6月底前", "没有写年份"),
        ("年底前", "没有写年份"),
        ("2024年6月底前完成初步整改，12月底前全面完成", "不止一个日期"),
        ("2024年2月30日", "不存在"),
        ("2017年底前完成并长期坚持", "不是完成时限规则表中的写法"),
        ("尽快", "不是完成时限规则表中的写法"),
    ],
)
def test_unclear_words_give_no_date_and_say_why(words: str, why: str) -> None:
    dated = deadline_date(words)
    assert dated.day is None and not dated.long_term
    assert dated.unclear and why in dated.unclear


def test_the_rule_table_on_the_format_page_is_the_code_s() -> None:
    table = deadline_rules_table()
    assert len(rule_rows()) == len(RULES) + 3
    assert "| 某年某月前、某月之前 | 2025年6月前 | 2025-05-31 |" in table
    assert "| 某年底（前）、年末、年内 | 2017年底前 | 2017-12-31 |" in table
    assert "<!-- rectify:deadline-rules -->" in (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def test_the_seed_s_findings_carry_the_date_beside_the_words(data_copy: Path) -> None:
    notice, errors = load_notice(data_copy / SEED_ID)
    assert notice is not None and not errors
    dated = {f.id: (f.deadline, f.due) for f in notice.findings if f.deadline}
    assert dated == {
        "union-reform": ("2017年底前", date(2017, 12, 31)),
        "joint-meeting": ("2017年底前", date(2017, 12, 31)),
        "idle-flats": ("2017年底前", date(2017, 12, 31)),
    }
    assert all(f.due is None for f in notice.findings if not f.deadline)
    assert not [r for r in notice.remarks if "完成时限" in r.message]
    # Open data: JSON carries ``due`` and reads it back; CSV has the column beside 完成时限.
    assert json.loads(notice_json(notice))["categories"][0]["findings"][0]["due"] == "2017-12-31"
    assert notice_from_json(notice_json(notice)) == notice
    rows = list(csv.DictReader(io.StringIO(findings_csv(notice).lstrip("\ufeff"))))
    assert (rows[0]["完成时限"], rows[0]["应完成日期"]) == ("2017年底前", "2017-12-31")
    assert rows[2]["应完成日期"] == ""


def test_unclear_words_are_a_remark_and_a_stated_due_is_used(data_copy: Path, edit: Edit) -> None:
    edit("findings.yml", "deadline: 2017年底前", "deadline: 12月底前")
    notice, errors = load_notice(data_copy / SEED_ID)
    assert notice is not None and not errors
    assert notice.findings[0].due is None
    (remark,) = [r for r in notice.remarks if "12月底前" in r.message]
    assert "没有写年份" in remark.message and "due:" in remark.message and remark.line == 20
    # The office states the date: used, no remark.
    edit("findings.yml", "deadline: 12月底前", "deadline: 12月底前\n        due: 2017-12-31")
    notice, _ = load_notice(data_copy / SEED_ID)
    assert notice is not None and notice.findings[0].due == date(2017, 12, 31)
    assert not [r for r in notice.remarks if "12月底前" in r.message]


def test_a_stated_due_the_words_contradict_is_a_remark(data_copy: Path, edit: Edit) -> None:
    edit("findings.yml", "deadline: 2017年底前", "deadline: 2017年底前\n        due: 2017-06-30")
    notice, _ = load_notice(data_copy / SEED_ID)
    assert notice is not None and notice.findings[0].due == date(2017, 6, 30)
    (remark,) = [r for r in notice.remarks if "due" in r.message]
    assert "2017-12-31" in remark.message and "2017-06-30" in remark.message


def test_the_ledger_writes_and_reads_the_date(data_copy: Path, tmp_path: Path, capsys: Any) -> None:
    ledger = tmp_path / "台账.xlsx"
    assert main(["ledger", "export", str(data_copy / SEED_ID), "-o", str(ledger)]) == 0
    workbook = openpyxl.load_workbook(ledger)
    ws = workbook["整改台账"]
    assert ws["N3"].value == "应完成日期"
    assert ws["N4"].value.date() == date(2017, 12, 31) and ws["N6"].value is None
    # Unchanged, the exported date changes nothing; another date is written as ``due``.
    assert ledger_command.update(ledger, data_copy / SEED_ID, True, date(2018, 1, 15)) == 0
    assert "due:" not in (data_copy / SEED_ID / "findings.yml").read_text(encoding="utf-8")
    ws["N4"] = date(2017, 9, 30)
    workbook.save(ledger)
    assert ledger_command.update(ledger, data_copy / SEED_ID, True, date(2018, 1, 15)) == 0
    assert "应完成日期：2017-12-31 → 2017-09-30" in capsys.readouterr().out
    notice, _ = load_notice(data_copy / SEED_ID)
    assert notice is not None and notice.findings[0].due == date(2017, 9, 30)
    # rectify import of the ledger reads the column: only a date the words do not give becomes ``due``.
    out = tmp_path / "data" / "again"
    assert main(["import", str(ledger), "-o", str(out)]) == 0
    findings = [f for c in yaml.safe_load((out / "findings.yml").read_text(encoding="utf-8"))["categories"] for f in c.get("findings", [])]  # fmt: skip
    assert findings[0]["due"] == date(2017, 9, 30) and "due" not in findings[1]


def _fixture_deadlines() -> dict[str, list[str]]:
    """Every deadline the import reads from the real and written notices (findings and sub-problems)."""
    found: dict[str, list[str]] = {}
    for group in ("real", "written"):
        expected = yaml.safe_load((IMPORTS / group / "expected.yml").read_text(encoding="utf-8"))["fixtures"]
        for name, fixture in sorted(expected.items()):
            imported = import_paragraphs(
                read_paragraphs(IMPORTS / group / fixture["file"]), source_name=fixture["file"]
            )
            for category in imported.findings["categories"]:
                for finding in category.get("findings", []):
                    for item in [finding, *finding.get("subproblems", [])]:
                        if item.get("deadline"):
                            found.setdefault(f"{group}/{name}", []).append(item["deadline"])
    return found


def test_the_fixtures_deadlines_are_dated_or_long_term() -> None:
    """Measured for the issue's note: of the deadlines the fixtures state, how many the rules date."""
    found = _fixture_deadlines()
    words = [w for ws in found.values() for w in ws]
    dated = [w for w in words if deadline_date(w).day]
    long_term = [w for w in words if deadline_date(w).long_term]
    assert not [k for k in found if k.startswith("real/")]  # the real notices state no per-problem deadline
    assert (len(words), len(dated), len(long_term)) == (15, 10, 5)


MOVE = """        deadline: 2017年底前
        progress:
          - date: 2017-12-20
            status: 正在整改
            text: 改革方案已报省委。
            deadline: 2018年6月底前
            reason: 方案须经省委常委会审议，会期在2018年5月。
"""


def test_a_moved_deadline_carries_its_reason(data_copy: Path, edit: Edit) -> None:
    edit("findings.yml", "        deadline: 2017年底前\n", MOVE)
    notice, errors = load_notice(data_copy / SEED_ID)
    assert notice is not None and not errors
    finding = notice.findings[0]
    assert (finding.deadline, finding.current_deadline, finding.due) == (
        "2017年底前",
        "2018年6月底前",
        date(2018, 6, 30),
    )
    assert notice_from_json(notice_json(notice)) == notice
    page = site_pages([notice], built=date(2018, 7, 10))[f"{SEED_ID}/findings/union-reform.md"]
    assert "- 完成时限：2018年6月底前（应完成日期：2018年6月30日）" in page
    assert (
        "- 完成时限的调整：原定2017年底前；2017年12月20日调整为2018年6月底前，"
        "原因：方案须经省委常委会审议，会期在2018年5月。" in page
    )
    # Overdue counts from the moved date, and the last update is the progress step.
    assert "截至2018年7月10日，已超过完成时限 10 天（最近一次更新：2017年12月20日）" in page


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ("            reason: 方案须经省委常委会审议，会期在2018年5月。\n", "没有写调整的原因"),
        ("            deadline: 2018年6月底前\n", "但没有写调整后的完成时限"),
    ],
)
def test_a_moved_deadline_without_its_reason_is_an_error(data_copy: Path, edit: Edit, drop: str, message: str) -> None:
    edit("findings.yml", "        deadline: 2017年底前\n", MOVE.replace(drop, ""))
    notice, errors = load_notice(data_copy / SEED_ID)
    assert notice is None
    (error,) = errors
    assert message in error.message and "整改进展第1项" in str(error)


CLOSED = """        deadline: 2017年底前
        progress:
          - date: 2017-12-20
            status: 已完成
            text: 省委已印发改革方案。
"""


def test_closure_through_progress_shows_its_evidence_or_says_none(data_copy: Path, edit: Edit) -> None:
    """Point 4: a finding completed through progress lists its 佐证材料, or says 未列出佐证材料."""
    edit("findings.yml", "        deadline: 2017年底前\n", CLOSED)
    notice, _ = load_notice(data_copy / SEED_ID)
    assert notice is not None
    page = site_pages([notice], built=date(2018, 1, 1))[f"{SEED_ID}/findings/union-reform.md"]
    assert "## 佐证材料\n\n未列出佐证材料。" in page and 'class="due' not in page  # completed: never overdue
    edit("findings.yml", CLOSED, CLOSED + "        evidence:\n          - 省委改革方案（2017年第5号）\n")
    notice, _ = load_notice(data_copy / SEED_ID)
    assert notice is not None
    page = site_pages([notice], built=date(2018, 1, 1))[f"{SEED_ID}/findings/union-reform.md"]
    assert "## 佐证材料\n\n- 省委改革方案（2017年第5号）" in page and "未列出" not in page
    # Completed as the notice states it: no evidence section is asked for.
    assert "佐证材料" not in site_pages([notice])[f"{SEED_ID}/findings/party-dues.md"]
