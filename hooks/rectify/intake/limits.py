"""Limits an imported file is checked against before it is read, matching what the data check accepts.

A .docx or .xlsx is a zip: 1.5 MB of it can unpack to gigabytes, which python-docx and openpyxl
would hold in memory. The sizes its members declare are read first (Python's zipfile never unpacks
more than a member declares), and a ledger's rows are counted as its sheets stream by. What an import
writes must pass ``rectify check``: each data file and text.txt at most ``source.MAX_BYTES``.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from rectify.data.source import MAX_BYTES as DATA_BYTES

MAX_FILE_BYTES = 20_000_000
# A notice's document.xml, or a ledger's sheets and shared strings, are under 2 MB; parsed, each MB
# takes some 10-20 MB of memory.
MAX_UNPACKED_XML = 10_000_000
# Pictures in a .docx are kept unpacked in memory too.
MAX_UNPACKED = 40_000_000
# Rows of a ledger sheet, blank ones with formatting included: a notice of this many problems would
# already exceed the data check's 10,000 fields.
MAX_ROWS = 5_000
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
# A PDF's streams (page text, fonts, pictures) unpacked: a notice of 50 pages with its Chinese fonts
# embedded whole holds under 40 MB; pdfminer unpacks each stream whole in memory.
MAX_PDF_UNPACKED = 100_000_000
# Pages of a PDF: a notice has tens; each page is parsed, so a page tree of 100,000 pages sharing one
# small stream would take hours.
MAX_PDF_PAGES = 500
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_CHUNK = 1 << 20


def _mb(size: int) -> str:
    if size < 10_000_000:  # 2.1 MB, not 2 MB, past a limit of 2 MB
        return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".") + " MB"
    return f"{size / 1_000_000:.0f} MB"


def file_problem(size: int) -> str | None:
    if size > MAX_FILE_BYTES:
        return f"文件过大（{_mb(size)}）；可以导入的文件最大 {_mb(MAX_FILE_BYTES)}"
    return None


def unpacked_problem(raw: bytes) -> str | None:
    """Why the zip ``raw`` (.docx, .xlsx) must not be opened, from the sizes its members declare."""
    try:
        members = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # the reader says it is damaged
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    total = sum(m.file_size for m in members)
    if xml > MAX_UNPACKED_XML:
        return f"文件解压后的文字和格式有 {_mb(xml)}，超过 {_mb(MAX_UNPACKED_XML)} 的上限（一份通报或台账用不了这么多），没有读取"
    if total > MAX_UNPACKED:
        return f"文件解压后有 {_mb(total)}，超过 {_mb(MAX_UNPACKED)} 的上限（图片太多或太大），没有读取；请删去图片后再导入"
    return None


def pdf_problem(raw: bytes) -> str | None:
    """Why the PDF ``raw`` must not be read: its compressed (Flate) streams unpack to more than the limit,
    counted as they unpack, a megabyte at a time, and never kept."""
    total = 0
    view = memoryview(raw)
    for match in _STREAM.finditer(raw):
        end = raw.find(b"endstream", match.end())
        if end < 0:
            break
        inflater = zlib.decompressobj()
        try:
            total += len(inflater.decompress(view[match.end() : end], _CHUNK))
            while inflater.unconsumed_tail and total <= MAX_PDF_UNPACKED:
                total += len(inflater.decompress(inflater.unconsumed_tail, _CHUNK))
        except zlib.error:
            continue  # not Flate (a JPEG picture), or damaged: pdfminer says so
        if total > MAX_PDF_UNPACKED:
            return (
                f"PDF 文件解压后的内容超过 {_mb(MAX_PDF_UNPACKED)} 的上限（一份通报用不了这么多，"
                "可能是有意做成的“压缩炸弹”），没有读取；请重新导出 PDF，或提供 .docx 文件"
            )
    return None


def pages_problem(pages: int) -> str | None:
    if pages > MAX_PDF_PAGES:
        return (
            f"PDF 文件超过 {MAX_PDF_PAGES} 页（一份通报用不了这么多页），没有读取；请提供通报本身的 PDF 或 .docx 文件"
        )
    return None


def rows_problem(raw: bytes) -> str | None:
    """Why the .xlsx ``raw`` has too many rows to be a ledger, counting the rows of each sheet as it streams."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        for member in archive.infolist():
            if not member.filename.startswith("xl/worksheets/"):
                continue
            rows, tail = 0, b""
            with archive.open(member) as sheet:
                while chunk := sheet.read(1 << 20):
                    block = tail + chunk
                    rows += len(_ROW.findall(block))
                    tail = block[-16:]
                    rows -= len(_ROW.findall(tail))  # counted again with the next chunk
                rows += len(_ROW.findall(tail))
            if rows > MAX_ROWS:
                return f"工作表有 {rows} 行，超过 {MAX_ROWS} 行的上限（一份台账用不了这么多行），没有读取"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    return None


def text_problem(size: int, what: str, where: str = "") -> str | None:
    """Why a text of ``size`` bytes in UTF-8 (what an import would write) is more than the data check accepts;
    ``where`` (第 N 行) is where it passes the limit, the place to look for text pasted twice."""
    if size > DATA_BYTES:
        past = f"从{where}起超出；" if where else ""
        return (
            f"{what}有 {_mb(size)}，超过数据文件 {_mb(DATA_BYTES)} 的上限"
            f"（{past}rectify check 不接受更大的文件），没有导入"
        )
    return None
