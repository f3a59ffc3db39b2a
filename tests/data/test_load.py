"""The data layer: the shipped notice loads, and every kind of mistake is reported
in Chinese with its file, line, field path and what was expected."""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT, SEED_ID
from rectify.data.errors import DataError, DataInvalid
from rectify.data.load import load_site
from rectify.data.model import STATUSES, Notice
from rectify.data.source import load_document
from rectify.site.render import Site, site_pages

SEED = "hlj-zgh-2017"

Edit = Callable[[str, str, str], Path]


# --- helpers -----------------------------------------------------------------


def errors_of(data_dir: Path) -> list[DataError]:
    """The errors loading ``data_dir`` raises; no report ever shows a traceback."""
    with pytest.raises(DataInvalid) as caught:
        load_site(data_dir)
    invalid = caught.value
    assert "Traceback" not in invalid.report()
    assert all("Traceback" not in str(error) for error in invalid.errors)
    return invalid.errors


def error_at(errors: list[DataError], field: str) -> DataError:
    """The one error reported for ``field``."""
    found = [error for error in errors if error.field == field]
    assert len(found) == 1, [str(error) for error in errors]
    return found[0]


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the first line of ``path`` containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def assert_names(error: DataError, path: Path, line: int | None, field: str, words: Iterable[str]) -> None:
    """``error`` reads ``path:line: 字段 field：…`` and its message contains ``words``."""
    text = str(error)
    assert (error.file, error.line, error.field) == (path, line, field), text
    assert text.startswith(f"{path}:{line}:" if line else f"{path}:"), text
    if field:
        assert f"（{field}）：" in text or f" 字段 {field}：" in text
    for word in words:
        assert word in error.message, f"{word!r} not in {text}"


def write(data_dir: Path, file_name: str, content: bytes) -> Path:
    path = data_dir / SEED / file_name
    path.write_bytes(content)
    return path


def seed_text(file_name: str) -> str:
    return (DATA / SEED / file_name).read_text(encoding="utf-8")


# --- the shipped data --------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Notice:
    notices = load_site(DATA)
    assert len(notices) == 1
    return notices[0]


def test_seed_counts(seed: Notice) -> None:
    tally = seed.tally
    assert seed.id == SEED
    assert len(seed.categories) == 4
    assert tally.total == 19
    assert tally.by_status == {"已完成": 16, "基本完成（持续整改）": 0, "正在整改": 0, "长期整改": 3, "未完成": 0}
    assert tally.rate_text(seed.rate_decimals) == "84.2%"


def test_seed_long_term_findings(seed: Notice) -> None:
    long_term = [(f.id, f.responsible, f.deadline) for f in seed.findings if f.status == "长期整改"]
    assert long_term == [
        ("union-reform", "郭长义", "2017年底前"),
        ("joint-meeting", "于国君", "2017年底前"),
        ("idle-flats", "于国君", "2017年底前"),
    ]


def test_seed_findings_numbered_in_order(seed: Notice) -> None:
    assert [f.number for f in seed.findings] == list(range(1, 20))
    assert [c.number for c in seed.categories] == [1, 2, 3, 4]


def test_seed_placeholders_filled(seed: Notice) -> None:
    texts = [
        *seed.intro,
        seed.contact.intro,
        *(p for s in seed.sections for p in s.paragraphs),
        *(p for s in seed.sections for part in s.parts for p in part.paragraphs),
        *(p for c in seed.categories for p in c.paragraphs),
        *(m for f in seed.findings for m in f.measures),
    ]
    joined = "\n".join(texts)
    assert "共有19个" in joined
    assert "整改完成率为84.2%" in joined
    assert "信访件8件，已办结8件" in joined
    assert "{" not in joined and "}" not in joined


# --- one mistake in one file -------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    """Replace ``old`` by ``new`` in ``file``; expect an error at ``field`` on the line containing ``at``."""

    file: str
    old: str
    new: str
    at: str
    field: str
    words: tuple[str, ...]
    errors: int = 1
    data_only: bool = False
    """The rule holds for a notice kept as data only (no text.txt: the page is composed)."""


