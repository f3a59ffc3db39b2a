"""Data errors that a person can act on: file, line, field, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        return f"{where}:{field}{self.message}"


class DataInvalid(Exception):
    """Raised when data cannot be used; carries every error found."""

    def __init__(self, errors: list[DataError]) -> None:
        super().__init__(f"{len(errors)} 处数据错误")
        self.errors = errors

    def report(self) -> str:
        lines = [f"数据检查未通过，共 {len(self.errors)} 处错误："]
        lines += [f"  {error}" for error in self.errors]
        return "\n".join(lines)
