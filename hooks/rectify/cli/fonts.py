"""``rectify fonts``: install the print fonts once (cached; a second run returns at once)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rectify.output.fonts import FACES, FontsFailed, install_fonts, installed_fontconfig

from .console import fail


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("fonts", help="安装 PDF 用的公文字体替代字体（Fandol，只需一次）")
    parser.add_argument("--deb", type=Path, help="已下载的 texlive-lang-chinese 软件包文件（不用 apt-get 下载）")


def run(args: argparse.Namespace) -> int:
    was_installed = installed_fontconfig() is not None
    started = time.monotonic()
    try:
        folder = install_fonts(args.deb, say=lambda line: print(line, flush=True))
    except FontsFailed as error:
        return fail(error)
    size = sum(path.stat().st_size for path in folder.glob("*.ttf"))
    if was_installed:
        print(f"打印用字体已安装：{folder}（{size / 1024 / 1024:.0f} MB）")
        return 0
    print(f"打印用字体已安装（用时 {time.monotonic() - started:.0f} 秒）：{folder}（{size / 1024 / 1024:.0f} MB）")
    for face, role in FACES.items():
        print(f"  {face}：{role}")
    print("这些字体只用于 rectify pdf 生成的 PDF，网站不向访问者提供字体。")
    return 0
