"""Fixes for Material's Chinese search: one applied to the built site, one to the build.

Material's search worker segments a Chinese query greedily into tokens known
to the index, but its inner loop stops one character short and never tries
the whole query: 党费 is searched as 党 (every word starting with 党) when 党
alone is also an index token. Widening the loop by one character lets the
whole word match. The fix is exact-text and checked: if Material's code
changes, the build says so instead of silently searching worse.

Material segments the index with ``jieba.cut`` for every run of Chinese
characters of every section of every page. Our pages repeat most of their text
(a finding's words are on its own page, in the notice and on the print page),
so ``memoize_segmentation`` lets each distinct run be segmented once: the
index comes out byte for byte the same, in about half the time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

import jieba
import jieba.finalseg

_BROKEN = b"for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
_FIXED = b"for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"
# Distinct runs kept: a notice's pages are built one after another, so its repeats are near.
MEMO_SIZE = 1 << 15


def fix_query_segmentation(site_dir: Path) -> bool:
    """Patch the search worker in ``site_dir``; False when the code was not found."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    found = False
    for worker in workers:
        code = worker.read_bytes()
        if _FIXED in code:
            found = True
        elif _BROKEN in code:
            worker.write_bytes(code.replace(_BROKEN, _FIXED, 1))
            found = True
    return found


class _MemoCut:
    """``jieba.cut`` that remembers its answers while jieba's dictionary stays the same."""

    def __init__(self, cut: Callable[..., Iterator[str]]) -> None:
        self.cut = cut
        self.words = lru_cache(maxsize=MEMO_SIZE)(self._words)

    def _words(
        self, sentence: str | bytes, cut_all: bool, hmm: bool, use_paddle: bool, state: object
    ) -> tuple[str, ...]:
        return tuple(self.cut(sentence, cut_all, hmm, use_paddle))

    def __call__(
        self, sentence: str | bytes, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False
    ) -> Iterator[str]:
        # Adding or deleting a word changes the total, the number of entries or the forced splits.
        dictionary = jieba.dt
        state = (dictionary.dictionary, dictionary.total, len(dictionary.FREQ), len(jieba.finalseg.Force_Split_Words))
        return iter(self.words(sentence, cut_all, HMM, use_paddle, state))


def memoize_segmentation() -> None:
    """Make ``jieba.cut``, which Material's search plugin calls, remember its answers."""
    if not isinstance(jieba.cut, _MemoCut):
        jieba.cut = _MemoCut(jieba.cut)
