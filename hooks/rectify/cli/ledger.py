"""``rectify ledger export`` and ``rectify ledger update``: the command side of
``rectify.output.ledger`` (export) and ``rectify.intake.ledger.update``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from rectify.data import yamlio
from rectify.data.errors import DataInvalid
from rectify.data.folders import FINDINGS_FILE
from rectify.data.load import load_notice, load_site
from rectify.data.model import Notice
from rectify.intake.ledger.sheets import LedgerError, read_ledger
from rectify.intake.ledger.update import check_copy, plan_update, show_change, updated_text
from rectify.output.ledger import export_ledger

from .check import summary
from .console import fail, unforeseen


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ledger = commands.add_parser("ledger", help="整改台账（Excel）：导出台账，或按台账更新数据")
    actions = ledger.add_subparsers(dest="ledger_command", metavar="操作", required=True)
    export = actions.add_parser("export", help="把一份通报导出为整改台账（.xlsx）")
    export.add_argument("notice_dir", type=Path, help="通报的数据文件夹，如 data/hlj-zgh-2017")
    export.add_argument("-o", "--out", required=True, type=Path, help="台账文件，如 台账.xlsx")
    update = actions.add_parser("update", help="对照台账列出数据要改的地方；加 --write 才写入")
    update.add_argument("ledger", type=Path, help="整改台账：.xlsx、.xls 或 .et")
    update.add_argument("notice_dir", type=Path, help="通报的数据文件夹，如 data/hlj-zgh-2017")
    update.add_argument("--write", action="store_true", help="把列出的改动写入 findings.yml，然后检查数据")


def run(args: argparse.Namespace, today: date | None = None) -> int:
    if args.ledger_command == "export":
        return export(args.notice_dir, args.out)
    return update(args.ledger, args.notice_dir, args.write, today or date.today())


def _notice(folder: Path) -> Notice | None:
    notice, errors = load_notice(folder)
    if notice is None:
        fail(DataInvalid(errors) if errors else f"{folder}：不是通报的数据文件夹")  # the caller returns 1
    return notice


def export(folder: Path, out: Path) -> int:
    if not (folder / "notice.yml").is_file():
        return fail(f"{folder}：不是通报的数据文件夹（里面应有 notice.yml 和 findings.yml）")
    if out.suffix.lower() != ".xlsx":
        return fail(f"{out}：台账文件名应以 .xlsx 结尾，如 台账.xlsx")
    notice = _notice(folder)
    if notice is None:
        return 1
    try:
        export_ledger(notice, out)
    except OSError as error:
        return fail(f"{out}：无法写入（{error.strerror}）")
    print(f"整改台账已导出：{out}（问题 {len(notice.findings)} 个，工作表：整改台账、通报信息）")
    return 0


def update(ledger_path: Path, folder: Path, write: bool, today: date) -> int:
    if not (folder / "notice.yml").is_file():
        return fail(f"{folder}：不是通报的数据文件夹（里面应有 notice.yml 和 findings.yml）")
    notice = _notice(folder)
    if notice is None:
        return fail("数据本身没有通过检查，请先改正上面的错误再按台账更新；没有改动任何文件")
    try:
        ledger = read_ledger(ledger_path)
        plan = plan_update(ledger, notice, today)
    except LedgerError as error:
        return fail(error, tail="\n台账有错，没有改动任何文件。")
    except Exception as error:  # never a traceback for a strange file
        return fail(unforeseen(error, "读取台账", "台账文件"), lead=f"{ledger_path}：", tail="。没有改动任何文件。")
    for note in plan.notes:
        print(note, file=sys.stderr)
    if not plan.changes:
        print(f"台账与 {folder / FINDINGS_FILE} 一致，没有要改动的地方。")
        return 0
    print(f"按台账 {ledger_path}，{folder / FINDINGS_FILE} 要改动 {len(plan.changes)} 处：")
    for change in plan.changes:
        print(f"  {show_change(change)}")
    if not write:
        print("以上改动还没有写入；确认无误后加 --write 再运行一次。")
        return 0
    path = folder / FINDINGS_FILE
    text = path.read_text(encoding="utf-8")
    new = updated_text(text, plan, str(path))
    errors = check_copy(folder, new)
    if errors:
        return fail(
            DataInvalid(errors), tail="\n按台账改动后的数据通不过检查，没有写入；请改正台账中对应的单元格后再运行。"
        )
    yamlio.write_atomic(path, new)
    print(f"已写入 {path}。")
    print("检查数据（rectify check）：")
    try:
        notices = load_site(folder.parent)
    except DataInvalid as invalid:
        return fail(invalid)
    print(summary(notices))
    return 0
