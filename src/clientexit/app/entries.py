"""Adding entries to a client's file, marking them done, and removing one entered by mistake:
an invoice and its payment, an incident in the log (``log CLIENT remove ID``), a deliverable, its
delivery and its removal (``deliverable CLIENT remove ID``). Each is one change of the client's
file through the record's change functions (record/invoice_changes.py, incidents.py,
deliverables.py, entry_changes.py); the result says what was stored, for whom."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from clientexit._paths import Paths
from clientexit.record.entry_changes import Removed
from clientexit.record.invoices import Invoice
from clientexit.record.model import Deliverable, Incident

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

T = TypeVar("T")


@dataclass(frozen=True)
class Stored(Generic[T]):
    """An entry as stored (with its id), and the client's slug and display name."""

    slug: str
    name: str
    entry: T
    currency: str = ""  # the currency the client is billed in, where the entry is money


def _stored(paths: Paths, name: str, change: Callable[[TOMLDocument], T]) -> Stored[T]:
    """Apply ``change`` (a record change function) to client ``name``'s file in one locked,
    atomic edit; what it stored, and for whom (the file's name, else ``name`` as typed)."""
    from clientexit import clients

    slug = clients.resolve(paths, name)  # once: a close name is confirmed once
    with clients.edit(paths, slug) as doc:
        entry = change(doc)
        label = str(doc.get("name", name))
    return Stored(slug, label, entry)


def add_invoice(
    paths: Paths,
    name: str,
    number: str,
    amount: float,
    issued: dt.date,
    due: dt.date,
    today: dt.date,
) -> Stored[Invoice]:
    """Record invoice ``number`` (new for this client, issued today or earlier)."""
    from clientexit import clients, config
    from clientexit.record import invoice_changes

    stored = _stored(
        paths, name, lambda doc: invoice_changes.add(doc, number, amount, issued, due, today)
    )
    # The profile is read after the client's lock is released: a problem in config.toml must not
    # stand between the person and recording an invoice.
    currency = clients.load(paths, stored.slug).billing_currency(config.load_profile(paths))
    return Stored(stored.slug, stored.name, stored.entry, currency)


def mark_invoice_paid(
    paths: Paths,
    name: str,
    number: str,
    on: dt.date,
    today: dt.date,
    shown: Callable[[dt.date], str] = dt.date.isoformat,
) -> Stored[Invoice]:
    """Mark the unpaid invoice ``number`` paid in full on ``on``; a refusal writes the recorded
    days with ``shown`` (the reader's date style)."""
    from clientexit.record import invoice_changes

    return _stored(
        paths, name, lambda doc: invoice_changes.mark_paid(doc, number, on, today, shown)
    )


def log_incident(paths: Paths, name: str, entry: Incident) -> Stored[Incident]:
    """Log ``entry`` (made by record/incidents.py ``new_incident``) in the client's file."""
    from clientexit.record import incidents

    return _stored(paths, name, lambda doc: incidents.add(doc, entry))


def add_deliverable(paths: Paths, name: str, what: str, due: dt.date | None) -> Stored[Deliverable]:
    """Add a deliverable (what you will hand over, by ``due`` if given)."""
    from clientexit.record import deliverables

    return _stored(paths, name, lambda doc: deliverables.add(doc, what, due))


def deliver(
    paths: Paths,
    name: str,
    which: str,
    on: dt.date,
    today: dt.date,
    shown: Callable[[dt.date], str] = dt.date.isoformat,
) -> Stored[Deliverable]:
    """Mark the open deliverable ``which`` names delivered on ``on`` (today or earlier); a
    refusal writes the recorded days with ``shown`` (the reader's date style)."""
    from clientexit.record import deliverables

    deliverables.mark_delivered(on, today)  # a date in the future is refused before the look-up
    return _stored(paths, name, lambda doc: deliverables.deliver(doc, which, on, today, shown))


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
    from clientexit.record import entry_changes

    gone = _stored(paths, name, lambda doc: entry_changes.remove(doc, table, which, reason, at))
    return Removal(gone.slug, gone.name, gone.entry)
