"""rectify import on the complete written notices in tests/fixtures/import/written/ (issue 23).

Each fixture is a whole notice written the way offices write one shape (README.md there); its
expected.yml, read by hand, says what the text states. The import must read every stated fact
into the data and invent none:

- title, inspection dates, signer and date, contact (phone, e-mail, address) as written;
- the problems, in order, with their （1）（2） sub-problems;
- per problem and sub-problem: the status the text states (none where it states none), its
  deadline (完成时限) and owners (责任领导, 责任单位, 责任人) as written, nothing where the text is silent;
- the stated figures (问题总数, 已完成… under their names; money and people by value and unit);
- no ``short`` cut with “…”; every sentence of the text in the data, in order;
- the imported folder passes ``rectify check`` (it publishes).

What the importer does not do yet is listed in KNOWN_GAPS and marked xfail (strict: a gap that is
closed makes its case fail until it is taken off the list).
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from rectify.data.load import load_site
from rectify.data.model import COUNTED_FIGURES, RATE_FIGURE, STATUSES
from rectify.intake.notice import Imported, import_paragraphs
from rectify.intake.notice.read import read_paragraphs
from rectify.site.pages.blocks import status_badge
from rectify.site.render import Site, site_pages
from test_import_real import missing_and_out_of_order

WRITTEN = ROOT / "tests" / "fixtures" / "import" / "written"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((WRITTEN / "expected.yml").read_text(encoding="utf-8"))["fixtures"]
NAMES = sorted(EXPECTED)
SUBPROBLEM_NOTICES = [n for n in NAMES if any(p.get("subproblems") for p in EXPECTED[n]["problems"])]
RECTIFY = Path(sys.executable).parent / "rectify"
OWNER_KEYS = ("lead", "department", "responsible")

# (test, fixture) → what the importer does not yet do. Strict xfail: remove the entry when it passes.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def cases(test: str) -> list[Any]:
    """The fixture names for one test, the known gaps marked xfail."""
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[(test, name)]))
        if (test, name) in KNOWN_GAPS
        else name
        for name in NAMES
    ]


def squash(text: Any) -> str:
    """Compare text with blanks removed and full- and half-width forms folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def source(name: str) -> str:
    return (WRITTEN / EXPECTED[name]["file"]).read_text(encoding="utf-8")


def imported_written(name: str) -> Imported:
    file = EXPECTED[name]["file"]
    return import_paragraphs(read_paragraphs(WRITTEN / file), source_name=file)


@pytest.fixture(scope="module")
def imports() -> dict[str, Imported]:
    return {name: imported_written(name) for name in NAMES}


def findings(imported: Imported) -> list[dict[str, Any]]:
    return [f for c in imported.findings["categories"] for f in c.get("findings", [])]


def pairs(imported: Imported, name: str) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(where, expected, imported) for every problem and sub-problem, matched in text order."""
    got = findings(imported)
    want = EXPECTED[name]["problems"]
    assert len(got) == len(want), "problem count"
    out = []
    for number, (w, g) in enumerate(zip(want, got, strict=True), start=1):
        out.append((f"problem {number}", w, g))
        subs_want, subs_got = w.get("subproblems", []), g.get("subproblems", [])
        assert len(subs_got) == len(subs_want), f"problem {number}: sub-problem count"
        out.extend(
            (f"problem {number} ({i})", sw, sg)
            for i, (sw, sg) in enumerate(zip(subs_want, subs_got, strict=True), start=1)
        )
    return out


def number(value: Any) -> str:
    """A figure's number as text: 8, 8.36, 75% (a figure with a unit gives its value)."""
    if isinstance(value, dict):
        value = value.get("value")
    text = str(value).strip()
    try:
        return f"{float(text.rstrip('%')):g}" + ("%" if text.endswith("%") else "")
    except ValueError:
        return text


