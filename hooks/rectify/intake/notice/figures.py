"""Step 5b, figures: numbers the text states (问题总数, 已完成…, 完成率 with its decimals, 制度 N 项, 诫勉 N 人,
追缴资金 N 万元…) read once into ``figures`` and replaced in the text by ``{名称}``, in reading order;
counts that are not figures (72家, 第57次) are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from rectify.data.model import COUNTED_FIGURES, RATE_FIGURE

from .draft import Line, Remark

# A count (19, not part of 1.5 or 2024.3), a rate (84.2%), an amount (12.8: money may have decimals).
_COUNT = r"(?<![\d.．])(?P<n>\d+)(?![\d.．])"
_RATE = r"(?<![\d.．])(?P<n>\d+(?:[.．]\d+)?\s*[%％])"
_SCOPES = ("边巡边改", "立行立改")
# (figure name, pattern, scoped) in priority order; scoped names get 边巡边改… in front.
FIGURE_RULES: tuple[tuple[str, str, bool], ...] = (
    (RATE_FIGURE, r"(?:完成率|整改率)(?:为|达到|达|是)?\s*" + _RATE, True),
    ("办结率", r"办结率(?:为|达到|达|是)?\s*" + _RATE, False),
    ("意见建议", r"意见建议(?:共)?" + _COUNT + r"(?:个|条)", False),
    ("意见建议", _COUNT + r"(?:个|条)(?:整改)?意见建议", False),
    ("长期整改", r"长期(?:坚持)?整改(?:的)?(?:问题)?(?:共|有)?" + _COUNT + "个", True),
    ("长期整改", _COUNT + r"个(?:问题)?(?:需要?)?长期(?:坚持)?整改", True),
    ("长期整改", r"需要?长期坚持(?:整改)?(?:的)?(?:问题)?" + _COUNT + "个", True),
    ("基本完成", r"基本完成[^。；;，,\d]{0,20}?" + _COUNT + "个", True),
    ("基本完成", r"阶段性(?:完成|成果)[^。；;\d]{0,16}?" + _COUNT + "个", True),
    ("正在整改", r"正在(?:整改|推进)(?:中)?(?:的)?(?:问题)?" + _COUNT + "个", True),
    ("正在整改", _COUNT + r"个(?:问题)?正在(?:整改|推进)", True),
    ("未完成", r"(?<![基本])(?:尚)?未(?:完成|整改到位)(?:整改)?(?:的)?(?:问题)?" + _COUNT + "个", True),
    ("未完成", _COUNT + r"个(?:问题)?(?:尚)?未完成", True),
    ("已完成", r"(?<![未本])(?:已经?)?(?:完成|整改完成|整改到位)(?:整改)?(?:的)?(?:问题)?" + _COUNT + "个", True),
    ("已完成", r"已(?:经)?整改(?:完成|到位)?(?:的)?(?:问题)?" + _COUNT + "个", True),
    ("已完成", _COUNT + r"个(?:问题)?(?:已经?)(?:完成整改|整改完成|整改到位|完成)", True),
    ("信访件", r"信访(?:件|举报件?)?(?:共)?" + _COUNT + "件", False),
    ("信访件", _COUNT + "件信访", False),
    ("已办结", r"(?:已)?办结" + _COUNT + "件", False),
    ("问题线索", r"问题线索(?:共)?" + _COUNT + "(?:件|条|个)", False),
    ("问题线索", _COUNT + "(?:件|条)问题线索", False),
    (
        "问题总数",
        r"(?:反馈|指出|发现|交办|梳理|细化|分解)(?:出|了)?(?:的)?" + _COUNT + r"(?:个|条|项)(?:具体)?问题",
        True,
    ),
    (
        "问题总数",
        r"(?:反馈|指出|发现|交办)(?:的|了)?(?:各类|具体)?问题(?:共|共计|合计)?(?:有)?" + _COUNT + r"(?:个|条|项)",
        True,
    ),
    ("问题总数", r"共(?:有|计)?" + _COUNT + r"个(?:具体)?问题", True),
    # 3个方面8个问题, 4个方面62个问题, 6个方面17大项问题: the problems of the areas just named
    ("问题总数", r"个方面、?" + _COUNT + r"(?:个|条|项|大项)(?:具体)?问题", True),
    ("问题总数", _COUNT + r"大项问题", True),
    ("问题总数", r"问题[^。；;\d]{0,15}?共(?:有|计)?" + _COUNT + "个", True),
    ("问题总数", r"问题(?:共|共计)?" + _COUNT + "个", True),
    ("制度", _COUNT + r"(?:项|个|件)(?:规章)?制度", False),
    ("制度", r"制度(?:共)?" + _COUNT + r"(?:项|个|件)", False),
    ("审计单位", r"对[^。；;，,]{0,12}?" + _COUNT + r"(?:个|家)[^。；;，,]{0,8}?单位[^。；;，,]{0,6}?审计", False),
)
# Discipline and money: read in measures too. A rule with a unit (group u) gives a figure with its
# unit, and its breakdown when the text lists one in brackets: 党纪处分120人（党内警告72人，严重警告34人）.
_AMOUNT = r"(?<![\d.．])(?P<n>\d+(?:[.．]\d+)?)(?![\d.．])"
_PERSONS = r"(?P<u>人)"
_MONEY = r"(?P<u>万元|亿元|元)"
DISCIPLINE_RULES: tuple[tuple[str, str, bool], ...] = (
    ("诫勉", r"(?<!、)诫勉(?:谈话)?(?:处理)?" + _COUNT + _PERSONS, False),
    ("诫勉", _COUNT + _PERSONS + r"[^。；;，,\d]{0,6}?诫勉", False),
    ("党纪政务处分", r"(?<!、)(?:党纪政务|党政纪)处分" + _COUNT + _PERSONS, False),
    ("党纪处分", r"(?<!、)党纪处分" + _COUNT + _PERSONS, False),
    ("政务处分", r"(?<!、)政务处分" + _COUNT + _PERSONS, False),
    ("党纪政务处分", _COUNT + _PERSONS + r"[^。；;，,\d]{0,6}?(?:党纪|政务|党纪政务|党政纪)处分", False),
    ("组织处理", r"(?<!、)组织处理" + _COUNT + _PERSONS, False),
    ("问责", r"(?<!、)问责" + _COUNT + _PERSONS, False),
    ("立案", r"立案(?:审查调查|审查|调查)?" + _COUNT + r"(?P<u>件|人|起)", False),
    ("谈话提醒", r"(?<!、)(?:约谈|谈话提醒|提醒谈话)" + _COUNT + _PERSONS + "(?!次)", False),
    ("批评教育", r"(?<!、)批评教育" + _COUNT + _PERSONS, False),
    ("责令检查", r"(?<!、)责令(?:作出)?检查" + _COUNT + _PERSONS, False),
    ("教育提醒", r"(?<!、)教育提醒" + _COUNT + _PERSONS, False),
    ("批评帮助", r"(?<!、)批评帮助" + _COUNT + _PERSONS, False),
    # 追缴违规收取的医疗费用12.8万元, 清退违规报销差旅费1.2万元: what was recovered may be named in between
    ("追缴资金", r"追缴[^。；;，,\d]{0,14}?" + _AMOUNT + _MONEY, False),
    ("清退资金", r"(?:收回)?清退[^。；;，,\d]{0,14}?" + _AMOUNT + _MONEY, False),
    ("挽回损失", r"挽回(?:经济)?损失" + _AMOUNT + _MONEY, False),
    ("追回资金", r"追回[^。；;，,\d]{0,12}?资金" + _AMOUNT + _MONEY, False),
    ("收缴资金", r"收缴[^。；;，,\d]{0,14}?" + _AMOUNT + _MONEY, False),
)
# Outcomes of the work, read in the narrative: measures and tasks with their unit, areas.
OUTCOME_RULES: tuple[tuple[str, str, bool], ...] = (
    ("方面", _COUNT + r"个方面", False),
    ("问题总数", _COUNT + r"个具体问题", True),
    ("整改措施", _COUNT + r"(?P<u>条|项)(?:具体)?整改(?:措施|举措)", False),
    ("整改措施", r"(?:具体)?整改(?:措施|举措)(?:共)?" + _COUNT + r"(?P<u>条|项)", False),
    ("整改任务", _COUNT + r"(?P<u>项|个|条)(?:具体)?整改任务", False),
    ("子项问题", _COUNT + r"(?:个|项)?子项问题", False),
    # 177项整改任务，已完成174项 / 长期整改任务3项: tasks, not problems, so never checked against findings
    ("整改任务已完成", r"任务[，,]?\s*(?:已经?)完成" + _COUNT + r"项", False),
    ("长期整改任务", r"长期整改任务" + _COUNT + r"项", False),
)
_BREAKDOWN = re.compile(r"\s*[（(](?P<items>[^（）()]{2,120})[）)]")
_PART = re.compile(r"^(?:其中)?(?P<name>[\u4e00-\u9fff]{2,12}?)" + _AMOUNT + r"(?P<u>人|万元|元|项|条|件|个|起)?$")


def breakdown(text: str) -> list[dict[str, Any]] | None:
    """The parts a bracket right after a figure lists (党内警告72人，严重警告34人), or None."""
    match = _BREAKDOWN.match(text)
    if not match:
        return None
    parts = []
    for item in re.split(r"[，,、；;]", match.group("items")):
        part = _PART.match(item.strip())
        if not part:
            return None
        value = unicodedata.normalize("NFKC", part.group("n")).replace("．", ".")
        entry: dict[str, Any] = {"name": part.group("name"), "value": int(value) if value.isdigit() else value}
        if part.group("u"):
            entry["unit"] = part.group("u")
        parts.append(entry)
    return parts or None


class Figures:
    """Figures stated in the text, in order of appearance, and the places they were read."""

    def __init__(self, remarks: list[Remark]) -> None:
        self.values: dict[str, int | str | dict[str, Any]] = {}
        self.lines: dict[str, int] = {}
        self.remarks = remarks

    def fill(self, text: str, line: int, rules: tuple[tuple[str, str, bool], ...]) -> str:
        """``text`` with each stated figure replaced by ``{名称}``."""
        taken: list[tuple[int, int, str, re.Match[str]]] = []
        for name, pattern, scoped in rules:
            for match in re.finditer(pattern, text):
                start, end = match.span("n")
                if any(s < end and start < e for s, e, _, _ in taken):
                    continue
                name_here = self._scoped(text, start, name) if scoped else self._pairing(text, start, name)
                taken.append((start, end, name_here, match))
        # Claimed in reading order, so that figures are listed as the text states them.
        claimed = [
            (start, end, self._claim(name, self._value(text, match), line))
            for start, end, name, match in sorted(taken, key=lambda t: t[0])
        ]
        for start, end, name in reversed(claimed):
            text = text[:start] + "{" + name + "}" + text[end:]
        return text

    @staticmethod
    def _sentence_before(text: str, start: int) -> str:
        cut = max(text.rfind(mark, 0, start) for mark in "。；;")
        return text[cut + 1 : start]

    def _scoped(self, text: str, start: int, name: str) -> str:
        before = self._sentence_before(text, start)
        for scope in _SCOPES:
            if scope in before:
                return scope + ("问题" if name == "问题总数" else name)
        return name

    def _pairing(self, text: str, start: int, name: str) -> str:
        if name == "已办结" and "信访" in self._sentence_before(text, start):
            return "信访件已办结"
        return name

    @staticmethod
    def _value(text: str, match: re.Match[str]) -> int | str | dict[str, Any]:
        """A count (19), a rate ("84.2%"), or a figure with its unit and breakdown."""
        raw = unicodedata.normalize("NFKC", match.group("n")).replace(" ", "").replace("．", ".")
        number: int | str = int(raw) if raw.isdigit() else raw
        unit = match.groupdict().get("u")
        if not unit:
            return number
        figure: dict[str, Any] = {"value": number, "unit": unit}
        parts = breakdown(text[match.end("u") :])
        if parts:
            figure["breakdown"] = parts
        return figure

    def _claim(self, name: str, value: int | str | dict[str, Any], line: int) -> str:
        shown = value["value"] if isinstance(value, dict) else value
        candidate, k = name, 1
        while candidate in self.values and self.values[candidate] != value:
            k += 1
            candidate = f"{name}{k}"
        if candidate != name and candidate not in self.values:
            self.remarks.append(
                Remark(
                    line,
                    f"正文另一处写明{name} {_shown(self.values[name])}，这里是 {shown}；这一处记为 {{{candidate}}}，"
                    f"不与问题清单核对，请确认",
                )
            )
        self.values.setdefault(candidate, value)
        self.lines.setdefault(candidate, line)
        return candidate


def _shown(value: int | str | dict[str, Any]) -> int | str:
    return value["value"] if isinstance(value, dict) else value


def fill_figures(
    figures: Figures,
    narrative: list[list[Line]],
    measures: list[tuple[list[str], int]],
    listed: Sequence[list[Line]] = (),
) -> None:
    """Figures read from every narrative paragraph (all rules); from the paragraphs inside the findings
    list (``listed``: a category's own text) all but the counts of problems and the rate (完成率100% there
    is of that category's tasks, not the notice's); from the measures discipline and money."""
    counted = FIGURE_RULES + OUTCOME_RULES + DISCIPLINE_RULES
    uncounted = tuple(r for r in counted if r[0] not in COUNTED_FIGURES and r[0] != RATE_FIGURE)
    for paragraphs, rules in [*((p, counted) for p in narrative), *((p, uncounted) for p in listed)]:
        for index, item in enumerate(paragraphs):
            paragraphs[index] = Line(figures.fill(item.text, item.line, rules), item.line)
    for texts, line in measures:
        texts[:] = [figures.fill(m, line, DISCIPLINE_RULES) for m in texts]
