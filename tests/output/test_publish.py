"""rectify publish: the zip for the portal, unpacked under its column's sub-path, served and crawled."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import threading
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from chinese_output import chinese_only
from conftest import BIN, DATA, ROOT, SEED_ID, is_redirect

SITE_URL = "https://www.example.gov.cn/xszg/zhenggai/"
EPOCH = "1490572800"  # 2017-03-27
NAME = f"{SEED_ID}-publish-2017-03-27"


def rectify(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    environment.pop("RECTIFY_SITE_URL", None)
    return subprocess.run(
        [str(BIN / "rectify"), *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    ("site_url", "says"),
    [
        (None, "没有网站地址"),
        ("xszg/", "不是完整网址"),
        ("/xszg/", "不是完整网址"),
        ("http://www.example.gov.cn/xszg/", "应使用 https://"),
        ("https://www.example.gov.cn/xszg", "应以 / 结尾"),
    ],
)
def test_refuses_a_missing_relative_or_plain_http_address(tmp_path: Path, site_url: str | None, says: str) -> None:
    result = rectify("publish", "--out", str(tmp_path), *(["--site-url", site_url] if site_url else []))
    assert result.returncode == 1
    assert says in result.stderr and "https://www.example.gov.cn/xszg/" in result.stderr, result.stderr
    chinese_only(result.stderr)
    assert not list(tmp_path.iterdir())


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = rectify("publish", "--out", str(out), "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"发布包已生成：{out / NAME}.zip" in result.stdout
    chinese_only(result.stdout)
    return out


@pytest.fixture(scope="module")
def unpacked(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(dist / f"{NAME}.zip") as archive:
        archive.extractall(folder)
    return folder / NAME


def test_zip_holds_the_site_instructions_and_checksums(dist: Path, unpacked: Path) -> None:
    assert sorted(p.name for p in unpacked.iterdir()) == ["SHA256SUMS", "site", "上传说明.txt"]
    sums = dict(reversed(line.split("  ", 1)) for line in (unpacked / "SHA256SUMS").read_text().splitlines())
    files = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(sums) == files
    for name, digest in sums.items():
        assert hashlib.sha256((unpacked / name).read_bytes()).hexdigest() == digest, name
    zip_digest = hashlib.sha256((dist / f"{NAME}.zip").read_bytes()).hexdigest()
    assert f"{zip_digest}  {NAME}.zip" in (dist / "SHA256SUMS").read_text()


def test_instructions_say_where_what_stays_and_how_to_serve(unpacked: Path) -> None:
    text = (unpacked / "上传说明.txt").read_text(encoding="utf-8-sig")
    for words in (
        "/xszg/zhenggai/ 目录",  # the column's sub-path
        f"{SITE_URL}{SEED_ID}/",  # the notice's address, which must keep working
        f"{SITE_URL}{SEED_ID}/notice/",
        "原样",
        "gzip",
        "brotli",
        "2.7 秒",
        "1.4 秒",
        "max-age=31536000",
        "max-age=600",
        "text/html; charset=utf-8",
        "application/atom+xml",
    ):
        assert words in text, words
    assert b"\r\n" in (unpacked / "上传说明.txt").read_bytes()  # lines for Windows Notepad


def test_instructions_give_the_policy_a_portal_may_send_for_every_page(unpacked: Path) -> None:
    text = (unpacked / "上传说明.txt").read_text(encoding="utf-8-sig")
    header = re.search(r"^  Content-Security-Policy: (.*)$", text, re.M)
    assert header and header[1].startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert "\n  Referrer-Policy: same-origin\n" in text
    for page in (unpacked / "site").rglob("*.html"):
        own = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page.read_text("utf-8"))
        assert own, page
        hashes = re.compile(r"'sha256-[^']+'")
        assert set(hashes.findall(own[1])) <= set(hashes.findall(header[1])), page


def _pages(site: Path) -> list[str]:
    """The address of every page of the unpacked site, relative to it (no redirects, no 404)."""
    pages = [p for p in site.rglob("*.html") if p.name != "404.html" and not is_redirect(p)]
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in pages)


def test_sitemap_lists_every_page_once(unpacked: Path) -> None:
    site = unpacked / "site"
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>(.*?)</loc>", xml)
    assert len(listed) == len(set(listed))
    assert sorted(url.removeprefix(SITE_URL) for url in listed) == _pages(site)
    assert SITE_URL in listed  # the home, which MkDocs' own sitemap leaves out
    assert f"{SITE_URL}{SEED_ID}/findings/idle-flats/" in listed  # a generated page
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode() == xml
    assert len(listed) >= 30


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _column(root: Path) -> Path:
    """Where the site goes under a server's root folder: the sub-path of its address."""
    return root.joinpath(*urlsplit(SITE_URL).path.strip("/").split("/"))


