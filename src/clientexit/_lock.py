"""A lock between processes, from the standard library: a lock file beside the file it guards.

The lock is the operating system's advisory lock on that file (``fcntl.flock`` on POSIX,
``msvcrt.locking`` on Windows), so it is released when its holder exits, even when killed: a lock
file left behind blocks nobody, and is never deleted (deleting it would let two processes lock two
different files of the same name).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

# How long to sleep between tries: short at first (a write takes milliseconds), then longer.
_FIRST_WAIT = 0.002
_LONGEST_WAIT = 0.05

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # OSError while another process holds it

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError while held elsewhere

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class LockTimeout(TimeoutError):
    """Another process held the lock for longer than the time allowed."""


def lock_file(path: Path) -> Path:
    """The lock file that guards ``path``: a hidden ``.NAME.lock`` in the same folder."""
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def hold(lock: Path, timeout: float) -> Iterator[None]:
    """Hold the lock on the file ``lock`` (created if missing) for the block.

    Raises LockTimeout when another process holds it for longer than ``timeout`` seconds.
    The lock is per open file, so two threads of one process exclude each other too.
    """
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        wait = _FIRST_WAIT
        while True:
            try:
                _try_lock(fd)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(f"{lock} is held by another process") from None
                time.sleep(wait)
                wait = min(wait * 2, _LONGEST_WAIT)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
