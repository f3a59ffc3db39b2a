"""Size limits checked before reading: a small .docx or .xlsx that unpacks to gigabytes, a ledger of
100,000 rows or a text over the data limit is refused at once, in Chinese, naming the limit.

Before: a 1.5 MB .docx of 1.5 GB of text took 3 GB of memory and was then called damaged; a 1.5 MB
.xlsx took 1.5 GB and imported; a 19 MB text imported to a text.txt the check refuses (2 MB).
Memory figures are measured by hand (see the closing note of issue 27), not in a timed test.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from rectify.data.source import MAX_BYTES as DATA_LIMIT
from rectify.intake.ledger.sheets import LedgerError, open_sheets
from rectify.intake.limits import MAX_ROWS, MAX_UNPACKED_XML
from rectify.intake.notice.read import ReadError, read_paragraphs

MB = 1_000_000


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    path.write_bytes(buffer.getvalue())
    return path


def _docx(path: Path, body: bytes) -> Path:
    document = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    return _zip(
        path, {"[Content_Types].xml": b"<Types/>", "word/document.xml": document + body + b"</w:body></w:document>"}
    )


def _xlsx(path: Path, rows: bytes) -> Path:
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    return _zip(
        path,
        {"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": sheet + rows + b"</sheetData></worksheet>"},
    )


def test_a_docx_that_unpacks_too_large_is_refused_unread(tmp_path: Path) -> None:
    text = "整改" * (MAX_UNPACKED_XML // 3)
    path = _docx(tmp_path / "通报.docx", f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode())
    assert path.stat().st_size < MB
    with pytest.raises(ReadError, match=rf"解压后.*{MAX_UNPACKED_XML // MB} MB"):
        read_paragraphs(path)


def test_a_docx_whose_text_is_over_the_data_limit_is_refused(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for _ in range(DATA_LIMIT // 3000 + 10):
        document.add_paragraph("整改" * 500)
    path = tmp_path / "通报.docx"
    document.save(str(path))
    with pytest.raises(ReadError, match=rf"文字.*{DATA_LIMIT // MB} MB"):
        read_paragraphs(path)


def test_a_text_over_the_data_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "通报.txt"
    path.write_text(("关于整改情况的通报。" * 100 + "\n") * (DATA_LIMIT // 3000 + 10), encoding="utf-8")
    with pytest.raises(ReadError, match=rf"{DATA_LIMIT // MB} MB"):
        read_paragraphs(path)


def test_an_xlsx_that_unpacks_too_large_is_refused_unread(tmp_path: Path) -> None:
    cell = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>' + "问题" * (MAX_UNPACKED_XML // 3) + "</t></is></c></row>"
    ).encode()
    path = _xlsx(tmp_path / "台账.xlsx", cell)
    assert path.stat().st_size < MB
    with pytest.raises(LedgerError, match=rf"解压后.*{MAX_UNPACKED_XML // MB} MB"):
        open_sheets(path)


def test_a_ledger_of_too_many_rows_is_refused_unread(tmp_path: Path) -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n) for n in range(1, MAX_ROWS + 2))
    path = _xlsx(tmp_path / "台账.xlsx", rows)
    with pytest.raises(LedgerError, match=rf"{MAX_ROWS} 行"):
        open_sheets(path)


def test_a_ledger_file_over_the_file_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "台账.xls"
    with path.open("wb") as file:
        file.truncate(25 * MB)
    with pytest.raises(LedgerError, match="20 MB"):
        open_sheets(path)
