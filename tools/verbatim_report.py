"""Is the published notice the signed text, and are its stated facts in the data? (issue 23)

Usage (from the repository root):

    .venv/bin/python tools/verbatim_report.py            # the table
    .venv/bin/python tools/verbatim_report.py --pdf      # and the notice PDF, compared the same way
    .venv/bin/python tools/verbatim_report.py --details  # and the sentences lost and added
    .venv/bin/python tools/verbatim_report.py --project ../other-checkout   # measure another checkout

Every real fixture (tests/fixtures/import/real/*.txt), every written fixture
(tests/fixtures/import/written/*.txt) and the seed text (tests/fixtures/seed-notice.txt) is
imported with ``rectify import FILE -o TMP/ID/data/ID`` and built on its own with ``mkdocs build
--strict`` (``RECTIFY_DATA=TMP/ID/data``), as ``make site`` builds. The import leaves
``publication.site`` empty (no text names the website it is published on); it is filled in as a
person would before building. Everything else is as imported. A measuring tool: it never fails.

Columns:

- import: the import's exit code; build: ok, or ``build failed``.
- sentences: sentences of the source (split on 。！？；;!? and line ends, whitespace removed; the
  portal chrome real/expected.yml lists is not part of the signed text).
- lost: source sentences not found in the notice page's official text (``.notice-text`` of
  ``ID/notice/index.html``); added: sentences of that text not found in the source.
- statuses, deadlines, owners: stated → read. Stated: from written/expected.yml (problems and
  sub-problems); for real fixtures the per-problem statuses real/expected.yml lists (``?`` where it
  does not say; deadlines and owners are not listed there); for the seed, the shipped data
  (data/hlj-zgh-2017, entered by hand). Read: problems and sub-problems of the imported
  findings.yml with a status, a deadline, an owner (责任人, 责任领导 or 责任单位).
- names cut: distinct texts in the built notice's HTML (text, title and aria-label) that end in
  “…” and are not in the source.
- with --pdf, pdf lost / pdf added: the same comparison with ``pdftotext`` of ``ID-notice.pdf``
  (printed by ``rectify pdf``), its lines joined and the page numbers (— 1 —) dropped.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
REAL = FIXTURES / "import" / "real"
WRITTEN = FIXTURES / "import" / "written"
SEED = FIXTURES / "seed-notice.txt"
SEED_DATA = ROOT / "data" / "hlj-zgh-2017"
BIN = Path(sys.executable).parent

SPLIT = re.compile(r"(?<=[。！？；;!?])")
PAGE_NUMBER = re.compile(r"^\s*[—–-]\s*\d+\s*[—–-]\s*$")
BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "blockquote", "div", "pre"]
OWNERS = ("responsible", "lead", "department")


@dataclass
class Item:
    id: str
    kind: str
    source: Path
    chrome: set[str] = field(default_factory=set)
    stated: dict[str, str] = field(default_factory=dict)
    """statuses, deadlines, owners: a count, or ``?``."""


def folder_id(name: str) -> str:
    """A notice folder name: lowercase letters, digits and hyphens."""
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "-", name.lower())).strip("-") or "notice"


def problems_of(findings: dict[str, Any]) -> list[dict[str, Any]]:
    """Problems and their sub-problems, in order."""
    out = []
    for category in findings.get("categories") or []:
        for finding in category.get("findings") or []:
            out.append(finding)
            out.extend(finding.get("subproblems") or [])
    return out


def counts(problems: list[dict[str, Any]]) -> dict[str, str]:
    return {
        "statuses": str(sum(1 for p in problems if p.get("status"))),
        "deadlines": str(sum(1 for p in problems if p.get("deadline"))),
        "owners": str(sum(1 for p in problems if any(p.get(k) for k in OWNERS))),
    }


def items() -> list[Item]:
    found = []
    real = yaml.safe_load((REAL / "expected.yml").read_text(encoding="utf-8"))["fixtures"]
    for key in sorted(real):
        entry = real[key]
        problems = entry.get("problems") or {}
        per_problem = problems.get("per_problem_status")
        statuses = str(len(problems.get("status_wordings") or [])) if per_problem is True else "0"
        found.append(
            Item(
                folder_id(key),
                "real",
                REAL / entry["file"],
                {line.strip() for line in entry.get("chrome") or []},
                {"statuses": statuses if per_problem in (True, False) else "?", "deadlines": "?", "owners": "?"},
            )
        )
    written = yaml.safe_load((WRITTEN / "expected.yml").read_text(encoding="utf-8"))["fixtures"]
    for key in sorted(written):
        entry = written[key]
        problems = [p for p in entry["problems"] for p in (p, *p.get("subproblems", []))]
        found.append(Item(folder_id(key), "written", WRITTEN / entry["file"], stated=counts(problems)))
    seed = yaml.safe_load((SEED_DATA / "findings.yml").read_text(encoding="utf-8"))
    # The seed's first two lines are the portal's column and site name, not notice text.
    chrome = set(SEED.read_text(encoding="utf-8").splitlines()[:2])
    found.append(Item("seed", "seed", SEED, chrome, stated=counts(problems_of(seed))))
    return found


def split(lines: list[str]) -> list[str]:
    """Sentences: each line split after 。！？；;!?, whitespace removed, empty pieces dropped."""
    return [s for line in lines for s in (re.sub(r"\s+", "", p) for p in SPLIT.split(line)) if s]


def compare(source: list[str], page: list[str]) -> tuple[list[str], list[str]]:
    """(source sentences not in the page, page sentences not in the source)."""
    source_text, page_text = "".join(source), "".join(page)
    return [s for s in source if s not in page_text], [s for s in page if s not in source_text]


def notice_text(html: str) -> list[str]:
    """The lines of the notice page's official text (``.notice-text``), one per block element."""
    soup = BeautifulSoup(html, "html.parser")
    text = soup.select_one(".notice-text")
    if text is None:
        return []
    for wbr in text.find_all("wbr"):
        wbr.decompose()
    for br in text.find_all("br"):
        br.replace_with("\n")
    for block in text.find_all(BLOCKS):
        block.append("\n")
    return [line for line in text.get_text("").splitlines() if line.strip()]


