"""``rectify init``: a new office's own site in a folder of its choice.

It writes the site's settings (mkdocs.yml, named after the unit), the theme (docs/overrides,
docs/assets), a two-line hook that hands MkDocs to the installed adapter, and one empty notice
from the commented templates. No sample notice, and not the developers' data-format page.
"""

from __future__ import annotations

import argparse
import json
import shutil
from datetime import date
from pathlib import Path

from .console import fail
from .folders import not_a_notice_folder
from .new import new

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
CONFIG_TEMPLATE = TEMPLATES / "site.mkdocs.yml"
# The theme: package data in an installed wheel (setup.py copies docs/ there); this checkout's docs/ otherwise.
PACKAGED_THEME = TEMPLATES / "theme"
CHECKOUT_THEME = Path(__file__).resolve().parents[3] / "docs"
THEME_FOLDERS = ("overrides", "assets")
HOOK_FILE = "hooks/site_hooks.py"
# MkDocs' ``hooks:`` takes files; this one uses the adapter installed with the package (module
# rectify_hooks), so that upgrading rectify upgrades every site made with it.
HOOK = '''"""本网站的 MkDocs 钩子：用已安装的整改公开（rectify）从 data/ 生成页面。由 rectify init 写出，不需要修改。"""

from rectify_hooks import *  # noqa: F403
'''
GITIGNORE = "# rectify site 和 rectify publish 生成的文件\nsite/\nsite.new/\nsite.old/\nsite.lock\ndist/\ndist.lock\n"


def theme_dir() -> Path | None:
    for folder in (PACKAGED_THEME, CHECKOUT_THEME):
        if all((folder / name).is_dir() for name in THEME_FOLDERS):
            return folder
    return None


def site_name(unit: str) -> str:
    return f"{unit}巡视巡察整改公开"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("init", help="新建本单位的整改公开网站（网站设置、外观和一份空白通报）")
    parser.add_argument("folder", type=Path, help="网站文件夹（新文件夹或空文件夹），如 整改公开网站")
    parser.add_argument("--unit", required=True, help="单位全称，如 中共某某县委巡察工作领导小组办公室")
    parser.add_argument(
        "--notice",
        default=f"zhenggai-{date.today().year}",
        help="第一份通报的编号（文件夹名：小写字母、数字和连字符；默认 zhenggai-今年）",
    )


def config_text(unit: str) -> str:
    """mkdocs.yml of a new site; names go in as YAML double-quoted strings (JSON's are valid YAML)."""
    text = CONFIG_TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("{site_name_yaml}", json.dumps(site_name(unit), ensure_ascii=False))
    return text.replace("{unit_yaml}", json.dumps(unit, ensure_ascii=False)).replace("{unit}", unit)


def run(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    unit = " ".join(str(args.unit).split())
    if not unit:
        return fail("请用 --unit 写明单位全称，如 --unit 中共某某县委巡察工作领导小组办公室")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        return fail(f"{folder} 已经存在且不是空文件夹；请换一个新文件夹名。没有改动任何文件。")
    notice_dir = folder / "data" / args.notice
    refused = not_a_notice_folder(notice_dir)
    if refused:
        return fail(refused)
    theme = theme_dir()
    if theme is None:
        return fail("整改公开没有安装完整（找不到网站外观文件）；请重新安装 rectify。没有改动任何文件。")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(config_text(unit), encoding="utf-8")
    for name in THEME_FOLDERS:
        shutil.copytree(theme / name, folder / "docs" / name, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / HOOK_FILE).parent.mkdir()
    (folder / HOOK_FILE).write_text(HOOK, encoding="utf-8")
    (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    print(f"已新建“{site_name(unit)}”网站：{folder.resolve()}")
    print("  mkdocs.yml  网站设置：网站名称、页脚的主办单位和联系方式；发布前填写网站地址 site_url")
    print("  docs/       网站的外观（一般不需要修改）")
    print(f"  {HOOK_FILE}  让生成网站的程序使用整改公开（不需要修改）")
    if new(notice_dir) != 0:
        return 1
    print(f"接下来（在 {folder} 中运行）：")
    print(f"  1. 填写通报：rectify import 通报原文.docx -o data/{args.notice} --force，或按注释填写上面的两个文件")
    print("  2. 检查数据：rectify check data（有错时逐条说明文件、行号和应该怎样写）")
    print("  3. 生成网站：rectify site（生成在 site/ 中，用浏览器打开 site/index.html 查看）")
    print("  4. 在 mkdocs.yml 中填写 site_url，生成交给门户网站的压缩包：rectify publish")
    return 0
