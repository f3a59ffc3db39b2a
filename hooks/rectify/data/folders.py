"""Where the notices are: one folder per notice under the data directory, named by the notice's ID,
holding ``notice.yml`` and ``findings.yml``; which folder names may be IDs, and what to say when a
folder or file is not where it should be."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import DataError, Remark

NOTICE_FILE = "notice.yml"
FINDINGS_FILE = "findings.yml"
NOTICE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Names a notice ID (its folder, and the folder of its pages on the site) must not take: the
# site's own pages and folders, and the pages of the single-notice layout of earlier versions,
# whose URLs stay as redirects (rectify.site.render.moved_pages).
RESERVED_NOTICE_IDS = frozenset(
    {"index", "notices", "progress", "rounds", "accessibility", "format", "schema", "assets"}
    | {"search", "feed", "sitemap", "404"}
    | {"notice", "findings", "contact", "print", "categories"}
)


def notice_folders(data_dir: Path, errors: list[DataError]) -> list[Path]:
    """Folders of ``data_dir`` that hold a notice, checking their names."""
    if not data_dir.is_dir():
        errors.append(DataError(data_dir, None, "", "数据文件夹不存在；应为含有通报文件夹的目录，如 data/"))
        return []
    folders = []
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if not (folder / NOTICE_FILE).exists():
            errors.append(
                DataError(
                    folder,
                    None,
                    "",
                    f"文件夹里没有 {NOTICE_FILE}{_similar_file(folder, NOTICE_FILE)}；"
                    f"每份通报一个文件夹，内含 {NOTICE_FILE} 和 {FINDINGS_FILE}",
                )
            )
        elif not NOTICE_ID.match(folder.name):
            errors.append(DataError(folder, None, "", _bad_folder_name(folder.name)))
        elif folder.name in RESERVED_NOTICE_IDS:
            errors.append(
                DataError(
                    folder,
                    None,
                    "",
                    f"文件夹名 {folder.name} 是网站保留的网址名称，不能用作通报编号；"
                    "请改用能说明发布单位和年份的编号，如 hlj-zgh-2017",
                )
            )
        else:
            folders.append(folder)
    if not folders and not errors:
        skipped = "".join(f"；{r.file.name}：{r.message}" for r in skipped_folders(data_dir))
        errors.append(DataError(data_dir, None, "", f"没有找到通报；应有至少一个含 {NOTICE_FILE} 的文件夹{skipped}"))
    return folders


def _bad_folder_name(name: str) -> str:
    rule = "应为小写字母、数字和连字符，如 hlj-zgh-2017"
    raw = os.fsencode(name)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            shown = f"（按 GBK 编码读出来是“{raw.decode('gb18030')}”）"
        except UnicodeDecodeError:
            shown = ""
        return f"文件夹名不是 UTF-8 编码{shown}，常见于在 Windows 上打包的压缩文件；请给文件夹改名，{rule}"
    return f"文件夹名 {name} 不能用作通报编号；{rule}"


def _similar_file(folder: Path, name: str) -> str:
    """A hint when ``name`` is missing but ``Notice.yml`` or ``notice.yaml`` is there."""
    stem = name.removesuffix(".yml").lower()
    for candidate in sorted(p.name for p in folder.iterdir()):
        if candidate != name and candidate.lower() in (f"{stem}.yml", f"{stem}.yaml", stem):
            return f"（有一个 {candidate}，请改名为 {name}）"
    return ""


def missing_findings(folder: Path) -> DataError | None:
    """The error when the folder has no ``findings.yml``; a broken link is left to the reader, which says why."""
    path = folder / FINDINGS_FILE
    if path.exists() or path.is_symlink():
        return None
    return DataError(
        path,
        None,
        "",
        f"找不到这个文件{_similar_file(folder, FINDINGS_FILE)}；每份通报一个文件夹，内含 {NOTICE_FILE} 和 {FINDINGS_FILE}",
    )


def skipped_folders(data_dir: Path) -> list[Remark]:
    """A remark for each folder holding a notice that is not published, its name starting with . (hidden)
    or _ (set aside): a clerk may not see it, or not mean it; never skipped in silence."""
    skipped = [f for f in sorted(data_dir.iterdir()) if f.name.startswith((".", "_")) and (f / NOTICE_FILE).is_file()]
    return [
        Remark(
            folder,
            None,
            "",
            f"这个文件夹里有 {NOTICE_FILE}，但名称以 {folder.name[0]} 开头，已跳过，不发布；"
            f"要发布这份通报，请把文件夹改名，去掉开头的 {folder.name[0]}",
        )
        for folder in skipped
    ]
