"""Step 5a, fields of a problem: the quoted problem, how it is introduced, its measures, and what the
text states about it — status, deadline, owners — read into fields while the text keeps every word
(issue 23: what is published is exactly what the office signed).

A status is read only as the text states it: a label (整改状态：…), a bracket (（已完成）) or a status
sentence at the end of the problem (已完成整改。 / 正在整改，预计2024年12月底前完成。 / 此项需长期坚持，…),
always through the model's one wording table. A wording the table does not know is never guessed:
it stays in the text with a remark. Statuses for the problems without one are derived only when the
stated totals (or all of a problem's sub-problems) leave no other choice; otherwise they stay absent
(通报未写明).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from math import log as ln
from typing import Any

from rectify.data.chinese import NUMERALS
from rectify.data.model import COUNTED_FIGURES, status_of_wording

from .draft import DONE, LONG_TERM, Line, Remark, Review
from .outline import Node
from .patterns import QUOTED_LEAD, STATUS_NOTE, cn_int, heading_only, is_finding_lead, split_label
from .sentences import first_sentence, is_cjk, sentences

_MATCHING = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"'}
_MEASURES_LABEL = re.compile(r"^(具体)?(整改情况|整改措施|整改落实情况|落实情况|整改成效|整改进展)\s*[:：]")
_MARKER = re.compile(rf"(?:^|(?<=[。；;！!？?：:.]))\s*([{NUMERALS}]{{1,3}})是")
# Any short bracket: a status only when the wording table knows its words (（已完成）, （持续推进）, not （试行）).
_STATUS_BRACKET = re.compile(r"[（(【\[]\s*(?P<v>[^（）()【】\[\]，,。；;：:]{2,12})\s*[）)】\]]")
_NOTE_VALUE = r"\s*[:：]\s*(?P<v>[^。；;，,）)\n]{1,30})"
_PERSON_NOTE = re.compile(r"(?:整改责任人|责任人)" + _NOTE_VALUE)
_LEAD_NOTE = re.compile(r"(?:责任领导|牵头领导|分管领导)" + _NOTE_VALUE)
_DEPARTMENT_NOTE = re.compile(r"(?:责任单位|责任部门|牵头单位|牵头部门)" + _NOTE_VALUE)
_DEADLINE_NOTE = re.compile(
    r"(?:完成时限|整改时限|完成时间|整改期限|时限)(?:\s*[:：]|为|是)\s*(?P<v>[^。；;，,）)\n]{1,30})"
)
# Owners in a sentence: 由党组副书记张立群牵头负责，机关党委具体落实.
_LEAD_SENTENCE = re.compile(r"由(?P<v>[^。；;，,由]{2,20}?)牵头负责")
_DEPARTMENT_SENTENCE = re.compile(r"(?:^|[，,])(?P<v>[^。；;，,由]{2,12}?)具体(?:落实|负责)")
# (field, pattern) of the labels read into fields, in the order a label wins over a later one.
_NOTES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("status", STATUS_NOTE),
    ("status", _STATUS_BRACKET),
    ("responsible", _PERSON_NOTE),
    ("lead", _LEAD_NOTE),
    ("department", _DEPARTMENT_NOTE),
    ("deadline", _DEADLINE_NOTE),
    ("lead", _LEAD_SENTENCE),
    ("department", _DEPARTMENT_SENTENCE),
)
# A sentence that is only labels (责任人：…，完成时限：…): passed over when looking for the status sentence.
_LABEL_SENTENCE = re.compile(
    r"^(?:(?:整改)?责任(?:人|领导|单位|部门)|牵头(?:领导|单位|部门)|分管领导|(?:完成|整改)(?:时限|时间|期限)|时限)\s*[:：]"
)
# A deadline sentence: 预计2024年12月底前完成, 将于2025年6月底前完成, 2017年底前完成 (the date words as written).
_DEADLINE_SENTENCE = re.compile(
    r"(?P<v>\d{4}\s*年\s*(?:\d{1,2}\s*月\s*)?(?:底|末|上半年|下半年|中旬|上旬|下旬|\d{1,2}\s*日)?\s*(?:以前|前))"
    r"\s*(?:全面|全部|基本)?(?:完成|整改到位|办结)"
)
# Words before a status that are not part of it: 目前已完成整改, 现已办结.
_STATUS_PREFIX = re.compile(r"^(?:目前|当前|截至目前|现|该问题|此问题|该项问题)[，,]?")
# A first clause may carry the status (正在整改，预计…完成) only when it says a state, not 持续推进，确保….
_STATE_WORD = re.compile(r"已|正在|中$|基本|阶段性|未|需|长期")
# A clause that reads like a status the table does not know (已基本整改, 正在逐项推进): remarked, never mapped.
_STATUS_LIKE = re.compile(
    r"^(?:已|正在|基本|阶段性|长期|尚未|未|需|此项|该项)[^，,]{0,8}(?:完成|整改|到位|办结|推进|坚持|落实|销号)中?$"
)


# Any wording after 整改状态： (to name the ones the table does not know).
_STATUS_LABELLED = re.compile(r"整改状态\s*[:：]\s*(?P<v>[^。；;，,\s]{1,30})")


@dataclass
class DraftFinding:
    """A problem as the import reads it from the text, before it is data (the model's is ``Finding``)."""

    problem: str
    form: str
    measures: list[str]
    numbered: bool
    line: int
    status: str | None = None
    wording: str | None = None
    """The status as the text words it (完成, 阶段性完成…), when it states one."""
    responsible: str | None = None
    deadline: str | None = None
    lead: str | None = None
    """责任领导, as the text names them."""
    department: str | None = None
    """责任单位 / 牵头部门, as the text names it."""
    subproblems: list[DraftFinding] = field(default_factory=list)
    """（1）（2）… problems inside this one, each read like a problem."""

    def measure_lists(self) -> list[tuple[list[str], int]]:
        """(measures, line) of this problem and of each sub-problem: where stated figures are read."""
        return [(self.measures, self.line), *(m for sub in self.subproblems for m in sub.measure_lists())]

    def append(self, text: str) -> None:
        if self.measures:
            self.measures[-1] = self.measures[-1] + text
        elif self.subproblems:
            self.subproblems[-1].append(text)
        else:
            self.measures.append(text)


def _close_quote(text: str, start: int) -> int:
    """Index of the quote closing the one at ``start`` (nested quotes allowed), or -1."""
    opener = text[start]
    closer = _MATCHING[opener]
    if opener == '"':
        for m in re.finditer('"', text[start + 1 :]):
            end = start + 1 + m.start()
            if re.match(r'"\s*(问题|方面|的问题|等问题|整改|[。，,：:；;.])', text[end:]):
                return end
        return text.find('"', start + 1)
    depth = 0
    for i in range(start, len(text)):
        if text[i] == opener:
            depth += 1
        elif text[i] == closer:
            depth -= 1
            if depth == 0:
                return i
    return -1


def split_lead(text: str) -> tuple[str, str, str]:
    """(problem, form, rest) from the sentence that introduces a finding."""
    quoted = QUOTED_LEAD.match(text)
    if quoted:
        start = quoted.start("q")
        end = _close_quote(text, start)
        if end > start + 1 and re.match(r"\s*(问题|方面|的问题|等问题|整改|[。，,：:；;.！？!?]|$)", text[end + 1 :]):
            problem, after = text[start + 1 : end], text[end + 1 :]
            tail = re.match(r"^[^。：:，,；;！？!?]*[。：:，,；;！？!?]?", after)
            tail_text = tail.group(0) if tail and len(tail.group(0)) <= 20 else ""
            rest = after[len(tail_text) :]
            label = _MEASURES_LABEL.match(rest)
            if label:
                tail_text, rest = tail_text + label.group(0), rest[label.end() :]
            form = text[:start] + text[start] + "…" + text[end] + tail_text
            return problem.strip(), form, rest.strip()
    head, rest = first_sentence(text, "。：:")
    for pattern in (r"^(针对|关于|对于)(?P<p>.+?)(?P<t>(的|等)?问题.*)$", r"^(在)(?P<p>.+?)(?P<t>方面.*)$"):
        match = re.match(pattern, head)
        if match and len(match.group("t")) <= 20:
            return match.group("p"), match.group(1) + "…" + match.group("t"), rest
    end = len(head.rstrip("。：:.，,"))
    # A status in brackets at the end (…滞后（已完成）) is how the heading states it, not the problem.
    bracket = _STATUS_BRACKET.search(head[:end])
    if bracket and bracket.end() == end and bracket.start() > 0 and status_of_wording(bracket.group("v")):
        end = bracket.start()
    return head[:end], "…" + head[end:], rest


def _is_subproblem(node: Node) -> bool:
    """An item under a problem that is a problem of its own: headed by its quoted problem, or a heading
    alone on its line whose text opens with 整改情况：/整改措施：/整改状态： (1.政治理论学习不扎实)."""
    if is_finding_lead(node.text):
        return True
    opening = node.paras[0].text if node.paras else ""
    return heading_only(node.text) and bool(_MEASURES_LABEL.match(opening) or STATUS_NOTE.match(opening))


def read_finding(node: Node, remarks: list[Remark], aside: list[tuple[int, str]] | None = None) -> DraftFinding:
    """Problem, form, measures and stated facts of one finding; items under it that read as problems
    (``_is_subproblem``) are its sub-problems, the others belong to its text (or to the sub-problem before them).

    Every word stays in the text: labels and status sentences are read into fields, never cut out
    (``aside`` is no longer written to; it stays for callers)."""
    lines = [Line(node.text, node.line), *node.paras]
    subproblems: list[DraftFinding] = []
    for child in node.children:
        if _is_subproblem(child):
            subproblems.append(read_finding(child, remarks))
        elif subproblems:
            for item in child.flat():
                subproblems[-1].append(item.text)
        else:
            lines += child.flat()
    problem, form, rest = split_lead(lines[0].text)
    if not problem:
        problem, form = lines[0].text, "…"
    body = ([Line(rest, lines[0].line)] if rest else []) + lines[1:]
    if body:
        label = _MEASURES_LABEL.match(body[0].text)
        if label:
            form += label.group(0)
            rest_text = body[0].text[label.end() :].strip()
            body = ([Line(rest_text, body[0].line)] if rest_text else []) + body[1:]
    measures, numbered = _measures(body, remarks)
    if not measures and not subproblems:
        remarks.append(Remark(node.line, f"问题“{problem}”没有整改措施；请在 findings.yml 中补上 measures"))
    finding = DraftFinding(problem, form, measures, numbered, node.line, subproblems=subproblems)
    _read_notes(finding, lines, remarks)
    if finding.wording is None:
        _read_status_sentence(finding, body, remarks)
    if finding.status is None and subproblems:
        _status_of_parts(finding, remarks)
    return finding


def _read_notes(finding: DraftFinding, lines: list[Line], remarks: list[Remark]) -> None:
    """Labelled facts (整改状态：…, （已完成）, 责任人：…, 完成时限：…) into fields; the first of each wins."""
    for item in lines:
        for key, pattern in _NOTES:
            if key == "status":
                # the first bracket or label the table knows: （试行） before （已完成） is no status
                known = (m for m in pattern.finditer(item.text) if status_of_wording(m.group("v")))
                match = None if finding.status else next(known, None)
                if match:
                    finding.status, finding.wording = status_of_wording(match.group("v")), match.group("v").strip()
            elif getattr(finding, key) is None and (match := pattern.search(item.text)):
                setattr(finding, key, match.group("v").strip())
    if finding.status is None:
        for item in lines:
            unknown = _STATUS_LABELLED.search(item.text)
            if unknown:
                # kept as written (status_text), never mapped: the site shows the wording itself
                finding.wording = unknown.group("v")
                remarks.append(
                    Remark(
                        item.line,
                        f"整改状态“{unknown.group('v')}”不在“整改状态的写法”对照表中：照原文写入 status_text，"
                        "不换算成整改状态；要换算请在 findings.yml 中同时写 status",
                    )
                )
                break


def _trailing(body: list[Line], count: int = 3) -> list[tuple[str, int]]:
    """The last ``count`` sentences of a problem's text, last first, label lines after them passed
    over (责任领导：… 完成时限：… under the status sentence): where offices state its status."""
    out: list[tuple[str, int]] = []
    for item in reversed(body):
        for sentence in reversed(sentences(item.text)):
            if not out and _LABEL_SENTENCE.match(sentence):
                continue
            out.append((sentence, item.line))
            if len(out) == count:
                return out
    return out


def status_wording(sentence: str) -> str | None:
    """The status wording a sentence states, as written: the whole sentence (已完成整改。 立行立改，已完成整改。)
    or its first clause when that names a state (正在整改，预计…完成。 此项需长期坚持，责任人：…); else None."""
    text = _STATUS_PREFIX.sub("", sentence.strip().rstrip("。；;！!.").strip())
    if status_of_wording(text):
        return text
    first = re.split(r"[，,；;]", text, maxsplit=1)[0].strip()
    if first != text and _STATE_WORD.search(first) and status_of_wording(first):
        return first
    return None


def _read_status_sentence(finding: DraftFinding, body: list[Line], remarks: list[Remark]) -> None:
    """The status sentence at the end of a problem (labels after it passed over), and the deadline
    sentence near it; an unknown status-like wording gets a remark and no status."""
    trailing = _trailing(body)
    for sentence, _ in trailing:
        deadline = _DEADLINE_SENTENCE.search(sentence)
        if deadline and finding.deadline is None:
            finding.deadline = re.sub(r"\s+", "", deadline.group("v"))
    for sentence, line in trailing:
        if _LABEL_SENTENCE.match(sentence):
            continue
        wording = status_wording(sentence)
        if wording:
            finding.status, finding.wording = status_of_wording(wording), wording
            return
        first = re.split(r"[，,；;。]", _STATUS_PREFIX.sub("", sentence.strip()), maxsplit=1)[0]
        if _STATUS_LIKE.match(first):
            remarks.append(
                Remark(
                    line,
                    f"“{first}”像是整改状态，但不在“整改状态的写法”对照表中：留在原文中，不写 status；"
                    "请核对，需要时在 findings.yml 中写 status",
                )
            )
        return


def _status_of_parts(finding: DraftFinding, remarks: list[Remark]) -> None:
    """A problem whose sub-problems all state the same status has that status; else none (not guessed)."""
    parts = [sub.status for sub in finding.subproblems]
    if None in parts:
        return
    if len(set(parts)) == 1:
        finding.status = parts[0]
        return
    remarks.append(
        Remark(
            finding.line,
            f"问题“{finding.problem}”的小问题整改状态不同（{'、'.join(str(p) for p in parts)}），"
            "问题本身不写 status；请在 findings.yml 中按原文补上",
        )
    )


def _is_note(text: str) -> bool:
    """A line that only states status, owner or deadline: it ends the last measure, no remark needed."""
    first = sentences(text)[:1]
    return bool(_LABEL_SENTENCE.match(text) or STATUS_NOTE.match(text) or (first and status_wording(first[0])))


def _measures(body: list[Line], remarks: list[Remark]) -> tuple[list[str], bool]:
    """Measures as 一是…二是… (numbered) or as sentences; labelled items (（1）…) stay whole."""
    joined = "".join(item.text for item in body)
    starts: list[tuple[int, int]] = []  # (marker start, text start)
    for match in _MARKER.finditer(joined):
        if cn_int(match.group(1)) == len(starts) + 1:
            starts.append((match.start(1), match.end()))
    if starts and starts[0][0] == 0:
        bounds = [*starts, (len(joined), len(joined))]
        measures = [joined[start : bounds[i + 1][0]].strip() for i, (_, start) in enumerate(starts)]
        offset = 0
        markers = {marker for marker, _ in starts}
        for before, item in itertools.pairwise(body):
            offset += len(before.text)
            if (
                offset not in markers
                and not re.match(rf"\s*[{NUMERALS}]{{1,3}}是", item.text)
                and not _is_note(item.text)
            ):
                remarks.append(Remark(item.line, "这一段前面没有“N是”，已并入上一条整改措施"))
        return [m for m in measures if m], True
    measures = []
    for item in body:
        if split_label(item.text)[0] or starts:
            measures.append(item.text)
        else:
            measures += sentences(item.text)
    return measures, False


_LISTED_ITEM = re.compile(
    rf"(?:[{NUMERALS}]{{1,3}}是)?(?P<what>[^；;。：:]+?)[，,]\s*(?P<deadline>\d{{4}}年[^，,；;。]{{0,8}}?前)完成[，,]\s*"
    r"(?:整改)?责任人[:：]?\s*(?P<who>[\u4e00-\u9fff、]{2,12})"
)


def listed_long_term(text: str) -> list[tuple[str, str, str]]:
    """(what, deadline, person) of each long-term item a narrative paragraph lists."""
    if "长期" not in text:
        return []
    found = []
    for sentence in re.split(r"(?<=。)", text):
        if "长期" not in sentence or "责任人" not in sentence:
            continue
        _, _, listing = sentence.partition("：") if "：" in sentence else ("", "", sentence)
        for part in re.split(r"[；;]", listing):
            match = _LISTED_ITEM.search(part)
            if match:
                found.append((match.group("what").strip(), match.group("deadline"), match.group("who")))
    return found


def _bigrams(text: str) -> set[str]:
    chars = [ch for ch in text if is_cjk(ch) or ch.isalnum()]
    return {a + b for a, b in itertools.pairwise(chars)}


def best_match(what: str, findings: list[DraftFinding]) -> int | None:
    """The finding a short description names, by rare shared two-character pieces."""
    texts = [_bigrams(f.problem + "".join(f.measures)) for f in findings]
    counts = Counter(g for grams in texts for g in grams)
    wanted = _bigrams(what)
    scores = [sum(ln(len(findings) / counts[g]) + 0.1 for g in wanted & grams) for grams in texts]
    if not scores or max(scores) <= 0:
        return None
    ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
    if len(ranked) > 1 and scores[ranked[1]] >= scores[ranked[0]] * 0.9:
        return None
    return ranked[0]


def derive_done(findings: list[DraftFinding], values: dict[str, Any], lines: dict[str, int], review: Review) -> None:
    """已完成 for the findings without a stated status, only when the stated totals leave no other choice.

    That is: the text states the number of problems (equal to the findings read) and how many are
    完成, and every one that is not done is named individually (整改状态 or a listed long-term item).
    Otherwise a finding without a stated status keeps none: 通报未写明, never a guess.
    """
    unstated = [f for f in findings if f.status is None]
    if not unstated:
        return
    total, done = values.get("问题总数"), values.get("已完成")
    named_not_done = sum(1 for f in findings if f.status not in (None, DONE))
    if isinstance(total, int) and isinstance(done, int) and total == len(findings) and total - done == named_not_done:
        for finding in unstated:
            finding.status = DONE
        review.remark(
            lines.get("已完成"),
            f"原文写明问题 {total} 个、已完成 {done} 个，未完成的 {named_not_done} 个逐个写明了状态；"
            f"其余 {len(unstated)} 个问题由此记为“已完成”，请核对",
        )
        return
    where = "、".join(str(f.line) for f in unstated[:10]) + ("……" if len(unstated) > 10 else "")
    review.remark(
        unstated[0].line,
        f"{len(unstated)} 个问题原文没有逐个写明整改状态（第 {where} 行），findings.yml 中不写 status，"
        "网站显示“通报未写明”",
    )


def statuses(
    findings: list[DraftFinding], narrative: list[Line], values: dict[str, Any], lines: dict[str, int], review: Review
) -> None:
    """Long-term items listed in the narrative, statuses the totals decide, and the totals checked."""
    for item in narrative:
        for what, deadline, who in listed_long_term(item.text):
            index = best_match(what, findings)
            if index is None or findings[index].status not in (None, LONG_TERM):
                review.remark(item.line, f"长期整改事项“{what}”对应不到具体问题，请在 findings.yml 中手工设置")
                continue
            finding = findings[index]
            finding.status = LONG_TERM
            finding.responsible = finding.responsible or who
            finding.deadline = finding.deadline or deadline
    derive_done(findings, values, lines, review)
    for finding in findings:
        if finding.status == LONG_TERM:
            for key, name in (("responsible", "整改责任人"), ("deadline", "完成时限")):
                if not getattr(finding, key):
                    review.remark(finding.line, f"长期整改的问题没有写明{name}；请补上，rectify check 会指出")
    counted = Counter(f.status for f in findings)
    for name, status in COUNTED_FIGURES.items():
        if name not in values:
            continue
        stated, computed = values[name], len(findings) if status is None else counted[status]
        if stated == computed:
            continue
        hint = (
            "原文可能不完整，或有的问题没有编号"
            if status is None
            else "原文没有逐个写明整改状态的问题不写 status（通报未写明），请逐个核对 findings.yml"
        )
        review.remark(lines[name], f"正文写明{name} {stated} 个，导入的问题清单中为 {computed} 个；{hint}")
