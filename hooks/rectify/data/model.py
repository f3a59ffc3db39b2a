"""The notice as immutable data, and the figures computed from it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .chinese import fold
from .errors import Remark

# The closed vocabulary of statuses, in the order a reader sees them,
# with the stable slug used for CSS classes and filters.
STATUSES: dict[str, str] = {
    "已完成": "done",
    "基本完成（持续整改）": "mostly-done",
    "正在整改": "in-progress",
    "长期整改": "long-term",
    "未完成": "not-done",
}
COMPLETED = "已完成"
# A finding whose status the notice does not state: shown in these words, counted on its own,
# never guessed. Not one of ``STATUSES``: it cannot be written as a status in the data.
UNSTATED = "通报未写明"
UNSTATED_SLUG = "unstated"

# How notices word a status (整改状态：阶段性完成) → the status it means: the one table of
# wordings, shown on the data format page. A wording not listed here is kept as written and
# never mapped: the finding's status then stays unstated unless the author writes one.
STATUS_WORDINGS: dict[str, str] = {
    "已完成": "已完成",
    "完成": "已完成",
    "完成整改": "已完成",
    "已完成整改": "已完成",
    "整改完成": "已完成",
    "已整改": "已完成",
    "已整改到位": "已完成",
    "已办结": "已完成",
    "办结": "已完成",
    "已销号": "已完成",
    "已整改完成": "已完成",
    "已全部完成": "已完成",
    "已全部整改到位": "已完成",
    "已全部完成整改": "已完成",
    "整改到位": "已完成",
    "立行立改，已完成整改": "已完成",
    "立行立改，已完成": "已完成",
    "立行立改，已整改到位": "已完成",
    "已立行立改": "已完成",
    "基本完成（持续整改）": "基本完成（持续整改）",
    "基本完成": "基本完成（持续整改）",
    "基本完成整改": "基本完成（持续整改）",
    "阶段性完成": "基本完成（持续整改）",
    "阶段性完成整改": "基本完成（持续整改）",
    "基本完成（阶段性成果，持续整改）": "基本完成（持续整改）",
    "正在整改": "正在整改",
    "整改中": "正在整改",
    "正在推进": "正在整改",
    "推进中": "正在整改",
    "正在落实": "正在整改",
    "正在整改中": "正在整改",
    "正在推进中": "正在整改",
    "整改推进中": "正在整改",
    "长期整改": "长期整改",
    "长期坚持": "长期整改",
    "长期坚持整改": "长期整改",
    "需长期坚持": "长期整改",
    "此项需长期坚持": "长期整改",
    "该项需长期坚持": "长期整改",
    "需长期坚持整改": "长期整改",
    "需长期整改": "长期整改",
    # Ledgers and progress notices use 持续推进 for an item that stays open for the long term.
    "持续推进": "长期整改",
    "长期": "长期整改",
    "未完成": "未完成",
    "未完成整改": "未完成",
    "尚未完成": "未完成",
    "未整改": "未完成",
}


def status_of_wording(wording: str) -> str | None:
    """The status a notice's wording means by ``STATUS_WORDINGS``, or ``None`` when it is not listed.

    Spaces, a closing 。；; and ASCII brackets are ignored: 阶段性完成。 and 基本完成(持续整改) match, and
    traditional characters are read as simplified: 需長期堅持整改 is 需长期坚持整改."""
    key = "".join(fold(wording).split()).rstrip("。；;").replace("(", "（").replace(")", "）").replace(",", "，")
    return STATUS_WORDINGS.get(key)


# Figures a notice may state that are checked against the findings.
# Name in ``figures`` → status counted (``None`` means all findings).
COUNTED_FIGURES: dict[str, str | None] = {
    "问题总数": None,
    "已完成": "已完成",
    "基本完成": "基本完成（持续整改）",
    "正在整改": "正在整改",
    "长期整改": "长期整改",
    "未完成": "未完成",
}
RATE_FIGURE = "完成率"


@dataclass(frozen=True)
class Inspection:
    kind: str
    """巡视 or 巡察."""
    team: str
    start: date | None
    """``None`` (as ``end`` and ``feedback``) when the notice does not state the day."""
    end: date | None
    feedback: date | None
    """The day the inspection team gave its findings to the organisation."""
    round: str | None = None
    """The inspection round the notice belongs to (e.g. 十四届县委第五轮巡察), as the office names it;
    the notices of one round are compared on its page (``data.rounds``)."""


@dataclass(frozen=True)
class Figure:
    """A figure the notice states with its unit, e.g. 党纪处分120人（党内警告72人，严重警告34人）."""

    name: str
    value: str
    """As written: 120, 7.132."""
    unit: str | None = None
    breakdown: tuple[Figure, ...] = ()
    """Its parts as the notice lists them (not necessarily all of them)."""

    @property
    def text(self) -> str:
        """E.g. 120人（党内警告72人，严重警告34人）."""
        parts = "，".join(f"{part.name}{part.value}{part.unit or self.unit or ''}" for part in self.breakdown)
        return f"{self.value}{self.unit or ''}" + (f"（{parts}）" if parts else "")


@dataclass(frozen=True)
class Contact:
    intro: str
    phone: str | None
    address: str | None
    address_label: str
    email: str | None


@dataclass(frozen=True)
class Progress:
    """A dated step of a finding's rectification after the notice."""

    date: date
    status: str
    text: str
    status_text: str | None = None
    """The progress notice's own wording of the status (阶段性完成…), kept as written."""
    deadline: str | None = None
    """A new deadline this step sets (完成时限, as written); ``reason`` then says why."""
    due: date | None = None
    """The day the new ``deadline`` gives (``data.deadlines``)."""
    reason: str | None = None
    """Why the deadline moved (required with ``deadline``)."""
    evidence: tuple[Evidence, ...] = ()
    """Supporting material (佐证材料) for this step."""


