"""rectify pdf finds the office's own Chromium, Chrome or Edge, or says in Chinese how to get one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from rectify.output.pdf import NoBrowser, chromium_executable


def executable(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands for the browser")
def test_edge_on_the_path(tmp_path: Path) -> None:
    edge = executable(tmp_path / "bin", "microsoft-edge")
    assert chromium_executable({"PATH": str(tmp_path / "bin")}) == str(edge)


def test_edge_where_its_windows_installer_puts_it(tmp_path: Path) -> None:
    edge = tmp_path / "Program Files (x86)" / "Microsoft" / "Edge" / "Application" / "msedge.exe"
    edge.parent.mkdir(parents=True)
    edge.write_bytes(b"")
    found = chromium_executable(
        {"PATH": str(tmp_path / "empty"), "PROGRAMFILES(X86)": str(tmp_path / "Program Files (x86)")}
    )
    assert Path(found) == edge


def test_no_browser_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(NoBrowser) as raised:
        chromium_executable({"PATH": str(tmp_path)})
    message = str(raised.value)
    assert (
        "Chromium、Chrome 或 Edge" in message and "RECTIFY_BROWSER" in message and "apt-get install chromium" in message
    )


def test_a_named_browser_that_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(NoBrowser, match="RECTIFY_BROWSER 指定的浏览器"):
        chromium_executable({"PATH": str(tmp_path), "RECTIFY_BROWSER": str(tmp_path / "chrome.exe")})