MISTAKES = [
    # YAML syntax
    pytest.param(
        Mistake("notice.yml", "  team: 省委", "    team: 省委", "team: 省委", "", ("YAML 语法错误", "缩进")),
        id="syntax-bad-indentation",
    ),
    pytest.param(
        Mistake("notice.yml", "title: 中共", 'title: "中共', 'title: "中共', "", ("YAML 语法错误", "引号")),
        id="syntax-unbalanced-quote",
    ),
    pytest.param(
        Mistake("notice.yml", "  team: 省委", "\tteam: 省委", "team: 省委", "", ("Tab", "空格")),
        id="tab-indentation",
    ),
    pytest.param(
        Mistake("notice.yml", "title: 中共", "title: 中\x07共", "title: 中", "title", ("控制字符",)),
        id="control-character",
    ),
    # unknown keys (the missing right key is reported too)
    pytest.param(
        Mistake(
            "findings.yml",
            "status: 已完成",
            "statu: 已完成",
            "statu: 已完成",
            "categories[1].findings[3].statu",
            ("未知字段 statu", "是不是想写 status（整改状态）"),
            errors=1,  # status itself is optional (absent = 通报未写明): only the unknown key
        ),
        id="unknown-key-statu",
    ),
    pytest.param(
        Mistake(
            "notice.yml",
            "title: 中共",
            "titel: 中共",
            "titel: 中共",
            "titel",
            ("未知字段 titel", "是不是想写 title（通报标题）"),
            errors=2,
        ),
        id="unknown-key-titel",
    ),
    # missing required fields
    pytest.param(
        Mistake(
            "findings.yml",
            "        problem: 机关化、行政化问题比较突出。",
            "        # problem: 机关化、行政化问题比较突出。",
            "id: joint-meeting",
            "categories[1].findings[2]",
            ("缺少必填字段 problem", "反馈的问题"),
        ),
        id="missing-finding-problem",
    ),
    pytest.param(
        Mistake(
            "notice.yml", "issuer: 中共黑龙江省总工会党组", "", "title: 中共", "", ("缺少必填字段 issuer", "发布单位")
        ),
        id="missing-notice-issuer",
    ),
    # wrong types
    pytest.param(
        Mistake(
            "findings.yml",
            "        measures:\n          - 加强预算管理，严格控制事业费支出。\n          - 工会经费进一步加大",
            "        measures: 加强预算管理，严格控制事业费支出。\n        # - 工会经费进一步加大",
            "measures: 加强预算管理",
            "categories[2].findings[5].measures",
            ("应为列表", "文字“加强预算管理"),
        ),
        id="measures-as-string",
    ),
    pytest.param(
        Mistake(
            "notice.yml",
            "问题总数: 19",
            "问题总数: １９",
            "问题总数: １９",
            "figures.问题总数",
            ("“１９”", "全角", "半角：19", "非负整数"),
        ),
        id="full-width-figure",
    ),
    # dates
    pytest.param(
        Mistake(
            "notice.yml",
            "start: 2016-08-15",
            "start: 2017-02-30",
            "start: 2017-02-30",
            "inspection.start",
            ("“2017-02-30”不是存在的日期", "年-月-日"),
        ),
        id="impossible-date",
    ),
    pytest.param(
        Mistake(
            "notice.yml",
            "end: 2016-09-15",
            "end: 2016-08-01",
            "end: 2016-08-01",
            "inspection.end",
            ("结束日期 2016-08-01", "进驻日期 2016-08-15", "当天或之后"),
        ),
        id="end-before-start",
    ),
    pytest.param(
        Mistake(
            "notice.yml",
            "feedback: 2016-11-09",
            "feedback: 2016-09-01",
            "feedback: 2016-09-01",
            "inspection.feedback",
            ("反馈日期 2016-09-01", "结束日期 2016-09-15", "当天或之后"),
        ),
        id="feedback-before-end",
    ),
    pytest.param(
        Mistake(
            "notice.yml",
            "  date: 2017-03-27            # 原文",
            "  date: 2016-10-01            # 原文",
            "date: 2016-10-01",
            "publication.date",
            ("发布日期 2016-10-01", "反馈日期 2016-11-09", "当天或之后"),
        ),
        id="publication-before-feedback",
    ),
    pytest.param(
        Mistake(
            "notice.yml",
            "  date: 2017-03-27\n",
            "  date: 2016-10-01\n",
            "date: 2016-10-01",
            "signature.date",
            ("成文日期 2016-10-01", "反馈日期 2016-11-09", "当天或之后"),
        ),
        id="signature-before-feedback",
    ),
    # vocabulary and long-term findings
    pytest.param(
        Mistake(
            "findings.yml",
            "status: 已完成",
            "status: 已完结",
            "status: 已完结",
            "categories[1].findings[3].status",
            ("“已完结”不是可选的值", "应为以下之一：" + "、".join(STATUSES)),
        ),
        id="status-outside-vocabulary",
    ),
    pytest.param(
        Mistake(
            "findings.yml",
            "{信访件}",
            "{不存在}",
            "{不存在}",
            "categories[4].paragraphs[1]",
            ("未定义的数字 {不存在}", "figures", "信访件已办结"),
        ),
        id="undefined-placeholder-findings",
    ),
    pytest.param(
        Mistake(
            "notice.yml",
            "{意见建议}",
            "{不存在}",
            "{不存在}",
            "sections[1].parts[2].paragraphs[1]",
            ("未定义的数字 {不存在}", "figures"),
        ),
        id="undefined-placeholder-notice",
    ),
    # where the findings go
    pytest.param(
        Mistake(
            "notice.yml",
            "  - heading: 建立长效工作机制，深化巡视整改工作成果\n",
            "  - heading: 建立长效工作机制，深化巡视整改工作成果\n    findings: true  # 第二处\n",
            "# 第二处",
            "sections[3].findings",
            ("findings: true 只能写在一个部分",),
            data_only=True,
        ),
        id="two-findings-sections",
    ),
    pytest.param(
        Mistake(
            "notice.yml",
            "    findings: true ",
            "    findings: false ",
            "sections:",
            "sections",
            ("没有哪一部分写了 findings: true", "应在"),
            data_only=True,
        ),
        id="no-findings-section",
    ),
]


