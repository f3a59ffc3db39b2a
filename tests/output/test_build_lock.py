"""Two builds of one folder at once: the second waits for the first, and site/ is always whole.

Without the lock, ``rectify site & rectify site`` raced on site.new/ and site.old/: one run failed
(不能替换…), Material's bundles were patched twice, and site/ could be left missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import BIN, FIXTURES, ROOT
from rectify.output.lock import BUSY, LOCK_SUFFIX, exclusive

DATA = FIXTURES / "bad" / "_base"
PAIRS = 10


def _rectify_site(out: Path, data: Path = DATA) -> subprocess.Popen[str]:
    command = [str(BIN / "rectify"), "site", "--project", str(ROOT), "--data", str(data), "--out", str(out)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_concurrent_site_builds_never_break_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = _rectify_site(site)
    output, _ = first.communicate(timeout=300)
    assert first.returncode == 0, output
    expected = _files(site)
    assert "index.html" in expected
    for pair in range(PAIRS):
        runs = [_rectify_site(site), _rectify_site(site)]
        outputs = [run.communicate(timeout=600)[0] for run in runs]
        for run, output in zip(runs, outputs, strict=True):
            assert "Traceback" not in output, output
            assert run.returncode == 0, f"pair {pair + 1}:\n{output}"
            assert "网站已生成" in output, output
        assert _files(site) == expected, f"pair {pair + 1}: site/ incomplete"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], f"pair {pair + 1}: left behind"


_HOLDER = """
import sys, time
from pathlib import Path
from rectify.output.lock import exclusive
with exclusive(Path(sys.argv[1]), lambda: None):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_second_build_says_it_waits(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(folder), "1.5"], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    said: list[str] = []
    with exclusive(folder, lambda: said.append(BUSY)):
        assert holder.poll() is not None, "entered while the other build held the lock"
    assert said == [BUSY] and "正在" in BUSY
    assert holder.wait(timeout=30) == 0
    assert not folder.with_name(folder.name + LOCK_SUFFIX).exists()


def test_a_killed_build_leaves_no_lock_behind(tmp_path: Path) -> None:
    """The lock is the operating system's: a build that was killed holds nothing."""
    folder = tmp_path / "site"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(folder), "60"], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait(timeout=30)
    said: list[str] = []
    started = time.monotonic()
    with exclusive(folder, lambda: said.append(BUSY)):
        pass
    assert said == [] and time.monotonic() - started < 30


def test_a_build_stopped_between_its_renames_gets_its_site_back(tmp_path: Path) -> None:
    """Killed after site/ → site.old/ and before site.new/ → site/: the next build, failed or not, restores it."""
    old = tmp_path / "site.old"
    old.mkdir()
    (old / "index.html").write_text("上一次的网站", encoding="utf-8")
    broken = tmp_path / "data"
    shutil.copytree(DATA, broken)
    (broken / "test-notice" / "findings.yml").write_text("categories: [\n", encoding="utf-8")
    run = _rectify_site(tmp_path / "site", broken)
    output, _ = run.communicate(timeout=300)
    assert run.returncode == 1 and "Traceback" not in output, output
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "上一次的网站"
    assert not old.exists()
