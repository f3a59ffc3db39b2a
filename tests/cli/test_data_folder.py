"""Every command finds a project's data as the build does: RECTIFY_DATA, else mkdocs.yml's
extra.rectify_data, else data/ (rectify.output.build.data_folder over rectify.site.options)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from chinese_output import chinese_only
from conftest import BIN, ROOT, SEED_ID


def _project(tmp_path: Path, extra_line: str) -> Path:
    """A copy of this project whose data is in notices-data/, ``extra_line`` in place of mkdocs.yml's rectify_data."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "data", project / "notices-data")
    (project / "hooks").symlink_to(ROOT / "hooks")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  rectify_data: data " in config and "\n  - data\n" in config  # the option, and watch: (serve)
    config = config.replace("\n  rectify_data: data ", f"\n  {extra_line} ", 1).replace(
        "\n  - data\n", "\n  - notices-data\n", 1
    )
    (project / "mkdocs.yml").write_text(config, "utf-8")
    return project


def _rectify(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("RECTIFY_DATA", "RECTIFY_SITE_URL")}
    return subprocess.run(
        [str(BIN / "rectify"), *args], env=environment, capture_output=True, text=True, encoding="utf-8", timeout=300
    )


def test_bundle_reads_the_data_folder_mkdocs_yml_names(tmp_path: Path) -> None:
    project = _project(tmp_path, "rectify_data: notices-data")
    out = tmp_path / "dist"
    result = _rectify("bundle", "--project", str(project), "--out", str(out))
    assert result.returncode == 0, result.stderr
    # The zip is named after the one notice the data holds (before, bundle looked for data/ and stopped).
    assert [p.name.split("-offline-")[0] for p in out.glob("*.zip")] == [SEED_ID]


def test_a_misspelled_option_is_said_in_chinese_by_every_command(tmp_path: Path) -> None:
    project = _project(tmp_path, "rectify_dat: notices-data")
    for command in (
        ["bundle", "--project", str(project), "--out", str(tmp_path / "dist")],
        ["pdf", "--project", str(project), "--out", str(tmp_path / "dist")],
        ["publish", "--project", str(project), "--out", str(tmp_path / "dist"), "--site-url", "https://x.gov.cn/a/"],
        ["site", "--project", str(project), "--list-shards"],
    ):
        result = _rectify(*command)
        assert result.returncode == 1, command
        assert "extra.rectify_dat 不是本程序的设置" in result.stderr, command
        assert "Traceback" not in result.stderr
        chinese_only(result.stderr + result.stdout)
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())
