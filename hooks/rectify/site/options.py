"""What a build of the site can be told, declared once, and the state one build sets up from it.

The adapter (``hooks/rectify_hooks.py``) reads these in ``on_config`` and refuses a wrong value with a
Chinese message naming the file and key; so does the preview server (``rectify_serve.py``).

==========================  ================================================  ==============================
Where it is set             Type and default                                  What it says
==========================  ================================================  ==============================
extra.rectify_data          a folder, relative to mkdocs.yml; ``data``        where the notices are
RECTIFY_DATA                the same; unset or empty: extra.rectify_data      the same, for one build
extra.rectify_root_notice   a notice ID (its folder's name); none             the notice earlier versions put
                                                                              at the site root: its old URLs
                                                                              become redirects
RECTIFY_PART                ``join`` or ``shard:KEY``; none: the whole site   set by ``rectify site --shard``
                                                                              and ``--join`` (``shards``)
SOURCE_DATE_EPOCH           whole seconds since 1970-01-01 UTC; none: today   the build date (``paths``, and
                                                                              MkDocs' sitemap)
==========================  ================================================  ==============================

Not here: mkdocs.yml's own settings that read the environment with ``!ENV`` (``site_url`` from
``RECTIFY_SITE_URL``, the offline plugin from ``RECTIFY_OFFLINE``): MkDocs checks those. Pure: no MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import cached_property
from pathlib import Path

from rectify.data.model import Notice

from .paths import Site
from .shards import JOIN, PART_VARIABLE, SHARD_PREFIX, Part, shard_key, shard_keys

DATA_KEY = "rectify_data"
ROOT_NOTICE_KEY = "rectify_root_notice"
DATA_VARIABLE = "RECTIFY_DATA"
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
DEFAULT_DATA = "data"
KEYS = (DATA_KEY, ROOT_NOTICE_KEY)
"""Our keys in mkdocs.yml's ``extra``; another key starting with ``rectify_`` is a misspelling."""


class OptionInvalid(ValueError):
    """A wrong option; the text is the Chinese message (the adapter raises it as MkDocs' PluginError)."""


@dataclass(frozen=True)
class BuildOptions:
    """The options of one build (see the table above)."""

    data: str = DEFAULT_DATA
    """The data folder as written (``RECTIFY_DATA`` before ``extra.rectify_data``): relative to mkdocs.yml."""
    root_notice: str | None = None
    part: str | None = None
    """``join`` or ``shard:KEY`` (``RECTIFY_PART``); None builds the whole site."""
    epoch: int | None = None
    """``SOURCE_DATE_EPOCH``: checked here, read where the date is needed (``paths.build_date``)."""

    @classmethod
    def read(cls, extra: Mapping[str, object], environ: Mapping[str, str], source: str = "mkdocs.yml") -> BuildOptions:
        """The options that ``extra`` (mkdocs.yml's, named ``source``) and the environment give;
        OptionInvalid names the first wrong one. An empty value is the default."""
        for key in extra:
            if str(key).startswith("rectify_") and key not in KEYS:
                raise OptionInvalid(
                    f"{source} 中 extra.{key} 不是本程序的设置（可以写的有 {'、'.join(KEYS)}）；请检查拼写，或删除这一项"
                )
        configured = _text(extra, DATA_KEY, source, f"数据文件夹的路径（相对 {source} 所在的文件夹），如 data")
        root_notice = _text(
            extra, ROOT_NOTICE_KEY, source, "一份通报的编号（它在数据文件夹中的文件夹名），如 hlj-zgh-2017"
        )
        return cls(
            environ.get(DATA_VARIABLE) or configured or DEFAULT_DATA,
            root_notice,
            _part(environ.get(PART_VARIABLE)),
            _epoch(environ.get(EPOCH_VARIABLE)),
        )

    def data_dir(self, project: Path) -> Path:
        """The data folder of the project whose mkdocs.yml is in ``project`` (an absolute path stays as it is)."""
        return project / self.data


def _text(extra: Mapping[str, object], key: str, source: str, expected: str) -> str | None:
    value = extra.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    quoted = isinstance(value, int | float | date) and not isinstance(value, bool)
    hint = f"；要写的就是 {value} 时，请加引号：'{value}'" if quoted else ""
    raise OptionInvalid(f"{source} 中 extra.{key} 应是{expected}，现在是{_kind(value)}{hint}")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"是非值 {str(value).lower()}"
    if isinstance(value, int | float):
        return f"数字 {value}"
    if isinstance(value, date):
        return f"日期 {value}"
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, dict):
        return "一组子设置"
    return f"“{value}”"


def _part(value: str | None) -> str | None:
    if not value:
        return None
    if value == JOIN or (value.startswith(SHARD_PREFIX) and value != SHARD_PREFIX):
        return value
    raise OptionInvalid(
        f"环境变量 {PART_VARIABLE} 的值“{value}”无效：应为 {JOIN}（合并各分片）或 {SHARD_PREFIX}分片名（如 {SHARD_PREFIX}2024）；"
        f"它由 rectify site --shard 和 --join 设置，一般不需要自己设置"
    )


def _epoch(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        datetime.fromtimestamp(epoch := int(value), timezone.utc)  # as paths.build_date and MkDocs read it
        return epoch
    except (ValueError, OverflowError, OSError):
        raise OptionInvalid(
            f"环境变量 {EPOCH_VARIABLE} 的值“{value}”无效：应是从 1970 年 1 月 1 日（UTC）起的秒数（整数），"
            f"如 1765000000；不设置这个变量时，以今天为生成日期"
        ) from None


@dataclass(frozen=True)
class Build:
    """One build as the adapter's ``on_config`` sets it up; its other events read it."""

    options: BuildOptions
    data_dir: Path
    notices: list[Notice]
    serving: bool
    """A preview (``mkdocs serve``, ``rectify serve``): its pages carry no Content-Security-Policy,
    since the preview writes its live reload into each page as an inline script."""
    part: Part | None = field(init=False)
    root_notice: str | None = field(init=False)
    """``options.root_notice`` when it is a notice of this data, else None (``root_notice_absent`` says so)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "part", _chosen_part(self.options.part, self.notices, self.data_dir))
        chosen = self.options.root_notice
        object.__setattr__(self, "root_notice", chosen if any(n.id == chosen for n in self.notices) else None)

    @cached_property
    def site(self) -> Site:
        return Site(tuple(self.notices))

    def root_notice_absent(self) -> str | None:
        """Said at INFO, not as an error, when extra.rectify_root_notice names a notice this data lacks:
        the same mkdocs.yml also builds other data (``RECTIFY_DATA``)."""
        if self.options.root_notice is None or self.root_notice is not None:
            return None
        return (
            f"mkdocs.yml 中 extra.{ROOT_NOTICE_KEY} 写的通报 {self.options.root_notice} 不在本次的数据中，"
            "不生成旧网址的跳转页"
        )


def _chosen_part(value: str | None, notices: Sequence[Notice], data_dir: Path) -> Part | None:
    """The part ``RECTIFY_PART`` names, of these notices."""
    if value is None:
        return None
    shards = {notice.id: shard_key(notice) for notice in notices}
    if value == JOIN:
        return Part(None, shards)
    key = value.removeprefix(SHARD_PREFIX)
    if key not in shards.values():
        raise OptionInvalid(
            f"环境变量 {PART_VARIABLE} 指定的分片 {key} 在 {data_dir} 中没有通报；"
            f"这些数据的分片有 {'、'.join(shard_keys(notices)) or '（没有）'}（rectify site --list-shards 列出它们）"
        )
    return Part(key, shards)
