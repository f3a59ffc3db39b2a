"""The signed text of a notice (``text.txt``) and where the data's parts stand in it.

A notice folder may keep the text exactly as the office signed it, one paragraph a line. The
notice page and its PDF are then that text and nothing else: ``layout`` gives each line a role
(title, heading, category, finding, signature…) by finding the data's parts in it, in order,
without changing a character; ``check_traced`` names what the data states but the text does not, for
``rectify check`` to report with its line. Matching ignores only the difference between ASCII and
full-width punctuation (one character for one, so positions in the folded text are positions in
the text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .checks import PROGRESS_HINT
from .chinese import DIGITS, NUMERALS
from .errors import DataError
from .model import Category, Finding, Notice, TextLine, status_of_wording
from .source import BAD_CHARACTER, Document, FieldPath, character_problem, read_text

TEXT_FILE = "text.txt"
Placed = TypeVar("Placed", Category, Finding)

_FULL_WIDTH = str.maketrans(",:;()?!", "，：；（）？！")
_SECTION_HEADING = re.compile(f"^[{NUMERALS}]+、")
_PART_HEADING = re.compile(f"^[（(][{NUMERALS}]+[）)]")
_SIGNED_DATE = re.compile(
    rf"(\d{{4}}|[○零{DIGITS}]{{4}})\s*年\s*[\d{NUMERALS}]{{1,3}}\s*月\s*[\d{NUMERALS}]{{1,3}}\s*日$"
)
# A heading line stands alone: short, with no sentence inside it.
_HEADING_MAX = 60
# Where a text states a problem's status: a whole sentence (已完成整改。), one before 预计…
# (正在整改，预计年底前完成。), a bracket (（已完成）) or a label (整改状态：已完成). Never a clause
# inside a measure (……，持续推进。), which is no status.
_STATUS_LABEL = re.compile(r"整改(?:状态|情况)[：:]\s*([^。；;，,\s]+)")
_BRACKETED = re.compile(r"[（(]([^（）()]+)[）)]")


def read_signed_text(folder: Path) -> tuple[tuple[TextLine, ...], list[DataError]]:
    """The lines of ``folder/text.txt`` (blank lines and surrounding spaces dropped), or no lines
    when the notice keeps no signed text; a file that cannot be read is an error."""
    path = folder / TEXT_FILE
    if not path.exists() and not path.is_symlink():
        return (), []
    text, problem, line = read_text(path)
    if problem:
        problem = problem.replace(" YAML 文本", "文本").replace(" YAML 格式的数据", "通报原文，一段一行")
        return (), [DataError(path, line, "", problem.replace("一份数据文件", "通报原文"))]
    assert text is not None
    lines = tuple(
        TextLine(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1) if line.strip()
    )
    if not lines:
        return (), [DataError(path, None, "", "文件是空的；应为通报原文，一段一行")]
    bad = [(line, BAD_CHARACTER.search(line.text)) for line in lines]
    errors = [DataError(path, line.number, "", character_problem(match.group())) for line, match in bad if match]
    return (lines, []) if not errors else ((), errors)


def fold(text: str) -> str:
    """``text`` with ASCII punctuation as its full-width form, character for character."""
    return text.translate(_FULL_WIDTH)


@dataclass(frozen=True)
class Block:
    """One line of the signed text and its role on the page."""

    role: str
    """title, section (一、), part (（一）), category, finding, signature or text."""
    lines: tuple[TextLine, ...]
    """One line; the title and a two-line signature may take two."""
    lead: int = 0
    """Characters at the start that head the paragraph: a run-in （一）… heading, or the quote of a
    finding (linked to its page); 0 when the line is all heading or has none."""
    number: tuple[int, ...] = ()
    """(section,) or (section, part) for headings, in the order the text gives them; (section,) for
    a finding that is a 一、 heading itself."""
    category: Category | None = None
    finding: Finding | None = None

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Layout:
    blocks: tuple[Block, ...]
    titled: bool
    """Whether the text starts with the notice's title (else the page supplies it as a heading)."""


