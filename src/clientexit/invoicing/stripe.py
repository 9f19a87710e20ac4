"""Stripe: Invoices -> Export, CSV.

Stripe documents the export but not its column names: the ones read here (``id, Number,
Customer, Customer Name, Amount Due, Amount Paid, Amount Remaining, Currency, Status,
Date (UTC), Due Date (UTC)``, and ``Paid At (UTC)`` where present) are accepted through
aliases, and a file without them fails naming what is missing. Stripe's CSV reports give
amounts in major units with decimals (``10.00``); a file whose amounts all lack decimals could
be in minor units (``1000`` for 10.00) and is refused rather than read a hundred times too big.
Status: draft (not owed), open, paid, uncollectible (still owed: kept open), void.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from clientexit.invoicing import _common
from clientexit.invoicing.cells import Dates, amount, iso_currency, optional_date, read_table
from clientexit.invoicing.rows import FormatError, Imported, Parsed

COLUMNS = {
    "id": ("id", "invoice id"),
    "number": ("number", "invoice number"),
    "customer": ("customer", "customer id"),
    "client": ("customer name", "customer email", "customer"),
    "due_amount": ("amount due", "total"),
    "paid_amount": ("amount paid",),
    "remaining": ("amount remaining",),
    "currency": ("currency",),
    "status": ("status",),
    "issued": ("date (utc)", "created (utc)", "date", "created"),
    "due": ("due date (utc)", "due date"),
    "paid": ("paid at (utc)", "paid at"),
}


def parse(text: str, order: str | None = None) -> Parsed:
    """The invoices of an invoices export."""
    table = read_table(
        text, "Stripe invoices export", COLUMNS, ("id", "due_amount", "status", "client")
    )
    figures = [
        table.cell(c, f) for _, c in table.rows for f in ("due_amount", "paid_amount", "remaining")
    ]
    figures = [f for f in figures if f.strip()]
    if (
        figures
        and not any("." in f or "," in f for f in figures)
        and any(f != "0" for f in figures)
    ):
        raise FormatError(
            "its amounts have no decimals, so they may be in cents (Stripe's API writes 1000 for "
            "10.00): export the invoices again from the Dashboard, which writes 10.00"
        )
    dates = Dates(
        (table.cell(c, f) for _, c in table.rows for f in ("issued", "due", "paid")), order
    )
    parsed = Parsed("stripe")

    def read(line: int, cells: list[str]) -> Imported | None:
        cell = functools.partial(table.cell, cells)
        status = cell("status").casefold()
        if status == "draft":
            return None
        key = _common.needed(cell("id"), "invoice id")
        paid_amount = amount(cell("paid_amount")) if cell("paid_amount") else Decimal(0)
        inv = Imported(
            key=key,
            number=cell("number") or key,
            client=_common.needed(cell("client"), "customer name"),
            currency=iso_currency(cell("currency")),
            amount=_common.money(amount(cell("due_amount")), "amount due"),
            issued=optional_date(dates, cell("issued")),
            due=optional_date(dates, cell("due")),
            line=line,
            received=_common.money(paid_amount, "amount paid"),
            void=status == "void",
            client_ids=(cell("customer"),) if cell("customer") else (),
        )
        if status == "paid":
            inv.paid = optional_date(dates, cell("paid"))
            inv.received = inv.amount
        if inv.received and inv.paid is None and not inv.void:
            inv.notes.append(
                f"{inv.received} was paid on invoice {inv.number} on days the export does not "
                "give: it counts as paid, and no interest is reckoned on it"
            )
        return inv

    parsed.invoices = _common.each_row(table, parsed, read)
    return parsed
