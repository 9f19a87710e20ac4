"""Changes to a client's own fields: ``client set`` and ``client archive``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from clientexit._paths import Paths
from clientexit.record.model import Client


def set_fields(
    paths: Paths,
    name: str,
    known: Mapping[str, Any],
    custom: Mapping[str, Any],
    today: dt.date,
) -> Client:
    """Set the client's fields (checked by clientexit.fields; None clears one) in one change of
    its file; return the record after it."""
    from clientexit import clients
    from clientexit.record import field_changes

    book = clients.Book(paths)  # the name is resolved once
    with book.edit(name) as doc:
        field_changes.set_fields(doc, known, custom, today)
    return book.get(name)


def archive(paths: Paths, name: str, archived: bool = True) -> str:
    """Archive the client (hidden from lists, nothing deleted) or bring it back; its name."""
    from clientexit import clients
    from clientexit.record import field_changes

    with clients.edit(paths, name) as doc:
        field_changes.set_archived(doc, archived)
        return str(doc["name"])