@dataclass(frozen=True)
class Evidence:
    """A piece of supporting material (佐证材料), optionally with a link to the published file."""

    text: str
    link: str | None = None
    file: str | None = None
    """A file in the notice's folder (evidence/…), published beside its pages."""
    type: str | None = None
    """The file's media type (application/pdf), size in bytes and SHA-256, as read at the build."""
    size: int | None = None
    sha256: str | None = None


def all_evidence(finding: Finding) -> tuple[Evidence, ...]:
    """A finding's own evidence, then each progress step's, oldest first."""
    return finding.evidence + tuple(e for step in finding.progress for e in step.evidence)


def evidence_text(evidence: Evidence) -> str:
    """A piece of evidence as one line of plain text: its name, and its address in brackets."""
    if evidence.file:
        return f"{evidence.text}（{evidence.file}，{evidence.size} 字节，SHA-256：{evidence.sha256}）"
    return f"{evidence.text}（{evidence.link}）" if evidence.link else evidence.text


@dataclass(frozen=True)
class Subproblem:
    """A （1）-level problem inside a finding, with its own measures (three-level notices)."""

    problem: str
    form: str
    """How the notice introduces it; ``…`` stands for the problem."""
    measures: tuple[str, ...]
    numbered: bool
    status: str | None = None
    """The status the notice states for it, if any (not counted: findings are the unit)."""
    status_text: str | None = None
    """The notice's own wording of that status, e.g. 阶段性完成."""
    responsible: str | None = None
    """The person the notice names for it (整改责任人), if any."""
    deadline: str | None = None
    """The deadline the notice states for it (完成时限), as written."""
    due: date | None = None
    """The day ``deadline`` gives by the rules of ``data.deadlines`` (or the office's ``due``); ``None``
    for long-term or unclear words."""

    @property
    def quote(self) -> str:
        return self.form.replace("…", self.problem)


