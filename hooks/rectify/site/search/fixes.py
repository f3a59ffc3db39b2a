"""Fixes for Material's Chinese search: one applied to the built site, one to the build.

Material's search worker segments a Chinese query greedily into tokens known
to the index, but its inner loop stops one character short and never tries
the whole query: 党费 is searched as 党 (every word starting with 党) when 党
alone is also an index token. Widening the loop by one character lets the
whole word match. The fix is exact-text and checked: if Material's code
changes, the build says so instead of silently searching worse.

Material writes the search index with every Chinese character as a ``\\uXXXX``
escape and fetches it on every page, whether the reader searches or not.
``write_index_utf8`` rewrites it as UTF-8, and ``load_index_lazily`` makes
Material's bundle fetch it when the search is first opened (checked the same
way).

Material segments the index with ``jieba.cut`` for every run of Chinese
characters of every section of every page. Our pages repeat most of their text
(a finding's words are on its own page, in the notice and on the print page),
so ``memoize_segmentation`` lets each distinct run be segmented once: the
index comes out byte for byte the same, in about half the time. And while
MkDocs turns Markdown into HTML, ``segment_ahead`` has a second process
segment the runs of the generated pages, on a second processor core; when its
answers arrive, they replace segmenting them on the way.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import jieba
import jieba.finalseg
from backrefs import bre

from ..markup import load_dictionary
from .split import SCRIPT, split_index

# Material's search runs jieba for Chinese; its start-up chatter is not for users.
logging.getLogger("jieba").setLevel(logging.WARNING)

# Named in the warnings, for whoever has to follow a change of Material.
_HERE = "hooks/rectify/site/search/fixes.py"
_SPLIT_FAILED = f"Material 的搜索程序已更新，整改公开分开下载搜索索引的修改没有生效；请检查 {_HERE}"
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
# Distinct runs kept: a notice's pages are built one after another, so its repeats are near.
MEMO_SIZE = 1 << 15
# What Material segments: runs of Han characters in a section's text (its ``_segment_chinese``).
_HAN = bre.compile(r"\p{script: Han}+", bre.UNICODE)
_TAG = re.compile(r"<[^>]*>")
_JOIN = "\u200b"
# Waiting answers are looked for every so many calls: a look is a system call.
_LOOK_EVERY = 64


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


def _dictionary_state() -> tuple[object, ...]:
    # Adding or deleting a word changes the total, the number of entries or the forced splits.
    dictionary = jieba.dt
    return dictionary.dictionary, dictionary.total, len(dictionary.FREQ), len(jieba.finalseg.Force_Split_Words)


class _MemoCut:
    """``jieba.cut`` that remembers its answers while jieba's dictionary stays the same."""

    def __init__(self, cut: Callable[..., Iterator[str]]) -> None:
        self.cut = cut
        self.words = lru_cache(maxsize=MEMO_SIZE)(self._words)
        # Answers from the second process: run -> its words joined, for the dictionary state it had.
        self.ahead: dict[str, str] = {}
        self.ahead_state: tuple[object, ...] | None = None
        self.worker: BaseProcess | None = None
        self.answers: Connection | None = None
        self.calls = 0

    def _words(
        self, sentence: str | bytes, cut_all: bool, hmm: bool, use_paddle: bool, state: object
    ) -> tuple[str, ...]:
        return tuple(self.cut(sentence, cut_all, hmm, use_paddle))

    def __call__(
        self, sentence: str | bytes, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False
    ) -> Iterator[str]:
        state = _dictionary_state()
        self.calls += 1
        if self.answers is not None and self.calls % _LOOK_EVERY == 1:
            self._receive()
        if state == self.ahead_state and HMM and not cut_all and not use_paddle:
            run = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
            words = self.ahead.get(run)
            if words is not None:
                return iter(words.split(_JOIN))
        return iter(self.words(sentence, cut_all, HMM, use_paddle, state))

    def segment_ahead(self, texts: Iterable[str], user_dictionary: str | None) -> None:
        self.stop()
        # A forked copy starts at once with jieba as it is here; a process with other threads
        # (mkdocs serve) must not fork, and starts a fresh interpreter instead.
        method = "fork" if threading.active_count() == 1 and hasattr(os, "fork") else "spawn"
        context = multiprocessing.get_context(method)
        self.answers, sender = context.Pipe(duplex=False)
        arguments = (list(texts), jieba.dt.dictionary, user_dictionary, sender)
        self.worker = context.Process(target=_segment, args=arguments, daemon=True)
        self.worker.start()
        sender.close()

    def _receive(self) -> None:
        assert self.answers is not None
        if not self.answers.poll():
            return
        # If the second process failed, segmenting here, as without it, is still right.
        with contextlib.suppress(EOFError, OSError):
            self.ahead_state, self.ahead = self.answers.recv()
        self.stop()

    def stop(self) -> None:
        """End the second process and close its pipe (its answers, if any, are kept)."""
        if self.worker is not None:
            self.worker.terminate()
            self.worker.join()
            self.worker.close()
            self.worker = None
        if self.answers is not None:
            self.answers.close()
            self.answers = None


def _segment(texts: list[str], dictionary: str, user_dictionary: str | None, answers: Connection) -> None:
    """In the second process: segment every Chinese run of ``texts``, send the words.

    A fresh interpreter first sets jieba up as the search plugin did; a forked copy has it already.
    The build ends this process when it is done with it (Ctrl+C included): it never reports its end.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not jieba.dt.initialized:
        jieba.setLogLevel(logging.WARNING)
        if dictionary != jieba.DEFAULT_DICT:
            jieba.set_dictionary(dictionary)
        load_dictionary(jieba.dt)
        if user_dictionary:
            jieba.load_userdict(user_dictionary)
    cut = jieba.cut.cut if isinstance(jieba.cut, _MemoCut) else jieba.cut
    runs = dict.fromkeys(run for text in texts for run in _HAN.findall(_TAG.sub("", text)))
    with contextlib.suppress(OSError):  # the build has ended (BrokenPipeError): nobody to answer
        answers.send((_dictionary_state(), {run: _JOIN.join(cut(run)) for run in runs}))
        answers.close()


def memoize_segmentation() -> None:
    """Make ``jieba.cut``, which Material's search plugin calls, remember its answers."""
    if not isinstance(jieba.cut, _MemoCut):
        jieba.cut = _MemoCut(jieba.cut)


def cores() -> int:
    """Processor cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def segment_ahead(texts: Iterable[str], user_dictionary: str | None) -> None:
    """Segment the Chinese runs of ``texts`` in a second process, if there is a second core to run it."""
    if isinstance(jieba.cut, _MemoCut) and cores() > 1:
        jieba.cut.segment_ahead(texts, user_dictionary)


def stop_segmenting() -> None:
    """End the second process, if one is still running (the build has ended or failed)."""
    if isinstance(jieba.cut, _MemoCut):
        jieba.cut.stop()
