"""Invoices (``[[invoices]]``): adding, marking paid, what is outstanding and how late.

``outstanding`` and ``suggest_payment_flags`` are used by the assessment and the payment letter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from clientexit._errors import NotFoundError, UsageError
from clientexit.book._parse import as_date, not_future, one_line, parse_amount, parse_date


@dataclass(frozen=True)
class Invoice:
    """One invoice as recorded; ``paid`` is None while it is unpaid."""

    number: str
    amount: float
    issued: dt.date | None
    due: dt.date | None
    paid: dt.date | None = None

    def days_overdue(self, today: dt.date) -> int:
        """Days past the due date of an unpaid invoice (0 when paid or not yet due)."""
        if self.paid is not None or self.due is None or today <= self.due:
            return 0
        return (today - self.due).days

    def days_late(self) -> int:
        """Days after the due date a paid invoice was paid (0 when on time or unpaid)."""
        if self.paid is None or self.due is None or self.paid <= self.due:
            return 0
        return (self.paid - self.due).days

    def was_late(self, today: dt.date) -> bool:
        """Paid after its due date, or still unpaid after it."""
        return self.days_late() > 0 or self.days_overdue(today) > 0

    def as_dict(self) -> dict[str, Any]:
        entry = {
            "number": self.number,
            "amount": self.amount,
            "issued": self.issued,
            "due": self.due,
        }
        if self.paid is not None:
            entry["paid"] = self.paid
        return entry


@dataclass(frozen=True)
class Totals:
    """Money still owed: everything unpaid, and the part of it already past due."""

    outstanding: float
    overdue: float
    unpaid_count: int
    overdue_count: int
    max_days_overdue: int


def invoices(data: Mapping[str, Any]) -> list[Invoice]:
    """The client's invoices in the order they were issued."""
    found = []
    for entry in data.get("invoices") or []:
        if not isinstance(entry, Mapping):
            continue
        amount = entry.get("amount", 0)
        found.append(
            Invoice(
                number=str(entry.get("number", "")),
                amount=float(amount) if isinstance(amount, int | float) else 0.0,
                issued=as_date(entry.get("issued")),
                due=as_date(entry.get("due")),
                paid=as_date(entry.get("paid")),
            )
        )
    return sorted(found, key=lambda i: (i.issued or dt.date.min, i.number))


def outstanding(data: Mapping[str, Any], today: dt.date) -> list[Invoice]:
    """Unpaid invoices, the longest overdue first; ``inv.days_overdue(today)`` says how late."""
    unpaid = [inv for inv in invoices(data) if inv.paid is None]
    return sorted(unpaid, key=lambda i: (-i.days_overdue(today), i.due or dt.date.max, i.number))


def totals(data: Mapping[str, Any], today: dt.date) -> Totals:
    """Outstanding and overdue sums for a client."""
    unpaid = outstanding(data, today)
    overdue = [inv for inv in unpaid if inv.days_overdue(today) > 0]
    return Totals(
        outstanding=round(sum(inv.amount for inv in unpaid), 2),
        overdue=round(sum(inv.amount for inv in overdue), 2),
        unpaid_count=len(unpaid),
        overdue_count=len(overdue),
        max_days_overdue=max((inv.days_overdue(today) for inv in unpaid), default=0),
    )


def suggest_payment_flags(data: Mapping[str, Any], today: dt.date) -> dict[str, str]:
    """How often the client pays late, as an assessment frequency: ``{"late_payments": ...}``.

    Counts invoices whose due date has passed (paid or not); late = paid after the due date or
    still unpaid. Share of late ones: none -> never, under 34% -> sometimes, under 75% -> often,
    else always. One late invoice is at most "sometimes" and two at most "often": the third late
    payment is a pattern. No invoice due yet gives no suggestion (an empty dict).
    """
    settled = [i for i in invoices(data) if i.due is not None and (i.paid or i.due < today)]
    if not settled:
        return {}
    late = sum(1 for i in settled if i.was_late(today))
    share = late / len(settled)
    levels = ("never", "sometimes", "often", "always")
    level = 0 if late == 0 else 1 if share < 0.34 else 2 if share < 0.75 else 3
    return {"late_payments": levels[min(level, late)]}


def new_invoice(
    existing: Sequence[Mapping[str, Any]], number: str, amount: str, issued: str, due: str
) -> Invoice:
    """Validate an invoice to add; its number must be new for this client."""
    number = one_line(number, "The invoice number")
    if any(str(e.get("number")) == number for e in existing):
        raise UsageError(
            f"Invoice {number} is already recorded for this client.",
            "Use another number, or mark it paid with: invoice CLIENT paid NUMBER",
        )
    issued_on, due_on = parse_date(issued, "--issued"), parse_date(due, "--due")
    if due_on < issued_on:
        raise UsageError(f"--due {due_on} is before --issued {issued_on}.", "Check the two dates.")
    return Invoice(number, parse_amount(amount, "The amount"), issued_on, due_on)


def find_payable(
    existing: Sequence[Mapping[str, Any]], number: str, on: dt.date, today: dt.date
) -> int:
    """The index of the unpaid invoice ``number`` that can be marked paid ``on`` that date."""
    not_future(on, today, "--on")
    for index, entry in enumerate(existing):
        if str(entry.get("number")) != number.strip():
            continue
        if entry.get("paid") is not None:
            raise UsageError(f"Invoice {number} was already marked paid on {entry['paid']}.")
        issued = as_date(entry.get("issued"))
        if issued is not None and on < issued:
            raise UsageError(f"--on {on} is before invoice {number} was issued ({issued}).")
        return index
    known = ", ".join(str(e.get("number")) for e in existing) or "none yet"
    raise NotFoundError(f"No invoice {number} for this client.", f"Recorded invoices: {known}.")