@dataclass(frozen=True)
class Finding:
    id: str
    number: int
    """Position in the whole notice, counting from 1 across categories."""
    category_id: str
    short: str
    """The name lists and titles use: the data's ``short``, or the problem in full when it gives none."""
    problem: str
    form: str
    """How the notice introduces the problem; ``…`` stands for the problem."""
    measures: tuple[str, ...]
    numbered: bool
    """Whether the measures read 一是…二是… or as plain sentences."""
    status: str | None
    """The status the notice states (checked against its stated figures); ``None`` when it states none."""
    responsible: str | None
    deadline: str | None
    progress: tuple[Progress, ...] = ()
    """Steps after the notice, oldest first."""
    lead: str | None = None
    """The leader in charge (责任领导)."""
    department: str | None = None
    """The leading department (牵头部门)."""
    partners: tuple[str, ...] = ()
    """The departments that assist (配合部门)."""
    evidence: tuple[Evidence, ...] = ()
    """Supporting material (佐证材料)."""
    closed: date | None = None
    """The day the finding was closed (销号日期)."""
    status_text: str | None = None
    """The notice's own wording of the status (阶段性完成, 持续推进…), kept as written."""
    subproblems: tuple[Subproblem, ...] = ()
    """（1）（2）… problems inside this one, each with its own measures."""
    due: date | None = None
    """The day ``deadline`` gives by the rules of ``data.deadlines`` (or the office's ``due``); ``None``
    for long-term or unclear words, or no deadline."""

    @property
    def moves(self) -> tuple[Progress, ...]:
        """The progress steps that set a new deadline, oldest first."""
        return tuple(step for step in self.progress if step.deadline)

    @property
    def current_deadline(self) -> str | None:
        """The deadline in force: the newest one a progress step set, else the notice's."""
        return self.moves[-1].deadline if self.moves else self.deadline

    @property
    def status_unmapped(self) -> bool:
        """Whether the notice words the status in a way ``STATUS_WORDINGS`` does not list."""
        return self.status_text is not None and status_of_wording(self.status_text) is None

    @property
    def current_status(self) -> str:
        """The status as of the newest progress entry (or as the notice states it), or ``UNSTATED``."""
        return self.progress[-1].status if self.progress else self.stated_status

    @property
    def stated_status(self) -> str:
        """The status at the notice's date, or ``UNSTATED``."""
        return self.status or UNSTATED

    @property
    def status_slug(self) -> str:
        return status_slug(self.current_status)

    @property
    def quote(self) -> str:
        """The sentence that quotes the problem, e.g. 针对“…”问题。"""
        return self.form.replace("…", self.problem)


@dataclass(frozen=True)
class Category:
    id: str
    number: int
    short: str
    """The name menus and tables use: the data's ``short``, or the title in full when it gives none."""
    title: str
    paragraphs: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def tally(self) -> Tally:
        """Figures as of today's data (after any progress entries)."""
        return Tally.of(f.current_status for f in self.findings)


