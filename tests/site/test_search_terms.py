"""The jieba user dictionary made from the data keeps search terms whole."""

from __future__ import annotations

from pathlib import Path

import jieba
from conftest import DATA
from rectify.data.load import load_site
from rectify.site.search.terms import jieba_dictionary, search_terms


def test_terms_come_from_the_domain_the_quotes_and_the_keywords() -> None:
    (notice,) = load_site(DATA)
    terms = search_terms([notice])
    assert "坐收坐支" in terms  # domain vocabulary
    assert "凡提必核" in terms and "减上补下" in terms  # quoted in the notice: “…”
    assert "省总工会改革方案" in terms  # named in the notice: 《…》
    assert "回龙湾" in terms  # the notice's keywords
    assert len(terms) == len(set(terms))


def test_dictionary_makes_jieba_keep_the_words(tmp_path: Path) -> None:
    (notice,) = load_site(DATA)
    dictionary = tmp_path / "user.txt"
    dictionary.write_text(jieba_dictionary(search_terms([notice])), encoding="utf-8")
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(dictionary))
    for sentence, word in [
        ("立即停止坐收坐支资金使用", "坐收坐支"),
        ("伊春回龙湾劳模休养中心", "回龙湾"),
        ("做到凡提必核", "凡提必核"),
    ]:
        assert word in tokenizer.lcut(sentence), sentence
