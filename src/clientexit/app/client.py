"""Changes to a client's own fields: ``client set`` and ``client archive``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from clientexit._paths import Paths
from clientexit.record.model import Client, Ending


def set_fields(
    paths: Paths,
    name: str,
    known: Mapping[str, object],
    custom: Mapping[str, object],
    today: dt.date,
) -> Client:
    """Set the client's fields (checked by clientexit.fields; None clears one) in one change of
    its file; return the record after it."""
    from clientexit import clients
    from clientexit.record import field_changes

    slug = clients.resolve(paths, name)  # once: a close name is confirmed once
    with clients.edit(paths, slug) as doc:
        field_changes.set_fields(doc, known, custom, today)
    return clients.load(paths, slug)


def archive(paths: Paths, name: str, archived: bool = True) -> str:
    """Archive the client (hidden from lists, nothing deleted) or bring it back; its name."""
    from clientexit import clients
    from clientexit.record import field_changes

    with clients.edit(paths, name) as doc:
        field_changes.set_archived(doc, archived)
        return str(doc["name"])


@dataclass(frozen=True)
class Ended:
    """What ``end`` recorded: the ending, the status it gives, and the end date before it."""

    slug: str
    name: str
    ending: Ending
    status: str
    before: dt.date | None


def end(
    paths: Paths,
    name: str,
    *,
    by: str,
    reason: str,
    today: dt.date,
    category: str | None = None,
    date: dt.date | None = None,
    shown: Callable[[dt.date], str] = dt.date.isoformat,
) -> Ended:
    """Record that the relationship ends (record/lifecycle.py ``new_ending`` says what may be
    recorded, ``write_ending`` writes it); ``shown`` writes a day in the reader's style."""
    from clientexit import clients
    from clientexit.record import lifecycle

    slug = clients.resolve(paths, name)  # once: a close name is confirmed once
    with clients.edit(paths, slug) as doc:
        ending = lifecycle.new_ending(
            doc, by=by, reason=reason, today=today, category=category, date=date, shown=shown
        )
        before = lifecycle.client_in(doc).end_date
        status = lifecycle.write_ending(doc, ending, today)
        label = str(doc.get("name", name))
    return Ended(slug, label, ending, status, before)
