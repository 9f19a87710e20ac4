"""Removing a log entry or a deliverable entered by mistake: ``log CLIENT remove ID`` and
``deliverable CLIENT remove ID`` (the change itself: record/entry_changes.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from clientexit._paths import Paths
from clientexit.record.entry_changes import Removed


@dataclass(frozen=True)
class Removal:
    """What a removal did: the client (slug and name) and the entry taken out."""

    slug: str
    name: str
    removed: Removed


def remove(
    paths: Paths, name: str, table: str, which: str, reason: str, at: dt.datetime
) -> Removal:
    """Remove the entry ``which`` (its id; a deliverable also by its number) of ``table`` from
    client ``name``'s file in one change, keeping it with ``reason`` in ``[[corrections]]``."""
    from clientexit import clients
    from clientexit.record import entry_changes

    slug = clients.resolve(paths, name)
    with clients.edit(paths, slug) as doc:
        gone = entry_changes.remove(doc, table, which, reason, at)
        label = str(doc.get("name"))
    return Removal(slug, label, gone)
