"""Harvest: Reports -> Invoices, export CSV.

Columns (third-party migration scripts read them so): ``Issue Date, Last Payment Date, ID, PO
Number, Client, Subject, Invoice Amount, Paid Amount, Balance, ..., Currency, Currency Symbol,
Document Type``. ``ID`` holds the invoice number; amounts may group thousands (``1,800.0``);
the currency is written ``United States Dollar - USD``. There is no status and no due date
column (one named ``Due Date`` is read when present): an invoice is settled when its balance is
0. Only the last payment's date is given: a part payment is dated by it, and said so.
"""

from __future__ import annotations

import functools

from clientexit.invoicing import _common
from clientexit.invoicing.cells import Dates, amount, iso_currency, optional_date, read_table
from clientexit.invoicing.rows import Imported, ImportedPayment, Parsed

COLUMNS = {
    "number": ("id", "invoice id", "number"),
    "client": ("client",),
    "issued": ("issue date", "issued date"),
    "last_payment": ("last payment date",),
    "due": ("due date",),
    "amount": ("invoice amount", "amount"),
    "paid_amount": ("paid amount",),
    "balance": ("balance",),
    "currency": ("currency",),
    "type": ("document type",),
}


def parse(text: str, order: str | None = None) -> Parsed:
    """The invoices of an invoices report."""
    table = read_table(
        text, "Harvest invoices report", COLUMNS, ("number", "client", "amount", "paid_amount")
    )
    dates = Dates(
        (table.cell(c, f) for _, c in table.rows for f in ("issued", "last_payment", "due")), order
    )
    parsed = Parsed("harvest")

    def read(line: int, cells: list[str]) -> Imported | None:
        cell = functools.partial(table.cell, cells)
        if "draft" in cell("type").casefold():
            return None
        number = _common.needed(cell("number"), "invoice ID")
        total = _common.money(amount(cell("amount")), "invoice amount")
        received = _common.money(amount(cell("paid_amount") or "0"), "paid amount")
        balance = amount(cell("balance")) if cell("balance") else total - received
        last = optional_date(dates, cell("last_payment"))
        inv = Imported(
            key=number,
            number=number,
            client=_common.needed(cell("client"), "client"),
            currency=iso_currency(cell("currency")),
            amount=total,
            issued=optional_date(dates, cell("issued")),
            due=optional_date(dates, cell("due")),
            line=line,
            received=received,
        )
        if received and last is not None:
            if balance <= 0:
                inv.paid = last
                inv.received = total
            else:
                inv.payments.append(ImportedPayment(last, received))
                inv.notes.append(
                    f"Harvest gives only the last payment's date: the {received} received on "
                    f"invoice {number} is dated {last.isoformat()}"
                )
        if balance + received < total and balance >= 0:
            from clientexit.invoicing.rows import ImportedCredit

            inv.credits.append(ImportedCredit(None, None, total - received - balance))
        return inv

    parsed.invoices = _common.each_row(table, parsed, read)
    return parsed
