"""Read a drafted notice into paragraphs: plain text in any Chinese encoding, or a .docx.

The encoding of a text file is detected, not assumed: UTF-8 (with or without BOM) is tried
first, then charset-normalizer proposes candidates and the one that reads as the most
plausible Chinese wins (short GB18030 texts otherwise pass for Korean). A .docx is read with
python-docx in document order: paragraphs with their automatic numbering written out
(一、（一）1.…), heading styles as outline levels, and table rows as paragraphs.
"""

from __future__ import annotations

import re
from pathlib import Path

import charset_normalizer

from .importer import Paragraph
from .text import chinese_number

MAX_BYTES = 20_000_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class ReadError(Exception):
    """The file cannot be read as a notice; the message says why, in Chinese."""


def read_paragraphs(path: Path) -> list[Paragraph]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReadError("文件不存在；请检查文件名和路径") from None
    except IsADirectoryError:
        raise ReadError("这是文件夹，不是文件；请给出通报原文的文件（.txt 或 .docx）") from None
    except PermissionError:
        raise ReadError("没有读取这个文件的权限") from None
    except OSError as exc:
        raise ReadError(f"无法读取文件（错误号 {exc.errno}）") from None
    if len(raw) > MAX_BYTES:
        raise ReadError(f"文件过大（{len(raw)} 字节）；一份通报应小于 {MAX_BYTES // 1_000_000} MB")
    if raw.startswith(b"PK\x03\x04"):
        return docx_paragraphs(path)
    return text_paragraphs(decode(raw))


def text_paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(line, number) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]


# --- plain text ---------------------------------------------------------------------

_SIGNATURES = (
    (b"%PDF", "这是 PDF 文件；请在 PDF 阅读器中复制通报全文，粘贴到文本文件（.txt）后再导入"),
    (b"\xd0\xcf\x11\xe0", "这是旧版 Word（.doc）或 Excel 文件；请在 Word 中“另存为”.docx 后再导入"),
    (b"{\\rtf", "这是 RTF 文件；请在 Word 中“另存为”.docx 后再导入"),
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
        raise ReadError("文件是空的；应为整改情况通报的全文（.txt 或 .docx）")
    for magic, message in _SIGNATURES:
        if raw.startswith(magic):
            raise ReadError(message)
    text = _decoded(raw)
    if text is None:
        raise ReadError("无法识别文件的编码，或者它不是文本文件；应为 UTF-8 或 GB18030（GBK）编码的文本，或 .docx 文件")
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


# --- .docx ---------------------------------------------------------------------------

_HEADING = re.compile(r"^(heading|标题)\s*(\d)$", re.IGNORECASE)
_CN = "〇一二三四五六七八九"


def docx_paragraphs(path: Path) -> list[Paragraph]:
    import docx  # python-docx; imported here so that plain-text imports do not need lxml
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        raise ReadError("不是有效的 .docx 文件（可能已损坏）；请在 Word 中重新“另存为”.docx 后再导入") from None
    except Exception:  # lxml and zipfile raise many kinds for a damaged file
        raise ReadError("无法打开这个 .docx 文件（可能已损坏）；请在 Word 中重新“另存为”.docx 后再导入") from None
    numbering = _Numbering(document)
    paragraphs: list[Paragraph] = []
    body = document.element.body
    for block in body.iterchildren():
        if block.tag == f"{_W}p":
            text = "".join(node.text or "" for node in block.iter(f"{_W}t", f"{_W}tab"))
            if not text.strip():
                continue
            style = _style_of(document, block)
            label = numbering.label(block, style)
            level = _level(style) if not label else None
            paragraphs.append(Paragraph(label + text.strip(), len(paragraphs) + 1, level))
        elif block.tag == f"{_W}tbl":
            for row in block.iter(f"{_W}tr"):
                cells = []
                for cell in row.iter(f"{_W}tc"):
                    cell_text = "".join(node.text or "" for node in cell.iter(f"{_W}t")).strip()
                    if cell_text and (not cells or cells[-1] != cell_text):  # merged cells repeat
                        cells.append(cell_text)
                if cells:
                    paragraphs.append(Paragraph("　".join(cells), len(paragraphs) + 1))
    if not paragraphs:
        raise ReadError("这个 .docx 文件里没有文字")
    return paragraphs


def _style_of(document: object, block: object) -> object | None:
    p_pr = block.find(f"{_W}pPr")  # type: ignore[attr-defined]
    style = p_pr.find(f"{_W}pStyle") if p_pr is not None else None
    if style is None:
        return None
    try:
        return document.styles.get_by_id(style.get(f"{_W}val"), 1)  # type: ignore[attr-defined]
    except (KeyError, ValueError):
        return None


def _level(style: object | None) -> int | None:
    """Outline level from a heading style: Title → 0, Heading 1 → 1…"""
    while style is not None:
        name = getattr(style, "name", "") or ""
        if name.lower() == "title" or name == "标题":
            return 0
        match = _HEADING.match(name)
        if match:
            return min(int(match.group(2)), 4)
        style = getattr(style, "base_style", None)
    return None


class _Numbering:
    """Writes out Word's automatic numbering (一、 （一） 1. （1）) as text, counting as Word does."""

    def __init__(self, document: object) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for item in root.iterchildren(f"{_W}abstractNum"):
            levels = {}
            for lvl in item.iterchildren(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )
            abstract[item.get(f"{_W}abstractNumId")] = levels
        for num in root.iterchildren(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{_W}val"), {}).items():
                self.levels[(num.get(f"{_W}numId"), ilvl)] = spec

    def label(self, block: object, style: object | None) -> str:
        num_pr = _num_pr(block) or _style_num_pr(style)
        if num_pr is None:
            return ""
        num_id, ilvl = num_pr
        if (num_id, ilvl) not in self.levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = self.levels[(num_id, ilvl)]
        counters[ilvl] = start if counters[ilvl] == 0 else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0

        def value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt = self.levels.get((num_id, level), (fmt, "", 1))[0]
            return _format(max(counters[level], 1), level_fmt)

        return re.sub(r"%(\d)", value, text) if fmt != "bullet" else ""


def _num_pr(block: object) -> tuple[str, int] | None:
    p_pr = block.find(f"{_W}pPr")  # type: ignore[attr-defined]
    num_pr = p_pr.find(f"{_W}numPr") if p_pr is not None else None
    return _read_num_pr(num_pr)


def _style_num_pr(style: object | None) -> tuple[str, int] | None:
    while style is not None:
        element = getattr(style, "element", None)
        p_pr = element.find(f"{_W}pPr") if element is not None else None
        found = _read_num_pr(p_pr.find(f"{_W}numPr") if p_pr is not None else None)
        if found:
            return found
        style = getattr(style, "base_style", None)
    return None


def _read_num_pr(num_pr: object | None) -> tuple[str, int] | None:
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{_W}numId")  # type: ignore[attr-defined]
    ilvl = num_pr.find(f"{_W}ilvl")  # type: ignore[attr-defined]
    if num_id is None:
        return None
    return num_id.get(f"{_W}val"), int(ilvl.get(f"{_W}val")) if ilvl is not None else 0


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional"):
        return chinese_number(n)
    if fmt == "ideographDigital":
        return "".join(_CN[int(d)] for d in str(n))
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalEnclosedCircle" and n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")):
        while n >= value:
            out, n = out + letters, n - value
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out
