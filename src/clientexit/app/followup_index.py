"""followup's index of the book: what each client file has to follow up, for one day.

``followup`` over the book needs, for each client, the handover checklist's dated items (a
handover under way) and the reminder ladder's rows (an overdue invoice). Working them out reads
every client's summary, which for 10,000 files was most of a run, and the answer is the same all
day. ``<home>/.cache/followup.json`` keeps, per client file, its rows without a horizon (every
open dated item, every key date from the day on, the ladder's next stage and its pauses), or
nothing for the many clients with nothing to follow. An entry is used only while the file's
identity on disk (mtime and ctime in nanoseconds, size, inode: as in ``_record_cache``) and the
context (the day, the profile, the ladder, the code that makes the rows) are unchanged; a run in
which every file is unchanged reads this one file and touches no client file or summary.

The texts of the rows repeat across clients (a checklist item reads the same for every client),
so each text is stored once in ``texts`` and a row holds its index: a row is six integers (kind,
id, text, client name, the day's ordinal, overdue). JSON, derived only, never pickle; it may be
deleted at any time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clientexit.handover.due import Due

FILE_NAME = "followup.json"
_ROW = 6  # kind, id, text, name, ordinal, overdue


def cache_file(home: Path) -> Path:
    """Where the index of the data folder ``home`` is kept."""
    return home / ".cache" / FILE_NAME


@dataclass
class Index:
    """The index as read: its ``context``, the shared ``texts`` and, per client slug, the file's
    identity and its entry (0: nothing to follow; else the rows' integers, six a row)."""

    context: str
    texts: list[str] = field(default_factory=list)
    files: dict[str, list[Any]] = field(default_factory=dict)
    _numbers: dict[str, int] | None = None

    def entry(self, slug: str, identity: list[int] | None) -> Any:
        """The stored entry of ``slug`` while its file's identity is ``identity``, else None."""
        stored = self.files.get(slug)
        if identity is None or stored is None or stored[:4] != identity:
            return None
        return stored[4]

    def put(self, slug: str, identity: list[int], rows: Iterable[Due]) -> None:
        """Store the rows of ``slug`` (its file's identity when they were worked out)."""
        if self._numbers is None:
            self._numbers = {text: i for i, text in enumerate(self.texts)}
        numbers = self._numbers

        def number(text: str) -> int:
            found = numbers.get(text)
            if found is None:
                found = numbers[text] = len(self.texts)
                self.texts.append(text)
            return found

        flat: list[int] = []
        for row in rows:
            flat += (
                number(row.kind),
                number(row.id),
                number(row.text),
                number(row.client),
                row.date.toordinal(),
                int(row.overdue),
            )
        self.files[slug] = [*identity, flat or 0]

    def rows(self, slug: str, entry: Any, until: dt.date, days: dict[int, dt.date]) -> list[Due]:
        """The rows of an entry up to ``until`` (a pause whenever it ends: it is shown while it
        lasts); ``days`` shares the date objects between rows. A damaged entry raises
        TypeError, ValueError or IndexError."""
        if entry == 0:
            return []
        texts, last = self.texts, until.toordinal()
        found = []
        values = iter(entry)
        for kind, key, text, name, ordinal, overdue in zip(*[values] * _ROW, strict=True):
            what = texts[kind]
            if ordinal > last and what != "pause":
                continue
            day = days.get(ordinal)
            if day is None:
                day = days[ordinal] = dt.date.fromordinal(ordinal)
            found.append(Due(slug, texts[name], what, texts[key], texts[text], day, overdue == 1))
        return found


def read(path: Path, context: str) -> Index:
    """The index at ``path`` if it was made in ``context``, else an empty one."""
    from clientexit._errors import DataFileError
    from clientexit._store import read_regular_bytes

    try:
        stored = json.loads(read_regular_bytes(path))
    except (OSError, ValueError, TypeError, DataFileError):
        return Index(context)
    if not isinstance(stored, dict) or stored.get("context") != context:
        return Index(context)
    texts, files = stored.get("texts"), stored.get("files")
    if not isinstance(texts, list) or not isinstance(files, dict):
        return Index(context)
    if not all(isinstance(text, str) for text in texts):
        return Index(context)
    kept = {k: v for k, v in files.items() if isinstance(v, list) and len(v) == 5}
    return Index(context, texts, kept)


def write(path: Path, index: Index) -> None:
    """Store ``index`` (atomically); a data folder that cannot be written only costs time."""
    from clientexit._errors import ClientExitError
    from clientexit._store import atomic_write_text

    payload = {"context": index.context, "texts": index.texts, "files": index.files}
    with contextlib.suppress(OSError, ClientExitError):
        atomic_write_text(path, json.dumps(payload, separators=(",", ":")))


def scan(folder: Path, known: Collection[str] = ()) -> list[tuple[str, list[int]]] | None:
    """Every client file in ``folder`` (a slug's name ending in .toml) as its slug and its
    identity, by slug, as ``_record_cache.read_all`` finds them; None when one of them is a
    link to no readable file (the full read names it). A name in ``known`` (the index's: each
    was a slug when it was stored) is not checked again."""
    from clientexit.names import is_slug

    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            stem = entry.name[:-5]
            if not entry.name.endswith(".toml") or (stem not in known and not is_slug(stem)):
                continue
            try:
                is_file = entry.is_file()
            except OSError:
                is_file = False
            if not is_file:
                if entry.is_symlink():
                    return None
                continue
            try:
                stat = entry.stat()
            except OSError:
                return None
            identity = [stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino]
            found.append((stem, identity))
    return sorted(found)
