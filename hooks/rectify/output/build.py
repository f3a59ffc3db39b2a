"""Run a real ``mkdocs build --strict`` of a project, and tell its outcome in Chinese.

The build runs as a child process (the package never imports MkDocs); its log is read back and
only our own Chinese messages are shown. MkDocs' English text is kept only when a build fails
with nothing Chinese to say, after a Chinese line saying what it is.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from rectify.site.options import BuildOptions
from rectify.site.shards import PART_VARIABLE

CONFIG = "mkdocs.yml"


class BuildFailed(Exception):
    """The site could not be built; the message says why in Chinese."""


# The engines that build this site (``make ... ENGINE=properdocs`` sets RECTIFY_ENGINE).
ENGINES = ("mkdocs", "properdocs")
_RECORD = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s*-\s+(.*)$")
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_BROKEN_LINK = re.compile(r"Doc file '([^']+)' contains a link '([^']+)', but the target (?:'[^']*' )?is not found")
# Quoted names in MkDocs' English messages ('新页.md'); ours quote with “”.
_QUOTED = re.compile(r"'[^'\n]*'")


def _records(log: str) -> list[tuple[str, str]]:
    """(level, message) of each log record; lines outside a record (click's "Aborted…", a traceback) as level ""."""
    records: list[tuple[str, str]] = []
    for line in _COLOUR.sub("", log).splitlines():
        match = _RECORD.match(line)
        if match:
            records.append((match[1], match[2]))
        elif records and records[-1][0] and (line.startswith(" ") or not line.strip()):
            records[-1] = (records[-1][0], f"{records[-1][1]}\n{line}")  # a message of several lines
        elif line.strip():
            records.append(("", line))
    return [(level, message.rstrip()) for level, message in records]


def _chinese(message: str, paths: tuple[Path, ...]) -> bool:
    """Whether a message is one of ours: Chinese beyond the folder and file names it mentions."""
    for path in paths:
        message = message.replace(str(path), "")
    return bool(_HAN.search(_QUOTED.sub("", message)))


def chinese_notes(log: str, *paths: Path) -> list[str]:
    """Our own INFO messages (remarks, a missing site_url), without MkDocs' chatter."""
    return [message for level, message in _records(log) if level == "INFO" and _chinese(message, paths)]


def _translated(message: str) -> str:
    """The one warning a hand-written page commonly gives, in Chinese; other messages as they are."""
    link = _BROKEN_LINK.match(message)
    return f"页面 docs/{link[1]} 中的链接 {link[2]} 指向的文件不存在" if link else message


def failure(log: str, returncode: int, *paths: Path) -> str:
    """What a failed build says: our Chinese errors, else MkDocs' own text under a Chinese line."""
    records = [(level, _translated(message)) for level, message in _records(log) if level not in ("DEBUG", "INFO")]
    chinese = [message for _, message in records if _chinese(message, paths)]
    if chinese:
        return "网站生成失败：\n" + "\n".join(chinese)
    # Logged warnings and errors first, then click's closing line ("Aborted with…") and any traceback.
    english = [message for level, message in records if level] + [message for level, message in records if not level]
    if not english:
        return f"网站生成失败（生成程序退出码 {returncode}），没有给出原因。"
    return "网站生成失败。生成程序 MkDocs 给出的原因如下（英文原文）：\n" + "\n".join(english)


def build_site(
    project: Path,
    site_dir: Path,
    *,
    offline: bool = False,
    site_url: str | None = None,
    data_dir: Path | None = None,
    part: str | None = None,
) -> list[str]:
    """``mkdocs build --strict`` (or ProperDocs', with ``RECTIFY_ENGINE``) of ``project`` into ``site_dir``.

    ``site_url`` overrides mkdocs.yml's; ``data_dir`` the data folder; ``part`` one part of a site built
    in shards (``rectify.site.shards``: ``join`` or ``shard:KEY``). Returns the build's Chinese notes."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RECTIFY_OFFLINE": "true" if offline else "false"}
    env.pop(PART_VARIABLE, None)  # never a part by accident: only what ``part`` says
    if part is not None:
        env[PART_VARIABLE] = part
    env.pop("COLUMNS", None)  # MkDocs wraps its log to COLUMNS; one record a line is easier to read back
    if data_dir is not None:
        env["RECTIFY_DATA"] = str(data_dir.resolve())
    engine = os.environ.get("RECTIFY_ENGINE") or "mkdocs"
    if engine not in ENGINES:
        raise BuildFailed(f"环境变量 RECTIFY_ENGINE 的值 {engine!r} 无效：应为 {' 或 '.join(ENGINES)}")
    if not (project / CONFIG).is_file():
        raise BuildFailed(f"{project.resolve()} 中没有 {CONFIG}：请在网站文件夹中运行，或用 --project 指出网站文件夹")
    config = CONFIG
    if site_url:
        # mkdocs.yml may give its own site_url: a config of one line more, beside it so that its paths hold.
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=project, prefix=".rectify-", suffix=".yml", delete=False
        ) as override:
            override.write(f"INHERIT: {CONFIG}\nsite_url: {json.dumps(site_url)}\n")
        config = Path(override.name).name
    # No --quiet: MkDocs 1.6 drops warnings under --quiet before --strict counts them.
    command = [sys.executable, "-m", engine, "build", "--strict", "--config-file", config, "--site-dir", str(site_dir)]
    try:
        result = subprocess.run(
            command, cwd=project, env=env, capture_output=True, encoding="utf-8", errors="replace", check=False
        )
    finally:
        if config != CONFIG:
            (project / config).unlink(missing_ok=True)
    log = result.stdout + result.stderr
    paths = (site_dir.resolve(), project.resolve())
    if result.returncode != 0:
        raise BuildFailed(failure(log, result.returncode, *paths))
    return chinese_notes(log, *paths)


def build_and_replace(
    project: Path,
    site_dir: Path,
    *,
    site_url: str | None = None,
    data_dir: Path | None = None,
    part: str | None = None,
    finish: Callable[[Path], None] | None = None,
) -> list[str]:
    """Build into a new folder beside ``site_dir``, then swap it in: a failed build keeps the last good site.

    ``finish`` completes the new folder before the swap (the join of a site built in shards); it raises
    ``BuildFailed`` to keep the last good site. Two of these into one ``site_dir`` at once must not run:
    callers hold ``rectify.output.lock.exclusive``."""
    site_dir = site_dir.resolve()
    new, old = site_dir.with_name(site_dir.name + ".new"), site_dir.with_name(site_dir.name + ".old")
    if old.is_dir() and not site_dir.exists():
        old.replace(site_dir)  # a build stopped between its two renames: the last good site is site.old
    shutil.rmtree(new, ignore_errors=True)
    try:
        notes = build_site(project, new, site_url=site_url, data_dir=data_dir, part=part)
        if finish is not None:
            finish(new)
    except BuildFailed:
        shutil.rmtree(new, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    try:
        if site_dir.exists():
            site_dir.replace(old)
        new.replace(site_dir)
    except OSError as error:  # e.g. Windows: a file of the old site is open in another program
        if old.exists() and not site_dir.exists():
            old.replace(site_dir)
        raise BuildFailed(
            f"网站已生成在 {new}，但不能替换 {site_dir}（{error.strerror}）；请关闭正在使用其中文件的程序后再运行一次"
        ) from None
    shutil.rmtree(old, ignore_errors=True)
    return notes


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the keys we need: ``!ENV`` resolved, other tags ignored."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """``!ENV NAME`` or ``!ENV [NAME, …, default]``: the first variable that is set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    names = loader.construct_sequence(node)  # type: ignore[arg-type]
    for name in names[:-1] if len(names) > 1 else names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return names[-1] if len(names) > 1 else None


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(project: Path) -> dict[str, Any]:
    """The settings of ``project/mkdocs.yml`` (an empty dict when it cannot be read)."""
    try:
        config = yaml.load((project / CONFIG).read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


def data_folder(project: Path, data: Path | None = None, config: dict[str, Any] | None = None) -> Path:
    """The data a build of ``project`` reads: ``data`` when given, else what the MkDocs adapter reads
    (``RECTIFY_DATA``, else mkdocs.yml's ``extra.rectify_data``, else ``data/``: rectify.site.options).
    A wrong option raises rectify.site.options.OptionInvalid, whose text is the Chinese message.
    ``config``: mkdocs.yml as the caller has read it already (else it is read here)."""
    if data is not None:
        return data
    extra = (read_config(project) if config is None else config).get("extra")
    return BuildOptions.read(extra if isinstance(extra, dict) else {}, os.environ).data_dir(project)
