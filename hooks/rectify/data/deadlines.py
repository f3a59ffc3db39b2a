"""Deadlines (完成时限) as dates: the words a notice uses stay as written, and give a due date
only by the rules of ``RULES`` (shown on the data format page). Nothing is guessed: words the rules
do not read (no year, two dates, a wording not in the table) give no date and a remark for the office.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .model import Notice
from .source import Document, FieldPath

# Words that mean the work never ends: no due date, and never overdue.
LONG_TERM_WORDS = (
    "长期坚持",
    "长期坚持整改",
    "长期整改",
    "长期推进",
    "长期落实",
    "长期",
    "持续推进",
    "持续整改",
    "常态化",
)
# Words that mean "at once": no date is stated, so none is given (the notice's date would be a guess).
IMMEDIATE_WORDS = ("立行立改", "立即整改", "即知即改", "立即")
_BEFORE_SUFFIX = "(?:前|之前|以前)"
_WORDS_AROUND_DATE = re.compile(
    r"^(?:预计|力争|确保|计划|要求|须|于|在)+|(?:前完成|完成整改|整改到位|全面完成|完成|办结)+$"
)


@dataclass(frozen=True)
class Dated:
    """What a deadline's words give: a due date, long-term (none), or none and why."""

    day: date | None
    long_term: bool = False
    unclear: str | None = None
    """Why the words give no date when they should (for the remark); ``None`` when they are read."""


@dataclass(frozen=True)
class Rule:
    words: str
    """The wording, as the data format page shows it."""
    example: str
    meaning: str
    pattern: re.Pattern[str]
    day: Callable[[re.Match[str]], date]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _before_month(year: int, month: int) -> date:
    """The last day before month ``month`` starts."""
    return date(year - 1, 12, 31) if month == 1 else _month_end(year, month - 1)


def _int(match: re.Match[str], name: str) -> int:
    return int(match.group(name))


_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_TEN_DAYS = {"上": 10, "中": 20}
RULES: tuple[Rule, ...] = (
    Rule(
        "某年某月某日（前）",
        "2024年11月30日前",
        "写明的那一天（“前”“之前”指到这一天为止）",
        re.compile(rf"^(?P<y>\d{{4}})(?:年|[-./])(?P<m>\d{{1,2}})(?:月|[-./])(?P<d>\d{{1,2}})日?{_BEFORE_SUFFIX}?$"),
        lambda m: date(_int(m, "y"), _int(m, "m"), _int(m, "d")),
    ),
    Rule(
        "某年某月底（前）、某月末（前）",
        "2024年12月底前",
        "那个月的最后一天",
        re.compile(rf"^(?P<y>\d{{4}})年(?P<m>\d{{1,2}})月(?:份)?(?:底|末){_BEFORE_SUFFIX}?$"),
        lambda m: _month_end(_int(m, "y"), _int(m, "m")),
    ),
    Rule(
        "某年某月（份、内）",
        "2025年6月",
        "那个月的最后一天（在这个月内完成）",
        re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?:份)?(?:内|中)?$"),
        lambda m: _month_end(_int(m, "y"), _int(m, "m")),
    ),
    Rule(
        "某年某月前、某月之前",
        "2025年6月前",
        "那个月开始前的一天，即上个月的最后一天（“6月前”是5月31日；要写到6月底，原文会写“6月底前”）",
        re.compile(rf"^(?P<y>\d{{4}})年(?P<m>\d{{1,2}})月(?:份)?{_BEFORE_SUFFIX}$"),
        lambda m: _before_month(_int(m, "y"), _int(m, "m")),
    ),
    Rule(
        "某年某月上旬、中旬、下旬",
        "2025年6月中旬",
        "上旬是10日，中旬是20日，下旬是那个月的最后一天",
        re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<t>[上中下])旬(?:末|底)?$"),
        lambda m: (
            date(_int(m, "y"), _int(m, "m"), _TEN_DAYS[m.group("t")])
            if m.group("t") in _TEN_DAYS
            else _month_end(_int(m, "y"), _int(m, "m"))
        ),
    ),
    Rule(
        "某年第几季度（末、底前）",
        "2025年第一季度",
        "那个季度的最后一天",
        re.compile(rf"^(?P<y>\d{{4}})年第?(?P<q>[一二三四1-4])季度(?:内|末|底)?{_BEFORE_SUFFIX}?$"),
        lambda m: _month_end(_int(m, "y"), 3 * _QUARTERS[m.group("q")]),
    ),
    Rule(
        "某年上半年、下半年（内、底前）",
        "2025年上半年",
        "上半年是6月30日，下半年是12月31日",
        re.compile(rf"^(?P<y>\d{{4}})年(?P<h>[上下])半年(?:内|(?:底|末){_BEFORE_SUFFIX}?)?$"),
        lambda m: date(_int(m, "y"), 6 if m.group("h") == "上" else 12, 30 if m.group("h") == "上" else 31),
    ),
    Rule(
        "某年底（前）、年末、年内",
        "2017年底前",
        "那一年的12月31日",
        re.compile(rf"^(?P<y>\d{{4}})年(?:底|末|内|终|年底|年末){_BEFORE_SUFFIX}?$"),
        lambda m: date(_int(m, "y"), 12, 31),
    ),
    Rule(
        "某年前、某年之前",
        "2025年前",
        "那一年开始前的一天，即上一年的12月31日",
        re.compile(rf"^(?P<y>\d{{4}})年{_BEFORE_SUFFIX}$"),
        lambda m: date(_int(m, "y") - 1, 12, 31),
    ),
)
_NO_DATE_EXAMPLES = (
    ("长期坚持、长期、持续推进", "长期坚持", "没有完成日期：长期整改，不计算是否超过完成时限"),
    ("立行立改、立即整改", "立行立改", "没有完成日期：原文没有写日期"),
    ("没有年份、写了两个日期、表中没有的写法", "6月底前", "没有完成日期，rectify check 提示核对；可另写 due"),
)


