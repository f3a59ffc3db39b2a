"""rectify site --shard/--join: 40 notices of five years built as one site and as five shards (two at a
time, in processes of their own) joined by a small build are the same site, file for file; a join
with a shard missing, stale, of another day or not a shard at all is refused in Chinese."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from chinese_output import chinese_only
from conftest import BIN, DATA, ROOT, SEED_ID
from synthetic import notice_id, write_data

# Build metadata held fixed: the build date (pages, sitemap) and the address (sitemap, feed, canonical links).
ENV = {"SOURCE_DATE_EPOCH": "1765000000", "RECTIFY_SITE_URL": "https://www.example.gov.cn/xszg/"}
SYNTHETIC = 36
KEYS = ["2010", "2011", "2017", "2024", "2025"]


def rectify(*args: str, project: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **ENV, **(env or {})}
    environment.pop("RECTIFY_DATA", None)
    return subprocess.run(
        [str(BIN / "rectify"), "site", "--project", str(project), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of 40 notices (36 synthetic of 2010-2011, the seed of 2017, the 2024 round with its
    2025 progress notice), built whole into single/, and in shards (shards/<year>/) joined into joined/."""
    root = tmp_path_factory.mktemp("shards")
    project = root / "project"
    project.mkdir()
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project)
    (project / "hooks").symlink_to(ROOT / "hooks")
    data = write_data(root / "synthetic", SYNTHETIC)
    shutil.copytree(data, project / "data")
    shutil.copytree(DATA / SEED_ID, project / "data" / SEED_ID)
    shutil.copytree(ROOT / "examples" / "round-2024", project / "data", dirs_exist_ok=True)
    single = rectify("--out", str(root / "single"), project=project)
    assert single.returncode == 0, single.stderr
    listed = rectify("--list-shards", project=project)
    assert listed.stdout.split() == KEYS, listed.stderr
    with ThreadPoolExecutor(2) as pool:  # as make -j2 or xargs -P 2 would run them
        for result in pool.map(lambda key: rectify("--shard", key, project=project), KEYS):
            assert result.returncode == 0, result.stderr
            chinese_only(result.stdout + result.stderr)
    joined = rectify("--join", "--out", str(root / "joined"), project=project)
    assert joined.returncode == 0, joined.stderr
    assert "网站已生成（合并了 5 个分片）" in joined.stdout
    return root


def _files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def test_the_joined_site_is_the_single_build_file_for_file(built: Path) -> None:
    single, joined = built / "single", built / "joined"
    assert _files(joined) == _files(single)
    differ = [name for name in _files(single) if not filecmp.cmp(single / name, joined / name, shallow=False)]
    assert differ == []
    # What makes it a test of joining: the index is split by notice, every page is in the sitemap, and a
    # notice links to its progress notice in another shard.
    assert (joined / "search" / "split" / f"{notice_id(1)}.js").is_file()
    assert json.loads((joined / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["split"]
    assert (joined / "sitemap.xml").read_text(encoding="utf-8").count("<url>") > 1000
    earlier = (joined / "demo-county-finance-2024" / "notice" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../demo-county-finance-2025/notice/"' in earlier


def test_a_shard_holds_only_its_notices(built: Path) -> None:
    shard = built / "project" / "shards" / "2025"
    assert sorted(path.name for path in shard.iterdir()) == [
        "demo-county-finance-2025",
        "rectify-shard.json",
        "search",
        "sitemap.xml",
    ]
    record = json.loads((shard / "rectify-shard.json").read_text(encoding="utf-8"))
    assert record["shard"] == "2025" and record["notices"] == ["demo-county-finance-2025"]


def _refused(built: Path, *args: str, env: dict[str, str] | None = None) -> str:
    out = built / "refused"
    out.mkdir(exist_ok=True)
    (out / "index.html").write_text("上一次的网站", encoding="utf-8")
    result = rectify("--join", *args, "--out", str(out), project=built / "project", env=env)
    assert result.returncode == 1
    chinese_only(result.stdout + result.stderr)
    assert "没有改动，仍是上一次生成的网站" in result.stderr
    assert [path.name for path in out.iterdir()] == ["index.html"]
    return result.stderr


def test_a_join_without_every_shard_is_refused(built: Path) -> None:
    shards = built / "project" / "shards"
    folders = [str(shards / key) for key in KEYS if key != "2024"]
    assert "缺少分片 2024：请先生成（rectify site --shard 2024）" in _refused(built, *folders)


def test_a_join_of_shards_from_other_data_or_another_day_is_refused(built: Path) -> None:
    shards = built / "project" / "shards"
    stale = built / "stale"
    shutil.copytree(shards / "2017", stale)
    record = json.loads((stale / "rectify-shard.json").read_text(encoding="utf-8"))
    (stale / "rectify-shard.json").write_text(json.dumps({**record, "digest": "0" * 64}), encoding="utf-8")
    folders = [str(shards / key) for key in KEYS if key != "2017"]
    said = _refused(built, *folders, str(stale))
    assert f"分片 2017（{stale}）是用另一份数据、设置或另一个版本的 rectify 生成的" in said
    said = _refused(built, *(str(shards / key) for key in KEYS), env={"SOURCE_DATE_EPOCH": "1765100000"})
    assert "是 2025-12-06 生成的，合并在 2025-12-07" in said
    assert "不是 rectify site --shard 生成的分片文件夹" in _refused(built, str(built / "single"))


def test_a_shard_that_the_data_does_not_have_is_refused(built: Path) -> None:
    result = rectify("--shard", "1999", project=built / "project")
    assert result.returncode == 1
    assert result.stderr == "数据中没有分片 1999 的通报；分片按通报日期的年份划分，现有：2010、2011、2017、2024、2025\n"
    assert not (built / "project" / "shards" / "1999").exists()
