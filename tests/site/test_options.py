"""rectify.site.options: what mkdocs.yml's extra and the environment may tell a build, each wrong value
refused in Chinese naming the key, and the state one build sets up (tests/adapter/test_options_build.py
builds with them)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT, SEED_ID
from rectify.data.load import load_site
from rectify.data.model import Notice
from rectify.site.options import Build, BuildOptions, OptionInvalid

ROUND = ROOT / "examples" / "round-2024"


@pytest.fixture(scope="module")
def notices() -> list[Notice]:
    return [*load_site(DATA), *load_site(ROUND)]


def test_the_defaults() -> None:
    options = BuildOptions.read({}, {})
    assert options == BuildOptions(data="data", root_notice=None, part=None, epoch=None)
    assert options.data_dir(Path("/site")) == Path("/site/data")
    # An empty value is the default, as a key left blank in mkdocs.yml reads.
    assert BuildOptions.read({"rectify_data": None, "rectify_root_notice": ""}, {"RECTIFY_DATA": ""}) == options


def test_what_mkdocs_yml_and_the_environment_say() -> None:
    extra = {"rectify_data": "notices", "rectify_root_notice": SEED_ID, "generator": False, "footer": {}}
    options = BuildOptions.read(extra, {"RECTIFY_PART": "shard:2024", "SOURCE_DATE_EPOCH": "1765000000"})
    assert options == BuildOptions("notices", SEED_ID, "shard:2024", 1765000000)
    # RECTIFY_DATA, for one build, before mkdocs.yml; an absolute folder stays as it is.
    assert BuildOptions.read(extra, {"RECTIFY_DATA": "/tmp/other"}).data_dir(Path("/site")) == Path("/tmp/other")


def test_the_shipped_settings_read() -> None:
    """mkdocs.yml's extra as MkDocs gives it (YAML, no environment)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert BuildOptions.read(config["extra"], {}) == BuildOptions("data", SEED_ID)


@pytest.mark.parametrize(
    ("extra", "environ", "message"),
    [
        (
            {"rectify_root_notise": SEED_ID},
            {},
            "mkdocs.yml 中 extra.rectify_root_notise 不是本程序的设置（可以写的有 rectify_data、rectify_root_notice）；"
            "请检查拼写，或删除这一项",
        ),
        (
            {"rectify_data": 2024},
            {},
            "mkdocs.yml 中 extra.rectify_data 应是数据文件夹的路径（相对 mkdocs.yml 所在的文件夹），如 data，"
            "现在是数字 2024；要写的就是 2024 时，请加引号：'2024'",
        ),
        (
            {"rectify_data": ["data", "examples"]},
            {"RECTIFY_DATA": "data"},  # checked even when the environment names the folder
            "mkdocs.yml 中 extra.rectify_data 应是数据文件夹的路径（相对 mkdocs.yml 所在的文件夹），如 data，现在是一个列表",
        ),
        (
            {"rectify_root_notice": True},
            {},
            "mkdocs.yml 中 extra.rectify_root_notice 应是一份通报的编号（它在数据文件夹中的文件夹名），如 hlj-zgh-2017，"
            "现在是是非值 true",
        ),
        (
            {"rectify_root_notice": date(2017, 3, 1)},
            {},
            "mkdocs.yml 中 extra.rectify_root_notice 应是一份通报的编号（它在数据文件夹中的文件夹名），如 hlj-zgh-2017，"
            "现在是日期 2017-03-01；要写的就是 2017-03-01 时，请加引号：'2017-03-01'",
        ),
        (
            {"rectify_root_notice": {"id": SEED_ID}},
            {},
            "mkdocs.yml 中 extra.rectify_root_notice 应是一份通报的编号（它在数据文件夹中的文件夹名），如 hlj-zgh-2017，"
            "现在是一组子设置",
        ),
        (
            {},
            {"RECTIFY_PART": "2024"},
            "环境变量 RECTIFY_PART 的值“2024”无效：应为 join（合并各分片）或 shard:分片名（如 shard:2024）；"
            "它由 rectify site --shard 和 --join 设置，一般不需要自己设置",
        ),
        (
            {},
            {"RECTIFY_PART": "shard:"},
            "环境变量 RECTIFY_PART 的值“shard:”无效：应为 join（合并各分片）或 shard:分片名（如 shard:2024）；"
            "它由 rectify site --shard 和 --join 设置，一般不需要自己设置",
        ),
        (
            {},
            {"SOURCE_DATE_EPOCH": "2025-12-06"},
            "环境变量 SOURCE_DATE_EPOCH 的值“2025-12-06”无效：应是从 1970 年 1 月 1 日（UTC）起的秒数（整数），"
            "如 1765000000；不设置这个变量时，以今天为生成日期",
        ),
        (
            {},
            {"SOURCE_DATE_EPOCH": "99999999999999999"},  # past the year 9999
            "环境变量 SOURCE_DATE_EPOCH 的值“99999999999999999”无效：应是从 1970 年 1 月 1 日（UTC）起的秒数（整数），"
            "如 1765000000；不设置这个变量时，以今天为生成日期",
        ),
    ],
)
def test_a_wrong_value_is_named_in_chinese(extra: dict[str, object], environ: dict[str, str], message: str) -> None:
    with pytest.raises(OptionInvalid) as raised:
        BuildOptions.read(extra, environ)
    assert str(raised.value) == message


def test_the_file_named_is_the_one_read() -> None:
    with pytest.raises(OptionInvalid, match=r"^site\.yml 中 extra\.rectify_dta "):
        BuildOptions.read({"rectify_dta": "data"}, {}, "site.yml")


def test_a_build_knows_its_part(notices: list[Notice]) -> None:
    def part(value: str | None) -> tuple[str | None, bool] | None:
        found = Build(BuildOptions(part=value), DATA, notices, serving=False).part
        return None if found is None else (found.key, found.builds(notices[0]))

    assert part(None) is None
    assert part("join") == (None, False)
    assert part("shard:2017") == ("2017", True)  # notices[0] is the seed, of 2017
    assert part("shard:2024") == ("2024", False)


def test_a_shard_of_no_notice_is_refused(notices: list[Notice]) -> None:
    with pytest.raises(OptionInvalid) as raised:
        Build(BuildOptions(part="shard:1999"), DATA, notices, serving=False)
    assert str(raised.value) == (
        f"环境变量 RECTIFY_PART 指定的分片 1999 在 {DATA} 中没有通报；"
        "这些数据的分片有 2017、2024、2025（rectify site --list-shards 列出它们）"
    )


def test_the_root_notice_counts_only_when_the_data_has_it(notices: list[Notice]) -> None:
    kept = Build(BuildOptions(root_notice=SEED_ID), DATA, notices, serving=False)
    assert kept.root_notice == SEED_ID and kept.root_notice_absent() is None
    other = Build(BuildOptions(root_notice=SEED_ID), ROUND, notices[1:], serving=True)
    assert other.root_notice is None
    assert other.root_notice_absent() == (
        f"mkdocs.yml 中 extra.rectify_root_notice 写的通报 {SEED_ID} 不在本次的数据中，不生成旧网址的跳转页"
    )
    assert Build(BuildOptions(), DATA, notices, serving=False).root_notice_absent() is None
