"""How a client pays, from its invoices: average days to pay and days late, DSO over the last
12 months, and the share of invoices paid late.

- Days to pay: from the issue date to the day an invoice was paid in full, averaged over the
  invoices paid on a known day. Days late: the days after the due date it was paid (0 when on
  time), averaged over the same invoices.
- DSO (days sales outstanding) over the 365 days up to ``today``: what is owed at the end of
  ``today`` divided by what was billed in those 365 days (issue dates in the window, credit
  notes taken off), times 365. No invoice billed in the window: no DSO.
- Late share: of the invoices whose due date has passed (or that are paid), those paid after
  it or still unpaid after it.

Voided invoices count nowhere; one paid on days the import could not tell counts in DSO (it is
no longer owed) but not in the days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple, TypedDict

from clientexit.record.invoices import Invoice

WINDOW_DAYS = 365


class Fact(NamedTuple):
    """What the metrics read of one invoice (a client's cached summary keeps these)."""

    issued: dt.date | None
    due: dt.date | None
    paid: dt.date | None
    billed: float
    balance: float


def facts_of(invoices: Iterable[Invoice]) -> list[Fact]:
    """The facts of the invoices that count (not voided)."""
    return [
        Fact(inv.issued, inv.due, inv.paid, inv.billed, inv.balance)
        for inv in invoices
        if inv.void is None
    ]


@dataclass(frozen=True)
class Metrics:
    """A client's payment figures as of ``on`` (None where there is nothing to average)."""

    on: dt.date
    paid_count: int
    days_to_pay: float | None
    days_late: float | None
    dso: float | None
    due_count: int
    late_count: int

    @property
    def late_share(self) -> float | None:
        """Invoices paid late (or unpaid past due) as a share of those due, 0 to 1."""
        return self.late_count / self.due_count if self.due_count else None

    def late_frequency(self) -> str | None:
        """How often the client pays late, as an assessment answer (never, sometimes, often,
        always): by the share of invoices due that were paid late, under a third sometimes,
        under three quarters often; one late invoice is at most sometimes and two at most
        often (the third is a pattern). None before any invoice is due."""
        share = self.late_share
        if share is None:
            return None
        level = 0 if not self.late_count else 1 if share < 0.34 else 2 if share < 0.75 else 3
        return ("never", "sometimes", "often", "always")[min(level, self.late_count)]

    def as_dict(self) -> MetricsDict:
        """Plain data for --json: days to one decimal, the share in percent."""
        share = self.late_share
        return {
            "paid_invoices": self.paid_count,
            "average_days_to_pay": _one(self.days_to_pay),
            "average_days_late": _one(self.days_late),
            "dso_12_months": _one(self.dso),
            "invoices_due": self.due_count,
            "paid_late": self.late_count,
            "paid_late_percent": None if share is None else round(share * 100, 1),
        }


class MetricsDict(TypedDict):
    """``Metrics.as_dict()``: how a client pays, for --json and the portfolio's row."""

    paid_invoices: int
    average_days_to_pay: float | None
    average_days_late: float | None
    dso_12_months: float | None
    invoices_due: int
    paid_late: int
    paid_late_percent: float | None


def _one(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def metrics(facts: Sequence[Fact], today: dt.date) -> Metrics:
    """The payment figures of these invoices as of ``today`` (see the module docstring)."""
    paid = [f for f in facts if f.paid is not None and f.paid <= today]
    to_pay = [(f.paid - f.issued).days for f in paid if f.issued is not None and f.paid]
    late = [max(0, (f.paid - f.due).days) for f in paid if f.due is not None and f.paid]
    start = today - dt.timedelta(days=WINDOW_DAYS)
    billed = sum(
        (Decimal(str(f.billed)) for f in facts if f.issued and start < f.issued <= today),
        Decimal(0),
    )
    owed = sum(
        (Decimal(str(f.balance)) for f in facts if f.issued is None or f.issued <= today),
        Decimal(0),
    )
    due = [
        f for f in facts if f.due is not None and (f.due < today or (f.paid and f.paid <= today))
    ]
    late_count = sum(
        1
        for f in due
        if (f.paid is not None and f.due is not None and f.paid > f.due and f.billed)
        or (f.paid is None and f.balance > 0)
    )
    return Metrics(
        on=today,
        paid_count=len(paid),
        days_to_pay=sum(to_pay) / len(to_pay) if to_pay else None,
        days_late=sum(late) / len(late) if late else None,
        dso=float(owed / billed * WINDOW_DAYS) if billed else None,
        due_count=len(due),
        late_count=late_count,
    )


def suggest_payment_flags(data: Mapping[str, object], today: dt.date) -> dict[str, str]:
    """How often the client pays late, as an assessment frequency: ``{"late_payments": ...}``.

    Counts invoices whose due date has passed (paid or not); late = paid after the due date or
    still unpaid. Share of late ones: none -> never, under 34% -> sometimes, under 75% -> often,
    else always. One late invoice is at most "sometimes" and two at most "often": the third late
    payment is a pattern. No invoice due yet gives no suggestion (an empty dict).
    """
    from clientexit.record.invoices import invoices

    frequency = metrics(facts_of(invoices(data)), today).late_frequency()
    return {} if frequency is None else {"late_payments": frequency}
