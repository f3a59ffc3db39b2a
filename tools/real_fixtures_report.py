"""Measure `rectify import` against the hand-read expectations of the real fixtures.

Usage (from the repository root):

    .venv/bin/python tools/real_fixtures_report.py            # the table
    .venv/bin/python tools/real_fixtures_report.py --details  # the table and every mismatch

Each fixture in tests/fixtures/import/real/ is imported into a temporary folder with the real
command line; the result is compared with tests/fixtures/import/real/expected.yml. This is a
measuring tool, not a test: it never fails, it reports. Columns:

- exit: the import's exit code (0 = imported; the data may still fail `rectify check`).
- title: ok, or what went wrong (missing / wrong / invented: a title where the text has none).
- kind: 巡视/巡察 as the text says it, or imported≠stated.
- dates: dates read right / dates the text states; `!n` = n dates imported that the text does
  not state or states otherwise (never acceptable).
- figures: expected figures whose value was imported / expected figures; `!n` = n imported
  figure values that match no stated figure.
- problems: problems imported / problem headings seen in the opening.
- status: what happened to per-problem statuses: `none` (none stated, none imported), `n/m`
  (imported statuses / stated), `!n` = n statuses imported although the text states none.
- chrome: expected chrome lines that leaked into the data.
- remarks: `FILE:LINE:` remarks printed by the import.
- kept: share of the text's sentences (chrome aside) found in the imported data.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "import" / "real"
RECTIFY = Path(sys.executable).parent / "rectify"

DATE_FIELDS = {
    "inspection_start": ("inspection", "start"),
    "inspection_end": ("inspection", "end"),
    "feedback": ("inspection", "feedback"),
    "published": ("publication", "date"),
    "signed": ("signature", "date"),  # the date under the signature, or 成文日期 in a portal header
}


def strings(node: Any) -> list[str]:
    """Every string value in a YAML tree, in order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in strings(value)]
    return []


