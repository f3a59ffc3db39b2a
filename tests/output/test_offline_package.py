"""The offline install package (``make offline``, tools/offline_package.py), installed with no network.

SLOW (about 2 minutes here): the package is built once for this machine's platform and Python
(downloads need PyPI, as ``make`` itself does), then install.sh installs it into a fresh venv with
the package index unreachable, and the installed ``rectify`` makes and builds a new site. The full
package for every platform and Python is checked by ``make offline`` itself (it resolves each from
the package alone); ``RECTIFY_OFFLINE_FULL=1`` also builds it here and installs it with every
Python 3.10-3.13 that pyenv has (about 10 minutes more).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import offline_package
import pytest
from conftest import DATA, SEED_ID, SEED_TEXT

UNIT = "某某县某某局党组"
# Wheel names (distribution names with _) of the dev extra and what only it needs.
DEV_ONLY = {"pytest", "ruff", "uv", "properdocs", "import_linter", "xlwt", "msoffcrypto_tool", "beautifulsoup4", "rich"}


def unpack(zip_path: Path, where: Path) -> Path:
    """The package unzipped into a folder whose path has a space and Chinese characters."""
    target = where / "离线 安装包"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(target)
    return target / zip_path.stem


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    return unpack(offline_package.build(out, [offline_package.this_target()]), out)


def no_network() -> list[str]:
    """A prefix that runs a command in a network namespace of its own (no interface but a down
    loopback), when the kernel lets this user make one; the test then needs no trust in pip's flags."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True, check=False).returncode == 0:
        return [unshare, "-rn"]
    return []


def offline_env(home: Path) -> dict[str, str]:
    """No pip settings of this machine, an index and proxies that answer nothing, a HOME of its own
    whose ~/.local/bin is on the PATH (where install.sh puts ``rectify``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "RECTIFY_", "VIRTUAL_ENV"))}
    closed = "http://127.0.0.1:9/"
    env.update(PIP_INDEX_URL=closed, PIP_CONFIG_FILE=os.devnull, HOME=str(home), NO_MKDOCS_2_WARNING="1")
    env.update(http_proxy=closed, https_proxy=closed, HTTP_PROXY=closed, HTTPS_PROXY=closed)
    env["PATH"] = os.pathsep.join([str(home / ".local" / "bin"), env.get("PATH", "")])
    return env


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*no_network(), *command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def install_and_make_a_site(folder: Path, python: str, home: Path) -> None:
    """What 安装说明.txt tells a clerk: install.sh, then rectify init and rectify site."""
    env = {**offline_env(home), "PYTHON": python}
    home.mkdir(parents=True, exist_ok=True)
    installed = run(["sh", str(folder / "install.sh")], cwd=home, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "安装完成" in installed.stdout and "rectify" in installed.stdout
    rectify = shutil.which("rectify", path=env["PATH"])
    assert rectify and Path(rectify).resolve().is_relative_to(folder.resolve()), rectify
    version = run(["rectify", "--version"], cwd=home, env=env)
    own = next((folder / "wheels").glob("rectify-*.whl"))
    assert version.returncode == 0 and offline_package.wheel_metadata(own)[0] in version.stdout

    site = home / "网站"
    made = run(["rectify", "init", str(site), "--unit", UNIT], cwd=home, env=env)
    assert made.returncode == 0, made.stderr
    notice = next((site / "data").iterdir())
    for source in (DATA / SEED_ID).iterdir():  # the office fills in its notice: here, the seed's files
        shutil.copy(source, notice / source.name)
    built = run(["rectify", "site"], cwd=site, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert f"{UNIT}巡视巡察整改公开" in (site / "site" / "index.html").read_text(encoding="utf-8")
    assert (site / "site" / notice.name / "notice" / "index.html").is_file()
    # Reading a notice (jieba, the text readers) works from the package too.
    imported = run(["rectify", "import", str(SEED_TEXT), "-o", str(home / "imported" / "zg-2017")], cwd=home, env=env)
    assert imported.returncode == 0, imported.stderr


def test_the_package_holds_the_installers_the_instructions_and_checksums(package: Path) -> None:
    names = {path.relative_to(package).as_posix() for path in package.rglob("*") if path.is_file()}
    assert {
        "安装说明.txt",
        "install.bat",
        "install.sh",
        "命令窗口.bat",
        "SHA256SUMS",
        "wheels/constraints.txt",
    } <= names
    sums = (package / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert {line.split("  ", 1)[1] for line in sums} == names - {"SHA256SUMS"}
    for line in sums:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((package / name).read_bytes()).hexdigest() == digest, name

    guide = (package / "安装说明.txt").read_bytes()
    assert guide.startswith(b"\xef\xbb\xbf") and b"\r\n" in guide and b"\n\n" not in guide.replace(b"\r\n", b"")
    text = guide.decode("utf-8-sig")
    for words in ("Python 3.10", "install.bat", "sh install.sh", "rectify init 整改公开网站 --unit", "rectify site"):
        assert words in text, words
    assert "Chromium" in text and "LibreOffice" in text and "不下载任何东西" in text
    # Batch files in the code page of a Chinese Windows, with CRLF; every command without the index.
    batch = (package / "install.bat").read_bytes()
    assert b"\r\n" in batch and "--no-index" in batch.decode("gbk") and "没有找到" in batch.decode("gbk")
    (package / "命令窗口.bat").read_bytes().decode("gbk")
    assert "--no-index" in (package / "install.sh").read_text(encoding="utf-8")
    (package / "wheels" / "constraints.txt").read_text(encoding="ascii")


def test_the_package_has_no_dev_tools_and_a_wheel_for_every_dependency(package: Path) -> None:
    wheels = [path.name for path in (package / "wheels").iterdir() if path.name != "constraints.txt"]
    assert all(name.endswith(".whl") for name in wheels), wheels  # jieba's source archive was built
    assert not [name for name in wheels if name.split("-")[0].lower() in DEV_ONLY]
    assert any(name.startswith("jieba-") and name.endswith("-py3-none-any.whl") for name in wheels)
    own = next((package / "wheels").glob("rectify-*.whl"))
    with zipfile.ZipFile(own) as archive:
        files = archive.namelist()
    assert "rectify_hooks.py" in files
    assert any(name.startswith("rectify/templates/theme/overrides/") for name in files)


def test_install_with_no_network_then_init_and_site(package: Path, tmp_path: Path) -> None:
    python = getattr(sys, "_base_executable", sys.executable)
    install_and_make_a_site(package, python, tmp_path / "办公室")


def pyenv_pythons() -> list[str]:
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = []
    for version in offline_package.PYTHONS:
        candidates = sorted(root.glob(f"{version}.*/bin/python"))
        found += [str(candidates[-1])] if candidates else []
    return found


@pytest.mark.skipif(not os.environ.get("RECTIFY_OFFLINE_FULL"), reason="RECTIFY_OFFLINE_FULL=1: the full package")
def test_the_full_package_installs_with_every_python_here(tmp_path: Path) -> None:
    full = unpack(offline_package.build(tmp_path / "dist", offline_package.all_targets()), tmp_path)
    wheels = [path.name for path in (full / "wheels").glob("*.whl")]
    for tag in ("manylinux", "aarch64", "win_amd64"):
        assert any(tag in name and name.startswith("playwright-") for name in wheels), tag
    pythons = pyenv_pythons()
    assert pythons, "no pyenv Python 3.10-3.13 here"
    for python in pythons:
        shutil.rmtree(full / "venv", ignore_errors=True)
        install_and_make_a_site(full, python, tmp_path / Path(python).parents[1].name)
