"""``rectify serve``: a real server in a subprocess on a free 127.0.0.1 port, always ended.

Every wait polls with a deadline; nothing sleeps a fixed time."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BIN, DATA, ROOT, SEED_ID

START = 180.0  # the first build of the seed (seconds; a few here, more on a busy machine)
CHANGE = 60.0  # an edit seen in the browser
QUICK = 5.0  # any answer while the data is broken
FINDING = f"{SEED_ID}/findings/union-reform/"
MEASURE = "起草《省总工会改革方案》。"
# What MkDocs says in English when it runs its own way; none of it may reach a clerk.
ENGLISH = ("INFO", "WARNING", "Building documentation", "Serving on", "appear stuck", "Detected file changes")


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    data: Path
    out: Path
    err: Path

    def output(self) -> str:
        return self.out.read_text(encoding="utf-8") + self.err.read_text(encoding="utf-8")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()  # the server sees its stdin close and ends too
            self.process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str, timeout: float = QUICK) -> tuple[int, str]:
    """Status and text; (0, "") when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def until(check: Callable[[], bool], timeout: float, what: str, server: Server | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if server is not None and server.process.poll() is not None:
            pytest.fail(f"rectify serve ended ({server.process.returncode}) before {what}:\n{server.output()}")
        time.sleep(0.05)
    pytest.fail(f"no {what} within {timeout:.0f} s" + (f":\n{server.output()}" if server else ""))


def start(project: Path, data: Path, logs: Path) -> Server:
    port = free_port()
    out, err = logs / "out.txt", logs / "err.txt"
    command = [str(BIN / "rectify"), "serve", str(project), "--data", str(data), "--port", str(port)]
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
    server = Server(process, f"http://127.0.0.1:{port}/", data, out, err)
    until(lambda: get(server.url)[0] == 200, START, "home page", server)
    return server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The seed, copied to a folder given with --data."""
    folder = tmp_path_factory.mktemp("serve")
    data = folder / "my data"  # a space, as in a clerk's folder names
    shutil.copytree(DATA, data)
    server = start(ROOT, data, folder)
    try:
        yield server
    finally:
        server.stop()


def edit(server: Server, name: str, old: str, new: str) -> None:
    path = server.data / SEED_ID / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_home_page_is_served_on_loopback(server: Server) -> None:
    status, page = get(server.url)
    assert status == 200
    assert "<title>" in page and "整改" in page
    assert server.url.startswith("http://127.0.0.1:")
    assert "预览地址" in server.output()


def test_an_edit_of_the_folder_given_with_data_updates_the_page(server: Server) -> None:
    edit(server, "findings.yml", MEASURE, "起草《省总工会改革方案》（预览测试）。")
    until(lambda: "（预览测试）" in get(server.url + FINDING)[1], CHANGE, "edited measure", server)


def test_an_edit_of_the_signed_text_updates_the_notice_page(server: Server) -> None:
    text = (server.data / SEED_ID / "text.txt").read_text(encoding="utf-8")
    title = text.splitlines()[0]
    edit(server, "text.txt", title, title + "（原文测试）")
    until(lambda: "（原文测试）" in get(f"{server.url}{SEED_ID}/notice/")[1], CHANGE, "edited text.txt", server)


def test_a_data_error_answers_every_address_at_once_until_fixed(server: Server) -> None:
    edit(server, "findings.yml", "status: 已完成", "status: 做完了")
    until(lambda: get(server.url)[0] == 503, CHANGE, "error page", server)
    for path in ("", f"{SEED_ID}/", FINDING, "assets/rectify.css", "no/such/page/"):
        started = time.monotonic()
        status, page = get(server.url + path)
        assert time.monotonic() - started < QUICK
        assert status == 503, path
        assert "数据检查未通过" in page and "“做完了”不是可选的值" in page
        assert "findings.yml:" in page
        assert "/livereload/" in page  # MkDocs' reload script: the page reloads once fixed
    assert "数据检查未通过" in server.err.read_text(encoding="utf-8")
    edit(server, "findings.yml", "status: 做完了", "status: 已完成")
    until(lambda: get(server.url)[0] == 200, CHANGE, "site again", server)
    status, page = get(server.url + FINDING)
    assert status == 200 and "数据检查未通过" not in page
    assert "错误已改正" in server.output()


def test_nothing_in_english_reaches_the_terminal(server: Server) -> None:
    output = server.output()
    assert output.strip()
    for line in output.splitlines():
        assert not any(english in line for english in ENGLISH), line


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT, as Ctrl+C does in a POSIX terminal")
def test_ctrl_c_during_a_full_rebuild_ends_quietly(tmp_path: Path) -> None:
    """A change of docs/ rebuilds the whole site; Ctrl+C then ends it without a traceback."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(DATA, project / "data")
    server = start(project, project / "data", tmp_path)
    try:
        page = project / "docs" / "format.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n改动。\n", encoding="utf-8")
        until(lambda: "正在重新生成整个网站" in server.output(), CHANGE, "full rebuild", server)
        server.process.send_signal(signal.SIGINT)
        assert server.process.wait(timeout=60) == 0
    finally:
        server.stop()
    output = server.output()
    assert "Traceback" not in output and "KeyboardInterrupt" not in output
    assert output.rstrip().endswith("预览已结束。")
    for line in output.splitlines():
        assert not any(english in line for english in ENGLISH), line


def test_a_port_in_use_is_named(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        command = [str(BIN / "rectify"), "serve", str(ROOT), "--port", str(port)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert f"端口 {port} 已被占用" in result.stderr


def test_no_project_folder_is_named(tmp_path: Path) -> None:
    command = [str(BIN / "rectify"), "serve", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "没有 mkdocs.yml" in result.stderr
