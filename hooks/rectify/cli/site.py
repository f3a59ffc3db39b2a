"""``rectify site``: build the public site; a failed build keeps the last good one."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rectify.output.build import BuildFailed, build_and_replace
from rectify.output.lock import exclusive

from .console import say_busy


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("site", help="生成网站（严格检查数据和链接；失败时保留上一次生成的网站）")
    parser.add_argument("--project", default=Path("."), type=Path, help="网站文件夹（含 mkdocs.yml，默认当前文件夹）")
    parser.add_argument("--data", type=Path, help="数据文件夹（默认网站文件夹中的 data）")
    parser.add_argument("--out", type=Path, help="生成到哪个文件夹（默认网站文件夹中的 site）")


def run(args: argparse.Namespace) -> int:
    out: Path = args.out or args.project / "site"
    started = time.monotonic()
    with exclusive(out, say_busy(out)):  # a second build into out waits for the first
        try:
            notes = build_and_replace(args.project, out, data_dir=args.data)
        except BuildFailed as error:
            print(error, file=sys.stderr)
            if (out / "index.html").is_file():
                print(f"{out.resolve()} 没有改动，仍是上一次生成的网站。", file=sys.stderr)
            return 1
        pages = sum(1 for _ in out.rglob("*.html"))
    for note in notes:
        print(f"提示：{note}")
    print(f"网站已生成：{out.resolve() / 'index.html'}")
    print(f"  {pages} 个网页，用时 {time.monotonic() - started:.1f} 秒；用浏览器打开上面的 index.html 即可查看。")
    return 0
