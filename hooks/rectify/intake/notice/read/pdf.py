"""Step 1, read, for a PDF: the lines of its text layer re-joined into paragraphs (pdfminer.six)."""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
from pathlib import Path
from typing import Any

from ...limits import MAX_PDF_PAGES, pages_problem, text_problem
from ..draft import Paragraph, ReadError
from ..patterns import split_label

# Chinese fonts often map common characters to the radical code points (⼯ for 工, ⻰ for 龙): the text
# layer then reads right but is not the same text. Kangxi radicals fold by NFKC; the supplement here.
_SUPPLEMENT = dict(
    zip(
        "⺟⺠⻄⻅⻆⻉⻋⻓⻔⻗⻘⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻬⻮⻰⻳",
        "母民西见角贝车长门雨青页风飞食马骨鬼鱼鸟卤麦黄齐齿龙龟",
        strict=True,
    )
)
_RADICALS = {
    **{code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)},
    **{ord(radical): ideograph for radical, ideograph in _SUPPLEMENT.items()},
}

_STRETCHED = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) +(?=\d)|(?<=\d) +(?=[^\x00-\x7f])")


def _layer_text(text: str) -> str:
    """A line of the text layer as text: radicals folded, the gaps of justified Chinese lines closed."""
    return _STRETCHED.sub("", text.strip().translate(_RADICALS))


_PAGE_FURNITURE = re.compile(r"^[-—－–]?\s*\d{1,3}\s*[-—－–]?$|^第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?$")


_TOKEN_START = re.compile(r"[A-Za-z0-9][A-Za-z0-9@._%+\-/]*")


def _carried_over(previous: tuple[int, float, float, float, float, str], text: str, right: float, width: float) -> bool:
    """The line before stopped short only because a phone number, e-mail or address that cannot be
    broken (0719-3827702) did not fit on it: the paragraph goes on (a contact line split otherwise)."""
    token = _TOKEN_START.match(text)
    if not token or not re.search(r"[A-Za-z0-9@._%+\-/:：]$", previous[5]):
        return False
    return right - previous[3] < (len(token.group(0)) + 1) * 0.6 * width  # an ASCII digit is ~half a character


def _pages(path: Path) -> int:
    """How many pages the PDF has, counted no further than one past the limit (page objects only, no text)."""
    from pdfminer.pdfpage import PDFPage

    with path.open("rb") as file:
        return sum(1 for _ in itertools.islice(PDFPage.get_pages(file), MAX_PDF_PAGES + 1))


def pdf_paragraphs(path: Path) -> list[Paragraph]:
    """The text layer of a PDF, its lines re-joined into paragraphs.

    A line starts a paragraph when it is indented (the first line of a Chinese paragraph, a centred
    title), when the line before it stops short of the right margin, or when it starts with a number
    (一、（一）1.); otherwise it continues the paragraph, across page breaks too. Page numbers stay lines
    of their own (the clean step drops them). ``Paragraph.line`` is the line of the text layer.
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings are not the user's business

    lines: list[tuple[int, float, float, float, float, str]] = []  # page, top, x0, x1, height, text
    size = 0
    try:
        problem = pages_problem(_pages(path))
        if problem:
            raise ReadError(problem)
        for page_number, page in enumerate(extract_pages(str(path), laparams=LAParams()), start=1):
            on_page = []
            for element in page:
                if isinstance(element, LTTextContainer):
                    for line in element:
                        text = _layer_text(line.get_text()) if isinstance(line, LTTextLine) else ""
                        if text:
                            on_page.append((page_number, -line.y1, line.x0, line.x1, line.height, text))
            lines += sorted(on_page)
            size += sum(len(line[5].encode("utf-8")) + 1 for line in on_page)
            if problem := text_problem(size, "PDF 中的文字", f"第 {page_number} 页"):
                raise ReadError(problem)  # read no further: what is past the limit would not import
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many kinds for a damaged or protected file
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise ReadError("这个 PDF 有密码保护，无法读取文字；请提供没有密码的文件") from None
        raise ReadError("无法读取这个 PDF 文件（可能已损坏）；请重新导出 PDF，或提供 .docx 文件") from None
    if not lines:
        raise ReadError("这个 PDF 没有文字层（可能是扫描的图片）；请提供 .docx 文件，或先做文字识别（OCR）后再导入")
    body = [line for line in lines if not _PAGE_FURNITURE.match(line[5])]
    heights = sorted(line[4] for line in body) or [12.0]
    width = heights[len(heights) // 2]  # a Chinese character is about as wide as the line is high
    lefts = [round(line[2]) for line in body]
    left = max(set(lefts), key=lefts.count) if lefts else 0
    right = max((line[3] for line in body), default=0)
    steps = sorted(b[1] - a[1] for a, b in itertools.pairwise(body) if a[0] == b[0] and b[1] > a[1])
    step = steps[len(steps) // 2] if steps else 2 * width  # the usual distance from line to line
    paragraphs: list[list[Any]] = []  # [text, first line]
    current: list[Any] | None = None
    previous: tuple[int, float, float, float, float, str] | None = None
    for number, line in enumerate(lines, start=1):
        page, top, x0, _x1, _, text = line
        if _PAGE_FURNITURE.match(text):
            paragraphs.append([text, number])
            continue
        starts = (
            current is None
            or previous is None
            or x0 > left + 1.2 * width  # indented: a paragraph's first line, or a centred title
            or (previous[3] < right - 1.5 * width and not _carried_over(previous, text, right, width))
            or (page == previous[0] and top - previous[1] > 1.4 * step)  # space between paragraphs
            or (bool(split_label(text)[0]) and previous[5][-1:] in "。：:；;！!？?")
        )
        if starts:
            current = [text, number]
            paragraphs.append(current)
        else:
            assert current is not None
            glue = " " if current[0][-1:].isascii() and current[0][-1:].isalnum() and text[:1].isascii() else ""
            current[0] += glue + text
        previous = line
    return [Paragraph(text, number) for text, number in sorted(paragraphs, key=lambda p: p[1])]
