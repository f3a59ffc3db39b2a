"""One build at a time per output folder: a lock file beside the folder, held by the operating system.

Two builds into one site/ raced on site.new/ and site.old/ and could leave no site at all. The lock is
``fcntl.flock`` (``msvcrt.locking`` on Windows), so a build that is killed holds nothing: no stale
lock to clear by hand. The file is removed when the build ends.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

LOCK_SUFFIX = ".lock"
BUSY = "另一次生成正在使用 {folder}，等它结束后接着生成……"
_POLL_SECONDS = 0.2

if os.name == "nt":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(folder: Path) -> Path:
    folder = folder.resolve()
    return folder.with_name(folder.name + LOCK_SUFFIX)


@contextmanager
def exclusive(folder: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the lock of ``folder`` (calling ``on_wait`` once if another build holds it first)."""
    path = lock_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    waited = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        locked = _try_lock(fd)
        if locked and _same_file(fd, path):
            break
        os.close(fd)
        if locked:
            continue  # the build before removed the file as we opened it: take the new one
        if not waited:
            on_wait()
            waited = True
        time.sleep(_POLL_SECONDS)
    try:
        yield
    finally:
        if os.name != "nt":
            path.unlink(missing_ok=True)  # while still held, so that no one locks a file about to go
        _unlock(fd)
        os.close(fd)
        if os.name == "nt":
            with suppress(OSError):  # refused while another build has it open; that build removes it
                path.unlink(missing_ok=True)


def _same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` is still the file locked (the build before may have removed it meanwhile)."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False