def test_every_fixture_is_listed_and_every_value_is_in_its_text() -> None:
    assert sorted(p.name for p in WRITTEN.glob("*.txt")) == sorted(e["file"] for e in EXPECTED.values())
    readme = (WRITTEN / "README.md").read_text(encoding="utf-8")
    for name, entry in EXPECTED.items():
        assert f"`{entry['file']}`" in readme, name
        text = source(name)
        values = [entry["title"], entry["signature"]["signer"], *[f["quote"] for f in entry["figures"]]]
        values += [v for v in entry["contact"].values() if v]
        problems = [*entry["problems"], *(s for p in entry["problems"] for s in p.get("subproblems", []))]
        for problem in problems:
            assert problem["status"] in (None, *STATUSES), (name, problem["quote"])
            assert (problem["status"] is None) == (problem.get("status_text") is None), (name, problem["quote"])
            values += [problem[k] for k in ("quote", "status_text", "deadline", *OWNER_KEYS) if problem.get(k)]
        for value in values:
            assert str(value) in text, (name, value)


@pytest.mark.parametrize("name", cases("title_dates_signature_contact"))
def test_title_dates_signature_contact(imports: dict[str, Imported], name: str) -> None:
    entry, notice = EXPECTED[name], imports[name].notice
    assert notice["title"] == entry["title"]
    assert notice["inspection"]["kind"] == entry["inspection"]["kind"]
    for key, field in (("inspection_start", "start"), ("inspection_end", "end"), ("feedback", "feedback")):
        assert str(notice["inspection"].get(field)) == entry["dates"][key], field
    assert notice["signature"]["signer"] == entry["signature"]["signer"]
    assert str(notice["signature"]["date"]) == entry["signature"]["date"]
    contact = notice.get("contact", {})
    assert contact.get("phone") == str(entry["contact"]["phone"])
    assert contact.get("email") == entry["contact"]["email"]
    address = entry["contact"]["address"]
    if address is None:
        assert not contact.get("address")
    else:
        assert squash(address) in squash(contact.get("address", ""))
    if entry["contact"].get("postcode"):
        assert entry["contact"]["postcode"] in " ".join(str(v) for v in contact.values())


@pytest.mark.parametrize("name", cases("problems_and_subproblems"))
def test_problems_and_subproblems(imports: dict[str, Imported], name: str) -> None:
    imported = imports[name]
    assert len(imported.findings["categories"]) == EXPECTED[name]["categories"]
    wrong = [
        f"{where}: {got['problem']!r} (stated: {want['quote']!r})"
        for where, want, got in pairs(imported, name)
        if squash(got["problem"]) != squash(want["quote"])
    ]
    assert not wrong, "\n".join(["", *wrong])


@pytest.mark.parametrize("name", cases("statuses"))
def test_statuses_as_stated(imports: dict[str, Imported], name: str) -> None:
    text, wrong = squash(source(name)), []
    for where, want, got in pairs(imports[name], name):
        if got.get("status") != want["status"]:
            wrong.append(f"{where}: {got.get('status')} (stated: {want['status']}, “{want.get('status_text')}”)")
        if got.get("status_text") and squash(got["status_text"]) not in text:  # kept as written, never made up
            wrong.append(f"{where}: status_text {got['status_text']!r} is not in the text")
    assert not wrong, "\n".join(["", *wrong])


@pytest.mark.parametrize("name", cases("deadlines_and_owners"))
def test_deadlines_and_owners_as_stated(imports: dict[str, Imported], name: str) -> None:
    text, wrong = squash(source(name)), []
    for where, want, got in pairs(imports[name], name):
        for key in ("deadline", *OWNER_KEYS):
            value = got.get(key)
            if key == "department" and got.get("partners"):  # 责任单位：甲、乙 may be read as department + partners
                value = "、".join([str(value or ""), *got["partners"]])
            if want.get(key) is None:
                if value:
                    wrong.append(f"{where}: {key} {value!r} is not stated")
            elif not value or squash(want[key]) not in squash(value):
                wrong.append(f"{where}: {key} {value!r} (stated: {want[key]!r})")
            elif squash(value) not in text:
                wrong.append(f"{where}: {key} {value!r} is not in the text")
    assert not wrong, "\n".join(["", *wrong])


