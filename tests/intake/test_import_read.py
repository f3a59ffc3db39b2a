"""The import's first step, read: .pdf (text layer), .doc/.wps (LibreOffice), .docx tables of findings.

The PDFs are printed here by Chromium from HTML laid out like an official document (indented
paragraphs wrapping over several lines and across a page break); the .doc is made by LibreOffice
itself from a .docx made with python-docx. Each must import like the text it came from.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED_TEXT, require_tools
from rectify.intake.notice import import_paragraphs
from rectify.intake.notice.read import ReadError, office, read_paragraphs, word
from rectify.intake.notice.read import pdf as pdf_step
from test_import import assert_same_as_seed, findings_of, rectify

CSS = """
@page { size: A4; margin: 30mm 26mm; }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 16pt; line-height: 1.6; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.title { text-indent: 0; text-align: center; font-size: 20pt; }
p.flush { text-indent: 0; }
"""


def _pdf(tmp_path: Path, body: str) -> Path:
    require_tools("chromium")
    from rectify.output.pdf import chromium, print_to_pdf

    page = tmp_path / "notice.html"
    page.write_text(f"<!doctype html><meta charset=utf-8><style>{CSS}</style><body>{body}</body>", encoding="utf-8")
    pdf = tmp_path / "notice.pdf"
    with chromium() as browser:
        print_to_pdf(browser, page, pdf)
    return pdf


def _seed_pdf(tmp_path: Path) -> Path:
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()
    parts = [f'<p class="flush">{html.escape(line)}</p>' for line in lines[:2]]
    parts += [f'<p class="title">{html.escape(line)}</p>' for line in lines[2:4]]
    parts += [f"<p>{html.escape(line)}</p>" for line in lines[4:]]
    return _pdf(tmp_path, "\n".join(parts))


def test_pdf_lines_are_joined_into_the_paragraphs_of_the_text(tmp_path: Path) -> None:
    source = _seed_pdf(tmp_path)
    paragraphs = read_paragraphs(source)
    lines = [line for line in SEED_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [p.text for p in paragraphs] == lines
    # the line of a paragraph is the first line of the text layer it starts on
    numbers = [p.line for p in paragraphs]
    assert numbers == sorted(numbers) and numbers[0] == 1 and numbers[-1] > len(lines)


def test_seed_as_pdf_imports_like_the_text(tmp_path: Path) -> None:
    assert_same_as_seed(import_paragraphs(read_paragraphs(_seed_pdf(tmp_path))))


def test_pdf_without_text_layer_is_refused_clearly(tmp_path: Path) -> None:
    source = _pdf(tmp_path, '<div style="width:50mm;height:50mm;background:#000"></div>')
    out = tmp_path / "data" / "scan"
    result = rectify("import", str(source), "-o", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "没有文字层" in result.stderr and "扫描" in result.stderr
    assert not out.exists()


def test_page_numbers_stay_lines_of_their_own() -> None:
    assert pdf_step._PAGE_FURNITURE.match("- 3 -") and pdf_step._PAGE_FURNITURE.match("第 2 页 共 5 页")
    assert not pdf_step._PAGE_FURNITURE.match("一、整改工作组织情况")


# --- .doc and .wps through LibreOffice ----------------------------------------------------


def _soffice() -> str:
    soffice = shutil.which("soffice")
    if not soffice:
        require_tools("soffice")
    assert soffice
    return soffice


def _plain_seed_docx(path: Path) -> None:
    """The seed as Word paragraphs with their numbers typed (LibreOffice's .doc export turns Word's
    automatic Chinese numbering （一） into （1）, which a real .doc from Word does not), and a table."""
    import docx

    document = docx.Document()
    for line in SEED_TEXT.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
        if line.startswith("六是狠抓作风建设"):
            table = document.add_table(rows=2, cols=2)
            for row, cells in zip(table.rows, (("项目", "数量"), ("制定和修订制度", "33项")), strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
    document.save(str(path))


def _seed_doc(tmp_path: Path) -> Path:
    soffice = _soffice()
    docx_file = tmp_path / "seed.docx"
    _plain_seed_docx(docx_file)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path / "doc"),
            str(docx_file),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return tmp_path / "doc" / "seed.doc"


def test_doc_and_wps_import_through_libreoffice(tmp_path: Path) -> None:
    doc = _seed_doc(tmp_path)
    assert doc.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    for source in (doc, doc.with_suffix(".wps")):
        if source.suffix == ".wps":
            shutil.copyfile(doc, source)  # a WPS Writer file is the same compound document
        paragraphs = read_paragraphs(source)
        imported = import_paragraphs(paragraphs)
        sections = imported.notice["sections"]
        assert sections[-1]["paragraphs"][-2:] == ["项目　数量", "制定和修订制度　33项"]
        del sections[-1]["paragraphs"][-2:]
        imported.notice_yaml = imported.notice_yaml.replace("      - 项目　数量\n      - 制定和修订制度　33项\n", "")
        assert_same_as_seed(imported)


def test_doc_without_libreoffice_names_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "notice.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    with pytest.raises(ReadError, match="LibreOffice") as error:
        read_paragraphs(source)
    assert "另存为”Word 文档（.docx）" in str(error.value)


def test_a_damaged_doc_is_refused_clearly(tmp_path: Path) -> None:
    _soffice()
    source = tmp_path / "damaged.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ReadError, match="LibreOffice 无法转换"):
        read_paragraphs(source)


# --- .docx: findings given as a table -------------------------------------------------------

TABLE = [
    ["序号", "问题类别", "反馈问题", "整改措施", "整改状态", "责任人", "完成时限"],
    ["1", "党的建设方面", "党组会议记录不规范", "修订党组会议制度。\n规范会议记录格式。", "已完成", "", ""],
    ["2", "", "理论学习制度执行不严", "制定年度学习计划。", "持续推进", "", ""],
    ["3", "作风建设方面", "公务接待超标准", "清退超标准接待费用。", "长期坚持", "李四", "2025年底前"],
    ["4", "", "公务用车使用不规范", "修订公务用车管理办法。", "", "", ""],
]


def _table_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("中共某某局党组关于巡察整改情况的通报")
    document.add_paragraph(
        "根据区委统一部署，2024年3月1日至4月30日，区委第一巡察组对某某局党组开展了巡察。5月20日，巡察组反馈了巡察意见。"
    )
    document.add_paragraph("一、巡察反馈问题整改情况")
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for row, values in zip(table.rows, TABLE, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            lines = value.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    document.add_paragraph("欢迎广大干部群众监督。联系电话：010-12345678。")
    document.add_paragraph("中共某某局党组")
    document.add_paragraph("2024年8月1日")
    document.save(str(path))


def test_findings_given_as_a_table_become_problems(tmp_path: Path) -> None:
    source = tmp_path / "table.docx"
    _table_docx(source)
    imported = import_paragraphs(read_paragraphs(source), source_name="table.docx")
    categories = imported.findings["categories"]
    assert [c["title"] for c in categories] == ["党的建设方面", "作风建设方面"]
    findings = findings_of(imported)
    assert [f["problem"] for f in findings] == [row[2] for row in TABLE[1:]]
    # the status column as the reader writes it out, read and kept in the text
    assert findings[0]["measures"] == ["修订党组会议制度。", "规范会议记录格式。", "整改状态：已完成"]
    # statuses as the table states them, through the wording table; none where the cell is empty
    assert [f.get("status") for f in findings] == ["已完成", "长期整改", "长期整改", None]
    assert findings[1]["status_text"] == "持续推进"
    assert (findings[2]["responsible"], findings[2]["deadline"]) == ("李四", "2025年底前")
    assert "responsible" not in findings[0]
    assert imported.notice["inspection"]["feedback"] == "2024-05-20"
    assert imported.notice["signature"] == {"signer": "中共某某局党组", "date": "2024-08-01"}


def test_other_tables_stay_one_paragraph_a_row() -> None:
    rows = [[["项目"], ["数量"]], [["制定和修订制度"], ["33项"]]]
    assert [p.text for p in word.table_paragraphs(rows, 7)] == ["项目　数量", "制定和修订制度　33项"]
    assert [p.line for p in word.table_paragraphs(rows, 7)] == [7, 8]


WRITTEN = FIXTURES / "import" / "written"


def _txt_to_pdf(tmp_path: Path, source: Path) -> Path:
    """A notice as LibreOffice prints a plain text file: no indents, lines wrapped at the margin."""
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return tmp_path / "pdf" / (source.stem + ".pdf")


@pytest.mark.parametrize(
    "name",
    [
        "yunxi-wenlvju",  # the phone number does not fit and goes to the next line: 0719- / 3827702
        "qinglan-shijianju",  # the contact fills its last line: the signer runs on after it
    ],
)
def test_a_pdf_contact_paragraph_is_contact(tmp_path: Path, name: str) -> None:
    """The contact block of a PDF is read as contact (not a false 没有找到联系方式), the signer as signer,
    and the problems as from the text itself."""
    source = WRITTEN / f"{name}.txt"
    from_text = import_paragraphs(read_paragraphs(source))
    from_pdf = import_paragraphs(read_paragraphs(_txt_to_pdf(tmp_path, source)))
    assert from_pdf.notice["contact"] == from_text.notice["contact"]
    assert from_pdf.notice["contact"]["phone"] and from_pdf.notice["contact"]["email"]
    assert not [r for r in from_pdf.remarks if "联系方式" in r.message]
    assert from_pdf.notice["signature"] == from_text.notice["signature"]
    assert from_pdf.findings == from_text.findings
