"""What only a browser shows: pages load cleanly, nothing leaves the machine, search finds Chinese.

Run for the web build served under a sub-path on loopback and for the offline
bundle opened from ``file://``. Needs Debian's Chromium; without it these tests
skip, unless ``RECTIFY_REQUIRE_TOOLS=1`` (set by CI) turns that into a failure.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import socket
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import SEED_ID, is_redirect, mkdocs_build, require_tools
from rectify.output.pdf import CHROMIUM_ARGS
from test_bundle import make_bundle

playwright = pytest.importorskip("playwright.sync_api")

SUB_PATH = "/some/column/"
# What a reader types → the pages that are a right first answer.
SEARCHES = {
    "房改房": {f"{SEED_ID}/findings/idle-flats"},
    "党费": {f"{SEED_ID}/findings/party-dues"},
    "坐收坐支": {f"{SEED_ID}/findings/contract-fees", f"{SEED_ID}/findings/asset-leasing"},
    "凡提必核": {f"{SEED_ID}/findings/pre-appointment-check"},
    "回龙湾": {f"{SEED_ID}/findings/huilongwan-decision", f"{SEED_ID}/findings/huilongwan-project"},
    "巡视": {SEED_ID, f"{SEED_ID}/notice"},
}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_tools("chromium")
    executable = shutil.which("chromium")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Site:
    """A built site as a browser reaches it: a base URL and the page files."""

    base: str
    root: Path
    directory_urls: bool

    def pages(self) -> list[str]:
        """Every page, without the redirects that keep old URLs (tests/site/test_urls.py checks those)."""
        files = [p for p in self.root.rglob("*.html") if p.name != "404.html" and not is_redirect(p)]
        return sorted(p.relative_to(self.root).as_posix() for p in files)

    def file_of(self, href: str) -> Path:
        """The file an href of this site leads to."""
        path = href.removeprefix(self.base).split("#")[0].split("?")[0]
        return self.root / (path + "index.html" if path == "" or path.endswith("/") else path)

    def page_of(self, href: str) -> str:
        """The page an href leads to, as ``findings/idle-flats`` or ``index``."""
        page = self.file_of(href).relative_to(self.root).as_posix()
        return page.removesuffix(".html").removesuffix("/index")

    def url(self, page: str) -> str:
        if self.directory_urls:
            page = page.removesuffix("index.html")
        return self.base + page


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site only under SUB_PATH, as a portal column would."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "__outside_the_column__")
        return super().translate_path("/" + path.removeprefix(SUB_PATH))

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    port = free_port()
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    root = tmp_path_factory.mktemp("web")
    os.environ["RECTIFY_SITE_URL"] = base
    try:
        result = mkdocs_build(root)
    finally:
        del os.environ["RECTIFY_SITE_URL"]
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(SubPathHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(base, root, directory_urls=True)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> Site:
    dist = tmp_path_factory.mktemp("dist")
    result = make_bundle(dist)
    assert result.returncode == 0, result.stderr
    (zip_path,) = dist.glob("*.zip")
    target = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(target)
    root = target / zip_path.stem
    return Site(root.as_uri() + "/", root, directory_urls=False)


@pytest.fixture(params=["web", "offline"])
def site(request: pytest.FixtureRequest) -> Site:
    return request.getfixturevalue(request.param)


@dataclass
class Watch:
    """Everything a page did that a reader should never see."""

    problems: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    # Every URL the page and its frames asked for.
    requests: list[str] = field(default_factory=list)

    def index_requests(self) -> list[str]:
        return [url for url in self.requests if "search_index" in url]

    def worker_requests(self) -> list[str]:
        return [url for url in self.requests if "/workers/search." in url]


@pytest.fixture
def page(browser: object, site: Site) -> Iterator[tuple[object, Watch]]:
    yield from watched_page(browser, site, console=("error",))


def watched_page(browser: object, site: Site, console: tuple[str, ...]) -> Iterator[tuple[object, Watch]]:
    """A tab that may load only ``site``'s own files; requests, refused hosts, page errors and
    console messages of the ``console`` levels go into its ``Watch``."""
    context = browser.new_context()  # type: ignore[attr-defined]
    watch = Watch()

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith((site.base, "data:", "blob:", "about:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            watch.outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    context.on("request", lambda request: watch.requests.append(request.url))
    tab = context.new_page()
    tab.on("console", lambda m: m.type in console and watch.problems.append(f"{m.type}: {m.text}"))
    tab.on("pageerror", lambda e: watch.problems.append(f"pageerror: {e}"))
    yield tab, watch
    context.close()


def test_every_page_loads_cleanly_with_working_links(page: tuple[object, Watch], site: Site) -> None:
    """No console or page error, no request off the machine, every href and src a real file."""
    tab, watch = page
    pages = site.pages()
    # site home, notice home, notice, print, findings, contact, accessibility, format, 4 categories, 19 findings
    assert len(pages) == 31
    for name in pages:
        response = tab.goto(site.url(name))  # type: ignore[attr-defined]
        assert response is None or response.ok, f"{name}: HTTP {response.status}"
        assert tab.locator("h1").count() == 1, name  # type: ignore[attr-defined]
        targets = tab.eval_on_selector_all(  # type: ignore[attr-defined]
            "a[href], link[href], script[src], img[src]", "els => els.map(e => e.href || e.src)"
        )
        for target in targets:
            if target.startswith(("tel:", "mailto:")):
                continue
            assert target.startswith(site.base), f"{name}: leaves the site: {target}"
            assert site.file_of(target).is_file(), f"{name}: broken link {target}"
    assert not watch.problems
    assert not watch.outside


def search(tab: object, query: str) -> str:
    """Type ``query`` the way Material hears it and return the first result's link."""
    tab.evaluate(  # type: ignore[attr-defined]
        """query => {
            const input = document.querySelector("input.md-search__input");
            input.focus();
            input.value = query;
            input.dispatchEvent(new Event("input", { bubbles: true }));
            input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
        }""",
        query,
    )
    first = tab.locator(".md-search-result__item > a").first  # type: ignore[attr-defined]
    first.wait_for(timeout=10000)
    return first.get_attribute("href")


