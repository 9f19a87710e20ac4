"""Churn over a period: clients gained and lost, two churn rates, revenue lost, reasons.

Definitions (documented for the user in ``clientexit churn --help``):
- gained: clients whose first day (``started``, else ``created``) falls in the period;
- lost: clients whose last day (``[lifecycle] end_date``, else ``ended``) falls in the period and
  has come (is on or before today);
- scheduled: clients whose last day falls in the period but is still ahead (given notice, or
  leaving): shown apart, not counted as lost until that day comes;
- at start: clients started before the period and not ended before it;
- simple churn = lost / gained x 100 (the form many guides use: 10 lost of 250 gained = 4%);
- standard churn = lost / clients at the start x 100;
- revenue lost: per currency, the sum of each lost client's monthly revenue (record.summary's
  ``monthly_revenue``): the ``monthly_revenue`` of its last assessment, else its invoices'
  monthly average over the 12 months before it ended (total invoiced / months from the first
  of those invoices to the end, 1 to 12).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from clientexit._errors import InvalidValue, UsageError
from clientexit.record.model import DEFAULT_CURRENCY
from clientexit.record.summary import Summary

_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ANY_YEAR = re.compile(r"^(\d{4})")


@dataclass(frozen=True)
class Period:
    """An inclusive range of days with a label such as 2026Q3."""

    start: dt.date
    end: dt.date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def quarter(year: int, q: int) -> Period:
    """The calendar quarter ``q`` (1-4) of ``year``."""
    start = dt.date(year, 3 * q - 2, 1)
    end = _month_end(year, 3 * q)
    return Period(start, end, f"{year}Q{q}")


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def parse_period(text: str) -> Period:
    """``2026Q3`` (a quarter), ``2026`` (a year) or ``2026-07`` (a month), within the dates
    clientexit works with (timeline.plausible)."""
    from clientexit.timeline import FIRST_DAY, LAST_DAY, plausible

    text = text.strip()
    year = int(match[1]) if (match := _ANY_YEAR.match(text)) else None
    if year is not None and not FIRST_DAY.year <= year <= LAST_DAY.year:
        # Checked before any day is built: the end of 9999Q4 would be in year 10000.
        raise UsageError(
            f"--period {text} is outside the dates clientexit works with "
            f"({FIRST_DAY.year} to {LAST_DAY.year}).",
            "Check the year.",
        )
    period = _period(text)
    plausible(period.start, "--period")
    plausible(period.end, "--period")
    return period


def _period(text: str) -> Period:
    if match := _QUARTER.match(text):
        return quarter(int(match[1]), int(match[2]))
    if match := _YEAR.match(text):
        year = int(match[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))
    if (match := _MONTH.match(text)) and 1 <= int(match[2]) <= 12:
        year, month = int(match[1]), int(match[2])
        return Period(dt.date(year, month, 1), _month_end(year, month), text)
    raise InvalidValue(
        "period",
        repr(text),
        "is not a period",
        "Write a quarter (2026Q3), a year (2026) or a month.",
    )


def between(first: dt.date, last: dt.date) -> Period:
    """The days from ``first`` to ``last``, both included."""
    if last < first:
        raise InvalidValue("last", last, f"is before the first day {first}", what="last day")
    return Period(first, last, f"{first} to {last}")


def quarters_between(period: Period) -> list[Period]:
    """The calendar quarters that overlap ``period``, each cut to the period's days."""
    result: list[Period] = []
    year, q = period.start.year, (period.start.month - 1) // 3 + 1
    while True:
        whole = quarter(year, q)
        if whole.start > period.end:
            return result
        result.append(
            Period(max(whole.start, period.start), min(whole.end, period.end), whole.label)
        )
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)


def simple_rate(lost: int, gained: int) -> float | None:
    """Clients lost per 100 gained (None when none were gained)."""
    return round(lost / gained * 100, 2) if gained else None


def standard_rate(lost: int, at_start: int) -> float | None:
    """Clients lost per 100 clients at the start of the period (None when there were none)."""
    return round(lost / at_start * 100, 2) if at_start else None


