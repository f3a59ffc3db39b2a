"""``rectify new``: a notice folder started from the commented templates."""

from __future__ import annotations

import argparse
from pathlib import Path

from rectify.data import yamlio
from rectify.data.folders import FINDINGS_FILE, NOTICE_FILE

from .console import fail
from .folders import not_a_notice_folder


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("new", help="新建一份通报的数据文件夹（带注释的模板）")
    parser.add_argument("notice_dir", type=Path, help="数据文件夹，文件夹名就是通报编号，如 data/xx-2024")


def run(args: argparse.Namespace) -> int:
    return new(args.notice_dir)


def new(notice_dir: Path) -> int:
    """Start a notice folder from the commented templates (``rectify init`` starts its first notice so)."""
    refused = not_a_notice_folder(notice_dir)
    if refused:
        return fail(refused)
    if notice_dir.exists() and any(notice_dir.iterdir()):
        return fail(f"{notice_dir} 已经存在且不是空文件夹；没有改动任何文件")
    notice_dir.mkdir(parents=True, exist_ok=True)
    for template in (yamlio.TEMPLATES / NOTICE_FILE, yamlio.TEMPLATES / FINDINGS_FILE):
        (notice_dir / template.name).write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"已创建 {notice_dir / NOTICE_FILE} 和 {notice_dir / FINDINGS_FILE}。")
    print(f"按注释填写后运行 rectify check {notice_dir.parent}，它会逐条说明还需要填写什么。")
    return 0
