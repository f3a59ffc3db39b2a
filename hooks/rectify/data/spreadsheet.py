"""Text in a spreadsheet cell stays text: the one rule for every CSV and workbook the project writes.

Excel, WPS and LibreOffice run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after a tab,
carriage return or spaces) as a formula: ``=HYPERLINK(…)`` from the data would become a link that
runs when clicked. Such a cell is written with a leading ``'`` in a CSV (Excel's own mark for "text
as typed") and as text marked with that same quote prefix in a workbook.
"""

from __future__ import annotations

_FORMULA_START = ("=", "+", "-", "@")
_CONTROL_START = ("\t", "\r")


def runs_as_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (or a sign) rather than as text."""
    return text.startswith(_CONTROL_START) or text.lstrip().startswith(_FORMULA_START)


def csv_text(text: str) -> str:
    """``text`` for a CSV cell: a leading ``'`` when a spreadsheet would run it."""
    return "'" + text if runs_as_formula(text) else text
