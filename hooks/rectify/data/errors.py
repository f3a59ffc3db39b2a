"""Data errors that a person can act on: file, line, field, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# A report stays readable when a file repeats one mistake thousands of times.
MAX_LISTED = 100


def printable(text: str) -> str:
    """``text`` safe to print anywhere: bytes of an undecodable file name are shown as ``\\xd5``."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is not an undecodable byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(frozen=True)
class DataError:
    """One mistake in the data, located as precisely as we can."""

    file: Path
    line: int | None
    field: str
    """The technical path, as whoever edits the YAML writes it: categories[1].findings[3].progress[2]."""
    message: str
    name: str = ""
    """The field as the office sees it: 问题3“公务用车管理不规范”的整改进展第2项 (``names.field_name``)."""

    @property
    def label(self) -> str:
        """问题3“…”的整改进展第2项（categories[1].findings[3].progress[2]）, or 字段 path when it has no name."""
        if self.name and self.name != f"字段 {self.field}":
            return f"{self.name}（{self.field}）" if self.field else self.name
        return f"字段 {self.field}" if self.field else ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        label = f" {self.label}：" if self.label else " "
        return printable(f"{where}:{label}{self.message}")


class Remark(DataError):
    """Something the office should check that never stops a build: a signed text is published as
    signed (figures that disagree with the per-problem statuses, a 长期整改 without 责任人)."""


REMARKS_HEADING = "需要本单位核对的地方"


def remarks_report(remarks: list[Remark]) -> str:
    """The remarks under their heading, as ``rectify check`` prints them; empty when there are none."""
    if not remarks:
        return ""
    lines = [f"{REMARKS_HEADING}（{len(remarks)} 处；不影响生成网站，请对照通报原文核对）："]
    lines += [f"  {remark}" for remark in remarks[:MAX_LISTED]]
    if len(remarks) > MAX_LISTED:
        lines.append(f"  ……另有 {len(remarks) - MAX_LISTED} 处没有列出")
    return "\n".join(lines)


class DataInvalid(Exception):
    """Raised when data cannot be used; carries every error found."""

    def __init__(self, errors: list[DataError]) -> None:
        super().__init__(f"{len(errors)} 处数据错误")
        self.errors = errors

    def report(self) -> str:
        lines = [f"数据检查未通过，共 {len(self.errors)} 处错误："]
        lines += [f"  {error}" for error in self.errors[:MAX_LISTED]]
        if len(self.errors) > MAX_LISTED:
            lines.append(f"  ……另有 {len(self.errors) - MAX_LISTED} 处错误没有列出；请先改正上面的错误")
        return "\n".join(lines)
