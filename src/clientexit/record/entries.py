"""Appending an entry to an array of tables (``[[invoices]]``, ``[[incidents]]``,
``[[deliverables]]``, ``[[letters]]``, ``[[assessments]]``, ``[[corrections]]`` ...) of a client
document opened with ``clients.edit``: the one place a new entry is written, so that every entry
of a table with ids gets one (record/ids.py), first in the entry."""

from __future__ import annotations

from collections.abc import Mapping

from clientexit._errors import ClientExitError
from clientexit._types import Document


def append(doc: Document, table: str, entry: Mapping[str, object]) -> str | None:
    """Append ``entry`` (its None values left out) to ``[[table]]``; an entry of a table with ids
    gets a new one (or keeps the one it brings), and it is returned."""
    import tomlkit

    from clientexit.record import ids

    if table not in doc:
        doc[table] = tomlkit.aot()
    array = doc[table]
    if not isinstance(array, list):
        raise ClientExitError(
            f"'{table}' in the client file is not a list of tables; fix it by hand."
        )
    item = tomlkit.table()
    new = None
    if table in ids.PREFIXES:
        given = entry.get("id")
        new = str(given) if given else ids.new_id(table, ids.taken_in(doc))
        item.add("id", new)
    for key, value in entry.items():
        if value is not None and key != "id":
            item.add(key, value)
    array.append(item)
    return new
