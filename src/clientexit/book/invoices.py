"""Invoices (``[[invoices]]``): adding, marking paid, and how often a client pays late.

Reading them (``invoices()``, ``outstanding()``, ``totals()``, the Invoice record) is the record
layer's job (record/invoices.py); they are imported here for the reports and commands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from clientexit._errors import InvalidValue, NotFoundError, UsageError
from clientexit.book._parse import as_date, one_line
from clientexit.record.invoices import Invoice, Totals, check, invoices, outstanding, totals

__all__ = ["Invoice", "Totals", "check", "find_payable", "invoices", "new_invoice", "outstanding"]
__all__ += ["suggest_payment_flags", "totals"]


def suggest_payment_flags(data: Mapping[str, Any], today: dt.date) -> dict[str, str]:
    """How often the client pays late, as an assessment frequency: ``{"late_payments": ...}``.

    Counts invoices whose due date has passed (paid or not); late = paid after the due date or
    still unpaid. Share of late ones: none -> never, under 34% -> sometimes, under 75% -> often,
    else always. One late invoice is at most "sometimes" and two at most "often": the third late
    payment is a pattern. No invoice due yet gives no suggestion (an empty dict).
    """
    from clientexit.record.payment_metrics import facts_of, metrics

    frequency = metrics(facts_of(invoices(data)), today).late_frequency()
    return {} if frequency is None else {"late_payments": frequency}


def new_invoice(
    existing: Sequence[Mapping[str, Any]],
    number: str,
    amount: float,
    issued: dt.date,
    due: dt.date,
    today: dt.date,
) -> Invoice:
    """Validate an invoice to add; its number must be new for this client, and it is issued
    ``today`` or earlier (an invoice is recorded once sent; its due date may be later)."""
    from clientexit.secretcheck import refuse_secrets

    number = refuse_secrets(one_line(number, "The invoice number"), "The invoice number")
    if any(str(e.get("number")) == number for e in existing):
        raise UsageError(
            f"Invoice {number} is already recorded for this client.",
            "Use another number, or mark it paid with: invoice CLIENT paid NUMBER",
        )
    if issued > today:
        raise InvalidValue(
            "issued",
            issued,
            "is in the future",
            "Record an invoice once it is sent (only its due date may be later); check the year.",
            what="issue date",
        )
    if due < issued:
        raise InvalidValue(
            "due",
            due,
            f"is before the issue date {issued}",
            "Check the two dates.",
            what="due date",
        )
    return Invoice(number, amount, issued, due)


def find_payable(
    existing: Sequence[Mapping[str, Any]], number: str, on: dt.date, today: dt.date
) -> int:
    """The index of the unpaid invoice ``number`` that can be marked paid ``on`` that date."""
    if on > today:
        raise InvalidValue(
            "on",
            on,
            "is in the future",
            "Record what has already happened; check the year.",
            what="payment date",
        )
    for index, entry in enumerate(existing):
        if str(entry.get("number")) != number.strip():
            continue
        if entry.get("paid") is not None:
            raise UsageError(f"Invoice {number} was already marked paid on {entry['paid']}.")
        issued = as_date(entry.get("issued"))
        if issued is not None and on < issued:
            raise InvalidValue(
                "on", on, f"is before invoice {number} was issued ({issued})", what="payment date"
            )
        return index
    known = ", ".join(str(e.get("number")) for e in existing) or "none yet"
    raise NotFoundError(f"No invoice {number} for this client.", f"Recorded invoices: {known}.")
