"""``rectify publish``: the zip an office hands to the portal's 信息中心 (rectify.output.publish)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rectify.data.errors import DataInvalid
from rectify.data.load import load_site
from rectify.output.build import CONFIG, BuildFailed, data_folder, read_config
from rectify.output.bundle import build_stamp
from rectify.output.lock import exclusive
from rectify.output.publish import INSTRUCTIONS, SITE_FOLDER, SiteUrlInvalid, checked_site_url, make_publication
from rectify.site.options import OptionInvalid

from .console import fail, say_busy


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("publish", help="生成交给门户网站上传的压缩包（网站文件、上传说明、校验值、网站地图）")
    parser.add_argument("--project", default=Path("."), type=Path, help="网站文件夹（含 mkdocs.yml，默认当前文件夹）")
    parser.add_argument("--data", type=Path, help="数据文件夹（默认网站文件夹中的 data）")
    parser.add_argument("--out", default=Path("dist"), type=Path, help="压缩包放在哪个文件夹（默认 dist）")
    parser.add_argument(
        "--site-url", help="栏目的完整网址，如 https://www.example.gov.cn/xszg/（默认 mkdocs.yml 中的 site_url）"
    )


def run(args: argparse.Namespace) -> int:
    project: Path = args.project
    config = read_config(project)
    if not config:
        return fail(f"{project.resolve()} 中没有可读的 {CONFIG}：请在网站文件夹中运行，或用 --project 指出网站文件夹")
    try:
        data_dir = data_folder(project, args.data, config)
        site_url = checked_site_url(args.site_url or config.get("site_url"))
        notices = load_site(data_dir)
        stamp = build_stamp()
        with exclusive(args.out, say_busy(args.out)):
            result = make_publication(
                project, notices, args.out, stamp, site_url, data_dir, str(config.get("site_name") or "整改公开")
            )
    except SiteUrlInvalid as error:
        return fail(error, lead="不能生成发布包：")
    except (DataInvalid, BuildFailed, OptionInvalid) as error:
        return fail(error)
    for note in result.notes:
        print(f"提示：{note}")
    print(f"发布包已生成：{result.zip_path.resolve()}")
    print(
        f"  网站地址 {site_url}，{result.pages} 个页面，{result.files} 个文件，压缩包 {result.size / 1024 / 1024:.2f} MiB"
    )
    print(
        f"  把压缩包交给门户网站的信息中心；其中的 {INSTRUCTIONS} 说明 {SITE_FOLDER}/ 中的文件放在哪里、怎样设置服务器。"
    )
    print(f"  校验值：{(args.out / 'SHA256SUMS').resolve()}")
    return 0
