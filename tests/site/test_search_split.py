"""Search over an index in parts (hooks/rectify/site/search/split.py), in a browser, on a site of many notices.

The seed and 40 synthetic notices, built for the web (served under a sub-path) and as the offline
bundle (opened from ``file://``, where the worker runs in iframe-worker's frame). Each query finds its
pages with their words marked, and a first search fetches the parts it needs, not the whole index.
"""

from __future__ import annotations

import functools
import gzip
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT, mkdocs_build
from rectify.output.build import build_site
from rectify.output.bundle import prune
from rectify.site.search import split
from synthetic import write_data
from test_browser import SUB_PATH, Site, SubPathHandler, Watch, browser, free_port, search, watched_page

__all__ = ["browser"]  # the fixture, shared with test_browser.py

NOTICES = 40
QUERIES = ("房改房", "党费", "坐收坐支", "凡提必核", "巡视")
# The 2 MB a first search may fetch at 1,000 notices, for this many (the benchmark measures 1,000).
BUDGET = 2 * 1024 * 1024 * (NOTICES + 1) // 1000


# A word of one notice only (the synthetic texts take their characters from the seed's, so its words are everywhere).
RARE, RARE_IN = "冰雪大世界", "bench-0007"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("data")
    shutil.copytree(DATA, target, dirs_exist_ok=True)
    write_data(target, NOTICES)
    notice = target / RARE_IN / "notice.yml"
    text = yaml.safe_load(notice.read_text(encoding="utf-8"))
    text["intro"][0] += f"{RARE}。"
    text["keywords"].append(RARE)
    notice.write_text(yaml.safe_dump(text, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory, data: Path) -> Iterator[Site]:
    port = free_port()
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    root = tmp_path_factory.mktemp("web")
    result = mkdocs_build(root, data, env={"RECTIFY_SITE_URL": base})
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(SubPathHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Site(base, root, directory_urls=True)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory, data: Path) -> Site:
    """The offline bundle's folder, as ``rectify bundle`` writes it (the zip of so many notices is over its size limit)."""
    root = tmp_path_factory.mktemp("usb-stick") / "offline"
    build_site(ROOT, root, offline=True, data_dir=data)
    prune(root)
    return Site(root.as_uri() + "/", root, directory_urls=False)


@pytest.fixture(params=["web", "offline"])
def site(request: pytest.FixtureRequest) -> Site:
    return request.getfixturevalue(request.param)


@pytest.fixture
def page(browser: object, site: Site) -> Iterator[tuple[object, Watch]]:
    yield from watched_page(browser, site, console=("error", "warning"))


def test_both_builds_are_split(site: Site) -> None:
    parts = {path.stem for path in (site.root / "search" / split.FOLDER).glob("*.js")}
    assert {"_site", "hlj-zgh-2017", "bench-0001", f"bench-{NOTICES:04d}", "w0"} <= parts


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_chinese_words_with_highlighting(page: tuple[object, Watch], site: Site, query: str) -> None:
    tab, watch = page
    tab.goto(site.url("index.html"))  # type: ignore[attr-defined]
    href = search(tab, query)
    assert href.startswith(site.base), href
    assert query in site.file_of(href).read_text(encoding="utf-8").replace("<wbr>", ""), href
    tab.locator(".md-search-result__item > a").first.click()  # type: ignore[attr-defined]
    tab.wait_for_load_state("load")  # type: ignore[attr-defined]
    marked = tab.locator("mark[data-md-highlight]")  # type: ignore[attr-defined]
    marked.first.wait_for(timeout=10000)
    assert query in "".join(marked.all_inner_texts())
    assert not watch.problems
    assert not watch.outside


def test_a_first_search_fetches_only_the_parts_it_needs(page: tuple[object, Watch], site: Site) -> None:
    """The first search for a word of one notice fetches that notice's part, within the budget scaled to this site."""
    tab, watch = page
    tab.goto(site.url("index.html"))  # type: ignore[attr-defined]
    tab.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    seen = len(watch.requests)
    # The worker loads a query's parts before it answers: all are fetched once a result shows.
    assert site.page_of(search(tab, RARE)).startswith(f"{RARE_IN}/notice")
    fetched = {url.split("?")[0] for url in watch.requests[seen:] if url.startswith(site.base)}
    names = {url.rsplit("/", 1)[1].removesuffix(".js") for url in fetched if f"/search/{split.FOLDER}/" in url}
    assert {name for name in names if not re.fullmatch(r"w\d+", name)} == {RARE_IN}
    packed = sum(len(gzip.compress(site.file_of(url).read_bytes(), 6)) for url in fetched)
    assert packed <= BUDGET, f"{packed // 1024} KB gzip > {BUDGET // 1024} KB"
    assert not watch.problems
