"""``rectify import``: drafted notices (.txt, .docx) into data, losing nothing.

Fixtures in tests/fixtures/import/ (each a variation real notices show):

- ``county-xuncha.txt``: a county 巡察 notice copied from a website: breadcrumb and chrome lines,
  a disclosure header (索引号…公开方式), categories at 一、 with findings at （一）, headings worded
  针对“…”问题 / 关于…问题的整改 (quote inside the problem) / 在“…”方面 / without quotes,
  整改情况：一是…, per-finding 整改状态 lines, figures 巡察反馈5个问题，已完成整改4个、正在整改1个，
  整改完成率80%, discipline and money figures (诫勉2人, 追缴资金12万元), numbers that are not
  problem counts (72家, 第57次, 5569人), contact on one line.
- ``flat-findings.txt``: findings directly at 一、 (no categories), full-width digits, half-width
  quotes and full stop, measures as （１）（２）, statuses 已完成 / 阶段性完成 / 正在整改 / 长期整改
  (with 整改责任人 and 完成时限) / 未完成 / 完成整改, the figures wording 反馈的N个问题，完成整改…
  总体完成率33.33%, a signature date in Chinese numerals.
- ``partial-seed.txt``: the seed notice cut off in the middle of finding 12.

The seed itself (tests/fixtures/seed-notice.txt), a GB18030 copy and a .docx made here with
python-docx are imported too, and compared with the hand-entered data/hlj-zgh-2017.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DATA, ROOT, SEED_ID, SEED_TEXT, mkdocs_build
from rectify.data import yamlio
from rectify.data.load import load_notice
from rectify.data.model import status_of_wording
from rectify.intake.notice import (
    DEFAULT_FORM,
    Figures,
    Imported,
    Line,
    Node,
    Paragraph,
    chrome_values,
    import_paragraphs,
    import_text,
    read_finding,
    split_label,
    split_lead,
)
from rectify.intake.notice.read import ReadError, decode, read_paragraphs

FIXTURES = ROOT / "tests" / "fixtures" / "import"
RECTIFY = Path(sys.executable).parent / "rectify"


def rectify(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RECTIFY), *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def write(imported: Imported, folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "notice.yml").write_text(imported.notice_yaml, encoding="utf-8")
    (folder / "findings.yml").write_text(imported.findings_yaml, encoding="utf-8")
    return folder


def fixture(name: str) -> Imported:
    return import_paragraphs(read_paragraphs(FIXTURES / name), source_name=name)


def findings_of(imported: Imported) -> list[dict[str, Any]]:
    return [f for c in imported.findings["categories"] for f in c.get("findings", [])]


def normalise(text: str) -> str:
    """Fold full/half-width forms and drop all whitespace (as tests/adapter/test_build.py does)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def notice_page_text(site: Path, notice_id: str) -> str:
    soup = BeautifulSoup((site / notice_id / "notice" / "index.html").read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("div.notice-text")
    assert body is not None
    # Status lines stay in the measures (issue 23) and the composed page adds none of its own.
    return body.get_text()


def body_sentences(source: Path, imported: Imported, stop: str) -> list[str]:
    """Sentences of the source from its first line to the line that starts with ``stop``
    (the contact block, checked by value), less what the importer set aside and numbering labels."""
    aside: dict[int, list[str]] = defaultdict(list)
    for line, text in imported.set_aside:
        aside[line].append(text)
    found = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip().startswith(stop):
            break
        for text in aside[number]:
            line = line.replace(text, "", 1)
        text = split_label(line.strip())[2]
        text = normalise(text[:-1] + "。" if text.endswith(".") else text)
        found += [piece for piece in text.split("。") if piece]
    return found


def build(imported: Imported, tmp_path: Path, notice_id: str = "imported") -> str:
    data = tmp_path / "data"
    write(imported, data / notice_id)
    result = mkdocs_build(tmp_path / "site", data)
    assert result.returncode == 0, result.stderr
    return normalise(notice_page_text(tmp_path / "site", notice_id))


# --- unit: one variation at a time -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "rank", "rest"),
    [
        ("一、高度重视", 1, "高度重视"),
        ("一.高度重视", 1, "高度重视"),
        ("十二、其他", 1, "其他"),
        ("（一）层层落实", 2, "层层落实"),
        ("(二)层层落实", 2, "层层落实"),
        ("1.针对", 3, "针对"),
        ("1．针对", 3, "针对"),
        ("１．针对", 3, "针对"),
        ("12、针对", 3, "针对"),
        ("（1）调整", 4, "调整"),
        ("(2)调整", 4, "调整"),
        ("（１）调整", 4, "调整"),
        ("①调整", 4, "调整"),
        ("2.61%的资金", 0, "2.61%的资金"),
        ("2017年2月9日，省委", 0, "2017年2月9日，省委"),
        ("一是加强学习", 0, "一是加强学习"),
    ],
)
def test_numbering_labels(text: str, rank: int, rest: str) -> None:
    assert split_label(text)[0] == rank
    assert split_label(text)[2] == rest


