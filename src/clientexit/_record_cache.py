"""A derived cache of client summaries, so that listing a large book does not parse every file.

``<home>/.cache/clients.jsonl`` holds, one line per client file (_jsonl_cache: read a slice at a
time, so a book of 50,000 is never one parsed document), the file's name, its identity on disk
(mtime and ctime in nanoseconds, size, inode) and a summary of its content: a flat list of plain
values that the caller's ``summarize`` makes from the parsed file (record/summary.py: only what
listings read, so the cache stays small), in the form the caller's ``store`` gives it. A file
whose identity changed is parsed and summarized again, so hand edits are always seen. It is
JSON, never pickle: nothing in the data folder may run code when read. It holds nothing that is
not in clients/, and may be deleted at any time.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from clientexit import _jsonl_cache
from clientexit._errors import DataFileError
from clientexit._store import read_toml


def cache_file(home: Path) -> Path:
    """Where the cache of ``home`` lives."""
    return home / ".cache" / "clients.jsonl"


# Cache files of earlier releases, each one JSON document (tens of MB on a large book) and no
# longer read: removed when this cache is written.
_FORMER = ("clients.json", "rows.json")


# A cache entry or a summary as JSON decodes it (the caller's summarize makes the summary).
Values = list[Any]  # Any: json
# A TOML document as the reader parses it.
Parsed = dict[str, Any]  # Any: tomllib

# A client file as a listing found it: its name without ".toml" (the slug) and its identity on
# disk (mtime and ctime in nanoseconds, size, inode). Kept small: a book may have 50,000.
Found = tuple[str, list[int]]


def scan(
    clients_dir: Path, wanted: Callable[[str], bool], broken: list[DataFileError] | None
) -> list[Found]:
    """Every client file in ``clients_dir`` whose name passes ``wanted(stem)``, with its identity
    on disk, in the folder's order. A link to no readable file raises DataFileError, or, given
    a ``broken`` list, is added to it and left out."""
    return list(_scanning(clients_dir, wanted, broken))


def _scanning(
    clients_dir: Path, wanted: Callable[[str], bool], broken: list[DataFileError] | None
) -> Iterator[Found]:
    """``scan`` one file at a time: a listing that reads the cache alongside holds only one
    file's identity beside each cached one, not a second copy of the book's."""
    with os.scandir(clients_dir) as entries:
        for entry in entries:
            stem = entry.name[:-5]
            if not entry.name.endswith(".toml") or not wanted(stem):
                continue
            try:
                is_file = entry.is_file()
            except OSError:  # a symlink loop
                is_file = False
            if not is_file:
                if entry.is_symlink():  # a loop or a dangling link: say so, do not skip quietly
                    missing = DataFileError(f"{entry.path} is a link to no readable file.")
                    if broken is None:
                        raise missing
                    broken.append(missing)
                continue
            stat = entry.stat()
            # ctime too: an edit that restores the old mtime (cp -p, some editors) still changes it.
            yield stem, [stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino]


class _Stopped(Exception):
    """An error met reading a file while the cache is being written (a file that does not
    pass, or is gone since the scan): the write is abandoned (its temporary file removed) and
    the error raised as it was, never taken for a cache that cannot be written."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def read_all(
    home: Path,
    clients_dir: Path,
    wanted: Callable[[str], bool],
    broken: list[DataFileError] | None,
    summarize: Callable[[Path, Parsed], Values],
    version: str,
    store: Callable[[Values], Values] | None = None,
    scanned: Sequence[Found] | None = None,
    share: Callable[[Values], None] | None = None,
    taken: Callable[[str, Values, list[int]], bool] | None = None,
) -> Iterator[tuple[str, Values, list[int]]]:
    """Every client file in ``clients_dir`` whose name passes ``wanted(stem)``, as its stem, its
    summary and its identity on disk (mtime and ctime in ns, size, inode), sorted by file name.

    Unchanged files come from the cache; changed or new ones are parsed and summarized by
    ``summarize(path, data)`` (which raises DataFileError for content that parses but is not
    valid), so a file is checked once per change, not on every listing; the cache is rewritten
    when anything changed. A file that does not parse or pass raises DataFileError as usual,
    or, given a ``broken`` list, is added to it and left out (and out of the cache, so it is
    read again next time). A cache of another ``version`` (the summary's shape) is read anew.
    ``store`` gives the form a summary is cached in (the summary itself without it), and every
    summary is returned in that form, made in this run or read from the cache: a parsed file
    is let go as soon as its summary is made, so a rebuild of 50,000 holds what a cached
    listing holds, not a second, decoded copy of each summary.
    ``scanned``: the folder as ``scan`` just found it, if the caller has (it is not read again).
    ``share(summary)``, given, is called on each cached summary as it is read (in place: values
    that repeat across a book kept once). ``taken(stem, summary, identity)``, given, is called
    with each summary made in this run, as made: True means the caller took what it needs of
    it, and it is cached but not handed over (nothing of it is held).

    From the first change on, the cache is written as the files are read, an entry at a time,
    so a rebuild holds only what it hands over. The entries are handed over after the scan, one
    at a time and let go (the caller keeps what it makes of them, not both).
    """
    location = cache_file(home)

    def shared(entry: Values) -> None:
        if share is not None and len(entry) == 6 and isinstance(entry[5], list):
            share(entry[5])

    # Given the folder as scanned, an entry for a file changed or gone since is left out as
    # the cache is read (the cache is then written anew): after every file changed, the old
    # summaries are not held while the new ones are made.
    current = None if scanned is None else {f"{stem}.toml": found for stem, found in scanned}
    stale = 0

    def unchanged(entry: Values) -> bool:
        nonlocal stale
        if current is not None and current.get(entry[0]) != entry[1:5]:
            stale += 1
            return False
        return True

    cached = _jsonl_cache.read(
        location, {"version": version}, shared, None if current is None else unchanged
    )
    current = None  # let go: the scan itself is all that is needed from here
    # Entries as the cache keeps them: [file name, mtime, ctime, size, inode, summary], those
    # to hand over by file name.
    kept: dict[str, Values] = {}
    changed = False
    files = iter(_scanning(clients_dir, wanted, broken) if scanned is None else scanned)

    def entry_of(stem: str, identity: list[int]) -> Values | None:
        """The cache entry of one file (None: left out), kept if it is to be handed over."""
        nonlocal changed
        name = f"{stem}.toml"
        # Taken out as it is used: what is left at the end is files that are gone, and an
        # old summary is freed as soon as its file's new one is made.
        hit = cached.pop(name, None)
        if hit is not None and len(hit) == 6 and hit[1:5] == identity:
            kept[name] = hit
            return hit
        try:
            path = clients_dir / name
            summary = summarize(path, read_toml(path))
        except DataFileError as exc:
            if broken is None:
                raise
            broken.append(exc)
            changed = changed or hit is not None  # its old summary leaves the cache
            return None
        changed = True
        done = taken is not None and taken(stem, summary, identity)
        if store is not None:
            summary = store(summary)
        if share is not None:
            share(summary)
        entry = [name, *identity, summary]
        if not done:
            kept[name] = entry
        return entry

    # Until something changed there is nothing to write; then the cache is written while the
    # rest of the folder is read.
    before: list[Values] = []
    for stem, identity in files:
        entry = entry_of(stem, identity)
        if entry is not None:
            before.append(entry)
        if changed:
            break

    def rest() -> Iterator[Values]:
        for stem, identity in files:
            try:
                entry = entry_of(stem, identity)
            except Exception as exc:
                raise _Stopped(exc) from None
            if entry is not None:
                yield entry

    if changed or cached or stale:
        # A read-only data folder (or a cache that is not a file) still lists fine, only
        # without the speed-up.
        remaining = rest()
        try:
            _jsonl_cache.write(location, {"version": version}, itertools.chain(before, remaining))
        except _Stopped as stopped:
            raise stopped.error from None
        del before
        for _ in remaining:  # the files a write that could not be made left unread
            pass
        for former in _FORMER:
            with contextlib.suppress(OSError):
                (location.parent / former).unlink(missing_ok=True)
    return _handed_over(kept)


def _handed_over(fresh: dict[str, Values]) -> Iterator[tuple[str, Values, list[int]]]:
    """The entries of ``fresh`` as (stem, summary, identity), sorted by file name, each taken
    out of ``fresh`` as it is handed over."""
    for name in sorted(fresh):
        entry = fresh.pop(name)
        yield name[:-5], entry[5], entry[1:5]
