"""``rectify serve``: preview the site on http://127.0.0.1:8000/ while the data is being edited.

The server is MkDocs' own (``hooks/rectify_serve.py``; the package never imports MkDocs), run as a
child process in a process group of its own: a Ctrl+C in the terminal reaches only this process,
which stops the server by closing its stdin. So the server's helper processes never see the
Ctrl+C mid-build, nothing prints a traceback, and the same works on Windows (no signals sent).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from .console import fail

SERVER = "rectify_serve"  # beside rectify_hooks.py, the only other module that knows MkDocs
DEFAULT_PORT = 8000
# A server that ignores its closed stdin this long is ended.
STOP_TIMEOUT = 20.0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "serve", help="在本机预览网站（http://127.0.0.1:8000/）；修改数据后网页自动更新，数据有错时网页上列出错误"
    )
    parser.add_argument(
        "project", nargs="?", default=Path("."), type=Path, help="网站文件夹（含 mkdocs.yml，默认当前文件夹）"
    )
    parser.add_argument("--data", type=Path, help="数据文件夹（默认网站文件夹中的 data）")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"端口（默认 {DEFAULT_PORT}）")


def run(args: argparse.Namespace) -> int:
    project: Path = args.project
    if not (project / "mkdocs.yml").is_file():
        return fail(
            f"{project.resolve()} 中没有 mkdocs.yml：请在网站文件夹中运行，或写出网站文件夹，如 rectify serve 网站文件夹"
        )
    # Else the server takes mkdocs.yml's extra.rectify_data, as a build does.
    data: Path | None = args.data or (project / os.environ["RECTIFY_DATA"] if os.environ.get("RECTIFY_DATA") else None)
    if data is not None and not data.is_dir():
        return fail(f"数据文件夹 {data} 不存在；用 --data 写出数据文件夹，如 --data data")
    command = [sys.executable, *_engine(), str(project), "--port", str(args.port), "--until-stdin-closes"]
    command += ["--data", str(data)] if data is not None else []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RECTIFY_OFFLINE": "false"}
    server = subprocess.Popen(command, stdin=subprocess.PIPE, env=env, **_own_process_group())
    try:
        return server.wait()
    except KeyboardInterrupt:
        return _stop(server)


def _engine() -> list[str]:
    """How Python starts the server: with ProperDocs (``RECTIFY_ENGINE=properdocs``) its alias makes
    every ``mkdocs`` import of the server and the adapter a ``properdocs`` import."""
    if os.environ.get("RECTIFY_ENGINE") == "properdocs":
        start = (
            f"import properdocs.replacement, runpy; runpy.run_module({SERVER!r}, run_name='__main__', alter_sys=True)"
        )
        return ["-c", start]
    return ["-m", SERVER]


def _own_process_group() -> dict[str, Any]:
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _stop(server: subprocess.Popen[bytes]) -> int:
    """Close the server's stdin (it then ends quietly); end it if it does not."""
    assert server.stdin is not None
    server.stdin.close()
    try:
        server.wait(timeout=STOP_TIMEOUT)
    except (subprocess.TimeoutExpired, KeyboardInterrupt):  # or a second Ctrl+C
        server.kill()
        server.wait()
        print("预览已结束。", flush=True)
    return 0
