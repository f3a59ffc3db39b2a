"""Peak memory and time of ``rectify import`` on the inputs the size limits are for (``make bench``).

Each input is made here, streamed to disk (the bench itself never holds one), then imported by
``rectify import FILE -o FOLDER`` in a process of its own, whose peak resident memory (``ru_maxrss``
from ``wait4``) and wall time are printed with the first words of what it said. The cases are those
of issue 27: a small .docx that unpacks to 1.5 GB of text, an .xlsx that does the same, a ledger of
100,000 rows, a 19 MB text, a small PDF whose page stream unpacks to 1.5 GB, and a PDF of 100,000
pages. Each should be refused at once, naming the limit, in well under 300 MB. ``--quick`` makes the
unpacked sizes ten times smaller.

Usage: ``python tools/bench_limits.py [--quick] [--keep FOLDER]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECTIFY = Path(sys.executable).parent / "rectify"
SEED_TEXT = ROOT / "tests" / "fixtures" / "seed-notice.txt"
GB = 1_000_000_000
MB = 1_000_000
BUDGET_MB = 300
CHUNK = 4 * MB


def _repeat(unit: bytes, total: int) -> Iterator[bytes]:
    block = unit * max(1, CHUNK // len(unit))
    for _ in range(total // len(block) + 1):
        yield block


def _zip(path: Path, head: dict[str, bytes], name: str, start: bytes, body: Iterator[bytes], end: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in head.items():
            archive.writestr(member, content)
        with archive.open(name, "w", force_zip64=True) as stream:
            stream.write(start)
            for block in body:
                stream.write(block)
            stream.write(end)


def docx_bomb(path: Path, unpacked: int) -> None:
    """A .docx whose one paragraph unpacks to ``unpacked`` bytes of Chinese text."""
    namespace = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    _zip(
        path,
        {"[Content_Types].xml": b"<Types/>"},
        "word/document.xml",
        b"<w:document " + namespace + b"><w:body><w:p><w:r><w:t>",
        _repeat("整改落实情况".encode(), unpacked),
        b"</w:t></w:r></w:p></w:body></w:document>",
    )


_SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


def xlsx_bomb(path: Path, unpacked: int) -> None:
    """An .xlsx whose one cell unpacks to ``unpacked`` bytes of text."""
    _zip(
        path,
        {"[Content_Types].xml": b"<Types/>"},
        "xl/worksheets/sheet1.xml",
        _SHEET + b'<row r="1"><c r="A1" t="inlineStr"><is><t>',
        _repeat("问题".encode(), unpacked),
        b"</t></is></c></row></sheetData></worksheet>",
    )


def ledger_rows(path: Path, rows: int) -> None:
    """A ledger of a header and ``rows`` findings, as an office's export of every row ever would be."""
    header = ["序号", "问题", "整改措施", "牵头部门", "责任人", "完成时限", "整改状态", "整改进展"]

    def cells(number: int, values: list[str]) -> bytes:
        return (
            b'<row r="%d">' % number
            + b"".join(
                b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + i).encode(), number, v.encode())
                for i, v in enumerate(values)
            )
            + b"</row>"
        )

    def body() -> Iterator[bytes]:
        yield cells(1, header)
        for n in range(2, rows + 2):
            yield cells(n, [str(n - 1), f"第{n - 1}个问题：制度执行不到位", "建立台账，逐项整改。", "办公室", "张三",
                            "2024年底前", "正在整改", "已召开专题会议。"])  # fmt: skip

    _zip(path, {"[Content_Types].xml": b"<Types/>"}, "xl/worksheets/sheet1.xml", _SHEET, body(),
         b"</sheetData></worksheet>")  # fmt: skip


def long_text(path: Path, size: int) -> None:
    """A UTF-8 text of ``size`` bytes: the seed notice pasted again and again."""
    seed = SEED_TEXT.read_bytes()
    with path.open("wb") as file:
        for _ in range(size // len(seed) + 1):
            file.write(seed)


def _pdf(path: Path, streams: Iterator[tuple[Callable[[], Iterator[bytes]], int]], pages: int, shared: bool) -> None:
    """A PDF of Helvetica text, written as it goes: each stream compressed block by block."""
    streams = list(streams)
    first_page = 4 + len(streams)
    offsets: list[int] = []
    with path.open("wb") as file:
        file.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

        def obj(number: int, body: bytes) -> None:
            offsets.append(file.tell())
            file.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

        obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
        obj(2, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids))
        obj(3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        for index, (blocks, _) in enumerate(streams):
            packer = zlib.compressobj(9)
            packed = b"".join(packer.compress(block) for block in blocks()) + packer.flush()
            obj(4 + index, b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed))
        resources = b"/MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
        for i in range(pages):
            content = 4 + (0 if shared else i)
            obj(first_page + i, b"<< /Type /Page /Parent 2 0 R %s /Contents %d 0 R >>" % (resources, content))
        xref = file.tell()
        file.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        file.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
        file.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))


