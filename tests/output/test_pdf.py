"""The printed notice: A4, GB/T 9704-2012 layout, real text, embedded fonts."""

from __future__ import annotations

import math
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import BIN, DATA, ROOT, SEED_ID, SEED_TEXT, require_tools

CHROME = ("搜索", "跳转至", "导航", "目录", "打印", "返回顶部", "整改公开")
MM = 72 / 25.4  # PDF points per millimetre


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    """Text without whitespace, full-width forms folded, for matching across line breaks."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def flat_body(text: str) -> str:
    """``flat`` without the page numbers, for matching across page breaks."""
    return re.sub(r"—\d+—", "", flat(text))


def findings() -> list[dict[str, object]]:
    data = yaml.safe_load((DATA / SEED_ID / "findings.yml").read_text(encoding="utf-8"))
    return [f for c in data["categories"] for f in c.get("findings", [])]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tools("chromium", "pdftotext", "pdfinfo", "pdffonts", "pdftoppm")
    out = tmp_path_factory.mktemp("pdf")
    result = subprocess.run(
        [str(BIN / "rectify"), "pdf", "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "PDF 已生成" in result.stdout
    return out


@pytest.fixture(scope="module")
def notice_pdf(dist: Path) -> Path:
    return dist / f"{SEED_ID}-notice.pdf"


def pages_of(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))


def expected_pages() -> int:
    """Pages the seed needs at 22 lines × 28 characters (half-width digits count half)."""
    lines = 4  # the title in two lines of 2号 and the blank line under it
    for line in SEED_TEXT.read_text(encoding="utf-8").splitlines()[4:47]:
        width = 2 + sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in line)
        lines += math.ceil(width / 28)
    return math.ceil((lines + 3) / 22)  # the signature: a blank line, signer, date


def test_notice_pdf_is_a4_with_the_pages_22_by_28_implies(notice_pdf: Path) -> None:
    info = run("pdfinfo", str(notice_pdf))
    assert "(A4)" in info
    assert abs(pages_of(notice_pdf) - expected_pages()) <= 1, (pages_of(notice_pdf), expected_pages())


def test_notice_pdf_text(notice_pdf: Path) -> None:
    text = run("pdftotext", str(notice_pdf), "-")
    body = flat_body(text)
    assert flat("中共黑龙江省总工会党组关于巡视整改情况的通报") in body
    for finding in findings():
        assert flat(str(finding["problem"])) in body, finding["id"]
    assert flat("中共黑龙江省总工会党组2017年3月27日") in body
    for page in range(1, pages_of(notice_pdf) + 1):
        assert f"—{page}—" in flat(text), f"page number {page}"
    for chrome in CHROME:
        assert chrome not in text, chrome


def test_notice_pdf_is_the_signed_text_character_for_character(notice_pdf: Path) -> None:
    """The printed notice is text.txt and nothing else: no character added, dropped or re-punctuated
    (only line breaks and page numbers are the printer's)."""
    text = run("pdftotext", str(notice_pdf), "-")
    lines = [line for line in text.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]
    printed = "".join("".join(lines).split())
    signed = "".join((DATA / SEED_ID / "text.txt").read_text(encoding="utf-8").split())
    assert printed == signed


def test_notice_lines_hold_28_characters_and_pages_22_lines(notice_pdf: Path) -> None:
    """Pages of body text hold 22 lines (fewer only where a heading keeps with its text),
    and full lines hold 28 characters."""
    counts, widths = [], []
    for page in range(2, pages_of(notice_pdf)):
        layout = run("pdftotext", "-f", str(page), "-l", str(page), "-layout", str(notice_pdf), "-")
        lines = [line.strip() for line in layout.splitlines() if line.strip()]
        lines = [line for line in lines if not re.fullmatch(r"—\s*\d+\s*—", line)]
        counts.append(len(lines))
        widths += [sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in line) for line in lines]
    assert max(counts) == 22 and min(counts) >= 20, counts
    assert 28 <= max(widths) <= 28.5  # half-width digits may squeeze in half a character more
    assert sum(1 for w in widths if w >= 27) / len(widths) > 0.6


def test_fonts_are_embedded(notice_pdf: Path) -> None:
    rows = run("pdffonts", str(notice_pdf)).splitlines()[2:]
    assert rows
    assert all(row.split()[-5] == "yes" for row in rows), rows


def test_title_is_centred_on_page_one(notice_pdf: Path, tmp_path: Path) -> None:
    run("pdftoppm", "-r", "72", "-gray", "-f", "1", "-l", "1", str(notice_pdf), str(tmp_path / "page"))
    (image,) = tmp_path.glob("page*.pgm")
    width, height, pixels = read_pgm(image)
    ink_rows = [y for y in range(height) if any(pixels[y * width + x] < 128 for x in range(width))]
    first_line = [y for y in ink_rows if y < ink_rows[0] + 22 * MM / 72 * 72 * 0.4]
    columns = [x for y in first_line for x in range(width) if pixels[y * width + x] < 128]
    left, right = min(columns), max(columns)
    centre = (left + right) / 2
    # The text block sits 28 mm from the left, 26 mm from the right: its centre is 1 mm right of the page's.
    assert abs(centre - (width / 2 + 1 * MM)) <= 3 * MM, (left, right, width)
    assert ink_rows[0] == pytest.approx(37 * MM, abs=6 * MM)  # the title starts at the top of the text block


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header
    return int(header.group(1)), int(header.group(2)), data[header.end() :]


def test_complete_pdf_holds_notice_findings_and_contact(dist: Path) -> None:
    pdf = dist / f"{SEED_ID}-complete.pdf"
    assert "(A4)" in run("pdfinfo", str(pdf))
    text = run("pdftotext", str(pdf), "-")
    body = flat_body(text)
    assert flat("中共黑龙江省总工会党组关于巡视整改情况的通报") in body
    assert "附:问题清单" in body
    for finding in findings():
        assert flat(str(finding["short"])) in body, finding["id"]
    assert "0451-53643345" in body
    pages = pages_of(pdf)
    assert pages > pages_of(dist / f"{SEED_ID}-notice.pdf")
    assert f"—{pages}—" in flat(text)


def test_every_finding_page_prints_on_one_page(built_site: Path, tmp_path: Path) -> None:
    require_tools("chromium", "pdfinfo")
    from rectify.output.pdf import chromium, print_to_pdf

    with chromium() as browser:
        for finding in findings():
            pdf = tmp_path / f"{finding['id']}.pdf"
            print_to_pdf(browser, built_site / SEED_ID / "findings" / str(finding["id"]) / "index.html", pdf)
            assert pages_of(pdf) == 1, finding["id"]
            text = run("pdftotext", str(pdf), "-")
            assert "搜索" not in text and "打印" not in text
