"""Our changes to what Material ships, made in the built site after each build.

Checked against mkdocs-material 9.7.7, 9.8.0, 9.8.1 and 9.8.2 (each text below found once in each),
the versions ``pyproject.toml`` allows; ``requirements.lock`` installs 9.7.7 on Python 3.10 and 9.8.2
from 3.11. Each patch replaces an exact byte string once, in the built site only (never the installed
package). A patch whose text is found neither as Material wrote it nor as we changed it returns False,
the adapter logs a warning naming this file, and ``mkdocs build --strict`` (``make site``, the tests)
fails instead of shipping a worse search.

What we patch, and where it comes from in Material's source (the path in the source map's ``sources``):

- ``_BROKEN`` → ``_FIXED``, in ``assets/javascripts/workers/search.*.min.js``, from
  ``integrations/search/query/segment/index.ts`` (``segment``): Material segments a Chinese query
  greedily into tokens known to the index, but its inner loop (``j < query.length``) stops one character
  short and never tries the whole query, so 党费 was searched as 党 (every word starting with 党).
  ``<=`` lets the whole word match.
- ``_HANDLER``, same file, from ``integrations/search/worker/main/index.ts``
  (``postMessage(await handler(ev.data))``): when the index is written in parts (``split.py``), the
  worker's messages go through ``assets/search-split.js``, appended to the worker.
- ``_LAZY``, in ``assets/javascripts/bundle.*.min.js``: fetch the search index when the search is first
  opened, not on every page. From ``browser/worker/index.ts`` (``watchWorker``, ``worker = new
  Worker(url)``: a stand-in starts the worker with the first message it forwards),
  ``integrations/search/worker/_/index.ts`` (``setupSearchWorker``, ``of(location.protocol !==
  "file:")``: wait for the search toggle on the web as from ``file://``) and
  ``components/search/highlight/index.ts`` (``mountSearchHiglight``: ask for the index only on a page
  reached from a search result, ``?h=``).
- ``_POLYFILL``, same file, from ``browser/element/size/_/index.ts``
  (``watchScript("https://unpkg.com/resize-observer-polyfill")``): a stand-in for ResizeObserver instead
  of a request to another host.

Besides, ``write_index_utf8`` rewrites ``search/search_index.json`` as UTF-8 JSON, or, past
``split.SPLIT_ABOVE`` bytes, as parts by notice (``split.py``); ``write_joined_index`` writes the
index of a site built in shards the same way.

When Material is updated and a build warns that a patch no longer applies:

1. Get the new version's files: ``pip download --no-deps mkdocs-material==X`` and unzip
   ``material/templates/assets/javascripts/`` (``bundle.*.min.js``, ``workers/search.*.min.js`` and
   their ``.map``).
2. In the ``.map`` (JSON), find the source file named above in ``sources``; ``sourcesContent`` at the
   same index is its text. Is the code we change still there, and still as it was? If Material changed
   what it does (fixed the loop, fetches the index lazily itself), drop the patch instead.
3. Find its minified form: the minifier renames local names (``Mn``, ``Je``, ``Fe``, ``t``, ``o``…) but
   keeps strings, properties and globals, so search the ``.min.js`` for what the source line keeps
   (``.slice(``, ``postMessage(``, ``new Worker(``, ``location.protocol``, ``searchParams.get("h")``,
   ``resize-observer-polyfill``) and read the expression around it.
4. Write the new text here, the changed form with the same minified names. Every version the lock
   installs must still match (keep the old text beside the new, or raise the lower bound).
5. Run ``tests/site/test_search_index.py``, ``test_search_split.py``, ``test_browser.py`` and
   ``test_old_browser.py`` and ``make site``; then widen ``mkdocs-material`` in ``pyproject.toml`` to
   the versions checked and run ``make lock``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .split import SCRIPT, split_index

# Named in the warnings, for whoever has to follow a change of Material.
_HERE = "hooks/rectify/site/search/material_patches.py"
_SPLIT_FAILED = f"Material 的搜索程序已更新，整改公开分开下载搜索索引的修改没有生效；请检查 {_HERE}"
# The query loop (docstring): ``<`` never tries the whole query, ``<=`` does.
_BROKEN = b"for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
_FIXED = b"for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"
# A split index (split.py): the worker's messages go through search-split.js, appended to the worker.
_HANDLER = (b"postMessage(yield Fe(t.data))", b"postMessage(yield rectifySearch.handle(t.data,Fe))")
# Material's bundle fetches the search index on every page: its search (on the web; from file:// it
# already waits until the search is opened) and its highlighter (which needs it only on a page
# reached from a search result, ?h=...) ask for it at once. Both wait with these. And it starts the
# search worker (another file) on every page: a stand-in starts it with the first message it
# forwards, which is the index, sent when the search is first opened.
_LAZY_WORKER = (
    "{w:null,l:[],"
    "addEventListener(...a){this.w?this.w.addEventListener(...a):this.l.push(a)},"
    "removeEventListener(...a){this.w?this.w.removeEventListener(...a):this.l=this.l.filter(l=>l[1]!==a[1])},"
    "postMessage(m){if(!this.w){this.w=new Worker(e);for(let a of this.l)this.w.addEventListener(...a)}"
    "this.w.postMessage(m)}}"
)
_LAZY = (
    (b"function Mn(e,t=new Worker(e)){", f"function Mn(e,t={_LAZY_WORKER}){{".encode()),
    (
        b'L($(location.protocol!=="file:"),Je("search")).pipe(Re(o=>o),b(()=>t))',
        b'L($(!1),Je("search")).pipe(Re(o=>o),b(()=>t))',
    ),
    (
        b'return z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))]).pipe(m(([o,n])=>',
        b'return r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(n=>t.pipe(m(o=>[o,n])))).pipe(m(([o,n])=>',
    ),
)
# Without ResizeObserver (older 360/QQ engines, compatibility modes) Material's bundle loads a polyfill
# from unpkg.com: a request to another host, and nothing at all offline. A stand-in instead: it
# reports its elements when observed and when the window is resized, which is what Material's
# layout (header title, sidebars, tabs) needs of it.
_RESIZE_STAND_IN = (
    '(typeof ResizeObserver=="undefined"&&(window.ResizeObserver=class{'
    "constructor(c){this.c=c;this.s=new Set;this.f=()=>this.c([...this.s].map(t=>({target:t})));"
    'addEventListener("resize",this.f)}'
    "observe(t){this.s.add(t);setTimeout(this.f)}unobserve(t){this.s.delete(t)}"
    'disconnect(){this.s.clear();removeEventListener("resize",this.f)}}),$(void 0))'
)
_POLYFILL = (
    b'typeof ResizeObserver=="undefined"?_t("https://unpkg.com/resize-observer-polyfill"):$(void 0)',
    _RESIZE_STAND_IN.encode(),
)


def patch_built_site(site_dir: Path, notices: Sequence[str] = ()) -> list[str]:
    """Apply every fix to the site built in ``site_dir``; a message for each that Material's code no longer allows.

    ``notices``: the IDs of the site's notices, in site order, by which a large index is split (split.py).
    The adapter logs the messages as warnings, so ``--strict`` stops a build that would search worse.
    """
    failed = []
    if write_index_utf8(site_dir, notices) == "split" and not search_in_parts(site_dir):
        failed.append(_SPLIT_FAILED)
    if not fix_query_segmentation(site_dir):
        failed.append(f"Material 的搜索程序已更新，整改公开对中文搜索的修正没有生效；请检查 {_HERE}")
    if not load_index_lazily(site_dir):
        failed.append(f"Material 的页面脚本已更新，整改公开“打开搜索时才下载搜索索引”的修改没有生效；请检查 {_HERE}")
    if not _patch(sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js")), *_POLYFILL):
        failed.append(
            f"Material 的页面脚本已更新，整改公开“旧浏览器不从 unpkg.com 下载 ResizeObserver”的修改没有生效；请检查 {_HERE}"
        )
    return failed


def write_joined_index(site_dir: Path, data: dict[str, Any], notices: Sequence[str]) -> list[str]:
    """Write the index of a site built in shards (``data``: every page's entries, in a single build's
    order) as a single build writes it, whole or split; a message if the worker can no longer be patched."""
    index = site_dir / "search" / "search_index.json"
    if split_index(index, data, notices) and not search_in_parts(site_dir):
        return [_SPLIT_FAILED]
    return []


def fix_query_segmentation(site_dir: Path) -> bool:
    """Patch the search worker in ``site_dir``; False when the code was not found."""
    return _patch(sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js")), _BROKEN, _FIXED)


def load_index_lazily(site_dir: Path) -> bool:
    """Patch Material's bundle in ``site_dir`` to fetch the search index when a reader first opens the search.

    False when Material's code was not found (then the index is still fetched on every page).
    """
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    return all(_patch(bundles, eager, lazy) for eager, lazy in _LAZY)


def _patch(paths: list[Path], broken: bytes, fixed: bytes) -> bool:
    """Replace ``broken`` by ``fixed`` once in each of ``paths``; False when neither is in any."""
    found = False
    for path in paths:
        code = path.read_bytes()
        if fixed in code:
            found = True
        elif broken in code:
            path.write_bytes(code.replace(broken, fixed, 1))
            found = True
    return found


def write_index_utf8(site_dir: Path, notices: Sequence[str] = ()) -> str | None:
    """Rewrite Material's ``search/search_index.json`` with Chinese as UTF-8, not ``\\uXXXX`` escapes.

    The same JSON, a third smaller for Chinese text (3 bytes a character instead of 6): "whole"; or,
    when it is large, in parts by notice (split.py): "split". None when there is no index.
    """
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return None
    return "split" if split_index(index, json.loads(index.read_bytes()), notices) else "whole"


def search_in_parts(site_dir: Path) -> bool:
    """Append search-split.js to the search worker and route its messages through it; False when not found."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not _patch(workers, *_HANDLER):
        return False
    script = SCRIPT.read_bytes()
    for worker in workers:
        code = worker.read_bytes()
        if script not in code:
            # Before the source map's comment, which the offline bundle strips from the end of a file.
            end = code.rfind(b"\n//# sourceMappingURL=")
            end = len(code) if end < 0 else end
            worker.write_bytes(code[:end] + b"\n" + script + code[end:])
    return True