@pytest.mark.parametrize("name", cases("figures"))
def test_stated_figures(imports: dict[str, Imported], name: str) -> None:
    figures, wrong = imports[name].notice.get("figures", {}), []
    for figure in EXPECTED[name]["figures"]:
        stated = f"{figure['name']} {figure['value']}{figure.get('unit', '')}"
        if figure["name"] in COUNTED_FIGURES or figure["name"] == RATE_FIGURE:
            if number(figures.get(figure["name"])) != number(figure["value"]):
                wrong.append(f"{stated}: read {figures.get(figure['name'])!r}")
        elif not any(
            number(value) == number(figure["value"])
            and (not isinstance(value, dict) or value.get("unit") in (None, figure.get("unit")))
            for value in figures.values()
        ):
            wrong.append(f"{stated}: not read")
    text = squash(source(name))
    wrong += [f"{key} {value!r} is not in the text" for key, value in figures.items() if number(value) not in text]
    assert not wrong, "\n".join(["", *wrong])


@pytest.mark.parametrize("name", cases("short_names"))
def test_no_short_name_is_cut(imports: dict[str, Imported], name: str) -> None:
    categories = imports[name].findings["categories"]
    shorts = [c.get("short", "") for c in categories] + [f.get("short", "") for f in findings(imports[name])]
    cut = [s for s in shorts if "…" in s]
    assert not cut, "\n".join(["", *cut])


@pytest.mark.parametrize("name", cases("sentences"))
def test_every_sentence_in_the_data_in_order(imports: dict[str, Imported], name: str) -> None:
    missing, disordered = missing_and_out_of_order(WRITTEN / EXPECTED[name]["file"], imports[name])
    assert missing == []
    assert disordered == []


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each fixture imported by the command line into its own data folder."""
    folders = {}
    for name in NAMES:
        folder = tmp_path_factory.mktemp(name) / "data" / name
        run = rectify("import", str(WRITTEN / EXPECTED[name]["file"]), "-o", str(folder))
        assert run.returncode == 0, run.stdout + run.stderr
        folders[name] = folder
    return folders


def rectify(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RECTIFY), *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False
    )


@pytest.mark.parametrize("name", cases("signed_text"))
def test_the_import_keeps_the_signed_text(folders: dict[str, Path], name: str) -> None:
    text = folders[name] / "text.txt"
    assert text.is_file()
    lines = [line.strip() for line in text.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines == [line.strip() for line in source(name).splitlines() if line.strip()]


def fill_site(folder: Path) -> None:
    """Fill in the one field no notice states: the website it is published on."""
    notice = folder / "notice.yml"
    text = notice.read_text(encoding="utf-8")
    text = re.sub(r"^(  site:)[ \t]*(#.*)?$", r"\1 青岚县人民政府网站", text, count=1, flags=re.M)
    notice.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("name", cases("publishes"))
def test_the_imported_folder_publishes(folders: dict[str, Path], name: str) -> None:
    """It checks once a person fills in the one field no notice states: the website it is published on."""
    fill_site(folders[name])
    check = rectify("check", str(folders[name].parent))
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("name", SUBPROBLEM_NOTICES)
def test_each_sub_problem_on_its_finding_page_with_what_the_text_states(folders: dict[str, Path], name: str) -> None:
    """The finding page lists each sub-problem with its status, owner and deadline as the text states them."""
    fill_site(folders[name])
    (notice,) = load_site(folders[name].parent)
    pages, paths = site_pages([notice]), Site((notice,)).paths(notice)
    wrong = []
    for number, (want, finding) in enumerate(zip(EXPECTED[name]["problems"], notice.findings, strict=True), start=1):
        page = pages[paths.finding(finding)]
        for index, sub in enumerate(want.get("subproblems", []), start=1):
            heading = f"### （{index}）"
            block = page.split(heading, 1)[1].split("\n- ", 1)[0] if heading in page else ""
            for label, key in (("整改状态", "status"), ("整改责任人", "responsible"), ("完成时限", "deadline")):
                value = sub.get(key)
                if value is None:
                    if f"{label}：" in block:
                        wrong.append(f"problem {number} ({index}): {label} shown, the text states none: {block!r}")
                elif f"{label}：" + (status_badge(value) if key == "status" else str(value)) not in block:
                    wrong.append(f"problem {number} ({index}): {label} {value!r} not shown: {block!r}")
    assert not wrong, "\n".join(["", *wrong])