def _plain(words: str) -> str:
    """Full-width digits folded, spaces and closing marks dropped, and words around the date
    (预计……完成) taken off: 预计2024年12月底前完成。 → 2024年12月底前."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", words)).strip("。；;，,、")
    previous = None
    while previous != text:
        previous, text = text, _WORDS_AROUND_DATE.sub("", text)
    return text


def deadline_date(words: str) -> Dated:
    """The due date ``words`` give by ``RULES``; long-term or unclear words give none."""
    text = _plain(words)
    parts = [part for part in re.split(r"[，,、；;并和]", text) if part]
    if parts and all(part in LONG_TERM_WORDS for part in parts):
        return Dated(None, long_term=True)
    if text in IMMEDIATE_WORDS:
        return Dated(None)
    for rule in RULES:
        match = rule.pattern.match(text)
        if match:
            try:
                return Dated(rule.day(match))
            except ValueError:
                return Dated(None, unclear="写的日期不存在")
    years = re.findall(r"\d{4}年|\d{4}[-./]\d", text)
    if len(years) > 1 or len(re.findall(r"\d{1,2}月", text)) > 1:
        return Dated(None, unclear="写了不止一个日期，不能确定以哪个为准")
    if not years and re.search(r"\d+月|年底|年内|年末|季度|半年", text):
        return Dated(None, unclear="没有写年份")
    return Dated(None, unclear="不是完成时限规则表中的写法")


def rule_rows() -> list[tuple[str, str, str, str]]:
    """The rule table as (写法, 例, 完成日期, 说明), each example dated by ``deadline_date`` itself."""
    rows = []
    for rule in RULES:
        day = deadline_date(rule.example).day
        assert day is not None, rule.example  # the table shows what the code does
        rows.append((rule.words, rule.example, day.isoformat(), rule.meaning))
    rows += [(words, example, "—", meaning) for words, example, meaning in _NO_DATE_EXAMPLES]
    return rows


def due_of(words: str | None, stated: date | None) -> date | None:
    """The due date: the one the office states (``due``), else the one the words give."""
    if stated is not None:
        return stated
    return deadline_date(words).day if words else None


def deadline_remarks(doc: Document) -> None:
    """Deadline words the rules cannot date, and a stated ``due`` the words contradict."""
    for c_index, category in enumerate(doc.data["categories"]):
        for f_index, finding in enumerate(category.get("findings", [])):
            path: FieldPath = ("categories", c_index, "findings", f_index)
            _remark(doc, path, finding)
            for s_index, sub in enumerate(finding.get("subproblems", [])):
                _remark(doc, (*path, "subproblems", s_index), sub)
            for p_index, step in enumerate(finding.get("progress", [])):
                _remark(doc, (*path, "progress", p_index), step)


def check_moves(doc: Document) -> None:
    """A progress step that moves the deadline must say why, and a reason needs the new deadline."""
    for c_index, category in enumerate(doc.data["categories"]):
        for f_index, finding in enumerate(category.get("findings", [])):
            for p_index, step in enumerate(finding.get("progress", [])):
                path: FieldPath = ("categories", c_index, "findings", f_index, "progress", p_index)
                if step.get("deadline") and not step.get("reason"):
                    doc.error(
                        (*path, "deadline"),
                        f"这项进展把完成时限调整为“{step['deadline']}”，但没有写调整的原因；"
                        "调整完成时限必须写明原因：请在同一项进展中写 reason（如 拍卖须经省国资委审批）",
                    )
                elif step.get("reason") and not step.get("deadline"):
                    doc.error(
                        (*path, "reason"),
                        "写了调整完成时限的原因（reason），但没有写调整后的完成时限；请写 deadline，或删去 reason",
                    )


def _remark(doc: Document, path: FieldPath, item: dict[str, object]) -> None:
    words, stated = item.get("deadline"), item.get("due")
    if not isinstance(words, str):
        return
    dated = deadline_date(words)
    if stated is None and dated.unclear:
        doc.remark(
            (*path, "deadline"),
            f"完成时限“{words}”{dated.unclear}，不能换算成完成日期；网站照原文显示，不计算是否超过完成时限。"
            "本单位明确了完成日期的，可另写 due: 年-月-日（规则表见数据格式说明）",
        )
    elif isinstance(stated, str) and dated.day is not None and dated.day.isoformat() != stated:
        doc.remark(
            (*path, "due"),
            f"完成时限“{words}”按规则是 {dated.day.isoformat()}，但 due 写的是 {stated}；网站按 due 计算，请核对",
        )


# Within this many days of its due date an open finding is 临近完成时限 (the ledgers' yellow warning).
NEAR_DAYS = 30
OVERDUE = "overdue"
NEAR = "near"


def deadline_state(due: date | None, completed: bool, today: date) -> tuple[str, int] | None:
    """(``OVERDUE``, days past due) or (``NEAR``, days left) for an open finding as of ``today``;
    ``None`` when it is completed, has no due date, or is further off. docs/assets/rectify.js does
    the same in the reader's browser."""
    if due is None or completed:
        return None
    left = (due - today).days
    if left < 0:
        return OVERDUE, -left
    return (NEAR, left) if left <= NEAR_DAYS else None


def last_report(notice: Notice, notices: Iterable[Notice]) -> date:
    """The day progress on ``notice`` was last made public: its newest progress entry or its own
    date, or the date of a later progress notice that updates it (``updates``)."""
    later = [n.signed for n in notices if n.updates == notice.id]
    return max([notice.as_of, *later])


def update_overdue(notice: Notice, notices: Iterable[Notice], today: date) -> int | None:
    """Days since ``next_update`` passed with no progress made public on or after it; ``None`` when
    none is stated, it has not passed, or the office reported. rectify.js does the same in the browser."""
    due = notice.next_update
    if due is None or last_report(notice, notices) >= due or today <= due:
        return None
    return (today - due).days
