"""What an office hands to the portal's 信息中心: the site built for its address, in one zip.

The zip holds one folder: ``site/`` (the files to upload, with a sitemap of every page),
``上传说明.txt`` (where the files go, which addresses must keep working, compression, caching,
content types, the Content-Security-Policy a portal may send as a header) and ``SHA256SUMS``
(``sha256sum -c`` in the unpacked folder).
"""

from __future__ import annotations

import gzip
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from rectify.data.model import Notice
from rectify.site.policy import REFERRER, site_policy

from .build import build_site
from .bundle import zip_folder

SITE_FOLDER = "site"
INSTRUCTIONS = "上传说明.txt"
EXAMPLE_URL = "https://www.example.gov.cn/xszg/"
# Content types by file ending; text is UTF-8.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".gz": "application/gzip",
}
FEED_TYPE = "application/atom+xml; charset=utf-8"  # feed.xml
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".csv", ".txt", ".svg")
# Material names its bundles by content (main.57a0d79d.min.css): a changed file gets a new name.
_HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)$")


class SiteUrlInvalid(Exception):
    """The address the site is published at is missing or unusable; the message says what to write."""


@dataclass(frozen=True)
class Publication:
    zip_path: Path
    pages: int
    files: int
    size: int
    notes: list[str]


def checked_site_url(url: str | None) -> str:
    """``url`` when it is an absolute https address of a folder, else SiteUrlInvalid in Chinese."""
    how = f"栏目的完整网址，以 https:// 开头、以 / 结尾，如 {EXAMPLE_URL}"
    if not url or not url.strip():
        raise SiteUrlInvalid(
            f"没有网站地址：请在 mkdocs.yml 的 site_url 中填写{how}；也可以用 rectify publish --site-url 网址 给出"
        )
    url = url.strip()
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        raise SiteUrlInvalid(f"网站地址 {url} 不是完整网址：应写{how}")
    if parts.scheme != "https":
        raise SiteUrlInvalid(f"网站地址 {url} 以 {parts.scheme}:// 开头：政府网站应使用 https://，请写{how}")
    if parts.query or parts.fragment:
        raise SiteUrlInvalid(f"网站地址 {url} 不能带 ? 或 #：应写{how}")
    if not parts.path.endswith("/"):
        raise SiteUrlInvalid(f"网站地址 {url} 应以 / 结尾（栏目是一个文件夹）：写成 {url}/")
    return url


def page_urls(site: Path) -> list[str]:
    """The address (relative to the site) of every page: each HTML file but redirects and the 404 page."""
    urls = []
    for page in sorted(site.rglob("*.html"), key=lambda p: p.relative_to(site).as_posix()):
        relative = page.relative_to(site).as_posix()
        if relative == "404.html" or 'http-equiv="refresh"' in page.read_text(encoding="utf-8"):
            continue
        urls.append(relative.removesuffix("index.html"))
    return sorted(urls, key=lambda url: (url != "", url))


def write_sitemap(site: Path, site_url: str, urls: list[str], stamp: datetime) -> None:
    """sitemap.xml (and .gz) of every page; MkDocs' own leaves out the home when its canonical is elsewhere."""
    entries = "".join(
        f"    <url>\n         <loc>{escape(site_url + url)}</loc>\n         <lastmod>{stamp:%Y-%m-%d}</lastmod>\n    </url>\n"
        for url in urls
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    ).encode()
    (site / "sitemap.xml").write_bytes(xml)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml, mtime=int(stamp.timestamp())))


def _content_types(site: Path) -> list[str]:
    endings = sorted({path.suffix.lower() for path in site.rglob("*") if path.is_file()})
    lines = [f"  {ending:<6} {CONTENT_TYPES.get(ending, 'application/octet-stream')}" for ending in endings]
    if (site / "feed.xml").is_file():
        lines.append(f"  feed.xml（订阅） {FEED_TYPE}")
    return lines


def _hashed_assets(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if _HASHED.search(p.name))


