"""The console the ``rectify`` command writes to: UTF-8 whatever the system's code page."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

from rectify.output.lock import BUSY


def use_utf8() -> None:
    """Write UTF-8 to stdout and stderr, replacing what cannot be written instead of failing.

    Redirected to a file or pipe on Windows, Python writes the ANSI code page (GBK), which has no
    ✓ or ↻; a UnicodeEncodeError would end the command halfway. (A Windows console window takes
    Unicode from Python already.)"""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.replace("-", "").lower() != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


def say_busy(folder: Path) -> Callable[[], None]:
    """What a build says when another build of ``folder`` runs: it waits (rectify.output.lock)."""
    return lambda: print(BUSY.format(folder=folder.resolve()), file=sys.stderr, flush=True)
