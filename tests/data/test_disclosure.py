"""A disclosure that stays honest over time (issue 26, points 5–9): the announced next report, evidence
per progress entry and as files, progress over time, and the inspection round — in the data, the pages,
the feed and the open data."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from conftest import ROOT, SEED_ID, mkdocs_build
from rectify.data.history import history, site_history
from rectify.data.load import load_notice, load_site
from rectify.site.feed import entries
from rectify.site.opendata import findings_csv, notice_from_json, notice_json
from rectify.site.render import data_files, site_pages, static_files

Edit = Callable[[str, str, str], Path]
EXAMPLES = ROOT / "examples" / "round-2024"
SIGNED = "  date: 2017-03-27\n\npublication:"
NEXT = "  date: 2017-03-27\n\nnext_update: 2017-09-30\n\npublication:"


def _seed(data_copy: Path) -> object:
    notice, errors = load_notice(data_copy / SEED_ID)
    assert notice is not None, errors
    return notice


def test_the_next_report_is_announced_on_the_notice_s_pages(data_copy: Path, edit: Edit) -> None:
    edit("notice.yml", SIGNED, NEXT)
    notice = _seed(data_copy)
    assert notice.next_update == date(2017, 9, 30)  # type: ignore[attr-defined]
    assert notice_from_json(notice_json(notice)) == notice  # type: ignore[arg-type]
    before = site_pages([notice], built=date(2017, 6, 1))  # type: ignore[list-item]
    after = site_pages([notice], built=date(2017, 12, 20))  # type: ignore[list-item]
    for page in (f"{SEED_ID}/index.md", f"{SEED_ID}/notice.md", f"{SEED_ID}/findings/union-reform.md"):
        assert "下次公开整改进展的日期：2017年9月30日。" in before[page]
        assert "整改进展更新已逾期" not in before[page]
        assert "截至2017年12月20日，整改进展更新已逾期 81 天" in after[page]
    # Beside the signed text: the text itself is as before.
    notice_page = after[f"{SEED_ID}/notice.md"]
    assert notice_page.index("next-update") < notice_page.index('class="notice-text"')


def test_a_report_on_or_after_the_day_ends_it(data_copy: Path, edit: Edit) -> None:
    edit("notice.yml", SIGNED, NEXT)
    edit(
        "findings.yml",
        "        deadline: 2017年底前\n",
        "        deadline: 2017年底前\n        progress:\n          - date: 2017-09-30\n"
        "            status: 正在整改\n            text: 改革方案已报省委。\n",
    )
    notice = _seed(data_copy)
    pages = site_pages([notice], built=date(2026, 12, 6))  # type: ignore[list-item]
    assert "next-update" not in pages[f"{SEED_ID}/index.md"]
    assert not [e for e in entries([notice], str, lambda n, f: f.id, date(2026, 12, 6)) if "next-update" in e.id]  # type: ignore[list-item]


def test_the_feed_says_so_at_build_time() -> None:
    notices = load_site(EXAMPLES)
    before = entries(notices, lambda n: n.id, lambda n, f: f.id, date(2025, 3, 31))
    assert not [e for e in before if "逾期" in e.title]
    after = [e for e in entries(notices, lambda n: n.id, lambda n, f: f.id, date(2026, 12, 6)) if "逾期" in e.title]
    assert [(e.id, e.title, e.updated) for e in after] == [
        (
            "tag:rectify,2025-10-01:demo-county-finance-2025/next-update",
            "中共示例县财政局党组：整改进展更新已逾期",
            date(2025, 10, 1),
        ),
        (
            "tag:rectify,2025-04-01:demo-county-school-2024/next-update",
            "中共示例县第一中学总支部委员会：整改进展更新已逾期",
            date(2025, 4, 1),
        ),
    ]
    assert "截至2026年12月6日已逾期 615 天" in after[1].summary


def test_a_next_update_before_the_notice_is_an_error(data_copy: Path, edit: Edit) -> None:
    edit("notice.yml", SIGNED, NEXT.replace("2017-09-30", "2017-01-01"))
    notice, errors = load_notice(data_copy / SEED_ID)
    assert notice is None
    (error,) = errors
    assert "下次公开整改进展的日期 2017-01-01 早于成文日期 2017-03-27" in error.message


STEP = """        deadline: 2017年底前
        progress:
          - date: 2017-12-20
            status: 已完成
            text: 省委已印发改革方案。
            evidence:
              - 省委改革方案（2017年第5号）
              - text: 印发通知
                link: https://www.example.gov.cn/notice.pdf
