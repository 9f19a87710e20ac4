"""What a letter says about money: what is overdue, what falls due later and when, the final
invoice, a pay-by date, and which invoice a goodwill gesture concerns.

A letter never asks for an amount as "due now" when part of it is not yet due: the overdue
invoices and the ones still running are kept apart here, and the templates name each group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clientexit._errors import InvalidValue
from clientexit.record.invoices import Invoice
from clientexit.record.payterms import pay_by as default_pay_by
from clientexit.record.payterms import payment_days

if TYPE_CHECKING:
    from clientexit.record.model import Client

GOODWILL = ("refund", "waive")


@dataclass(frozen=True)
class Money:
    """The money facts of one letter, as of ``today``."""

    overdue: tuple[Invoice, ...]  # unpaid, past their due date, still asked for
    later: tuple[Invoice, ...]  # unpaid, not yet due, still asked for
    waived: Invoice | None  # --goodwill waive: the invoice given up
    refunded: Invoice | None  # --goodwill refund: the invoice refunded
    final_invoice: bool  # a final invoice for the work up to the end date will follow
    final_waived: bool  # --goodwill waive with nothing unpaid: no final invoice at all
    payment_days: int
    pay_by: dt.date  # the date asked for the overdue invoices
    final_due: dt.date | None  # when the final invoice falls due

    @property
    def overdue_total(self) -> float:
        return round(sum(inv.balance for inv in self.overdue), 2)

    @property
    def later_total(self) -> float:
        return round(sum(inv.balance for inv in self.later), 2)

    @property
    def owing(self) -> bool:
        """Anything asked for now, later, or with the final invoice."""
        return bool(self.overdue or self.later or self.final_invoice)


def money(
    client: Client,
    invoices: Sequence[Invoice],
    *,
    today: dt.date,
    end_date: dt.date,
    goodwill: str | None,
    pay_by: dt.date | None = None,
    termination: bool = True,
    working_day: Callable[[dt.date], dt.date] = lambda day: day,
) -> Money:
    """The money facts for a letter to ``client``; a goodwill gesture that the record does not
    support is refused (see ``check_goodwill``). ``working_day`` moves a computed due date off a
    weekend or holiday (a --pay-by given by hand is kept as given)."""
    unpaid = [inv for inv in invoices if inv.is_open and inv.balance]
    refunded = check_goodwill(client, invoices, goodwill)
    waived = unpaid[-1] if goodwill == "waive" and unpaid else None
    asked = [inv for inv in unpaid if inv is not waived]
    days = payment_days(invoices)
    ongoing = not client.project_engagement
    final_waived = goodwill == "waive" and waived is None
    final = termination and ongoing and end_date >= today and not final_waived
    return Money(
        overdue=tuple(inv for inv in asked if inv.days_overdue(today)),
        later=tuple(inv for inv in asked if not inv.days_overdue(today)),
        waived=waived,
        refunded=refunded,
        final_invoice=final,
        final_waived=final_waived,
        payment_days=days,
        pay_by=pay_by or default_pay_by(invoices, today, working_day),
        final_due=working_day(end_date + dt.timedelta(days=days)) if final else None,
    )


def check_goodwill(
    client: Client, invoices: Sequence[Invoice], goodwill: str | None
) -> Invoice | None:
    """The invoice a refund gives back (the last one, paid), or None for a waiver. A gesture the
    record does not support (record/goodwill.py) is refused with what to offer instead."""
    from clientexit.record.goodwill import refusal

    if goodwill is None:
        return None
    if goodwill not in GOODWILL:
        raise InvalidValue(
            "goodwill", repr(goodwill), f"is not {' or '.join(GOODWILL)}", what="goodwill"
        )
    refused = refusal(goodwill, client.engagement, invoices)
    if refused is not None:
        raise InvalidValue("goodwill", goodwill, refused.problem, refused.instead, what="goodwill")
    if goodwill == "waive":
        return None
    return [inv for inv in invoices if inv.billed][-1]
