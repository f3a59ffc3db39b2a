"""The folders a command is pointed at: a project, the data its build publishes, and whether a folder
may become one notice's (``rectify new``, ``import`` and ``init`` write one)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from rectify.data.folders import NOTICE_FILE, NOTICE_ID, RESERVED_NOTICE_IDS
from rectify.data.load import load_site
from rectify.data.model import Notice
from rectify.output.build import CONFIG, data_folder, read_config


def add_project_arguments(parser: argparse.ArgumentParser) -> None:
    """The folders of a command that makes files from a project's build (bundle, pdf)."""
    parser.add_argument("--project", default=Path("."), type=Path, help="项目文件夹（含 mkdocs.yml，默认当前文件夹）")
    parser.add_argument("--out", default=Path("dist"), type=Path, help="输出文件夹（默认 dist）")


def project_notices(project: Path) -> list[Notice]:
    """The notices a build of ``project`` publishes (its data folder found as the MkDocs adapter finds it)."""
    return load_site(data_folder(project))


def _data_root(folder: Path) -> str | None:
    """Why ``folder`` is the folder of all notices (a site's data/), not one notice's folder; None if not."""
    if folder.is_dir():
        held = sorted(p.name for p in folder.iterdir() if (p / NOTICE_FILE).is_file())
        if held:
            return f"里面已有通报文件夹 {'、'.join(held[:3])}{' 等' if len(held) > 3 else ''}"
    config = read_config(folder.parent)
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    configured = {"data", str(extra.get("rectify_data") or "data"), os.environ.get("RECTIFY_DATA") or "data"}
    if config and folder.resolve() in {(folder.parent / name).resolve() for name in configured}:
        return f"它是 {folder.parent / CONFIG} 的网站读取的数据文件夹"
    return None


def not_a_notice_folder(notice_dir: Path) -> str | None:
    """Why a folder cannot be a notice's (the data root, or a name that is no notice ID); None if it can."""
    root = _data_root(notice_dir)
    if root:
        return (
            f"{notice_dir} 是存放各份通报的数据文件夹（{root}），不能直接写入一份通报；"
            f"每份通报在它下面单独一个文件夹，文件夹名就是通报编号，如 {notice_dir / 'zhenggai-2024'}。没有写入任何文件"
        )
    if notice_dir.name in RESERVED_NOTICE_IDS:
        return f"文件夹名 {notice_dir.name} 是网站保留的网址名称，不能用作通报编号；请换一个，如 data/hlj-zgh-2017"
    if NOTICE_ID.match(notice_dir.name):
        return None
    return f"文件夹名 {notice_dir.name} 不能用作通报编号；应为小写字母、数字和连字符，如 data/hlj-zgh-2017"
