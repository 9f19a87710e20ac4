"""Invoice Ninja v5: Reports -> Invoice (or Payment) -> Export, CSV.

The invoice report's default columns (app/Export/CSV): ``Client Name, Client Currency,
Invoice Invoice Number, Invoice Amount, Invoice Balance, Invoice Paid to Date, ...,
Invoice Date, Invoice Due Date, ..., Invoice Status``; amounts plain numbers, dates YYYY-MM-DD.
Status is the stored one (Draft, Sent, Partial/Deposit, Paid, Cancelled, Reversed): overdue is
derived from the due date and the balance. The invoice report gives no payment dates: money
paid on an invoice is dated by the payment report (``Payment Date, Payment Amount, ...`` with
the ``Invoice Invoice Number`` column added), or by hand.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from clientexit.invoicing import _common
from clientexit.invoicing.cells import Dates, amount, iso_currency, optional_date, read_table
from clientexit.invoicing.rows import Imported, ImportedCredit, ImportedPayment, Parsed, Problem

INVOICE_COLUMNS = {
    "client": ("client name", "client"),
    "currency": ("client currency", "currency", "invoice currency"),
    "number": ("invoice invoice number", "invoice number", "number"),
    "amount": ("invoice amount", "amount"),
    "balance": ("invoice balance", "balance"),
    "paid_to_date": ("invoice paid to date", "paid to date"),
    "issued": ("invoice date", "date"),
    "due": ("invoice due date", "due date"),
    "status": ("invoice status", "status"),
}
PAYMENT_COLUMNS = {
    "client": ("client name", "client"),
    "date": ("payment date",),
    "amount": ("payment amount",),
    "refunded": ("payment refunded",),
    "number": ("payment number",),
    "invoice": ("invoice invoice number", "invoice number"),
    "status": ("payment status",),
    "method": ("payment method",),
}
# Statuses as the English locale writes them; not paid are drafts (never sent: not owed).
VOID = {"cancelled", "reversed"}
DRAFT = {"draft"}
NOT_RECEIVED = {"pending", "voided", "failed"}


def parse(text: str, order: str | None = None) -> Parsed:
    """The invoices of an invoice report."""
    table = read_table(
        text, "Invoice Ninja invoice report", INVOICE_COLUMNS, ("number", "amount", "client")
    )
    dates = Dates((table.cell(c, f) for _, c in table.rows for f in ("issued", "due")), order)
    parsed = Parsed("invoiceninja")

    def read(line: int, cells: list[str]) -> Imported | None:
        cell = functools.partial(table.cell, cells)
        status = cell("status").casefold()
        number = cell("number")
        if status in DRAFT or not number:
            return None  # a draft is not owed (and may have no number yet)
        total = _common.money(amount(cell("amount")), "invoice amount")
        paid_to_date = amount(cell("paid_to_date")) if cell("paid_to_date") else Decimal(0)
        inv = Imported(
            key=number,
            number=number,
            client=_common.needed(cell("client"), "client name"),
            currency=iso_currency(cell("currency")),
            amount=total,
            issued=optional_date(dates, cell("issued")),
            due=optional_date(dates, cell("due")),
            line=line,
            received=_common.money(paid_to_date, "paid to date"),
            void=status in VOID,
        )
        if inv.received and not inv.void:
            inv.notes.append(
                f"{inv.received} was paid on invoice {number} on days the invoice report does not "
                "give: import Invoice Ninja's payment report (with the Invoice Number column) to "
                "date it"
            )
        if cell("balance"):
            balance = amount(cell("balance"))
            if not inv.void and balance + inv.received < total:
                # Credits applied: the invoice asks for less than its amount.
                inv.credits.append(ImportedCredit(None, None, total - balance - inv.received))
        return inv

    parsed.invoices = _common.each_row(table, parsed, read)
    return parsed


def parse_payments(text: str, order: str | None = None) -> Parsed:
    """The payments of a payment report, each against the invoice it names."""
    table = read_table(
        text, "Invoice Ninja payment report", PAYMENT_COLUMNS, ("date", "amount", "invoice")
    )
    dates = Dates((table.cell(c, "date") for _, c in table.rows), order)
    parsed = Parsed("invoiceninja-payments")
    for line, cells in table.rows:
        cell = functools.partial(table.cell, cells)
        try:
            if cell("status").casefold() in NOT_RECEIVED:
                continue
            invoice = _common.needed(cell("invoice"), "invoice number")
            received = amount(cell("amount"))
            if cell("refunded"):
                received -= amount(cell("refunded"))
            if received <= 0:
                continue  # paid from a credit (0) or refunded in full: no money arrived
            payment = ImportedPayment(
                dates.parse(cell("date")),
                _common.money(received, "payment"),
                cell("number") or None,
            )
        except ValueError as exc:
            parsed.problems.append(Problem(line, str(exc)))
            continue
        parsed.payments.append((cell("client"), invoice, payment, line))
    return parsed