@dataclass(frozen=True)
class Lost:
    """A client lost in the period (or, in ``Churn.scheduled``, due to end in it)."""

    name: str
    end_date: dt.date
    ended_by: str | None
    reason_category: str | None
    monthly_revenue: float | None
    currency: str


@dataclass
class Churn:
    """The churn figures for one period (see the module docstring for the definitions)."""

    period: Period
    gained: int = 0
    at_start: int = 0
    lost: list[Lost] = field(default_factory=list)
    scheduled: list[Lost] = field(default_factory=list)  # end date in the period, still ahead
    undated_former: int = 0  # former clients with no end date: not counted anywhere
    quarters: list[tuple[str, int, int]] = field(default_factory=list)  # label, gained, lost

    @property
    def simple_rate(self) -> float | None:
        return simple_rate(len(self.lost), self.gained)

    @property
    def standard_rate(self) -> float | None:
        return standard_rate(len(self.lost), self.at_start)

    def revenue_lost(self) -> dict[str, float]:
        """Monthly revenue lost, per currency."""
        return _revenue(self.lost)

    def revenue_scheduled(self) -> dict[str, float]:
        """Monthly revenue of the clients scheduled to end in the period, per currency."""
        return _revenue(self.scheduled)

    def reasons(self) -> dict[str, list[tuple[str, int]]]:
        """The reason categories by who ended it (me, client, unrecorded), most common first."""
        split: dict[str, Counter[str]] = {}
        for item in self.lost:
            who = item.ended_by or "unrecorded"
            split.setdefault(who, Counter())[item.reason_category or "unrecorded"] += 1
        return {
            who: sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            for who, counts in sorted(split.items())
        }

    def as_dict(self) -> dict[str, object]:
        return {
            "period": {
                "label": self.period.label,
                "from": self.period.start,
                "to": self.period.end,
            },
            "gained": self.gained,
            "lost": len(self.lost),
            "at_start": self.at_start,
            "simple_churn_percent": self.simple_rate,
            "standard_churn_percent": self.standard_rate,
            "revenue_lost_monthly": self.revenue_lost(),
            "reasons": {
                who: [{"category": c, "count": n} for c, n in items]
                for who, items in self.reasons().items()
            },
            "lost_clients": [vars(item) for item in sorted(self.lost, key=lambda i: i.end_date)],
            "scheduled": len(self.scheduled),
            "revenue_scheduled_monthly": self.revenue_scheduled(),
            "scheduled_clients": [
                vars(item) for item in sorted(self.scheduled, key=lambda i: i.end_date)
            ],
            "undated_former": self.undated_former,
            "quarters": [{"quarter": q, "gained": g, "lost": n} for q, g, n in self.quarters],
        }


def _revenue(items: Iterable[Lost]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for item in items:
        if item.monthly_revenue is not None:
            totals[item.currency] = round(totals.get(item.currency, 0.0) + item.monthly_revenue, 2)
    return totals


def compute(
    records: Iterable[Summary],
    period: Period,
    currency: str = "",
    today: dt.date | None = None,
) -> Churn:
    """Churn over ``period`` for clients (their summaries) as of ``today``
    (default: timeline.today()); ``currency`` is the default currency."""
    if today is None:
        from clientexit import timeline

        today = timeline.today()
    result = Churn(period)
    parts = quarters_between(period)
    gained_q, lost_q = Counter[str](), Counter[str]()
    for client in records:
        start, end = client.start, client.end
        if end is None and client.status == "former":
            result.undated_former += 1
            continue
        if start is not None and start in period:
            result.gained += 1
            gained_q[next(p.label for p in parts if start in p)] += 1
        elif start is not None and start < period.start and (end is None or end >= period.start):
            result.at_start += 1
        if end is not None and end in period:
            if end <= today:
                lost_q[next(p.label for p in parts if end in p)] += 1
            (result.lost if end <= today else result.scheduled).append(
                Lost(
                    name=client.name,
                    end_date=end,
                    ended_by=client.ended_by,
                    reason_category=client.reason_category,
                    monthly_revenue=client.monthly_revenue,
                    currency=client.currency or currency.strip().upper() or DEFAULT_CURRENCY,
                )
            )
    result.quarters = [(p.label, gained_q[p.label], lost_q[p.label]) for p in parts]
    return result
