"""The formulas and links of an .xlsx ledger, which reading saved values alone would lose.

A ledger is read by its saved values (what Excel or WPS showed when the file was last saved). A file
written by a program (openpyxl, a reporting system's export) holds formulas without any saved value:
read as values they are empty, and a department or a status would vanish without a word. So the
formulas are read in a second, streaming pass: a formula without a saved value is named with its
cell, a ``=HYPERLINK("网址","名称")`` gives its address and name even unsaved, and a formula whose
saved value is an error (#REF!) is named rather than imported as text. Links made with 插入—超链接
are read from the cells themselves.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

Cell = tuple[int, int]

_HYPERLINK = re.compile(
    r'^=\s*HYPERLINK\s*\(\s*"(?P<target>(?:[^"]|"")*)"\s*(?:[,;，]\s*"(?P<name>(?:[^"]|"")*)"\s*)?\)\s*$',
    re.IGNORECASE,
)
_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")


@dataclass
class Extras:
    """What one sheet's saved values do not say: links, formulas without a value, formulas in error."""

    links: dict[Cell, str] = field(default_factory=dict)
    """The address each linked cell points to (a web address, a file on the office's computer…)."""
    uncomputed: dict[Cell, str] = field(default_factory=dict)
    """The formula of each cell that has no saved value."""
    failed: dict[Cell, tuple[str, str]] = field(default_factory=dict)
    """(formula, error value) of each cell whose saved value is an error."""


def hyperlink(formula: str) -> tuple[str, str | None] | None:
    """(address, name or None) of a ``=HYPERLINK("…"[, "…"])`` formula written with literal text."""
    match = _HYPERLINK.match(formula)
    if not match or not match.group("target").strip():
        return None
    name = match.group("name")
    return match.group("target").replace('""', '"').strip(), name.replace('""', '"') if name is not None else None


def sheet_formulas(raw: bytes) -> dict[str, dict[Cell, str]]:
    """Every formula of the .xlsx ``raw`` by sheet title and cell, read as a stream (saved values unread)."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    try:
        return {
            ws.title: {
                (cell.row, cell.column): str(cell.value)
                for row in ws.iter_rows()
                for cell in row
                if getattr(cell, "data_type", None) == "f" and cell.value is not None
            }
            for ws in workbook.worksheets
            if hasattr(ws, "iter_rows")
        }
    finally:
        workbook.close()


def apply(values: dict[Cell, Any], kinds: dict[Cell, str], formulas: dict[Cell, str], extras: Extras) -> None:
    """Fill ``extras`` from a sheet's formulas; a HYPERLINK without a saved value gets its name into ``values``.

    ``kinds`` holds openpyxl's data type of each cell as saved: a formula whose saved result is an empty
    text is ``str`` (Excel, WPS and LibreOffice write it so), while a formula never computed has no type.
    """
    for cell, formula in formulas.items():
        link = hyperlink(formula)
        if link:
            extras.links.setdefault(cell, link[0])
            if values.get(cell) is None:
                values[cell] = link[1] if link[1] is not None else link[0]
            continue
        value = values.get(cell)
        if value is None and kinds.get(cell) != "str":
            extras.uncomputed[cell] = formula
        elif kinds.get(cell) == "e" or (isinstance(value, str) and value in _ERRORS):
            extras.failed[cell] = (formula, str(value))
            values.pop(cell, None)
