"""Step 4, classify: which items of the outline are problems, which are categories, which are narrative.

The rank (一、 / （一） / 1. / （1）) whose items read like problems — headed by the quoted problem
(针对“…”问题, 关于“…”问题的整改情况, 在“…”方面) or carrying a 整改状态 line — is the problem level; when the
level below also reads like problems and sits under them, those are a problem's sub-problems and
stay inside it (each with its label and its own measures). Items above the problem level are
categories; everything else — 整改工作组织情况, sections per responsible person, 下一步工作 — is narrative,
in its place. When the items found each hold headings alone on their line that open 一是… measures
(（一）加强党的领导… › 1.在学懂弄通做实上下功夫 › 一是…二是…), those headings are the problems and the items
found their categories. A text with no problem at all is imported as narrative, with a remark: never refused.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .draft import Line, Review
from .outline import Node, outline, split_heading
from .patterns import STATUS_NOTE, heading_only, is_finding_lead
from .sentences import first_sentence


@dataclass
class DraftPart:
    """A sub-heading of a narrative section and its paragraphs, as read (the model's is ``Part``)."""

    heading: str
    paragraphs: list[Line]


@dataclass
class DraftSection:
    """A part of the body under a 一、 heading, as read (the model's is ``Section``)."""

    heading: str
    line: int
    paragraphs: list[Line] = field(default_factory=list)
    parts: list[DraftPart] = field(default_factory=list)
    holds_findings: bool = False
    made_up: bool = False


@dataclass
class Problem:
    """An outline item that is a problem, and text that belongs after its last measure."""

    node: Node
    appended: list[Line] = field(default_factory=list)


@dataclass
class DraftCategory:
    """A category of problems and its own paragraphs, as read (the model's is ``Category``)."""

    title: str
    line: int
    paragraphs: list[Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    made_up: bool = False


@dataclass
class Body:
    intro: list[Line]
    sections: list[DraftSection] = field(default_factory=list)
    categories: list[DraftCategory] = field(default_factory=list)

    def narrative(self) -> Iterable[list[Line]]:
        """Every list of narrative paragraphs, in order."""
        yield self.intro
        for section in self.sections:
            yield section.paragraphs
            for part in section.parts:
                yield part.paragraphs
        for category in self.categories:
            yield category.paragraphs


def reads_like_problem(node: Node) -> bool:
    """Headed by its quoted problem, or carrying a 整改状态 line."""
    return is_finding_lead(node.text) or any(STATUS_NOTE.search(p.text) for p in [Line(node.text, 0), *node.paras])


def _names_an_area(text: str) -> bool:
    """A category heading: 在“…”方面, 关于…方面的问题, 关于“…方面…”整改情况."""
    return "方面" in first_sentence(text)[0]


@dataclass(frozen=True)
class Level:
    """Where the problems are: the items of one numbering rank."""

    rank: int
    only: frozenset[int] | None = None
    """When found as headings that open 一是… measures under the items first found: the ids of those
    nodes, the only problems of the rank (1.深化思想认识… of the organisation section is none)."""

    def holds(self, node: Node) -> bool:
        return node.rank == self.rank and (self.only is None or id(node) in self.only)


def _opens_measures(node: Node) -> bool:
    """A heading alone on its line with 一是… under it: 1.在学懂弄通做实上下功夫 / 一是系统全面深研细悟。…"""
    return heading_only(node.text) and bool(node.paras) and node.paras[0].text.lstrip().startswith("一是")


def problem_level(root: Node) -> Level | None:
    """The problems' level, or None when no item reads like a problem."""
    rank = problem_rank(root)
    if rank is None:
        return None
    below = [child for node in root.walk() if node.rank == rank for child in node.children]
    if below and all(_opens_measures(child) for child in below):
        return Level(rank + 1, frozenset(id(child) for child in below))
    return Level(rank)


def problem_rank(root: Node) -> int | None:
    """The numbering rank of the items that read like problems, or None when none does."""
    strong: Counter[int] = Counter()
    for node in root.walk():
        if node is not root and reads_like_problem(node):
            strong[node.rank] += 1
    if not strong:
        for node in root.walk():
            head = first_sentence(node.text)[0]
            body_text = node.text + "".join(p.text for p in node.paras)
            named = (
                re.search(r"(针对|关于|對於|关於|對于|存在).{2,}问题|问题.{0,4}整改", head) and "问题导向" not in head
            )
            if node is not root and named and re.search(r"一是|整改情况|整改措施", body_text):
                strong[node.rank] += 1
    if not strong:
        return None
    rank = max(strong, key=lambda r: (strong[r], r))
    # Sub-problems: when the level above also reads like problems and holds these, it is the problem level.
    while rank - 1 in strong:
        above = [
            n
            for n in root.walk()
            if n is not root and n.rank == rank - 1 and reads_like_problem(n) and not _names_an_area(n.text)
        ]
        below = [n for n in root.walk() if n is not root and n.rank == rank]
        if not above or not all(
            any(child in a.children for a in above) for child in below if reads_like_problem(child)
        ):
            break
        rank -= 1
    return rank


@dataclass
class _Context:
    level: Level
    kind: str
    review: Review
    body: Body


def _depth(node: Node, level: Level) -> int | None:
    """How far below ``node`` its problems are (0: it is one), or None if it has none."""
    if level.holds(node):
        return 0
    depths = [d for d in (_depth(child, level) for child in node.children) if d is not None]
    return min(depths) + 1 if depths else None


def _narrative(ctx: _Context, node: Node, note: str = "") -> None:
    heading, rest = split_heading(node.text)
    section = DraftSection(heading, node.line, ([Line(rest, node.line)] if rest else []) + node.paras)
    for child in node.children:
        part_heading, part_rest = split_heading(child.text)
        paragraphs = ([Line(part_rest, child.line)] if part_rest else []) + child.paras
        for grandchild in child.children:
            paragraphs += grandchild.flat()
        section.parts.append(DraftPart(part_heading, paragraphs))
    if note:
        ctx.review.remark(node.line, note)
    ctx.body.sections.append(section)


def _category(ctx: _Context, node: Node) -> DraftCategory:
    title, rest = split_heading(node.text)
    category = DraftCategory(title, node.line, ([Line(rest, node.line)] if rest else []) + node.paras)

    def collect(item: Node) -> None:
        if ctx.level.holds(item):
            category.problems.append(Problem(item))
            return
        texts = [Line(item.label + item.text, item.line), *item.paras]
        if category.problems:
            category.problems[-1].appended += texts
            ctx.review.remark(item.line, "问题之间的这段文字不是问题，已并入上一个问题的最后一条整改措施，请核对")
        else:
            category.paragraphs += texts
            ctx.review.remark(item.line, "分类下的这个小标题不是问题，按段落导入")
        for child in item.children:
            collect(child)

    for child in node.children:
        collect(child)
    return category


def _findings_section(ctx: _Context, node: Node | None, items: list[Node]) -> None:
    if any(section.holds_findings for section in ctx.body.sections):
        for item in items if node is None else [node]:
            _narrative(ctx, item, "这一部分也有具体问题，但一份通报只能有一个问题清单；按叙述文字导入，请核对")
        return
    if node is None:
        section = DraftSection(f"{ctx.kind}反馈问题整改落实情况", items[0].line, made_up=True)
        what = "问题分类" if any(not ctx.level.holds(item) for item in items) else "问题"
        ctx.review.remark(items[0].line, f"原文的{what}直接编为第一级；补上了部分标题“{section.heading}”，请修改")
    else:
        heading, rest = split_heading(node.text)
        section = DraftSection(heading, node.line, ([Line(rest, node.line)] if rest else []) + node.paras)
    section.holds_findings = True
    ctx.body.sections.append(section)
    loose: list[Node] = []
    for item in [*items, None]:
        if item is not None and ctx.level.holds(item):
            loose.append(item)
            continue
        if loose:
            title = section.heading if node is not None else f"{ctx.kind}反馈的问题"
            category = DraftCategory(title, loose[0].line, made_up=True)
            ctx.review.remark(loose[0].line, f"这些问题没有分类；补上了分类“{title}”，请修改")
            category.problems += [Problem(problem) for problem in loose]
            ctx.body.categories.append(category)
            loose = []
        if item is not None:
            ctx.body.categories.append(_category(ctx, item))


def classify(lines: list[tuple[Line, int | None]], title: str, intro: list[Line], review: Review) -> Body:
    """The body's outline as narrative sections, categories and problems, in the text's order."""
    root = outline(lines)
    body = Body([*intro, *root.paras])
    level = problem_level(root)
    ctx = _Context(level or Level(0), "巡察" if "巡察" in title else "巡视", review, body)
    if level is None:
        for child in root.children:
            _narrative(ctx, child)
        at = root.children[0].line if root.children else (body.intro[0].line if body.intro else None)
        review.remark(
            at,
            "没有找到具体问题（如“1.针对“……”问题”“关于“……”问题的整改情况”）；全文按叙述文字导入，"
            "findings.yml 中没有问题，请对照原文补上",
        )
        return body
    run: list[Node] = []
    for child in [*root.children, None]:
        depth = _depth(child, ctx.level) if child is not None else None
        if child is not None and depth in (0, 1):
            run.append(child)
            continue
        if len(run) == 1 and _depth(run[0], ctx.level) == 1 and not is_finding_lead(run[0].text):
            _findings_section(ctx, run[0], run[0].children)  # a section of findings, not a category
        elif run:
            _findings_section(ctx, None, run)
        run = []
        if child is None:
            break
        if depth is None:
            _narrative(ctx, child)
        else:
            _findings_section(ctx, child, child.children)
    return body


def append_at_end(body: Body, item: Line, review: Review) -> None:
    """Text after the signature: kept at the end of the body."""
    if not body.sections:
        body.intro.append(item)
    else:
        last = body.sections[-1]
        if last.holds_findings:
            category = body.categories[-1]
            if category.problems:
                category.problems[-1].appended.append(item)
            else:
                category.paragraphs.append(item)
        elif last.parts:
            last.parts[-1].paragraphs.append(item)
        else:
            last.paragraphs.append(item)
    review.remark(item.line, "落款之后的这段文字放在了正文最后，请核对")
