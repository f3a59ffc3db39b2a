"""The preview server behind ``rectify serve`` (``rectify.cli.serve`` starts it as ``python -m rectify_serve``).

Like ``rectify_hooks.py`` this module knows MkDocs; the package does not. It is MkDocs' own
live-reload server (``mkdocs.livereload``) with three changes for clerks:

- After one full MkDocs build, an edit of the data rebuilds only the generated files whose text
  changed (the edited notice's pages, the site pages that list it, its open data), through MkDocs'
  own page steps and plugins, and rewrites the search index. A change of anything else (mkdocs.yml,
  docs/, hooks/) or of the site's shape (a notice, finding or category added or removed) gets a full
  build. Left stale until then: feed.xml and the redirect pages of old addresses.
- A failed build never leaves the browser waiting: until a build succeeds, every address answers at
  once with the Chinese messages (``rectify.site.preview``) and MkDocs' reload script.
- Every page served gets the editor (``rectify.edit``): an 编辑 action on notice and finding pages,
  forms from the JSON Schema, and the ``/_edit/`` endpoints that check and write a change. The pages
  carry this run's random token; the built files never do, so the public site and the offline bundle
  have no editor.
- The terminal shows Chinese lines only; MkDocs' own log is not shown. ``rectify serve`` stops the
  server by closing its stdin (``--until-stdin-closes``), so a Ctrl+C in the terminal reaches only
  ``rectify serve``, never this process's helpers mid-build, and nothing prints a traceback.
"""

from __future__ import annotations

import _thread
import argparse
import logging
import os
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import _build_page, _populate_page, build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from rectify.data.cache import NoticeCache, Signature, signature
from rectify.data.errors import REMARKS_HEADING, DataInvalid, Remark, remarks_report
from rectify.data.model import Notice
from rectify.edit.app import PREFIX, EditApp, script_tags
from rectify.site.options import BuildOptions, OptionInvalid
from rectify.site.preview import error_page, failure_page
from rectify.site.render import data_files, nav, site_pages

HOST = "127.0.0.1"
ADAPTER_LOG = "mkdocs.hooks.rectify"  # rectify_hooks.py's log: Chinese lines for the office


def say(line: str, *, error: bool = False) -> None:
    print(line, file=sys.stderr if error else sys.stdout, flush=True)


class _Capture(BasePlugin):  # type: ignore[type-arg]
    """What a full build made, for the partial builds after it (MkDocs' build returns nothing)."""

    files: Files
    nav: Navigation
    env: jinja2.Environment

    @event_priority(-200)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        self.nav, self.files = nav, files

    @event_priority(-200)
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> None:
        self.env = env


@dataclass
class Built:
    """The last full build: MkDocs' state and the text of every generated file."""

    config: MkDocsConfig
    capture: _Capture
    generated: dict[str, str]
    nav: list[dict[str, object]]
    updates: dict[str, str | None]
    """Notice ID → the notice it updates."""
    inputs: Signature


