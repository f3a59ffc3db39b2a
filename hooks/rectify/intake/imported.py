"""What an import makes of a source, a published notice or a ledger: the data files' text, the
findings as data, and the remarks for the person importing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Remark:
    """Something the person importing should check, at a line of the source (None: the whole source,
    or, from a ledger, a message that names its cell itself)."""

    line: int | None
    message: str


@dataclass
class Imported:
    notice_yaml: str
    findings_yaml: str
    findings: dict[str, Any]
    remarks: list[Remark]
    notice: dict[str, Any] = field(default_factory=dict)
    """The notice's data as written to notice.yml (a ledger's notice.yml is the template: empty here)."""
    set_aside: list[tuple[int, str]] = field(default_factory=list)
    """Source text that is not part of the notice page (see ``notice.draft.Review.aside``)."""
    text: str = ""
    """The notice as signed, title to date, one paragraph a line (``text.txt``): the source's
    paragraphs less what is not notice text (website chrome, the disclosure header, the site and
    column lines, a repeated title). A ledger has none."""
