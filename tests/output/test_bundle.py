"""The offline bundle: one zip with checksums, small, self-contained, reproducible."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BIN, ROOT, SEED_ID
from rectify.site.policy import offline_shim

EPOCH = "1490572800"  # 2017-03-27, the notice's date
MAX_BYTES = 3 * 1024 * 1024


def make_bundle(out_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    command = [str(BIN / "rectify"), "bundle", "--out", str(out_dir)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = make_bundle(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def archive(dist: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(dist / f"{SEED_ID}-offline-2017-03-27.zip")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_zip_is_named_by_notice_and_date_with_sums_beside(dist: Path) -> None:
    zips = sorted(p.name for p in dist.glob("*.zip"))
    assert zips == [f"{SEED_ID}-offline-2017-03-27.zip"]
    sums = (dist / "SHA256SUMS").read_text(encoding="utf-8")
    assert sums == f"{sha256((dist / zips[0]).read_bytes())}  {zips[0]}\n"


def test_sums_inside_cover_every_file(archive: zipfile.ZipFile) -> None:
    folder = f"{SEED_ID}-offline-2017-03-27/"
    names = archive.namelist()
    assert all(name.startswith(folder) for name in names)
    listed = {}
    for line in archive.read(folder + "SHA256SUMS").decode().splitlines():
        digest, path = line.split("  ", 1)
        listed[path] = digest
    files = {name.removeprefix(folder) for name in names} - {"SHA256SUMS"}
    assert set(listed) == files
    for path, digest in listed.items():
        assert sha256(archive.read(folder + path)) == digest, path


def test_small_and_without_what_readers_never_need(dist: Path, archive: zipfile.ZipFile) -> None:
    size = (dist / f"{SEED_ID}-offline-2017-03-27.zip").stat().st_size
    assert size <= MAX_BYTES
    names = archive.namelist()
    assert not [n for n in names if n.endswith(".map")]
    assert not [n for n in names if n.endswith(("sitemap.xml", "sitemap.xml.gz", "search_index.json"))]
    lunr = sorted(n.rsplit("/", 1)[1] for n in names if "/lunr/" in n)
    assert lunr == ["lunr.stemmer.support.min.js", "lunr.zh.min.js"]
    for name in names:
        if name.endswith((".js", ".css")):
            assert b"sourceMappingURL" not in archive.read(name), name


def test_pages_link_to_html_files_and_ship_the_shim(archive: zipfile.ZipFile) -> None:
    folder = f"{SEED_ID}-offline-2017-03-27/"
    names = set(archive.namelist())
    for page in (
        "index.html",
        *(
            f"{SEED_ID}/{p}"
            for p in ("index.html", "notice.html", "findings/index.html", "findings/idle-flats.html", "contact.html")
        ),
    ):
        assert folder + page in names, page
    soup = BeautifulSoup(archive.read(folder + "index.html").decode(), "html.parser")
    scripts = [s.get("src", "") for s in soup.find_all("script")]
    assert "assets/javascripts/iframe-worker-shim.js" in scripts
    assert folder + "assets/javascripts/iframe-worker-shim.js" in names
    assert folder + "search/search_index.js" in names
    remote = [s for s in scripts if re.match(r"https?://", s)]
    assert not remote


def test_the_shim_ships_with_the_package_not_from_node_modules(archive: zipfile.ZipFile) -> None:
    """The bundle needs no Node: the shim is the vendored file (rectify/site/assets, version and checksum in
    its README), and nothing of the package or the adapter reads node_modules."""
    assets = ROOT / "hooks" / "rectify" / "site" / "assets"
    shim = (assets / "iframe-worker-shim.js").read_bytes()
    readme = (assets / "README.md").read_text(encoding="utf-8")
    assert "iframe-worker](https://github.com/squidfunk/iframe-worker) 1.0.4" in readme
    assert hashlib.sha256(shim).hexdigest() in readme
    assert "Permission is hereby granted, free of charge" in (assets / "iframe-worker-LICENSE").read_text(
        encoding="utf-8"
    )
    # Shipped with one change, the frame's inline script as a file (the pages' Content-Security-Policy).
    shipped = archive.read(f"{SEED_ID}-offline-2017-03-27/assets/javascripts/iframe-worker-shim.js")
    assert shipped.decode() == offline_shim() != shim.decode()
    boot = archive.read(f"{SEED_ID}-offline-2017-03-27/assets/javascripts/workers/iframe-worker-boot.js")
    assert boot == (assets / "iframe-worker-boot.js").read_bytes()
    code = [ROOT / "hooks" / "rectify_hooks.py", *(ROOT / "hooks" / "rectify").rglob("*.py")]
    assert not [path for path in code if "node_modules" in path.read_text(encoding="utf-8")]
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert "dependencies" not in package and "iframe-worker" not in (ROOT / "package-lock.json").read_text()
    assert "\nbundle: $(STAMP)\n" in (ROOT / "Makefile").read_text(encoding="utf-8")  # no npm ci first


def test_output_says_where_and_how_big(tmp_path: Path) -> None:
    result = make_bundle(tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{SEED_ID}-offline-2017-03-27.zip" in result.stdout
    assert "MiB" in result.stdout and "字节" in result.stdout


def test_same_input_gives_byte_identical_zip(dist: Path, tmp_path: Path) -> None:
    assert make_bundle(tmp_path).returncode == 0
    name = f"{SEED_ID}-offline-2017-03-27.zip"
    assert (tmp_path / name).read_bytes() == (dist / name).read_bytes()


def test_failed_bundle_keeps_previous_zip(data_copy: Path, dist: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert make_bundle(out).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (data_copy / SEED_ID / "findings.yml").write_text("categories: [", encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "RECTIFY_DATA": str(data_copy)}
    result = subprocess.run(
        [str(BIN / "rectify"), "bundle", "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "findings.yml" in result.stderr and "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
