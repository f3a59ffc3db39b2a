"""rectify check, import and ledger print Chinese only, with no colour codes when the output is not a
terminal (a pipe here): what a clerk reads on the normal path, and on a data error."""

from __future__ import annotations

import subprocess
from pathlib import Path

from chinese_output import chinese_only
from conftest import BIN, DATA, FIXTURES, ROOT, SEED_ID


def rectify(*args: str) -> str:
    result = subprocess.run([str(BIN / "rectify"), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    return result.stdout + result.stderr


def test_check_import_and_ledger_print_chinese_only(tmp_path: Path, data_copy: Path) -> None:
    import docx

    document = docx.Document()
    for line in (FIXTURES / "import" / "county-xuncha.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    source = tmp_path / "原文.docx"
    document.save(str(source))
    ledger = tmp_path / "台账.xlsx"
    findings = data_copy / SEED_ID / "findings.yml"
    findings.write_text(findings.read_text(encoding="utf-8").replace("status: 已完成", "status: 已完毕", 1), "utf-8")
    outputs = [
        rectify("check", str(DATA)),
        rectify("check", str(data_copy)),  # a data error
        rectify("import", str(FIXTURES / "import" / "county-xuncha.txt"), "-o", str(tmp_path / "data" / "a")),
        rectify("import", str(source), "-o", str(tmp_path / "data" / "b")),
        rectify("ledger", "export", str(DATA / SEED_ID), "-o", str(ledger)),
        rectify("ledger", "update", str(ledger), str(DATA / SEED_ID)),
        rectify("import", str(ledger), "-o", str(tmp_path / "data" / "c")),
    ]
    assert "原文.docx 第" in outputs[3]
    for output in outputs:
        chinese_only(output)
