"""Typed changes to a client's own fields (``client set``), its ``[custom]`` table and
``archived`` (``client archive``).

Each function takes the client's document as opened with ``clients.edit`` (tomlkit, so comments
and hand edits elsewhere survive) and changes only the keys it is given. The status and the end
date go through the lifecycle writer (record/lifecycle.py), as for a letter or ``end``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from clientexit._types import Document
from clientexit.record import lifecycle

# Written only by the lifecycle writer, never as plain fields.
LIFECYCLE_FIELDS = ("status", "ended")


def set_fields(
    doc: Document,
    known: Mapping[str, object],
    custom: Mapping[str, object],
    today: dt.date,
) -> None:
    """Set the schema's fields ``known`` and the user's fields ``custom`` (already checked by
    clientexit.fields); a value None removes the key, and an emptied ``[custom]`` goes."""
    _assign(doc, {k: v for k, v in known.items() if k not in LIFECYCLE_FIELDS})
    if "ended" in known:
        ended = known["ended"]
        lifecycle.set_end_date(doc, ended if isinstance(ended, dt.date) else None, today)
    if known.get("status") is not None:
        lifecycle.set_status(doc, str(known["status"]))
    if custom:
        set_custom(doc, custom)


def set_custom(doc: Document, values: Mapping[str, object]) -> None:
    """Set (or, for None, remove) keys of ``[custom]``; the table goes once it is empty."""
    if "custom" not in doc:
        import tomlkit

        doc["custom"] = tomlkit.table()
    table = doc["custom"]
    _assign(table, values)
    if not table:
        del doc["custom"]


def set_archived(doc: Document, archived: bool) -> None:
    """Archive a client (hidden from lists, nothing deleted), or bring it back."""
    doc["archived"] = archived


def _assign(table: Document, values: Mapping[str, object]) -> None:
    """Set each value in a TOML table; None removes the key (``client set KEY=``)."""
    for key, value in values.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
