"""What a clerk reads: the normal output of a ``rectify`` command is Chinese only (tests/cli, tests/output)."""

from __future__ import annotations

import re

HAN = re.compile(r"[\u4e00-\u9fff]")
# Three English words in a row: a line of MkDocs', not a path, a field name or a command in our messages.
ENGLISH = re.compile(r"[A-Za-z]{3,}[ ,:]+[A-Za-z]{3,}[ ,:]+[A-Za-z]{3,}")
# A command quoted for the clerk to type (rectify check data).
COMMAND = re.compile(r"rectify(?: [-A-Za-z0-9_./]+)+")


def chinese_only(output: str) -> None:
    """Every line of ``output`` is Chinese: no English sentence, no log level, no colour codes."""
    assert "\x1b[" not in output, "colour codes in output that is not a terminal"
    for line in output.splitlines():
        assert HAN.search(line) or not line.strip(), line
        assert not ENGLISH.search(COMMAND.sub("", line)), line
        assert not line.startswith(("INFO", "WARNING", "ERROR")), line
