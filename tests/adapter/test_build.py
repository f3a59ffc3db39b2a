"""End-to-end: a real ``mkdocs build --strict`` and assertions on the built HTML."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import DATA, ROOT, SEED_ID, SEED_TEXT, mkdocs_build
from mkdocs.utils.yaml import yaml_load

Edit = Callable[[str, str, str], Path]

NUMERALS = "一二三四五六七八九十"
PHONE_HREF = "tel:045153643345"
EMAIL_HREF = "mailto:dbswxsz@163.com"
ADDRESS = "哈尔滨市南岗区阿什河街9号，黑龙江省总工会机关党委"
ISSUER = "中共黑龙江省总工会党组"
SIGNED = "2017年3月27日"


# --- expectations, read straight from the data files ---------------------------


@dataclass(frozen=True)
class Finding:
    id: str
    number: int
    category_id: str
    category_label: str
    problem: str
    measures: int
    status: str
    responsible: str | None
    deadline: str | None


def _categories() -> list[dict[str, Any]]:
    return yaml.safe_load((DATA / SEED_ID / "findings.yml").read_text(encoding="utf-8"))["categories"]


def _findings() -> list[Finding]:
    found: list[Finding] = []
    for c_index, category in enumerate(_categories()):
        for item in category.get("findings", []):
            found.append(
                Finding(
                    id=item["id"],
                    number=len(found) + 1,
                    category_id=category["id"],
                    category_label=f"（{NUMERALS[c_index]}）{category['short']}",
                    problem=" ".join(item["problem"].split()),
                    measures=len(item["measures"]),
                    status=item["status"],
                    responsible=item.get("responsible"),
                    deadline=item.get("deadline"),
                )
            )
    return found


CATEGORY_IDS: list[str] = [c["id"] for c in _categories()]
CATEGORY_SHORTS: list[str] = [c["short"] for c in _categories()]
FINDINGS = _findings()
LONG_TERM = {"union-reform", "joint-meeting", "idle-flats"}
# Every page of a notice lives under its ID.
N = f"{SEED_ID}/"


# --- helpers -------------------------------------------------------------------


@cache
def _soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def page_file(site: Path, url: str) -> Path:
    """The file served for a site-relative URL such as ``notice/`` or ``""``."""
    return site / url / "index.html" if url == "" or url.endswith("/") else site / url


def page(site: Path, url: str) -> BeautifulSoup:
    return _soup(page_file(site, url))


def article(site: Path, url: str) -> Tag:
    content = page(site, url).select_one("article")
    assert content is not None, f"{url}: no <article>"
    return content


def resolve(site: Path, url: str, href: str) -> tuple[Path, str]:
    """The file and fragment that a (relative) ``href`` on page ``url`` points to."""
    target = urlsplit(urljoin(f"http://site.invalid/{url}", href))
    return page_file(site, unquote(target.path).lstrip("/")), target.fragment


def text_of(element: Tag) -> str:
    return " ".join(element.get_text().split())


def normalise(text: str) -> str:
    """Fold full/half-width forms and drop all whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def link_to(element: Tag, site: Path, url: str, target: Path) -> Tag | None:
    """The first link inside ``element`` that resolves to the file ``target``."""
    for anchor in element.find_all("a", href=True):
        if resolve(site, url, anchor["href"])[0] == target:
            return anchor
    return None


