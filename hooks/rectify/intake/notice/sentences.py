"""Sentences of Chinese prose: where they end (outside quotes and brackets), and text cleaned of what
is never part of it (control and zero-width characters, braces read as placeholders)."""

from __future__ import annotations

import re

_OPENERS = "“‘「『《（(【〔"
_CLOSERS = "”’」』》）)】〕"
_ENDS = "。！？!?"


def _depths(text: str) -> list[int]:
    """Nesting depth in quotes and brackets before each character."""
    depth, ascii_open, result = 0, False, []
    for ch in text:
        result.append(depth + ascii_open)
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif ch == '"':
            ascii_open = not ascii_open
    return result


def _is_end(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _ENDS:
        return True
    # A half-width full stop after Chinese text, not inside a number or an address.
    return ch == "." and i > 0 and is_cjk(text[i - 1]) and (i + 1 == len(text) or not text[i + 1].isascii())


def sentences(text: str) -> list[str]:
    """Split at sentence ends outside quotes and brackets; each piece keeps its end mark."""
    out, start, depths = [], 0, _depths(text)
    for i in range(len(text)):
        if depths[i] == 0 and _is_end(text, i):
            end = i + 1
            while end < len(text) and text[end] in "”’」』）)":
                end += 1
            if end > start and (i + 1 == len(text) or text[i + 1] not in _ENDS):
                out.append(text[start:end])
                start = end
    if text[start:].strip():
        out.append(text[start:])
    return [s for s in (piece.strip() for piece in out) if s]


def first_sentence(text: str, marks: str = _ENDS) -> tuple[str, str]:
    """(the first sentence with its end mark, the rest); the whole text if there is no end."""
    depths = _depths(text)
    for i, ch in enumerate(text):
        if depths[i] == 0 and (ch in marks or (ch == "." and _is_end(text, i))) and i + 1 < len(text):
            return text[: i + 1].strip(), text[i + 1 :].strip()
    return text.strip(), ""


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# Characters the data files refuse (see source.py) and zero-width ones: never part of the text.
INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    r"\ufeff\ufffe\uffff\ud800-\udfff\u00ad\u115f\u1160\u180e\u3164\uffa0]"
)


def clean(text: str) -> str:
    text = INVISIBLE.sub("", text.replace("\u00a0", " ").replace("\t", " "))
    text = text.replace("{", "｛").replace("}", "｝")  # braces would be read as {名称} placeholders
    return text.strip(" \t\r\n\u3000")