class Preview:
    """Builds the site into ``site_dir`` as the server asks; remembers what the browser must see instead."""

    def __init__(self, config_file: Path, data_dir: Path, site_dir: Path, url: str) -> None:
        self.config_file, self.data_dir, self.site_dir, self.url = config_file, data_dir, site_dir, url
        self.cache = NoticeCache()
        self.built: Built | None = None
        self.trouble: str | None = None
        """The page shown for every address while the site cannot be built."""
        self.logged: list[str] = []
        """MkDocs' error lines of the build under way (not printed: shown when the build fails)."""
        self.docs_dir = config_file.parent / "docs"
        """mkdocs.yml's docs_dir, as of the last full build."""
        self.shown_remarks: list[Remark] = []
        """The remarks to check (需要本单位核对的地方) printed last."""

    def inputs(self) -> Signature:
        """mkdocs.yml and docs/: a change of either needs a full build. (Not the hooks: Python code
        changes only when the server is started again, as with ``mkdocs serve``.)"""
        found = tuple(
            item for item in signature(self.config_file.parent, recursive=False) if item[0] == self.config_file.name
        )
        return found + signature(self.docs_dir)

    def build(self) -> None:
        """One build after a change (the server's builder). Never raises, but for Ctrl+C."""
        started = time.perf_counter()
        self.logged.clear()
        try:
            notices = self.cache.load_site(self.data_dir)
            done = self._update(notices) if self.built else None
            if done is None:
                if self.built or self.trouble:  # not the first build: that was said already
                    say("正在重新生成整个网站……")
                self._full(notices)
                done = f"网站已生成（{len(notices)} 份通报）"
        except DataInvalid as invalid:
            self._fail(error_page(invalid.errors), invalid.report())
            say("网页上显示同样的内容；改正并保存后，网页自动更新。", error=True)
            return
        except Exception as failed:  # a setting, a page or the program: shown, never a hang
            self.built = None
            message = "\n".join([*self.logged, f"{type(failed).__name__}: {failed}"])
            self._fail(failure_page(message), f"网站生成失败（不是数据的错误）：{message}")
            return
        if self.trouble is not None:
            done = f"错误已改正，网页恢复显示网站；{done}"
        self.trouble = None
        say(f"{done}（用时 {time.perf_counter() - started:.1f} 秒）")
        remarks = [remark for notice in notices for remark in notice.remarks]
        if remarks and remarks != self.shown_remarks:  # once, not after every edit
            say(remarks_report(remarks), error=True)
        self.shown_remarks = remarks

    def _fail(self, page: str, report: str) -> None:
        self.trouble = page
        say(report, error=True)

    def _full(self, notices: list[Notice]) -> None:
        """A full MkDocs build, as ``mkdocs serve`` does one."""
        self.built = None
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        self.docs_dir = Path(config.docs_dir)
        inputs = self.inputs()
        config.site_url = self.url
        capture = _Capture()
        config.plugins["rectify/serve"] = capture
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=self.url)
        # What was built, to compare the next data with.
        generated = {}
        for path in _generated(notices, config):
            file = capture.files.get_file_from_path(path)
            if file is not None:
                generated[path] = file.content_string
        self.built = Built(config, capture, generated, nav(notices), {n.id: n.updates for n in notices}, inputs)

    def _update(self, notices: list[Notice]) -> str | None:
        """Rebuild the generated files whose text changed; None when a full build is needed."""
        built = self.built
        assert built is not None
        updates = {notice.id: notice.updates for notice in notices}
        if updates != built.updates or nav(notices) != built.nav or self.inputs() != built.inputs:
            return None  # a notice added, removed or linked anew; the menu; mkdocs.yml or docs/
        # The pages of the notices read anew, of those they link to or from, and the site's own.
        ids = set(self.cache.reread)
        ids |= {notice.updates for notice in notices if notice.id in ids and notice.updates}
        ids |= {notice.id for notice in notices if notice.updates in ids}
        generated = _generated(notices, built.config, ids)
        expected = {path for path in built.generated if path.split("/")[0] in ids or path.split("/")[0] not in updates}
        if generated.keys() != expected:
            return None  # a finding or category added or removed
        changed = [path for path, text in generated.items() if text != built.generated[path]]
        if not changed:
            return "没有需要更新的页面"
        config, files = built.config, built.capture.files
        pages = []
        for path in changed:
            file = files.get_file_from_path(path)
            assert file is not None
            file.content_string = built.generated[path] = generated[path]
            if file.page is None:
                file.copy_file()  # open data: written as it is
            else:
                pages.append(file.page)
        _rebuild_pages(pages, config, built.capture)
        return f"已更新 {len(pages)} 个页面"

    def app(
        self, environ: dict[str, Any], start_response: Callable[..., Any], server: LiveReloadServer
    ) -> Iterable[bytes]:
        """MkDocs' server, but while the site cannot be built every address answers with the trouble page."""
        trouble = self.trouble
        if trouble is None or environ.get("PATH_INFO", "").startswith("/livereload/"):
            return server.serve_request(environ, start_response)
        # MkDocs' reload script: the page reloads once a build has succeeded (private, pinned mkdocs<2).
        body = server._inject_js_into_html(trouble.encode(), server._visible_epoch)
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        start_response("503 Service Unavailable", [*headers, ("Cache-Control", "no-store")])
        return [body]


class _Server(LiveReloadServer):
    """MkDocs' server; the HTML it sends carries the editor's script tags besides the reload script."""

    editor = b""

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:  # private, pinned mkdocs<2
        content = super()._inject_js_into_html(content, epoch)
        end = content.rfind(b"</body>")
        return content[:end] + self.editor + content[end:] if end >= 0 else content + self.editor


def _generated(notices: list[Notice], config: MkDocsConfig, only: set[str] | None = None) -> dict[str, str]:
    """The generated files a partial build compares: the pages and open data of every notice, or of
    the notices ``only`` names, and the site's own pages."""
    root_notice = BuildOptions.read(config.extra, os.environ).root_notice  # checked by the adapter's on_config
    if all(notice.id != root_notice for notice in notices):
        root_notice = None
    elif only is not None:
        only = {*only, root_notice}  # its open data has copies at the site root
    return {**site_pages(notices, only), **data_files(notices, root_notice, only)}


