"""What every step of the import passes on: paragraphs in, lines, and the review of what the person
importing should check (remarks, text set aside, comments for fields)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rectify.data.model import STATUSES

from ..imported import Remark

FieldPath = tuple[str | int, ...]
DEFAULT_FORM = "针对“…”问题。"
DEFAULT_ADDRESS_LABEL = "通信地址"
DONE, MOSTLY, IN_PROGRESS, LONG_TERM, NOT_DONE = STATUSES


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the source: a line of a .txt file, or a paragraph or table row of a .docx."""

    text: str
    line: int
    """Line in a .txt file; paragraph number (counting table rows) in a .docx; line of the text layer of a .pdf."""
    level: int | None = None
    """Outline level of a .docx heading style without numbering: 0 title, 1 一、, 2 （一）, 3 1., 4 （1）."""


@dataclass
class Line:
    text: str
    line: int


class ReadError(Exception):
    """The file cannot be read as a notice; the message says why, in Chinese."""


class ImportFailed(Exception):
    """The text cannot be imported at all; the message says why, in Chinese."""


@dataclass
class Review:
    """What the steps tell the person importing: remarks by line, text set aside, comments for fields."""

    remarks: list[Remark] = field(default_factory=list)
    aside: list[tuple[int, str]] = field(default_factory=list)
    """Source text that is not part of the notice page: website chrome, the disclosure header,
    the site and column lines, and per-finding status, person and deadline notes read into fields."""
    notes: dict[FieldPath, str] = field(default_factory=dict)
    """A comment for a field of the written YAML (by its path), e.g. 原文：完成."""

    def remark(self, line: int | None, message: str) -> None:
        self.remarks.append(Remark(line, message))

    def set_aside(self, line: int, text: str) -> None:
        self.aside.append((line, text))