"""


def test_a_progress_entry_lists_its_own_evidence(data_copy: Path, edit: Edit) -> None:
    """Point 6: under the entry on the finding page and in print, in JSON and CSV; closure then needs no more."""
    edit("findings.yml", "        deadline: 2017年底前\n", STEP)
    notice = _seed(data_copy)
    step = notice.findings[0].progress[0]  # type: ignore[attr-defined]
    assert [e.text for e in step.evidence] == ["省委改革方案（2017年第5号）", "印发通知"]
    assert notice_from_json(notice_json(notice)) == notice  # type: ignore[arg-type]
    pages = site_pages([notice], built=date(2018, 1, 1))  # type: ignore[list-item]
    page = pages[f"{SEED_ID}/findings/union-reform.md"]
    assert (
        '- 2017年12月20日，<span class="status status--done">已完成</span>：省委已印发改革方案。\n'
        "    - 佐证材料：省委改革方案（2017年第5号）\n"
        '    - 佐证材料：<a href="https://www.example.gov.cn/notice.pdf">印发通知</a>\n'
    ) in page
    assert "未列出佐证材料" not in page
    assert (
        '    - 佐证材料：<a href="https://www.example.gov.cn/notice.pdf">印发通知</a>' in pages[f"{SEED_ID}/print.md"]
    )
    csv_text = findings_csv(notice)  # type: ignore[arg-type]
    assert "省委改革方案（2017年第5号）\n印发通知（https://www.example.gov.cn/notice.pdf）" in csv_text


PDF = b"%PDF-1.4\n% evidence\n"
PDF_SHA = hashlib.sha256(PDF).hexdigest()
WITH_FILE = """        deadline: 2017年底前
        evidence:
          - text: 改革方案
            file: evidence/fangan.pdf
"""


def test_an_evidence_file_is_published_with_name_type_size_and_sha256(data_copy: Path, edit: Edit) -> None:
    """Point 7: a file in the notice's folder; the page links it with its facts, open data carries them."""
    (data_copy / SEED_ID / "evidence").mkdir()
    (data_copy / SEED_ID / "evidence" / "fangan.pdf").write_bytes(PDF)
    edit("findings.yml", "        deadline: 2017年底前\n", WITH_FILE)
    notice = _seed(data_copy)
    (piece,) = notice.findings[0].evidence  # type: ignore[attr-defined]
    assert (piece.file, piece.type, piece.size, piece.sha256) == ("evidence/fangan.pdf", "application/pdf", 20, PDF_SHA)
    data = json.loads(notice_json(notice))  # type: ignore[arg-type]
    assert data["categories"][0]["findings"][0]["evidence"][0]["sha256"] == PDF_SHA
    assert notice_from_json(notice_json(notice)) == notice  # type: ignore[arg-type]
    assert f"改革方案（evidence/fangan.pdf，20 字节，SHA-256：{PDF_SHA}）" in findings_csv(notice)  # type: ignore[arg-type]
    page = site_pages([notice], built=date(2017, 6, 1))[f"{SEED_ID}/findings/union-reform.md"]  # type: ignore[list-item]
    assert (
        f'- [改革方案](../evidence/fangan.pdf)（PDF 文件，20 字节，SHA-256：<code class="sha256">{PDF_SHA}</code>）'
        in page
    )
    assert (
        static_files([notice], data_copy)[f"{SEED_ID}/evidence/fangan.pdf"]
        == data_copy / SEED_ID / "evidence/fangan.pdf"
    )  # type: ignore[list-item]


