"""Step 1, read, for an old Word file, a WPS file or an RTF: converted to .docx by LibreOffice, then read
as one (``word``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..draft import Paragraph, ReadError
from .word import docx_paragraphs

SOFFICE_PACKAGE = "libreoffice-writer"
NO_LIBREOFFICE = (
    "这是旧版 Word（.doc）、WPS（.wps）或 RTF 文件，要先用 LibreOffice（免费的办公软件）转换，"
    "但本机没有找到 LibreOffice。任选一种办法：\n"
    "  1. 在 Word 或 WPS 中打开这个文件，“另存为”Word 文档（.docx），再导入这个 .docx 文件；\n"
    "  2. 安装 LibreOffice 后再导入：Windows 从单位软件中心或 libreoffice.org 安装；"
    f"Debian、统信 UOS、银河麒麟运行 sudo apt-get install {SOFFICE_PACKAGE}"
)


def soffice() -> str | None:
    """LibreOffice's program: on the PATH, or where its Windows installer puts it (not on the PATH)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for variable in ("PROGRAMFILES", "PROGRAMFILES(X86)"):
        folder = os.environ.get(variable)
        program = Path(folder) / "LibreOffice" / "program" / "soffice.exe" if folder else None
        if program and program.is_file():
            return str(program)
    return None


def converted_paragraphs(path: Path) -> list[Paragraph]:
    """An old Word, WPS or RTF file converted to .docx by LibreOffice, then read as .docx."""
    program = soffice()
    if not program:
        raise ReadError(NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="rectify-soffice-") as work:
        folder = Path(work)
        source = folder / ("source" + (path.suffix.lower() if path.suffix else ".doc"))
        shutil.copyfile(path, source)
        profile = (folder / "profile").as_uri()  # a profile of its own: runs never share or lock one
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=180, check=False, env={**os.environ, "HOME": work})
        except subprocess.TimeoutExpired:
            raise ReadError(
                "LibreOffice 转换这个文件超过 3 分钟没有完成；请在 Word/WPS 中“另存为”.docx 后再导入"
            ) from None
        converted = folder / "out" / (source.stem + ".docx")
        if not converted.is_file():
            raise ReadError(
                "LibreOffice 无法转换这个文件（可能已损坏，或不是 Word/WPS 文档）；请在 Word/WPS 中“另存为”.docx 后再导入"
            )
        return docx_paragraphs(converted)
