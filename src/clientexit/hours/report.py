"""Monthly figures from stored hours: revenue, effective rate, and where the rate is heading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from clientexit.record.hours import TrackedMonth


@dataclass(frozen=True)
class MonthFigures:
    """One month with a client: hours, revenue (``revenue_from``: "invoices", "rate", or "" when
    neither is known) and the effective rate (revenue per hour worked, billed or not). Money is
    Decimal, to the cent, rounded once from whole seconds."""

    month: str
    billable_hours: float
    unbilled_hours: float
    revenue: Decimal | None
    revenue_from: str
    effective_rate: Decimal | None

    def as_json(self) -> dict[str, object]:
        def two(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        return {
            "month": self.month,
            "billable_hours": round(self.billable_hours, 2),
            "unbilled_hours": round(self.unbilled_hours, 2),
            "revenue": two(self.revenue),
            "revenue_from": self.revenue_from or None,
            "effective_rate": two(self.effective_rate),
        }


def first_day(month: str) -> dt.date:
    """The first day of a "YYYY-MM" month."""
    year, number = month.split("-")
    return dt.date(int(year), int(number), 1)


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_back(today: dt.date, count: int) -> str:
    """The month ``count - 1`` months before today's: the first of a window of ``count``."""
    index = today.year * 12 + today.month - 1 - (count - 1)
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """``value`` rounded to the cent, half up, as an invoice would."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def earned(seconds: int, rate: float | Decimal) -> Decimal:
    """What ``seconds`` of work bring at an hourly ``rate``: seconds x rate / 3600, in Decimal,
    rounded once to the cent (4 h 40 min at 1,500 is 7,000.00)."""
    return cents(Decimal(seconds) * Decimal(str(rate)) / 3600)


def figures(
    stored: Sequence[TrackedMonth],
    invoiced: Mapping[str, float | Decimal],
    rate_on: Callable[[dt.date], float | None],
) -> list[MonthFigures]:
    """Each stored month with its revenue: what was invoiced in it (``invoiced``: month ->
    amount), else the billable seconds at the rate in force on the month's first day."""
    rows = []
    for month in stored:
        revenue: Decimal | None
        if month.month in invoiced:
            revenue, source = cents(Decimal(str(invoiced[month.month]))), "invoices"
        else:
            rate = rate_on(first_day(month.month))
            revenue, source = (
                (None, "") if rate is None else (earned(month.billable_seconds, rate), "rate")
            )
        seconds = month.seconds
        effective = cents(revenue * 3600 / seconds) if revenue is not None and seconds > 0 else None
        rows.append(
            MonthFigures(
                month.month, month.billable_hours, month.unbilled_hours, revenue, source, effective
            )
        )
    return rows


def window(rows: Sequence[MonthFigures], today: dt.date, months: int) -> list[MonthFigures]:
    """The rows of the last ``months`` months up to today's."""
    first, last = months_back(today, months), month_of(today)
    return [row for row in rows if first <= row.month <= last]


@dataclass(frozen=True)
class Trend:
    """Where the effective rate is heading over some months: falling, rising or steady (the
    slope of a least-squares line), with the rate of the first and the last of them; "uneven"
    when those two months tell otherwise than the line, so that a sentence quoting them never
    contradicts itself."""

    direction: str
    first_month: str
    last_month: str
    start_rate: Decimal
    end_rate: Decimal


# A change of less than this share of the average over the window is "steady".
STEADY = 0.05
MIN_MONTHS = 3


def trend(rows: Sequence[MonthFigures]) -> Trend | None:
    """The trend of the effective rate (a least-squares line through the months that have
    one), or None with fewer than three such months."""
    points = [(row.month, row.effective_rate) for row in rows if row.effective_rate is not None]
    if len(points) < MIN_MONTHS:
        return None
    xs = [float(i) for i in range(len(points))]
    ys = [float(rate) for _, rate in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    change = slope * xs[-1]  # from the line's first month to its last
    first, last = points[0][1], points[-1][1]
    if mean_y <= 0 or abs(change) < STEADY * mean_y:
        direction = "steady"
    else:
        direction = "falling" if change < 0 else "rising"
    # The sentence quotes the first and the last month: it may not call a rise what they show
    # as a fall, or as no change at all (the line may slope while the two ends are equal).
    ends_apart = abs(float(last - first)) >= STEADY * mean_y
    if (
        (direction == "rising" and last <= first)
        or (direction == "falling" and last >= first)
        or (direction == "steady" and ends_apart)
    ):
        direction = "uneven"
    return Trend(direction, points[0][0], points[-1][0], first, last)


@dataclass(frozen=True)
class Measured:
    """A typical month from tracked hours: the averages of whole months before this one."""

    monthly_revenue: float  # to the cent
    billable_hours: float
    unbilled_hours: float
    first_month: str
    last_month: str
    months: int


def measured(rows: Sequence[MonthFigures], today: dt.date, months: int = 3) -> Measured | None:
    """The average month over the last ``months`` whole months with hours and a revenue (the
    current month is still running and is left out); None when there is none."""
    current = month_of(today)
    usable = [r for r in rows if r.month < current and r.revenue is not None][-months:]
    if not usable:
        return None
    count = len(usable)
    return Measured(
        monthly_revenue=float(
            cents(sum((r.revenue or Decimal(0) for r in usable), Decimal(0)) / count)
        ),
        billable_hours=round(sum(r.billable_hours for r in usable) / count, 2),
        unbilled_hours=round(sum(r.unbilled_hours for r in usable) / count, 2),
        first_month=usable[0].month,
        last_month=usable[-1].month,
        months=count,
    )