def quoted(text: str) -> str:
    """A YAML scalar for any text (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


# --- the shipped site ----------------------------------------------------------


def test_every_page_exists(built_site: Path) -> None:
    pages = ["", f"{N}notice/", f"{N}findings/", f"{N}contact/", "format/"]
    pages += [f"{N}categories/{c}/" for c in CATEGORY_IDS]
    pages += [f"{N}findings/{f.id}/" for f in FINDINGS]
    missing = [url for url in pages if not page_file(built_site, url).is_file()]
    assert not missing
    assert len(FINDINGS) == 19 and len(CATEGORY_IDS) == 4
    assert len(list((built_site / SEED_ID / "findings").glob("*/index.html"))) == 19


def test_notice_is_the_signed_text_character_for_character(built_site: Path) -> None:
    """Not one character added, dropped or re-punctuated (电话：0451-53643345. keeps its ASCII
    full stop): every paragraph of the page is a line of the seed, title and signature included."""
    body = page(built_site, f"{N}notice/").select_one("div.notice-text")
    assert body is not None
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()[2:48]
    expected = [lines[0] + lines[1], *lines[2:]]
    actual = [element.get_text() for element in body.find_all(["h1", "h2", "h3", "h4", "p"])]
    assert actual == expected


def test_notice_heading_levels(built_site: Path) -> None:
    """一、 headings are h2, standalone （一） headings and categories h3; a finding's paragraph carries
    its anchor and links its quoted problem to the finding's page, run in as the text writes it."""
    body = page(built_site, f"{N}notice/").select_one("div.notice-text")
    assert body is not None
    sections = [text_of(h) for h in body.find_all("h2")]
    assert [s[:2] for s in sections] == ["一、", "二、", "三、"]
    assert [h.get("id") for h in body.find_all("h2")] == ["part-1", "part-2", "part-3"]
    assert [h.get("id") for h in body.find_all("h3")] == [f"category-{c}" for c in CATEGORY_IDS]
    assert [p.get("id") for p in body.select("p[id^=part-]")] == ["part-1-1", "part-1-2", "part-1-3"]
    for finding in FINDINGS:
        paragraph = body.find(id=f"finding-{finding.id}")
        assert paragraph is not None and paragraph.name == "p", finding.id
        anchor = link_to(paragraph, built_site, f"{N}notice/", page_file(built_site, f"{N}findings/{finding.id}/"))
        assert anchor is not None and text_of(anchor).startswith(f"{finding.number}.针对“{finding.problem}”")
        assert text_of(paragraph).startswith(text_of(anchor)) and text_of(paragraph) != text_of(anchor)


@pytest.mark.parametrize("finding", FINDINGS, ids=[f.id for f in FINDINGS])
def test_finding_page(built_site: Path, finding: Finding) -> None:
    url = f"{N}findings/{finding.id}/"
    content = article(built_site, url)

    category = link_to(content, built_site, url, page_file(built_site, f"{N}categories/{finding.category_id}/"))
    assert category is not None and text_of(category) == finding.category_label

    quote = content.find("blockquote")
    assert quote is not None and text_of(quote) == finding.problem

    measures = content.find("h2", string="整改措施")
    assert measures is not None
    listed = measures.find_next_sibling("ul")
    assert listed is not None and len(listed.find_all("li")) == finding.measures

    status = content.select_one("p.finding-status")
    assert status is not None and finding.status in text_of(status)
    facts = text_of(content.find("ul"))
    for label, value in (("整改责任人", finding.responsible), ("完成时限", finding.deadline)):
        assert (f"{label}：{value}" in facts) if value else (label not in facts)


@pytest.mark.parametrize("finding_id", sorted(LONG_TERM))
def test_long_term_findings_show_person_and_deadline(built_site: Path, finding_id: str) -> None:
    finding = next(f for f in FINDINGS if f.id == finding_id)
    text = text_of(article(built_site, f"{N}findings/{finding_id}/"))
    assert "长期整改" in text and f"整改责任人：{finding.responsible}" in text and "完成时限：2017年底前" in text


@pytest.mark.parametrize("finding", FINDINGS, ids=[f.id for f in FINDINGS])
def test_finding_page_links(built_site: Path, finding: Finding) -> None:
    url = f"{N}findings/{finding.id}/"
    content = article(built_site, url)
    pager = content.select_one("nav.finding-pager")
    assert pager is not None
    index = finding.number - 1
    for label, neighbour in (("上一个问题", index - 1), ("下一个问题", index + 1)):
        item = next((li for li in pager.find_all("li") if text_of(li).startswith(label)), None)
        if 0 <= neighbour < len(FINDINGS):
            target = page_file(built_site, f"{N}findings/{FINDINGS[neighbour].id}/")
            assert item is not None and link_to(item, built_site, url, target), label
        else:
            assert item is None, f"{finding.id} should have no {label}"

    back = content.find("a", href=re.compile(rf"#finding-{re.escape(finding.id)}$"))
    assert back is not None
    file, anchor = resolve(built_site, url, back["href"])
    assert file == page_file(built_site, f"{N}notice/")
    assert page(built_site, f"{N}notice/").find(id=anchor) is not None

    assert content.select_one(f'a[href="{PHONE_HREF}"]') and content.select_one(f'a[href="{EMAIL_HREF}"]')


