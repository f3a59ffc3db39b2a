"""Step 1, read: a notice file into paragraphs, whatever the office published it as; one module per format.

- ``text``, .txt in any Chinese encoding: UTF-8 (with or without BOM) first, then the candidates
  charset-normalizer proposes, the one that reads as the most plausible Chinese winning (short
  GB18030 texts otherwise pass for Korean);
- ``word``, .docx with python-docx, in document order: automatic numbering written out (一、（一）1.…), heading
  styles as outline levels; a table whose header row names problems and measures (the words of a
  rectification ledger: 问题/反馈问题, 整改措施, 整改状态, 责任人, 完成时限, 问题类别…) becomes one
  problem per row, other tables one paragraph per row;
- ``pdf``, .pdf with a text layer, through pdfminer.six: the lines of the text layer re-joined into
  paragraphs by their indentation and length; ``line`` is then the line of the text layer;
- ``office``, .doc, .wps and .rtf through LibreOffice (``soffice --headless --convert-to docx``, a profile of
  its own for each run), then as .docx; without LibreOffice, a message naming it, how to install it,
  and that saving the file as .docx in Word or WPS does as well.

This module tells the formats apart by their first bytes and checks the size limits before and after
reading. ``where`` says where a remark points in the original as the office can find it: a line of a .txt,
a paragraph of a Word file (第57段 and its first words: Word numbers no paragraphs).

Only empty, binary or unreadable input is refused, with a Chinese message (``ReadError``).
"""

from __future__ import annotations

from pathlib import Path

from ...limits import DATA_BYTES, pdf_problem, text_problem, unpacked_problem
from ...limits import MAX_FILE_BYTES as MAX_BYTES
from ..draft import Paragraph, ReadError
from .office import converted_paragraphs
from .pdf import pdf_paragraphs
from .text import decode, text_paragraphs
from .word import docx_paragraphs

__all__ = ["MAX_BYTES", "ReadError", "decode", "read_paragraphs", "where"]


def read_paragraphs(path: Path) -> list[Paragraph]:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)  # never all of a file too large to import
    except FileNotFoundError:
        raise ReadError("文件不存在；请检查文件名和路径") from None
    except IsADirectoryError:
        raise ReadError("这是文件夹，不是文件；请给出通报原文的文件（.txt、.docx、.pdf、.doc 或 .wps）") from None
    except PermissionError:
        raise ReadError("没有读取这个文件的权限") from None
    except OSError as exc:
        raise ReadError(f"无法读取文件（错误号 {exc.errno}）") from None
    if len(raw) > MAX_BYTES:
        size = max(len(raw), path.stat().st_size)
        raise ReadError(
            f"文件过大（{size} 字节，超过 {MAX_BYTES} 字节的上限）；一份通报应小于 {MAX_BYTES // 1_000_000} MB"
        )
    if raw.startswith(b"PK\x03\x04") and (problem := unpacked_problem(raw)):
        raise ReadError(problem)
    if raw.startswith(b"%PDF") and (problem := pdf_problem(raw)):
        raise ReadError(problem)
    # The text becomes text.txt, which rectify check reads only up to the data limit; a plain text's
    # UTF-8 is never smaller than its bytes in another Chinese encoding, so its size tells before decoding.
    if not raw.startswith(_BINARY) and (problem := text_problem(len(raw), "通报的文字", _line_at(raw))):
        raise ReadError(problem)
    paragraphs = _paragraphs(path, raw)
    unit = next((unit for magic, unit in _UNITS if raw.startswith(magic)), "行")
    problem = text_problem(
        len("\n".join(p.text for p in paragraphs).encode("utf-8")), "通报的文字", _past(paragraphs, unit)
    )
    if problem:
        raise ReadError(problem)
    return paragraphs


def _line_at(raw: bytes) -> str:
    """Where a plain text passes the data limit: the line to look at for pasted text."""
    line = raw.count(b"\n", 0, DATA_BYTES) + 1
    return f"第 {line} 行"


def _past(paragraphs: list[Paragraph], unit: str) -> str:
    """Where the paragraphs pass the data limit: 第N段 of a Word file, 第N行 of a text or a PDF's text layer."""
    size = 0
    for paragraph in paragraphs:
        size += len(paragraph.text.encode("utf-8")) + 1
        if size > DATA_BYTES:
            return f"第 {paragraph.line} {unit}"
    return ""


_BINARY = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"{\\rtf")


def _paragraphs(path: Path, raw: bytes) -> list[Paragraph]:
    if raw.startswith(b"PK\x03\x04"):
        return docx_paragraphs(path)
    if raw.startswith(b"%PDF"):
        return pdf_paragraphs(path)
    if raw.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf")):
        return converted_paragraphs(path)
    return text_paragraphs(decode(raw))


# Word files number paragraphs (non-empty ones, tables' rows too); a PDF numbers text-layer lines.
_UNITS = ((b"PK\x03\x04", "段"), (b"\xd0\xcf\x11\xe0", "段"), (b"{\\rtf", "段"), (b"%PDF", "行"))
_QUOTED = 10


def where(source: Path, line: int | None, paragraphs: list[Paragraph]) -> str:
    """``原文.txt:57:`` for a text file; ``原文.docx 第57段（“根据省委统一部署……”）:`` for a Word file
    (and a .doc/.wps converted from it) or a PDF (第57行, a line of its text layer): nobody can find
    paragraph 57 in Word, but its first words, yes."""
    if line is None:
        return f"{source}:"
    try:
        with source.open("rb") as file:
            head = file.read(8)
    except OSError:
        head = b""
    unit = next((unit for magic, unit in _UNITS if head.startswith(magic)), None)
    if unit is None:
        return f"{source}:{line}:"
    text = next(("".join(p.text.split()) for p in paragraphs if p.line == line), "")
    quoted = f"（“{text[:_QUOTED]}{'……' if len(text) > _QUOTED else ''}”）" if text else ""
    return f"{source} 第{line}{unit}{quoted}:"
