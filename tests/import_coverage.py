"""A table of what `rectify import` makes of every real fixture (tests/fixtures/import/real/).

Usage (from the repository root):  .venv/bin/python tests/import_coverage.py

Columns: the fixture's shape tags (from expected.yml); problems imported (and sub-problems);
narrative sections; remarks printed; sentences of the text kept in the data, in order (the same
measure as tests/intake/test_import_real.py, which asserts all of them); statuses the text states per
problem → statuses imported (`none` when the text states none and none were imported); figures
imported. tests/real_fixtures_report.py measures the same imports against every hand-read value.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "intake"))

from test_import_real import EXPECTED, NAMES, REAL, imported_fixture, missing_and_out_of_order, source_sentences


def main() -> None:
    print(
        "| fixture | shapes | problems (sub) | sections | remarks | sentences kept | statuses stated → imported | figures |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name in NAMES:
        entry = EXPECTED[name]
        result = imported_fixture(name)
        path = REAL / entry["file"]
        findings = [f for c in result.findings["categories"] for f in c.get("findings", [])]
        subs = sum(len(f.get("subproblems", [])) for f in findings)
        sentences = source_sentences(path, result)
        missing, disordered = missing_and_out_of_order(path, result)
        kept = len(sentences) - len(missing)
        problems = entry["problems"]
        stated = len(problems.get("status_wordings") or []) if problems.get("per_problem_status") is True else 0
        imported = sum(1 for f in findings if f.get("status") or f.get("status_text"))
        statuses = "none" if not stated and not imported else f"{stated} → {imported}"
        shapes = ", ".join(s for s in entry["shapes"] if s not in ("truncated", "ascii-punct"))
        order = f" ({len(disordered)} moved)" if disordered else ""
        print(
            f"| {name} | {shapes} | {len(findings)}" + (f" ({subs})" if subs else "") + f" | "
            f"{len(result.notice.get('sections', []))} | {len(result.remarks)} | {kept}/{len(sentences)}{order} | "
            f"{statuses} | {len(result.notice.get('figures', {}))} |"
        )


if __name__ == "__main__":
    main()
