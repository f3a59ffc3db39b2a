"""The HTML the project generates is valid, checked by the Nu Html Checker (vnu-jar, on Java)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from conftest import ROOT, is_redirect, mkdocs_build, require_node_tool, require_tools

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Errors in Material's own page frame (not our markup), known and left to the theme:
# its drawer/search toggles are checkboxes with autocomplete="off", and the labels
# that open them point at those visually hidden checkboxes.
THEME_ERRORS = (
    "Attribute “autocomplete” is only allowed when the input type is",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
)


def vnu(files: list[Path]) -> list[dict[str, object]]:
    require_tools("java")
    require_node_tool(VNU)
    command = ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr or result.stdout)["messages"]


def our_markup(page: str) -> str:
    """The article (all generated content and the reading tools) and the footer slots."""
    article = re.search(r'<article class="md-content__inner md-typeset">.*?</article>', page, re.S)
    footer = re.search(r'<div class="md-copyright">.*?</div>', page, re.S)
    assert article and footer
    return article.group(0) + footer.group(0)


def test_our_markup_has_no_errors(built_site: Path, tmp_path: Path) -> None:
    fragments = []
    for page in sorted(built_site.rglob("*.html")):
        if page.name == "404.html" or is_redirect(page):
            continue
        fragment = tmp_path / page.relative_to(built_site).as_posix().replace("/", "__")
        body = our_markup(page.read_text(encoding="utf-8"))
        fragment.write_text(
            f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>检查</title></head>'
            f"<body><main>{body}</main></body></html>",
            encoding="utf-8",
        )
        fragments.append(fragment)
    assert len(fragments) >= 29
    errors = [f"{Path(str(m['url'])).name}:{m.get('lastLine')}: {m['message']}" for m in vnu(fragments)]
    assert not errors, "\n".join(errors)


def test_whole_pages_have_only_the_themes_known_errors(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    errors = vnu(pages)
    unknown = [
        f"{m['url']}:{m.get('lastLine')}: {m['message']}"
        for m in errors
        if not str(m["message"]).startswith(THEME_ERRORS)
    ]
    assert not unknown, "\n".join(unknown)


def test_the_round_page_and_the_homes_of_several_notices_have_no_errors(tmp_path: Path) -> None:
    """examples/round-2024 (issue 26, point 9): the round's page (a table with a caption and header
    cells, md_in_html), the site's home and a notice's home."""
    site = tmp_path / "site"
    result = mkdocs_build(site, ROOT / "examples" / "round-2024")
    assert result.returncode == 0, result.stderr
    pages = [
        site / "rounds" / "rf20f11bb" / "index.html",
        site / "index.html",
        site / "demo-county-school-2024" / "index.html",
        site / "progress" / "index.html",
    ]
    errors = [
        f"{m['url']}:{m.get('lastLine')}: {m['message']}"
        for m in vnu(pages)
        if not str(m["message"]).startswith(THEME_ERRORS)
    ]
    assert not errors, "\n".join(errors)