def test_contact_page(built_site: Path) -> None:
    content = article(built_site, f"{N}contact/")
    assert content.select_one(f'a[href="{PHONE_HREF}"]') is not None
    assert content.select_one(f'a[href="{EMAIL_HREF}"]') is not None
    text = text_of(content)
    assert ADDRESS in text and ISSUER in text and SIGNED in text


def test_home_page_figures_and_categories(built_site: Path) -> None:
    content = article(built_site, "")
    values = [text_of(v) for v in content.select(".figures__value")]
    assert values == ["19个", "16个", "3个", "84.2%"]
    # The categories' table is the one headed 问题分类 (the statuses' table comes first).
    table = next(t for t in content.select("table") if text_of(t.find("th")) == "问题分类")
    rows = table.select("tbody tr")
    assert [text_of(row.find("td")) for row in rows] == [
        f"（{NUMERALS[i]}）{short}" for i, short in enumerate(CATEGORY_SHORTS)
    ]


def test_findings_index(built_site: Path) -> None:
    content = article(built_site, f"{N}findings/")
    table = content.find("table")
    assert table is not None
    assert len(table.select("tbody tr")) == 19
    header = table.select("thead tr > *")
    assert header and all(cell.name == "th" for cell in header)
    form = content.select_one("form.findings-filter")
    assert form is not None
    assert form.select_one('select[name="status"]') is not None
    categories = form.select_one('select[name="category"]')
    assert categories is not None
    assert [o["value"] for o in categories.find_all("option") if o["value"]] == CATEGORY_SHORTS


def _first_party_hosts() -> set[str]:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as config:
        site_url = yaml_load(config).get("site_url") or ""  # MkDocs' loader knows !ENV
    host = urlsplit(site_url).hostname
    return {host} if host else set()


def test_no_third_party_resources_and_chinese_lang(built_site: Path) -> None:
    allowed = _first_party_hosts()
    offending = []
    for file in sorted(built_site.rglob("*.html")):
        soup = _soup(file)
        lang = soup.html.get("lang", "") if soup.html else ""
        assert str(lang).startswith("zh"), f"{file}: lang={lang!r}"
        for element in soup.find_all(["script", "link", "img"]):
            for attribute in ("src", "href"):
                target = urlsplit(str(element.get(attribute, "")))
                remote = target.scheme in ("http", "https") or (not target.scheme and target.netloc)
                if remote and target.hostname not in allowed:
                    offending.append(f"{file.relative_to(built_site)}: <{element.name} {attribute}={target.geturl()}>")
    assert not offending


