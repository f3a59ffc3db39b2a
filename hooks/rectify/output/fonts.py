"""The print typefaces: free stand-ins for the official fonts, installed once by ``rectify fonts``.

GB/T 9704-2012 sets the title in 小标宋, the text in 仿宋, 一、 headings in 黑体 and （一）
headings in 楷体. Those fonts are not free. The Fandol fonts (GPL with the font exception) stand
in for them; Debian ships them inside ``texlive-lang-chinese``. :func:`install_fonts` fetches that
package file alone with ``apt-get download`` (no TeX installation), checks its SHA-256, takes the
six ``.otf`` files out with ``dpkg-deb`` and converts their CFF outlines to TrueType outlines:
Chromium embeds TrueType fonts in a PDF by name, CFF fonts as nameless Type 3 fonts.

The converted fonts live in a cache folder with a fontconfig file that adds them to the system's
fonts; only ``rectify pdf`` points Chromium at it. The site never serves these fonts to visitors.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from html import escape
from pathlib import Path
from typing import Any

PACKAGE = "texlive-lang-chinese"
# Debian 12 (bookworm); the SHA-256 is the one in Debian's package index for this version.
VERSION = "2022.20230122-1"
SHA256 = "9cfa07bd44e7b9098e26f0ecac1b5ad210d2249d474c8074d53de92d650b0ec0"
DEB_NAME = f"{PACKAGE}_{VERSION}_all.deb"
FANDOL_IN_DEB = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/"
# The fonts' README (authors, "GPL + GPL font exception") and the GPL, kept beside the fonts.
LICENCE_IN_DEB = {
    "usr/share/doc/texlive-doc/fonts/fandol/README": "README.Fandol",
    "usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz": "COPYING.gz",
}
# Face → the official typeface it stands in for.
FACES = {
    "FandolSong-Bold": "小标宋（标题）",
    "FandolSong-Regular": "宋体",
    "FandolFang-Regular": "仿宋（正文、落款）",
    "FandolHei-Regular": "黑体（一、标题）",
    "FandolHei-Bold": "黑体（加粗）",
    "FandolKai-Regular": "楷体（（一）标题）",
}
# Bump when the conversion changes: fonts converted by another recipe are converted again.
RECIPE = 2
FONTCONFIG = "fonts.conf"
STAMP = ".complete"
# Kangxi Radicals and CJK Radicals Supplement: Fandol draws many of them with the glyph of the
# ideograph (⼀ U+2F00 and 一 U+4E00 share one glyph). A PDF maps each glyph back to the lowest
# code point, so 一 would be copied and searched as ⼀; the radicals lose those glyphs instead.
RADICALS = range(0x2E80, 0x2FE0)

Say = Callable[[str], None]


class FontsFailed(Exception):
    """The fonts could not be installed; the message says why and what to do, in Chinese."""


def fonts_dir() -> Path:
    """Where the converted fonts live: ``RECTIFY_FONTS`` or the user's cache folder."""
    if os.environ.get("RECTIFY_FONTS"):
        return Path(os.environ["RECTIFY_FONTS"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "rectify" / "fonts" / f"fandol-{VERSION}-r{RECIPE}"


def installed_fontconfig(directory: Path | None = None) -> Path | None:
    """The fontconfig file that adds the converted fonts, or None when they are not installed."""
    directory = directory or fonts_dir()
    if not (directory / STAMP).is_file():
        return None
    if not all((directory / f"{face}.ttf").is_file() for face in FACES):
        return None
    return directory / FONTCONFIG


def install_hint() -> str:
    return "请运行 make fonts（或 .venv/bin/rectify fonts）安装公文字体的替代字体（Fandol，约 50 MB 下载）"


def install_fonts(deb: Path | None = None, *, say: Say = print) -> Path:
    """Install the converted fonts once (later calls return at once); returns their folder.

    ``deb`` is an already downloaded ``texlive-lang-chinese`` package file (checked the same way).
    """
    target = fonts_dir()
    if installed_fontconfig(target):
        return target
    if not shutil.which("dpkg-deb"):
        raise FontsFailed("未找到 dpkg-deb：从软件包中取出字体文件要用它；请安装 dpkg（apt-get install dpkg）")
    try:
        _install(target, deb, say)
    except OSError as error:
        raise FontsFailed(
            f"安装字体时无法读写文件（{error}）；字体文件夹为 {target}，可用环境变量 RECTIFY_FONTS 指定另一个文件夹"
        ) from None
    if not os.environ.get("RECTIFY_FONTS"):
        for older in target.parent.glob("fandol-*"):  # fonts of an older version or recipe
            if older != target and (older / STAMP).is_file():
                shutil.rmtree(older, ignore_errors=True)
    return target


def _install(target: Path, deb: Path | None, say: Say) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".install-", dir=target.parent) as work_name:
        work = Path(work_name)
        if deb is None:
            deb = _download(work, say)
        _verify(deb)
        otf_dir = work / "otf"
        _extract(deb, otf_dir)
        out = work / "fonts"
        out.mkdir()
        say(f"正在把 {len(FACES)} 个字体转换为 TrueType 轮廓（只需一次，约需一两分钟）…")
        workers = min(len(FACES), os.cpu_count() or 1)
        jobs = [(otf_dir / f"{face}.otf", out / f"{face}.ttf") for face in FACES]
        if workers > 1:
            with ProcessPoolExecutor(workers) as pool:
                list(pool.map(convert, *zip(*jobs, strict=True)))
        else:
            for otf, ttf in jobs:
                convert(otf, ttf)
        for name in LICENCE_IN_DEB.values():
            shutil.copyfile(otf_dir / name, out / name)
        (out / FONTCONFIG).write_text(fontconfig_text(target), encoding="utf-8")
        (out / STAMP).write_text(f"{PACKAGE} {VERSION} sha256 {SHA256} recipe {RECIPE}\n", encoding="utf-8")
        if target.exists():  # an unfinished or older copy
            shutil.rmtree(target)
        try:
            out.rename(target)
        except OSError:  # another install finished first
            if not installed_fontconfig(target):
                raise


def fontconfig_text(font_dir: Path) -> str:
    """A fontconfig file: the system's own configuration plus ``font_dir``."""
    folder = escape(str(font_dir))
    return (
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<!-- rectify: the system's fonts plus the converted Fandol fonts, for printing PDFs only -->\n"
        "<fontconfig>\n"
        f"  <cachedir>{folder}/fontconfig-cache</cachedir>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{folder}</dir>\n"
        "</fontconfig>\n"
    )


def _download(work: Path, say: Say) -> Path:
    if not shutil.which("apt-get"):
        raise FontsFailed(
            f"未找到 apt-get：安装公文字体的替代字体要用 Debian/Ubuntu 的 apt-get 下载 {PACKAGE} 软件包。"
            f"也可以在别处下载 {DEB_NAME}（如 https://snapshot.debian.org/ ），再运行 rectify fonts --deb 该文件"
        )
    say(f"正在下载 {PACKAGE} {VERSION}（约 49 MB，只需一次）…")
    result = subprocess.run(
        ["apt-get", "download", f"{PACKAGE}={VERSION}"], cwd=work, capture_output=True, text=True, check=False
    )
    deb = work / DEB_NAME
    if result.returncode != 0 or not deb.is_file():
        reason = (result.stderr.strip().splitlines() or ["没有下载到文件"])[-1]
        raise FontsFailed(
            f"apt-get download {PACKAGE}={VERSION} 失败：{reason}。"
            "请检查网络和软件源（可先运行 apt-get update）；"
            f"或在别处下载 {DEB_NAME}，再运行 rectify fonts --deb 该文件"
        )
    return deb


def _verify(deb: Path) -> None:
    if not deb.is_file():
        raise FontsFailed(f"{deb}：文件不存在；应为 {PACKAGE} {VERSION} 的软件包文件 {DEB_NAME}")
    digest = hashlib.sha256()
    with deb.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != SHA256:
        raise FontsFailed(
            f"{deb}：SHA-256 校验值为 {digest.hexdigest()}，应为 {SHA256}（{DEB_NAME}）；"
            "文件不完整、已损坏或不是这个版本，没有安装任何字体。请删除它后重新下载"
        )


def _extract(deb: Path, out: Path) -> None:
    """Take the six Fandol .otf files and their licence out of the package (nothing else is unpacked)."""
    out.mkdir(parents=True)
    wanted = {f"./{FANDOL_IN_DEB}{face}.otf": out / f"{face}.otf" for face in FACES}
    wanted.update({f"./{path}": out / name for path, name in LICENCE_IN_DEB.items()})
    with subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE) as dpkg:
        assert dpkg.stdout is not None
        with tarfile.open(fileobj=dpkg.stdout, mode="r|") as archive:
            for member in archive:
                if member.name in wanted and member.isfile():
                    source = archive.extractfile(member)
                    assert source is not None
                    wanted[member.name].write_bytes(source.read())
        dpkg.stdout.close()
    if dpkg.returncode != 0:
        raise FontsFailed(f"{deb}：dpkg-deb 无法读取这个软件包文件（退出码 {dpkg.returncode}）")
    missing = [path.name for path in wanted.values() if not path.is_file()]
    if missing:
        raise FontsFailed(f"{deb}：软件包中没有 {'、'.join(missing)}；应为 {PACKAGE} {VERSION}")


