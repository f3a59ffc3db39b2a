"""A notice in traditional characters (a Big5 file, a Hong Kong or Taiwan style text), read as simplified.

The importer's patterns are written in simplified characters: 关于“…”问题, 联系电话, 已整改完成. A text in
traditional characters (關於「…」問題, 聯繫電話) is read through a copy of it whose characters are folded one
for one to their simplified forms (and 「」『』 to “”‘’), so every pattern sees what it knows; what the
import writes (the data and text.txt) is then given back the text's own characters, span by span from
the same places of the original: the signed text stays as written. A text in simplified characters is
read as it is.
"""

from __future__ import annotations

import re
from typing import Any

from rectify.data.chinese import fold, is_traditional

from .draft import Paragraph

# Values the data check knows by their simplified words, and names the import makes, not the text's.
_KEPT_KEYS = frozenset({"id", "status", "kind", "numbered"})
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|…")


class Folding:
    """The paragraphs to read (folded when traditional), and what was read given back its own characters."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.original = "\n".join(p.text for p in paragraphs)
        self.active = is_traditional(self.original)
        self.folded = fold(self.original) if self.active else self.original
        self.paragraphs = [Paragraph(fold(p.text), p.line, p.level) for p in paragraphs] if self.active else paragraphs
        # A simplified character the text writes one way only can be given back anywhere.
        seen: dict[str, set[str]] = {}
        for simple, own in zip(self.folded, self.original, strict=True):
            seen.setdefault(simple, set()).add(own)
        self._single = {simple: next(iter(own)) for simple, own in seen.items() if len(own) == 1}

    def restore(self, value: str) -> str:
        """``value`` (read from the folded text) in the characters of the text it was read from."""
        if not self.active or not value:
            return value
        out, start = [], 0
        for mark in _PLACEHOLDER.finditer(value):  # {问题总数}, … : the import's, not the text's
            out += [self._run(value[start : mark.start()]), mark.group()]
            start = mark.end()
        return "".join([*out, self._run(value[start:])])

    def _run(self, run: str) -> str:
        """A piece of text, by the longest pieces the folded text holds as they are."""
        out, k = [], 0
        while k < len(run):
            length = self._longest(run, k)
            piece = run[k : k + length]
            spots = {self.original[i : i + length] for i in _places(self.folded, piece)} if length > 1 else set()
            out.append(spots.pop() if len(spots) == 1 else "".join(self._single.get(ch, ch) for ch in piece))
            k += length
        return "".join(out)

    def _longest(self, run: str, k: int) -> int:
        low, high = 1, len(run) - k  # the longest run[k:k+n] found in the folded text (at least 1)
        while low < high:
            middle = (low + high + 1) // 2
            if run[k : k + middle] in self.folded:
                low = middle
            else:
                high = middle - 1
        return low

    def restore_data(self, data: Any, key: str = "") -> Any:
        """Every text value of ``data`` restored, except those the data check knows by simplified words."""
        if not self.active or key in _KEPT_KEYS:
            return data
        if isinstance(data, str):
            return self.restore(data)
        if isinstance(data, dict):
            return {k: self.restore_data(v, k) for k, v in data.items()}
        if isinstance(data, list):
            return [self.restore_data(item, key) for item in data]
        return data


def _places(text: str, piece: str, limit: int = 50) -> list[int]:
    found, at = [], text.find(piece)
    while at >= 0 and len(found) < limit:
        found.append(at)
        at = text.find(piece, at + 1)
    return found
