"""Edit → updated page with the preview server (part of ``make bench``).

For each scale it writes synthetic notices (``synthetic.py``, 20 findings each), starts the server
on a free 127.0.0.1 port, waits for the site's home, then edits one measure of the first finding
of the first, middle and last notice in turn (``findings.yml`` written in place, as an editor
saves) and fetches that finding's page until it shows the new text. Latency is from the write to
that answer (the server's file polling included); start is the first full build.

``--server rectify`` (default) is ``rectify serve``; ``--server mkdocs`` is plain ``mkdocs serve``
with ``RECTIFY_DATA`` and the data folder watched (``--watch``), as ``make serve`` was before it.

Usage: ``python tools/bench_serve.py [--scales 1,20,100] [--server rectify|mkdocs]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from synthetic import loaded, write_data

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCALES = (1, 20, 100)
START_TIMEOUT = 900.0
EDIT_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float = 30.0) -> tuple[int, str]:
    """Status and text of ``url``; (0, "") when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (OSError, TimeoutError):
        return 0, ""


def wait_for(url: str, condition: str, timeout: float) -> float:
    """Seconds until ``url`` answers with a page containing ``condition``; raises TimeoutError."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        status, text = fetch(url)
        if status == 200 and condition in text:
            return time.perf_counter() - start
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {condition!r} within {timeout:.0f} s")


def start(server: str, data: Path, port: int) -> subprocess.Popen[bytes]:
    if server == "rectify":
        command = [str(BIN / "rectify"), "serve", str(ROOT), "--data", str(data), "--port", str(port)]
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    command = [str(BIN / "mkdocs"), "serve", "--config-file", str(ROOT / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    env = {**os.environ, "RECTIFY_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        [*command, "--watch", str(data)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    """As a Ctrl+C would (both servers then remove their temporary site)."""
    if os.name == "posix":
        process.send_signal(signal.SIGINT)
    else:
        process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass(frozen=True)
class Latency:
    notices: int
    start: float
    edits: list[float]


def measure(server: str, notices: int, work: Path) -> Latency:
    data = write_data(work / f"data-{notices}", notices)
    site = loaded(data)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    process = start(server, data, port)
    try:
        started = wait_for(url, "</html>", START_TIMEOUT)
        edits = []
        for number, index in enumerate(dict.fromkeys([0, len(site) // 2, len(site) - 1])):
            notice = site[index]
            finding = notice.findings[0]
            findings = data / notice.id / "findings.yml"
            marker = f"编辑{number}号"
            text = findings.read_text(encoding="utf-8")
            old = finding.measures[0]
            assert old in text, (notice.id, old)
            began = time.perf_counter()
            findings.write_text(text.replace(old, old.rstrip("。") + marker + "。", 1), encoding="utf-8")
            page = f"{url}{notice.id}/findings/{finding.id}/"
            wait_for(page, marker, EDIT_TIMEOUT)
            edits.append(time.perf_counter() - began)
        return Latency(notices, started, edits)
    finally:
        stop(process)


HEADER = f"{'notices':>7} {'start s':>8} {'edit → page s (median)':>23} {'each edit s':>20}"


def row(result: Latency) -> str:
    each = " ".join(f"{edit:.2f}" for edit in result.edits)
    return f"{result.notices:>7} {result.start:>8.1f} {statistics.median(result.edits):>23.2f} {each:>20}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", help="comma-separated numbers of notices (default 1,20,100)")
    parser.add_argument("--server", choices=("rectify", "mkdocs"), default="rectify")
    args = parser.parse_args(argv)
    scales = tuple(int(n) for n in args.scales.split(",")) if args.scales else SCALES
    print(f"Edit → updated page, {args.server} serve (seconds; three edits a scale):")
    print(HEADER, flush=True)
    work = Path(tempfile.mkdtemp(prefix="rectify-bench-serve-"))
    try:
        for notices in scales:
            print(row(measure(args.server, notices, work)), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
