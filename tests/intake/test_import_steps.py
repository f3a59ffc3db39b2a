"""Each step of the import pipeline on its own (rectify.intake.notice: clean, outline, classify, fields,
figures, dates, contact, write). The whole pipeline is tested in test_import.py and test_import_real.py."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from rectify.data import yamlio
from rectify.data.model import status_of_wording
from rectify.intake.notice import Line, Paragraph, Review
from rectify.intake.notice.classify import classify, problem_rank
from rectify.intake.notice.clean import chrome_values, clean_lines
from rectify.intake.notice.contact import publication
from rectify.intake.notice.dates import inspection
from rectify.intake.notice.fields import DraftFinding, derive_done, read_finding
from rectify.intake.notice.outline import find_title, outline, split_end
from rectify.intake.notice.write import to_yaml


def _lines(*texts: str) -> list[tuple[Line, int | None]]:
    return [(Line(text, number), None) for number, text in enumerate(texts, start=1)]


def _paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, number) for number, text in enumerate(texts, start=1)]


# --- clean ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "当前位置: 首页 >> 本级巡察情况",
        "字体大小:",
        "发布时间: 2025-05-28   信息来源:市委巡察办   访问量:0   保护视力色:",
        "发布日期:2026-02-26信息来源:市卫健委",
        "2021-02-23 12:42:06来源:广州市住房和城乡建设局",
        "2022年08月16日 来源: 中共廊坊市委 作者: 字体:",
        "文章来源:中央纪委国家监委网站 作者: 发布时间:2022-04-18 20:58 点击量:184 大",
        "【浏览字号 :大 中 小】",
        "<!--more-->",
        "[转入文章首发地址](http://news.example.cn/a.shtml)",
        "- 3 -",
    ],
)
def test_portal_chrome_in_both_punctuations(line: str) -> None:
    assert chrome_values(line) is not None


def test_chrome_values_keep_the_date_and_source() -> None:
    assert chrome_values("来源:明珠湾管理局发布日期:2022-12-08") == {"来源": "明珠湾管理局", "发布日期": "2022-12-08"}
    # the rest of 字号 大 中 小 on lines of their own, right after a chrome line
    assert chrome_values("中") is None and chrome_values("中", after_chrome=True) == {}
    # a signature date alone is notice text
    assert chrome_values("2017年3月27日") is None


def test_clean_drops_and_lists_chrome_and_reads_the_header() -> None:
    log = Review()
    cleaned = clean_lines(
        _paragraphs(
            "• 信息索引号:",
            "113307020501239658/2023-46395",
            "• 发布机构:",
            "婺城区文旅体局",
            "日期:2023-05-04 08:46:31 来源:区文旅体局 浏览量:",
            "分享:",
            "中共某某党组关于巡察整改情况的通报",
        ),
        log,
    )
    assert [line.text for line, _ in cleaned.lines] == ["中共某某党组关于巡察整改情况的通报"]
    assert cleaned.header == {"索引号": "113307020501239658/2023-46395", "发布机构": "婺城区文旅体局"}
    assert cleaned.pages == {"date": "2023-05-04 08:46:31", "site": "区文旅体局"}
    assert {line for line, _ in log.aside} == {1, 2, 3, 4, 5, 6}
    assert any(r.line == 5 and "不是通报正文，已删去" in r.message for r in log.remarks)


def test_front_matter_is_dropped_and_its_title_kept() -> None:
    log = Review()
    cleaned = clean_lines(
        _paragraphs(
            "---",
            "title: 学校->中共某大学委员会关于巡视整改进展情况的通报 | news",
            "tags:",
            "---",
            "根据中央统一部署，……",
        ),
        log,
    )
    assert [line.text for line, _ in cleaned.lines] == ["根据中央统一部署，……"]
    assert cleaned.header["文件名称"] == "中共某大学委员会关于巡视整改进展情况的通报"


# --- outline -------------------------------------------------------------------------------


def test_no_title_keeps_the_opening_paragraph() -> None:
    log = Review()
    title = find_title(
        _lines("根据省委统一部署，2022年2月28日至3月31日，省委第九巡视组进行了巡视。", "一、整改情况"), {}, log
    )
    assert title.text == "" and len(title.body) == 2
    assert log.notes[("title",)] == "原文没有标题，请补充"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (("中共某某党组关于", "巡视整改情况的通报"), "中共某某党组关于巡视整改情况的通报"),
        (
            ("中共麗水市婦女聯合會黨組關于五屆市委", "第四輪巡察整改進展情況的通報"),
            "中共麗水市婦女聯合會黨組關于五屆市委第四輪巡察整改進展情況的通報",
        ),
        (
            ("中共某局委员会关于巡察整改进展情况的通报", "中共某局委员会关于巡察整改进展情况的通报"),
            "中共某局委员会关于巡察整改进展情况的通报",
        ),
    ],
    ids=["split", "traditional", "repeated"],
)
def test_title_split_or_repeated(lines: tuple[str, ...], title: str) -> None:
    log = Review()
    found = find_title(_lines(*lines, "根据统一部署，进行了巡察。"), {}, log)
    assert found.text == title and [line.text for line, _ in found.body] == ["根据统一部署，进行了巡察。"]


def test_a_column_name_above_the_title() -> None:
    log = Review()
    found = find_title(
        _lines("政府公告", "中共廊坊市委关于省委巡视“回头看”整改进展情况的通报", "根据省委部署，……"), {}, log
    )
    assert found.text.startswith("中共廊坊市委") and found.pages == {"column": "政府公告"}
    assert (1, "政府公告") in log.aside


def test_end_contact_and_signature() -> None:
    end = split_end(
        _lines("一、情况", "正文。", "欢迎监督。联系电话：010-1234567。", "中共某某党组", "2024年8月1日", "附件：略")
    )
    assert [line.text for line, _ in end.body] == ["一、情况", "正文。"]
    assert [line.text for line in end.contact] == ["欢迎监督。联系电话：010-1234567。"]
    assert end.signature == ("中共某某党组", date(2024, 8, 1), 5)
    assert [line.text for line in end.trailing] == ["附件：略"]


# --- classify ------------------------------------------------------------------------------


def test_organisation_first_notice_is_narrative() -> None:
    log = Review()
    body = classify(
        _lines(
            "一、组织落实整改情况", "（一）提高政治站位。市委坚持……", "（二）坚持问题导向，对标对表整改。制定整改措施……"
        ),
        "",
        [],
        log,
    )
    assert body.categories == [] and [s.heading for s in body.sections] == ["组织落实整改情况"]
    assert [p.heading for p in body.sections[0].parts] == ["提高政治站位。", "坚持问题导向，对标对表整改。"]
    assert any("没有找到具体问题" in r.message for r in log.remarks)


def test_three_levels_keep_sub_problems_inside_their_problem() -> None:
    root = outline(
        _lines(
            "（一）在“党的领导”方面",
            "1.关于“学习不够到位”问题的整改",
            "（1）关于“学习不深”的问题。制定学习计划。",
            "（2）关于“研究不够”的问题。专题研究2次。",
            "2.关于“制度执行不严”问题的整改",
            "修订制度。",
        )
    )
    assert problem_rank(root) == 3
    log = Review()
    finding = read_finding(root.children[0].children[0], log.remarks, log.aside)
    assert [sub.problem for sub in finding.subproblems] == ["学习不深", "研究不够"]
    assert finding.subproblems[1].measures == ["专题研究2次。"] and finding.measures == []


def test_a_feedback_problem_heading_holds_its_numbered_sub_problems() -> None:
    """（一）… › 反馈问题一：关于 “…” 的问题。 › 1.政治理论学习不扎实 › 整改情况：…"""
    log = Review()
    body = classify(
        _lines(
            "二、巡察整改任务落实情况",
            "（一）关于决策部署落实方面的问题",
            "反馈问题一：关于 “落实上级要求有差距” 的问题。",
            "1.政治理论学习不扎实",
            "整改情况：制定学习计划。",
            "2.调查研究不够深入",
            "整改情况：开展专题调研。",
        ),
        "",
        [],
        log,
    )
    assert [c.title for c in body.categories] == ["关于决策部署落实方面的问题"]
    (problem,) = body.categories[0].problems
    finding = read_finding(problem.node, log.remarks, log.aside)
    assert (finding.problem, finding.form) == ("落实上级要求有差距", "关于 “…” 的问题。")
    assert [(sub.problem, sub.measures) for sub in finding.subproblems] == [
        ("政治理论学习不扎实", ["制定学习计划。"]),
        ("调查研究不够深入", ["开展专题调研。"]),
    ]


def test_headings_that_open_yishi_measures_under_the_areas_are_the_problems() -> None:
    """（一）areas › 1.在…上下功夫 › 一是…二是…: the 1. headings are the problems, the areas their categories;
    the organisation section's run-in 1. items stay narrative."""
    log = Review()
    body = classify(
        _lines(
            "一、坚定不移抓好巡视整改",
            "1.深化思想认识，坚定整改决心。学校党委以高度的政治自觉担负起整改责任。",
            "二、逐条逐项推动整改落地见效",
            "（一）加强党的领导，全面贯彻党的教育方针",
            "学校党委深刻反思巡视指出的问题。",
            "1.在学懂弄通做实上下功夫",
            "一是系统全面深研细悟。开展专题学习7次。",
            "二是深化开展党史学习教育。举办宣讲300余场。",
            "2.在落实立德树人根本任务上下功夫",
            "一是强化马克思主义指导地位。制定实施方案。",
            "（二）抓实标杆标准，推动相关问题一体整改",
            "一是集成整改上轮巡视未到位问题。逐条研判。",
        ),
        "",
        [],
        log,
    )
    assert [s.heading for s in body.sections] == ["坚定不移抓好巡视整改", "逐条逐项推动整改落地见效"]
    assert [[p.node.text for p in c.problems] for c in body.categories] == [
        ["在学懂弄通做实上下功夫", "在落实立德树人根本任务上下功夫"],
        [],
    ]
    assert [p.text for p in body.categories[0].paragraphs] == ["学校党委深刻反思巡视指出的问题。"]
    finding = read_finding(body.categories[0].problems[0].node, log.remarks, log.aside)
    assert finding.numbered and finding.measures == [
        "系统全面深研细悟。开展专题学习7次。",
        "深化开展党史学习教育。举办宣讲300余场。",
    ]


