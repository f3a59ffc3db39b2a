"""The signed text (text.txt): read as written, its parts found in order, what the data states
that the text does not give reported as a remark with file and line — never a refused build."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA, SEED_ID
from rectify.data.errors import Remark
from rectify.data.load import load_notice
from rectify.data.signed import TEXT_FILE, layout, signature_parts


def seed_copy(tmp_path: Path) -> Path:
    folder = tmp_path / SEED_ID
    shutil.copytree(DATA / SEED_ID, folder)
    return folder


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_seed_text_is_read_line_for_line() -> None:
    notice, errors = load_notice(DATA / SEED_ID)
    assert not errors and notice is not None
    lines = (DATA / SEED_ID / TEXT_FILE).read_text(encoding="utf-8").splitlines()
    assert [line.text for line in notice.text] == lines
    assert [line.number for line in notice.text] == list(range(1, len(lines) + 1))
    assert not notice.remarks


def test_every_part_of_the_seed_is_found_in_order() -> None:
    notice, _ = load_notice(DATA / SEED_ID)
    assert notice is not None
    found = layout(notice)
    assert found.titled
    roles = [block.role for block in found.blocks]
    assert roles.count("section") == 3 and roles.count("category") == 4 and roles.count("finding") == 19
    assert [b.finding for b in found.blocks if b.finding] == list(notice.findings)
    assert "".join(b.text for b in found.blocks) == "".join(line.text for line in notice.text)
    assert signature_parts(found.blocks[-1]) == ("中共黑龙江省总工会党组", "2017年3月27日")


def test_a_measure_the_text_does_not_give_is_a_remark_not_an_error(tmp_path: Path) -> None:
    folder = seed_copy(tmp_path)
    replace_in(folder / "findings.yml", "今后严格按期换届。", "今后严格按期换届，每五年一次。")
    notice, errors = load_notice(folder)
    assert not errors and notice is not None
    [remark] = notice.remarks
    assert isinstance(remark, Remark)
    lines = (folder / "findings.yml").read_text(encoding="utf-8").splitlines()
    assert remark.file == folder / "findings.yml"
    assert remark.line is not None and "今后严格按期换届，每五年一次。" in lines[remark.line - 1]
    assert remark.field == "categories[1].findings[7].measures[3]"
    assert f"在 {TEXT_FILE} 中没有找到" in remark.message


def test_a_problem_the_text_does_not_give_is_a_remark(tmp_path: Path) -> None:
    folder = seed_copy(tmp_path)
    replace_in(folder / TEXT_FILE, "机关党委16年没有换届", "机关党委十六年没有换届")
    notice, errors = load_notice(folder)
    assert not errors and notice is not None
    fields = [remark.field for remark in notice.remarks]
    assert fields == ["categories[1].findings[7].problem"]
    assert "问题7的原文" in notice.remarks[0].message
    # The line is still on the page, as a paragraph of the text.
    assert any("机关党委十六年没有换届" in block.text for block in layout(notice).blocks)


def test_text_in_another_encoding_is_an_error_naming_the_file(tmp_path: Path) -> None:
    folder = seed_copy(tmp_path)
    path = folder / TEXT_FILE
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    notice, errors = load_notice(folder)
    assert notice is None
    [error] = errors
    assert error.file == path and "不是 UTF-8 编码" in error.message and "GB18030" in error.message


def test_empty_text_is_an_error(tmp_path: Path) -> None:
    folder = seed_copy(tmp_path)
    (folder / TEXT_FILE).write_text("\n  \n", encoding="utf-8")
    notice, errors = load_notice(folder)
    assert notice is None and "文件是空的" in errors[0].message and "通报原文" in errors[0].message


def test_without_text_the_notice_is_data_only(tmp_path: Path) -> None:
    folder = seed_copy(tmp_path)
    (folder / TEXT_FILE).unlink()
    notice, errors = load_notice(folder)
    assert not errors and notice is not None and notice.text == () and not notice.remarks


def test_a_text_without_title_and_a_two_line_signature(tmp_path: Path) -> None:
    folder = seed_copy(tmp_path)
    path = folder / TEXT_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [*lines[2:-1], "中共黑龙江省总工会党组", "2017年3月27日"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    notice, _ = load_notice(folder)
    assert notice is not None
    found = layout(notice)
    assert not found.titled and found.blocks[0].role == "text"
    assert found.blocks[-1].role == "signature" and len(found.blocks[-1].lines) == 2
    assert signature_parts(found.blocks[-1]) == ("中共黑龙江省总工会党组", "2017年3月27日")


def test_a_problem_without_measures_is_a_remark(tmp_path: Path) -> None:
    """A signed text may state a problem and no measures: it publishes, and check says so."""
    folder = seed_copy(tmp_path)
    path = folder / "findings.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("        measures:\n          - 规范召开了省总工会第七次党员代表大会")
    end = text.index("        status:", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    notice, errors = load_notice(folder)
    assert not errors and notice is not None
    messages = [(remark.field, remark.message) for remark in notice.remarks]
    assert (
        "categories[1].findings[7]",
        "问题7没有写整改措施（measures）；通报原文写了的请补上，原文没写就不写",
    ) in messages


def test_a_signed_text_needs_no_sections_in_the_data(tmp_path: Path) -> None:
    folder = seed_copy(tmp_path)
    path = folder / "notice.yml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("sections:"), text.index("contact:")
    path.write_text(text[:start] + "sections: []\n\n" + text[end:], encoding="utf-8")
    notice, errors = load_notice(folder)
    assert not errors and notice is not None and notice.sections == ()
    assert [b.role for b in layout(notice).blocks].count("finding") == 19