@pytest.mark.parametrize("mistake", MISTAKES)
def test_mistake_is_reported(mistake: Mistake, edit: Edit, data_copy: Path) -> None:
    path = edit(mistake.file, mistake.old, mistake.new)
    if mistake.data_only:
        (data_copy / SEED_ID / "text.txt").unlink()
    errors = errors_of(data_copy)
    assert len(errors) == mistake.errors, [str(error) for error in errors]
    error = error_at(errors, mistake.field)
    assert_names(error, path, line_of(path, mistake.at), mistake.field, mistake.words)


@pytest.mark.parametrize(
    ("old", "new", "field", "what"),
    [
        ("id: joint-meeting", "id: union-reform", "categories[1].findings[2].id", "问题编号"),
        ("id: cadre-selection", "id: party-leadership", "categories[3].id", "分类编号"),
    ],
    ids=["finding", "category"],
)
def test_duplicate_id(edit: Edit, data_copy: Path, old: str, new: str, field: str, what: str) -> None:
    original = DATA / SEED / "findings.yml"
    path = edit("findings.yml", old, new)
    (error,) = errors_of(data_copy)
    words = (f"{what} {new.removeprefix('id: ')} 重复", f"第 {line_of(original, new)} 行已用过")
    assert_names(error, path, line_of(original, old), field, words)


def test_duplicate_yaml_key(edit: Edit, data_copy: Path) -> None:
    first = "        short: 职工活动和维权投入不足\n"
    path = edit("findings.yml", first, first + "        short: 职工活动投入不足\n")
    (error,) = errors_of(data_copy)
    words = (f"第 {line_of(path, first.strip())} 行已经写过 short", "只能写一次")
    assert_names(error, path, line_of(path, "short: 职工活动投入不足"), "categories[1].findings[3].short", words)


