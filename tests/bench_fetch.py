"""What a reader's browser downloads: a first page view, then one search (part of ``make bench``).

A local server serves a built site and counts every file it sends; Debian's Chromium, driven by
Playwright with an empty cache, opens the site's home page and waits until the network is idle
(the first view), then types a query into the search box and waits for the first result and for
the network again (after one search). Sizes are the bytes sent and their gzip -6 size (what a
server that compresses would send), per file, added up.

Usage: ``python tests/bench_fetch.py SITE_DIR [QUERY]``.
"""

from __future__ import annotations

import functools
import gzip
import shutil
import socket
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

QUERY = "整改"
# Material's search, as tests/site/test_browser.py types into it.
TYPE_QUERY = """query => {
    const input = document.querySelector("input.md-search__input");
    input.focus();
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
}"""


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


@dataclass(frozen=True)
class Fetched:
    first_view: Traffic
    """Everything the home page made the browser fetch, without searching."""
    after_search: Traffic
    """Everything fetched by then and by one search."""
    results: int
    """Search results shown."""


def _packed_size(file: Path) -> int:
    return len(gzip.compress(file.read_bytes(), 6, mtime=0))


class _Counting(SimpleHTTPRequestHandler):
    traffic: Traffic
    lock: threading.Lock

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        super().do_GET()
        if path.is_file():
            with self.lock:
                self.traffic.files[self.path.split("?")[0]] = (path.stat().st_size, _packed_size(path))

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


def fetched(site: Path, query: str = QUERY) -> Fetched:
    """Serve ``site`` on loopback and measure a first view of its home page and one search."""
    from playwright.sync_api import sync_playwright
    from rectify.output.pdf import CHROMIUM_ARGS

    traffic = Traffic()
    handler = type("Handler", (_Counting,), {"traffic": traffic, "lock": threading.Lock()})
    port = _free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            context = browser.new_context()
            tab = context.new_page()
            tab.goto(f"http://127.0.0.1:{port}/", wait_until="networkidle")
            first_view = Traffic(dict(traffic.files))
            tab.evaluate(TYPE_QUERY, query)
            tab.locator(".md-search-result__item > a").first.wait_for(timeout=300_000)
            tab.wait_for_load_state("networkidle")
            results = tab.locator(".md-search-result__item").count()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return Fetched(first_view, Traffic(dict(traffic.files)), results)


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f}"


HEADER = (
    f"{'notices':>7} {'first view KB':>15} {'files':>5} {'after one search KB':>21} {'files':>5} "
    f"{'of which index KB':>19} {'results':>7}"
)


def row(notices: int | str, result: Fetched) -> str:
    first, after = result.first_view, result.after_search
    index = after.of("search_index")
    return (
        f"{notices:>7} {_kb(first.raw) + ' / ' + _kb(first.packed):>15} {len(first.files):>5} "
        f"{_kb(after.raw) + ' / ' + _kb(after.packed):>21} {len(after.files):>5} "
        f"{_kb(index[0]) + ' / ' + _kb(index[1]):>19} {result.results:>7}"
    )


if __name__ == "__main__":
    why_not = available()
    if why_not:
        sys.exit(why_not)
    measured = fetched(Path(sys.argv[1]), *sys.argv[2:3])
    print(HEADER)
    print(row("-", measured))
    for path, (raw, packed) in sorted(measured.after_search.files.items()):
        print(f"  {'  ' if path in measured.first_view.files else '+ '}{path}  {raw:,} / {packed:,}")
