"""What is due across clients in the coming weeks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clientexit.handover.checklist import Checklist, build
from clientexit.record.model import Client, Profile

if TYPE_CHECKING:
    from clientexit.record.summary import Summary


@dataclass(frozen=True)
class Due:
    """One thing due for one client: an open checklist item or a key date."""

    slug: str
    client: str
    kind: str  # "item" or "key_date"
    id: str
    text: str
    date: dt.date
    overdue: bool


def nothing_to_follow(client: Client, today: dt.date) -> bool:
    """Whether a client has no end date recorded and no handover under way: its exit plan would
    be dated from an end nobody decided, so there is nothing to follow up yet."""
    return client.end_date is None and not client.handover_under_way(today)


def due_for(checklist: Checklist, slug: str, until: dt.date) -> list[Due]:
    """Open dated items up to ``until`` (overdue ones included) and key dates from today on,
    soonest first (checklist order on the same day).

    A key date that a checklist item stands for (the follow-up) appears as that item only.
    """
    today = checklist.today
    found = [
        Due(slug, checklist.client, "item", i.id, i.text, i.due, i.due < today)
        for i in checklist.items
        if not i.is_done and i.due is not None and i.due <= until
    ]
    covered = {i.key_date for i in checklist.items if i.key_date}
    found += [
        Due(slug, checklist.client, "key_date", k.id, k.title, k.date, False)
        for k in checklist.key_dates
        if today <= k.date <= until and k.id not in covered
    ]
    return sorted(found, key=lambda d: d.date)


def due_across(
    records: Iterable[Summary],
    profile: Profile | Mapping[str, Any],
    today: dt.date,
    weeks: int,
) -> list[Due]:
    """Everything due within ``weeks`` for every client whose handover is under way (the rule is
    ``Client.handover_under_way``, the same as the clients table's), soonest first.

    ``records`` are client summaries (clients.load_book); a summary's whole record is read only
    for a client whose handover is under way."""
    until = today + dt.timedelta(weeks=weeks)
    found: list[Due] = []
    for client in records:
        if client.handover_under_way(today):
            found += due_for(build(client.record(), profile, today), client.slug, until)
    return sorted(found, key=lambda d: (d.date, d.client.casefold(), d.kind, d.id))
