"""followup's index of the book: what each client file has to follow up, over a span of days.

``followup`` over the book needs, for each client, the handover checklist's dated items (a
handover under way) and the reminder ladder's rows (an overdue invoice). Working them out reads
every client's summary, which for 10,000 files was most of a run, and the answer is the same all
day, and for most files the same for weeks. ``<home>/.cache/followup.json`` keeps, per client
file, its rows without a horizon (every open dated item, every key date, the ladder's next stage
and its pauses), or nothing for the many clients with nothing to follow, and the span of days
(first and last, ordinals) over which they hold (app/followup.py ``span``). What the day itself
decides is worked out when they are read: which items and reminders are overdue, which key dates
are still to come, and the steps due by the day notice is given while none is (a row marked
``capped``: due that day or today, whichever comes first). An entry is used only on a day of its
span, while the file's identity on disk (mtime and ctime in nanoseconds, size, inode: as in
``_record_cache``) and the context (the profile, the ladder, the code that makes the rows) are
unchanged; a run in which no file changed and no span ended reads this one file and touches no
client file or summary. So the first run of a new day reads again only the files whose span
ended.

The texts of the rows repeat across clients (a checklist item reads the same for every client),
so each text is stored once in ``texts`` and a row holds its index: a row is six integers (kind,
id, text, client name, the day's ordinal, capped). JSON, derived only, never pickle; it may be
deleted at any time.

A run in which a few files changed (a command's write, a hand edit) does not write the whole
index again: it appends their entries, texts spelled out, to ``followup.delta.jsonl`` beside it,
one line each, which ``read`` applies over the index. Each line carries the context and the
file's identity, so a line that is torn (a crash mid-append), lost or of another context is only
left out, and its file worked out again: for that reason the delta is appended without fsync,
which cost more than the rest of such a run. Once the delta outgrows ``_DELTA_LIMIT`` the next
change writes the whole index again (atomically) and removes it.
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
DELTA_NAME = "followup.delta.jsonl"
_ROW = 6  # kind, id, text, name, ordinal, capped
_ENTRY = 7  # the file's identity (four integers), the span's first and last day, the rows
# The kinds of row that are overdue once their day has passed (a key date or a pause never is).
_LATE = ("item", "reminder")
# The delta's size (bytes) beyond which the next change writes the whole index again: reading
# the delta costs a run about as much per entry as the index does, and it only ever grows.
_DELTA_LIMIT = 256 * 1024


def cache_file(home: Path) -> Path:
    """Where the index of the data folder ``home`` is kept."""
    return home / ".cache" / FILE_NAME


@dataclass
class Index:
    """The index as read: its ``context``, the shared ``texts`` and, per client slug, the file's
    identity, the span (first and last day's ordinals) and its entry (0: nothing to follow;
    else the rows' integers, six a row)."""

    context: str
    texts: list[str] = field(default_factory=list)
    files: dict[str, list[Any]] = field(default_factory=dict)  # Any: json (as read)
    _numbers: dict[str, int] | None = None

    def entry(self, slug: str, identity: list[int] | None, today: dt.date) -> Any:  # Any: json
        """The stored entry of ``slug`` while its file's identity is ``identity`` and ``today``
        is a day of its span, else None."""
        stored = self.files.get(slug)
        if identity is None or stored is None or stored[:4] != identity:
            return None
        first, last = stored[4], stored[5]
        if not (type(first) is int and type(last) is int and first <= today.toordinal() <= last):
            return None
        return stored[6]

    def put(
        self,
        slug: str,
        identity: list[int],
        rows: Iterable[tuple[Due, bool]],
        span: tuple[int, int],
    ) -> None:
        """Store the rows of ``slug`` (each with whether it is capped at the day: see the module
        docstring; a row's ``overdue`` is not kept) for the days of ``span`` (first and last
        ordinal), with its file's identity when they were worked out."""
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
        for row, capped in rows:
            flat += (
                number(row.kind),
                number(row.id),
                number(row.text),
                number(row.client),
                row.date.toordinal(),
                int(capped),
            )
        self.files[slug] = [*identity, *span, flat or 0]

    def spelled(self, slug: str) -> list[object]:
        """The stored entry of ``slug`` as a delta line holds it: the context, the slug, the
        file's identity, the span and the rows with their texts spelled out (or 0)."""
        *head, entry = self.files[slug]
        rows: list[object] = []
        if entry != 0:
            texts = self.texts
            for at in range(0, len(entry), _ROW):
                kind, key, text, name, ordinal, capped = entry[at : at + _ROW]
                rows += (texts[kind], texts[key], texts[text], texts[name], ordinal, capped)
        return [self.context, slug, *head, rows or 0]

    def put_spelled(self, line: list[object]) -> None:
        """Apply a delta line (``spelled``'s form) that was made in this index's context;
        one of another shape raises TypeError or ValueError."""
        if len(line) != 2 + _ENTRY or line[0] != self.context:
            raise ValueError("not a delta line of this index")
        slug, rows = line[1], line[8]
        numbers = [v for v in line[2:8] if isinstance(v, int) and not isinstance(v, bool)]
        if not isinstance(slug, str) or len(numbers) != 6:
            raise TypeError("a slug, an identity or a span of another shape")
        identity, span = numbers[:4], (numbers[4], numbers[5])
        if rows == 0:
            self.put(slug, identity, (), span)
            return
        if not isinstance(rows, list) or len(rows) % _ROW:
            raise TypeError("rows of another shape")
        found = []
        for at in range(0, len(rows), _ROW):
            kind, key, text, name, ordinal, capped = rows[at : at + _ROW]
            if not all(isinstance(v, str) for v in (kind, key, text, name)):
                raise TypeError("a row's text is not a text")
            if type(ordinal) is not int or capped not in (0, 1):
                raise TypeError("a row's day or mark is not a number")
            day = dt.date.fromordinal(ordinal)
            found.append((Due(slug, name, kind, key, text, day, False), capped == 1))
        self.put(slug, identity, found, span)

    def rows(
        self,
        slug: str,
        entry: Any,  # Any: json (an entry as read: checked as it is decoded)
        today: dt.date,
        until: dt.date,
        days: dict[int, dt.date],
    ) -> list[Due]:
        """The rows of an entry as of ``today`` (a day of its span) up to ``until`` (a pause
        whenever it ends: it is shown while it lasts): a capped row due today at the latest,
        an item or a reminder overdue once its day has passed, a key date only from its day on.
        ``days`` shares the date objects between rows. A damaged entry raises TypeError,
        ValueError or IndexError."""
        if entry == 0:
            return []
        texts, now, last = self.texts, today.toordinal(), until.toordinal()
        found = []
        values = iter(entry)
        for kind, key, text, name, ordinal, capped in zip(*[values] * _ROW, strict=True):
            what = texts[kind]
            if capped and ordinal > now:
                ordinal = now
            if ordinal > last and what != "pause":
                continue
            if ordinal < now and what == "key_date":
                continue
            day = days.get(ordinal)
            if day is None:
                day = days[ordinal] = dt.date.fromordinal(ordinal)
            late = ordinal < now and what in _LATE
            found.append(Due(slug, texts[name], what, texts[key], texts[text], day, late))
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
    kept = {k: v for k, v in files.items() if isinstance(v, list) and len(v) == _ENTRY}
    index = Index(context, texts, kept)
    _apply_delta(delta_file(path), index)
    return index


def delta_file(path: Path) -> Path:
    """The delta beside the index at ``path``."""
    return path.with_name(DELTA_NAME)


def _apply_delta(delta: Path, index: Index) -> None:
    """Apply the delta's lines made in the index's context, in order (a later line for the same
    file wins); a line that does not parse or fit is left out."""
    from clientexit._errors import DataFileError
    from clientexit._store import read_regular_bytes

    try:
        text = read_regular_bytes(delta)
    except (OSError, DataFileError):
        return
    mark = json.dumps(index.context).encode()
    for line in text.splitlines():
        # A line of another profile, ladder or code is skipped without being parsed.
        if not line.startswith(b"[" + mark + b","):
            continue
        with contextlib.suppress(ValueError, TypeError, OverflowError):
            entry = json.loads(line)
            if isinstance(entry, list):
                index.put_spelled(entry)


def write(path: Path, index: Index) -> None:
    """Store ``index`` (atomically), and remove the delta it now holds; a data folder that
    cannot be written only costs time."""
    from clientexit._errors import ClientExitError
    from clientexit._store import atomic_write_text

    payload = {"context": index.context, "texts": index.texts, "files": index.files}
    with contextlib.suppress(OSError, ClientExitError):
        atomic_write_text(path, json.dumps(payload, separators=(",", ":")))
        delta_file(path).unlink(missing_ok=True)


def add(path: Path, index: Index, slugs: Iterable[str]) -> None:
    """Store the entries of ``slugs`` (changed since the index at ``path`` was read): appended
    to its delta, or, once the delta has grown past ``_DELTA_LIMIT`` (or cannot be appended
    to), by writing the whole index again."""
    lines = "".join(
        json.dumps(index.spelled(slug), separators=(",", ":")) + "\n"
        for slug in slugs
        if slug in index.files
    )
    if lines and not _append(delta_file(path), lines.encode()):
        write(path, index)


def _append(delta: Path, data: bytes) -> bool:
    """Append ``data`` to the delta in one write, unless it is past ``_DELTA_LIMIT`` or not a
    plain file of its own (a link, a FIFO): True when it was appended."""
    import stat

    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(delta, flags | getattr(os, "O_NONBLOCK", 0), 0o644)
    except OSError:
        return False
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > _DELTA_LIMIT:
            return False
        return os.write(fd, data) == len(data)
    except OSError:
        return False
    finally:
        os.close(fd)


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
