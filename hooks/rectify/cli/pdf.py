"""``rectify pdf``: each notice and its complete print version as PDF, in the layout of official
documents (rectify.output.pdf)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rectify.data.errors import DataInvalid
from rectify.output.build import BuildFailed
from rectify.output.fonts import install_hint, installed_fontconfig
from rectify.output.lock import exclusive
from rectify.output.pdf import NoBrowser, make_pdfs
from rectify.site.options import OptionInvalid

from .console import fail, say_busy
from .folders import add_project_arguments, project_notices


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add_project_arguments(commands.add_parser("pdf", help="生成通报和打印全文的 PDF（按公文格式排版）"))


def run(args: argparse.Namespace) -> int:
    out_dir: Path = args.out
    try:
        notices = project_notices(args.project)
        if not installed_fontconfig():
            print(f"提示：没有安装公文字体的替代字体，PDF 用本机已有的字体排版。{install_hint()}", file=sys.stderr)
        with exclusive(out_dir, say_busy(out_dir)):
            written = make_pdfs(args.project, [notice.id for notice in notices], out_dir)
    except (DataInvalid, BuildFailed, NoBrowser, OptionInvalid) as error:
        return fail(error)
    for path in written:
        print(f"PDF 已生成：{path.resolve()}（{path.stat().st_size} 字节）")
    return 0
