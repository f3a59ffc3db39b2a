"""What ``rectify import`` tells the office, in words it can act on: a remark on a Word file points at
第N段 and its first words (Word numbers no paragraphs); a missing LibreOffice is named, with how to
install it and that saving the file as .docx does as well."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, ROOT, SEED_TEXT
from rectify.intake.notice.draft import Paragraph
from rectify.intake.notice.read import ReadError, office, read_paragraphs, where

OPENING = "根据省委统一部署，2016年8月15日至9月15日，省委第一巡视组进行了巡视。10月9日反馈了巡视意见。"
LINES = [OPENING, "一、整改工作组织情况", "成立整改工作领导小组。"]


def rectify(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "rectify"), *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)


def test_a_docx_remark_points_at_the_paragraph_and_its_first_words(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("")  # an empty paragraph is not counted: it is no paragraph to the office
    for line in LINES:
        document.add_paragraph(line)
    source = tmp_path / "原文.docx"
    document.save(str(source))
    result = rectify("import", str(source), "-o", str(tmp_path / "data" / "no-findings"))
    assert result.returncode == 0, result.stderr
    assert f"{source} 第2段（“一、整改工作组织情况”）: 没有找到具体问题" in result.stderr
    assert f"{source} 第1段（“根据省委统一部署，2……”）: 没有找到标题" in result.stderr
    assert f"{source}:2:" not in result.stderr
    assert "格式：原文件 第几段（段首文字）: 说明" in result.stdout


def test_a_text_file_keeps_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "原文.txt"
    source.write_text("\n".join(LINES), encoding="utf-8")
    result = rectify("import", str(source), "-o", str(tmp_path / "data" / "no-findings"))
    assert result.returncode == 0, result.stderr
    assert f"{source}:2: 没有找到具体问题" in result.stderr
    assert "格式：原文件:行号: 说明" in result.stdout


def test_where_a_pdf_points_is_a_line_of_its_text_layer(tmp_path: Path) -> None:
    source = tmp_path / "原文.pdf"
    source.write_bytes(b"%PDF-1.4\n")
    paragraphs = [Paragraph("中共黑龙江省总工会党组关于巡视整改情况的通报", 3)]
    assert where(source, 3, paragraphs) == f"{source} 第3行（“中共黑龙江省总工会党……”）:"
    assert where(source, None, paragraphs) == f"{source}:"


def test_a_doc_without_libreoffice_names_libreoffice_and_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "notice.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    monkeypatch.delenv("PROGRAMFILES", raising=False)
    monkeypatch.delenv("PROGRAMFILES(X86)", raising=False)
    with pytest.raises(ReadError) as error:
        read_paragraphs(source)
    message = str(error.value)
    assert "没有找到 LibreOffice" in message
    assert "Windows 从单位软件中心或 libreoffice.org 安装" in message
    assert "Debian、统信 UOS、银河麒麟运行 sudo apt-get install libreoffice-writer" in message
    assert "在 Word 或 WPS 中打开这个文件，“另存为”Word 文档（.docx）" in message


def test_libreoffice_is_found_where_its_windows_installer_puts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path))
    assert office.soffice() == str(program)


def test_the_import_command_says_it_without_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "通报.wps"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    bare = tmp_path / "bin"  # a PATH without soffice
    bare.mkdir()
    result = rectify("import", str(source), "-o", str(tmp_path / "data" / "x"), env={"PATH": str(bare)})
    assert result.returncode == 1
    assert result.stderr.startswith(f"无法导入 {source}：这是旧版 Word（.doc）、WPS（.wps）或 RTF 文件")
    assert "LibreOffice" in result.stderr and "Traceback" not in result.stderr


def test_a_nul_in_a_text_is_named_by_line_and_character(tmp_path: Path) -> None:
    """Before: the NUL was dropped unseen and the text imported; a damaged file is now named where it is."""
    source = tmp_path / "原文.txt"
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5][:10] + "\x00" + lines[5][10:]
    source.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ReadError, match=r"^第 6 行第 11 个字处有空字符（U\+0000），文件可能已损坏"):
        read_paragraphs(source)


def test_a_text_over_the_data_limit_is_named_where_it_passes_it(tmp_path: Path) -> None:
    from rectify.data.source import MAX_BYTES

    source = tmp_path / "原文.txt"
    line = OPENING + "\n"
    source.write_text(line * (MAX_BYTES // len(line.encode()) + 50), encoding="utf-8")
    passed = MAX_BYTES // len(line.encode()) + 1
    with pytest.raises(ReadError, match=rf"（从第 {passed} 行起超出；rectify check 不接受更大的文件）"):
        read_paragraphs(source)


@pytest.mark.parametrize("target", ["data", "own"])
def test_the_data_folder_itself_is_refused(tmp_path: Path, target: str) -> None:
    """``-o data`` (the folder of all notices) would write notice.yml beside the notices' folders."""
    project = tmp_path / "站点"
    (project / "data" / "zg-2024").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    source = tmp_path / "原文.txt"
    source.write_text("\n".join(LINES), encoding="utf-8")
    if target == "data":  # a folder that holds notices
        (project / "data" / "zg-2024" / "notice.yml").write_text("title: 通报\n", encoding="utf-8")
    else:  # an empty data folder of a site is refused too, by its mkdocs.yml
        (project / "data" / "zg-2024").rmdir()
    before = sorted(p.name for p in (project / "data").iterdir())
    result = subprocess.run(
        [str(BIN / "rectify"), "import", str(source), "-o", "data", "--force"],
        cwd=project,
        env={k: v for k, v in os.environ.items() if k != "RECTIFY_DATA"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("data 是存放各份通报的数据文件夹（"), result.stderr
    assert "如 data/zhenggai-2024。没有写入任何文件" in result.stderr
    assert sorted(p.name for p in (project / "data").iterdir()) == before
