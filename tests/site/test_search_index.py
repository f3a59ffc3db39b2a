"""The search index a phone can afford: UTF-8, and fetched only when a reader searches.

The browser tests (tests/site/test_browser.py) show a page view fetches no index and a
search still finds its pages; these check the files and the checked patch.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import material
import pytest
from conftest import ROOT, mkdocs_build
from rectify.site.search import material_patches, split

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
    assert material_patches.write_index_utf8(tmp_path) == "whole"
    assert json.loads(index.read_bytes()) == data
    assert "党费\u200b收缴" in index.read_text(encoding="utf-8")
    assert not material_patches.write_index_utf8(tmp_path / "elsewhere")


def test_the_built_bundle_waits_for_the_search(built_site: Path) -> None:
    (bundle,) = (built_site / "assets" / "javascripts").glob("bundle.*.min.js")
    code = bundle.read_bytes()
    for eager, lazy in material_patches._LAZY:
        assert lazy in code
        assert eager not in code


def test_the_patch_is_checked(tmp_path: Path) -> None:
    """Applied once to Material's own bundle; on a bundle without the exact code, it says so."""
    javascripts = tmp_path / "assets" / "javascripts"
    javascripts.mkdir(parents=True)
    (original,) = MATERIAL_JS.glob("bundle.*.min.js")
    shutil.copy(original, javascripts / original.name)
    assert material_patches.load_index_lazily(tmp_path)
    patched = (javascripts / original.name).read_bytes()
    assert material_patches.load_index_lazily(tmp_path)  # a second run changes nothing
    assert (javascripts / original.name).read_bytes() == patched
    (javascripts / original.name).write_bytes(b"/* another version of Material */")
    assert not material_patches.load_index_lazily(tmp_path)


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
    assert (
        "打开搜索时才下载搜索索引" in result.stderr and "hooks/rectify/site/search/material_patches.py" in result.stderr
    )


def test_the_seed_index_stays_whole(built_site: Path) -> None:
    """A small site's search costs what it did: one index, Material's worker as patched before."""
    assert not (built_site / "search" / split.FOLDER).exists()
    (worker,) = (built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    assert b"rectifySearch" not in worker.read_bytes()


def _docs(notice: str, words: str) -> list[dict[str, str]]:
    return [{"location": f"{notice}/", "title": notice, "text": f"<p>{words}</p>"}]


def test_a_large_index_is_split_by_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(split, "SPLIT_ABOVE", 100)
    monkeypatch.setattr(split, "BUCKET_BYTES", 40)
    config = {"lang": ["zh"], "separator": "[\\s\\u200b\\-、。，]+"}
    docs = [
        {"location": "", "title": "首页", "text": "巡视\u200b整改"},
        *_docs("a-2017", "党费\u200b收缴。巡视"),
        *_docs("b-2018", "房改房\u200b出租，巡视"),
    ]
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    assert split.split_index(index, {"config": config, "docs": docs}, ["a-2017", "b-2018", "c-2019"])
    manifest = json.loads(index.read_bytes())
    assert manifest["docs"] == []
    parts = manifest["config"]["split"]["parts"]
    assert [name for name, _ in parts] == ["_site", "a-2017", "b-2018"]  # c-2019 has no entries
    assert all(size > 0 for _, size in parts)
    folder = index.parent / split.FOLDER
    assert json.loads((folder / "a-2017.js").read_text(encoding="utf-8").split(",", 1)[1][:-1]) == docs[1:2]
    # Each word is in the bucket of its first character, with the parts holding it as gaps.
    count = manifest["config"]["split"]["buckets"]
    assert count > 1
    holders = {}
    for n in range(count):
        text = (folder / f"w{n}.js").read_text(encoding="utf-8")
        assert text.startswith(f"rectifySearch.words({n},")
        for word, gaps in json.loads(text.split(",", 1)[1][:-1]).items():
            assert ord(word[0]) % count == n
            holders[word] = [parts[i][0] for i in itertools.accumulate(gaps)]
    assert holders["巡视"] == ["_site", "a-2017", "b-2018"]
    assert holders["党费"] == ["a-2017"] and holders["房改房"] == ["b-2018"]
    assert "<p>党费" not in holders and "p" not in holders  # markup is no word


def test_a_small_index_is_written_whole(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    data = {"config": {"separator": "[\\s]+"}, "docs": _docs("a-2017", "党费")}
    assert not split.split_index(index, data, ["a-2017"])
    assert json.loads(index.read_bytes()) == data
    assert not (tmp_path / split.FOLDER).exists()


def test_the_worker_patch_is_checked(tmp_path: Path) -> None:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (original,) = (MATERIAL_JS / "workers").glob("search.*.min.js")
    shutil.copy(original, workers / original.name)
    assert material_patches.search_in_parts(tmp_path)
    patched = (workers / original.name).read_bytes()
    assert split.SCRIPT.read_bytes() in patched and material_patches._HANDLER[1] in patched
    assert patched.rstrip().endswith(b".min.js.map")  # the source map's comment stays last
    assert material_patches.search_in_parts(tmp_path)  # a second run changes nothing
    assert (workers / original.name).read_bytes() == patched
    (workers / original.name).write_bytes(b"/* another version of Material */")
    assert not material_patches.search_in_parts(tmp_path)