def instructions(site_name: str, site_url: str, notices: list[Notice], site: Path, pages: int, stamp: datetime) -> str:
    """上传说明.txt: what the portal's 信息中心 needs to put the site up and keep it working."""
    parts = urlsplit(site_url)
    example = notices[0].id if notices else ""
    addresses = [f"  {site_url}  网站首页"]
    for notice in notices:
        addresses.append(f"  {site_url}{notice.id}/  {notice.title}")
        addresses += [
            f"  {site_url}{notice.id}/{page}/  {what}"
            for page, what in (("notice", "通报全文"), ("findings", "问题清单"))
        ]
    hashed = "、".join(Path(name).name for name in _hashed_assets(site)[:2])
    lines = [
        f"{site_name}：上传说明",
        "",
        f"这个压缩包是“{site_name}”网站的全部文件（{stamp.year}年{stamp.month}月{stamp.day}日生成），请门户网站的信息中心按下面的说明上传。",
        f"网站地址：{site_url}",
        "",
        "一、文件放在哪里",
        f"把 {SITE_FOLDER} 文件夹里的全部文件和文件夹（不含 {SITE_FOLDER} 文件夹本身），原样上传到网站 {parts.netloc} 的",
        f"{parts.path} 目录下，使 {SITE_FOLDER}/index.html 的网址是 {site_url}，"
        + (f"{SITE_FOLDER}/{example}/index.html 的网址是 {site_url}{example}/。" if example else ""),
        f"本说明（{INSTRUCTIONS}）和 SHA256SUMS 不用上传。",
        "网站的链接都是相对链接，不从其他网站加载字体、脚本或图片；不需要数据库，也不需要在服务器上运行程序。",
        "404.html 可以设为这个目录的“页面不存在”页。",
        "",
        "二、每个文件保持原样",
        "不要改文件名、不要改动或删减文件内容，不要把网页套进门户网站的模板，也不要合并或另行压缩文件。",
        "SHA256SUMS 列出每个文件的 SHA-256 校验值：在解压出的文件夹中运行 sha256sum -c SHA256SUMS（Linux）",
        "可以核对文件是否完整、有没有被改动（Windows 可用 certutil -hashfile 文件名 SHA256 逐个核对）。",
        "",
        "三、这些网址要一直能打开",
        "网址一经发布就不再改变。以后更新网站时，用新压缩包中的文件覆盖旧文件，下面这些网址必须保持能打开：",
        *addresses,
        f"每份通报的其他页面（每个问题、每类问题、联系方式、打印全文）都在它的网址下面。全部 {pages} 个页面的网址",
        f"列在 {SITE_FOLDER}/sitemap.xml（网站地图，可以提交给搜索引擎）中。",
        "",
        "四、开启压缩传输（gzip 或 brotli）",
        "请为下列类型的文件开启 gzip 或 brotli 压缩：" + "、".join(COMPRESSED) + "。",
        "不压缩时，用手机在慢速网络上打开一个页面，要约 2.7 秒才显示出内容；压缩后约 1.4 秒。",
        "  Nginx 示例：gzip on; gzip_types text/css text/javascript application/javascript application/json",
        "              application/xml application/atom+xml image/svg+xml text/csv text/plain;",
        "",
        "五、缓存设置（Cache-Control）",
        "  assets/ 中文件名带一串字母数字编号的文件" + (f"（如 {hashed}）" if hashed else ""),
        "    内容一变文件名就变，可以长期缓存：Cache-Control: public, max-age=31536000, immutable",
        "  assets/ 中的其他文件：Cache-Control: public, max-age=604800（7 天）",
        "  网页（.html）、feed.xml、sitemap.xml、search/ 和开放数据（.json、.csv）：",
        "    Cache-Control: public, max-age=600（10 分钟），更新网站后读者很快就能看到新内容",
        "",
        "六、文件类型（Content-Type）",
        *_content_types(site),
        "",
        "七、内容安全策略（Content-Security-Policy）",
        "每个网页已在页面开头写明它的内容安全策略：只加载本网站的文件，只运行网站自带的脚本（按 SHA-256 值逐个列出），",
        "被插入网页的其他脚本不会运行；也不向其他网站透露读者在看哪一页（Referrer-Policy: same-origin）。",
        "门户网站也可以为这个目录中的网页（.html）在响应头中发送同样的策略（下面是全部网页合在一起的策略，",
        "每次生成都可能不同，更新网站时请按新的说明修改）：",
        f"  Content-Security-Policy: {site_policy(p.read_text(encoding='utf-8') for p in sorted(site.rglob('*.html')))}",
        f"  Referrer-Policy: {REFERRER}",
        "门户网站若对整个网站发送了别的内容安全策略，浏览器两者都执行：请确认它允许上面这些，否则网页的搜索、字号等功能会失效。",
        "",
    ]
    return "\r\n".join(lines)  # Windows Notepad shows CRLF lines on any version


def make_publication(
    project: Path,
    notices: list[Notice],
    out_dir: Path,
    stamp: datetime,
    site_url: str,
    data_dir: Path | None = None,
    site_name: str = "整改公开",
) -> Publication:
    """Build ``project`` for ``site_url`` and write ``out_dir/<name>-publish-<date>.zip`` (and dist's SHA256SUMS)."""
    name = f"{notices[0].id if len(notices) == 1 else 'site'}-publish-{stamp:%Y-%m-%d}"
    with tempfile.TemporaryDirectory(prefix="rectify-publish-") as work:
        folder = Path(work) / name
        site = folder / SITE_FOLDER
        notes = build_site(project, site, site_url=site_url, data_dir=data_dir)
        urls = page_urls(site)
        write_sitemap(site, site_url, urls, stamp)
        text = instructions(site_name, site_url, notices, site, len(urls), stamp)
        # With a BOM, so that old versions of Notepad read it as UTF-8; newline="" keeps the CRLF as written.
        (folder / INSTRUCTIONS).write_text(text, encoding="utf-8-sig", newline="")
        zip_path, count = zip_folder(folder, out_dir, stamp)
    return Publication(zip_path, len(urls), count, zip_path.stat().st_size, notes)
