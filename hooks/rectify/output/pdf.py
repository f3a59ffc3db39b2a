"""PDFs of the notice, printed by headless Chromium from the built site.

The layout is the site's own print stylesheet (docs/assets/print.css, GB/T
9704-2012 for the notice), so the PDF and a reader's own print-out agree.
Chromium prints with the system's fonts plus the Fandol stand-ins for the
official typefaces when ``rectify fonts`` has installed them (rectify.output.fonts):
a private fontconfig file adds them for this browser only.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .build import build_site
from .fonts import installed_fontconfig

# Flags for Chromium as root on a machine with no network to talk to.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Source page → file name suffix of its PDF.
DOCUMENTS = {"notice/index.html": "notice", "print/index.html": "complete"}  # under <notice-id>/


class NoBrowser(Exception):
    """Chromium is not installed; the message says how to install it."""


# Browsers built on Chromium print the same; an office has one of them (Edge on Windows, Chrome
# or Chromium on 信创 Linux). Looked for on the PATH first, then where their installers put them.
BROWSER_COMMANDS = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
    "chrome",
)
WINDOWS_BROWSERS = (
    ("PROGRAMFILES", "Google/Chrome/Application/chrome.exe"),
    ("PROGRAMFILES(X86)", "Google/Chrome/Application/chrome.exe"),
    ("LOCALAPPDATA", "Google/Chrome/Application/chrome.exe"),
    ("PROGRAMFILES(X86)", "Microsoft/Edge/Application/msedge.exe"),
    ("PROGRAMFILES", "Microsoft/Edge/Application/msedge.exe"),
)


def chromium_executable(environ: dict[str, str] | None = None) -> str:
    """The first Chromium, Chrome or Edge found; ``RECTIFY_BROWSER`` names one explicitly."""
    environ = dict(os.environ) if environ is None else environ
    if chosen := environ.get("RECTIFY_BROWSER"):
        if found := shutil.which(chosen) or (chosen if Path(chosen).is_file() else None):
            return found
        raise NoBrowser(f"环境变量 RECTIFY_BROWSER 指定的浏览器“{chosen}”不存在；请写浏览器程序的完整路径")
    for command in BROWSER_COMMANDS:
        if path := shutil.which(command, path=environ.get("PATH")):
            return path
    for variable, relative in WINDOWS_BROWSERS:
        if (root := environ.get(variable)) and (candidate := Path(root) / relative).is_file():
            return str(candidate)
    raise NoBrowser(
        "生成 PDF 需要 Chromium、Chrome 或 Edge 浏览器，本机没有找到。"
        "Windows：安装 Edge 或 Chrome（多数电脑已装有 Edge）；Debian、统信 UOS、银河麒麟：sudo apt-get install chromium fonts-noto-cjk；"
        "浏览器装在别处时，用环境变量 RECTIFY_BROWSER 写明程序的完整路径"
    )


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium driven by Playwright (Debian's browser, no download), with the print fonts."""
    from playwright.sync_api import sync_playwright

    env = dict(os.environ)
    fontconfig = installed_fontconfig()
    if fontconfig:
        env["FONTCONFIG_FILE"] = str(fontconfig)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS, env=env)
        try:
            yield browser
        finally:
            browser.close()


def print_to_pdf(browser: Any, page_file: Path, pdf: Path) -> None:
    """Print one built page to ``pdf`` with its own @page sizes and margins."""
    page = browser.new_page()
    try:
        page.goto(page_file.as_uri(), wait_until="load")
        page.evaluate("document.fonts.ready")
        partial = pdf.with_suffix(".pdf.partial")
        page.pdf(path=str(partial), prefer_css_page_size=True, print_background=True)
        partial.replace(pdf)  # never leave half a PDF where a good one was
    finally:
        page.close()


def make_pdfs(project: Path, notice_ids: list[str], out_dir: Path) -> list[Path]:
    """Build the site and write ``<id>-notice.pdf`` and ``<id>-complete.pdf`` of each notice to ``out_dir``."""
    chromium_executable()  # fail before the build when there is no browser
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="rectify-pdf-") as work:
        site = Path(work) / "site"
        build_site(project, site)
        with chromium() as browser:
            for notice_id in notice_ids:
                base = site / notice_id
                for source, suffix in DOCUMENTS.items():
                    pdf = out_dir / f"{notice_id}-{suffix}.pdf"
                    print_to_pdf(browser, base / source, pdf)
                    written.append(pdf)
    return written
