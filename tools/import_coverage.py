"""A table of what `rectify import` makes of every real fixture (tests/fixtures/import/real/).

Usage (from the repository root):  .venv/bin/python tools/import_coverage.py

Columns: the fixture's shape tags (from expected.yml); problems imported (and sub-problems);
narrative sections; remarks printed; sentences of the text kept in the data, in order (the same
measure as tests/intake/test_import_real.py, which asserts all of them); statuses the text states per
problem and sub-problem → statuses imported (`none` when the text states none and none were
imported); for the written notices (tests/fixtures/import/written/) also deadlines and owners stated
→ read; figures imported; short names cut with “…” (there should be none). tools/real_fixtures_report.py measures the same imports against every hand-read value.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# The expectations it reports on are those of tests/intake/test_import_real.py (which imports conftest).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "intake"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import yaml
from rectify.intake.notice import Imported, import_paragraphs
from rectify.intake.notice.read import read_paragraphs
from test_import_real import EXPECTED, NAMES, REAL, imported_fixture, missing_and_out_of_order, source_sentences

WRITTEN = REAL.parent / "written"


def _stated_and_read(
    stated: list[dict[str, Any]], findings: list[dict[str, Any]], keys: tuple[str, ...]
) -> tuple[int, int]:
    """(problems and sub-problems stating one of ``keys``, of those the ones imported with it),
    paired in text order."""
    got = [item for f in findings for item in (f, *f.get("subproblems", []))]
    want = [item for p in stated for item in (p, *p.get("subproblems", []))]
    pairs = list(zip(want, got, strict=False)) if len(got) == len(want) else []
    count = sum(1 for w in want for key in keys if w.get(key))
    read = sum(1 for w, g in pairs for key in keys if w.get(key) and g.get(key))
    return count, read


def _row(name: str, shapes: str, path: Path, result: Imported, statuses: str, owners: str) -> str:
    findings = [f for c in result.findings["categories"] for f in c.get("findings", [])]
    subs = sum(len(f.get("subproblems", [])) for f in findings)
    sentences = source_sentences(path, result)
    missing, disordered = missing_and_out_of_order(path, result)
    kept = len(sentences) - len(missing)
    order = f" ({len(disordered)} moved)" if disordered else ""
    cut = sum(
        1 for c in result.findings["categories"] for x in (c, *c.get("findings", [])) if "…" in x.get("short", "")
    )
    return (
        f"| {name} | {shapes} | {len(findings)}" + (f" ({subs})" if subs else "") + f" | "
        f"{len(result.notice.get('sections', []))} | {len(result.remarks)} | {kept}/{len(sentences)}{order} | "
        f"{statuses} | {owners} | {len(result.notice.get('figures', {}))} | {cut} |"
    )


def main() -> None:
    print(
        "| fixture | shapes | problems (sub) | sections | remarks | sentences kept | statuses stated → read "
        "| deadlines, owners stated → read | figures | names cut with … |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in NAMES:
        entry = EXPECTED[name]
        result = imported_fixture(name)
        findings = [f for c in result.findings["categories"] for f in c.get("findings", [])]
        # the real openings list each stated status (problems.statuses); the rest state none per problem
        stated = (
            len(entry["problems"].get("statuses") or []) if entry["problems"].get("per_problem_status") is True else 0
        )
        imported = sum(1 for f in findings for x in (f, *f.get("subproblems", [])) if x.get("status"))
        statuses = "none" if not stated and not imported else f"{stated} → {imported}"
        shapes = ", ".join(s for s in entry["shapes"] if s not in ("truncated", "ascii-punct"))
        print(_row(name, shapes, REAL / entry["file"], result, statuses, "—"))
    written = yaml.safe_load((WRITTEN / "expected.yml").read_text(encoding="utf-8"))["fixtures"]
    for name in sorted(written):
        entry = written[name]
        path = WRITTEN / entry["file"]
        result = import_paragraphs(read_paragraphs(path), source_name=entry["file"])
        findings = [f for c in result.findings["categories"] for f in c.get("findings", [])]
        stated, read = _stated_and_read(entry["problems"], findings, ("status",))
        owners_stated, owners_read = _stated_and_read(
            entry["problems"], findings, ("deadline", "lead", "department", "responsible")
        )
        print(
            _row(f"written/{name}", "written", path, result, f"{stated} → {read}", f"{owners_stated} → {owners_read}")
        )


if __name__ == "__main__":
    main()
