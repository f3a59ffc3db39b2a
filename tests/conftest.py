"""Shared fixtures: the shipped data, editable copies of it, and a real build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# Test inputs and golden outputs, shared by the test folders (one per package group).
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
SEED_ID = "hlj-zgh-2017"
# The source notice: from ../shared when it is there, else the copy shipped with the tests.
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_f3b171d41096f4fe.txt"
SEED_TEXT = SHARED_SEED if SHARED_SEED.is_file() else FIXTURES / "seed-notice.txt"
BIN = Path(sys.executable).parent


def is_redirect(file: Path) -> bool:
    """Whether a built HTML file is a redirect page that keeps an old URL (no content of its own)."""
    return 'http-equiv="refresh"' in file.read_text(encoding="utf-8")


def require_tools(*names: str) -> None:
    """Skip (or, with RECTIFY_REQUIRE_BROWSER=1 as in CI, fail) when a program is missing."""
    missing = [name for name in names if not shutil.which(name)]
    if missing:
        message = f"未找到 {'、'.join(missing)}；请安装：apt-get install chromium fonts-noto-cjk poppler-utils"
        if os.environ.get("RECTIFY_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (the notice folder is ``data_copy / SEED_ID``)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def edit(data_copy: Path) -> Callable[[str, str, str], Path]:
    """Replace text once in a file of the copied seed notice: ``edit("notice.yml", old, new)``."""

    def replace(file_name: str, old: str, new: str) -> Path:
        path = data_copy / SEED_ID / file_name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file_name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return replace


def mkdocs_build(
    site_dir: Path, data_dir: Path | None = None, *, config: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a real ``mkdocs build --strict`` of this project (or of ``config``) into ``site_dir``."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if data_dir is not None:
        environment["RECTIFY_DATA"] = str(data_dir)
    command = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir)]
    if config is not None:
        command += ["--config-file", str(config)]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    return site
