"""A site built in shards, joined into the site a single build makes (``rectify site --shard/--join``).

Each shard is a build of its own (``rectify.site.shards``: the pages of the notices of one year, under
their ``<id>/``), into its own folder, with ``rectify-shard.json``: its key, its notices, a digest of
what it was built from and its build date. The join builds the site's own pages and files, then puts
each shard's notice folders beside them (hard links where it can, else copies), and writes what covers
the whole site: the search index (split by notice past its size, as a single build splits it) and the
sitemap. A single build writes the site's own pages first, then each notice's in site order
(``render.site_pages``): the join puts the search entries and sitemap entries in that order, so the
joined site is the single build's, file for file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from rectify import __version__
from rectify.data.load import load_site
from rectify.site.paths import build_date
from rectify.site.search.material_patches import write_joined_index
from rectify.site.shards import JOIN, SHARD_PREFIX, shard_key, shard_keys

from .build import CONFIG, BuildFailed, build_and_replace, data_folder, read_config

MANIFEST = "rectify-shard.json"
# Where rectify site --shard KEY builds by default: shards/KEY beside mkdocs.yml.
SHARDS_FOLDER = "shards"
INDEX = Path("search") / "search_index.json"
SITEMAP = "sitemap.xml"
_URL = re.compile(r"\n[ \t]*<url>.*?</url>", re.DOTALL)


def inputs_digest(project: Path, data_dir: Path) -> str:
    """A digest of what a build reads: the data, mkdocs.yml, docs/ and the rectify version."""
    digest = hashlib.sha256(f"rectify {__version__}\n".encode())
    docs = project / str(read_config(project).get("docs_dir") or "docs")
    for label, root in (("data", data_dir), ("docs", docs)):
        for path in sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []:
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    config = project / CONFIG
    digest.update(config.read_bytes() if config.is_file() else b"")
    return digest.hexdigest()


@dataclass(frozen=True)
class Shard:
    """What a shard's folder says of itself (``rectify-shard.json``)."""

    folder: Path
    key: str
    notices: tuple[str, ...]
    digest: str
    built: date

    def write(self) -> None:
        record = {"shard": self.key, "notices": list(self.notices), "digest": self.digest, "built": str(self.built)}
        (self.folder / MANIFEST).write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> Shard:
        try:
            record = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            return cls(
                folder,
                str(record["shard"]),
                tuple(record["notices"]),
                record["digest"],
                date.fromisoformat(record["built"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            raise BuildFailed(
                f"{folder} 不是 rectify site --shard 生成的分片文件夹（其中没有可读的 {MANIFEST}）"
            ) from None


def check_shards(shards: Sequence[Shard], keys: dict[str, str], digest: str) -> None:
    """That ``shards`` hold every notice once (``keys``: notice ID → shard), from the same inputs and day."""
    seen: dict[str, Shard] = {}
    for shard in shards:
        if shard.key in seen:
            raise BuildFailed(f"分片 {shard.key} 给出了两次：{seen[shard.key].folder} 和 {shard.folder}")
        seen[shard.key] = shard
        if shard.digest != digest:
            raise BuildFailed(
                f"分片 {shard.key}（{shard.folder}）是用另一份数据、设置或另一个版本的 rectify 生成的；"
                f"请用现在的数据重新生成它：rectify site --shard {shard.key}"
            )
        if shard.built != build_date():
            raise BuildFailed(
                f"分片 {shard.key}（{shard.folder}）是 {shard.built} 生成的，合并在 {build_date()}：网页上“截至”的日期会不一致；"
                "请在同一天重新生成，或让所有分片和合并使用同一个环境变量 SOURCE_DATE_EPOCH"
            )
        expected = tuple(notice for notice, key in keys.items() if key == shard.key)
        if shard.notices != expected:
            raise BuildFailed(f"分片 {shard.key}（{shard.folder}）中的通报与现在的数据不一致；请重新生成这个分片")
    missing = sorted(set(keys.values()) - set(seen))
    if missing:
        raise BuildFailed(
            f"缺少分片 {'、'.join(missing)}：请先生成（rectify site --shard {missing[0]}），再合并所有分片"
        )


def _link_or_copy(source: str, target: str) -> None:
    # A hard link costs no space and no time; across file systems (a CI artefact, another disk) a copy.
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def join_shards(site_dir: Path, shards: Sequence[Shard], notices: Sequence[str]) -> None:
    """Complete the join's build in ``site_dir`` with ``shards``' notices (in site order ``notices``)."""
    owner = {notice: shard for shard in shards for notice in shard.notices}
    for notice in notices:
        source = owner[notice].folder / notice
        if not source.is_dir():
            raise BuildFailed(
                f"分片 {owner[notice].key}（{owner[notice].folder}）中没有通报 {notice} 的网页；请重新生成这个分片"
            )
        shutil.copytree(source, site_dir / notice, copy_function=_link_or_copy, dirs_exist_ok=True)
    failed = _join_index(site_dir, shards, owner, notices)
    if failed:  # as a build under --strict fails on the warning
        raise BuildFailed("网站生成失败：\n" + "\n".join(failed))
    _join_sitemap(site_dir, shards, owner, notices)


def _join_index(site_dir: Path, shards: Sequence[Shard], owner: dict[str, Shard], notices: Sequence[str]) -> list[str]:
    """The search index of the whole site: the join's entries, then each notice's from its shard."""
    index = site_dir / INDEX
    if not index.is_file():
        return []  # a site without search
    joined: dict[str, Any] = json.loads(index.read_bytes())
    entries: dict[str, list[dict[str, Any]]] = {notice: [] for notice in notices}
    for shard in shards:
        data = json.loads((shard.folder / INDEX).read_bytes())
        for entry in data["docs"]:
            notice = entry["location"].split("/", 1)[0]
            if "/" in entry["location"] and owner.get(notice) is shard:
                entries[notice].append(entry)
    docs = joined["docs"] + [entry for notice in notices for entry in entries[notice]]
    return write_joined_index(site_dir, {"config": joined["config"], "docs": docs}, notices)


def _join_sitemap(site_dir: Path, shards: Sequence[Shard], owner: dict[str, Shard], notices: Sequence[str]) -> None:
    """sitemap.xml (and .gz, as MkDocs writes it): the join's pages, then each notice's from its shard."""
    sitemap = site_dir / SITEMAP
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    own = _URL.findall(text)
    end = text.rfind(own[-1]) + len(own[-1]) if own else text.index("\n</urlset>")
    pages: dict[str, list[str]] = {notice: [] for notice in notices}
    for shard in shards:
        for entry in _URL.findall((shard.folder / SITEMAP).read_text(encoding="utf-8")):
            loc = entry.partition("<loc>")[2].partition("</loc>")[0]
            notice = next((part for part in loc.split("/") if owner.get(part) is shard), None)
            if notice is not None:
                pages[notice].append(entry)
    joined = text[:end] + "".join(entry for notice in notices for entry in pages[notice]) + text[end:]
    sitemap.write_text(joined, encoding="utf-8")
    # Dated as MkDocs dated the join's own (by its newest page: the build's day), as a single build's is.
    packed = Path(f"{sitemap}.gz")
    stamp = int.from_bytes(packed.read_bytes()[4:8], "little") if packed.is_file() else None
    with packed.open("wb") as file, gzip.GzipFile(fileobj=file, filename=packed, mode="wb", mtime=stamp) as out:
        out.write(joined.encode("utf-8"))


def build_shard(project: Path, out: Path, key: str, data: Path | None = None) -> tuple[Shard, list[str]]:
    """``rectify site --shard KEY``: the pages of the notices of shard ``key`` into ``out``; raises
    ``DataInvalid``, or ``BuildFailed`` (an unknown key, a failed build). Returns the shard and the build's notes."""
    data_dir = data_folder(project, data)
    notices = load_site(data_dir)
    keys = shard_keys(notices)
    if key not in keys:
        raise BuildFailed(f"数据中没有分片 {key} 的通报；分片按通报日期的年份划分，现有：{'、'.join(keys)}")
    shard = Shard(
        out, key, tuple(n.id for n in notices if shard_key(n) == key), inputs_digest(project, data_dir), build_date()
    )

    def finish(folder: Path) -> None:
        # Only what the join takes: the shard's notice folders, its search entries and sitemap.
        kept = {*shard.notices, INDEX.parts[0], SITEMAP}
        for path in folder.iterdir():
            if path.name not in kept:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        replace(shard, folder=folder).write()

    notes = build_and_replace(project, out, data_dir=data_dir, part=f"{SHARD_PREFIX}{key}", finish=finish)
    return shard, notes


def build_joined(
    project: Path, out: Path, folders: Sequence[Path], data: Path | None = None
) -> tuple[list[Shard], list[str]]:
    """``rectify site --join DIR...``: the site's own pages into ``out``, joined with the shards in
    ``folders``; raises ``DataInvalid`` or ``BuildFailed``. Returns the shards and the build's notes."""
    data_dir = data_folder(project, data)
    notices = load_site(data_dir)
    shards = [Shard.read(folder) for folder in folders]
    check_shards(shards, {n.id: shard_key(n) for n in notices}, inputs_digest(project, data_dir))
    ids = [notice.id for notice in notices]
    notes = build_and_replace(
        project, out, data_dir=data_dir, part=JOIN, finish=lambda site: join_shards(site, shards, ids)
    )
    return shards, notes


def shard_folders(project: Path) -> list[Path]:
    """The shards built into ``project/shards/`` (``rectify site --join`` with no folder named)."""
    root = project / SHARDS_FOLDER
    return sorted(folder for folder in root.iterdir() if (folder / MANIFEST).is_file()) if root.is_dir() else []
