"""Compatibility: the readers are the import's first step, ``rectify.importer.read``."""

from .importer.read import (
    MAX_BYTES,
    SOFFICE_PACKAGE,
    ReadError,
    converted_paragraphs,
    decode,
    docx_paragraphs,
    pdf_paragraphs,
    read_paragraphs,
    table_paragraphs,
    text_paragraphs,
)

__all__ = [
    "MAX_BYTES",
    "SOFFICE_PACKAGE",
    "ReadError",
    "converted_paragraphs",
    "decode",
    "docx_paragraphs",
    "pdf_paragraphs",
    "read_paragraphs",
    "table_paragraphs",
    "text_paragraphs",
]