# --- fields --------------------------------------------------------------------------------


def test_status_wordings_through_the_models_table() -> None:
    assert status_of_wording("阶段性完成") == "基本完成（持续整改）"
    assert status_of_wording("持续推进") == "长期整改"
    assert status_of_wording("基本完成取得阶段性成果并持续整改") is None


def test_an_unknown_status_wording_is_kept_as_written() -> None:
    log = Review()
    node = outline(_lines("1.针对“学习不深”问题。", "整改状态：基本落实。", "制定学习计划。")).children[0]
    finding = read_finding(node, log.remarks, log.aside)
    assert finding.status is None and finding.wording == "基本落实"
    assert finding.measures == ["整改状态：基本落实。", "制定学习计划。"]  # the wording stays in the text
    assert any("不在“整改状态的写法”对照表中" in r.message for r in log.remarks)


def _finding(status: str | None) -> DraftFinding:
    return DraftFinding("问题", "针对“…”问题。", ["措施。"], True, 1, status=status)


def test_statuses_are_derived_only_when_the_totals_decide() -> None:
    log = Review()
    findings = [_finding(None), _finding(None), _finding("长期整改")]
    derive_done(findings, {"问题总数": 3, "已完成": 2}, {"已完成": 5}, log)
    assert [f.status for f in findings] == ["已完成", "已完成", "长期整改"]
    assert log.remarks[0].line == 5
    for values in ({"问题总数": 3}, {"问题总数": 4, "已完成": 3}, {"已完成": 2}):
        findings = [_finding(None), _finding(None), _finding("长期整改")]
        derive_done(findings, values, {}, Review())
        assert [f.status for f in findings] == [None, None, "长期整改"]


