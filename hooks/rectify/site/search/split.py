"""The search index in parts, for a site too big to search from one file.

Material's search fetches one index of the whole site before its first answer: about 9 KB gzip per
notice, 9 MB at 1,000 notices. Past ``SPLIT_ABOVE`` bytes the index is written in parts instead:

- ``search/search_index.json`` keeps Material's ``config``, no entries, and ``config.split``: the
  version, the number of word buckets and each part with its gzip size, in site order;
- ``search/split/<notice-id>.js``: the index entries of one notice's pages (``_site.js``: the site's own);
- ``search/split/w<n>.js``: for the words whose first character's code point is ``n`` modulo the
  number of buckets, the notices that hold them (a query's characters name the buckets to load).

``assets/search-split.js``, appended to Material's search worker, loads for each query the buckets of
its characters, then the parts of the notices that hold its words (most words matched first, then in
site order) up to ``LOAD_BUDGET`` gzip bytes, and hands Material's worker those entries as its index.
Every file is a script (``rectifySearch.words(…)``/``docs(…)``) so that ``importScripts`` loads it on
the web and, through the iframe-worker shim, from ``file://`` alike.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# An index of more raw bytes than this is split: the seed's (about 90 KB) stays one file, as cheap as before.
SPLIT_ABOVE = 256 * 1024
# Raw bytes of word lists per bucket (a query loads one bucket per distinct character).
BUCKET_BYTES = 8 * 1024
# Gzip bytes of notices' entries one query loads at most (the first search's whole budget is 2 MB).
LOAD_BUDGET = 1536 * 1024
FOLDER = "split"
# The part of the site's own pages (no notice ID starts with "_").
OWN = "_site"
SCRIPT = Path(__file__).resolve().parent.parent / "assets" / "search-split.js"
_TAG = re.compile(r"<[^>]*>")
# lunr trims what is not a word character from both ends of a token.
_TRIM = re.compile(r"^\W+|\W+$")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def split_index(index: Path, data: dict[str, Any], notices: Sequence[str]) -> bool:
    """Write ``data`` (Material's index) as the parts above, beside ``index``; False when it is small enough whole."""
    whole = _json(data).encode("utf-8")
    if len(whole) <= SPLIT_ABOVE or not notices:
        index.write_bytes(whole)
        return False
    # The site's own pages (home, lists of notices, format, accessibility) are a part too, first.
    parts: dict[str, list[dict[str, Any]]] = {OWN: [], **{notice: [] for notice in notices}}
    for doc in data["docs"]:
        notice = doc["location"].split("/", 1)[0]
        parts[notice if notice in parts and "/" in doc["location"] else OWN].append(doc)
    kept = [name for name, docs in parts.items() if docs]
    files = {notice: f"rectifySearch.docs({_json(notice)},{_json(parts[notice])})" for notice in kept}
    words = _words(data["config"]["separator"], [parts[notice] for notice in kept])
    buckets = _buckets(words)
    files |= {f"w{n}": f"rectifySearch.words({n},{_json(bucket)})" for n, bucket in enumerate(buckets)}
    folder = index.parent / FOLDER
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.js").write_text(text, encoding="utf-8")
    version = hashlib.sha256("".join(files.values()).encode()).hexdigest()[:12]
    sizes = [[notice, len(gzip.compress(files[notice].encode(), 6))] for notice in kept]
    split = {"v": version, "buckets": len(buckets), "parts": sizes, "budget": LOAD_BUDGET}
    index.write_bytes(_json({"config": {**data["config"], "split": split}, "docs": []}).encode("utf-8"))
    return True


def _words(separator: str, parts: list[list[dict[str, Any]]]) -> dict[str, list[int]]:
    """Each word of the entries (as lunr splits and lowercases them) → the parts that hold it, in order."""
    split = re.compile(separator)
    found: dict[str, list[int]] = defaultdict(list)
    for number, docs in enumerate(parts):
        text = " ".join(f"{doc['title']} {doc['text']}" for doc in docs)
        for word in {_TRIM.sub("", w) for w in split.split(_TAG.sub(" ", text).lower())}:
            if word:
                found[word].append(number)
    return found


def _buckets(words: dict[str, list[int]]) -> list[dict[str, list[int]]]:
    """The words grouped by their first character's code point modulo the number of buckets; parts as gaps."""
    entries = {word: [b - a for a, b in zip([0, *numbers], numbers, strict=False)] for word, numbers in words.items()}
    size = sum(len(word) * 3 + 2 * len(gaps) + 4 for word, gaps in entries.items())
    count = max(1, math.ceil(size / BUCKET_BYTES))
    buckets: list[dict[str, list[int]]] = [{} for _ in range(count)]
    for word, gaps in sorted(entries.items()):
        buckets[ord(word[0]) % count][word] = gaps
    return buckets
