"""``rectify import``: the text of a published notice into data (notice.yml, findings.yml), losing nothing.

A pipeline of small steps, one module each, in the order they run:

1. ``read``     – the file into paragraphs, one module per format: ``read.text`` (.txt in any Chinese
                  encoding), ``read.word`` (.docx: numbering written out, heading levels, findings
                  given as a table), ``read.pdf`` (text layer, lines re-joined into paragraphs),
                  ``read.office`` (.doc/.wps/.rtf through LibreOffice);
2. ``clean``    – website chrome dropped and listed, the disclosure header read;
3. ``outline``  – title (missing, split, repeated), contact and signature, the numbered tree;
4. ``classify`` – categories, problems (with their sub-problems), narrative sections;
5. ``fields``   – each problem's quoted text, measures, status only as stated (``figures``: stated
                  numbers; ``dates``: the inspection; ``contact``: contact and publication);
6. ``write``    – YAML with comments through ruamel.yaml (``rectify.data.yamlio``).

``importer`` runs them (a text in traditional characters read through ``traditional``). Beneath the
steps: ``patterns`` (numbers, dates, numbering, contact keys, a finding's heading, read by several
steps), ``sentences`` (where sentences end, text cleaned) and ``draft`` (paragraphs, lines, the
review of remarks). A step imports only the steps before it and what is beneath them
(pyproject.toml, contract ``importer``).

Pure: paragraphs in, data, YAML text and remarks (``FILE:LINE: …``) out; no files written here.
Nothing is refused that has content: what cannot be placed stays as narrative at its place with a
remark; what the text does not state (a title, a date, a status) stays empty, never invented.
"""

from __future__ import annotations

from ..imported import Imported, Remark
from .clean import chrome_values
from .draft import DEFAULT_ADDRESS_LABEL, DEFAULT_FORM, ImportFailed, Line, Paragraph, Review
from .fields import read_finding, split_lead
from .figures import DISCIPLINE_RULES, FIGURE_RULES, Figures
from .importer import import_paragraphs, import_text
from .outline import Node, outline
from .patterns import parse_date, split_label
from .sentences import sentences

__all__ = [
    "DEFAULT_ADDRESS_LABEL",
    "DEFAULT_FORM",
    "DISCIPLINE_RULES",
    "FIGURE_RULES",
    "Figures",
    "ImportFailed",
    "Imported",
    "Line",
    "Node",
    "Paragraph",
    "Remark",
    "Review",
    "chrome_values",
    "import_paragraphs",
    "import_text",
    "outline",
    "parse_date",
    "read_finding",
    "sentences",
    "split_label",
    "split_lead",
]
