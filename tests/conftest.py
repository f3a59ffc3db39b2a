"""Shared fixtures: the shipped data, editable copies of it, and a real build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
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


# The tools some tests need beyond Python: what each is called and the one command that installs it.
# A fresh machine with Python and make runs every other test; the summary says what was skipped.
TOOLS = {
    "chromium": ("Chromium 浏览器", "sudo apt-get install chromium fonts-noto-cjk"),
    "poppler": ("poppler（pdftotext、pdfinfo 等）", "sudo apt-get install poppler-utils"),
    "libreoffice": ("LibreOffice", "sudo apt-get install libreoffice-writer-nogui"),
    "java": ("Java", "sudo apt-get install default-jre-headless"),
    "node": ("Node 的测试工具 axe-core、vnu-jar", "sudo apt-get install nodejs npm，然后 npm ci"),
    "fonts": ("打印用字体", "make fonts"),
}
INSTALL_ALL = (
    "sudo apt-get install chromium fonts-noto-cjk poppler-utils libreoffice-writer-nogui nodejs npm "
    "default-jre-headless && npm ci && make fonts"
)
_PROGRAMS = {"chromium": "chromium", "java": "java", "soffice": "libreoffice"} | {
    name: "poppler" for name in ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm")
}
_MISSING = re.compile(r"缺少工具 ([a-z、]+)：")


def missing_tools(tools: list[str], what: str) -> None:
    """Skip the test for ``tools`` (keys of TOOLS), or fail it in CI (RECTIFY_REQUIRE_TOOLS=1; the
    older RECTIFY_REQUIRE_BROWSER=1 too): there a missing tool is a broken machine."""
    keys = list(dict.fromkeys(tools))
    message = f"缺少工具 {'、'.join(keys)}：{what}；安装：{'；'.join(TOOLS[key][1] for key in keys)}"
    if os.environ.get("RECTIFY_REQUIRE_TOOLS") or os.environ.get("RECTIFY_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def require_tools(*names: str) -> None:
    """Skip (or fail in CI) when a program is missing."""
    missing = [name for name in names if not shutil.which(name)]
    if missing:
        missing_tools([_PROGRAMS.get(name, name) for name in missing], f"未找到 {'、'.join(missing)}")


def require_node_tool(path: Path) -> None:
    """Skip (or fail in CI) when a test tool of package.json is not installed (npm ci)."""
    if not path.is_file():
        missing_tools(["node"], f"未找到 {path.relative_to(ROOT)}")


@pytest.hookimpl(wrapper=True, tryfirst=True)  # outermost: printed after -ra's list of skips
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> Iterator[None]:
    """One line per missing tool: how many tests it kept from running and the command that installs it."""
    yield
    skipped: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        found = _MISSING.search(reason)
        skipped.update(found.group(1).split("、") if found else [])
    if not skipped:
        return
    terminalreporter.section("本机缺少的工具", sep="=")
    for key, count in skipped.items():
        label, install = TOOLS.get(key, (key, ""))
        terminalreporter.write_line(f"{label}：跳过 {count} 个测试；安装：{install}")
    terminalreporter.write_line(f"一次装齐（见 README 的快速开始）：{INSTALL_ALL}")


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
