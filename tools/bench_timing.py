"""A MkDocs hook for the benchmark: where a build's time goes, by phase.

``tools/benchmark.py`` adds it after our own hook in a temporary ``mkdocs.yml`` and
reads the seconds it writes, as JSON, to ``$RECTIFY_TIMING``: before the pages
(configuration, our ``load_site`` and generated files, navigation), Python-Markdown
(every page's ``on_pre_page`` to ``on_page_content``), Material's search indexing
(its ``on_page_context``), the templates (the rest of ``on_page_context`` to
``on_post_page``) and after the pages (``on_post_build``: the search index).
Each event is taken at the extreme priority, so that it encloses every plugin.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from typing import Any

from mkdocs.plugins import event_priority

_seconds: dict[str, float] = defaultdict(float)
_started: dict[str, float] = {}
FIRST, LAST = 10_000, -10_000


def _start(key: str) -> None:
    _started[key] = time.perf_counter()


def _stop(phase: str, key: str) -> None:
    _seconds[phase] += time.perf_counter() - _started.pop(key)


def _timed_search(event: Any) -> Any:
    def timed(*args: Any, **kwargs: Any) -> Any:
        _start("search")
        try:
            return event(*args, **kwargs)
        finally:
            _stop("search", "search")

    return timed


@event_priority(FIRST)
def on_config(config: Any) -> None:
    _seconds.clear()
    _start("before pages")
    search = config.plugins.get("material/search")
    events = config.plugins.events["page_context"]
    for index, event in enumerate(events):
        if search is not None and getattr(event, "__self__", None) is search:
            events[index] = _timed_search(event)


@event_priority(LAST)
def on_nav(nav: Any, config: Any, files: Any) -> None:
    _stop("before pages", "before pages")


@event_priority(FIRST)
def on_pre_page(page: Any, config: Any, files: Any) -> None:
    _start(page.file.src_uri)


@event_priority(LAST)
def on_page_content(html: str, page: Any, config: Any, files: Any) -> None:
    _stop("Markdown", page.file.src_uri)


@event_priority(FIRST)
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> None:
    _start(page.file.src_uri)


@event_priority(LAST)
def on_post_page(output: str, page: Any, config: Any) -> None:
    _stop("templates", page.file.src_uri)
    _start("after pages")


@event_priority(LAST)
def on_post_build(config: Any) -> None:
    _stop("after pages", "after pages")
    _seconds["templates"] -= _seconds["search"]  # the search plugin ran inside the templates' span
    with open(os.environ["RECTIFY_TIMING"], "w", encoding="utf-8") as out:
        json.dump(dict(_seconds), out)