@pytest.mark.parametrize(
    ("lead", "problem", "form", "rest"),
    [
        ("针对“党费缴纳不足额”问题。一是完成", "党费缴纳不足额", DEFAULT_FORM, "一是完成"),
        ("针对“存在不守规矩等问题”。一是结合", "存在不守规矩等问题", "针对“…”。", "一是结合"),
        ("关于“意识形态工作不到位”问题的整改", "意识形态工作不到位", "关于“…”问题的整改", ""),
        ("关于“三重一大”制度执行不严问题的整改。", "“三重一大”制度执行不严", "关于…问题的整改。", ""),
        ("在“基层党组织建设”方面。一是调整", "基层党组织建设", "在“…”方面。", "一是调整"),
        ('针对"干部选拔任用不规范"问题.', "干部选拔任用不规范", '针对"…"问题.', ""),
        ("针对干部作风不实的问题。开展整治。", "干部作风不实", "针对…的问题。", "开展整治。"),
        ("针对“理论学习不深入”问题。整改情况：一是修订", "理论学习不深入", "针对“…”问题。整改情况：", "一是修订"),
        (
            "针对“违规负担车辆维修费，扩大“三公经费”支出范围”问题。一是制定",
            "违规负担车辆维修费，扩大“三公经费”支出范围",
            DEFAULT_FORM,
            "一是制定",
        ),
        ("党员教育管理不严格。一是加强", "党员教育管理不严格", "…。", "一是加强"),
        # a bracketed status is how the heading states it, not the problem; other brackets are words
        ("部分项目进度滞后（已完成）", "部分项目进度滞后", "…（已完成）", ""),
        ("办法不多(持续推进)。一是学习", "办法不多", "…(持续推进)。", "一是学习"),
        ("制度不健全（试行）", "制度不健全（试行）", "…", ""),
    ],
)
def test_finding_lead_wordings(lead: str, problem: str, form: str, rest: str) -> None:
    assert split_lead(lead) == (problem, form, rest)


@pytest.mark.parametrize(
    ("wording", "status"),
    [
        ("完成", "已完成"),
        ("已完成", "已完成"),
        ("完成整改", "已完成"),
        ("阶段性完成", "基本完成（持续整改）"),
        ("基本完成（阶段性成果，持续整改）", "基本完成（持续整改）"),
        ("正在整改", "正在整改"),
        ("长期整改", "长期整改"),
        ("未完成", "未完成"),
        ("待定", None),
    ],
)
def test_status_wordings(wording: str, status: str | None) -> None:
    assert status_of_wording(wording) == status


@pytest.mark.parametrize(
    ("text", "filled", "figures"),
    [
        (
            "巡察反馈25个问题，已完成整改19个、正在整改6个，整改完成率76%。",
            "巡察反馈{问题总数}个问题，已完成整改{已完成}个、正在整改{正在整改}个，整改完成率{完成率}。",
            {"问题总数": 25, "已完成": 19, "正在整改": 6, "完成率": "76%"},
        ),
        (
            "反馈的697个问题，完成整改688个，基本完成取得阶段性成果并持续整改问题4个，未完成5个，总体完成率98.71%。",
            "反馈的{问题总数}个问题，完成整改{已完成}个，基本完成取得阶段性成果并持续整改问题{基本完成}个，"
            "未完成{未完成}个，总体完成率{完成率}。",
            {"问题总数": 697, "已完成": 688, "基本完成": 4, "未完成": 5, "完成率": "98.71%"},
        ),
        (
            "共有１９个问题，整改完成率为８４．２％。",
            "共有{问题总数}个问题，整改完成率为{完成率}。",
            {"问题总数": 19, "完成率": "84.2%"},
        ),
        (
            "巡视期间提出需边巡边改的问题8个，已完成整改8个，整改完成率为100%。",
            "巡视期间提出需边巡边改的问题{边巡边改问题}个，已完成整改{边巡边改已完成}个，整改完成率为{边巡边改完成率}。",
            {"边巡边改问题": 8, "边巡边改已完成": 8, "边巡边改完成率": "100%"},
        ),
        (
            "给予党纪政务处分3人，诫勉2人，追缴资金12万元，清退违规资金5万元。",
            "给予党纪政务处分{党纪政务处分}人，诫勉{诫勉}人，追缴资金{追缴资金}万元，清退违规资金{清退资金}万元。",
            {
                "党纪政务处分": {"value": 3, "unit": "人"},
                "诫勉": {"value": 2, "unit": "人"},
                "追缴资金": {"value": 12, "unit": "万元"},
                "清退资金": {"value": 5, "unit": "万元"},
            },
        ),
        (
            "组织72家单位自查，第57次专题研究，覆盖5569人，追缴资金12.5万元，2017年底前完成。",
            "组织72家单位自查，第57次专题研究，覆盖5569人，追缴资金{追缴资金}万元，2017年底前完成。",
            {"追缴资金": {"value": "12.5", "unit": "万元"}},  # a decimal is kept as written
        ),
        (
            "转办信访件8件，已办结8件。",
            "转办信访件{信访件}件，已办结{信访件已办结}件。",
            {"信访件": 8, "信访件已办结": 8},
        ),
    ],
    ids=["76-percent", "98.71-percent", "full-width", "during-tour", "discipline", "not-counts", "petitions"],
)
def test_figure_wordings(text: str, filled: str, figures: dict[str, int | str]) -> None:
    from rectify.intake.notice.figures import DISCIPLINE_RULES as _DISCIPLINE_RULES
    from rectify.intake.notice.figures import FIGURE_RULES as _FIGURE_RULES

    stated = Figures([])
    assert stated.fill(text, 1, _FIGURE_RULES + _DISCIPLINE_RULES) == filled
    assert stated.values == figures


