"""A derived cache file that is read and written a slice at a time (JSON Lines).

A cache of one entry per client file is tens of MB on a book of 50,000: parsed as one JSON
document, the whole text and the whole parse were in memory together (over 150 MiB for a
listing). Here the first line is a header (a JSON object: what the entries were made with),
and each following line is one entry, a JSON list whose first item is its key. ``read`` parses
the lines in slices of about ``_SLICE_BYTES`` (one ``json.loads`` per slice, which is as fast as
one for the whole file), so at most one slice's text is held beside the entries; ``write``
writes the entries one line at a time. It is JSON, never pickle: nothing in the data folder may
run code when read.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

_SLICE_BYTES = 1 << 20
_compact = json.JSONEncoder(separators=(",", ":")).encode


def read(
    path: Path,
    header: Mapping[str, str],
    each: Callable[[list[Any]], None] | None = None,  # Any: json (an entry as read)
    wanted: Callable[[list[Any]], bool] | None = None,  # Any: json (an entry as read)
) -> dict[str, list[Any]]:  # Any: json (entries as read: their users check them)
    """The entries of the cache file ``path`` by key, if its header is ``header``; empty when
    it is missing, of another header, or damaged anywhere (a derived cache is made anew rather
    than trusted in part). Entries that are not a list with a text key are left out, and so
    is an entry ``wanted`` refuses, as soon as its slice is parsed (one for a file changed
    since: after every file changed, no stale entry is held while the new ones are made).
    ``each`` is called with every entry kept as soon as its slice is parsed (it may change it
    in place: to share values that repeat, say)."""
    from clientexit._errors import DataFileError
    from clientexit._store import open_regular

    entries: dict[str, list[Any]] = {}  # Any: json
    try:
        with open_regular(path) as handle:
            if json.loads(handle.readline()) != dict(header):
                return {}
            while lines := handle.readlines(_SLICE_BYTES):
                for entry in json.loads(b"[" + b",".join(lines) + b"]"):
                    if isinstance(entry, list) and entry and isinstance(entry[0], str):
                        if wanted is not None and not wanted(entry):
                            continue
                        if each is not None:
                            each(entry)
                        entries[entry[0]] = entry
    except (OSError, ValueError, TypeError, DataFileError):
        return {}
    return entries


def read_keys(
    path: Path, header: Mapping[str, str], keys: Iterable[str]
) -> dict[str, list[object]]:
    """The entries of ``keys`` in the cache file ``path`` (as ``read`` gives them), parsing
    only their lines: a command that changed one client file looks up its entry without
    parsing a book's. Empty when the file is missing or of another header; a damaged line
    among those wanted is left out (its value is worked out again)."""
    from clientexit._errors import DataFileError
    from clientexit._store import open_regular

    wanted = {_compact([key])[:-1].encode() + b",": key for key in keys}
    if not wanted:
        return {}
    starts = tuple(wanted)
    entries: dict[str, list[object]] = {}
    try:
        with open_regular(path) as handle:
            if json.loads(handle.readline()) != dict(header):
                return {}
            for line in handle:
                if line.startswith(starts):
                    with contextlib.suppress(ValueError):
                        entry = json.loads(line)
                        if isinstance(entry, list) and entry and entry[0] in wanted.values():
                            entries[entry[0]] = entry
    except (OSError, ValueError, TypeError, DataFileError):
        return {}
    return entries


def write(path: Path, header: Mapping[str, str], entries: Iterable[Sequence[object]]) -> None:
    """Replace the cache file ``path`` (atomically) with ``header`` and ``entries``, one line
    each (each entry a list of JSON values, its key first). A cache that cannot be written (a
    read-only data folder, a cache that is not a file) only costs time next run."""
    from clientexit._atomic import atomic_write_lines
    from clientexit._errors import ClientExitError

    with contextlib.suppress(OSError, ClientExitError):
        atomic_write_lines(path, _lines(header, entries))


def _lines(header: Mapping[str, str], entries: Iterable[Sequence[object]]) -> Iterator[str]:
    yield _compact(dict(header)) + "\n"
    for entry in entries:
        yield _compact(entry) + "\n"
