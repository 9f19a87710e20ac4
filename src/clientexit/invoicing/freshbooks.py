"""FreshBooks: Reports -> Invoice Details -> Export, CSV: one row per line item.

Columns (as Invoice Ninja's FreshBooks importer reads them): ``Client Name, Invoice #, Date
Issued, Invoice Status, Date Paid, Item Name, ..., Line Total, Currency``. Rows are grouped by
``Invoice #`` (kept as text: ``0000042``) and the invoice's amount is the sum of its line totals.
The report has no due date column: one named ``Due Date`` is read when present.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from clientexit.invoicing import _common
from clientexit.invoicing.cells import Dates, amount, iso_currency, optional_date, read_table
from clientexit.invoicing.rows import Imported, Parsed, Problem

COLUMNS = {
    "client": ("client name", "client", "organization"),
    "number": ("invoice #", "invoice number", "invoice"),
    "issued": ("date issued", "issue date", "invoice date"),
    "status": ("invoice status", "status"),
    "paid": ("date paid", "paid date"),
    "due": ("due date", "date due"),
    "total": ("line total", "total"),
    "currency": ("currency",),
}
VOID = {"void", "voided", "cancelled", "deleted"}
DRAFT = {"draft"}


def parse(text: str, order: str | None = None) -> Parsed:
    """The invoices of an invoice details report."""
    table = read_table(
        text, "FreshBooks invoice details report", COLUMNS, ("number", "total", "client")
    )
    dates = Dates(
        (table.cell(c, f) for _, c in table.rows for f in ("issued", "paid", "due")), order
    )
    parsed = Parsed("freshbooks")
    by_number: dict[str, Imported] = {}
    for line, cells in table.rows:
        cell = functools.partial(table.cell, cells)
        try:
            number = _common.needed(cell("number"), "invoice number")
            status = cell("status").casefold()
            if status in DRAFT:
                continue
            total = amount(cell("total"))
            inv = by_number.get(number)
            if inv is None:
                inv = Imported(
                    key=number,
                    number=number,
                    client=_common.needed(cell("client"), "client name"),
                    currency=iso_currency(cell("currency")),
                    amount=Decimal(0),
                    issued=optional_date(dates, cell("issued")),
                    due=optional_date(dates, cell("due")),
                    line=line,
                    paid=optional_date(dates, cell("paid")),
                    void=status in VOID,
                )
                by_number[number] = inv
            inv.amount += total
        except ValueError as exc:
            parsed.problems.append(Problem(line, str(exc)))
    for inv in by_number.values():
        if inv.amount < 0:
            parsed.problems.append(Problem(inv.line, f"invoice {inv.number} adds up to below 0"))
            continue
        inv.amount = _common.money(inv.amount, "invoice total")
        if inv.paid is not None:
            inv.received = inv.amount
        parsed.invoices.append(inv)
    return parsed