# --- dates and the inspection ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "根据省委统一部署，2020年11月10日至2021年1月13日，省委第八巡视组对某局开展了巡视。3月6日，反馈了巡视意见。",
            {
                "kind": "巡视",
                "team": "省委第八巡视组",
                "start": "2020-11-10",
                "end": "2021-01-13",
                "feedback": "2021-03-06",
            },
        ),
        (
            "根据市委统一部署,2024年3月18日至4月30日,市委第四巡察组对市文化和旅游局党组进行了巡察。",
            {"kind": "巡察", "team": "市委第四巡察组", "start": "2024-03-18", "end": "2024-04-30", "feedback": None},
        ),
        (
            "根据省委统一部署，2024年11月1日至12月20日，省委第三巡视组对我市开展了巡视。1月8日，巡视组反馈了意见。",
            {
                "kind": "巡视",
                "team": "省委第三巡视组",
                "start": "2024-11-01",
                "end": "2024-12-20",
                "feedback": "2025-01-08",
            },
        ),
    ],
    ids=["range-across-years", "ascii-no-feedback", "feedback-next-year"],
)
def test_inspection_dates(text: str, expected: dict[str, str | None]) -> None:
    log = Review()
    assert inspection([Line(text, 1)], [], "", None, log) == expected
    if expected["feedback"] is None:
        assert log.notes[("inspection", "feedback")] == "原文没有写明反馈日期，请补充"


