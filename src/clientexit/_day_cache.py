"""A derived cache of what a listing works out per client file for one day.

Some of what ``clients`` shows depends on the day as well as on the file (what is overdue, the
reminder ladder's next stage, the payment figures over the last 12 months): worked out for
10,000 files it was most of a warm listing's time, and the same all day long. ``remembered``
keeps one JSON value per file in a cache file (one line each, read a slice at a time:
_jsonl_cache), used only while the file's identity on disk
(mtime and ctime in nanoseconds, size, inode, as in ``_record_cache``) and the caller's
``context`` (the day, the profile, the code and data files the values come from) are unchanged.
It is JSON, never pickle, derived only, and may be deleted at any time.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def identity(path: Path | None) -> list[int] | None:
    """A file's identity on disk, or None when it cannot be read."""
    if path is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino]


def installed(package: str) -> str:
    """Which copy of ``package`` is installed (its file and mtime), without importing it: a
    cache built on the package's data holds only while this stays the same."""
    from importlib.util import find_spec

    spec = find_spec(package)
    origin = spec.origin if spec is not None else None
    if not origin:
        return ""
    try:
        return f"{origin}:{Path(origin).stat().st_mtime_ns}"
    except OSError:
        return origin


def fingerprint(*parts: str | bytes, files: Iterable[Path] = ()) -> str:
    """A short hash of ``parts`` and of the content of ``files`` (a missing one counts as
    missing): what a cache's context is made of."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    for path in files:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def remembered(
    cache: Path | None,
    context: str,
    items: Sequence[tuple[str, Path | list[int] | None]],
    compute: Callable[[int], T],
    encode: Callable[[T], object],
    decode: Callable[[Any], T],  # Any: json (a stored value as read)
    keep: Callable[[T], bool] | None = None,
    *,
    store: bool = True,
) -> list[T]:
    """For each ``(key, file)`` of ``items``, in order: the value stored for ``key`` while the
    file and ``context`` are unchanged, else ``compute(index)`` (then stored). ``file`` is its
    path, or its identity when the caller has just read it (``identity``'s list).

    ``encode`` turns a value into JSON values, ``decode`` back; an entry that does not decode
    (TypeError, ValueError, IndexError, KeyError) is computed again. Without a ``cache`` every
    value is computed. A computed value that ``keep`` refuses is not stored (it is computed
    again next time). A cache that cannot be written only costs time next run.

    With ``store`` False the cache is only looked up (the lines of ``items``' keys alone) and
    never written: for a caller that works out a few of the book's values, whose cache is the
    whole book's."""
    keys = None if store else [key for key, _ in items]
    # An entry whose file's identity the caller gives and that changed is not kept as it is
    # read: after every file changed, no stale value is held while the new ones are worked out.
    current = {key: path for key, path in items if isinstance(path, list)}
    stored = _read(cache, context, keys, current) if cache is not None and items else {}
    current = {}
    # Entries as the cache file keeps them: [key, mtime, ctime, size, inode, value].
    fresh: dict[str, list[Any]] = {}  # Any: json (kept entries as read, and new ones)
    found: list[T] = []
    for index, (key, path) in enumerate(items):
        stamp = None if cache is None else path if isinstance(path, list) else identity(path)
        hit = stored.get(key)
        if stamp is not None and hit is not None and hit[1:5] == stamp:
            try:
                found.append(decode(hit[5]))
                fresh[key] = hit
                continue
            except (TypeError, ValueError, IndexError, KeyError):
                pass
        value = compute(index)
        found.append(value)
        if stamp is not None and (keep is None or keep(value)):
            fresh[key] = [key, *stamp, encode(value)]
    if store and cache is not None and fresh != stored:
        _write(cache, context, fresh)
    return found


def _read(
    cache: Path, context: str, keys: list[str] | None, current: Mapping[str, list[int]]
) -> dict[str, list[Any]]:  # Any: json
    """The cache's entries (of ``keys`` alone, parsing only their lines, unless None), but for
    those of a key whose file's identity ``current`` gives and that differs."""
    from clientexit._jsonl_cache import read, read_keys

    def unchanged(entry: list[Any]) -> bool:  # Any: json
        found = current.get(entry[0])
        return found is None or entry[1:5] == found

    header = {"context": context}
    if keys is None:
        found = read(cache, header, wanted=unchanged if current else None)
    else:
        found = read_keys(cache, header, keys)
    return {k: v for k, v in found.items() if len(v) == 6}


def _write(cache: Path, context: str, files: Mapping[str, Sequence[object]]) -> None:
    from clientexit._jsonl_cache import write

    # A read-only data folder still lists, only without the speed-up.
    write(cache, {"context": context}, files.values())
