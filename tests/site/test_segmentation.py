"""Chinese segmentation for the search index, remembered (rectify.site.segmentation).

Material's search plugin calls ``jieba.cut`` for every run of Han characters of every
section. An answer from the memo must be the words jieba itself gives, with the
dictionary jieba has at the time.
"""

from __future__ import annotations

import re

import jieba
import pytest
from conftest import DATA
from rectify.data.load import load_site
from rectify.site import segmentation
from rectify.site.render import site_pages


@pytest.fixture
def memo() -> segmentation._MemoCut:
    segmentation.share_dictionary()  # as the adapter does before the search plugin sets jieba up
    segmentation.memoize_segmentation()
    assert isinstance(jieba.cut, segmentation._MemoCut)
    return jieba.cut


def test_remembered_words_are_jiebas_own(memo: segmentation._MemoCut) -> None:
    pages = "\n".join(site_pages(load_site(DATA)).values())
    runs = list(dict.fromkeys(re.findall(r"[\u4e00-\u9fff]+", pages)))
    assert len(runs) > 500 and "坐收坐支" in pages
    for run in runs:
        # Material passes each run as UTF-8 bytes.
        assert list(jieba.cut(run.encode("utf-8"))) == list(memo.cut(run.encode("utf-8"))), run
    hits = memo.words.cache_info().hits
    again = [list(jieba.cut(run.encode("utf-8"))) for run in runs]
    assert memo.words.cache_info().hits == hits + len(runs)  # the second time, every answer is remembered
    assert again == [list(memo.cut(run.encode("utf-8"))) for run in runs]


def test_a_word_added_to_jieba_is_not_answered_from_memory(memo: segmentation._MemoCut) -> None:
    sentence, word = "推行蓝鲸整改法", "蓝鲸整改法"
    assert word not in list(jieba.cut(sentence))
    jieba.add_word(word, 100000)
    try:
        assert word in list(jieba.cut(sentence))
    finally:
        jieba.del_word(word)
    assert word not in list(jieba.cut(sentence))
