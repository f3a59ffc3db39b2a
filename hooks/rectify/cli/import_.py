"""``rectify import``: a published notice (.txt, .docx, .pdf, .doc, .wps) or an office's ledger
(.xlsx, .xls, .et) into a notice's data folder, with the places to check against the original
(rectify.intake.notice, rectify.intake.ledger). The module's name is ``import_``: ``import`` is Python's."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from rectify.data import yamlio
from rectify.data.folders import FINDINGS_FILE, NOTICE_FILE
from rectify.data.load import load_notice
from rectify.data.model import STATUSES, UNSTATED
from rectify.data.schema import SCHEMA_DIR
from rectify.data.signed import TEXT_FILE
from rectify.intake.ledger.convert import SUFFIXES as LEDGER_SUFFIXES
from rectify.intake.ledger.convert import import_ledger
from rectify.intake.ledger.sheets import LedgerError
from rectify.intake.notice import ImportFailed, import_paragraphs
from rectify.intake.notice.read import ReadError, read_paragraphs, where

from .console import fail, unforeseen
from .folders import not_a_notice_folder


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("import", help="把通报原文（.txt、.docx、.pdf、.doc、.wps）导入为数据文件夹")
    parser.add_argument(
        "source",
        type=Path,
        help="通报原文：.txt（UTF-8 或 GB18030/GBK）、.docx、有文字层的 .pdf，或 .doc/.wps/.rtf（需要 LibreOffice）；"
        "也可以是整改台账 .xlsx/.xls/.et",
    )
    parser.add_argument(
        "-o", "--out", required=True, type=Path, help="数据文件夹，文件夹名就是通报编号，如 data/hlj-zgh-2017"
    )
    parser.add_argument(
        "--force", action="store_true", help="覆盖已有文件夹中的 notice.yml、findings.yml 和 text.txt（通报原文）"
    )


def run(args: argparse.Namespace) -> int:
    source: Path = args.source
    out_dir: Path = args.out
    refused = not_a_notice_folder(out_dir)
    if refused:
        return fail(refused)
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not args.force)):
        return fail(f"{out_dir} 已存在且不是空文件夹；要覆盖其中的 notice.yml、findings.yml 和 text.txt，请加 --force")
    if source.suffix.lower() in LEDGER_SUFFIXES:  # an Excel ledger (整改台账)
        return _import_ledger(source, out_dir)
    try:
        paragraphs = read_paragraphs(source)
        schema_dir = Path(os.path.relpath(SCHEMA_DIR, out_dir.resolve())).as_posix()
        result = import_paragraphs(paragraphs, source_name=source.name, schema_dir=schema_dir)
    except (ReadError, ImportFailed) as error:
        return fail(error, lead=f"无法导入 {source}：")
    except Exception as error:  # never a traceback for a strange input
        return fail(unforeseen(error, "导入", "原文件"), lead=f"无法导入 {source}：")
    _write_imported(out_dir, result.notice_yaml, result.findings_yaml, result.text)
    for remark in result.remarks:
        print(f"{where(source, remark.line, paragraphs)} {remark.message}", file=sys.stderr)
    print(f"已导入：{source} → {out_dir}")
    sample = where(source, 1, [])  # 原文.txt:1: or 原文.docx 第1段:
    form = "原文件:行号: 说明" if sample.endswith(":1:") else f"原文件 第几{sample[-2]}（段首文字）: 说明"
    _report_imported(out_dir, result.findings, len(result.remarks), f"（见上面的提示，格式：{form}）")
    return 0


def _import_ledger(source: Path, out_dir: Path) -> int:
    """``rectify import 台账.xlsx``: a hand-made ledger into a data folder."""
    try:
        result, sheet = import_ledger(source, out_dir)
    except LedgerError as error:
        return fail(error, lead=f"无法导入 {source}：\n", tail="\n没有写入任何文件。")
    except Exception as error:  # never a traceback for a strange file
        return fail(unforeseen(error, "读取台账", "原文件"), lead=f"无法导入 {source}：", tail="。没有写入任何文件。")
    _write_imported(out_dir, result.notice_yaml, result.findings_yaml)
    for remark in result.remarks:
        print(remark.message, file=sys.stderr)
    print(f"已从整改台账导入：{source}（工作表 {sheet}）→ {out_dir}")
    _report_imported(out_dir, result.findings, len(result.remarks), "（见上面的提示）")
    return 0


def _write_imported(out_dir: Path, notice_yaml: str, findings_yaml: str, signed_text: str = "") -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = [(NOTICE_FILE, notice_yaml), (FINDINGS_FILE, findings_yaml)]
    files += [(TEXT_FILE, signed_text)] if signed_text else []
    for name, text in files:
        yamlio.write_atomic(out_dir / name, text)  # never half a file


def _report_imported(out_dir: Path, findings_doc: dict[str, Any], remarks: int, where_remarks: str) -> None:
    """What an import wrote (categories, problems, statuses as stated) and what the data check says of it."""
    findings = [f for c in findings_doc["categories"] for f in c.get("findings", [])]
    counts = {status: sum(1 for f in findings if f.get("status") == status) for status in STATUSES}
    counts[UNSTATED] = sum(1 for f in findings if not f.get("status"))
    print(f"  问题分类 {len(findings_doc['categories'])} 类，问题 {len(findings)} 个")
    if findings:
        print("  " + "，".join(f"{status} {n} 个" for status, n in counts.items() if n))
    if remarks:
        print(f"  需要核对的地方 {remarks} 处{where_remarks}")
    _, errors = load_notice(out_dir)
    if errors:
        print(f"导入的数据有 {len(errors)} 处没有通过检查，请对照原文修改：", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
    else:
        print(f"  数据检查通过；用 rectify check {out_dir.parent} 可再次检查")
