"""The console the ``rectify`` command writes to: UTF-8 whatever the system's code page, and the one
way a command says why it stops."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

from rectify.data.errors import DataInvalid
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


def fail(error: Exception | str, *, lead: str = "", tail: str = "") -> int:
    """Say on stderr why the command stops, and give its exit code (1).

    ``error`` is one of ours, whose words are already Chinese and name file and line (a failed data
    check: its whole report), or a sentence; ``lead`` and ``tail`` say what was being done and what
    was left as it was."""
    text = error.report() if isinstance(error, DataInvalid) else str(error)
    print(f"{lead}{text}{tail}", file=sys.stderr)
    return 1


def unforeseen(error: Exception, doing: str, file: str) -> str:
    """An error no check foresaw (a strange input file): named for the maintainer, never a traceback."""
    return f"{doing}时出错（{type(error).__name__}：{error}）；请把{file}交给维护人员"
