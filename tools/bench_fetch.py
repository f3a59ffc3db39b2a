"""What a reader's browser downloads: a first page view, then one search (part of ``make bench``).

A local server serves a built site and counts every file it sends; Debian's Chromium, driven by
Playwright with an empty cache, opens the site's home page, waits until Material's script has started
and the network is quiet (the first view), then types a query into the search box and waits for the
first result and for the network to be quiet again (the first search: every file fetched from typing
to the first result; a split index's word lists and parts load before the worker answers). Sizes are
the bytes sent and their gzip -6 size (what a server that compresses would send), per file, added up.

Every wait is bounded: a step that does not happen in time ends the measurement with ``Stuck``, whose
message says which step, what the page shows and what was fetched, so the benchmark never hangs.
(The benchmark once did, at 1,000 notices: it typed before Material's script had run, so the search
never opened; Playwright's network idle can come before the page's scripts are fetched.)

Usage: ``python tools/bench_fetch.py SITE_DIR [QUERY]``.
"""

from __future__ import annotations

import functools
import gzip
import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

QUERY = "整改"
# Seconds allowed to each step. Loading the home takes about 1 s; typing to the first result about
# 10 s at 1,000 notices (about 150 notices' parts loaded and indexed) on this loaded 2-core VM.
LOAD_TIMEOUT = 60.0
RESULT_TIMEOUT = 180.0
# The network is quiet when no file has been sent or asked for in this long.
QUIET = 1.0
# Material's search, as tests/site/test_browser.py types into it.
TYPE_QUERY = """query => {
    const input = document.querySelector("input.md-search__input");
    input.focus();
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
}"""
# Material's bundle sets window.component$ last, once every component (the search among them) is mounted.
MATERIAL_STARTED = "() => window.component$ !== undefined"
SEARCH_OPEN = "#__search:checked"
RESULT = ".md-search-result__item > a"
META = ".md-search-result__meta"


class Stuck(Exception):
    """A step of the measurement did not happen in time (the message says which)."""


@dataclass
class Traffic:
    """Files sent by the server: path → (bytes, gzip -6 bytes)."""

    files: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def raw(self) -> int:
        return sum(raw for raw, _ in self.files.values())

    @property
    def packed(self) -> int:
        return sum(packed for _, packed in self.files.values())

    def of(self, part: str) -> tuple[int, int]:
        """Bytes and gzip bytes of the files whose path contains ``part``."""
        sizes = [size for path, size in self.files.items() if part in path]
        return sum(raw for raw, _ in sizes), sum(packed for _, packed in sizes)

    def since(self, before: Traffic) -> Traffic:
        """The files fetched since ``before`` was taken."""
        return Traffic({path: size for path, size in self.files.items() if path not in before.files})


@dataclass
class _Server:
    """What the counting server has done: files sent, requests under way, time of the last change."""

    traffic: Traffic = field(default_factory=Traffic)
    lock: threading.Lock = field(default_factory=threading.Lock)
    busy: int = 0
    changed: float = field(default_factory=time.monotonic)

    def snapshot(self) -> Traffic:
        with self.lock:
            return Traffic(dict(self.traffic.files))

    def wait_quiet(self, step: str, timeout: float = LOAD_TIMEOUT) -> None:
        """Until no request is under way and none came for ``QUIET`` seconds; ``Stuck`` after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            with self.lock:
                if not self.busy and now - self.changed >= QUIET:
                    return
                files = len(self.traffic.files)
            if now > deadline:
                raise Stuck(f"{step}: the network was not quiet after {timeout:.0f} s ({files} files sent)")
            time.sleep(0.1)


@dataclass(frozen=True)
class Fetched:
    first_view: Traffic
    """Everything the home page made the browser fetch, without searching."""
    search: Traffic
    """Everything fetched from typing the query to its first result (and the network quiet again)."""
    results: str
    """The number of results, as Material's search states it (“3.4k”)."""
    seconds: float
    """From typing the query to its first result shown."""
    load: float
    """The 1-minute load average then (the machine may be shared)."""


def _packed_size(file: Path) -> int:
    return len(gzip.compress(file.read_bytes(), 6, mtime=0))


