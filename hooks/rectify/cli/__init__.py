"""The ``rectify`` command: one entry point over the layers (check, new, import, ledger, bundle, pdf, fonts)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from rectify import __version__
from rectify.data import yamlio
from rectify.data.errors import DataInvalid, remarks_report
from rectify.data.folders import FINDINGS_FILE, NOTICE_FILE, NOTICE_ID, RESERVED_NOTICE_IDS
from rectify.data.load import load_notice, load_site
from rectify.data.model import COUNTED_FIGURES, RATE_FIGURE, STATUSES, UNSTATED, Notice
from rectify.data.schema import SCHEMA_DIR
from rectify.data.signed import TEXT_FILE
from rectify.intake.ledger.convert import SUFFIXES as LEDGER_SUFFIXES
from rectify.intake.ledger.convert import import_ledger
from rectify.intake.ledger.sheets import LedgerError
from rectify.intake.notice import ImportFailed, import_paragraphs
from rectify.intake.notice.read import ReadError, read_paragraphs, where
from rectify.output.build import CONFIG, BuildFailed, read_config
from rectify.output.bundle import MAX_BYTES, build_stamp, make_bundle
from rectify.output.fonts import FACES, FontsFailed, install_fonts, install_hint, installed_fontconfig
from rectify.output.lock import exclusive
from rectify.output.pdf import NoBrowser, make_pdfs
from rectify.output.publish import EXAMPLE_URL

from . import console, init, ledger, publish, serve, site


def summary(notices: list[Notice]) -> str:
    """What a publishing office wants to see after a successful check."""
    lines = [f"数据检查通过：{len(notices)} 份通报。"]
    for notice in notices:
        tally = notice.tally
        lines.append("")
        lines.append(f"{notice.id}  {notice.title}")
        lines.append(
            f"  问题分类 {len(notice.categories)} 类，问题 {tally.total} 个（截至 {notice.as_of.isoformat()}）"
        )
        for status, count in tally.by_status.items():
            lines.append(f"  {status}：{count} 个")
        if tally.unstated:
            lines.append(f"  整改状态{UNSTATED}：{tally.unstated} 个")
        stated = [f"{name} {value} 个" for name, value in notice.figures.items() if name in COUNTED_FIGURES]
        stated += [f"{RATE_FIGURE} {notice.figures[RATE_FIGURE]}"] if RATE_FIGURE in notice.figures else []
        if stated and (notice.stated_tally.unstated or not notice.findings):
            lines.append(f"  通报写明（只核对了能核对的部分）：{'，'.join(stated)}")
        unmapped = [f for f in notice.findings if f.status_unmapped]
        if unmapped:
            listed = "；".join(f"问题{f.number}“{f.short}”：{f.status_text}" for f in unmapped)
            lines.append(f"  整改状态的写法不在对照表中、没有换算（网站照原文显示）：{listed}")
        if not tally.total:
            lines.append("  整改完成率：—（通报没有逐个列出问题）")
        elif tally.unstated:
            lines.append(f"  整改完成率：{UNSTATED}（有问题没有写整改状态，不计算完成率）")
        else:
            lines.append(
                f"  整改完成率：{tally.rate_text(notice.rate_decimals)}（已完成 {tally.completed} ÷ 问题总数 {tally.total}）"
            )
    # Remarks after the figures: the check has passed, these are for the office to look at.
    remarks = remarks_report([remark for notice in notices for remark in notice.remarks])
    return "\n".join(lines) + (f"\n\n{remarks}" if remarks else "")


def check(data_dir: Path) -> int:
    try:
        notices = load_site(data_dir)
    except DataInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    print(summary(notices))
    config = read_config(data_dir.parent)  # the site these data belong to, if any
    if config and not config.get("site_url"):
        where = data_dir.parent / CONFIG
        print(
            f"\n提示：{where} 中还没有填写网站地址 site_url；发布前请填写栏目的完整网址（如 {EXAMPLE_URL}），rectify publish 需要它。"
        )
    return 0


def _project_notices(project: Path) -> list[Notice]:
    """The notices a build of ``project`` publishes (``RECTIFY_DATA`` as in the MkDocs adapter)."""
    return load_site(project / os.environ.get("RECTIFY_DATA", "data"))


def _data_root(folder: Path) -> str | None:
    """Why ``folder`` is the folder of all notices (a site's data/), not one notice's folder; None if not."""
    if folder.is_dir():
        held = sorted(p.name for p in folder.iterdir() if (p / NOTICE_FILE).is_file())
        if held:
            return f"里面已有通报文件夹 {'、'.join(held[:3])}{' 等' if len(held) > 3 else ''}"
    config = read_config(folder.parent)
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    configured = {"data", str(extra.get("rectify_data") or "data"), os.environ.get("RECTIFY_DATA") or "data"}
    if config and folder.resolve() in {(folder.parent / name).resolve() for name in configured}:
        return f"它是 {folder.parent / CONFIG} 的网站读取的数据文件夹"
    return None


def _refused_notice_dir(notice_dir: Path) -> bool:
    """Say so and return True when a folder cannot be a notice's: the data root, or a name that is no notice ID."""
    root = _data_root(notice_dir)
    if root:
        print(
            f"{notice_dir} 是存放各份通报的数据文件夹（{root}），不能直接写入一份通报；"
            f"每份通报在它下面单独一个文件夹，文件夹名就是通报编号，如 {notice_dir / 'zhenggai-2024'}。没有写入任何文件",
            file=sys.stderr,
        )
        return True
    if notice_dir.name in RESERVED_NOTICE_IDS:
        print(
            f"文件夹名 {notice_dir.name} 是网站保留的网址名称，不能用作通报编号；请换一个，如 data/hlj-zgh-2017",
            file=sys.stderr,
        )
        return True
    if NOTICE_ID.match(notice_dir.name):
        return False
    print(
        f"文件夹名 {notice_dir.name} 不能用作通报编号；应为小写字母、数字和连字符，如 data/hlj-zgh-2017",
        file=sys.stderr,
    )
    return True


def bundle(project: Path, out_dir: Path) -> int:
    try:
        notices = _project_notices(project)
        name = notices[0].id if len(notices) == 1 else "site"
        with exclusive(out_dir, console.say_busy(out_dir)):
            result = make_bundle(project, name, out_dir, build_stamp())
    except DataInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    except BuildFailed as error:
        print(error, file=sys.stderr)
        return 1
    size_mib = result.size / 1024 / 1024
    print(f"离线版已生成：{result.zip_path.resolve()}")
    print(
        f"  {result.files} 个文件，压缩包 {result.size} 字节（{size_mib:.2f} MiB，上限 {MAX_BYTES // 1024 // 1024} MiB）"
    )
    print(f"  校验值：{(out_dir / 'SHA256SUMS').resolve()}（压缩包内另有每个文件的 SHA256SUMS）")
    print("  解压后用浏览器打开其中的 index.html，无需联网。")
    if result.size > MAX_BYTES:
        print("离线版超过 3 MiB 的上限", file=sys.stderr)
        return 1
    return 0


def pdf(project: Path, out_dir: Path) -> int:
    try:
        notices = _project_notices(project)
        if not installed_fontconfig():
            print(f"提示：没有安装公文字体的替代字体，PDF 用本机已有的字体排版。{install_hint()}", file=sys.stderr)
        with exclusive(out_dir, console.say_busy(out_dir)):
            written = make_pdfs(project, [notice.id for notice in notices], out_dir)
    except DataInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    except (BuildFailed, NoBrowser) as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(f"PDF 已生成：{path.resolve()}（{path.stat().st_size} 字节）")
    return 0


def fonts(deb: Path | None) -> int:
    """``rectify fonts``: install the print fonts once (cached; a second run returns at once)."""
    was_installed = installed_fontconfig() is not None
    started = time.monotonic()
    try:
        folder = install_fonts(deb, say=lambda line: print(line, flush=True))
    except FontsFailed as error:
        print(error, file=sys.stderr)
        return 1
    size = sum(path.stat().st_size for path in folder.glob("*.ttf"))
    if was_installed:
        print(f"打印用字体已安装：{folder}（{size / 1024 / 1024:.0f} MB）")
        return 0
    print(f"打印用字体已安装（用时 {time.monotonic() - started:.0f} 秒）：{folder}（{size / 1024 / 1024:.0f} MB）")
    for face, role in FACES.items():
        print(f"  {face}：{role}")
    print("这些字体只用于 rectify pdf 生成的 PDF，网站不向访问者提供字体。")
    return 0


def import_notice(source: Path, out_dir: Path, force: bool) -> int:
    """``rectify import``: a notice (.txt, .docx, .pdf, .doc, .wps) into a data folder, with remarks to check."""
    if _refused_notice_dir(out_dir):
        return 1
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not force)):
        print(
            f"{out_dir} 已存在且不是空文件夹；要覆盖其中的 notice.yml、findings.yml 和 text.txt，请加 --force",
            file=sys.stderr,
        )
        return 1
    if source.suffix.lower() in LEDGER_SUFFIXES:  # an Excel ledger (整改台账)
        return _import_ledger(source, out_dir)
    try:
        paragraphs = read_paragraphs(source)
        schema_dir = Path(os.path.relpath(SCHEMA_DIR, out_dir.resolve())).as_posix()
        result = import_paragraphs(paragraphs, source_name=source.name, schema_dir=schema_dir)
    except (ReadError, ImportFailed) as error:
        print(f"无法导入 {source}：{error}", file=sys.stderr)
        return 1
    except Exception as error:  # never a traceback for a strange input
        print(
            f"无法导入 {source}：导入时出错（{type(error).__name__}：{error}）；请把原文件交给维护人员", file=sys.stderr
        )
        return 1
    _write_imported(out_dir, result.notice_yaml, result.findings_yaml, result.text)
    for remark in result.remarks:
        print(f"{where(source, remark.line, paragraphs)} {remark.message}", file=sys.stderr)
    print(f"已导入：{source} → {out_dir}")
    sample = where(source, 1, [])  # 原文.txt:1: or 原文.docx 第1段:
    form = "原文件:行号: 说明" if sample.endswith(":1:") else f"原文件 第几{sample[-2]}（段首文字）: 说明"
    _report_imported(out_dir, result.findings, len(result.remarks), f"（见上面的提示，格式：{form}）")
    return 0


