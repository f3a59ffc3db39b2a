"""Run a real ``mkdocs build`` of a project (for the bundle and the PDFs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


class BuildFailed(Exception):
    """The site could not be built; the message carries MkDocs' own report."""


# The engines that build this site (``make ... ENGINE=properdocs`` sets RECTIFY_ENGINE).
ENGINES = ("mkdocs", "properdocs")


def build_site(project: Path, site_dir: Path, *, offline: bool = False) -> None:
    """``mkdocs build --strict`` (or ProperDocs', with ``RECTIFY_ENGINE``) of ``project`` into ``site_dir``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RECTIFY_OFFLINE": "true" if offline else "false"}
    engine = os.environ.get("RECTIFY_ENGINE") or "mkdocs"
    if engine not in ENGINES:
        raise BuildFailed(f"环境变量 RECTIFY_ENGINE 的值 {engine!r} 无效：应为 {' 或 '.join(ENGINES)}")
    # No --quiet: MkDocs 1.6 drops warnings under --quiet before --strict counts them.
    command = [sys.executable, "-m", engine, "build", "--strict", "--config-file", "mkdocs.yml"]
    command += ["--site-dir", str(site_dir)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildFailed(f"网站生成失败：\n{result.stderr.strip()}")
