"""Messages about whole files and YAML syntax name a line, and are in Chinese only (issue 27).

Before: a data file with a NUL byte, or over 2 MB, was named without a line (notice.yml: 文件含有空字节…);
a YAML mistake of a kind the table did not know gave PyYAML's English (YAML 语法错误：found character '@'
that cannot start any token…; ruamel.yaml's “YAML 格式有误：expected <block end>, but found '<block
mapping start>'” in the round trip); a notice folder named .draft in data/ was skipped in silence.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import SEED_ID
from rectify.data import yamlio
from rectify.data.errors import DataInvalid
from rectify.data.load import load_site
from rectify.data.signed import read_signed_text
from rectify.data.source import MAX_BYTES, load_document

# Words a message may hold in Latin letters: the format's name, the key's, an encoding's.
_ALLOWED = {"YAML", "Tab", "UTF"}


def _english(message: str) -> list[str]:
    return [word for word in re.findall(r"[A-Za-z]{2,}", message) if word not in _ALLOWED]


def test_a_nul_byte_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "notice.yml"
    path.write_bytes(b"title: a\nissuer: b\nteam: c\x00d\n")
    (error,) = load_document(path).errors
    assert (
        str(error)
        == f"{path}:3: 文件含有空字节（文件的第 27 个字节，在这一行），不是文本文件；应为 UTF-8 编码的 YAML 文本"
    )


def test_a_nul_byte_in_the_signed_text_is_named_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "text.txt").write_bytes("标题\n正文\n落\x00款\n".encode())
    _, (error,) = read_signed_text(tmp_path)
    assert error.line == 3 and "空字节" in error.message and "YAML" not in error.message


def test_a_file_over_the_limit_is_named_where_it_passes_it(tmp_path: Path) -> None:
    path = tmp_path / "notice.yml"
    line = "  - 这是一段很长的导语，粘贴了整本书。\n"
    path.write_text("intro:\n" + line * (MAX_BYTES // len(line.encode()) + 100), encoding="utf-8")
    (error,) = load_document(path).errors
    passed = MAX_BYTES // len(line.encode()) + 2  # the line holding byte 2,000,000 (after intro:)
    assert (error.line, error.field) == (passed, "")
    assert f"文件过大（{path.stat().st_size} 字节），到这一行已超过 {MAX_BYTES} 字节的上限" in error.message


# One of each kind of mistake PyYAML's and ruamel.yaml's parsers report.
SYNTAX = {
    "indent": ("title: a\n  b: c\nd: e\n", 2),
    "list item after a field": ("a: b\n- c\n", 2),
    "list item on the line": ("a: - b\n", 1),
    "at sign": ("a: @b\n", 1),
    "backquote": ("a: `b`\n", 1),
    "directive": ("%YAML 2.0\n---\na: b\n", 1),
    "anchor without name": ("a: &\n", 1),
    "alias without name": ("a: *\n", 1),
    "tag handle": ("a: !x!y b\n", 1),
    "tag": ("a: !<x\n", 1),
    "block scalar": ("a: |x\n  b\n", 1),
    "escape": ('a: "b\\q"\n', 1),
    "hex escape": ('a: "b\\xZZ"\n', 1),
    "unclosed quote": ('a: "b\nc: d\n', 1),
    "quote to separator": ('a: "b\n---\n"\n', 2),
    "unclosed bracket": ("a: [b, c\nd: e\n", 1),
    "unclosed brace": ("a: {b: c\nd: e\n", 1),
    "key without colon": ("a: b\nc\nd: e\n", 2),
    "after the end": ("a\n...\nb: c\n", 3),
    "two documents": ("a: b\n---\nc: d\n", 2),
    "colon in text": ("a: b: c\n", 1),
    "closing bracket": ("a: ]\n", 1),
    "closing brace": ("a: }\n", 1),
    "outdented item": ("a:\n  - b\n - c\n", 3),
    "empty key": (": a\n", 1),
}


@pytest.mark.parametrize("case", list(SYNTAX))
def test_a_yaml_mistake_is_said_in_chinese_with_its_line(tmp_path: Path, case: str) -> None:
    text, line = SYNTAX[case]
    path = tmp_path / "findings.yml"
    path.write_text(text, encoding="utf-8")
    (error,) = load_document(path).errors
    assert error.line == line, str(error)
    assert error.message.startswith("YAML 语法错误"), str(error)
    assert not _english(error.message), str(error)


@pytest.mark.parametrize("case", list(SYNTAX))
def test_the_round_trip_says_a_yaml_mistake_in_chinese(case: str) -> None:
    text, _ = SYNTAX[case]
    try:
        yamlio.loads(text, "findings.yml")
    except yamlio.YamlError as error:
        message = str(error)
        assert re.match(r"findings\.yml(:\d+)?: YAML 语法错误", message), message
        assert not _english(message.split(": ", 1)[1]), message


def test_the_column_is_said(tmp_path: Path) -> None:
    path = tmp_path / "findings.yml"
    path.write_text("categories:\n  - title: 问题: 原文\n", encoding="utf-8")
    (error,) = load_document(path).errors
    assert error.message.startswith("YAML 语法错误（这一行第 14 个字符处）：冒号位置不对"), str(
        error
    )  # the second colon


@pytest.fixture
def data_with_draft(data_copy: Path) -> Path:
    shutil.copytree(data_copy / SEED_ID, data_copy / ".draft")
    return data_copy


def test_a_hidden_notice_folder_is_named_not_skipped_in_silence(data_with_draft: Path) -> None:
    notices = load_site(data_with_draft)  # still builds: a remark, not an error
    assert [n.id for n in notices] == [SEED_ID]
    remarks = [str(r) for n in notices for r in n.remarks if r.file.name == ".draft"]
    assert remarks == [
        f"{data_with_draft / '.draft'}: 这个文件夹里有 notice.yml，但名称以 . 开头，已跳过，不发布；"
        "要发布这份通报，请把文件夹改名，去掉开头的 ."
    ]


def test_a_data_folder_of_hidden_notices_only_says_why_it_has_none(data_with_draft: Path) -> None:
    shutil.rmtree(data_with_draft / SEED_ID)
    with pytest.raises(DataInvalid) as caught:
        load_site(data_with_draft)
    (error,) = caught.value.errors
    assert "没有找到通报" in error.message and ".draft：这个文件夹里有 notice.yml，但名称以 . 开头" in error.message


def test_hidden_folders_without_a_notice_are_not_named(data_copy: Path) -> None:
    (data_copy / ".git").mkdir()
    (data_copy / "_drafts").mkdir()
    notices = load_site(data_copy)
    assert not [r for n in notices for r in n.remarks if r.file.name in (".git", "_drafts")]
