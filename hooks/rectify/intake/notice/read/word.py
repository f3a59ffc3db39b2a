"""Step 1, read, for a Word file (.docx): paragraphs in document order, Word's automatic numbering written
out, heading styles as outline levels, a table of findings as one problem per row."""

from __future__ import annotations

import re
from pathlib import Path

from rectify.data.chinese import DIGITS, chinese_number

from ..draft import Paragraph, ReadError

_WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # WordprocessingML, in lxml's tags
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
        if block.tag == f"{_WORD_NS}p":
            text = "".join(node.text or "" for node in block.iter(f"{_WORD_NS}t", f"{_WORD_NS}tab"))
            if not text.strip():
                continue
            style = _style_of(document, block)
            label = numbering.label(block, style)
            level = _level(style) if not label else None
            paragraphs.append(Paragraph(label + text.strip(), len(paragraphs) + 1, level))
        elif block.tag == f"{_WORD_NS}tbl":
            paragraphs += table_paragraphs(_rows(block), len(paragraphs) + 1)
    if not paragraphs:
        raise ReadError("这个 .docx 文件里没有文字")
    return paragraphs


def _rows(table: object) -> list[list[list[str]]]:
    """Each row of a Word table as its cells, each cell as its paragraphs (a merged cell is one cell)."""
    rows = []
    for row in table.iter(f"{_WORD_NS}tr"):  # type: ignore[attr-defined]
        cells: list[list[str]] = []
        for cell in row.iter(f"{_WORD_NS}tc"):
            texts = [
                "".join(node.text or "" for node in p.iter(f"{_WORD_NS}t")).strip() for p in cell.iter(f"{_WORD_NS}p")
            ]
            cells.append([t for t in texts if t])
        rows.append(cells)
    return rows


def _column(header: str) -> str | None:
    from rectify.intake.ledger.sheets import HEADER_WORDS

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
    p_pr = block.find(f"{_WORD_NS}pPr")  # type: ignore[attr-defined]
    style = p_pr.find(f"{_WORD_NS}pStyle") if p_pr is not None else None
    if style is None:
        return None
    try:
        return document.styles.get_by_id(style.get(f"{_WORD_NS}val"), 1)  # type: ignore[attr-defined]
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
        for item in root.iterchildren(f"{_WORD_NS}abstractNum"):
            levels = {}
            for lvl in item.iterchildren(f"{_WORD_NS}lvl"):
                fmt = lvl.find(f"{_WORD_NS}numFmt")
                text = lvl.find(f"{_WORD_NS}lvlText")
                start = lvl.find(f"{_WORD_NS}start")
                levels[int(lvl.get(f"{_WORD_NS}ilvl"))] = (
                    fmt.get(f"{_WORD_NS}val") if fmt is not None else "decimal",
                    text.get(f"{_WORD_NS}val") if text is not None else "",
                    int(start.get(f"{_WORD_NS}val")) if start is not None else 1,
                )
            abstract[item.get(f"{_WORD_NS}abstractNumId")] = levels
        for num in root.iterchildren(f"{_WORD_NS}num"):
            ref = num.find(f"{_WORD_NS}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{_WORD_NS}val"), {}).items():
                self.levels[(num.get(f"{_WORD_NS}numId"), ilvl)] = spec

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
    p_pr = block.find(f"{_WORD_NS}pPr")  # type: ignore[attr-defined]
    num_pr = p_pr.find(f"{_WORD_NS}numPr") if p_pr is not None else None
    return _read_num_pr(num_pr)


def _style_num_pr(style: object | None) -> tuple[str, int] | None:
    while style is not None:
        element = getattr(style, "element", None)
        p_pr = element.find(f"{_WORD_NS}pPr") if element is not None else None
        found = _read_num_pr(p_pr.find(f"{_WORD_NS}numPr") if p_pr is not None else None)
        if found:
            return found
        style = getattr(style, "base_style", None)
    return None


def _read_num_pr(num_pr: object | None) -> tuple[str, int] | None:
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{_WORD_NS}numId")  # type: ignore[attr-defined]
    ilvl = num_pr.find(f"{_WORD_NS}ilvl")  # type: ignore[attr-defined]
    if num_id is None:
        return None
    return num_id.get(f"{_WORD_NS}val"), int(ilvl.get(f"{_WORD_NS}val")) if ilvl is not None else 0


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
