"""What you still owe the client (``[[deliverables]]``): adding, listing, marking delivered.

An entry is ``what`` (one line), ``due`` (a date, optional) and ``delivered`` (the date it was
handed over; absent while open). Letters promise only the open ones. ``add`` and ``deliver``
change a client document opened with ``clients.edit``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from clientexit._errors import InvalidValue, NotFoundError, UsageError
from clientexit._types import Document
from clientexit.record.inputs import one_line
from clientexit.record.model import Client, Deliverable

__all__ = ["Deliverable", "add", "deliver", "find_open", "mark_delivered"]
__all__ += ["new_deliverable"]


def new_deliverable(what: str, due: dt.date | None, count: int) -> Deliverable:
    """A deliverable to append (checked: one line of text, no credentials)."""
    from clientexit.secretcheck import refuse_secrets

    text = refuse_secrets(one_line(what, "The deliverable"), "The deliverable")
    return Deliverable(text, due, number=count + 1)


def find_open(
    client: Client, which: str, shown: Callable[[dt.date], str] = dt.date.isoformat
) -> Deliverable:
    """The open deliverable of ``client`` that ``which`` names: its id, its number in the list
    (1, 2 ...) or its text (case-insensitive, whole or the start of it when that is unique)."""
    found = client.deliverables
    key = which.strip()
    by_id = [d for d in found if d.id == key]
    if by_id:
        chosen = by_id
    elif key.isdigit():
        chosen = [d for d in found if d.number == int(key)]
    else:
        exact = [d for d in found if d.what.casefold() == key.casefold()]
        chosen = exact or [d for d in found if d.what.casefold().startswith(key.casefold())]
    if not chosen:
        raise NotFoundError(
            f"No deliverable {which!r}.",
            "See them numbered with: clientexit deliverable CLIENT list",
        )
    if len(chosen) > 1:
        names = "; ".join(f"{d.number}. {d.what}" for d in chosen)
        raise UsageError(
            f"{which!r} matches more than one deliverable: {names}.", "Give its number."
        )
    item = chosen[0]
    if item.delivered is not None:
        raise UsageError(
            f"Deliverable {item.number} ({item.what}) was already delivered on "
            f"{shown(item.delivered)}."
        )
    return item


def mark_delivered(when: dt.date, today: dt.date) -> dt.date:
    """The delivery date: today or earlier."""
    if when > today:
        raise InvalidValue(
            "on",
            when,
            "is in the future",
            "Record what has already happened; check the year.",
            what="delivery date",
        )
    return when


def _rows(doc: Mapping[str, object]) -> list[object]:
    rows = doc.get("deliverables")
    return rows if isinstance(rows, list) else []


def add(doc: Document, what: str, due: dt.date | None) -> Deliverable:
    """Add a deliverable (checked by ``new_deliverable``); the entry as stored, with its number
    in the list and its new id."""
    from dataclasses import replace

    from clientexit.record import entries

    item = new_deliverable(what, due, len(_rows(doc)))
    return replace(item, id=entries.append(doc, "deliverables", item.as_dict()) or "")


def deliver(
    doc: Document,
    which: str,
    on: dt.date,
    today: dt.date,
    shown: Callable[[dt.date], str] = dt.date.isoformat,
) -> Deliverable:
    """Mark the open deliverable ``which`` names (see ``find_open``) delivered on ``on`` (today
    or earlier); the deliverable after it. A refusal writes the recorded days with ``shown``."""
    from dataclasses import replace

    when = mark_delivered(on, today)
    item = find_open(Client("", None, doc), which, shown)
    entries: list[Document] = doc["deliverables"]  # tomlkit's array of tables
    entries[item.number - 1]["delivered"] = when
    return replace(item, delivered=when)
