"""``rectify site``: build the public site; a failed build keeps the last good one.

A site too big for one build is built in shards (``--shard KEY``, one per year, run side by side by a
CI runner's matrix, make -j or xargs -P) and joined (``--join``): the same site, file for file."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rectify.data.errors import DataInvalid
from rectify.data.load import load_site
from rectify.output.build import BuildFailed, build_and_replace, data_folder
from rectify.output.lock import exclusive
from rectify.output.shards import MANIFEST, SHARDS_FOLDER, build_joined, build_shard, shard_folders
from rectify.site.options import OptionInvalid
from rectify.site.shards import shard_keys

from .console import fail, say_busy


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("site", help="生成网站（严格检查数据和链接；失败时保留上一次生成的网站）")
    parser.add_argument("--project", default=Path("."), type=Path, help="网站文件夹（含 mkdocs.yml，默认当前文件夹）")
    parser.add_argument("--data", type=Path, help="数据文件夹（默认网站文件夹中的 data）")
    parser.add_argument(
        "--out", type=Path, help=f"生成到哪个文件夹（默认网站文件夹中的 site；分片默认 {SHARDS_FOLDER}/分片名）"
    )
    parts = parser.add_mutually_exclusive_group()
    parts.add_argument("--list-shards", action="store_true", help="列出分片名（通报日期的年份），每行一个")
    parts.add_argument("--shard", metavar="分片名", help="只生成一个分片：这一年的通报的网页（各分片可同时生成）")
    parts.add_argument(
        "--join",
        nargs="*",
        type=Path,
        metavar="分片文件夹",
        help=f"生成网站自身的页面并合并各分片，得到与一次生成相同的网站（不写文件夹时合并 {SHARDS_FOLDER}/ 中的全部分片）",
    )


def run(args: argparse.Namespace) -> int:
    if args.list_shards:
        try:
            keys = shard_keys(load_site(data_folder(args.project, args.data)))
        except (DataInvalid, OptionInvalid) as error:
            return fail(error)
        print("\n".join(keys))
        return 0
    default = args.project / SHARDS_FOLDER / args.shard if args.shard is not None else args.project / "site"
    out: Path = args.out or default
    started = time.monotonic()
    with exclusive(out, say_busy(out)):  # a second build into out waits for the first
        try:
            if args.shard is not None:
                shard, notes = build_shard(args.project, out, args.shard, args.data)
                done = f"分片 {shard.key} 已生成：{out.resolve()}（{len(shard.notices)} 份通报）"
            elif args.join is not None:
                shards, notes = build_joined(args.project, out, args.join or shard_folders(args.project), args.data)
                done = f"网站已生成（合并了 {len(shards)} 个分片）：{out.resolve() / 'index.html'}"
            else:
                notes = build_and_replace(args.project, out, data_dir=args.data)
                done = f"网站已生成：{out.resolve() / 'index.html'}"
        except (DataInvalid, OptionInvalid) as error:
            return fail(error)
        except BuildFailed as error:
            what = "网站" if args.shard is None else "分片"
            kept = (out / "index.html").is_file() or (out / MANIFEST).is_file()
            return fail(error, tail=f"\n{out.resolve()} 没有改动，仍是上一次生成的{what}。" if kept else "")
        pages = sum(1 for _ in out.rglob("*.html"))
    for note in notes:
        print(f"提示：{note}")
    print(done)
    elapsed = f"  {pages} 个网页，用时 {time.monotonic() - started:.1f} 秒"
    if args.shard is not None:
        print(f"{elapsed}。全部分片生成后，用 rectify site --join 合并成网站。")
    else:
        print(f"{elapsed}；用浏览器打开上面的 index.html 即可查看。")
    return 0
