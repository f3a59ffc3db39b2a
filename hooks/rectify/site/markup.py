"""Turning data into safe page text: escaping, and line breaks between words.

Every string that comes from data reaches a page through ``md`` (Markdown
context) or ``html`` (inside raw HTML); nothing else inserts data text.
"""

from __future__ import annotations

import html as _html
import logging
import marshal
import os
import tempfile
from functools import cache

import jieba

jieba.setLogLevel(logging.WARNING)

# The characters Python-Markdown (with the tables extension) lets a backslash escape.
_MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|>"
# ``md`` in one pass: HTML's &, < and > as entities, then a backslash before every other
# special character (``>`` is an entity by then, and entities hold no special character).
_MD_TABLE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {c: "\\" + c for c in _MARKDOWN_SPECIALS if c != ">"}
)


def html(text: str) -> str:
    """Text shown literally inside raw HTML (elements and attribute values)."""
    return _html.escape(text, quote=True)


def md(text: str) -> str:
    """Text shown literally in Markdown: no markup, links or HTML take effect."""
    return text.translate(_MD_TABLE)


def md_words(text: str) -> str:
    """Like ``md``, with line breaks allowed only between words (``<wbr>``).

    With ``word-break: keep-all`` a long title then wraps between words, never
    inside one, and ``text-wrap: balance`` evens the lines.
    """
    return "<wbr>".join(md(word) for word in _words().cut(text, HMM=False))


def share_dictionary() -> None:
    """Load jieba's main dictionary once, for our word breaks and for Material's search.

    Call it before the search plugin adds its user words to jieba's global tokenizer
    (the adapter does, in its early ``on_config``): loading the dictionary was the largest
    fixed cost of a build, and it used to be loaded twice.
    """
    _words()


@cache
def _words() -> jieba.Tokenizer:
    # Our own tokenizer: the global one also carries the search dictionary,
    # and a page must not depend on what else ran in the process.
    words = jieba.Tokenizer()
    if not jieba.dt.initialized and jieba.dt.dictionary == words.dictionary:
        # The global tokenizer holds no user words before it is initialised (add_word
        # initialises first): load the main dictionary there, where the search needs it
        # anyway, and take a copy of it as it is now.
        load_dictionary(jieba.dt)
        words.FREQ, words.total, words.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    else:
        load_dictionary(words)
    return words


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