def pdf_bomb(path: Path, unpacked: int) -> None:
    """A PDF of one page whose content stream unpacks to ``unpacked`` bytes of text operators."""
    _pdf(path, iter([(lambda: _repeat(b"BT /F1 10 Tf 50 800 Td (A) Tj ET\n", unpacked), unpacked)]), 1, False)


def pdf_pages(path: Path, pages: int) -> None:
    """A PDF of ``pages`` pages, every one showing the same small stream."""
    _pdf(path, iter([(lambda: iter([b"BT /F1 10 Tf 50 800 Td (The same page.) Tj ET"]), 0)]), pages, True)


def measure(source: Path, out: Path, hooks: Path, timeout: float) -> tuple[float, float, str, str]:
    """(wall seconds, peak MiB, exit status or "killed", what it said first) of ``rectify import source -o out``
    run from ``hooks`` (this checkout's, or an older one's to compare), ended after ``timeout`` seconds."""
    env = {**os.environ, "PYTHONPATH": str(hooks)}  # this code, whatever the venv's editable install points at
    started = time.perf_counter()
    with tempfile.TemporaryFile() as said, tempfile.NamedTemporaryFile("r") as peak:
        # Through a small launcher in its own session: Linux carries the peak of the memory a process
        # was forked from across exec, so an import started from this (large) benchmark process would
        # report the benchmark's peak; the launcher's child starts from the launcher's few MiB.
        process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, peak.name, str(RECTIFY), "import", str(source), "-o", str(out)],
            stdout=said,
            stderr=said,
            env=env,
            start_new_session=True,
        )
        try:
            status = str(process.wait(timeout))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            status = f"killed at {timeout:.0f} s"
        elapsed = time.perf_counter() - started
        peak_kib = float(peak.read() or "nan")
        said.seek(0)
        lines = [line.strip() for line in said.read().decode("utf-8", "replace").splitlines() if line.strip()]
    first = " ".join(lines[:2]) if lines and lines[0].endswith("：") else (lines[0] if lines else "")
    return elapsed, peak_kib / 1024, status, first


# argv: the file for the peak (KiB), then the command; exits with the command's status.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "process = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(process.pid, 0)\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def cases(scale: float) -> list[tuple[str, str, Callable[[Path], None]]]:
    unpacked = int(1.5 * GB * scale)
    return [
        (f".docx unpacking to {unpacked / GB:.2f} GB of text", "通报.docx", lambda p: docx_bomb(p, unpacked)),
        (f".xlsx unpacking to {unpacked / GB:.2f} GB", "台账.xlsx", lambda p: xlsx_bomb(p, unpacked)),
        ("ledger of 100,000 rows", "台账.xlsx", lambda p: ledger_rows(p, 100_000)),
        ("19 MB text", "通报.txt", lambda p: long_text(p, 19 * MB)),
        (f"PDF page stream unpacking to {unpacked / GB:.2f} GB", "通报.pdf", lambda p: pdf_bomb(p, unpacked)),
        ("PDF of 100,000 pages", "通报.pdf", lambda p: pdf_pages(p, 100_000)),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="unpacked sizes ten times smaller")
    parser.add_argument("--keep", type=Path, help="make the inputs in this folder and keep them")
    parser.add_argument(
        "--hooks", type=Path, default=ROOT / "hooks", help="import with this hooks/ (an older checkout's)"
    )
    parser.add_argument("--timeout", type=float, default=600, help="end an import after this many seconds")
    parser.add_argument("--only", help="only the inputs whose name holds this (PDF, ledger…)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="rectify-limits-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"Size limits: rectify import of each input in a process of its own (peak = ru_maxrss; budget {BUDGET_MB} MB)"
    )
    if args.hooks != ROOT / "hooks":
        print(f"(the code imported is {args.hooks}'s)")
    print(f"{'input':<40} {'file':>9} {'made s':>7} {'import s':>9} {'peak MiB':>9}  said")
    worst = 0.0
    try:
        for index, (name, file_name, make) in enumerate(cases(0.1 if args.quick else 1.0)):
            if args.only and args.only not in name:
                continue
            folder = work / f"case{index}"
            folder.mkdir(exist_ok=True)
            source = folder / file_name
            started = time.perf_counter()
            make(source)
            made = time.perf_counter() - started
            elapsed, peak, status, said = measure(source, folder / "out" / "zg-bench", args.hooks, args.timeout)
            worst = max(worst, peak)
            shown = said.replace(str(source), source.name)[:90]
            print(
                f"{name:<40} {source.stat().st_size / MB:>7.1f}MB {made:>7.1f} {elapsed:>9.2f} {peak:>9.0f}  "
                f"[{status}] {shown}",
                flush=True,
            )
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"largest peak {worst:.0f} MiB ({'within' if worst < BUDGET_MB else 'OVER'} the {BUDGET_MB} MB budget)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
