"""Size limits checked before reading: a small .docx or .xlsx that unpacks to gigabytes, a ledger of
100,000 rows or a text over the data limit is refused at once, in Chinese, naming the limit.

Before: a 1.5 MB .docx of 1.5 GB of text took 3 GB of memory and was then called damaged; a 1.5 MB
.xlsx took 1.5 GB and imported; a 19 MB text imported to a text.txt the check refuses (2 MB).
A PDF is checked the same way: its streams unpacked (counted, never kept), its pages, its text.
Memory and time on each of these inputs are measured by ``make bench`` (tools/bench_limits.py), not here.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest
from rectify.data.source import MAX_BYTES as DATA_LIMIT
from rectify.intake.ledger.sheets import LedgerError, open_sheets
from rectify.intake.limits import MAX_PDF_PAGES, MAX_PDF_UNPACKED, MAX_ROWS, MAX_UNPACKED_XML
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


# --- PDF ------------------------------------------------------------------------------------


def _pdf(path: Path, streams: list[bytes], pages: int | None = None) -> Path:
    """A PDF of Helvetica text: a page per stream (Flate-compressed), or ``pages`` pages showing the first."""
    count = pages or len(streams)
    first_page = 4 + len(streams)
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>" % (count, kids),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for data in streams:
        packed = zlib.compress(data, 9)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed))
    resources = b"/MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
    for i in range(count):
        objects.append(b"<< /Type /Page /Parent 2 0 R %s /Contents %d 0 R >>" % (resources, 4 + (0 if pages else i)))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _page(lines: list[bytes]) -> bytes:
    return b"BT /F1 10 Tf 12 TL 50 800 Td " + b" ".join(b"(%s) '" % line for line in lines) + b" ET"


def test_a_small_pdf_is_read(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "通报.pdf", [_page([b"Rectification notice.", b"Second line."])])
    assert [p.text for p in read_paragraphs(path)] == ["Rectification notice.Second line."]


def test_a_pdf_whose_streams_unpack_too_large_is_refused_unread(tmp_path: Path) -> None:
    """Before: pdfminer unpacked the stream whole (150 MB here, 1.5 GB as easily) and parsed it."""
    path = _pdf(tmp_path / "通报.pdf", [b"BT /F1 10 Tf (A) Tj ET\n" * (MAX_PDF_UNPACKED // 23 + 1000)])
    assert path.stat().st_size < MB
    with pytest.raises(ReadError, match=rf"PDF 文件解压后的内容超过 {MAX_PDF_UNPACKED // MB} MB 的上限"):
        read_paragraphs(path)


def test_a_pdf_of_too_many_pages_is_refused_unread(tmp_path: Path) -> None:
    """Before: 100,000 pages showing one small stream were each parsed and laid out."""
    path = _pdf(tmp_path / "通报.pdf", [_page([b"The same page."])], pages=MAX_PDF_PAGES * 4)
    with pytest.raises(ReadError, match=rf"PDF 文件超过 {MAX_PDF_PAGES} 页"):
        read_paragraphs(path)


def test_a_pdf_whose_text_is_over_the_data_limit_is_refused_at_that_page(tmp_path: Path) -> None:
    lines = [b"Line %d of a long page of text that goes on, padding padding padding padding." % n for n in range(70)]
    pages = DATA_LIMIT // (70 * 80) + 20
    path = _pdf(tmp_path / "通报.pdf", [_page(lines)] * pages)
    with pytest.raises(ReadError, match=r"PDF 中的文字有 2(\.\d)? MB，超过数据文件 2 MB 的上限（从第 \d+ 页起超出"):
        read_paragraphs(path)
