"""All-or-nothing changes to several files of one folder, even when the process is killed.

A change to several files (``_store.edit_many``: an import that adds to many client files) is a
transaction with a redo journal:

1. every file's new text is written to a temporary file beside it (``.NAME.XXXX.tmp``, fsync);
2. a journal naming each target and its temporary file is written to ``FOLDER/.journal/`` (a
   ``.part`` file, fsync, renamed to ``ID.json``): that rename is the commit point;
3. each temporary file is renamed over its target;
4. the journal is deleted, and only then are the files' locks released.

A process killed before step 2 leaves the targets untouched (only temporary files, which the
next command deletes); killed after it, the change is complete the moment the next command
touching the folder runs ``settle`` (or reaches one of those files: ``pending``), which renames
what the dead process had not. Nobody can see a mixed set for longer than that: a writer checks
for a journal naming its files after taking their locks, and readers settle the folder first.

The writer holds every target's lock from step 1 to step 4, so a journal whose targets can all
be locked belongs to a dead process. Journals are written under a folder-wide journal lock, so
a ``.part`` file seen under that lock is one a dead process left half written.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from clientexit._atomic import fsync_dir
from clientexit._errors import ClientExitError, DataFileError
from clientexit._lock import LockTimeout, hold, lock_file

JOURNAL_DIR = ".journal"
_JOURNAL_LOCK = ".journal.lock"
_VERSION = 1
# A temporary file from _atomic.staged: "." + target name + "." + 8 random characters + ".tmp".
_STAGED = re.compile(r"\.(?P<target>[^/\\]+)\.[A-Za-z0-9_]{8}\.tmp\Z")

# folder -> its modification time when last settled: a folder whose entries have not changed
# since (no file added, removed or renamed) has nothing new to settle.
_settled: dict[Path, int] = {}


def commit(folder: Path, staged: Mapping[Path, Path]) -> None:
    """Put each file's new text, already staged (target -> temporary file beside it, on disk),
    in place as one change; the caller holds every target's lock.

    Until the journal is on disk an error (or a kill) leaves every target as it was and the
    temporary files are deleted; after it, the change is complete: here, or by the next
    command if this process dies first.
    """
    for path, tmp in staged.items():
        if path.parent != folder or tmp.parent != folder:
            raise ValueError(f"{path} is not in {folder}: one journal covers one folder")
    try:
        fsync_dir(folder)  # the temporary files' names are durable before the journal names them
        journal = _write_journal(folder, {path.name: tmp.name for path, tmp in staged.items()})
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    try:
        _redo(folder, _read_journal(journal))
        fsync_dir(folder)
    except OSError as exc:
        raise ClientExitError(
            f"{folder}: the change was recorded but not every file could be put in place "
            f"({exc.strerror or exc}).",
            "Fix the cause (disk space, permissions) and run any clientexit command over these "
            "files: it completes the change.",
        ) from None
    _forget(journal)


def settle(folder: Path, timeout: float) -> None:
    """Complete the changes that killed processes left committed but unfinished in ``folder``,
    and delete the temporary files nobody is writing any more. Costs one stat when nothing in
    the folder changed since the last call; temporary files that cannot be deleted (a folder
    without write permission) are left."""
    try:
        stamp = os.stat(folder).st_mtime_ns
    except FileNotFoundError:
        return
    if _settled.get(folder) == stamp:
        return
    finish(folder, timeout)
    with contextlib.suppress(OSError):
        _clean_staged(folder)
    # The time before settling: whatever changed meanwhile is looked at again next time.
    _settled[folder] = stamp


def pending(folder: Path, names: set[str]) -> bool:
    """Whether a journal in ``folder`` names any of the files ``names`` (checked by a writer that
    holds their locks: such a journal was left by a dead process and must be finished first)."""
    for journal in _journals(folder):
        with contextlib.suppress(DataFileError):
            if names & set(_read_journal(journal)):
                return True
    return False


def finish(folder: Path, timeout: float) -> None:
    """Complete every journal in ``folder`` whose writer is gone, waiting up to ``timeout``
    seconds for one still writing (then LockTimeout)."""

    journal_dir = folder / JOURNAL_DIR
    if not journal_dir.is_dir():
        return
    with contextlib.suppress(OSError), hold(folder / _JOURNAL_LOCK, timeout):
        for part in journal_dir.glob("*.part"):  # half written by a dead process: never a commit
            part.unlink(missing_ok=True)
    for journal in _journals(folder):
        _finish_one(folder, journal, timeout)


def _finish_one(folder: Path, journal: Path, timeout: float) -> None:
    entries = _read_journal(journal)
    with contextlib.ExitStack() as stack:
        for name in sorted(entries):
            stack.enter_context(hold(lock_file(folder / name), timeout))
        if not journal.exists():  # its writer finished while we waited for the locks
            return
        try:
            _redo(folder, entries)
            fsync_dir(folder)
        except OSError as exc:
            raise DataFileError(
                f"{folder}: a change interrupted earlier cannot be completed "
                f"({exc.strerror or exc}); its journal is {journal}.",
                "Fix the cause (permissions, disk space) and run the command again.",
            ) from None
        _forget(journal)


def _redo(folder: Path, entries: Mapping[str, str]) -> None:
    for target, staged in sorted(entries.items()):
        source = folder / staged
        if source.exists():
            os.replace(source, folder / target)
        # else: already renamed before the kill; the target holds the new text.


def _write_journal(folder: Path, entries: Mapping[str, str], timeout: float = 15.0) -> Path:
    import json
    import secrets

    journal_dir = folder / JOURNAL_DIR
    journal_dir.mkdir(exist_ok=True)
    name = secrets.token_hex(8)
    part = journal_dir / f"{name}.part"
    done = journal_dir / f"{name}.json"
    body = json.dumps({"version": _VERSION, "files": dict(entries)}, sort_keys=True)
    with hold(folder / _JOURNAL_LOCK, timeout):
        try:
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(body)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(part, done)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        fsync_dir(journal_dir)
    return done


def _forget(journal: Path) -> None:
    journal.unlink(missing_ok=True)
    fsync_dir(journal.parent)


def _journals(folder: Path) -> list[Path]:
    try:
        names = os.listdir(folder / JOURNAL_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / JOURNAL_DIR / name for name in sorted(names) if name.endswith(".json")]


def _read_journal(journal: Path) -> dict[str, str]:
    """target name -> temporary file name, both plain names inside the journal's folder (a
    journal edited to name anything else is refused: it could move files outside the folder)."""
    import json

    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        files = data["files"]
        good = (
            data.get("version") == _VERSION
            and isinstance(files, dict)
            and all(_plain(t) and _plain(s) and _target_of(s) == t for t, s in files.items())
        )
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        good = False
    if not good:
        raise DataFileError(
            f"{journal}: the journal of an interrupted change is damaged.",
            "Check the files it was changing by hand, then delete the journal.",
        )
    return {str(t): str(s) for t, s in files.items()}


def _plain(name: object) -> bool:
    return isinstance(name, str) and name not in ("", ".", "..") and os.path.basename(name) == name


def _target_of(staged: str) -> str | None:
    match = _STAGED.match(staged)
    return match["target"] if match else None


def _clean_staged(folder: Path) -> None:
    """Delete temporary files whose writer is gone: the lock of the file they were written for
    is free (a writer stages under that lock) and no journal still needs them."""
    needed = {staged for journal in _journals(folder) for staged in _read_journal(journal).values()}
    for entry in _scan(folder):
        target = _target_of(entry)
        if target is None or entry in needed:
            continue
        with contextlib.suppress(LockTimeout), hold(lock_file(folder / target), 0):
            if entry not in _needed_now(folder):
                (folder / entry).unlink(missing_ok=True)


def _needed_now(folder: Path) -> set[str]:
    # A journal committed after the first look, by a writer that has since released its locks.
    return {staged for journal in _journals(folder) for staged in _read_journal(journal).values()}


def _scan(folder: Path) -> Iterator[str]:
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                    yield entry.name
    except FileNotFoundError:
        return
