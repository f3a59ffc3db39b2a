"""The ``rectify`` command: check the data and print a summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import DataInvalid
from .load import load_site
from .model import Notice


def summary(notices: list[Notice]) -> str:
    """What a publishing office wants to see after a successful check."""
    lines = [f"数据检查通过：{len(notices)} 份通报。"]
    for notice in notices:
        tally = notice.tally
        lines.append("")
        lines.append(f"{notice.id}  {notice.title}")
        lines.append(f"  问题分类 {len(notice.categories)} 类，问题 {tally.total} 个")
        for status, count in tally.by_status.items():
            lines.append(f"  {status}：{count} 个")
        lines.append(
            f"  整改完成率：{tally.rate_text(notice.rate_decimals)}（已完成 {tally.completed} ÷ 问题总数 {tally.total}）"
        )
    return "\n".join(lines)


def check(data_dir: Path) -> int:
    try:
        notices = load_site(data_dir)
    except DataInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    print(summary(notices))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rectify", description="整改公开：检查整改情况通报的数据")
    parser.add_argument("--version", action="version", version=f"rectify {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令", required=True)
    check_parser = commands.add_parser("check", help="检查数据并列出统计；有错时列出每一处错误")
    check_parser.add_argument("data_dir", nargs="?", default="data", type=Path, help="数据文件夹（默认 data）")
    args = parser.parse_args(argv)
    try:
        return check(args.data_dir)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
