"""``rectify bundle``: the offline site, a zip to open from a USB stick (rectify.output.bundle)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rectify.data.errors import DataInvalid
from rectify.output.build import BuildFailed
from rectify.output.bundle import MAX_BYTES, build_stamp, make_bundle
from rectify.output.lock import exclusive
from rectify.site.options import OptionInvalid

from .console import fail, say_busy
from .folders import add_project_arguments, project_notices


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add_project_arguments(commands.add_parser("bundle", help="生成离线版网站压缩包（可从 U 盘打开，无需联网）"))


def run(args: argparse.Namespace) -> int:
    out_dir: Path = args.out
    try:
        notices = project_notices(args.project)
        name = notices[0].id if len(notices) == 1 else "site"
        with exclusive(out_dir, say_busy(out_dir)):
            result = make_bundle(args.project, name, out_dir, build_stamp())
    except (DataInvalid, BuildFailed, OptionInvalid) as error:
        return fail(error)
    size_mib = result.size / 1024 / 1024
    print(f"离线版已生成：{result.zip_path.resolve()}")
    print(
        f"  {result.files} 个文件，压缩包 {result.size} 字节（{size_mib:.2f} MiB，上限 {MAX_BYTES // 1024 // 1024} MiB）"
    )
    print(f"  校验值：{(out_dir / 'SHA256SUMS').resolve()}（压缩包内另有每个文件的 SHA256SUMS）")
    print("  解压后用浏览器打开其中的 index.html，无需联网。")
    if result.size > MAX_BYTES:
        return fail("离线版超过 3 MiB 的上限")
    return 0
