"""Chinese words by jieba, set up once per build: our line breaks and Material's search index.

``words`` cuts a title into words (``markup.md_words`` allows a line break only between them).
``share_dictionary`` loads jieba's main dictionary once for both uses, faster than jieba does;
``memoize_segmentation`` makes ``jieba.cut``, which Material's search plugin calls for every
run of Chinese characters, remember its answers. No other module of ours imports jieba.
"""

from __future__ import annotations

import logging
import marshal
import os
import tempfile
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

import jieba
import jieba.finalseg

jieba.setLogLevel(logging.WARNING)

# Distinct runs kept: a notice's pages are built one after another, so its repeats are near.
MEMO_SIZE = 1 << 15


def words(text: str) -> Iterator[str]:
    """The words of ``text`` by jieba's main dictionary alone (no guesses of unknown words)."""
    return _tokenizer().cut(text, HMM=False)


def share_dictionary() -> None:
    """Load jieba's main dictionary once, for our word breaks and for Material's search.

    Call it before the search plugin adds its user words to jieba's global tokenizer
    (the adapter does, in its early ``on_config``): loading the dictionary was the largest
    fixed cost of a build, and it used to be loaded twice.
    """
    _tokenizer()


@cache
def _tokenizer() -> jieba.Tokenizer:
    # Our own tokenizer: the global one also carries the search dictionary,
    # and a page must not depend on what else ran in the process.
    tokenizer = jieba.Tokenizer()
    if not jieba.dt.initialized and jieba.dt.dictionary == tokenizer.dictionary:
        # The global tokenizer holds no user words before it is initialised (add_word
        # initialises first): load the main dictionary there, where the search needs it
        # anyway, and take a copy of it as it is now.
        load_dictionary(jieba.dt)
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    else:
        load_dictionary(tokenizer)
    return tokenizer


def load_dictionary(tokenizer: jieba.Tokenizer) -> None:
    """``tokenizer.initialize()``, about three times faster for jieba's own dictionary.

    jieba reads its dictionary cache with ``marshal.load`` from the open file, which reads
    it in small pieces (1.2 s on the benchmark machine); ``marshal.loads`` of the whole
    file gives the same dictionary in 0.35 s. Anything unusual is left to jieba itself.
    """
    if tokenizer.dictionary != jieba.DEFAULT_DICT or tokenizer.initialized:
        tokenizer.initialize()
        return
    # The file jieba itself reads and writes for its own dictionary (Tokenizer.initialize).
    cache_file = os.path.join(tokenizer.tmp_dir or tempfile.gettempdir(), tokenizer.cache_file or "jieba.cache")
    try:
        with open(cache_file, "rb") as cache:
            freq, total = marshal.loads(cache.read())
    except (OSError, ValueError, EOFError, TypeError):
        tokenizer.initialize()  # no cache yet, or a damaged one: jieba builds and writes it
        return
    if not isinstance(freq, dict) or not isinstance(total, int):
        tokenizer.initialize()
        return
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True


def _dictionary_state() -> tuple[object, ...]:
    # Adding or deleting a word changes the total, the number of entries or the forced splits.
    dictionary = jieba.dt
    return dictionary.dictionary, dictionary.total, len(dictionary.FREQ), len(jieba.finalseg.Force_Split_Words)


class _MemoCut:
    """``jieba.cut`` that remembers its answers while jieba's dictionary stays the same.

    Our pages repeat most of their text (a finding's words are on its own page and in the
    notice), so about 90 % of the search plugin's calls are repeats: the index comes out byte
    for byte the same, in about half the time.
    """

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
        return iter(self.words(sentence, cut_all, HMM, use_paddle, _dictionary_state()))


def memoize_segmentation() -> None:
    """Make ``jieba.cut``, which Material's search plugin calls, remember its answers."""
    if not isinstance(jieba.cut, _MemoCut):
        jieba.cut = _MemoCut(jieba.cut)
