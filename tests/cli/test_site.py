"""rectify site: the site built strictly into a new folder and swapped in; the output is Chinese only."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from chinese_output import chinese_only
from conftest import BIN, DATA, ROOT, SEED_ID


def rectify(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, **(env or {})}
    environment.pop("RECTIFY_SITE_URL", None)
    return subprocess.run([str(BIN / "rectify"), *args], cwd=cwd, env=environment, capture_output=True, timeout=300)


def test_builds_and_says_where_in_chinese_in_utf8_on_a_gbk_console(tmp_path: Path) -> None:
    out = tmp_path / "网站 输出" / "site"
    # PYTHONIOENCODING=gbk stands for a Windows console or pipe with the GBK code page.
    result = rectify("site", "--out", str(out), env={"PYTHONIOENCODING": "gbk"})
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")  # UTF-8, or this fails
    assert result.returncode == 0, stderr
    assert f"网站已生成：{out}/index.html" in stdout
    chinese_only(stdout + stderr)
    assert (out / SEED_ID / "findings" / "idle-flats" / "index.html").is_file()
    assert not out.with_name("site.new").exists() and not out.with_name("site.old").exists()


def test_a_data_error_keeps_the_last_site_and_says_why_in_chinese(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("上一次的网站", encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    findings = data / SEED_ID / "findings.yml"
    findings.write_text(findings.read_text(encoding="utf-8").replace("status: 已完成", "status: 已完毕", 1), "utf-8")
    result = rectify("site", "--data", str(data), "--out", str(out))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1
    assert stderr.startswith("网站生成失败：\n数据检查未通过")
    assert "findings.yml:" in stderr and "“已完毕”不是可选的值" in stderr
    assert "没有改动，仍是上一次生成的网站" in stderr
    chinese_only(stderr + result.stdout.decode("utf-8"))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("site")] == ["site"]
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "上一次的网站"


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("docs", "data", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    (project / "hooks").symlink_to(ROOT / "hooks")
    return project


def test_a_broken_link_in_a_page_is_said_in_chinese(tmp_path: Path) -> None:
    project = _project(tmp_path)
    page = project / "docs" / "format.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[不存在的页面](missing.md)\n", encoding="utf-8")
    result = rectify("site", "--project", str(project), env={"RECTIFY_DATA": ""})
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1
    assert stderr == "网站生成失败：\n页面 docs/format.md 中的链接 missing.md 指向的文件不存在\n"
    assert not (project / "site").exists()


def test_a_failure_with_nothing_chinese_to_say_gives_mkdocs_text_under_a_chinese_line(tmp_path: Path) -> None:
    project = _project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: nosuchtheme"), "utf-8")
    result = rectify("site", "--project", str(project), env={"RECTIFY_DATA": ""})
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1
    first, _, rest = stderr.partition("\n")
    assert first == "网站生成失败。生成程序 MkDocs 给出的原因如下（英文原文）：", stderr
    assert rest.startswith("Config value 'theme': Unrecognised theme name: 'nosuchtheme'"), stderr
    assert "\x1b[" not in rest and "INFO" not in rest
