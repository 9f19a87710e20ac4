"""Removing a log entry (``[[incidents]]``) or a deliverable (``[[deliverables]]``) entered by
mistake, named by its stable id (record/ids.py: ``inc-...``, ``del-...``).

Nothing recorded disappears without a word: the removed entry is kept whole, with the time and
the reason given, in the file's ``[[corrections]]`` (as a removed invoice is, see
invoice_changes.py), and ``removed`` lists what was taken out so that the record can say so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from clientexit._errors import NotFoundError, UsageError
from clientexit._types import Document
from clientexit.record import ids
from clientexit.record.invoice_changes import record_trace
from clientexit.record.model import Client

Doc = Document
# The tables an entry can be removed from: what one entry is called, in words and in the trace.
REMOVABLE = {"incidents": ("log entry", "incident"), "deliverables": ("deliverable", "deliverable")}
SHOWN = 8  # entries a "no such entry" error names


@dataclass(frozen=True)
class Removed:
    """An entry taken out of ``table``: its id, its fields as they were stored, and why."""

    table: str
    id: str
    entry: dict[str, object]
    reason: str = ""

    @property
    def label(self) -> str:
        """The entry in a few words: a deliverable's text, a log entry's day, kind and text."""
        if self.table == "deliverables":
            return str(self.entry.get("what", ""))
        parts = (self.entry.get("date"), self.entry.get("kind"), self.entry.get("text"))
        return " ".join(str(p) for p in parts if p)


def _plain(entry: object) -> Mapping[str, object]:
    """An entry of the document as plain values (tomlkit's table unwrapped)."""
    from tomlkit.items import Item

    plain = entry.unwrap() if isinstance(entry, Item) else entry
    return plain if isinstance(plain, Mapping) else {}


def remove(doc: Doc, table: str, which: str, reason: str, at: dt.datetime) -> Removed:
    """Remove the entry of ``table`` whose id is ``which`` (for a deliverable also its number
    in the list, 1, 2 ...), keeping it whole with ``reason`` in ``[[corrections]]``."""
    if table not in REMOVABLE:
        raise UsageError(f"Entries of [[{table}]] are not removed this way.")
    what, key = REMOVABLE[table]
    why = _reason(reason, what)
    entries = doc.get(table)
    rows = entries if isinstance(entries, list) else []
    plain = [_plain(row) for row in rows]
    found = ids.ids_of(table, plain)
    wanted = which.strip()
    index = found.index(wanted) if wanted in found else None
    if index is None and table == "deliverables" and wanted.isdigit():
        index = int(wanted) - 1 if 0 < int(wanted) <= len(rows) else None
    if index is None or not isinstance(plain[index], Mapping):
        named = [
            f"{value} ({Removed(table, value, dict(row)).label})"
            for value, row in zip(found, plain, strict=True)
            if value and isinstance(row, Mapping)
        ]
        listed = ", ".join(named[:SHOWN]) + (
            f" and {len(named) - SHOWN} more" if named[SHOWN:] else ""
        )
        raise NotFoundError(
            f"No {what} {wanted!r} for this client.",
            f"Recorded: {listed}." if named else f"No {what} is recorded yet.",
        )
    gone = Removed(table, found[index], {"id": found[index], **dict(plain[index])}, why)
    del rows[index]
    record_trace(doc, at, (key, gone.id), "removed", gone.entry, None, why)
    return gone


def _reason(text: str, what: str) -> str:
    """The reason given, on one line and without secrets (it is stored)."""
    from clientexit.record.inputs import one_line
    from clientexit.secretcheck import refuse_secrets

    if not text.strip():
        raise UsageError(
            f"Removing a {what} changes what was recorded: say why with --reason TEXT.",
            "The reason is kept with the removed entry in the file's [[corrections]].",
        )
    return refuse_secrets(one_line(text, "The reason"), "The reason")


def removed(client: Client, table: str) -> list[Removed]:
    """The entries removed from ``table`` by mistake, as ``[[corrections]]`` keeps them."""
    key = REMOVABLE[table][1]
    found = []
    rows = client.get("corrections")
    for row in rows if isinstance(rows, list) else ():
        if isinstance(row, Mapping) and row.get("change") == "removed" and key in row:
            old = row.get("old")
            entry = dict(old) if isinstance(old, Mapping) else {}
            found.append(Removed(table, str(row[key]), entry, str(row.get("reason", ""))))
    return found