def _import_ledger(source: Path, out_dir: Path) -> int:
    """``rectify import 台账.xlsx``: a hand-made ledger into a data folder."""
    try:
        result, sheet = import_ledger(source, out_dir)
    except LedgerError as error:
        print(f"无法导入 {source}：\n{error}\n没有写入任何文件。", file=sys.stderr)
        return 1
    except Exception as error:  # never a traceback for a strange file
        print(
            f"无法导入 {source}：读取台账时出错（{type(error).__name__}：{error}）；请把原文件交给维护人员。"
            "没有写入任何文件。",
            file=sys.stderr,
        )
        return 1
    _write_imported(out_dir, result.notice_yaml, result.findings_yaml)
    for remark in result.remarks:
        print(remark.message, file=sys.stderr)
    print(f"已从整改台账导入：{source}（工作表 {sheet}）→ {out_dir}")
    _report_imported(out_dir, result.findings, len(result.remarks), "（见上面的提示）")
    return 0


def _write_imported(out_dir: Path, notice_yaml: str, findings_yaml: str, signed_text: str = "") -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = [(NOTICE_FILE, notice_yaml), (FINDINGS_FILE, findings_yaml)]
    files += [(TEXT_FILE, signed_text)] if signed_text else []
    for name, text in files:
        yamlio.write_atomic(out_dir / name, text)  # never half a file


