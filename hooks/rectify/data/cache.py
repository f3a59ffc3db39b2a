"""``load_site`` again and again (``rectify serve``): a notice folder is read anew only when a file
in it, or a file of the data folder itself (``formal-phrases.txt`` applies to every notice), has
changed since it was last read. The checks across notices run every time.
"""

from __future__ import annotations

import os
from pathlib import Path

from .load import Loaded, load_notice, load_site
from .model import Notice

# Name, size and modification time (ns) of every file a notice is read from.
Signature = tuple[tuple[str, int, int], ...]


def signature(folder: Path, *, recursive: bool = True) -> Signature:
    """What changes when a file under ``folder`` is written, added, removed or renamed."""
    found: list[tuple[str, int, int]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    for entry in entries:
        try:
            if entry.is_dir():
                if recursive and not entry.name.startswith("."):
                    found += [(f"{entry.name}/{name}", *rest) for name, *rest in signature(Path(entry.path))]
            else:
                stat = entry.stat()
                found.append((entry.name, stat.st_size, stat.st_mtime_ns))
        except OSError:  # removed while we looked: the next look sees the change
            continue
    return tuple(sorted(found))


class NoticeCache:
    """Notices read before, each with the signature of what it was read from."""

    def __init__(self) -> None:
        self._read: dict[Path, tuple[Signature, Loaded]] = {}
        self.reread: list[str] = []
        """The notice folders read anew by the last ``load_site``."""

    def load_site(self, data_dir: Path) -> list[Notice]:
        """As ``data.load.load_site``; raises DataInvalid."""
        shared = signature(data_dir, recursive=False)
        self.reread = []

        def read(folder: Path) -> Loaded:
            key = shared + signature(folder)
            known = self._read.get(folder)
            if known is not None and known[0] == key:
                return known[1]
            self.reread.append(folder.name)
            loaded = load_notice(folder)
            self._read[folder] = (key, loaded)
            return loaded

        return load_site(data_dir, read=read)