def layout(notice: Notice) -> Layout:
    """Every line of the notice's signed text, in order, with its role."""
    lines = list(notice.text)
    head = _title_lines(lines, notice.title)
    tail = _signature_lines(lines[len(head) :], notice.signer)
    body = lines[len(head) : len(lines) - len(tail)]
    blocks: list[Block] = [Block("title", tuple(head))] if head else []
    categories = list(notice.categories)
    findings = list(notice.findings)
    sections = parts = 0
    for line in body:
        text = fold(line.text)
        category = _first(categories, lambda c, text=text: _is_category(text, c))
        finding = _first(findings, lambda f, text=text: _finding_lead(text, f) > 0) if category is None else None
        heading = _SECTION_HEADING.match(text) is not None and _standalone(text)
        if heading:
            sections, parts = sections + 1, 0
        if finding:
            # A problem may stand at the 一、 level itself: it is a section of the text too.
            lead = _finding_lead(text, finding)
            number = (sections,) if heading else ()
            blocks.append(
                Block("finding", (line,), lead=0 if lead == len(text) else lead, number=number, finding=finding)
            )
        elif heading:
            # A notice whose problems sit directly under 一、二、 has its categories at this level.
            blocks.append(Block("section", (line,), number=(sections,), category=category))
        elif category:
            blocks.append(Block("category", (line,), category=category))
        elif _PART_HEADING.match(text) and sections:
            parts += 1
            lead = 0 if _standalone(text) else _run_in(text)
            blocks.append(Block("part", (line,), lead=lead, number=(sections, parts)))
        else:
            blocks.append(Block("text", (line,)))
    if tail:
        blocks.append(Block("signature", tuple(tail)))
    return Layout(tuple(blocks), bool(head))


def _first(queue: list[Placed], matches: Callable[[Placed], bool]) -> Placed | None:
    """The first item of ``queue`` that ``matches``, taken off with every item before it: the text
    gives the data's parts in order, and one it skips is not looked for again (a remark)."""
    for index, item in enumerate(queue):
        if matches(item):
            del queue[: index + 1]
            return item
    return None


def _title_lines(lines: list[TextLine], title: str) -> list[TextLine]:
    """The first lines when together they are the title (a title may be set over two lines)."""
    wanted, joined = fold(title).replace(" ", ""), ""
    for count, line in enumerate(lines[:3], start=1):
        joined += fold(line.text).replace(" ", "")
        if joined == wanted:
            return lines[:count]
        if not wanted.startswith(joined):
            break
    return []


def _signature_lines(lines: list[TextLine], signer: str) -> list[TextLine]:
    """The last line when it ends with the date, and the signer's line above it when apart."""
    if not lines or not _SIGNED_DATE.search(lines[-1].text) or len(lines[-1].text) > 60:
        return []
    last = lines[-1].text
    if last[: _SIGNED_DATE.search(last).start()].strip() or len(lines) < 2:  # type: ignore[union-attr]
        return lines[-1:]
    above = lines[-2].text
    if above == signer or (len(above) <= 40 and not re.search(r"[。：:；;，,]", above)):
        return lines[-2:]
    return lines[-1:]


def signature_parts(block: Block) -> tuple[str, str]:
    """(signer, date) as the text writes them."""
    if len(block.lines) == 2:
        return block.lines[0].text, block.lines[1].text
    text = block.text
    match = _SIGNED_DATE.search(text)
    assert match is not None
    return text[: match.start()].rstrip(), text[match.start() :]


def _standalone(text: str) -> bool:
    inner = text.rstrip("。；;：:")
    return len(text) <= _HEADING_MAX and not re.search(r"[。！？；]", inner)


def _run_in(text: str) -> int:
    """The length of a run-in heading (（一）层层落实整改责任。…), or 0."""
    end = text.find("。")
    return end + 1 if 0 < end < _HEADING_MAX else 0


def _is_category(text: str, category: Category) -> bool:
    title = fold(category.title)
    numbered = _PART_HEADING.match(text) or _SECTION_HEADING.match(text)
    return text == title or (numbered is not None and title in text and len(text) - len(title) <= 8)