def test_figure_stated_twice_differently_is_kept_apart() -> None:
    from rectify.intake.notice.figures import FIGURE_RULES as _FIGURE_RULES

    remarks: list[Any] = []
    stated = Figures(remarks)
    stated.fill("反馈问题20个。", 3, _FIGURE_RULES)
    assert stated.fill("共有19个问题。", 7, _FIGURE_RULES) == "共有{问题总数2}个问题。"
    assert stated.values == {"问题总数": 20, "问题总数2": 19}
    assert remarks and remarks[0].line == 7


@pytest.mark.parametrize(
    "line",
    [
        "日期：2019-01-10  来源：某某县人民政府  浏览量：1024",
        "发布时间：2019-01-10 10:21:33 来源：县纪委监委",
        "分享到：  微信  微博",
        "分享",
        "朗读",
        "字号：大 中 小",
        "【字体：大 中 小】",
        "打印本页",
        "【打印本页】【关闭窗口】",
        "关闭窗口",
        "首页 > 巡察工作 > 整改公开",
        "当前位置：首页 > 通知公告",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert chrome_values(line) is not None


@pytest.mark.parametrize(
    "line", ["大", "一、整改工作总体情况", "电话：0451-53643345.", "中共黑龙江省总工会党组2017年3月27日"]
)
def test_notice_lines_are_not_chrome(line: str) -> None:
    assert chrome_values(line) is None


# --- the seed round trip ------------------------------------------------------------

# Compared field by field: everything in notice.yml (title, issuer, inspection, signature,
# publication site/column/date, figures, intro, sections with their headings, paragraphs
# (with {名称} placeholders) and parts, contact) and in findings.yml (categories' titles and
# paragraphs; findings' problem, form, measures, numbered, status, responsible, deadline).
# Not compared: id and short (made up by the importer), keywords (added by hand), comments.
IGNORED = {"id", "short", "keywords"}


def _without(value: Any, keys: set[str]) -> Any:
    if isinstance(value, dict):
        return {k: _without(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [_without(v, keys) for v in value]
    return value


def _hand_entered(name: str) -> Any:
    text = (DATA / SEED_ID / name).read_text(encoding="utf-8")
    # Dates stay text in the data layer; compare them as text.
    return _without(yaml.load(text, Loader=yaml.BaseLoader), IGNORED)


def _imported(text: str) -> Any:
    return _without(yaml.load(text, Loader=yaml.BaseLoader), IGNORED)


def assert_same_as_seed(imported: Imported) -> None:
    notice, expected = _imported(imported.notice_yaml), _hand_entered("notice.yml")
    assert list(notice) == list(expected)
    for key in expected:
        assert notice[key] == expected[key], key
    categories = _imported(imported.findings_yaml)["categories"]
    expected_categories = _hand_entered("findings.yml")["categories"]
    assert [c["title"] for c in categories] == [c["title"] for c in expected_categories]
    for got, want in zip(categories, expected_categories, strict=True):
        assert got.get("paragraphs") == want.get("paragraphs"), want["title"]
        assert len(got.get("findings", [])) == len(want.get("findings", []))
        for got_finding, want_finding in zip(got.get("findings", []), want.get("findings", []), strict=True):
            assert got_finding == want_finding, want_finding["problem"]


def test_seed_round_trip_field_by_field() -> None:
    imported = import_paragraphs(read_paragraphs(SEED_TEXT))
    assert_same_as_seed(imported)
    assert len(findings_of(imported)) == 19
    long_term = [
        (f["problem"][:6], f["responsible"], f["deadline"]) for f in findings_of(imported) if f["status"] == "长期整改"
    ]
    assert long_term == [
        ("在结合实际推", "郭长义", "2017年底前"),
        ("机关化、行政", "于国君", "2017年底前"),
        ("省总工会机关", "于国君", "2017年底前"),
    ]


def test_seed_import_checks_and_looks_like_hand_entered_yaml(tmp_path: Path) -> None:
    imported = import_paragraphs(read_paragraphs(SEED_TEXT), source_name="seed.txt")
    notice, errors = load_notice(write(imported, tmp_path / "hlj-imported"))
    assert not errors and notice is not None
    assert notice.tally.total == 19 and notice.tally.completed == 16
    for text in (imported.notice_yaml, imported.findings_yaml):
        assert text.startswith("# yaml-language-server: $schema=../../hooks/rectify/schema/")
        assert "\n#" in text  # comments like the hand-entered files
    assert "  完成率: 84.2%\n" in imported.notice_yaml
    assert "共有{问题总数}个" in imported.notice_yaml
    ids = [f["id"] for f in findings_of(imported)]
    assert ids == [f"f{n:02d}" for n in range(1, 20)]
    assert [c["id"] for c in imported.findings["categories"]] == ["c1", "c2", "c3", "c4"]
    assert not any("short" in f for f in findings_of(imported))  # never a name cut from the text
    # The first two lines are the website's column and site: read, set aside and listed.
    assert imported.set_aside == [(1, "省总工会"), (2, "黑龙江-省监察厅")]
    # The 16 statuses not stated one by one follow from the stated totals (line 9: 19 problems,
    # 16 done, the 3 others named as long-term items): derived, traced to that line, listed.
    assert [r.line for r in imported.remarks] == [1, 2, 9]
    assert "其余 16 个问题由此记为“已完成”" in imported.remarks[2].message


def test_seed_import_builds_the_same_notice_page(tmp_path: Path) -> None:
    imported = import_paragraphs(read_paragraphs(SEED_TEXT))
    page = build(imported, tmp_path)
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()[2:]
    seed = normalise("".join(line[:-1] + "。" if line.endswith(".") else line for line in lines))
    assert page == seed
    missing = [s for s in seed.split("。") if s not in page]
    assert not missing


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_seed_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / f"seed-{encoding}.txt"
    source.write_bytes(SEED_TEXT.read_text(encoding="utf-8").encode(encoding))
    assert_same_as_seed(import_paragraphs(read_paragraphs(source)))


def test_short_gb18030_text_is_not_taken_for_korean() -> None:
    assert decode("省总工会\n黑龙江-省监察厅\n".encode("gb18030")) == "省总工会\n黑龙江-省监察厅\n"


# --- the variation fixtures ---------------------------------------------------------


def test_county_notice_from_a_website(tmp_path: Path) -> None:
    imported = fixture("county-xuncha.txt")
    notice = imported.notice
    assert notice["title"] == "中共某某县农业农村局党组关于县委第二巡察组巡察反馈意见整改进展情况的通报"
    assert notice["issuer"] == "中共某某县农业农村局党组"
    assert notice["inspection"] == {
        "kind": "巡察",
        "team": "县委第二巡察组",
        "start": "2018-09-03",
        "end": "2018-10-31",
        "feedback": "2018-11-20",
    }
    assert notice["signature"] == {"signer": "中共某某县农业农村局党组", "date": "2019-01-08"}
    # Disclosure header → publication metadata (the rest as a comment); chrome dropped and listed.
    assert notice["publication"] == {
        "site": "某某县人民政府",
        "index_no": "11230000-2019-00123",  # the portal's information index, read into its fields
        "publisher": "某某县农业农村局",
        "date": "2019-01-10",
    }
    assert "# 原文的公开信息：索引号：11230000-2019-00123；" in imported.notice_yaml
    assert "公开方式：主动公开" in imported.notice_yaml
    chrome = {r.line for r in imported.remarks if r.message.startswith("网页上的")}
    assert chrome == {1, 8, 9, 10, 11, 38}
    assert all(f"“{key}：" in " ".join(r.message for r in imported.remarks) for key in ("索引号", "公开方式"))
    # Figures in another wording; discipline and money figures kept; 72家/第57次/5569人 left alone.
    assert notice["figures"] == {
        "问题总数": 5,
        "已完成": 4,
        "正在整改": 1,
        "完成率": "80%",
        "诫勉": {"value": 2, "unit": "人"},
        "追缴资金": {"value": 12, "unit": "万元"},
        "制度": 9,
    }
    assert notice["rate_decimals"] == 0
    assert "72家基层站所" in str(notice["sections"]) and "第57次" in str(notice["sections"])
    # Categories at 一、, findings at （一）: the findings section is supplied and flagged.
    assert [s["heading"] for s in notice["sections"]] == [
        "整改工作总体情况",
        "巡察反馈问题整改落实情况",
        "下一步工作打算",
    ]
    assert "原文没有这一标题，导入时补上，请修改" in imported.notice_yaml
    categories = imported.findings["categories"]
    assert [c["title"] for c in categories] == [
        "关于“党的领导弱化”方面问题的整改情况",
        "关于“全面从严治党不力”方面问题的整改情况",
    ]
    findings = findings_of(imported)
    assert [(f["problem"], f.get("form", DEFAULT_FORM), f["status"]) for f in findings] == [
        ("理论学习不深入，学用结合不够", "针对“…”问题。整改情况：", "已完成"),
        ("“三重一大”制度执行不严", "关于…问题的整改。整改情况：", "正在整改"),
        ("落实党风廉政建设主体责任", "在“…”方面。", "已完成"),
        ("违规发放津补贴", "针对“…”问题。整改情况：", "已完成"),
        ("干部作风不实", "针对…的问题。", "已完成"),
    ]
    assert findings[3]["measures"][0] == "对2015年以来发放的津补贴进行全面清理。"
    assert findings[4]["numbered"] is False and len(findings[4]["measures"]) == 3
    # The status label is read, and stays in the text where the office wrote it (issue 23).
    assert findings[4]["measures"][-1] == "整改状态：已完成。"
    assert findings[0]["measures"][-1].endswith("形成调研报告3篇。整改状态：已完成。")
    assert findings[2]["status_text"] == "完成"  # the wording as written, mapped by the table
    assert imported.notice["contact"] == {
        "intro": "欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。",
        "phone": "0453-1234567",
        "address_label": "来信地址",
        "address": "某某县人民路18号县农业农村局办公室",
        "email": "nyjdzb@example.gov.cn",
    }
    _, errors = load_notice(write(imported, tmp_path / "county"))
    assert not errors


def test_findings_directly_at_the_first_level() -> None:
    imported = fixture("flat-findings.txt")
    assert imported.notice["figures"] == {
        "问题总数": 6,
        "已完成": 2,
        "基本完成": 1,
        "正在整改": 1,
        "长期整改": 1,
        "未完成": 1,
        "完成率": "33.33%",
    }
    assert imported.notice["rate_decimals"] == 2
    assert imported.notice["signature"] == {"signer": "中共某某市审计局党组", "date": "2019-07-10"}
    assert imported.notice["publication"]["date"] == "2019-07-10"
    assert imported.notice["contact"]["phone"] == "020-87654321"
    assert imported.notice["contact"]["intro"] == "欢迎广大干部群众对巡察整改落实情况进行监督。"
    assert len(imported.findings["categories"]) == 1
    findings = findings_of(imported)
    assert [f["status"] for f in findings] == [
        "已完成",
        "基本完成（持续整改）",
        "正在整改",
        "长期整改",
        "未完成",
        "已完成",
    ]
    assert findings[2]["measures"] == [
        "（１）调整机关党支部设置，选优配强支部书记。",
        "（２）制定党支部标准化建设实施方案，正在逐项推进。",
        "整改状态：正在整改",
    ]
    assert findings[2]["numbered"] is False
    assert (findings[3]["responsible"], findings[3]["deadline"]) == ("张三", "2020年6月底前")
    assert findings[3]["problem"] == "干部选拔任用不规范" and findings[3]["form"] == '针对"…"问题.'
    # The labels stay in the text, before the measures as written; they are read all the same.
    assert findings[3]["measures"][0] == "整改状态：长期整改；整改责任人：张三；完成时限：2020年6月底前"
    assert findings[5]["measures"] == ["清理超标配备的公务用车2辆。", "修订公务用车管理办法。整改状态：完成整改"]
    assert "numbered" not in findings[5]


@pytest.mark.parametrize(
    ("name", "stop"),
    [("county-xuncha.txt", "欢迎"), ("flat-findings.txt", "欢迎")],
)
def test_every_sentence_reaches_the_notice_page(tmp_path: Path, name: str, stop: str) -> None:
    imported = fixture(name)
    if not imported.notice["publication"]["site"]:  # the text does not name it: the person importing adds it
        imported.notice_yaml = yamlio.edit_text(imported.notice_yaml, {"publication.site": "某某市人民政府网"})
    page = build(imported, tmp_path)
    missing = [s for s in body_sentences(FIXTURES / name, imported, stop) if s not in page]
    assert not missing
    contact = imported.notice["contact"]
    for value in (contact["intro"], contact.get("phone"), contact.get("address"), contact.get("email")):
        assert value is None or normalise(value) in page
    assert normalise(imported.notice["signature"]["signer"]) in page


def test_partial_text_is_imported_as_far_as_it_goes(tmp_path: Path) -> None:
    imported = fixture("partial-seed.txt")
    assert len(findings_of(imported)) == 12
    assert findings_of(imported)[-1]["measures"][-1] == "与伊春市进行沟通，尽"
    last_line = len((FIXTURES / "partial-seed.txt").read_text(encoding="utf-8").splitlines())
    messages = {r.message for r in imported.remarks if r.line == last_line}
    assert any("原文可能不完整" in m for m in messages)
    assert any("截断" in m for m in messages)
    assert any("正文写明问题总数 19 个，导入的问题清单中为 12 个" in r.message for r in imported.remarks)
    data = tmp_path / "data"
    write(imported, data / "partial")
    result = rectify("check", str(data))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "数据检查未通过" in result.stderr  # the cut-off text does not pass: signature and 7 findings missing
    # 12 of 19 problems: the stated totals no longer decide the statuses, so the 9 whose status the
    # text does not state one by one keep none (通报未写明) instead of a guessed 已完成.
    statuses = [f.get("status") for f in findings_of(imported)]
    assert statuses.count("长期整改") == 3 and statuses.count(None) == 9
    assert any("9 个问题原文没有逐个写明整改状态" in r.message for r in imported.remarks)


def test_text_that_cannot_be_placed_is_kept_at_its_place() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    text = text.replace(
        "13.针对“近年来",
        "以上问题均已整改到位，此段为插入的说明。\n13.针对“近年来",
    ).replace("中共黑龙江省总工会党组2017年3月27日", "中共黑龙江省总工会党组2017年3月27日\n附件：整改台账（略）")
    imported = import_text(text)
    lines = text.splitlines()
    inserted = lines.index("以上问题均已整改到位，此段为插入的说明。") + 1
    assert any(r.line == inserted for r in imported.remarks)
    assert findings_of(imported)[11]["measures"][-1].endswith("杜绝廉政风险。以上问题均已整改到位，此段为插入的说明。")
    assert any(r.line == len(lines) and "落款之后" in r.message for r in imported.remarks)
    assert imported.notice["sections"][-1]["paragraphs"][-1] == "附件：整改台账（略）"


# --- .docx ----------------------------------------------------------------------------


def _seed_docx(path: Path) -> None:
    """The seed as a Word document: a Title, Heading 1 sections without numbers, automatic
    numbering （一） for parts and categories and 1. for findings, and a table."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    for num_id in (91, 92):  # one list for the parts of 一、, one for the categories and findings
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, num_id: int, level: int) -> None:
        paragraph = document.add_paragraph(text)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num_id

    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()
    document.add_paragraph(lines[0])
    document.add_paragraph(lines[1])
    document.add_paragraph(lines[2] + lines[3], style="Title")
    section = 0
    for line in lines[4:]:
        rank, _, rest = split_label(line)
        if rank == 1:
            section += 1
            document.add_heading(rest, level=1)
        elif rank == 2:
            numbered(rest, 91 if section == 1 else 92, 0)
        elif rank == 3:
            numbered(rest, 92, 1)
        else:
            document.add_paragraph(line)
        if line.startswith("六是狠抓作风建设"):
            table = document.add_table(rows=2, cols=2)
            for row, cells in zip(table.rows, (("项目", "数量"), ("制定和修订制度", "33项")), strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
    document.save(str(path))


def test_docx_with_heading_styles_numbering_and_a_table(tmp_path: Path) -> None:
    source = tmp_path / "seed.docx"
    _seed_docx(source)
    paragraphs = read_paragraphs(source)
    texts = [p.text for p in paragraphs]
    assert texts[5].startswith("（一）层层落实整改责任。") and texts.index("项目　数量") == len(texts) - 7
    # Word restarts the findings' numbers under each category, as the reader does.
    assert "（三）在选人用人方面，存在不规范、不守规矩等问题。" in texts
    assert any(t.startswith("4.针对“选拔任用干部存在不守规矩的问题") for t in texts)
    imported = import_paragraphs(paragraphs)
    sections = imported.notice["sections"]
    assert sections[-1]["paragraphs"][-2:] == ["项目　数量", "制定和修订制度　33项"]
    del sections[-1]["paragraphs"][-2:]
    imported.notice_yaml = imported.notice_yaml.replace("      - 项目　数量\n      - 制定和修订制度　33项\n", "")
    assert_same_as_seed(imported)


# --- the command ------------------------------------------------------------------------


def test_import_command(tmp_path: Path) -> None:
    out = tmp_path / "data" / "hlj-imported"
    source = FIXTURES / "county-xuncha.txt"
    result = rectify("import", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "notice.yml").is_file() and (out / "findings.yml").is_file()
    assert not list(out.glob(".*"))  # no temporary files left
    assert "已导入" in result.stdout and "问题 5 个" in result.stdout and "数据检查通过" in result.stdout
    assert f"{source}:9: 网页上的“分享到：  微信  微博”不是通报正文，已删去" in result.stderr
    assert all(re.match(rf"{re.escape(str(source))}:\d+: \S", line) for line in result.stderr.splitlines())
    first = (out / "notice.yml").read_text(encoding="utf-8").splitlines()[0]
    schema = first.removeprefix("# yaml-language-server: $schema=")
    assert (out / schema).resolve() == ROOT / "hooks" / "rectify" / "schema" / "notice.schema.json"
    assert rectify("check", str(out.parent)).returncode == 0

    again = rectify("import", str(FIXTURES / "flat-findings.txt"), "-o", str(out))
    assert again.returncode == 1 and "已存在且不是空文件夹" in again.stderr and "--force" in again.stderr
    assert "某某县" in (out / "notice.yml").read_text(encoding="utf-8")
    forced = rectify("import", str(FIXTURES / "flat-findings.txt"), "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "某某市审计局" in (out / "notice.yml").read_text(encoding="utf-8")


def test_import_refuses_a_folder_name_that_is_no_notice_id(tmp_path: Path) -> None:
    result = rectify("import", str(SEED_TEXT), "-o", str(tmp_path / "Not An ID"))
    assert result.returncode == 1 and "不能用作通报编号" in result.stderr
    assert not (tmp_path / "Not An ID").exists()


GARBLED = {
    "binary": bytes(range(256)) * 8,
    "empty": b"",
    "blank": b"  \n\r\n\t\n",
    "html": "<!DOCTYPE html><html><head><title>通报</title></head><body><p>中共某某党组关于巡视整改情况的通报</p></body></html>".encode(),
    "latin": "Ã¤Ã¶Ã¼ some mojibake and English text only".encode("latin-1", "replace") * 20,
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
    "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
    "broken-docx": b"PK\x03\x04" + bytes(100),
}


def test_a_text_without_findings_is_imported_as_narrative(tmp_path: Path) -> None:
    source = tmp_path / "no-findings.txt"
    source.write_text(
        "根据省委统一部署，2016年8月15日至9月15日，省委第一巡视组进行了巡视。10月9日反馈了巡视意见。\n"
        "一、整改工作组织情况\n成立整改工作领导小组。\n",
        encoding="utf-8",
    )
    out = tmp_path / "data" / "no-findings"
    result = rectify("import", str(source), "-o", str(out))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert f"{source}:2: 没有找到具体问题" in result.stderr
    assert f"{source}:1: 没有找到标题" in result.stderr
    notice = yaml.safe_load((out / "notice.yml").read_text(encoding="utf-8"))
    assert notice["title"] is None  # never a made-up title: check names it
    assert notice["intro"][0].startswith("根据省委统一部署")
    assert notice["inspection"]["start"] == date(2016, 8, 15) and notice["inspection"]["feedback"] == date(2016, 10, 9)
    assert notice["signature"]["date"] is None  # no signature date stated, none invented
    assert notice["sections"] == [{"heading": "整改工作组织情况", "paragraphs": ["成立整改工作领导小组。"]}]
    assert yaml.safe_load((out / "findings.yml").read_text(encoding="utf-8"))["categories"] == []
    assert "通报标题（title）：" in result.stderr and "落款日期（signature.date）：" in result.stderr


@pytest.mark.parametrize("kind", list(GARBLED))
def test_garbled_input_gets_a_clear_error(tmp_path: Path, kind: str) -> None:
    source = tmp_path / (f"{kind}.docx" if "docx" in kind else f"{kind}.txt")
    source.write_bytes(GARBLED[kind])
    out = tmp_path / "data" / "garbled"
    result = rectify("import", str(source), "-o", str(out))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"无法导入 {source}：")
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    assert re.search(r"[\u4e00-\u9fff]{4}", result.stderr.split("：", 1)[1])
    assert not out.exists()


def test_missing_source_file(tmp_path: Path) -> None:
    result = rectify("import", str(tmp_path / "nothing.txt"), "-o", str(tmp_path / "data" / "x"))
    assert result.returncode == 1 and result.stderr.endswith("：文件不存在；请检查文件名和路径\n")
    result = rectify("import", str(tmp_path), "-o", str(tmp_path / "data" / "x"))
    assert result.returncode == 1 and "这是文件夹" in result.stderr


def test_reader_errors_are_chinese() -> None:
    with pytest.raises(ReadError, match="网页"):
        decode(b"<html><body>" + "通报正文".encode() * 50 + b"</body></html>")
    with pytest.raises(ReadError, match="空的"):
        decode(b"")


def test_paragraph_levels_from_heading_styles() -> None:
    paragraphs = [
        Paragraph("中共某某党组关于巡视整改情况的通报", 1, 0),
        Paragraph(
            "根据省委统一部署，2016年8月15日至9月15日，省委第一巡视组对某某党组进行了巡视。10月9日反馈了巡视意见。", 2
        ),
        Paragraph("整改工作情况", 3, 1),
        Paragraph("党组高度重视。", 4),
        Paragraph("反馈问题整改情况", 5, 1),
        Paragraph("关于“党的领导”方面", 6, 2),
        Paragraph("针对“学习不深入”问题。一是加强学习。", 7, 3),
        Paragraph("欢迎监督。电话：010-12345678", 8),
        Paragraph("中共某某党组", 9),
        Paragraph("2016年12月1日", 10),
    ]
    imported = import_paragraphs(paragraphs)
    assert [s["heading"] for s in imported.notice["sections"]] == ["整改工作情况", "反馈问题整改情况"]
    assert imported.findings["categories"][0]["title"] == "关于“党的领导”方面"
    assert findings_of(imported)[0]["measures"] == ["加强学习。"]
    assert imported.notice["inspection"]["feedback"] == "2016-10-09"


FINDINGS_AT_PARTS = """中共某某区委巡察工作领导小组办公室关于巡察整改情况的通报
根据区委统一部署，2020年4月7日至5月29日，区委第一巡察组对区教育局党委进行了巡察。6月18日，区委第一巡察组向区教育局党委反馈了巡察意见。
一、整改工作情况
区教育局党委反馈问题共有3个，已完成整改3个，整改完成率100%。
二、反馈问题整改落实情况
(一)针对“民主生活会质量不高”问题。一是重新召开专题民主生活会。二是开展谈心谈话。
(二)针对“学校食堂管理不规范”问题（已完成）。一是开展食堂专项检查。二是建立食堂经费台账。
(三)针对“教师培训经费使用不规范”问题。完成培训经费专项审计。清退违规资金3万元。
欢迎广大干部群众监督。联系电话：023-66668888
中共某某区教育局委员会
2020年9月30日
"""


def test_findings_directly_under_a_section() -> None:
    imported = import_text(FINDINGS_AT_PARTS)
    assert [s["heading"] for s in imported.notice["sections"]] == ["整改工作情况", "反馈问题整改落实情况"]
    (category,) = imported.findings["categories"]
    assert category["title"] == "反馈问题整改落实情况"
    assert any("没有分类" in r.message and r.line == 6 for r in imported.remarks)
    findings = category["findings"]
    assert [f["problem"] for f in findings] == ["民主生活会质量不高", "学校食堂管理不规范", "教师培训经费使用不规范"]
    assert findings[1]["status"] == "已完成" and findings[1]["measures"][0] == "开展食堂专项检查。"
    assert findings[1]["form"] == "针对“…”问题（已完成）。"  # read, and kept where it is written
    assert findings[2]["measures"] == ["完成培训经费专项审计。", "清退违规资金{清退资金}万元。"]
    assert imported.notice["figures"] == {
        "问题总数": 3,
        "已完成": 3,
        "完成率": "100%",
        "清退资金": {"value": 3, "unit": "万元"},
    }
    assert imported.notice["signature"] == {"signer": "中共某某区教育局委员会", "date": "2020-09-30"}
    assert imported.notice["contact"] == {"intro": "欢迎广大干部群众监督。", "phone": "023-66668888"}


def test_invisible_characters_are_dropped_and_listed(tmp_path: Path) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8").replace("省委第五专项巡视组", "省委\u202e第五\u200b专项\x07巡视组", 1)
    imported = import_text(text)
    assert imported.notice["inspection"]["team"] == "省委第五专项巡视组"
    assert [(r.line, r.message) for r in imported.remarks if "控制字符" in r.message] == [
        (5, "删去了 3 个看不见的控制字符")
    ]
    _, errors = load_notice(write(imported, tmp_path / "hlj"))
    assert not errors


@pytest.mark.parametrize(
    ("line", "status", "measures", "form"),
    [
        (
            "整改状态：基本完成（阶段性成果，持续整改）。",
            "基本完成（持续整改）",
            ["整改状态：基本完成（阶段性成果，持续整改）。"],
            DEFAULT_FORM,
        ),
        ("二是完善制度。整改状态：已完成。", "已完成", ["二是完善制度。", "整改状态：已完成。"], DEFAULT_FORM),
        ("（整改状态：长期整改）", "长期整改", ["（整改状态：长期整改）"], DEFAULT_FORM),
        (
            "整改进展：一是已完成党支部换届。二是修订制度。",
            None,
            ["已完成党支部换届。", "修订制度。"],
            "针对“…”问题。整改进展：",
        ),
    ],
)
def test_status_lines(line: str, status: str | None, measures: list[str], form: str) -> None:
    aside: list[tuple[int, str]] = []
    finding = read_finding(Node(3, "1.", "针对“党费缴纳不足额”问题。", 1, [Line(line, 2)]), [], aside)
    # read into the status, and left in the text: nothing is set aside (issue 23)
    assert (finding.status, finding.measures, finding.form) == (status, measures, form)
    assert aside == []