class _Counting(SimpleHTTPRequestHandler):
    server_state: _Server

    def do_GET(self) -> None:
        state = self.server_state
        with state.lock:
            state.busy += 1
            state.changed = time.monotonic()
        try:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            super().do_GET()
            if path.is_file():
                sizes = (path.stat().st_size, _packed_size(path))
                with state.lock:
                    state.traffic.files[self.path.split("?")[0]] = sizes
        finally:
            with state.lock:
                state.busy -= 1
                state.changed = time.monotonic()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def available() -> str | None:
    """Why the browser measurement cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed"
    if not shutil.which("chromium"):
        return "chromium is not installed (apt-get install chromium)"
    return None


def _step(name: str, action: Callable[[], object], timeout: float) -> None:
    """Run one Playwright wait; its timeout becomes ``Stuck`` naming the step."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        action()
    except PlaywrightTimeout:
        raise Stuck(f"{name}: not done after {timeout:.0f} s") from None


def fetched(site: Path, query: str = QUERY, result_timeout: float = RESULT_TIMEOUT) -> Fetched:
    """Serve ``site`` on loopback and measure a first view of its home page and one search for ``query``."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
    from rectify.output.pdf import CHROMIUM_ARGS

    state = _Server()
    handler = type("Handler", (_Counting,), {"server_state": state})
    port = _free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, timeout=LOAD_TIMEOUT * 1000
            )
            try:
                tab = browser.new_context().new_page()
                tab.set_default_timeout(LOAD_TIMEOUT * 1000)
                url = f"http://127.0.0.1:{port}/"
                _step(f"open {url}", lambda: tab.goto(url, wait_until="load"), LOAD_TIMEOUT)
                _step("start Material's script", lambda: tab.wait_for_function(MATERIAL_STARTED), LOAD_TIMEOUT)
                state.wait_quiet("first view")
                first_view = state.snapshot()
                started = time.monotonic()
                tab.evaluate(TYPE_QUERY, query)
                _step(
                    f"open the search box for {query}",
                    lambda: tab.wait_for_selector(SEARCH_OPEN, state="attached"),
                    LOAD_TIMEOUT,
                )
                try:
                    tab.locator(RESULT).first.wait_for(timeout=result_timeout * 1000)
                except PlaywrightTimeout:
                    meta = " ".join(tab.locator(META).inner_text().split())
                    sent = state.snapshot().since(first_view)
                    last = ", ".join(list(sent.files)[-3:]) or "none"
                    raise Stuck(
                        f"no result for {query} after {result_timeout:.0f} s: the search says “{meta}”; "
                        f"{len(sent.files)} files fetched since typing (last: {last})"
                    ) from None
                seconds, load = time.monotonic() - started, os.getloadavg()[0]
                state.wait_quiet(f"search for {query}", result_timeout)
                results = tab.locator(META).inner_text().split()[0]
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return Fetched(first_view, state.snapshot().since(first_view), results, seconds, load)


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f}"


HEADER = (
    f"{'notices':>7} {'first view KB':>15} {'files':>5} {'first search KB':>17} {'files':>5} "
    f"{'of which index KB':>19} {'results':>7} {'s to result':>11} {'load':>5}"
)


def _sizes(raw: int, packed: int) -> str:
    return f"{_kb(raw)} / {_kb(packed)}"


def row(notices: int | str, result: Fetched) -> str:
    first, search = result.first_view, result.search
    # Material's index file and, when split, the word lists and parts under search/split/.
    index = search.of("/search/")
    return (
        f"{notices:>7} {_sizes(first.raw, first.packed):>15} {len(first.files):>5} "
        f"{_sizes(search.raw, search.packed):>17} {len(search.files):>5} "
        f"{_sizes(*index):>19} {result.results:>7} {result.seconds:>11.1f} {result.load:>5.1f}"
    )


if __name__ == "__main__":
    why_not = available()
    if why_not:
        sys.exit(why_not)
    try:
        measured = fetched(Path(sys.argv[1]), *sys.argv[2:3])
    except Stuck as stuck:
        sys.exit(str(stuck))
    print(HEADER)
    print(row("-", measured))
    for label, traffic in (("first view", measured.first_view), ("first search", measured.search)):
        print(f"{label}:")
        for path, (raw, packed) in sorted(traffic.files.items()):
            print(f"  {path}  {raw:,} / {packed:,}")