def squash(text: str) -> str:
    """Compare text with blanks removed and full-width forms folded (，→, （→( …)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def quotes(findings: dict[str, Any]) -> list[str]:
    """Each problem and sub-problem as the text introduces it: its form with the problem in it."""
    items = [f for c in findings.get("categories") or [] for f in c.get("findings") or []]
    items += [sub for f in items for sub in f.get("subproblems") or []]
    return [item.get("form", "针对“…”问题。").replace("…", item["problem"]) for item in items]


# Outline numbers, field labels and 一是/二是 markers the data stores as structure, not text.
NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、]|\(\d+\)|[①-⑳]|•|反馈问题[一二三四五六七八九十]+:)?"
    r"(?:整改(?:状态|情况|措施|时限)|责任(?:单位|人)|完成时限)?:?(?:[一二三四五六七八九十]+是)?"
)


def number(value: Any) -> str:
    if isinstance(value, dict):  # a figure with its unit (and breakdown): its value
        value = value.get("value")
    text = str(value).strip().rstrip("%")
    try:
        return f"{float(text):g}"
    except ValueError:
        return text


def sentences(text: str, chrome: set[str]) -> list[str]:
    found = []
    for line in text.splitlines():
        if not line.strip() or line.strip() in chrome:
            continue
        # Markdown bold marks of a copied page (**一、…**) are markup, not text.
        for part in re.split(r"(?<=[。;;!！?？])", line.replace("**", "")):
            part = NUMBERING.sub("", squash(part))
            if len(part) >= 4:
                found.append(part)
    return found


def measure(key: str, entry: dict[str, Any], work: Path) -> dict[str, str]:
    source = REAL / entry["file"]
    out = work / key
    run = subprocess.run(
        [str(RECTIFY), "import", str(source), "-o", str(out)], capture_output=True, text=True, check=False
    )
    log = run.stdout + run.stderr
    remarks = len(
        re.findall(rf"^{re.escape(str(source.relative_to(ROOT)))}:\d+:|^{re.escape(str(source))}:\d+:", log, re.M)
    )
    notice: dict[str, Any] = {}
    findings: dict[str, Any] = {}
    if (out / "notice.yml").is_file():
        notice = yaml.safe_load((out / "notice.yml").read_text(encoding="utf-8")) or {}
    if (out / "findings.yml").is_file():
        findings = yaml.safe_load((out / "findings.yml").read_text(encoding="utf-8")) or {}
    problems: list[str] = []
    details: list[str] = []

    # title
    title = (notice.get("title") or "").strip()
    want = entry.get("title")
    if want is None:
        title_cell = "ok" if not title else "invented"
    elif title == want:
        title_cell = "ok"
    else:
        title_cell = "missing" if not title else "wrong"
    if title_cell != "ok":
        details.append(f"title: expected {want!r}, imported {title!r}")

    # kind of inspection
    kind = (notice.get("inspection") or {}).get("kind")
    want_kind = (entry.get("inspection") or {}).get("kind")
    kind_cell = "ok" if kind == want_kind else f"{kind or '-'}≠{want_kind}"
    if kind != want_kind:
        details.append(f"inspection kind: expected {want_kind}, imported {kind}")

    # dates
    stated = dict(entry.get("dates") or {})
    if "written" in stated:
        stated.setdefault("signed", stated["written"])
    good = bad = 0
    for name, (group, field) in DATE_FIELDS.items():
        got = (notice.get(group) or {}).get(field)
        got_text = str(got) if got else ""
        expected = stated.get(name, {}).get("date")
        if expected and got_text == expected:
            good += 1
        elif got_text and got_text != expected:
            bad += 1
            details.append(f"date {name}: expected {expected or 'absent'}, imported {got_text}")
        elif expected:
            details.append(f"date {name}: expected {expected}, not imported")
    dates_cell = f"{good}/{sum(1 for n in DATE_FIELDS if n in stated)}" + (f" !{bad}" if bad else "")

    # figures
    figures = notice.get("figures") or {}
    expected_values = Counter(number(f["value"]) for f in entry.get("figures") or [])
    imported_values = Counter(number(v) for v in figures.values())
    matched = sum((expected_values & imported_values).values())
    extra = imported_values - expected_values
    figures_cell = f"{matched}/{sum(expected_values.values())}" + (f" !{sum(extra.values())}" if extra else "")
    if extra:
        details.append(
            f"figures imported that match no stated figure: { {k: v for k, v in figures.items() if number(v) in extra} }"
        )

    # problems and statuses
    imported_findings = [f for c in findings.get("categories") or [] for f in c.get("findings") or []]
    seen = (entry.get("problems") or {}).get("seen_in_opening", 0)
    problems_cell = f"{len(imported_findings)}/{seen}"
    statuses = [f["status"] for f in imported_findings if f.get("status")]
    per_problem = (entry.get("problems") or {}).get("per_problem_status")
    if per_problem is True:
        stated_statuses = len((entry.get("problems") or {}).get("statuses") or [])
        status_cell = f"{len(statuses)}/{stated_statuses}"
    elif statuses:
        status_cell = f"!{len(statuses)}"
        details.append(f"statuses imported although the text states none: {statuses}")
    else:
        status_cell = "none"

    # chrome and coverage
    data_text = "\n".join(strings(notice) + strings(findings) + quotes(findings))
    for name, value in figures.items():
        value = value.get("value") if isinstance(value, dict) else value  # a figure with its unit
        data_text = data_text.replace(
            "{" + str(name) + "}", str(value).rstrip("%") if "%" not in str(value) else str(value)
        )
    flat = squash(data_text)
    chrome = {line.strip() for line in entry.get("chrome") or []}
    leaked = [line for line in chrome if squash(line) and squash(line) in flat and len(squash(line)) > 3]
    if leaked:
        details.append(f"chrome kept in the data: {leaked}")
    text = source.read_text(encoding="utf-8")
    wanted = sentences(text, chrome)
    lost = [s for s in wanted if s not in flat]
    kept_cell = f"{100 * (len(wanted) - len(lost)) // max(len(wanted), 1)}%"
    for sentence in lost[:3]:
        details.append(f"not in the data: {sentence[:40]}…")

    problems.extend(details)
    return {
        "fixture": key,
        "exit": str(run.returncode),
        "title": title_cell,
        "kind": kind_cell,
        "dates": dates_cell,
        "figures": figures_cell,
        "problems": problems_cell,
        "status": status_cell,
        "chrome": str(len(leaked)),
        "remarks": str(remarks),
        "kept": kept_cell,
        "details": "\n".join(f"    {line}" for line in problems),
    }


def main() -> int:
    expected = yaml.safe_load((REAL / "expected.yml").read_text(encoding="utf-8"))["fixtures"]
    columns = [
        "fixture",
        "exit",
        "title",
        "kind",
        "dates",
        "figures",
        "problems",
        "status",
        "chrome",
        "remarks",
        "kept",
    ]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for key in sorted(expected):
            rows.append(measure(key, expected[key], Path(tmp)))
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(row[c] for c in columns) + " |")
    if "--details" in sys.argv:
        for row in rows:
            if row["details"]:
                print(f"\n{row['fixture']}:\n{row['details']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
