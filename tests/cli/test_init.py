"""rectify init: a new office's own site anywhere, from this checkout and from an installed wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from chinese_output import chinese_only
from conftest import BIN, DATA, ROOT, SEED_ID
from rectify.output.build import read_config

UNIT = "某某县 审计局"
NOTICE = "zg-2024"


def rectify(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    for name in ("RECTIFY_DATA", "RECTIFY_SITE_URL"):
        environment.pop(name, None)
    return subprocess.run(
        [str(BIN / "rectify"), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=300
    )


def fill_in(site: Path, notice: str = NOTICE) -> None:
    """What an office does next (rectify import, or filling in the templates): here, the seed's files."""
    for source in (DATA / SEED_ID).iterdir():
        shutil.copy(source, site / "data" / notice / source.name)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``rectify init`` in a folder whose path has spaces and Chinese characters."""
    site = tmp_path_factory.mktemp("init") / "本单位 网站" / "整改 公开"
    result = rectify("init", str(site), "--unit", UNIT, "--notice", NOTICE, cwd=site.parent.parent)
    assert result.returncode == 0, result.stderr
    chinese_only(result.stdout + result.stderr)
    assert "rectify import" in result.stdout and "rectify publish" in result.stdout
    return site


def test_init_writes_the_site_of_its_own(made: Path) -> None:
    files = sorted(p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file())
    assert "mkdocs.yml" in files and "hooks/site_hooks.py" in files
    assert "docs/overrides/main.html" in files and "docs/assets/rectify.css" in files
    assert not [name for name in files if name.startswith("docs/") and name.endswith(".md")]  # no format page
    assert [name for name in files if name.startswith("data/")] == [
        f"data/{NOTICE}/findings.yml",
        f"data/{NOTICE}/notice.yml",
    ]  # one empty notice, no sample
    assert (made / "data" / NOTICE / "notice.yml").read_bytes() == (
        ROOT / "hooks" / "rectify" / "templates" / "notice.yml"
    ).read_bytes()
    config = read_config(made)
    assert config["site_name"] == f"{UNIT}巡视巡察整改公开"
    assert config["extra"]["footer"]["host"] == UNIT
    assert config["site_url"] is None
    assert "site_url:" in (made / "mkdocs.yml").read_text(encoding="utf-8")
    assert "rectify_root_notice" not in config["extra"]


def test_the_site_template_has_this_sites_look_and_checks() -> None:
    """The new site's settings follow this repository's in everything but the unit's own."""
    text = (ROOT / "hooks" / "rectify" / "templates" / "site.mkdocs.yml").read_text(encoding="utf-8")
    ours = _settings(text.replace("{site_name_yaml}", "x").replace("{unit_yaml}", "x"))
    theirs = _settings((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("docs_dir", "theme", "plugins", "extra_css", "extra_javascript", "validation"):
        assert ours[key] == theirs[key], key
    # This repository also leaves out its maintainers' notes (docs/maintainers/), which a new site does not have.
    assert ours["exclude_docs"] + "maintainers/\n" == theirs["exclude_docs"]
    assert ours["markdown_extensions"] == theirs["markdown_extensions"]
    assert ours["extra"]["generator"] is False and "nav" not in ours


def _settings(text: str) -> dict[str, object]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: json.dumps(loader.construct_sequence(node)))
    return yaml.load(text, Loader=Loader)


def test_an_unfilled_site_fails_in_chinese_then_builds_once_filled(made: Path) -> None:
    result = rectify("site", cwd=made)
    assert result.returncode == 1
    assert result.stderr.startswith("网站生成失败：\n数据检查未通过")
    assert f"data/{NOTICE}/notice.yml:" in result.stderr
    chinese_only(result.stdout + result.stderr)

    fill_in(made)
    result = rectify("site", cwd=made)
    assert result.returncode == 0, result.stderr
    chinese_only(result.stdout + result.stderr)
    assert f"网站已生成：{made / 'site' / 'index.html'}" in result.stdout
    home = (made / "site" / "index.html").read_text(encoding="utf-8")
    assert f"{UNIT}巡视巡察整改公开" in home and UNIT in home.partition('class="md-footer')[2]
    assert (made / "site" / NOTICE / "findings" / "idle-flats" / "index.html").is_file()
    # The developers' data-format page is neither in the menu nor in the search.
    assert not (made / "site" / "format").exists()
    assert "数据格式说明" not in home
    index = json.loads((made / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if doc["location"].startswith("format/") or "数据格式说明" in doc["title"]]


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "已有的文件.txt").write_text("别动", encoding="utf-8")
    result = rectify("init", str(tmp_path), "--unit", UNIT, cwd=tmp_path)
    assert result.returncode == 1
    assert "已经存在且不是空文件夹" in result.stderr and "没有改动任何文件" in result.stderr
    chinese_only(result.stderr)
    assert [p.name for p in tmp_path.iterdir()] == ["已有的文件.txt"]


def test_init_and_site_from_an_installed_wheel(tmp_path: Path) -> None:
    """The wheel carries what init needs (the theme, the settings template, the adapter as a module)."""
    source = tmp_path / "source"  # a copy, so that building leaves nothing in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in"):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "hooks", source / "hooks", ignore=ignore)
    for name in ("overrides", "assets"):
        shutil.copytree(ROOT / "docs" / name, source / "docs" / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    built = subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "wheel"), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    installed = tmp_path / "installed"
    wheel = next((tmp_path / "wheel").glob("rectify-*.whl"))
    subprocess.run([*pip, "install", "--no-deps", "--target", str(installed), str(wheel)], check=True, timeout=300)
    # The wheel's package comes first on the path; the dependencies are this venv's.
    env = {"PYTHONPATH": str(installed)}
    modules = "import rectify, rectify_hooks, rectify.cli.init as i; print(rectify.__file__, rectify_hooks.__file__, i.theme_dir())"
    where = subprocess.run(
        [sys.executable, "-c", modules],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(path).is_relative_to(installed) for path in where), where
    main = [sys.executable, "-c", "import sys; from rectify.cli import main; sys.exit(main())"]
    site = tmp_path / "新网站"
    environment = {**os.environ, **env}
    environment.pop("RECTIFY_DATA", None)
    made = subprocess.run([*main, "init", str(site), "--unit", UNIT], env=environment, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    notice = next((site / "data").iterdir()).name
    fill_in(site, notice)
    result = subprocess.run([*main, "site"], cwd=site, env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (site / "site" / notice / "notice" / "index.html").is_file()
