"""The pure renderers: golden Markdown of the seed notice, and the text helpers.

Regenerate the golden files after an intended change with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/site/test_render.py`` and review the diff.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import replace
from datetime import date
from functools import cache

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import DATA, GOLDEN, SEED_ID
from rectify.data.chinese import chinese_date, chinese_number
from rectify.data.load import load_site
from rectify.data.model import Notice
from rectify.site.markup import html, md
from rectify.site.render import site_pages

GOLDEN_PAGES = (
    "notice.md",
    "findings/index.md",
    "findings/union-reform.md",
    "findings/idle-flats.md",
    "contact.md",
)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@cache
def seed_notice() -> Notice:
    (notice,) = load_site(DATA)
    return notice


# The build date the golden pages state deadlines as of (the seed's three 2017年底前 findings are overdue).
GOLDEN_DAY = date(2026, 12, 6)


@cache
def rendered() -> dict[str, str]:
    return site_pages([seed_notice()], built=GOLDEN_DAY)


def diff(expected: str, actual: str, name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"golden/{name}", "rendered"
    )
    return "".join(lines)


# --- golden pages --------------------------------------------------------------


@pytest.mark.parametrize("name", GOLDEN_PAGES)
def test_page_matches_golden(name: str) -> None:
    actual = rendered()[f"{SEED_ID}/{name}"]
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
    assert golden.is_file(), f"missing {golden}; run with UPDATE_GOLDEN=1 to create it"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, "rendered page differs from golden file:\n" + diff(expected, actual, name)


def test_site_has_every_page() -> None:
    notice = seed_notice()
    expected = {"index.md", "notice.md", "findings/index.md", "contact.md", "print.md"}
    expected |= {f"categories/{c.id}.md" for c in notice.categories}
    expected |= {f"findings/{f.id}.md" for f in notice.findings}
    # Every page of a notice lives under its ID; the site's own pages at the root.
    assert set(rendered()) == {f"{SEED_ID}/{path}" for path in expected} | {"index.md", "accessibility.md"}
    assert len(notice.findings) == 19


# --- text helpers --------------------------------------------------------------

MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|"  # ">" is covered by HTML escaping


@pytest.mark.parametrize("char", MARKDOWN_SPECIALS)
def test_md_escapes_markdown_special(char: str) -> None:
    assert md(f"a{char}b") == f"a\\{char}b"


def test_md_escapes_html_and_keeps_chinese() -> None:
    assert md("<script>&") == "&lt;script&gt;&amp;"
    assert md("> 引用") == "&gt; 引用"
    assert md("针对“问题”，（一）") == "针对“问题”，（一）"


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script> *星号* #井号 [x](y) _下划线_",
        "1. 不是列表",
        "- 不是列表",
        "# 不是标题",
        "> 不是引用",
        "`代码` **粗体** ![图](x.png) <http://example.com> &amp; \\ { #id }",
    ],
)
def test_md_text_renders_literally(text: str) -> None:
    rendered_html = markdown.markdown(md(text), extensions=["tables", "attr_list", "md_in_html"])
    soup = BeautifulSoup(rendered_html, "html.parser")
    assert soup.get_text() == text
    assert [tag.name for tag in soup.find_all()] == ["p"]


def test_html_escapes_quotes() -> None:
    assert html("\"'<>&") == "&quot;&#x27;&lt;&gt;&amp;"


@pytest.mark.parametrize(
    ("number", "words"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (23, "二十三"), (99, "九十九")],
)
def test_chinese_number(number: int, words: str) -> None:
    assert chinese_number(number) == words


def test_chinese_date() -> None:
    assert chinese_date(date(2017, 3, 27)) == "2017年3月27日"
    assert chinese_date(date(2016, 11, 9)) == "2016年11月9日"


def test_a_problem_the_signed_text_does_not_give_keeps_its_anchor() -> None:
    """Links from its own page still land on the notice (at the title); rectify check reports it."""
    notice = seed_notice()
    text = tuple(
        replace(line, text=line.text.replace("机关党委16年没有换届", "机关党委十六年没有换届")) for line in notice.text
    )
    page = site_pages([replace(notice, text=text)])[f"{SEED_ID}/notice.md"]
    title = next(line for line in page.splitlines() if line.startswith("# "))
    assert '<span id="finding-party-committee-election"></span>' in title
    assert "机关党委十六年没有换届" in page
