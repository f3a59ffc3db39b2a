"""The offline bundle: the site built for ``file://``, pruned, checksummed and zipped.

The zip unpacks into one folder that opens from a USB stick with no network:
Material's ``offline`` plugin makes links work without a server, and the
iframe-worker shim (shipped in rectify/site/assets) lets search run from ``file://``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .build import build_site

SUMS = "SHA256SUMS"
MAX_BYTES = 3 * 1024 * 1024
# Files a reader of the offline copy never uses.
_UNUSED = ("sitemap.xml", "sitemap.xml.gz", "404.html", "search/search_index.json")
_SOURCE_MAP_COMMENT = re.compile(rb"\n?/[/*]# sourceMappingURL=[^\n]*?(\*/)?\s*$")


@dataclass(frozen=True)
class Bundle:
    zip_path: Path
    size: int
    files: int


def build_stamp() -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)


def make_bundle(project: Path, notice_id: str, out_dir: Path, stamp: datetime) -> Bundle:
    """Build the offline site of ``project`` and write ``out_dir/<id>-offline-<date>.zip``."""
    name = f"{notice_id}-offline-{stamp:%Y-%m-%d}"
    with tempfile.TemporaryDirectory(prefix="rectify-bundle-") as work:
        site = Path(work) / name
        build_site(project, site, offline=True)
        prune(site)
        zip_path, count = zip_folder(site, out_dir, stamp)
    return Bundle(zip_path, zip_path.stat().st_size, count)


def zip_folder(folder: Path, out_dir: Path, stamp: datetime) -> tuple[Path, int]:
    """``folder`` with its SHA256SUMS as ``out_dir/<folder name>.zip`` (and the folder's sums of
    ``out_dir`` renewed); (the zip, files in it). A failed run never leaves half a zip behind."""
    write_sums(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    zip_path = out_dir / f"{folder.name}.zip"
    partial = zip_path.with_suffix(".zip.partial")
    count = write_zip(folder, partial, stamp)
    partial.replace(zip_path)
    write_dist_sums(out_dir)
    return zip_path, count


def prune(site: Path) -> None:
    """Drop source maps, unused search languages and files only a web server uses."""
    for path in site.rglob("*.map"):
        path.unlink()
    for path in [*site.rglob("*.js"), *site.rglob("*.css")]:
        content = path.read_bytes()
        stripped = _SOURCE_MAP_COMMENT.sub(b"\n", content)
        if stripped != content:
            path.write_bytes(stripped)
    languages = _search_languages(site)
    lunr = site / "assets" / "javascripts" / "lunr"
    keep = {"lunr.stemmer.support.min.js", *(f"lunr.{lang}.min.js" for lang in languages)}
    if len(languages) > 1:
        keep.add("lunr.multi.min.js")
    for path in (lunr / "min").glob("*.js"):
        if path.name not in keep:
            path.unlink()
    segmenters = {"tinyseg.js": {"ja"}, "wordcut.js": {"hi", "th"}}
    for file_name, needed_by in segmenters.items():
        if not needed_by & set(languages):
            (lunr / file_name).unlink(missing_ok=True)
    for relative in _UNUSED:
        (site / relative).unlink(missing_ok=True)


def _search_languages(site: Path) -> list[str]:
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return []
    return list(json.loads(index.read_text(encoding="utf-8"))["config"]["lang"])


def _files(folder: Path) -> list[Path]:
    return sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_sums(site: Path) -> None:
    """``SHA256SUMS`` inside the site, checkable with ``sha256sum -c``."""
    lines = [f"{_sha256(p)}  {p.relative_to(site).as_posix()}\n" for p in _files(site) if p.name != SUMS]
    (site / SUMS).write_text("".join(lines), encoding="utf-8")


def write_zip(site: Path, zip_path: Path, stamp: datetime) -> int:
    """Zip ``site`` under a folder of its own name, byte-identical for equal input."""
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second // 2 * 2)
    files = _files(site)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{site.name}/{path.relative_to(site).as_posix()}", date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return len(files)


def write_dist_sums(out_dir: Path) -> None:
    """``SHA256SUMS`` beside the zips, for every zip in ``out_dir``."""
    zips = sorted(out_dir.glob("*.zip"))
    (out_dir / SUMS).write_text("".join(f"{_sha256(p)}  {p.name}\n" for p in zips), encoding="utf-8")
