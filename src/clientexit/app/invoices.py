"""A change to a recorded invoice: a payment, a credit note, a void, a correction, unpaid again
or a removal (``invoice CLIENT pay|credit|void|correct|unpaid|remove``), made by
record/invoice_changes.py in one change of the client's file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from clientexit._paths import Paths
from clientexit.record.invoice_changes import Paid
from clientexit.record.invoices import Invoice


@dataclass(frozen=True)
class InvoiceChange:
    """One change, its values already parsed: ``amount`` (pay: None for all that is owed;
    credit), ``on`` (pay, credit, void), ``note`` (the credit note's number), ``field`` and
    ``value`` (correct), ``reason`` (void, correct, unpaid, remove)."""

    action: str
    number: str
    on: dt.date
    amount: float | None = None
    reason: str = ""
    note: str | None = None
    field: str = ""
    value: object = None


@dataclass(frozen=True)
class Changed:
    """What the change did, for client ``slug`` (display name ``name``): a Paid for a payment,
    else the invoice after it (as it was, for a removal)."""

    slug: str
    name: str
    result: Paid | Invoice


def change_invoice(
    paths: Paths,
    slug: str,
    change: InvoiceChange,
    today: dt.date,
    at: dt.datetime,
    shown: Callable[[dt.date], str] = dt.date.isoformat,
) -> Changed:
    """Make ``change`` to the client's invoice; refused (nothing written) where the record does
    not allow it (see record/invoice_changes.py), the recorded days written by ``shown``."""
    from clientexit import clients
    from clientexit.record import invoice_changes as changes

    number, on, reason = change.number, change.on, change.reason
    with clients.edit(paths, slug) as doc:
        result: Paid | Invoice
        if change.action == "pay":
            result = changes.pay(doc, number, change.amount, on, today, shown)
        elif change.action == "credit":
            amount = change.amount if change.amount is not None else 0.0
            result = changes.credit(doc, number, amount, on, today, change.note, shown)
        elif change.action == "void":
            result = changes.void(doc, number, on, today, reason, at, shown)
        elif change.action == "unpaid":
            result = changes.unpay(doc, number, reason, at)
        elif change.action == "remove":
            result = changes.remove(doc, number, reason, at)
        elif change.action == "correct":
            result = changes.correct(
                doc, number, change.field, change.value, today, reason, at, shown
            )
        else:
            raise ValueError(f"not an invoice change: {change.action!r}")
        label = str(doc.get("name"))
    return Changed(slug, label, result)
