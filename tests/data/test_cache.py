"""data.cache: load_site again, re-reading only the notice folders whose files changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, SEED_ID
from rectify.data.cache import NoticeCache
from rectify.data.errors import DataInvalid
from rectify.data.load import load_site


@pytest.fixture
def two_notices(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA / SEED_ID, data / SEED_ID)
    shutil.copytree(DATA / SEED_ID, data / "copy-2017")
    return data


def test_only_a_changed_folder_is_read_again(two_notices: Path) -> None:
    cache = NoticeCache()
    first = cache.load_site(two_notices)
    assert sorted(cache.reread) == ["copy-2017", SEED_ID]
    again = cache.load_site(two_notices)
    assert cache.reread == [] and again == first
    findings = two_notices / "copy-2017" / "findings.yml"
    findings.write_text(findings.read_text(encoding="utf-8") + "\n# 注释\n", encoding="utf-8")
    cache.load_site(two_notices)
    assert cache.reread == ["copy-2017"]
    (two_notices / SEED_ID / "text.txt").unlink()
    changed = cache.load_site(two_notices)
    assert cache.reread == [SEED_ID]
    assert changed == load_site(two_notices)


def test_a_file_of_the_data_folder_reads_every_notice_again(two_notices: Path) -> None:
    cache = NoticeCache()
    cache.load_site(two_notices)
    (two_notices / "formal-phrases.txt").write_text("凡提必核\n", encoding="utf-8")
    cache.load_site(two_notices)
    assert sorted(cache.reread) == ["copy-2017", SEED_ID]


def test_errors_are_raised_as_load_site_raises_them(two_notices: Path) -> None:
    cache = NoticeCache()
    cache.load_site(two_notices)
    findings = two_notices / SEED_ID / "findings.yml"
    findings.write_text(
        findings.read_text(encoding="utf-8").replace("status: 已完成", "status: 做完了", 1), encoding="utf-8"
    )
    with pytest.raises(DataInvalid) as cached:
        cache.load_site(two_notices)
    with pytest.raises(DataInvalid) as fresh:
        load_site(two_notices)
    assert [str(e) for e in cached.value.errors] == [str(e) for e in fresh.value.errors]
    # Still an error when nothing changed since: the cache keeps errors too.
    with pytest.raises(DataInvalid):
        cache.load_site(two_notices)
    assert cache.reread == []
