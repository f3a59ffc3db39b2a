"""The search index a phone can afford: UTF-8, and fetched only when a reader searches.

The browser tests (tests/site/test_browser.py) show a page view fetches no index and a
search still finds its pages; these check the files and the checked patch.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import material
from conftest import ROOT, mkdocs_build
from rectify.site.search import fixes

# Material's own scripts, as the theme ships them.
MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"


def test_the_index_is_utf8_json(built_site: Path) -> None:
    raw = (built_site / "search" / "search_index.json").read_bytes()
    text = raw.decode("utf-8")
    index = json.loads(text)
    assert index["config"]["lang"] == ["zh"]
    assert any("回龙湾" in doc["text"] for doc in index["docs"])
    assert "回龙湾" in text
    # No Chinese character escaped as \uXXXX (6 bytes instead of 3).
    assert not re.search(r"\\u[4-9][0-9a-f]{3}", text)


def test_rewriting_keeps_the_same_json(tmp_path: Path) -> None:
    data = {"config": {"separator": "[\\s\\u200b]+"}, "docs": [{"location": "a/", "text": "党费\u200b收缴 </script>"}]}
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    assert fixes.write_index_utf8(tmp_path)
    assert json.loads(index.read_bytes()) == data
    assert "党费\u200b收缴" in index.read_text(encoding="utf-8")
    assert not fixes.write_index_utf8(tmp_path / "elsewhere")


def test_the_built_bundle_waits_for_the_search(built_site: Path) -> None:
    (bundle,) = (built_site / "assets" / "javascripts").glob("bundle.*.min.js")
    code = bundle.read_bytes()
    for eager, lazy in fixes._LAZY:
        assert lazy in code
        assert eager not in code


def test_the_patch_is_checked(tmp_path: Path) -> None:
    """Applied once to Material's own bundle; on a bundle without the exact code, it says so."""
    javascripts = tmp_path / "assets" / "javascripts"
    javascripts.mkdir(parents=True)
    (original,) = MATERIAL_JS.glob("bundle.*.min.js")
    shutil.copy(original, javascripts / original.name)
    assert fixes.load_index_lazily(tmp_path)
    patched = (javascripts / original.name).read_bytes()
    assert fixes.load_index_lazily(tmp_path)  # a second run changes nothing
    assert (javascripts / original.name).read_bytes() == patched
    (javascripts / original.name).write_bytes(b"/* another version of Material */")
    assert not fixes.load_index_lazily(tmp_path)


def test_lists_of_findings_are_not_searched(built_site: Path) -> None:
    """The home's figures, the findings list's table and each category's table repeat the findings pages."""
    docs = json.loads((built_site / "search" / "search_index.json").read_bytes())["docs"]
    titles = {doc["title"].replace("\u200b", "") for doc in docs}
    assert not titles & {"整改总体情况", "各类问题整改进度", "问题和整改状态", "在本网站可以"}
    (findings,) = [doc for doc in docs if doc["location"].endswith("findings/")]
    assert "<table>" not in findings["text"]
    assert "问题共 19 个" in findings["text"].replace("\u200b", "")
    # Each finding is still found, once, on its own page.
    party_dues = [doc["location"] for doc in docs if "党费" in doc["title"].replace("\u200b", "")]
    assert party_dues and all("findings/party-dues/" in location for location in party_dues)


def test_a_build_with_another_material_fails_in_strict_mode(tmp_path: Path) -> None:
    """If Material's bundle no longer has the code patched, the build says so and --strict fails."""
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "docs" / "overrides", overrides)
    (original,) = MATERIAL_JS.glob("bundle.*.min.js")
    changed = original.read_bytes().replace(b"function Mn(e,t=new Worker(e)){", b"function Mn(e,t=new Worker(e) ){")
    (overrides / "assets" / "javascripts").mkdir(parents=True, exist_ok=True)
    (overrides / "assets" / "javascripts" / original.name).write_bytes(changed)
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\nhooks: [{ROOT / 'hooks' / 'rectify_hooks.py'}]\n"
        f"watch: []\nextra:\n  rectify_data: {ROOT / 'data'}\ntheme:\n  name: material\n  custom_dir: {overrides}\n",
        encoding="utf-8",
    )
    result = mkdocs_build(tmp_path / "site", config=config)
    assert result.returncode != 0
    assert "打开搜索时才下载搜索索引" in result.stderr and "hooks/rectify/site/search/fixes.py" in result.stderr
