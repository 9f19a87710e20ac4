"""Writing one file so that readers see the old text or the new one, never half of it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from clientexit._errors import ClientExitError, UsageError

# Told of every file before clientexit writes it (history/session.py commits each command's
# writes as one change); empty unless the data folder keeps a history.
WRITE_WATCHERS: list[Callable[[Path], None]] = []


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    Only a regular file is replaced: a FIFO, device or socket there is refused, and so is a file
    without write permission (chmod 0444 says "do not change this").
    """
    _replace(path, staged(path, text))


def atomic_write_lines(path: Path, lines: Iterable[str]) -> None:
    """``atomic_write_text`` of the text of ``lines`` joined, written as they come (a large
    derived cache is never held as one text)."""
    _replace(path, staged(path, lines))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """``atomic_write_text`` for bytes (a PDF, a zip archive)."""
    _replace(path, staged(path, data))


def _replace(path: Path, tmp_name: str) -> None:
    try:
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)


def staged(path: Path, text: str | bytes | Iterable[str]) -> str:
    """A temporary file beside ``path`` holding ``text`` (or bytes, or the lines of an
    iterable, joined), on disk (fsync), with path's mode."""
    import stat

    for watcher in WRITE_WATCHERS:
        watcher(path)

    if path.is_dir():
        raise UsageError(f"{path} is a folder.", f"Give a file name inside it: {path / 'NAME'}")
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(
            f"{path} is not a regular file (a FIFO, socket or device); clientexit will not "
            "replace it.",
            "Give the name of an ordinary file.",
        )
    if mode is not None and (not mode & 0o222 or not os.access(path, os.W_OK)):
        raise ClientExitError(
            f"{path} is read-only; clientexit has left it unchanged.",
            f"Make it writable first (chmod u+w {path}) if it should change.",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only writes pay for it (and for random, which it imports)

    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as raw:
                raw.write(text)
                raw.flush()
                os.fsync(raw.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                if isinstance(text, str):
                    handle.write(text)
                else:
                    handle.writelines(text)
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode & 0o777)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return tmp_name


def fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a folder.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