@pytest.fixture
def served(unpacked: Path, tmp_path: Path) -> Iterator[str]:
    """The site under its sub-path on 127.0.0.1, in a thread that stops by itself after two minutes."""
    column = _column(tmp_path)
    column.parent.mkdir(parents=True)
    (unpacked / "site").rename(column)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    guard = threading.Timer(120, server.shutdown)
    guard.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{urlsplit(SITE_URL).path}"
    finally:
        guard.cancel()
        server.shutdown()
        server.server_close()
        column.rename(unpacked / "site")


def _references(body: bytes, content_type: str) -> list[tuple[str, str]]:
    """(kind, url) of everything a page or stylesheet refers to."""
    if "css" in content_type:
        return [("css", ref.strip("'\"")) for ref in re.findall(r"url\(([^)]*)\)", body.decode())]
    if "html" not in content_type:
        return []
    soup = BeautifulSoup(body, "html.parser")
    found = [(tag.name, str(tag[attr])) for tag, attr in _tags(soup)]
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    if refresh:
        found.append(("refresh", str(refresh["content"]).split("url=", 1)[1]))
    return found


def _tags(soup: BeautifulSoup) -> Iterator[tuple[object, str]]:
    for name, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")):
        for tag in soup.find_all(name, attrs={attr: True}):
            yield tag, attr


def _stated_by_the_data() -> str:
    return "".join(p.read_text(encoding="utf-8") for p in DATA.rglob("*") if p.suffix in (".yml", ".txt"))


class _Crawl:
    """Follows every link, script, stylesheet and image from the pages it is given, on the local server."""

    def __init__(self, served: str) -> None:
        self.served, self.local = served, urlsplit(served).netloc
        self.stated = _stated_by_the_data()
        self.seen: set[str] = set()
        self.pages: set[str] = set()
        self.broken: list[str] = []
        self.elsewhere: list[str] = []

    def run(self, start: list[str], limit: int = 3000) -> None:
        queue = [url for url in start if url not in self.seen]
        self.seen.update(queue)
        while queue and limit:
            limit -= 1
            self._visit(queue.pop(), queue)
        assert not queue, "the crawl did not end"

    def _visit(self, url: str, queue: list[str]) -> None:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body, content_type, base = response.read(), response.headers.get_content_type(), response.geturl()
        except urllib.error.HTTPError as error:
            self.broken.append(f"{url}: {error.code}")
            return
        if content_type == "text/html" and not is_redirect_html(body):
            self.pages.add(url)
        for kind, reference in _references(body, content_type):
            target = urldefrag(urljoin(base, reference)).url
            parts = urlsplit(target)
            if parts.scheme in ("mailto", "tel", "data", "javascript"):
                continue
            if target.startswith(SITE_URL):
                target = self.served + target.removeprefix(SITE_URL)  # the site's own absolute links (canonical, feed)
            elif parts.netloc != self.local:
                if not (kind == "a" and reference in self.stated):  # a link the notice itself gives
                    self.elsewhere.append(f"{url}: <{kind}> {reference}")
                continue
            if not target.startswith(self.served):
                self.broken.append(f"{url}: {reference} leaves the column")
            elif target not in self.seen:
                self.seen.add(target)
                queue.append(target)


def is_redirect_html(body: bytes) -> bool:
    return b'http-equiv="refresh"' in body


def test_crawl_of_the_served_zip_finds_no_broken_link_and_no_other_host(served: str, tmp_path: Path) -> None:
    site = _column(tmp_path)
    crawl = _Crawl(served)
    crawl.run([served])
    # Every page is reachable from the home page (and is in the sitemap, above).
    assert sorted(url.removeprefix(served) for url in crawl.pages) == _pages(site)
    # Then what nothing links to: the old addresses' redirect pages and the 404 page.
    others = [served + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html")]
    crawl.run(others)
    assert not crawl.broken, crawl.broken
    assert not crawl.elsewhere, crawl.elsewhere
    assert len(crawl.seen) > 60  # 59 HTML files, the CSS, scripts, favicon, feed, open data
    assert f"{served}{SEED_ID}/findings/idle-flats/" in crawl.pages
    assert [url for url in crawl.seen if re.search(r"/bundle\.\w+\.min\.js$", url)]  # scripts were followed
    assert f"{served}assets/rectify.css" in crawl.seen
