"""A build told something wrong in mkdocs.yml or the environment stops at once, saying in Chinese
which key and what it should be, with no traceback (the options: rectify.site.options)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build


def _config(tmp_path: Path, extra: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\nhooks: [{ROOT / 'hooks' / 'rectify_hooks.py'}]\n"
        f"watch: []\ntheme:\n  name: material\n  custom_dir: {ROOT / 'docs' / 'overrides'}\n"
        f"extra:\n  rectify_data: {ROOT / 'data'}\n{extra}",
        encoding="utf-8",
    )
    return config


@pytest.mark.parametrize(
    ("extra", "env", "said"),
    [
        ("  rectify_root_notise: hlj-zgh-2017\n", {}, "mkdocs.yml 中 extra.rectify_root_notise 不是本程序的设置"),
        ("  rectify_root_notice: [hlj-zgh-2017]\n", {}, "extra.rectify_root_notice 应是一份通报的编号"),
        ("", {"SOURCE_DATE_EPOCH": "2025年12月6日"}, "环境变量 SOURCE_DATE_EPOCH 的值“2025年12月6日”无效"),
        ("", {"RECTIFY_PART": "shard:1999"}, "环境变量 RECTIFY_PART 指定的分片 1999"),
    ],
)
def test_a_wrong_option_stops_the_build_in_chinese(tmp_path: Path, extra: str, env: dict[str, str], said: str) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(site, config=_config(tmp_path, extra), env=env)
    assert result.returncode != 0
    assert said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()
