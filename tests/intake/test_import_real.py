"""rectify import on every real published notice in tests/fixtures/import/real/ (issue 12).

For each fixture, against the hand-read tests/fixtures/import/real/expected.yml:

- it imports: never refused;
- nothing is lost: every sentence of the text, chrome aside, is in the imported data, and in the
  text's order (the data read in document order: title, intro, sections with the categories and
  problems where the findings section is, contact, signature);
- nothing is invented: no status where the text states none (statuses only as stated), no date the
  text does not state, no figure whose number is not in the text;
- it yields what the text states: title (or none), kind, the inspection dates.

How much of each fixture's stated figures and problems the import reads is measured, not asserted,
by ``tools/real_fixtures_report.py`` (a table for the closing note).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from rectify.intake.notice import Imported, import_paragraphs, split_label
from rectify.intake.notice.read import read_paragraphs

REAL = ROOT / "tests" / "fixtures" / "import" / "real"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((REAL / "expected.yml").read_text(encoding="utf-8"))["fixtures"]
NAMES = sorted(EXPECTED)

_MARKER = re.compile(r"(^|[。；;：:!！?？.])[一二三四五六七八九十]{1,3}是")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_LABEL_WORDS = re.compile(
    r"^(联系电话|举报电话|监督电话|咨询电话|电话|手机|传真|邮政信箱|通信地址|通讯地址|来信地址|邮寄地址|信访地址|地址|"
    r"邮政编码|邮编|电子邮箱|电子信箱|电子邮件|邮箱|E-?mail|网址|网站|联系方式(如下)?)$",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Full- and half-width folded, whitespace and 一是/二是 markers dropped."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return _MARKER.sub(r"\1", text)


def _cn_date(value: Any) -> str:
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _cn_date(date.fromisoformat(value))
    return ""


def _figure(value: Any) -> str:
    """What ``{名称}`` shows: the number (a figure with a unit keeps its unit in the text)."""
    return str(value["value"] if isinstance(value, dict) else value)


def data_text(imported: Imported) -> str:
    """Everything the data says, in the order a reader of the notice meets it."""
    notice, figures = imported.notice, imported.notice.get("figures", {})
    out: list[str] = []

    def add(value: Any) -> None:
        if isinstance(value, str):
            out.append(_PLACEHOLDER.sub(lambda m: _figure(figures.get(m.group(1), m.group(0))), value))

    def problem(item: dict[str, Any]) -> None:
        add(item.get("form", "针对“…”问题。").replace("…", item["problem"]))
        add(item.get("status_text"))
        for measure in item.get("measures", []):
            add(measure)
        for sub in item.get("subproblems", []):
            problem(sub)

    add(notice.get("title"))
    for paragraph in notice.get("intro", []):
        add(paragraph)
    for section in notice.get("sections", []):
        add(section["heading"])
        for paragraph in section.get("paragraphs", []):
            add(paragraph)
        for part in section.get("parts", []):
            add(part["heading"])
            for paragraph in part.get("paragraphs", []):
                add(paragraph)
        if section.get("findings"):
            for category in imported.findings["categories"]:
                add(category["title"])
                for paragraph in category.get("paragraphs", []):
                    add(paragraph)
                for finding in category.get("findings", []):
                    problem(finding)
    contact = notice.get("contact", {})
    for key in ("intro", "phone", "address", "email"):
        add(contact.get(key))
    add(notice.get("signature", {}).get("signer"))
    out.append(_cn_date(notice.get("signature", {}).get("date")))
    return normalise("".join(out))


def source_sentences(path: Path, imported: Imported) -> list[tuple[int, str]]:
    """(line, sentence) of the text less what the import set aside (chrome, header, status notes…)."""
    aside: dict[int, list[str]] = {}
    for line, text in imported.set_aside:
        aside.setdefault(line, []).append(text)
    found = []
    for paragraph in read_paragraphs(path):
        text = paragraph.text
        for piece in aside.get(paragraph.line, []):
            text = text.replace(piece, "", 1)
        text = normalise(re.sub(r"^[•●▪◆■]\s*", "", text.strip())).replace("**", "")
        text = split_label(text)[2]
        for sentence in re.split(r"(?<=[。!?！？])", text):
            if sentence.strip("。!?！？;；,，:："):
                found.append((paragraph.line, sentence))
    return found


def missing_and_out_of_order(path: Path, imported: Imported) -> tuple[list[str], list[str]]:
    data = data_text(imported)
    missing, disordered, cursor = [], [], 0
    for line, sentence in source_sentences(path, imported):
        at = data.find(sentence, cursor)
        if at >= 0:
            cursor = at
            continue
        if sentence in data:
            disordered.append(f"{path.name}:{line}: {sentence[:40]}")
            continue
        # a contact line is read into fields: each of its values must be there
        pieces = [p for p in re.split(r"[;,:：；，]", sentence.rstrip("。")) if p and not _LABEL_WORDS.match(p)]
        if pieces and all(p in data for p in pieces):
            continue
        missing.append(f"{path.name}:{line}: {sentence[:60]}")
    return missing, disordered


def imported_fixture(name: str) -> Imported:
    return import_paragraphs(read_paragraphs(REAL / EXPECTED[name]["file"]), source_name=EXPECTED[name]["file"])


@pytest.fixture(scope="module")
def imports() -> dict[str, Imported]:
    return {name: imported_fixture(name) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_nothing_is_lost_and_everything_is_in_place(imports: dict[str, Imported], name: str) -> None:
    missing, disordered = missing_and_out_of_order(REAL / EXPECTED[name]["file"], imports[name])
    assert not missing
    # Text after the signature moves to the end of the body, with a remark; nothing else moves.
    moved = {r.line for r in imports[name].remarks if "落款之后" in r.message}
    assert [d for d in disordered if int(d.split(":")[1]) not in moved] == []


@pytest.mark.parametrize("name", NAMES)
def test_title_kind_and_dates_as_the_text_states_them(imports: dict[str, Imported], name: str) -> None:
    expected, notice = EXPECTED[name], imports[name].notice
    assert notice["title"] == expected["title"]
    assert notice["inspection"]["kind"] == expected["inspection"]["kind"]
    dates = expected.get("dates") or {}
    for key, field in (("inspection_start", "start"), ("inspection_end", "end"), ("feedback", "feedback")):
        stated = dates.get(key, {}).get("date") if key in dates else None
        assert notice["inspection"][field] == stated, field  # None when the text does not state it


@pytest.mark.parametrize("name", NAMES)
def test_no_status_or_figure_the_text_does_not_state(imports: dict[str, Imported], name: str) -> None:
    expected, imported = EXPECTED[name], imports[name]
    findings = [f for c in imported.findings["categories"] for f in c.get("findings", [])]
    statuses = [f["status"] for f in findings if "status" in f]
    if expected["problems"]["per_problem_status"] is True:
        assert len(statuses) == len(expected["problems"]["status_wordings"])
    else:
        assert statuses == []
    text = normalise((REAL / expected["file"]).read_text(encoding="utf-8"))
    for figure, value in imported.notice.get("figures", {}).items():
        assert normalise(_figure(value)) in text, figure
        for part in value.get("breakdown", []) if isinstance(value, dict) else []:
            assert normalise(f"{part['name']}{part['value']}") in text, figure


def test_every_fixture_is_listed_in_expected() -> None:
    files = sorted(p.name for p in REAL.glob("*.txt"))
    assert files == sorted(entry["file"] for entry in EXPECTED.values())