@dataclass(frozen=True)
class Part:
    """A （一）-level part of a section."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """A 一、-level section; the one with ``holds_findings`` lists the categories."""

    heading: str
    paragraphs: tuple[str, ...]
    parts: tuple[Part, ...]
    holds_findings: bool


@dataclass(frozen=True)
class TextLine:
    """A paragraph of the signed text (``text.txt``) and its line there."""

    number: int
    text: str


@dataclass(frozen=True)
class Notice:
    id: str
    title: str
    issuer: str
    keywords: tuple[str, ...]
    """Proper names readers search for (places, projects)."""
    inspection: Inspection
    signer: str
    signed: date
    site: str
    column: str | None
    published: date
    figures: dict[str, int | str]
    """Figures as the notice states them (names chosen by the author)."""
    rate_decimals: int
    intro: tuple[str, ...]
    sections: tuple[Section, ...]
    categories: tuple[Category, ...]
    contact: Contact
    updates: str | None = None
    """The ID of an earlier notice that this one reports progress on."""
    stated_figures: tuple[Figure, ...] = ()
    """The figures stated with a unit and breakdown (accountability, outcomes), in order."""
    index_no: str | None = None
    """索引号 of the publishing portal's information catalogue, as given."""
    publisher: str | None = None
    """发布机构 in full, when it is not the issuer."""
    doc_no: str | None = None
    """文号, the document number."""
    subject: str | None = None
    """主题分类, the portal's subject category."""
    text: tuple[TextLine, ...] = ()
    """The text as signed, one paragraph a line (``text.txt``); the notice page shows exactly this.
    Empty when the notice is kept as data only: the page is then composed from the data."""
    next_update: date | None = None
    """下次公开整改进展的日期: the day the office promised to report progress next, if stated."""
    remarks: tuple[Remark, ...] = field(default=(), compare=False)
    """What the office should check (``rectify check`` lists them); never published."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for category in self.categories for f in category.findings)

    @property
    def tally(self) -> Tally:
        """Figures as of ``as_of`` (after any progress entries)."""
        return Tally.of(f.current_status for f in self.findings)

    @property
    def stated_tally(self) -> Tally:
        """Figures at the notice's date, which its stated figures must match."""
        return Tally.of(f.stated_status for f in self.findings)

    @property
    def as_of(self) -> date:
        """The day the figures hold for: the newest progress entry, or the notice's date."""
        return max([self.signed, *(p.date for f in self.findings for p in f.progress)])

    def neighbours(self, finding: Finding) -> tuple[Finding | None, Finding | None]:
        """The findings before and after ``finding`` in the notice."""
        findings = self.findings
        index = findings.index(finding)
        before = findings[index - 1] if index > 0 else None
        after = findings[index + 1] if index + 1 < len(findings) else None
        return before, after

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)


def status_slug(status: str) -> str:
    """The stable slug of a status (or of ``UNSTATED``) for CSS classes and colours."""
    return UNSTATED_SLUG if status == UNSTATED else STATUSES[status]


@dataclass(frozen=True)
class Tally:
    """Counts of findings per status, and the completion rate."""

    total: int
    by_status: dict[str, int]
    """Findings per stated status, every status of ``STATUSES`` in order."""
    unstated: int = 0
    """Findings whose status the notice does not state."""

    @classmethod
    def of(cls, statuses: Iterable[str]) -> Tally:
        """Count ``statuses``, each one of ``STATUSES`` or ``UNSTATED``."""
        counts = dict.fromkeys(STATUSES, 0)
        unstated = 0
        for status in statuses:
            if status == UNSTATED:
                unstated += 1
            else:
                counts[status] += 1
        return cls(sum(counts.values()) + unstated, counts, unstated)

    @property
    def counts(self) -> list[tuple[str, int]]:
        """Each status with findings, in order, ``UNSTATED`` last."""
        shown = [(status, n) for status, n in self.by_status.items() if n]
        return shown + ([(UNSTATED, self.unstated)] if self.unstated else [])

    @property
    def completed(self) -> int:
        """Findings stated (or reported by progress) as completed."""
        return self.by_status[COMPLETED]

    def rate(self, decimals: int) -> Decimal | None:
        """Completed ÷ total × 100, rounded half up to ``decimals`` places; ``None`` when there is
        nothing to count or some statuses are not stated (a rate of partial statuses would mislead)."""
        if not self.total or self.unstated:
            return None
        exact = Decimal(self.completed * 100) / Decimal(self.total)
        return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)

    def rate_text(self, decimals: int) -> str:
        rate = self.rate(decimals)
        if rate is None:
            return UNSTATED if self.unstated else "—"
        return f"{rate}%"

    def count_for(self, figure: str) -> int:
        """The computed value of a counted figure such as ``已完成``."""
        status = COUNTED_FIGURES[figure]
        return self.total if status is None else self.by_status[status]
