"""Chinese segmentation for the search index: remembered, and done ahead in a second process.

Material's search plugin calls ``jieba.cut`` for every run of Han characters of every
section. Whatever route an answer takes (segmented here, remembered, or segmented ahead
by the second process), it must be the words jieba itself gives.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import jieba
import pytest
from conftest import DATA
from rectify.data.load import load_site
from rectify.site.markup import share_dictionary
from rectify.site.render import site_pages
from rectify.site.search import fixes

pytestmark = pytest.mark.skipif(fixes.cores() < 2, reason="segmenting ahead needs a second core")


@pytest.fixture
def memo() -> Iterator[fixes._MemoCut]:
    share_dictionary()  # as the adapter does before the search plugin sets jieba up
    fixes.memoize_segmentation()
    assert isinstance(jieba.cut, fixes._MemoCut)
    yield jieba.cut
    fixes.stop_segmenting()


def _answers(memo: fixes._MemoCut) -> None:
    deadline = time.monotonic() + 120
    while memo.answers is not None and time.monotonic() < deadline:
        memo._receive()
        time.sleep(0.02)
    assert memo.answers is None, "the second process sent nothing within two minutes"


def test_segments_from_the_second_process_are_jiebas_own(memo: fixes._MemoCut) -> None:
    pages = list(site_pages(load_site(DATA)).values())
    fixes.segment_ahead(pages, None)
    _answers(memo)
    assert memo.ahead_state == fixes._dictionary_state()
    # The seed's own words, and a title whose words <wbr> separates in the Markdown.
    assert {"坐收坐支", "中共黑龙江省总工会党组关于巡视整改情况的通报"} <= memo.ahead.keys()
    assert len(memo.ahead) > 500
    misses = memo.words.cache_info().misses
    for run in memo.ahead:
        # Material passes each run as UTF-8 bytes.
        assert list(jieba.cut(run.encode("utf-8"))) == list(memo.cut(run)), run
    assert memo.words.cache_info().misses == misses  # every answer came from the second process


def test_a_failed_second_process_changes_nothing(memo: fixes._MemoCut) -> None:
    fixes.segment_ahead(["整改落实情况"], None)
    assert memo.worker is not None
    memo.worker.kill()
    _answers(memo)
    assert list(jieba.cut("整改落实情况".encode())) == list(memo.cut("整改落实情况"))
