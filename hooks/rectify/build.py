"""Run a real ``mkdocs build`` of a project (for the bundle and the PDFs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


class BuildFailed(Exception):
    """The site could not be built; the message carries MkDocs' own report."""


def build_site(project: Path, site_dir: Path, *, offline: bool = False) -> None:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RECTIFY_OFFLINE": "true" if offline else "false"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildFailed(f"网站生成失败：\n{result.stderr.strip()}")
