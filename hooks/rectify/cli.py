"""The ``rectify`` command: check the data and print a summary."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .build import BuildFailed
from .bundle import MAX_BYTES, build_stamp, make_bundle
from .errors import DataInvalid
from .load import load_site
from .model import Notice
from .pdf import NoBrowser, make_pdfs


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


def bundle(project: Path, out_dir: Path) -> int:
    data_dir = project / os.environ.get("RECTIFY_DATA", "data")
    try:
        (notice,) = load_site(data_dir)
        result = make_bundle(project, notice.id, out_dir, build_stamp())
    except DataInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    except BuildFailed as error:
        print(error, file=sys.stderr)
        return 1
    size_mib = result.size / 1024 / 1024
    print(f"离线版已生成：{result.zip_path.resolve()}")
    print(
        f"  {result.files} 个文件，压缩包 {result.size} 字节（{size_mib:.2f} MiB，上限 {MAX_BYTES // 1024 // 1024} MiB）"
    )
    print(f"  校验值：{(out_dir / 'SHA256SUMS').resolve()}（压缩包内另有每个文件的 SHA256SUMS）")
    print("  解压后用浏览器打开其中的 index.html，无需联网。")
    if result.size > MAX_BYTES:
        print("离线版超过 3 MiB 的上限", file=sys.stderr)
        return 1
    return 0


def pdf(project: Path, out_dir: Path) -> int:
    data_dir = project / os.environ.get("RECTIFY_DATA", "data")
    try:
        (notice,) = load_site(data_dir)
        written = make_pdfs(project, notice.id, out_dir)
    except DataInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    except (BuildFailed, NoBrowser) as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(f"PDF 已生成：{path.resolve()}（{path.stat().st_size} 字节）")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rectify", description="整改公开：检查整改情况通报的数据")
    parser.add_argument("--version", action="version", version=f"rectify {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令", required=True)
    check_parser = commands.add_parser("check", help="检查数据并列出统计；有错时列出每一处错误")
    check_parser.add_argument("data_dir", nargs="?", default="data", type=Path, help="数据文件夹（默认 data）")
    bundle_parser = commands.add_parser("bundle", help="生成离线版网站压缩包（可从 U 盘打开，无需联网）")
    bundle_parser.add_argument(
        "--project", default=Path("."), type=Path, help="项目文件夹（含 mkdocs.yml，默认当前文件夹）"
    )
    bundle_parser.add_argument("--out", default=Path("dist"), type=Path, help="输出文件夹（默认 dist）")
    pdf_parser = commands.add_parser("pdf", help="生成通报和打印全文的 PDF（按公文格式排版）")
    pdf_parser.add_argument(
        "--project", default=Path("."), type=Path, help="项目文件夹（含 mkdocs.yml，默认当前文件夹）"
    )
    pdf_parser.add_argument("--out", default=Path("dist"), type=Path, help="输出文件夹（默认 dist）")
    args = parser.parse_args(argv)
    try:
        if args.command == "bundle":
            return bundle(args.project, args.out)
        if args.command == "pdf":
            return pdf(args.project, args.out)
        return check(args.data_dir)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
