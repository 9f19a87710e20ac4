"""The payment term and the pay-by date a letter asks overdue invoices for. The letters and the
client's copy of the handover checklist use the same rule, so both give the same date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from clientexit.record.invoices import Invoice

# The payment term assumed when no invoice says it (issued and due both recorded).
DEFAULT_PAYMENT_DAYS = 14
# Overdue invoices are asked for within the payment term, but never more than two weeks out.
MAX_PAY_BY_DAYS = 14


def payment_days(invoices: Sequence[Invoice]) -> int:
    """The payment term in days: that of the latest invoice with an issue and a due date."""
    for inv in reversed(invoices):
        if inv.issued and inv.due and inv.due >= inv.issued:
            return (inv.due - inv.issued).days
    return DEFAULT_PAYMENT_DAYS


def pay_by(
    invoices: Sequence[Invoice],
    day: dt.date,
    working_day: Callable[[dt.date], dt.date] = lambda d: d,
) -> dt.date:
    """The date overdue invoices are asked for in a letter drafted on ``day``: the payment term
    from then, at most two weeks (a week for a term of 0 days), moved to a working day."""
    days = payment_days(invoices)
    return working_day(day + dt.timedelta(days=min(days, MAX_PAY_BY_DAYS) or 7))