CUT_NAME = re.compile(r"([^：:；;，,。（）()“”\s]+…)$")


def names_cut(site: Path, source: str) -> list[str]:
    """Names in the notice's pages (texts, title and aria-label) that end in … and are not in the source."""
    flat = re.sub(r"\s+", "", source)
    cut: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for wbr in soup.find_all("wbr"):
            wbr.decompose()
        soup = BeautifulSoup(str(soup), "html.parser")  # text split by <wbr> joined again
        texts = [str(s).strip() for s in soup.find_all(string=True)]
        texts += [str(tag.get(a)) for a in ("title", "aria-label") for tag in soup.find_all(attrs={a: True})]
        names = [m.group(1) for m in (CUT_NAME.search(t) for t in texts) if m]
        # (a chart label wrapped over two lines leaves a fragment like 国特…: not counted again)
        cut.update(name for name in names if len(name) > 4 and re.sub(r"\s+", "", name) not in flat)
    return sorted(cut)


def pdf_lines(pdf: Path) -> list[str]:
    """The PDF's text as one line: its lines joined, page numbers dropped.

    ``-raw`` keeps the order Chromium wrote the text in: without it pdftotext moves a heading's
    last character, alone on its line, elsewhere on the page."""
    args = ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"]
    run = subprocess.run(args, capture_output=True, text=True, check=False)
    lines = [line.strip() for line in run.stdout.replace("\f", "\n").splitlines()]
    return ["".join(line for line in lines if line and not PAGE_NUMBER.match(line))]


def run(args: list[str], project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False)


def filled(notice: str) -> str:
    """notice.yml with what a person fills in before publishing: the website, and what a cut-off
    opening lacks (signature date, contact…), so that the text itself can be measured. Dates take
    the latest date the file states, so that their order holds."""
    notice = re.sub(r"^(  site:)[ \t]*(#.*)?$", r"\1 （测量用）", notice, count=1, flags=re.M)
    latest = max(re.findall(r"\b\d{4}-\d{2}-\d{2}\b", notice), default="2024-12-31")
    values = {"date": latest, "feedback": latest, "start": latest, "end": latest, "phone": "0000-0000000"}

    def fill(match: re.Match[str]) -> str:
        return f"{match.group(1)}{match.group(2)}: {values.get(match.group(2), '（测量用）')}  {match.group(3)}"

    return re.sub(r"^( *)(\w+):[ \t]*(#.*补充.*)$", fill, notice, flags=re.M)


