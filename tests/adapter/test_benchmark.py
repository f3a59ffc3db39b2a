"""The benchmark (``make bench``, not part of ``make test``) still runs, and its data is valid."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import bench_fetch
import pytest
from conftest import DATA, ROOT
from rectify.data.load import load_site
from synthetic import FINDINGS, notice_data, write_data


def test_synthetic_notices_load_and_follow_the_seed(tmp_path: Path) -> None:
    notices = load_site(write_data(tmp_path / "data", 3))
    assert [len(n.findings) for n in notices] == [FINDINGS] * 3
    assert len({n.title for n in notices}) == 3
    (seed,) = load_site(DATA)
    for lengths in (
        lambda n: [len(f.problem) for f in n.findings],
        lambda n: [len(m) for f in n.findings for m in f.measures],
    ):
        synthetic_mean = statistics.mean(x for n in notices for x in lengths(n))
        assert 0.75 < synthetic_mean / statistics.mean(lengths(seed)) < 1.25
    # The same notice at every scale.
    assert notice_data(2) == notice_data(2)
    assert notice_data(2) != notice_data(3)


def test_benchmark_runs_at_a_tiny_scale(tmp_path: Path) -> None:
    command = [
        sys.executable,
        str(ROOT / "tools" / "benchmark.py"),
        "--scales",
        "2",
        "--runs",
        "1",
        "--work",
        str(tmp_path),
        "--serve-scales",
        "1",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for label in ("home", "notice", "finding", "search"):
        assert re.search(rf"^  {label} .* KB", out, re.MULTILINE), out
    assert re.search(r"Seed site .* built in [0-9.]+ s", out), out
    row = re.search(r"^\s+2\s+(\d+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s.*%", out, re.MULTILINE)
    assert row, out
    assert int(row.group(1)) > 50  # two notices of 20 findings, and the site's own pages
    phases = re.search(r"^\s+2\s+([0-9.]+)" + r"\s+(-?[0-9.]+)" * 6 + r"$", out, re.MULTILINE)
    assert phases, out
    wall, *seconds = (float(value) for value in phases.groups())
    # Seven figures printed to 0.01 s: the printed phases add up to the printed wall within 7 x 0.005 s.
    assert all(value > 0 for value in seconds[:4]) and sum(seconds) == pytest.approx(wall, abs=0.036)
    assert re.search(r"^worst ratio [0-9.]+$", out, re.MULTILINE), out
    # rectify serve: start, then edit → page (median, then each of the edits of one notice).
    assert re.search(r"^\s+1\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+$", out, re.MULTILINE), out
    if shutil.which("chromium"):
        # A browser fetched the home, then searched: the search fetched the index and found results.
        fetched = re.search(
            r"^\s+2\s+[0-9,]+ / [0-9,]+\s+\d+\s+[0-9,]+ / [0-9,]+\s+\d+\s+([0-9,]+) / [0-9,]+\s+(\S+)"
            r"\s+[0-9.]+\s+[0-9.]+$",
            out,
            re.MULTILINE,
        )
        assert fetched, out
        assert int(fetched.group(1).replace(",", "")) > 0 and fetched.group(2) != "0"
        assert re.search(r"^a first search fetches [0-9,]+ KB gzip at 2 notices: within", out, re.MULTILINE), out
        # The summary: pages, build and baseline seconds, peak MB of each, ms/page, site MB, KB gzip, load.
        summary = r"^\s+2\s+\d+\s+[0-9.]+\s+[0-9.]+\s+\d+/\d+\s+[0-9.]+\s+[0-9.]+\s+([0-9,]+)\s+([0-9,]+)\s+[0-9.]+$"
        assert (found := re.search(summary, out, re.MULTILINE)), out
        assert all(int(kb.replace(",", "")) > 0 for kb in found.groups())


@pytest.mark.skipif(bench_fetch.available() is not None, reason="Chromium or Playwright is not here")
def test_a_search_that_never_answers_stops_the_measurement_with_a_message(tmp_path: Path, built_site: Path) -> None:
    """The browser measurement cannot hang: a site whose search worker is missing ends it, saying where it stopped."""
    site = shutil.copytree(built_site, tmp_path / "site")
    for worker in (site / "assets" / "javascripts" / "workers").glob("search.*.js"):
        worker.unlink()
    with pytest.raises(bench_fetch.Stuck, match=r"no result for 整改 after 3 s: the search says “[^”]+”"):
        bench_fetch.fetched(site, result_timeout=3)
