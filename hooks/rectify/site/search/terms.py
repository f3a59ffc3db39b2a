"""Words the Chinese search must keep whole, as a jieba user dictionary.

Material segments the search index with jieba; a term jieba does not know
(坐收坐支, 凡提必核, 回龙湾) is cut into pieces and a reader typing the whole
term finds nothing. We add the domain's vocabulary, the terms a notice quotes
(“三重一大”) or names (《…》), and the notice's own ``keywords``. A term every
site needs goes in ``DOMAIN_TERMS``; a term of one notice, in its ``keywords``.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from rectify.data.model import Notice

# Terms of Party inspection and rectification work that readers search for.
# Opaque set phrases only: a compound of searchable words (党风廉政建设)
# would hide its parts (廉政) from a reader's search.
DOMAIN_TERMS = tuple(
    [
        "巡视",
        "巡察",
        "整改",
        "边巡边改",
        "立行立改",
        "专项巡视",
        "三重一大",
        "一岗双责",
        "两学一做",
        "三会一课",
        "四个意识",
        "四个自信",
        "两个维护",
        "三严三实",
        "八项规定",
        "九项规定",
        "四风",
        "六大纪律",
        "两个责任",
        "主体责任",
        "监督责任",
        "坐收坐支",
        "收支两条线",
        "三公经费",
        "凡提必核",
        "临时动议",
        "民主生活会",
        "组织生活会",
        "问题线索",
        "信访件",
        "诫勉",
        "回头看",
        "房改房",
        "联席会议",
        "党费",
        "换届",
    ]
)
# High enough that jieba keeps these words whole next to any common word.
FREQUENCY = 100000
_QUOTED = re.compile(r"[“\"‘']([\u4e00-\u9fff]{2,8})[”\"’']")
_TITLED = re.compile(r"《([^《》]{2,40})》")


def search_terms(notices: Iterable[Notice]) -> list[str]:
    """Every term to keep whole, in a stable order without repeats."""
    terms = list(DOMAIN_TERMS)
    for notice in notices:
        terms += [*notice.keywords, *_quoted_terms(_texts(notice))]
    return list(dict.fromkeys(terms))


def jieba_dictionary(terms: Iterable[str]) -> str:
    """The terms in jieba's user dictionary format: ``word frequency`` per line."""
    return "".join(f"{term} {FREQUENCY}\n" for term in terms if term and not any(c.isspace() for c in term))


def dictionary_file(notices: Iterable[Notice]) -> Path:
    """The notices' jieba user dictionary as a file (named by its content) that the search plugin can load."""
    content = jieba_dictionary(search_terms(notices))
    digest = hashlib.sha256(content.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / "rectify" / f"jieba-{digest}.txt"
    if not path.is_file():
        # Written aside, then renamed: a build running at the same time (mkdocs serve, the
        # tests) must never read a half-written dictionary, nor keep one after an interruption.
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as partial:
            partial.write(content)
        os.replace(partial.name, path)
    return path


def _quoted_terms(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        yield from _QUOTED.findall(text)
        yield from _TITLED.findall(text)


def _texts(notice: Notice) -> Iterator[str]:
    yield notice.title
    yield from notice.intro
    for section in notice.sections:
        yield from section.paragraphs
        for part in section.parts:
            yield from part.paragraphs
    for category in notice.categories:
        yield category.title
        yield from category.paragraphs
        for finding in category.findings:
            yield finding.problem
            yield from finding.measures
