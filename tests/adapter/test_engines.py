"""The second engine: ProperDocs (a maintained MkDocs 1.x) builds the same site as MkDocs.

Material for MkDocs reaches end of life on 2027-05-05 and MkDocs 2.0 drops
plugins and hooks; ProperDocs keeps ``mkdocs.yml`` and the hooks working. Both
build the seed here and every file must come out the same, but for the
``generator`` meta element that names the engine.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, ROOT

# <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2"> names the engine.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
ENGINES = ("mkdocs", "properdocs")


def build(engine: str, site_dir: Path) -> None:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [str(BIN / engine), "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(site_dir)]
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{engine}: {result.stderr}"


def files(site_dir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site_dir).as_posix(): GENERATOR.sub(b"", path.read_bytes())
        for path in site_dir.rglob("*")
        if path.is_file()
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    built = {}
    for engine in ENGINES:
        site_dir = tmp_path_factory.mktemp(engine)
        build(engine, site_dir)
        built[engine] = files(site_dir)
    return built


def test_both_engines_build_the_same_site(sites: dict[str, dict[str, bytes]]) -> None:
    mkdocs, properdocs = sites["mkdocs"], sites["properdocs"]
    assert sorted(mkdocs) == sorted(properdocs)
    assert len([p for p in mkdocs if p.endswith(".html")]) >= 30
    different = [path for path in mkdocs if mkdocs[path] != properdocs[path]]
    assert not different, f"ProperDocs builds these files differently: {different}"


def test_make_site_with_properdocs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        ["make", "--no-print-directory", "site", "ENGINE=properdocs", f"SITE={site}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert f"网站已生成：{site}/index.html" in result.stdout
    assert b"ProperDocs" in (site / "index.html").read_bytes()