def test_search_leaves_out_what_every_page_repeats(built_site: Path) -> None:
    """Menus, pagers and the contact channels under each finding are not indexed; the findings are,
    once each: on their own pages, not again in the notice."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    notice = [doc["location"] for doc in docs if doc["location"].startswith(f"{N}notice/")]
    assert f"{N}notice/#part-1" in notice and not [location for location in notice if "#finding-" in location]
    findings = [
        doc for doc in docs if doc["location"].startswith(f"{N}findings/") and doc["location"] != f"{N}findings/"
    ]
    indexed = " ".join(doc["title"] + " " + doc["text"] for doc in findings).replace("\u200b", "")
    for repeated in ("上一个问题", "下一个问题", "返回问题清单", "打印", "对这个问题的整改有意见建议", "0451-53643345"):
        assert repeated not in indexed, repeated
    assert "坐收坐支" in indexed and "整改措施" in indexed
    contact = " ".join(doc["text"] for doc in docs if doc["location"].startswith(f"{N}contact/"))
    assert "0451-53643345" in contact.replace("\u200b", "")


# --- builds of edited data -----------------------------------------------------

HOSTILE = "<script>alert(1)</script> *星号* #井号 [x](y) _下划线_"
LITERALS = ("<script>alert(1)</script>", "*星号*", "#井号", "[x](y)")
QUOTE_BREAKOUT = '党费"><img src=x onerror=alert(2)>缴纳'
# (field, whole original value) in findings.yml; HOSTILE is put in front of each.
HOSTILE_FIELDS = (
    ("short", "事业费支出占比过高"),
    ("problem", "近年来，省总工会事业费支出占60%左右"),
    ("- ", "加强预算管理，严格控制事业费支出。"),
    ("short", "党风廉政建设和反腐败"),
    ("title", "在加强党风廉政建设和反腐败方面，存在履行主体责任不到位问题。"),
)


def _build_hostile(edit: Edit, data_copy: Path, site: Path) -> str:
    """Build data whose texts look like HTML and Markdown; returns the build output."""
    for key, value in HOSTILE_FIELDS:
        prefix = key if key == "- " else f"{key}: "
        edit("findings.yml", f"{prefix}{value}\n", f"{prefix}{quoted(HOSTILE + value)}\n")
    edit("findings.yml", "problem: 党费缴纳普遍存在标准不一致、不足额", f"problem: {quoted(QUOTE_BREAKOUT)}")
    # The signed text says the same: the notice page shows text.txt, the other pages the data.
    for key, value in HOSTILE_FIELDS:
        if key != "short":
            edit("text.txt", value, HOSTILE + value)
    edit("text.txt", "党费缴纳普遍存在标准不一致、不足额", QUOTE_BREAKOUT)
    result = mkdocs_build(site, data_copy)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_data_text_shows_literally(edit: Edit, data_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build_hostile(edit, data_copy, site)
    for url in (f"{N}findings/business-spending/", f"{N}notice/", f"{N}categories/clean-governance/"):
        shown = article(site, url).get_text()
        missing = [literal for literal in LITERALS if literal not in shown]
        assert not missing, f"{url}: not shown literally: {missing}"
    assert QUOTE_BREAKOUT in article(site, f"{N}findings/party-dues/").get_text()


def test_data_text_injects_no_markup(edit: Edit, data_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build_hostile(edit, data_copy, site)
    injected = []
    for file in sorted(site.rglob("*.html")):
        soup = _soup(file)
        injected += [f"{file.relative_to(site)}: {s}" for s in soup.find_all("script") if "alert" in s.get_text()]
        injected += [f"{file.relative_to(site)}: {e}" for e in soup.find_all(onerror=True)]
    assert not injected, "\n".join(injected[:10])
    description = page(site, f"{N}findings/party-dues/").find("meta", attrs={"name": "description"})
    assert description is not None and description["content"] == QUOTE_BREAKOUT


def test_data_error_fails_build_with_located_message(edit: Edit, data_copy: Path, tmp_path: Path) -> None:
    path = edit("findings.yml", "status: 已完成", "status: 已完毕")
    line = path.read_text(encoding="utf-8").splitlines().index("        status: 已完毕") + 1
    result = mkdocs_build(tmp_path / "site", data_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"findings.yml:{line}" in output, output
    assert "categories[1].findings[3].status" in output and "不是可选的值" in output, output
    assert "数据检查未通过" in output and "Traceback" not in output, output


def test_shipped_data_builds_without_warnings(tmp_path: Path) -> None:
    result = mkdocs_build(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if "WARNING" in line]
    assert not warnings


def test_the_maintainers_notes_are_not_published(built_site: Path) -> None:
    """docs/maintainers/ (figures measured, decisions) lies in MkDocs' docs_dir but is not for readers."""
    notes = sorted(path.stem for path in (ROOT / "docs" / "maintainers").glob("*.md"))
    assert "benchmark" in notes and "decisions" in notes
    assert not (built_site / "maintainers").exists()
    for name in ("sitemap.xml", "search/search_index.json"):
        assert "maintainers" not in (built_site / name).read_text(encoding="utf-8"), name


def test_format_page_lists_every_schema_field(built_site: Path) -> None:
    text = (built_site / "format" / "index.html").read_text(encoding="utf-8")
    for field in ("inspection.feedback", "figures", "contact.email", "categories[].findings[].status"):
        assert f"<code>{field}</code>" in text, field
    assert "基本完成（持续整改）" in text


def test_a_warning_fails_the_build_and_keeps_the_last_site(tmp_path: Path) -> None:
    """`make site` is strict for real: a broken link in a page stops it, and site/ stays as it was."""
    import shutil
    import subprocess

    project = tmp_path / "project"
    for name in ("docs", "data", "mkdocs.yml", "Makefile", "pyproject.toml", "requirements.lock"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy(source, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    (project / "hooks").symlink_to(ROOT / "hooks")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("上一次的网站", encoding="utf-8")
    page = project / "docs" / "format.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[不存在的页面](missing.md)\n", encoding="utf-8")
    result = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "site"], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "RECTIFY_DATA": str(project / "data")})  # fmt: skip
    assert result.returncode != 0
    assert "missing.md" in result.stdout + result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "上一次的网站"