def test_check_names_a_missing_or_changed_evidence_file(data_copy: Path, edit: Edit) -> None:
    edit("findings.yml", "        deadline: 2017年底前\n", WITH_FILE)
    notice, errors = load_notice(data_copy / SEED_ID)
    assert notice is None
    (error,) = errors
    assert "佐证材料文件 evidence/fangan.pdf 不存在" in error.message and error.line
    (data_copy / SEED_ID / "evidence").mkdir()
    (data_copy / SEED_ID / "evidence" / "fangan.pdf").write_bytes(PDF)
    edit("findings.yml", "file: evidence/fangan.pdf\n", f"file: evidence/fangan.pdf\n            sha256: {PDF_SHA}\n")
    assert load_notice(data_copy / SEED_ID)[0] is not None  # as recorded
    (data_copy / SEED_ID / "evidence" / "fangan.pdf").write_bytes(PDF + b"changed")
    notice, errors = load_notice(data_copy / SEED_ID)
    (error,) = errors
    assert f"佐证材料文件 evidence/fangan.pdf 已改变：记录的 SHA-256 是 {PDF_SHA}" in error.message


def test_an_evidence_file_outside_the_folder_is_refused(data_copy: Path, edit: Edit, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret")
    (data_copy / SEED_ID / "evidence").mkdir()
    (data_copy / SEED_ID / "evidence" / "link.txt").symlink_to(tmp_path / "secret.txt")
    edit("findings.yml", "        deadline: 2017年底前\n", WITH_FILE.replace("fangan.pdf", "link.txt"))
    notice, errors = load_notice(data_copy / SEED_ID)
    assert notice is None and "不存在" in errors[0].message
    edit("findings.yml", "evidence/link.txt", "evidence/../notice.yml")
    notice, errors = load_notice(data_copy / SEED_ID)
    assert notice is None and "evidence/ 文件夹中的文件名" in errors[0].message


def test_the_build_publishes_the_evidence_file(data_copy: Path, edit: Edit, tmp_path: Path) -> None:
    (data_copy / SEED_ID / "evidence").mkdir()
    (data_copy / SEED_ID / "evidence" / "fangan.pdf").write_bytes(PDF)
    edit("findings.yml", "        deadline: 2017年底前\n", WITH_FILE)
    result = mkdocs_build(tmp_path / "site", data_copy)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / SEED_ID / "evidence" / "fangan.pdf").read_bytes() == PDF
    page = (tmp_path / "site" / SEED_ID / "findings" / "union-reform" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../evidence/fangan.pdf">改革方案</a>' in page


def test_progress_over_time_per_notice_and_across_notices() -> None:
    """Point 8: computed from the progress history, the stated 已完成 as a point of its own; chart, table, CSV."""
    notices = load_site(EXAMPLES)
    early = next(n for n in notices if n.id == "demo-county-finance-2024")
    assert [(p.day, p.completed, p.total, p.stated) for p in history(early)] == [
        (date(2024, 8, 30), 3, 5, 3),
        (date(2024, 12, 15), 3, 5, None),
        (date(2025, 3, 10), 4, 5, None),
    ]
    assert [(p.completed, p.total) for p in site_history(notices)] == [(3, 5), (5, 9), (5, 9), (6, 9), (7, 11)]
    pages = site_pages(notices, built=date(2026, 12, 6))
    home = pages["demo-county-finance-2024/index.md"]
    assert '<title id="chart-history-title">已完成问题数的变化</title>' in home
    assert "2024年8月30日已完成 3 个（共 5 个），通报写明已完成 3 个" in home
    assert "| 2025年3月10日 | 4 | 5 | 80.0% | — |" in home
    assert "[已完成问题数的变化（CSV）](progress.csv)" in home
    # Across notices on a page of its own (issue 28: a row a reporting day grows with the notices),
    # which the site home links to.
    assert "| 2025年3月20日 | 7 | 11 | 63.6% | — |" in pages["progress/index.md"]
    assert "[整改进展的变化](progress/index.md)" in pages["index.md"]
    assert "| 2025年3月20日 | 7 | 11 |" not in pages["index.md"]
    # Without progress, no chart.
    assert "chart-history" not in pages["demo-county-school-2024/index.md"]
    files = data_files(notices)
    assert files["demo-county-finance-2024/progress.csv"].splitlines()[:2] == [
        "\ufeff日期,已完成,问题总数,完成率,通报写明的已完成数",
        "2024-08-30,3,5,60.0%,3",
    ]
    assert "progress.csv" in files and "demo-county-school-2024/progress.csv" not in files
