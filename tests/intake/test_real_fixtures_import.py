"""The importer on real published notices, against what a correct import must yield.

tests/fixtures/import/real/expected.yml holds, for every real fixture, facts read by hand from
its text. Each test here compares one kind of fact with what the importer makes of the text:
the title (or its absence), 巡视 or 巡察, the dates the text states, chrome that must not end up
in the data, statuses that the text does not state, and sentences that must not be lost.

Facts the importer does not get right yet are listed in KNOWN_GAPS with what goes wrong; they
are marked strict xfail: when the importer gets one right, the test fails until the entry is
removed, so the list says exactly what is still wrong and a fixed fact stays fixed.

`.venv/bin/python tools/real_fixtures_report.py --details` prints the same comparison as a table.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES
from real_fixtures_report import NUMBERING, quotes, sentences, squash, strings
from rectify.data.load import load_notice
from rectify.intake.notice import DEFAULT_FORM, Imported, import_paragraphs
from rectify.intake.notice.read import read_paragraphs

REAL = FIXTURES / "import" / "real"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((REAL / "expected.yml").read_text(encoding="utf-8"))["fixtures"]

# (check, fixture) -> what the importer does instead (measured 2026-12-02).
KNOWN_GAPS: dict[tuple[str, str], str] = {
    ("kept", "nankai-dangwei"): (
        "the contact line and the date under the signature become fields (phone, address, e-mail,"
        " signature.date); this check only sees text, so it cannot tell them apart from lost text"
    ),
    ("problems", "wucheng-wenlvti"): (
        "the copy lost the closing quote of the sub-problem (（1）关于“…不深不透。局党组未组织学习…): the"
        " sub-problem runs on into its measures"
    ),
}

DATE_FIELDS = {
    "inspection_start": ("inspection", "start"),
    "inspection_end": ("inspection", "end"),
    "feedback": ("inspection", "feedback"),
}


@cache
def imported(key: str) -> Imported:
    name = EXPECTED[key]["file"]
    return import_paragraphs(read_paragraphs(REAL / name), source_name=name)


def cases(check: str) -> list[Any]:
    return [
        pytest.param(key, marks=pytest.mark.xfail(reason=KNOWN_GAPS[(check, key)], strict=True))
        if (check, key) in KNOWN_GAPS
        else key
        for key in sorted(EXPECTED)
    ]


def data_text(result: Imported) -> str:
    """Every string of the imported data, with {figure} references filled in, squashed."""
    text = "\n".join(strings(result.notice) + strings(result.findings) + quotes(result.findings))
    for name, value in (result.notice.get("figures") or {}).items():
        shown = value.get("value") if isinstance(value, dict) else value  # a figure with its unit: the number
        text = text.replace("{" + str(name) + "}", str(shown))
    return squash(text)


# The data field each kind of stated fact fills (see DATE_FIELDS for the dates).
FIELD_OF_DATE = {
    "inspection_start": "inspection.start",
    "inspection_end": "inspection.end",
    "feedback": "inspection.feedback",
    "signed": "signature.date",
    "written": "signature.date",
    "published": "publication.date",
}


HEADING = re.compile(r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def silent_fields(entry: dict[str, Any]) -> set[str]:
    """Required fields the text does not state: the import leaves them empty, for a person to fill."""
    stated = {FIELD_OF_DATE[name] for name in entry.get("dates") or {} if name in FIELD_OF_DATE}
    silent = set(FIELD_OF_DATE.values()) - stated
    if entry["title"] is None:
        silent.add("title")
        # no title: no issuer named in it, and nothing to sign for it (the import names no one)
        silent |= {"issuer", "signature.signer"}
    # the website a text was copied from is rarely in the text
    silent.add("publication.site")
    text = (REAL / entry["file"]).read_text(encoding="utf-8")
    if not re.search("电话|邮箱|信箱|地址", text):
        silent |= {"contact.intro", "contact.phone"}  # no contact block (most openings stop before it)
    headings = [line for line in entry.get("narrative") or [] if HEADING.match(line)]
    if not headings and not (entry.get("problems") or {}).get("seen_in_opening"):
        silent.add("sections")  # no 一、/(一) heading: the whole opening is the intro
    return silent


@pytest.mark.parametrize("key", cases("check"))
def test_the_check_fails_only_on_what_the_text_does_not_state(key: str, tmp_path: Path) -> None:
    """Absent stays absent: the imported data checks, except for empty fields the text is silent on."""
    result = imported(key)
    folder = tmp_path / "imported"
    folder.mkdir()
    (folder / "notice.yml").write_text(result.notice_yaml, encoding="utf-8")
    (folder / "findings.yml").write_text(result.findings_yaml, encoding="utf-8")
    _, errors = load_notice(folder)
    # A problem whose measures the opening does not reach has none: the check asks for them.
    errors = [e for e in errors if not e.message.startswith("缺少必填字段 measures")]
    assert {error.field for error in errors} <= silent_fields(EXPECTED[key]), [str(e) for e in errors]
    assert all("空" in error.message for error in errors), [str(e) for e in errors]


@pytest.mark.parametrize("key", cases("title"))
def test_title(key: str) -> None:
    want = EXPECTED[key]["title"]
    got = (imported(key).notice.get("title") or "").strip()
    if want is None:
        # No title in the text: whatever stands in for it must not be a line of chrome.
        chrome = {squash(line) for line in EXPECTED[key].get("chrome") or []}
        assert squash(got) not in chrome, got
    else:
        assert got == want


@pytest.mark.parametrize("key", cases("kind"))
def test_kind_of_inspection(key: str) -> None:
    want = EXPECTED[key]["inspection"]["kind"]
    assert (imported(key).notice.get("inspection") or {}).get("kind") == want


@pytest.mark.parametrize("key", cases("dates"))
def test_stated_inspection_dates(key: str) -> None:
    stated = EXPECTED[key].get("dates") or {}
    notice = imported(key).notice
    got = {name: str((notice.get(group) or {}).get(field) or "") for name, (group, field) in DATE_FIELDS.items()}
    want = {name: stated[name]["date"] for name in DATE_FIELDS if name in stated}
    assert {name: got[name] for name in want} == want


@pytest.mark.parametrize("key", cases("chrome"))
def test_no_chrome_in_the_data(key: str) -> None:
    result = imported(key)
    flat = data_text(result)
    chrome = {line.strip() for line in EXPECTED[key].get("chrome") or []}
    # The portal header's values belong in the publication fields (索引号 → index_no, 发布机构 → publisher…).
    chrome -= {str(value) for value in (result.notice.get("publication") or {}).values()}
    # A chrome line that is only a date (成文日期 2023-05-04) may be a stated date the data holds.
    leaked = [
        line for line in chrome if len(squash(line)) > 3 and not ISO_DATE.fullmatch(line) and squash(line) in flat
    ]
    assert not leaked


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_no_status_the_text_does_not_state(key: str) -> None:
    problems = EXPECTED[key].get("problems") or {}
    if problems.get("per_problem_status") is True:
        pytest.skip("the text states a status per problem")
    findings = [f for c in imported(key).findings.get("categories") or [] for f in c.get("findings") or []]
    assert [f["status"] for f in findings if f.get("status")] == []


@pytest.mark.parametrize("key", cases("kept"))
def test_no_sentence_is_lost(key: str) -> None:
    entry = EXPECTED[key]
    chrome = {line.strip() for line in entry.get("chrome") or []}
    flat = data_text(imported(key))
    text = (REAL / entry["file"]).read_text(encoding="utf-8")
    lost = [sentence for sentence in sentences(text, chrome) if sentence not in flat]
    assert not lost


def heading(item: dict[str, Any]) -> str:
    """How the text heads a problem or sub-problem by the data: its form with the problem in it, without
    a 整改情况：/整改措施： label the form took from the paragraph after the heading; squashed."""
    quote = squash(item.get("form", DEFAULT_FORM).replace("…", item["problem"]))
    return re.sub(r"(整改情况|整改措施):$", "", quote)


def headed(lines: list[str]) -> list[str]:
    """Headings as the text writes them, without their numbering (1. (一) 反馈问题一:), squashed."""
    return [NUMBERING.sub("", squash(line)) for line in lines]


@pytest.mark.parametrize("key", cases("problems"))
def test_problems_as_the_text_heads_them(key: str) -> None:
    """Each problem heading of the text is a problem, in order; the headings above them are its categories
    and the ones under a problem its sub-problems: nothing more, nothing less."""
    stated = EXPECTED[key].get("problems") or {}
    if not stated.get("headings"):
        pytest.skip("the text heads no problem")
    categories = imported(key).findings.get("categories") or []
    problems = [f for c in categories for f in c.get("findings") or []]
    assert [heading(f) for f in problems] == headed(stated["headings"])
    if stated.get("categories"):
        assert [squash(c["title"]) for c in categories] == headed(stated["categories"])
    if stated.get("subproblems_seen"):
        subproblems = [sub for f in problems for sub in f.get("subproblems") or []]
        assert [heading(sub) for sub in subproblems] == headed(stated["subproblems"])


@pytest.mark.parametrize("key", cases("not_figures"))
def test_numbers_that_are_not_figures_are_not_read_as_figures(key: str) -> None:
    """完成率100% of one task inside the findings list is not the notice's 完成率 (nor 4个专项整改工作组 a figure)."""
    figures = imported(key).notice.get("figures") or {}
    read = [
        f"{name} {value}"
        for name, value in figures.items()
        for phrase in EXPECTED[key].get("not_figures") or []
        if squash(name) in squash(phrase)
        and squash(str(value.get("value") if isinstance(value, dict) else value)) in squash(phrase)
    ]
    assert not read


@pytest.mark.parametrize("key", cases("total"))
def test_stated_totals_are_figures(key: str) -> None:
    """The problem total and the per-status totals the text states are figures of the notice."""
    entry = EXPECTED[key]
    stated = (entry.get("problems") or {}).get("stated_total")
    totals = entry.get("status_totals") or {}
    if stated is None and not totals:
        pytest.skip("the text states no total")
    figures = imported(key).notice.get("figures") or {}
    if stated is not None:
        assert figures.get("问题总数") == stated, figures
    values = sorted(v for v in figures.values() if isinstance(v, int))
    for count in totals.values():
        assert count in values, (count, figures)