def _report_imported(out_dir: Path, findings_doc: dict[str, Any], remarks: int, where_remarks: str) -> None:
    """What an import wrote (categories, problems, statuses as stated) and what the data check says of it."""
    findings = [f for c in findings_doc["categories"] for f in c.get("findings", [])]
    counts = {status: sum(1 for f in findings if f.get("status") == status) for status in STATUSES}
    counts[UNSTATED] = sum(1 for f in findings if not f.get("status"))
    print(f"  问题分类 {len(findings_doc['categories'])} 类，问题 {len(findings)} 个")
    if findings:
        print("  " + "，".join(f"{status} {n} 个" for status, n in counts.items() if n))
    if remarks:
        print(f"  需要核对的地方 {remarks} 处{where_remarks}")
    _, errors = load_notice(out_dir)
    if errors:
        print(f"导入的数据有 {len(errors)} 处没有通过检查，请对照原文修改：", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
    else:
        print(f"  数据检查通过；用 rectify check {out_dir.parent} 可再次检查")


def new(notice_dir: Path) -> int:
    """Start a notice folder from the commented templates."""
    if _refused_notice_dir(notice_dir):
        return 1
    if notice_dir.exists() and any(notice_dir.iterdir()):
        print(f"{notice_dir} 已经存在且不是空文件夹；没有改动任何文件", file=sys.stderr)
        return 1
    notice_dir.mkdir(parents=True, exist_ok=True)
    for template in (yamlio.TEMPLATES / NOTICE_FILE, yamlio.TEMPLATES / FINDINGS_FILE):
        (notice_dir / template.name).write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"已创建 {notice_dir / NOTICE_FILE} 和 {notice_dir / FINDINGS_FILE}。")
    print(f"按注释填写后运行 rectify check {notice_dir.parent}，它会逐条说明还需要填写什么。")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rectify", description="整改公开：检查整改情况通报的数据")
    parser.add_argument("--version", action="version", version=f"rectify {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令", required=True)
    check_parser = commands.add_parser("check", help="检查数据并列出统计；有错时列出每一处错误")
    check_parser.add_argument("data_dir", nargs="?", default="data", type=Path, help="数据文件夹（默认 data）")
    bundle_parser = commands.add_parser("bundle", help="生成离线版网站压缩包（可从 U 盘打开，无需联网）")
    bundle_parser.add_argument(
        "--project", default=Path("."), type=Path, help="项目文件夹（含 mkdocs.yml，默认当前文件夹）"
    )
    bundle_parser.add_argument("--out", default=Path("dist"), type=Path, help="输出文件夹（默认 dist）")
    pdf_parser = commands.add_parser("pdf", help="生成通报和打印全文的 PDF（按公文格式排版）")
    pdf_parser.add_argument(
        "--project", default=Path("."), type=Path, help="项目文件夹（含 mkdocs.yml，默认当前文件夹）"
    )
    pdf_parser.add_argument("--out", default=Path("dist"), type=Path, help="输出文件夹（默认 dist）")
    fonts_parser = commands.add_parser("fonts", help="安装 PDF 用的公文字体替代字体（Fandol，只需一次）")
    fonts_parser.add_argument("--deb", type=Path, help="已下载的 texlive-lang-chinese 软件包文件（不用 apt-get 下载）")
    import_parser = commands.add_parser("import", help="把通报原文（.txt、.docx、.pdf、.doc、.wps）导入为数据文件夹")
    import_parser.add_argument(
        "source",
        type=Path,
        help="通报原文：.txt（UTF-8 或 GB18030/GBK）、.docx、有文字层的 .pdf，或 .doc/.wps/.rtf（需要 LibreOffice）；"
        "也可以是整改台账 .xlsx/.xls/.et",
    )
    import_parser.add_argument(
        "-o", "--out", required=True, type=Path, help="数据文件夹，文件夹名就是通报编号，如 data/hlj-zgh-2017"
    )
    import_parser.add_argument(
        "--force", action="store_true", help="覆盖已有文件夹中的 notice.yml、findings.yml 和 text.txt（通报原文）"
    )
    ledger.add_parser(commands)
    init.add_parser(commands)
    site.add_parser(commands)
    publish.add_parser(commands)
    serve.add_parser(commands)
    new_parser = commands.add_parser("new", help="新建一份通报的数据文件夹（带注释的模板）")
    new_parser.add_argument("notice_dir", type=Path, help="数据文件夹，文件夹名就是通报编号，如 data/xx-2024")
    console.use_utf8()
    args = parser.parse_args(argv)
    try:
        if args.command == "init":
            return init.run(args)
        if args.command == "site":
            return site.run(args)
        if args.command == "publish":
            return publish.run(args)
        if args.command == "serve":
            return serve.run(args)
        if args.command == "bundle":
            return bundle(args.project, args.out)
        if args.command == "pdf":
            return pdf(args.project, args.out)
        if args.command == "fonts":
            return fonts(args.deb)
        if args.command == "ledger":
            return ledger.run(args)
        if args.command == "new":
            return new(args.notice_dir)
        if args.command == "import":
            return import_notice(args.source, args.out, args.force)
        return check(args.data_dir)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
