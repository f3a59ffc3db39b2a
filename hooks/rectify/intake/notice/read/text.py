"""Step 1, read, for a plain text: its bytes decoded, whatever Chinese encoding the office saved it in."""

from __future__ import annotations

import re

import charset_normalizer

from ..draft import Paragraph, ReadError


def text_paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(line, number) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]


_SIGNATURES = (
    (b"%PDF", "这是 PDF 文件，应按 PDF 读取"),
    (b"\xd0\xcf\x11\xe0", "这是旧版 Word（.doc）、WPS 或 Excel 文件，应先转换"),
    (b"{\\rtf", "这是 RTF 文件，应先转换"),
)
_CHINESE_ENCODINGS = (
    "gb18030",
    "gbk",
    "gb2312",
    "hz",
    "big5",
    "big5hkscs",
    "cp950",
    "utf_16",
    "utf_16_le",
    "utf_16_be",
)


def decode(raw: bytes) -> str:
    """The text of a file's bytes; raises ReadError for empty, binary, HTML or garbled input."""
    if not raw.strip():
        raise ReadError("文件是空的；应为整改情况通报的全文（.txt、.docx、.pdf、.doc 或 .wps）")
    for magic, message in _SIGNATURES:
        if raw.startswith(magic):
            raise ReadError(message)
    text = _decoded(raw)
    if text is None:
        raise ReadError("无法识别文件的编码，或者它不是文本文件；应为 UTF-8 或 GB18030（GBK）编码的文本，或 .docx 文件")
    if (nul := text.find("\x00")) >= 0:  # never dropped unseen: a text that holds one is likely damaged
        line, column = text.count("\n", 0, nul) + 1, nul - text.rfind("\n", 0, nul)
        raise ReadError(
            f"第 {line} 行第 {column} 个字处有空字符（U+0000），文件可能已损坏或不是文本文件；"
            "请在编辑器中检查这一行、删去这个字符，另存为 UTF-8 文本后再导入"
        )
    if re.search(r"<\s*(!doctype|html|head|body|div|p|span|table|script|meta)\b", text[:5000], re.IGNORECASE):
        raise ReadError("这是网页（HTML）文件；请在浏览器中打开网页，复制通报正文，粘贴到文本文件（.txt）后再导入")
    if _chinese_share(text) < 0.3:
        raise ReadError("文件里几乎没有中文，不像整改情况通报（可能是乱码或其他格式的文件）；请检查文件")
    return text


def _decoded(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        return text if _is_text(text) else None
    candidates = []
    for match in charset_normalizer.from_bytes(raw):
        encoding = match.encoding.lower().replace("-", "_")
        if encoding in _CHINESE_ENCODINGS or encoding.startswith("gb"):
            candidates.append("gb18030" if encoding.startswith("gb") else encoding)
    for encoding in dict.fromkeys(candidates):
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _is_text(text) and _chinese_share(text) >= 0.3:
            return text
    return None


def _is_text(text: str) -> bool:
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return controls <= len(text) // 200


def _chinese_share(text: str) -> float:
    """Share of the visible characters that are Chinese characters or Chinese punctuation in GB2312."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    chinese = 0
    for ch in visible:
        if ord(ch) < 128:
            continue
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        chinese += 1
    return chinese / len(visible)
