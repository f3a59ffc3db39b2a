"""The printed notice in the official typefaces' stand-ins, embedded by name; the screen keeps its fonts.

Chromium itself is asked which fonts it used (DevTools ``CSS.getPlatformFontsForNode``), in print
media and on screen. Needs the fonts of ``make fonts``: without them the tests skip with the
install hint, unless ``RECTIFY_REQUIRE_TOOLS=1`` (CI), where missing fonts fail.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED_ID, missing_tools, mkdocs_build, require_tools
from rectify.output.fonts import install_hint, installed_fontconfig
from rectify.output.pdf import chromium, print_to_pdf

# Element of the notice → the face it must print in.
PRINTED_IN = {
    ".notice-text h1": "FandolSong-Bold",  # 小标宋 stand-in
    ".notice-text > p": "FandolFang-Regular",  # body: 仿宋
    ".notice-text h2": "FandolHei-Regular",  # 一、 headings: 黑体
    ".notice-text h3": "FandolKai-Regular",  # （一） headings: 楷体
    ".notice-signature span": "FandolFang-Regular",  # signer: 仿宋
    ".notice-signature span:last-child": "FandolFang-Regular",  # date: 仿宋
}


def require_fonts() -> None:
    require_tools("chromium", "pdffonts", "pdftotext")
    if installed_fontconfig() is None:
        message = f"没有安装打印用字体；{install_hint()}"
        missing_tools(["fonts"], message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_fonts()
    with chromium() as launched:
        yield launched


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    page = browser.new_page()
    yield page
    page.close()


def platform_fonts(tab: Any, site: Path, media: str) -> dict[str, dict[str, int]]:
    """Selector → {PostScript name → glyphs drawn in it} for the first element matching it, in ``media``.

    One DevTools session for all questions: a new session does not see Playwright's emulated media.
    """
    tab.goto((site / SEED_ID / "notice" / "index.html").as_uri())
    tab.emulate_media(media=media)
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    used = {}
    for selector in PRINTED_IN:
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, selector
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        used[selector] = {font["postScriptName"] or font["familyName"]: font["glyphCount"] for font in fonts}
    cdp.detach()
    return used


def test_print_uses_the_stand_ins_for_the_official_typefaces(tab: Any, built_site: Path) -> None:
    for selector, used in platform_fonts(tab, built_site, "print").items():
        assert list(used) == [PRINTED_IN[selector]], (selector, used)  # every glyph, digits and punctuation too


def test_the_screen_keeps_the_readers_fonts(tab: Any, built_site: Path) -> None:
    for selector, used in platform_fonts(tab, built_site, "screen").items():
        assert used and not [name for name in used if "Fandol" in name], (selector, used)
    # No font is fetched for a visitor: the stylesheets name no font file.
    for css in built_site.rglob("*.css"):
        assert not re.search(r"@font-face[^}]*url\(", css.read_text(encoding="utf-8")), css


def test_notice_pdf_embeds_every_font_by_name(browser: Any, built_site: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "notice.pdf"
    print_to_pdf(browser, built_site / SEED_ID / "notice" / "index.html", pdf)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert "Type 3" not in fonts, fonts
    names = {re.sub(r"^[A-Z]{6}\+", "", row.split()[0]) for row in rows}
    assert names == set(PRINTED_IN.values()) | {"FandolSong-Regular"}, fonts  # 宋体 for the page numbers
    assert all("CID TrueType" in row for row in rows), fonts
    # The text copies and searches as written: 一 is not the Kangxi radical ⼀ that shares its glyph.
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "中共黑龙江省总工会党组" in text and "一、高度重视" in text.replace(" ", "")
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]


def test_complete_pdf_has_no_type_3_font_either(browser: Any, built_site: Path, tmp_path: Path) -> None:
    """The notice, the list, every finding and the contact page: 宋体 and 黑体 stand-ins, DejaVu for ✓ and ↻."""
    pdf = tmp_path / "complete.pdf"
    print_to_pdf(browser, built_site / SEED_ID / "print" / "index.html", pdf)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Type 3" not in fonts, fonts
    assert all("CID TrueType" in row for row in fonts.splitlines()[2:]), fonts


def test_a_notice_of_a_site_of_many_prints_without_the_sites_menu(browser: Any, tmp_path: Path) -> None:
    """With several notices each notice page has a menu (全部通报 › …); paper starts at the title."""
    site = tmp_path / "site"
    result = mkdocs_build(site, ROOT / "examples" / "round-2024")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "notice.pdf"
    print_to_pdf(browser, site / "demo-county-finance-2024" / "notice" / "index.html", pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "全部通报" not in text and "›" not in text
    assert text.lstrip().startswith("中共示例县财政局党组")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Type 3" not in fonts, fonts


def glyph_box(tab: Any, selector: str) -> dict[str, float]:
    """The box of the text of an element (not of its block), in print media."""
    return tab.evaluate(
        """selector => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector(selector));
            const box = range.getBoundingClientRect();
            return {left: box.left, right: box.right};
        }""",
        selector,
    )


def signature_geometry(tab: Any, site: Path) -> tuple[dict[str, float], dict[str, float], float, float]:
    """Signer box, date box, the text block's right edge and the character width (px)."""
    tab.goto((site / SEED_ID / "notice" / "index.html").as_uri())
    tab.emulate_media(media="print")
    signer = glyph_box(tab, ".notice-signature span")
    date = glyph_box(tab, ".notice-signature span:last-child")
    right, em = tab.evaluate(
        """() => {
            const text = document.querySelector('.notice-text');
            const style = getComputedStyle(text);
            return [text.getBoundingClientRect().right - parseFloat(style.paddingRight),
                    parseFloat(style.fontSize)];
        }"""
    )
    return signer, date, right, em


def test_signature_signer_two_characters_in_date_two_right_of_its_start(tab: Any, built_site: Path) -> None:
    signer, date, right, em = signature_geometry(tab, built_site)
    assert right - signer["right"] == pytest.approx(2 * em, abs=0.25 * em)
    assert date["left"] - signer["left"] == pytest.approx(2 * em, abs=0.1 * em)


def test_signature_date_longer_than_signer_two_in_with_signer_centred(
    tab: Any, data_copy: Path, tmp_path: Path
) -> None:
    notice = data_copy / SEED_ID / "notice.yml"
    notice.write_text(
        notice.read_text(encoding="utf-8").replace("signer: 中共黑龙江省总工会党组", "signer: 某某党组", 1),
        encoding="utf-8",
    )
    text = data_copy / SEED_ID / "text.txt"  # the signed text, which the page shows
    text.write_text(text.read_text(encoding="utf-8").replace("中共黑龙江省总工会党组2017年", "某某党组2017年"), "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(site, data_copy)
    assert result.returncode == 0, result.stderr
    signer, date, right, em = signature_geometry(tab, site)
    assert right - date["right"] == pytest.approx(2 * em, abs=0.25 * em)
    centre = (signer["left"] + signer["right"]) / 2
    assert centre == pytest.approx((date["left"] + date["right"]) / 2, abs=0.25 * em)