def test_publication_from_header_and_byline() -> None:
    log = Review()
    header = {"索引号": "113307020501239658/2023-46395", "发布机构": "婺城区文旅体局", "文号": "婺文旅党〔2023〕5号"}
    assert publication(date(2023, 5, 4), header, {"date": "2023-05-05 08:46"}, log) == {
        "site": "婺城区文旅体局",
        "index_no": "113307020501239658/2023-46395",
        "publisher": "婺城区文旅体局",
        "doc_no": "婺文旅党〔2023〕5号",
        "date": "2023-05-05",
    }
    assert publication(None, {}, {}, Review())["date"] is None  # never another date in its place


# --- write ---------------------------------------------------------------------------------


def test_yaml_with_comments_reads_back_and_edits_in_place() -> None:
    data = {
        "title": None,
        "inspection": {"kind": "巡察", "start": "2024-03-18", "feedback": None},
        "intro": ["根据：统一部署，{问题总数}个问题。"],
    }
    comments = {("title",): "原文没有标题，请补充", ("inspection", "feedback"): "原文没有写明反馈日期，请补充"}
    text = to_yaml(data, ["# 头部说明"], comments, {("intro",): ["# 导语"]})
    lines = text.splitlines()
    assert lines[0] == "# 头部说明"
    assert "title:                        # 原文没有标题，请补充" in lines
    assert "  start: 2024-03-18" in lines  # a date, written as the hand-entered files write it
    assert "  feedback:                   # 原文没有写明反馈日期，请补充" in lines
    assert "# 导语" in lines
    assert yaml.safe_load(text)["intro"] == ["根据：统一部署，{问题总数}个问题。"]
    edited = yamlio.edit_text(text, {"inspection.feedback": date(2024, 5, 20)})
    assert "  feedback: 2024-05-20        # 原文没有写明反馈日期，请补充" in edited.splitlines()


# --- figures -------------------------------------------------------------------------------


def test_accountability_and_outcome_figures_with_units_and_breakdowns() -> None:
    from rectify.intake.notice.figures import Figures, fill_figures

    figures = Figures([])
    paragraphs = [
        Line("将巡视反馈的3个方面28个具体问题细化为86条整改措施。", 1),
        Line("给予党纪处分120人（党内警告72人，严重警告34人，撤销党内职务14人），追缴资金7.132万元。", 2),
        Line("对违规违纪的，给予责令检查、批评教育、谈话提醒24人。", 3),
    ]
    fill_figures(figures, [paragraphs], [])
    assert figures.values == {
        "方面": 3,
        "问题总数": 28,
        "整改措施": {"value": 86, "unit": "条"},
        "党纪处分": {
            "value": 120,
            "unit": "人",
            "breakdown": [
                {"name": "党内警告", "value": 72, "unit": "人"},
                {"name": "严重警告", "value": 34, "unit": "人"},
                {"name": "撤销党内职务", "value": 14, "unit": "人"},
            ],
        },
        "追缴资金": {"value": "7.132", "unit": "万元"},
    }
    # the breakdown stays in the text as written; a number shared by three measures is no one's figure
    assert (
        paragraphs[1].text
        == "给予党纪处分{党纪处分}人（党内警告72人，严重警告34人，撤销党内职务14人），追缴资金{追缴资金}万元。"
    )
    assert paragraphs[2].text == "对违规违纪的，给予责令检查、批评教育、谈话提醒24人。"
