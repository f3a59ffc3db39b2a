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
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        field = f" 字段 {self.field}：" if self.field else " "
        return printable(f"{where}:{field}{self.message}")


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