def _finding_lead(text: str, finding: Finding) -> int:
    """Where the finding's quote (or else its problem) ends in the line, or 0 when it is not there."""
    for needle in (fold(finding.quote), fold(finding.problem)):
        at = text.find(needle) if needle else -1
        # The problem is quoted near the start of its line: after a number and 针对“/关于“.
        if 0 <= at <= 16:
            end = at + len(needle)
            return end + 1 if text[end : end + 1] == "。" else end
    return 0


def _statuses(text: str) -> set[str]:
    """The statuses ``text`` states, by the wording table."""
    found = set()
    for sentence in re.split(r"[。；;]", text):
        sentence = sentence.strip()
        candidates = [sentence, sentence.split("，预计")[0], *_BRACKETED.findall(sentence)]
        for wording in candidates + _STATUS_LABEL.findall(sentence):
            status = status_of_wording(wording)
            if status:
                found.add(status)
    return found


def stated_statuses(notice: Notice) -> dict[int, tuple[str, int]]:
    """For each finding (by ``id``) whose text in ``text.txt`` states one status: that status and the
    line that states it. A finding stating none, or several (its sub-problems'), is left out."""
    stated: dict[int, tuple[str, int]] = {}
    current: Finding | None = None
    seen: dict[str, int] = {}
    for block in [*layout(notice).blocks, Block("signature", ())]:
        if block.role in ("finding", "category", "section", "part", "signature", "title"):
            if current is not None and len(seen) == 1:
                stated[id(current)] = next(iter(seen.items()))
            current, seen = block.finding, {}
        if current is not None:
            for status in _statuses(block.text):
                seen.setdefault(status, block.lines[0].number)
    return stated


def status_remarks(notice: Notice, findings_doc: Document) -> None:
    """A remark where a finding's ``status`` is not what its text states: usually a status changed
    after publication, which belongs in a ``progress`` entry."""
    if not notice.text:
        return
    stated = stated_statuses(notice)
    for c_index, category in enumerate(notice.categories):
        for f_index, finding in enumerate(category.findings):
            if id(finding) not in stated or finding.status is None or finding.subproblems:
                continue
            status, line = stated[id(finding)]
            if finding.status != status:
                findings_doc.remark(
                    ("categories", c_index, "findings", f_index, "status"),
                    f"整改状态写的是“{finding.status}”，但通报原文（{TEXT_FILE} 第 {line} 行）写的是“{status}”。"
                    f"{PROGRESS_HINT}；若是导入时读错了，请改成原文的状态",
                )


def check_traced(notice: Notice, findings_doc: Document) -> None:
    """A remark on ``findings.yml`` for every category, problem and measure that the signed text
    does not give, in order: the page shows the text, the finding pages the data, and the office
    should see where the two differ. Never an error: the signed text is published as signed."""
    if not notice.text:
        return
    found = layout(notice)
    placed = {id(b.category) for b in found.blocks if b.category} | {id(b.finding) for b in found.blocks if b.finding}
    whole = fold("".join(line.text for line in notice.text))
    for c_index, category in enumerate(notice.categories):
        c_path: FieldPath = ("categories", c_index)
        if id(category) not in placed:
            findings_doc.remark(
                (*c_path, "title"),
                f"分类标题“{category.title}”在 {TEXT_FILE} 中没有找到（或不在应有的位置）；请核对数据与原文是否一致",
            )
        for f_index, finding in enumerate(category.findings):
            f_path: FieldPath = (*c_path, "findings", f_index)
            if id(finding) not in placed:
                findings_doc.remark(
                    (*f_path, "problem"),
                    f"问题{finding.number}的原文在 {TEXT_FILE} 中没有找到（或不在应有的位置）：“{finding.problem}”；"
                    "请核对数据与原文是否一致",
                )
            for m_index, measure in enumerate(finding.measures):
                if fold(measure) not in whole:
                    findings_doc.remark(
                        (*f_path, "measures", m_index),
                        f"这条整改措施在 {TEXT_FILE} 中没有找到：“{measure}”；网站的通报全文按原文显示，"
                        "问题页按数据显示，请核对两者是否一致",
                    )
