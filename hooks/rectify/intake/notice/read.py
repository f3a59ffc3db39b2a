"""Step 1, read: a notice file into paragraphs, whatever the office published it as.

- .txt in any Chinese encoding: UTF-8 (with or without BOM) first, then the candidates
  charset-normalizer proposes, the one that reads as the most plausible Chinese winning (short
  GB18030 texts otherwise pass for Korean);
- .docx with python-docx, in document order: automatic numbering written out (一、（一）1.…), heading
  styles as outline levels; a table whose header row names problems and measures (the words of a
  rectification ledger: 问题/反馈问题, 整改措施, 整改状态, 责任人, 完成时限, 问题类别…) becomes one
  problem per row, other tables one paragraph per row;
- .pdf with a text layer, through pdfminer.six: the lines of the text layer re-joined into
  paragraphs by their indentation and length; ``line`` is then the line of the text layer;
- .doc, .wps and .rtf through LibreOffice (``soffice --headless --convert-to docx``, a profile of
  its own for each run), then as .docx; without LibreOffice, a message naming it, how to install it,
  and that saving the file as .docx in Word or WPS does as well.

``where`` says where a remark points in the original as the office can find it: a line of a .txt,
a paragraph of a Word file (第57段 and its first words: Word numbers no paragraphs).

Only empty, binary or unreadable input is refused, with a Chinese message (``ReadError``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import charset_normalizer

from rectify.data.chinese import DIGITS, chinese_number

from ..limits import DATA_BYTES, pdf_problem, text_problem, unpacked_problem
from .base import Paragraph, ReadError
from .pdf import pdf_paragraphs

MAX_BYTES = 20_000_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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


def text_paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(line, number) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]


# --- plain text ---------------------------------------------------------------------

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


# --- .docx ---------------------------------------------------------------------------

_HEADING = re.compile(r"^(heading|标题)\s*(\d)$", re.IGNORECASE)


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
            paragraphs += table_paragraphs(_rows(block), len(paragraphs) + 1)
    if not paragraphs:
        raise ReadError("这个 .docx 文件里没有文字")
    return paragraphs


def _rows(table: object) -> list[list[list[str]]]:
    """Each row of a Word table as its cells, each cell as its paragraphs (a merged cell is one cell)."""
    rows = []
    for row in table.iter(f"{_W}tr"):  # type: ignore[attr-defined]
        cells: list[list[str]] = []
        for cell in row.iter(f"{_W}tc"):
            texts = ["".join(node.text or "" for node in p.iter(f"{_W}t")).strip() for p in cell.iter(f"{_W}p")]
            cells.append([t for t in texts if t])
        rows.append(cells)
    return rows


def _column(header: str) -> str | None:
    from ..ledger.sheets import HEADER_WORDS

    word = re.sub(r"[（(][^）)]*[）)]|\s", "", header)
    return next((name for name, words in HEADER_WORDS.items() if word in words), None)


def table_paragraphs(rows: list[list[list[str]]], first: int) -> list[Paragraph]:
    """A table as paragraphs. Findings given as a table (a header row naming 问题 and 整改措施, as in a
    ledger) become one problem per row: the category when it changes, the quoted problem, the
    measures, and the other columns as ``表头：内容`` lines (整改状态：…, 责任人：…) read like the text's."""
    paragraphs: list[Paragraph] = []

    def add(text: str, level: int | None = None) -> None:
        paragraphs.append(Paragraph(text, first + len(paragraphs), level))

    header = [" ".join(cell) for cell in rows[0]] if rows else []
    columns = [_column(name) for name in header]
    if "problem" not in columns or "measures" not in columns:
        for cells in rows:
            texts = ["".join(cell) for cell in cells if cell]
            shown = [t for i, t in enumerate(texts) if i == 0 or t != texts[i - 1]]  # merged cells repeat
            if shown:
                add("　".join(shown))
        return paragraphs
    # The header row names the columns: it is read, not imported as text.
    category = None
    for cells in rows[1:]:
        fields = {name: cell for name, cell in zip(columns, cells, strict=False) if name}
        problem = " ".join(fields.get("problem", []))
        if not problem:
            for cell in cells:
                if cell:
                    add("".join(cell))
            continue
        if fields.get("category") and " ".join(fields["category"]) != category:
            category = " ".join(fields["category"])
            add(category, 2)
        add(problem if re.match(r"^(针对|关于|对于)?[“\"]", problem) else f"“{problem}”", 3)
        for text in fields.get("measures", []):
            add(text)
        for name, cell in zip(columns, cells, strict=False):
            if cell and name not in ("number", "category", "problem", "measures"):
                add(f"{header[columns.index(name)] if name else ''}：{' '.join(cell)}".lstrip("："))
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
        return "".join(DIGITS[int(d)] for d in str(n))
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


# --- .doc, .wps, .rtf through LibreOffice -------------------------------------------------

SOFFICE_PACKAGE = "libreoffice-writer"
NO_LIBREOFFICE = (
    "这是旧版 Word（.doc）、WPS（.wps）或 RTF 文件，要先用 LibreOffice（免费的办公软件）转换，"
    "但本机没有找到 LibreOffice。任选一种办法：\n"
    "  1. 在 Word 或 WPS 中打开这个文件，“另存为”Word 文档（.docx），再导入这个 .docx 文件；\n"
    "  2. 安装 LibreOffice 后再导入：Windows 从单位软件中心或 libreoffice.org 安装；"
    f"Debian、统信 UOS、银河麒麟运行 sudo apt-get install {SOFFICE_PACKAGE}"
)


def soffice() -> str | None:
    """LibreOffice's program: on the PATH, or where its Windows installer puts it (not on the PATH)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for variable in ("PROGRAMFILES", "PROGRAMFILES(X86)"):
        folder = os.environ.get(variable)
        program = Path(folder) / "LibreOffice" / "program" / "soffice.exe" if folder else None
        if program and program.is_file():
            return str(program)
    return None


def converted_paragraphs(path: Path) -> list[Paragraph]:
    """An old Word, WPS or RTF file converted to .docx by LibreOffice, then read as .docx."""
    program = soffice()
    if not program:
        raise ReadError(NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="rectify-soffice-") as work:
        folder = Path(work)
        source = folder / ("source" + (path.suffix.lower() if path.suffix else ".doc"))
        shutil.copyfile(path, source)
        profile = (folder / "profile").as_uri()  # a profile of its own: runs never share or lock one
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=180, check=False, env={**os.environ, "HOME": work})
        except subprocess.TimeoutExpired:
            raise ReadError(
                "LibreOffice 转换这个文件超过 3 分钟没有完成；请在 Word/WPS 中“另存为”.docx 后再导入"
            ) from None
        converted = folder / "out" / (source.stem + ".docx")
        if not converted.is_file():
            raise ReadError(
                "LibreOffice 无法转换这个文件（可能已损坏，或不是 Word/WPS 文档）；请在 Word/WPS 中“另存为”.docx 后再导入"
            )
        return docx_paragraphs(converted)
