"""`rectify fonts`: the print fonts are installed once, checked, converted; mistakes are explained."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, ROOT
from rectify.output.fonts import FACES, SHA256, STAMP, FontsFailed, convert


def rectify_fonts(tmp_path: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RECTIFY_FONTS": str(tmp_path / "fonts")}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [str(BIN / "rectify"), "fonts", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_a_package_file_with_the_wrong_checksum_installs_nothing(tmp_path: Path) -> None:
    fake = tmp_path / "texlive-lang-chinese_2022.20230122-1_all.deb"
    fake.write_bytes(b"not a Debian package")
    result = rectify_fonts(tmp_path, "--deb", str(fake))
    assert result.returncode == 1
    assert str(fake) in result.stderr
    assert "SHA-256 校验值" in result.stderr and SHA256 in result.stderr
    assert "没有安装任何字体" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "fonts").exists()
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".otf", ".ttf")]


def test_without_apt_get_it_says_what_to_do(tmp_path: Path) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "dpkg-deb").symlink_to("/bin/true")
    result = rectify_fonts(tmp_path, path=str(tools))
    assert result.returncode == 1
    assert "未找到 apt-get" in result.stderr and "rectify fonts --deb" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_dpkg_deb_it_says_what_to_install(tmp_path: Path) -> None:
    result = rectify_fonts(tmp_path, path=str(tmp_path))
    assert result.returncode == 1
    assert "未找到 dpkg-deb" in result.stderr and "apt-get install dpkg" in result.stderr


def test_installed_fonts_are_not_fetched_again(tmp_path: Path) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    for face in FACES:
        (folder / f"{face}.ttf").write_bytes(b"")
    (folder / "fonts.conf").write_text("<fontconfig/>", encoding="utf-8")
    (folder / STAMP).write_text("done\n", encoding="utf-8")
    result = rectify_fonts(tmp_path, path=str(tmp_path))  # neither apt-get nor dpkg-deb on PATH
    assert result.returncode == 0, result.stderr
    assert f"打印用字体已安装：{folder}" in result.stdout


def tiny_cff_font(path: Path, style: str) -> None:
    """A CFF font of three glyphs: .notdef, 一 (also mapped from the radical ⼀) and a space."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "uni4E00", "space"])
    builder.setupCharacterMap({0x4E00: "uni4E00", 0x2F00: "uni4E00", 0x20: "space", 0x0: "space"})
    strings = {}
    for name in (".notdef", "uni4E00", "space"):
        pen = T2CharStringPen(1000, None)
        if name == "uni4E00":
            pen.moveTo((50, 350))
            pen.curveTo((300, 380), (700, 380), (950, 350))
            pen.lineTo((950, 420))
            pen.lineTo((50, 420))
            pen.closePath()
        strings[name] = pen.getCharString()
    builder.setupCFF("Tiny-" + style, {"FullName": "Tiny " + style}, strings, {})
    builder.setupHorizontalMetrics({name: (1000, 0) for name in strings})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Tiny", "styleName": style})
    builder.setupOS2(usWeightClass=400)
    builder.setupPost()
    builder.font["head"].modified = builder.font["head"].created = 3_000_000_000  # 1999
    builder.font.recalcTimestamp = False
    builder.save(path)


@pytest.mark.parametrize("style", ["Regular", "Bold"])
def test_conversion_gives_truetype_outlines_and_fixes_cmap_and_weight(tmp_path: Path, style: str) -> None:
    from fontTools.ttLib import TTFont

    otf, ttf = tmp_path / "tiny.otf", tmp_path / "tiny.ttf"
    tiny_cff_font(otf, style)
    convert(otf, ttf)
    font = TTFont(ttf)
    assert "glyf" in font and "CFF " not in font
    assert font.sfntVersion == "\x00\x01\x00\x00"
    outline = font["glyf"]["uni4E00"]
    assert outline.numberOfContours == 1
    assert (outline.xMin, outline.xMax) == (50, 950)
    cmap = font.getBestCmap()
    assert cmap[0x4E00] == "uni4E00" and cmap[0x20] == "space"
    assert 0x2F00 not in cmap and 0x0 not in cmap  # 一 copies as 一, a space as a space
    assert font["name"].getDebugName(1) == "Tiny"
    assert font["OS/2"].usWeightClass == (700 if style == "Bold" else 400)
    # Reproducible: the font's own time stamp, not the conversion's.
    assert font["head"].modified == 3_000_000_000


def test_a_damaged_font_file_is_named_not_traced(tmp_path: Path) -> None:
    otf = tmp_path / "FandolFang-Regular.otf"
    otf.write_bytes(b"OTTO" + bytes(100))
    with pytest.raises(FontsFailed, match=r"FandolFang-Regular\.otf：无法转换为 TrueType 轮廓"):
        convert(otf, tmp_path / "out.ttf")