def test_object_constructing_tag_is_refused(edit: Edit, data_copy: Path, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    tag = f'title: !!python/object/apply:os.system ["touch {marker}"]'
    path = edit("notice.yml", "title: 中共黑龙江省总工会党组关于巡视整改情况的通报", tag)
    (error,) = errors_of(data_copy)
    words = ("不允许的 YAML 标签", "python/object/apply:os.system", "只能写文字、数字、列表和字段")
    assert_names(error, path, line_of(path, "title:"), "title", words)
    assert not marker.exists()


# --- anchors and aliases -----------------------------------------------------


def test_alias_is_refused(edit: Edit, data_copy: Path) -> None:
    edit("notice.yml", "  signer: 中共", "  signer: &a 中共")
    path = edit("notice.yml", "  site: 黑龙江-省监察厅", "  site: *a")
    error = error_at(errors_of(data_copy), "publication.site")
    assert_names(error, path, line_of(path, "site: *a"), "publication.site", ("别名", "请直接写出内容"))


def test_anchor_is_refused(edit: Edit, data_copy: Path) -> None:
    path = edit("notice.yml", "  signer: 中共", "  signer: &a 中共")
    error = error_at(errors_of(data_copy), "signature.signer")
    assert_names(error, path, line_of(path, "signer: &a"), "signature.signer", ("锚点", "请直接写出内容"))


def test_alias_bomb_is_refused_quickly(data_copy: Path) -> None:
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}' if n > 1 else '*a'] * 9)}]" for n in range(1, 10)]
    path = write(data_copy, "notice.yml", "\n".join(levels).encode())
    # Expanded, it would be 9**10 strings: CPU time far under what that takes (not the wall clock,
    # which a loaded machine stretches).
    started = time.process_time()
    errors = errors_of(data_copy)
    assert time.process_time() - started < 20
    assert errors
    assert all(error.file == path and "不支持锚点和别名" in error.message for error in errors)
    assert error_at(errors, "l9[9]").message.startswith("使用了 YAML 别名")


def test_alias_in_list_names_its_own_line(edit: Edit, data_copy: Path) -> None:
    measure = "          - 加强预算管理，严格控制事业费支出。\n"
    path = edit("findings.yml", measure, measure.replace("- ", "- &m ") + "          - *m\n")
    field = "categories[2].findings[5].measures[2]"
    assert_names(error_at(errors_of(data_copy), field), path, line_of(path, "- *m"), field, ("别名",))


def test_syntax_error_mentioning_tab_is_not_a_tab(edit: Edit, data_copy: Path) -> None:
    path = edit("notice.yml", "  site: 黑龙江", "  site: !tab!x 黑龙江")
    (error,) = errors_of(data_copy)
    assert_names(error, path, line_of(path, "!tab!x"), "", ("YAML 语法错误", "!tab!"))
    assert "制表符" not in error.message


# --- whole-file problems -----------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", ("文件是空的",)), (b" \n\n", ("文件是空的",)), ("# 只有注释\n".encode(), ("没有数据",))],
    ids=["empty", "blank", "comments-only"],
)
def test_empty_file(data_copy: Path, content: bytes, words: tuple[str, ...]) -> None:
    path = write(data_copy, "findings.yml", content)
    (error,) = errors_of(data_copy)
    assert_names(error, path, None, "", (*words, "YAML"))


def test_gb18030_file(data_copy: Path) -> None:
    path = write(data_copy, "notice.yml", seed_text("notice.yml").encode("gb18030"))
    (error,) = errors_of(data_copy)
    assert_names(error, path, 2, "", ("不是 UTF-8 编码", "GB18030", "另存为 UTF-8"))  # the first line with Chinese


def test_gb18030_names_the_first_bad_byte(data_copy: Path) -> None:
    raw = seed_text("notice.yml").encode("gb18030")
    with pytest.raises(UnicodeDecodeError) as bad:
        raw.decode("utf-8")
    write(data_copy, "notice.yml", raw)
    (error,) = errors_of(data_copy)
    assert f"第 {bad.value.start + 1} 个字节" in error.message


def test_utf8_bom_loads(data_copy: Path) -> None:
    for file_name in ("notice.yml", "findings.yml"):
        write(data_copy, file_name, seed_text(file_name).encode("utf-8-sig"))
    (notice,) = load_site(data_copy)
    assert notice.tally.total == 19