@pytest.mark.parametrize("query", SEARCHES)
def test_search_finds_chinese_words(page: tuple[object, Watch], site: Site, query: str) -> None:
    tab, watch = page
    tab.goto(site.url("index.html"))  # type: ignore[attr-defined]
    href = search(tab, query)
    assert href.startswith(site.base), href
    assert site.page_of(href) in SEARCHES[query], href
    tab.locator(".md-search-result__item > a").first.click()  # type: ignore[attr-defined]
    tab.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert tab.locator("h1").count() >= 1  # type: ignore[attr-defined]
    # The page reached from a result marks the words searched for (Material loads the index for it).
    tab.locator("mark[data-md-highlight]").first.wait_for(timeout=10000)  # type: ignore[attr-defined]
    assert not watch.problems
    assert not watch.outside


def test_search_index_is_fetched_only_when_searching(page: tuple[object, Watch], site: Site) -> None:
    """A reader who does not search downloads neither the search index nor the search worker; a search fetches both."""
    tab, watch = page
    for name in ["index.html", *site.pages()[:3]]:
        tab.goto(site.url(name))  # type: ignore[attr-defined]
        tab.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert watch.requests
    assert not watch.index_requests()
    assert not watch.worker_requests()
    assert site.page_of(search(tab, "党费")) in SEARCHES["党费"]
    assert len(watch.index_requests()) == 1
    assert len(watch.worker_requests()) == 1
    assert not watch.problems
    assert not watch.outside


def test_search_index_is_segmented(site: Site) -> None:
    index = site.root / "search" / ("search_index.json" if site.directory_urls else "search_index.js")
    text = index.read_text(encoding="utf-8")
    assert "\u200b" in text
    # Written as UTF-8: no Chinese character as a \uXXXX escape (6 bytes instead of 3).
    assert "回龙湾" in text
    assert not re.search(r"\\u[4-9][0-9a-f]{3}", text)
    assert SEED_ID  # the shipped notice is the one indexed


@pytest.mark.parametrize("old", ["notice/", "findings/idle-flats/", "categories/clean-governance/"])
def test_old_single_notice_urls_take_the_reader_to_the_new_page(browser: object, web: Site, old: str) -> None:
    """The redirect pages that keep the single-notice layout's URLs work in a browser (meta refresh)."""
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(web.url(old))
    tab.wait_for_url(web.url(f"{SEED_ID}/{old}"), timeout=10000)
    assert tab.locator("article h1").count() == 1
    context.close()