def _rebuild_pages(pages: list[Any], config: MkDocsConfig, capture: _Capture) -> None:
    """MkDocs' own steps for these pages (mkdocs.commands.build), then the search index again."""
    search = config.plugins.get("material/search")
    if search is not None and search.config.enabled:
        # Their old entries out; building them adds the new ones (as Material's dirty reload does).
        urls = {page.url for page in pages}
        index = search.search_index
        index.entries = [entry for entry in index.entries if entry["location"].partition("#")[0] not in urls]
    for page in pages:
        _populate_page(page, config, capture.files)
    documents = capture.files.documentation_pages()
    for page in pages:
        _build_page(page, config, documents, capture.nav, capture.env)
    # The search plugin writes the index; the adapter rewrites it as UTF-8.
    config.plugins.on_post_build(config=config)


class _Log(logging.Handler):
    """Prints the adapter's Chinese lines (remarks to check); keeps MkDocs' English errors for the
    trouble page; drops the rest of MkDocs' log, which is not for clerks."""

    def __init__(self, logged: list[str]) -> None:
        super().__init__(logging.INFO)
        self.logged = logged

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == ADAPTER_LOG and not record.getMessage().startswith(REMARKS_HEADING):  # we print those
            say(record.getMessage(), error=record.levelno >= logging.WARNING)
        elif record.levelno >= logging.ERROR:
            self.logged.append(record.getMessage())


def _quiet_logging(logged: list[str]) -> None:
    mkdocs = logging.getLogger("mkdocs")
    mkdocs.handlers.clear()
    mkdocs.propagate = False
    mkdocs.setLevel(logging.INFO)
    mkdocs.addHandler(_Log(logged))


def _port_free(port: int) -> bool:
    """Whether the server can listen on ``port`` (asked before the first build, which takes a while)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def _stop_when_stdin_closes() -> None:
    """``rectify serve`` closes our stdin to stop us: then stop as after a Ctrl+C."""

    def wait() -> None:
        while sys.stdin.buffer.read(4096):
            pass
        _thread.interrupt_main()

    threading.Thread(target=wait, name="stdin", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rectify_serve")
    parser.add_argument("project", type=Path)
    parser.add_argument("--data", type=Path, help="default: RECTIFY_DATA, else extra.rectify_data, else data")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--until-stdin-closes", action="store_true")
    args = parser.parse_args(argv)
    url = f"http://{HOST}:{args.port}/"
    if not _port_free(args.port):
        say(f"无法在 {url} 预览：端口 {args.port} 已被占用；可以用 --port 换一个，如 --port 8001", error=True)
        return 1
    if args.until_stdin_closes:
        _stop_when_stdin_closes()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config_file = args.project / "mkdocs.yml"
    try:
        options = BuildOptions.read(load_config(config_file=str(config_file)).extra, os.environ)
    except OptionInvalid as invalid:
        say(str(invalid), error=True)
        return 1
    data_dir = args.data or options.data_dir(args.project)
    # The adapter reads the same folder (an absolute RECTIFY_DATA replaces extra.rectify_data).
    os.environ["RECTIFY_DATA"] = str(data_dir.resolve())
    site_dir = Path(tempfile.mkdtemp(prefix="rectify-serve-"))
    preview = Preview(config_file, data_dir, site_dir, url)
    _quiet_logging(preview.logged)
    server = _Server(builder=preview.build, host=HOST, port=args.port, root=str(site_dir), polling_interval=0.25)
    token = secrets.token_urlsafe(32)  # new each run: only pages this server sent know it
    server.editor = script_tags(token).encode()
    edit = EditApp(data_dir, token)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO", "").startswith(PREFIX):
            return edit(environ, start_response)
        return preview.app(environ, start_response, server)

    server.set_app(app)
    try:
        say(f"正在生成预览：{data_dir}（第一次需要的时间较长）……")
        preview.build()
        for path in (data_dir, preview.config_file, preview.docs_dir):
            if path.exists():
                server.watch(str(path))
        say(f"预览地址：{url}  （修改 {data_dir} 中的文件并保存后，网页自动更新；按 Ctrl+C 结束）")
        server.serve()
    except KeyboardInterrupt:
        say("预览已结束。")
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
