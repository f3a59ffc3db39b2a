"""Invisible characters in the data or the signed text are refused with file and line:
``中\\u200b共`` looks like 中共 but no search for 中共 finds it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, SEED_ID
from rectify.data.load import load_notice
from rectify.data.signed import TEXT_FILE

INVISIBLE = ["\u200b", "\u200d", "\u2060", "\u00ad", "\u3164", "\u180e"]


def _seed(tmp_path: Path) -> Path:
    folder = tmp_path / SEED_ID
    shutil.copytree(DATA / SEED_ID, folder)
    return folder


def _insert(path: Path, char: str) -> int:
    """Put ``char`` inside the first 中共 of ``path``; the line it is on."""
    text = path.read_text(encoding="utf-8")
    at = text.index("中共")
    path.write_text(text[:at] + "中" + char + text[at + 1 :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("file_name", ["notice.yml", TEXT_FILE])
def test_an_invisible_character_is_refused_with_its_line(tmp_path: Path, char: str, file_name: str) -> None:
    folder = _seed(tmp_path)
    line = _insert(folder / file_name, char)
    notice, errors = load_notice(folder)
    assert notice is None
    [error] = errors
    assert (error.file, error.line) == (folder / file_name, line)
    assert f"U+{ord(char):04X}" in error.message and "看不见" in error.message and "删除" in error.message


def test_the_seed_and_its_text_have_none(tmp_path: Path) -> None:
    notice, errors = load_notice(_seed(tmp_path))
    assert notice is not None and not errors