def measure(item: Item, work: Path, project: Path, pdf: bool) -> dict[str, Any]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if project != ROOT:  # another checkout's package before this venv's editable install
        env["PYTHONPATH"] = str(project / "hooks")
    data = work / item.id / "data"
    folder = data / item.id
    imported = run([str(BIN / "rectify"), "import", str(item.source), "-o", str(folder)], project, env)
    row: dict[str, Any] = {"fixture": item.id, "kind": item.kind, "import": str(imported.returncode)}
    notice_yml = folder / "notice.yml"
    if notice_yml.is_file():
        notice_yml.write_text(filled(notice_yml.read_text(encoding="utf-8")), "utf-8")
    findings_yml = folder / "findings.yml"
    findings = yaml.safe_load(findings_yml.read_text(encoding="utf-8")) if findings_yml.is_file() else {}
    read = counts(problems_of(findings or {}))
    for key in ("statuses", "deadlines", "owners"):
        row[key] = f"{item.stated[key]} → {read[key]}"
    source_text = item.source.read_text(encoding="utf-8")
    # A Markdown copy's **bold** marks are the copy's, not the text's.
    kept = [line.replace("**", "") for line in source_text.splitlines() if line.strip() not in item.chrome]
    source = split([line for line in kept if line.strip()])
    row["sentences"] = str(len(source))
    env["RECTIFY_DATA"] = str(data)
    site = work / item.id / "site"
    built = run(
        [str(BIN / "mkdocs"), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)], project, env
    )
    page_html = site / item.id / "notice" / "index.html"
    if built.returncode or not page_html.is_file():
        row["build"] = "build failed"
        row["build_log"] = (built.stdout + built.stderr).strip().splitlines()[-3:]
        for key in ("lost", "added", "names cut", "pdf lost", "pdf added"):
            row[key] = "–"
        return row
    row["build"] = "ok"
    lost, added = compare(source, split(notice_text(page_html.read_text(encoding="utf-8"))))
    row.update({"lost": str(len(lost)), "added": str(len(added)), "lost_list": lost, "added_list": added})
    cut = names_cut(site / item.id, source_text)
    row.update({"names cut": str(len(cut)), "cut_list": cut})
    if pdf:
        dist = work / item.id / "dist"
        printed = run([str(BIN / "rectify"), "pdf", "--out", str(dist)], project, env)
        notice_pdf = dist / f"{item.id}-notice.pdf"
        if printed.returncode or not notice_pdf.is_file():
            row["pdf lost"] = row["pdf added"] = "pdf failed"
        else:
            # The PDF's text has no paragraph ends: compare with the source's paragraphs run together.
            pdf_lost, pdf_added = compare(split(["".join(kept)]), split(pdf_lines(notice_pdf)))
            row.update({"pdf lost": str(len(pdf_lost)), "pdf added": str(len(pdf_added))})
            row.update({"pdf_lost_list": pdf_lost, "pdf_added_list": pdf_added})
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="also print and compare the notice PDF")
    parser.add_argument("--details", action="store_true", help="list the sentences lost and added, the names cut")
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    parser.add_argument("only", nargs="*", help="fixture ids to measure (default: all)")
    args = parser.parse_args()
    project = args.project.resolve()
    chosen = [item for item in items() if not args.only or item.id in args.only]
    columns = ["fixture", "kind", "import", "build", "sentences", "lost", "added"]
    columns += ["statuses", "deadlines", "owners", "names cut"] + (["pdf lost", "pdf added"] if args.pdf else [])
    rows = []
    with tempfile.TemporaryDirectory(prefix="verbatim-") as tmp:
        for item in chosen:
            rows.append(measure(item, Path(tmp), project, args.pdf))
            print(f"measured {item.id}", file=sys.stderr)
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(row.get(c, "") for c in columns) + " |")
    if args.details:
        for row in rows:
            print(f"\n{row['fixture']}:")
            for line in row.get("build_log", []):
                print(f"    build: {line}")
            for key, label in (("lost_list", "lost"), ("added_list", "added"), ("cut_list", "cut")):
                for sentence in row.get(key, []):
                    print(f"    {label}: {sentence[:70]}")
            for key, label in (("pdf_lost_list", "pdf lost"), ("pdf_added_list", "pdf added")):
                for sentence in row.get(key, [])[:10]:
                    print(f"    {label}: {sentence[:70]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
