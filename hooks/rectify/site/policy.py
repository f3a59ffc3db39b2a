"""What a page may load and run: its Content-Security-Policy and referrer policy, as meta elements.

A page loads only the site's own files ('self': the site's host on the web; from ``file://`` Chromium
counts every ``file:`` URL as 'self', so the offline bundle keeps working) and runs only the inline
scripts of the theme, each allowed by its SHA-256 hash. A script in the page's content is never
hashed, so one that slipped through the escaping of data would not run, nor one injected later.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from . import OFFLINE_SHIM

# Loaded into the offline search's frame in place of the shim's inline script (offline_shim).
OFFLINE_BOOT = Path(__file__).parent / "assets" / "iframe-worker-boot.js"

# Full referrer within the site (a portal's statistics follow its readers), none to other sites.
REFERRER = "same-origin"
# data: images are the icons Material's style sheet carries inline (CSS mask images).
POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_RUN = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta\s+charset\s*=[^>]*>", re.I)
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script a browser runs in ``html`` (not ``src=``, not JSON data)."""
    scripts = []
    for attributes, text in _SCRIPT.findall(html):
        kind = _TYPE.search(attributes)
        if re.search(r"\bsrc\s*=", attributes, re.I) or (kind and kind[1].lower() not in _RUN):
            continue
        scripts.append(text)
    return scripts


def script_hash(text: str) -> str:
    # The HTML parser turns CR LF into LF before the browser hashes a script.
    digest = hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy(scripts: list[str]) -> str:
    hashes = dict.fromkeys(script_hash(text) for text in scripts)
    return POLICY.format(hashes="".join(f" {h}" for h in hashes))


def policy_elements(scripts: list[str]) -> str:
    return (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(scripts)}">\n'
        f'<meta name="referrer" content="{REFERRER}">'
    )


def site_policy(pages: Iterable[str]) -> str:
    """One policy for all of ``pages`` (built, each with its own): what a portal may send as a header."""
    hashes = dict.fromkeys(h for page in pages for meta in _META.findall(page) for h in _HASH.findall(meta))
    return POLICY.format(hashes="".join(f" {h}" for h in hashes))


def with_policy(html: str, content: str = "") -> str:
    """``html`` with its policy right after its charset, before any script or style sheet.

    ``content`` is the page's own content (from the data or a hand-written page): scripts in it are not hashed.
    """
    theme = html.replace(content, "", 1) if content else html
    elements = policy_elements(inline_scripts(theme))
    charset = _CHARSET.search(html)
    if charset is None:
        return html.replace("<head>", f"<head>\n{elements}", 1)
    return f"{html[: charset.end()]}\n{elements}{html[charset.end() :]}"


# iframe-worker's shim runs the offline search in a frame it starts with an inline script, which the
# frame's policy (its page's) would block: the same code comes from a file beside it instead.
# In workers/: Material's search worker finds its lunr files from the frame's first script, up to /worker.
_SHIM_START = (
    '"use strict";(()=>{',
    '"use strict";(()=>{const B=new URL("workers/iframe-worker-boot.js",document.currentScript.src);',
)
_SHIM_INLINE = (
    '<script>postMessage=${c};importScripts=${d};addEventListener("error",({error})=>{parent.dispatchEvent('
    'new ErrorEvent("error",{filename:"${e}",error}))})<\\/script>',
    '<script src="${B}" data-worker="${e}"><\\/script>',
)


def offline_shim() -> str:
    """The vendored shim (rectify.site.OFFLINE_SHIM) with its frame's inline script from OFFLINE_BOOT beside it."""
    code = OFFLINE_SHIM.read_text(encoding="utf-8")
    for old, new in (_SHIM_START, _SHIM_INLINE):
        if code.count(old) != 1:
            raise ValueError(f"iframe-worker 的代码已改变，无法让离线版的搜索符合内容安全策略；请检查 {__name__}")
        code = code.replace(old, new)
    return code