def convert(otf: Path, ttf: Path) -> None:
    """Write ``otf`` (CFF outlines) as ``ttf`` with quadratic TrueType outlines, names and metrics kept."""
    try:
        _convert(otf, ttf)
    except Exception as error:  # a damaged font file: say which, never a traceback
        raise FontsFailed(f"{otf.name}：无法转换为 TrueType 轮廓（{type(error).__name__}：{error}）") from None


def _convert(otf: Path, ttf: Path) -> None:
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(otf, recalcTimestamp=False)  # the same bytes on every machine
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # Cubic → quadratic within 1/1000 em; TrueType runs outer contours the other way round.
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for table in ("CFF ", "VORG"):  # VORG only describes CFF fonts
        if table in font:
            del font[table]
    font.sfntVersion = "\x00\x01\x00\x00"
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: smaller, and PDFs do not need them
    _fix_cmap(font)
    if font["name"].getDebugName(2) == "Bold":
        # Fandol's Bold faces say weight 400, so fontconfig cannot tell them from Regular.
        font["OS/2"].usWeightClass = 700
        font["OS/2"].fsSelection = (font["OS/2"].fsSelection | 0x20) & ~0x40  # BOLD, not REGULAR
        font["head"].macStyle |= 0x01
    font.save(ttf)


def _fix_cmap(font: Any) -> None:
    """Drop mappings that would make a PDF's text come out wrong when copied or searched."""
    for table in font["cmap"].tables:
        if not table.isUnicode():
            continue
        mapping = table.cmap
        ideograph_glyphs = {glyph for code, glyph in mapping.items() if code not in RADICALS and code > 0x20}
        for code in list(mapping):
            # C0 controls share the space glyph (U+0000 would win over U+0020).
            if code < 0x20 or (code in RADICALS and mapping[code] in ideograph_glyphs):
                del mapping[code]