# --- folders -----------------------------------------------------------------


def test_folder_name_not_an_id(data_copy: Path) -> None:
    folder = (data_copy / SEED).rename(data_copy / "Bad_Name")
    (error,) = errors_of(data_copy)
    assert_names(error, folder, None, "", ("文件夹名 Bad_Name 不能用作通报编号", "小写字母、数字和连字符"))


def test_data_dir_missing(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-data"
    (error,) = errors_of(missing)
    assert_names(error, missing, None, "", ("数据文件夹不存在", "data/"))


# --- every error at once -----------------------------------------------------


def test_all_errors_of_a_file_reported_at_once(edit: Edit, data_copy: Path) -> None:
    edit("findings.yml", "status: 已完成", "status: 已完结")
    edit("findings.yml", "id: party-dues", "id: Party-Dues")
    path = edit("findings.yml", "numbered: false    # 原文", "numbered: 否    # 原文")
    errors = errors_of(data_copy)
    assert [(error.line, error.field) for error in errors] == [
        (line_of(path, "status: 已完结"), "categories[1].findings[3].status"),
        (line_of(path, "id: Party-Dues"), "categories[1].findings[8].id"),
        (line_of(path, "numbered: 否"), "categories[2].findings[1].numbered"),
    ]
    assert_names(errors[1], path, errors[1].line, errors[1].field, ("“Party-Dues”格式不对", "小写字母"))
    assert_names(errors[2], path, errors[2].line, errors[2].field, ("应为true 或 false", "“否”"))
    report = DataInvalid(errors).report()
    assert report.startswith("数据检查未通过，共 3 处错误：")
    assert all(str(error) in report for error in errors)


# --- the two YAML parsers --------------------------------------------------------


def _mutations(text: str, count: int) -> Iterable[str]:
    """``text`` with one to three random YAML-significant edits each (seeded: the same every run)."""
    rng = random.Random(8)
    pieces = [*":-\"'[]{}&*!|>#%@`?, \n\t\\", "  ", "\n  ", ": ", "- ", "---\n", "\u3000", "：", "0x1", "~", "<<: "]
    for _ in range(count):
        edited = text
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(edited) + 1)
            if rng.random() < 0.6:
                edited = edited[:at] + rng.choice(pieces) + edited[at:]
            else:
                edited = edited[:at] + edited[at + rng.randint(1, 3) :]
        yield edited


def test_fast_and_pure_yaml_parsers_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml reads files that parse (5x faster); what it reads, and every report, is what PyYAML gives."""
    assert yaml.__with_libyaml__, "PyYAML without libyaml: builds are five times slower to read the data"
    texts = [path.read_text(encoding="utf-8") for path in sorted(DATA.glob("*/*.yml"))]
    texts += [mutated for text in texts for mutated in _mutations(text, 150)]
    file = tmp_path / "findings.yml"

    def read(text: str, libyaml: bool) -> tuple[object, ...]:
        file.write_text(text, encoding="utf-8")
        monkeypatch.setattr(yaml, "__with_libyaml__", libyaml)
        document = load_document(file)
        return document.data, document.lines, document.written, [str(error) for error in document.errors]

    parsed = 0
    for text in texts:
        fast = read(text, libyaml=True)
        assert fast == read(text, libyaml=False), text
        parsed += not fast[-1]
    assert 0 < parsed < len(texts)  # both kinds were compared: files that parse and files with mistakes


# --- numbers read as written -------------------------------------------------


@pytest.mark.parametrize(
    ("written", "becomes", "instead"),
    [
        ("010", "会被读成数字 8", '加引号写成 "010"；若是数字，写成 10'),
        ("1:04", "会被读成数字 64", '加引号写成 "1:04"'),
        ("1_000", "会被读成数字 1000", '加引号写成 "1_000"；若是数字，写成 1000'),
        ("0x10", "会被读成数字 16", '加引号写成 "0x10"；若是数字，写成 16'),
        ("1e3", "会被读成数字 1000", '加引号写成 "1e3"；若是数字，写成 1000'),
        ("1.5e3", "会被读成数字 1500", '加引号写成 "1.5e3"；若是数字，写成 1500'),
        ("0o10", "会被读成数字 8", '加引号写成 "0o10"；若是数字，写成 8'),
        ("+5", "会被读成数字 5", '加引号写成 "+5"；若是数字，写成 5'),
        ("09", "会被读成数字 9", '加引号写成 "09"；若是数字，写成 9'),
        ("007.10", "会被读成数字 7.1", '加引号写成 "007.10"；若是数字，写成 7.10'),
    ],
)
def test_figure_not_read_as_written(edit: Edit, data_copy: Path, written: str, becomes: str, instead: str) -> None:
    path = edit("notice.yml", "  制度: 33\n", f"  制度: {written}\n")
    (error,) = errors_of(data_copy)
    words = (f"“{written}”", becomes, instead)
    assert_names(error, path, line_of(path, f"制度: {written}"), "figures.制度", words)


@pytest.mark.parametrize("written", ["33", "0", "84.2", "7.10"])
def test_figure_read_as_written(edit: Edit, data_copy: Path, written: str) -> None:
    edit("notice.yml", "  制度: 33\n", f"  制度:\n    value: {written}\n    unit: 项\n")
    (notice,) = load_site(data_copy)
    assert [figure.text for figure in notice.stated_figures if figure.name == "制度"] == [f"{written}项"]


@pytest.mark.parametrize("written", ['"010"', "'1:04'", '"1e3"'])
def test_quoted_number_is_text_as_written(edit: Edit, data_copy: Path, written: str) -> None:
    edit("notice.yml", "  address: 哈尔滨市", f"  address: {written}\n  # 哈尔滨市")
    (notice,) = load_site(data_copy)
    assert notice.contact.address == written.strip("\"'")


def test_number_in_text_field_not_read_as_written(edit: Edit, data_copy: Path) -> None:
    """Not only figures: a plain 9:30 anywhere would silently become 570."""
    path = edit("notice.yml", "  phone: 0451-53643345\n", "  phone: 9:30\n")
    (error,) = errors_of(data_copy)
    assert_names(error, path, line_of(path, "phone: 9:30"), "contact.phone", ("“9:30”会被读成数字 570", '"9:30"'))


# --- remarks: published as signed, with a note for the office ------------------


REMARKS = [
    pytest.param(
        Mistake(
            "findings.yml",
            "        deadline: 2017年底前\n",
            "",
            "status: 长期整改",
            "categories[1].findings[1].status",
            ("长期整改", "没有写完成时限（deadline）", "原文没写就不写"),
        ),
        id="long-term-without-deadline",
    ),
    pytest.param(
        Mistake(
            "findings.yml",
            "        responsible: 郭长义\n        deadline: 2017年底前\n",
            "",
            "status: 长期整改",
            "categories[1].findings[1].status",
            ("没有写整改责任人（responsible）和完成时限（deadline）",),
        ),
        id="long-term-without-responsible-and-deadline",
    ),
    pytest.param(
        Mistake(
            "notice.yml",
            "问题总数: 19",
            "问题总数: 20",
            "问题总数: 20",
            "figures.问题总数",
            ("通报写明问题总数 20 个", "逐项统计为 19 个", "注明两个数字"),
        ),
        id="figure-total-disagrees",
    ),
    pytest.param(
        Mistake(
            "notice.yml",
            "完成率: 84.2%",
            "完成率: 84.3%",
            "完成率: 84.3%",
            "figures.完成率",
            ("通报写明完成率 84.3%", "应为 84.2%"),
        ),
        id="figure-rate-disagrees",
    ),
]


@pytest.mark.parametrize("remark", REMARKS)
def test_remark_does_not_stop_the_build(remark: Mistake, edit: Edit, data_copy: Path) -> None:
    path = edit(remark.file, remark.old, remark.new)
    (notice,) = load_site(data_copy)
    (found,) = notice.remarks
    assert_names(found, path, line_of(path, remark.at), remark.field, remark.words)


def test_shipped_data_has_no_remarks(seed: Notice) -> None:
    assert seed.remarks == ()


def test_wrong_kind_of_figure_is_still_an_error(edit: Edit, data_copy: Path) -> None:
    path = edit("notice.yml", "完成率: 84.2%", "完成率: 17")
    (error,) = errors_of(data_copy)
    assert_names(error, path, line_of(path, "完成率: 17"), "figures.完成率", ("应写成百分数", "“17”"))


# --- short names: optional, never cut --------------------------------------------


def test_without_short_the_full_problem_and_title_are_the_names(edit: Edit, data_copy: Path) -> None:
    edit("findings.yml", "        short: 联席会议多年未召开\n", "")
    edit("findings.yml", "    short: 党组核心作用和党的建设\n", "")
    (notice,) = load_site(data_copy)
    finding = next(f for f in notice.findings if f.id == "joint-meeting")
    assert finding.short == finding.problem
    assert finding.short.endswith("联席会议，已经14年没有召开")
    category = notice.category(finding.category_id)
    assert category.short == category.title


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            "short: 违规负担车辆维修费",
            "short: 违规负担车辆…",
            "categories[2].findings[7].short",
            ("简称“违规负担车辆…”含有省略号", "删去 short"),
        ),
        (
            "short: 违规负担车辆维修费",
            "short: 违规负担...",
            "categories[2].findings[7].short",
            ("含有省略号",),
        ),
        (
            "short: 党风廉政建设和反腐败",
            "short: 加强党风廉政",
            "categories[2].short",
            ("简称“加强党风廉政”把规范表述“党风廉政建设”拆开了", "分类标题中是完整的“党风廉政建设”"),
        ),
        (
            "short: 党风廉政建设和反腐败",
            "short: 廉政建设和反腐败",
            "categories[2].short",
            ("把规范表述“党风廉政建设”拆开了",),
        ),
    ],
    ids=["ellipsis", "three-dots", "phrase-cut-at-end", "phrase-cut-at-start"],
)
def test_short_that_cuts_is_a_remark(
    edit: Edit, data_copy: Path, old: str, new: str, field: str, words: tuple[str, ...]
) -> None:
    path = edit("findings.yml", old, new)
    (notice,) = load_site(data_copy)
    (remark,) = notice.remarks
    assert_names(remark, path, line_of(path, new), field, words)


def test_office_adds_formal_phrases_in_its_data_folder(edit: Edit, data_copy: Path) -> None:
    path = edit("findings.yml", "short: 违规负担车辆维修费", "short: 扩大“三公")
    (notice,) = load_site(data_copy)
    assert notice.remarks == ()  # “三公经费” is not in the shipped list (it has “三公”经费)
    (data_copy / "formal-phrases.txt").write_text("# 本单位补充\n“三公经费”  # 原文写法\n", encoding="utf-8")
    (notice,) = load_site(data_copy)  # the list is not taken for a notice folder
    (remark,) = notice.remarks
    assert_names(remark, path, line_of(path, "扩大“三公"), "categories[2].findings[7].short", ("“三公经费”",))


def test_a_sub_problem_states_its_owner_and_deadline(tmp_path: Path) -> None:
    """subproblems[].responsible and .deadline load and show where the sub-problem is shown, next to its status."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "examples" / "real-shapes" / "shape-three-levels", data / "shape-three-levels")
    findings = data / "shape-three-levels" / "findings.yml"
    text = findings.read_text(encoding="utf-8")
    stated = "            status_text: 阶段性完成\n"
    assert stated in text
    owners = "            responsible: 县农业农村局局长\n            deadline: 2025年6月底前\n"
    findings.write_text(text.replace(stated, stated + owners, 1), encoding="utf-8")
    (notice,) = load_site(data)
    first, second = notice.findings[0].subproblems
    assert (first.responsible, first.deadline) == (None, None)
    assert (second.responsible, second.deadline) == ("县农业农村局局长", "2025年6月底前")
    pages = site_pages([notice])
    paths = Site((notice,)).paths(notice)
    for page in (pages[paths.finding(notice.findings[0])], pages[paths.print]):
        assert "（通报原文写作“阶段性完成”）；整改责任人：县农业农村局局长；完成时限：2025年6月底前\n" in page
        assert page.count("整改责任人：县农业农村局局长") == 1
