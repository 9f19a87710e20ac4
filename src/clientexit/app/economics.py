"""The economics of a client's work, for ``hours CLIENT`` and for ``assess``: the months
`clientexit hours` keeps with their revenue and effective rate, the trend, a typical month
measured from tracked hours, the payment answers the invoices propose, and what late payment
cost per hour of work (the money tied up, at the statutory rate). They join the record, hours/,
collect/ and assess/, which never import each other; the CLI words and prints them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.assess.answers import Answers
    from clientexit.hours.report import Measured, MonthFigures, Trend
    from clientexit.record.model import Client, Profile

# How far back an assessment looks for the trend of the effective rate.
TREND_MONTHS = 12
# How far back late payment is counted.
WINDOW = dt.timedelta(days=365)


@dataclass(frozen=True)
class ClientHours:
    """A client's months as `hours CLIENT` shows them."""

    slug: str
    name: str
    currency: str
    target_rate: float | None
    months: int
    rows: list[MonthFigures]
    trend: Trend | None

    def as_json(self) -> dict[str, object]:
        return {
            "client": self.slug,
            "name": self.name,
            "currency": self.currency,
            "target_rate": self.target_rate,
            "trend": self.trend.direction if self.trend else None,
            "months": [row.as_json() for row in self.rows],
        }


def invoiced_by_month(record: Client) -> dict[str, float]:
    """What was invoiced in each month (by the day each invoice was issued)."""
    from clientexit.hours.report import month_of

    totals: dict[str, float] = {}
    for invoice in record.invoices:
        if invoice.issued is not None:
            month = month_of(invoice.issued)
            totals[month] = totals.get(month, 0.0) + invoice.amount
    return totals


def client_figures(record: Client) -> list[MonthFigures]:
    """Every stored month of a client with its revenue and effective rate."""
    from clientexit.hours import report

    return report.figures(record.tracked_months, invoiced_by_month(record), record.rate_on)


def client_view(record: Client, profile: Profile, today: dt.date, months: int) -> ClientHours:
    """The last ``months`` months of a client, with the target rate and the trend."""
    from clientexit.assess.run import suggested_target
    from clientexit.hours import report

    rows = report.window(client_figures(record), today, months)
    return ClientHours(
        slug=record.slug,
        name=record.name,
        currency=record.billing_currency(profile),
        target_rate=suggested_target(None, record, profile),
        months=months,
        rows=rows,
        trend=report.trend(rows),
    )


@dataclass(frozen=True)
class TrackedTrend:
    """What an assessment says about the hours `clientexit hours` keeps for the client."""

    slug: str
    trend: Trend | None
    measured: Measured | None

    def as_json(self) -> dict[str, object]:
        trend = self.trend
        measured = self.measured
        return {
            "trend": trend.direction if trend else None,
            "first_month": trend.first_month if trend else None,
            "last_month": trend.last_month if trend else None,
            "first_rate": float(trend.start_rate) if trend else None,
            "last_rate": float(trend.end_rate) if trend else None,
            "measured": None
            if measured is None
            else {
                "monthly_revenue": measured.monthly_revenue,
                "billable_hours": measured.billable_hours,
                "unbilled_hours": measured.unbilled_hours,
                "first_month": measured.first_month,
                "last_month": measured.last_month,
                "months": measured.months,
            },
        }


def _tracked_client(where: Paths, name: str) -> Client | None:
    from clientexit import clients

    slug = clients.find_slug(where, name)
    if slug is None:
        return None
    record = clients.load(where, slug)
    return record if record.tracked_months else None


def tracked_trend(where: Paths, name: str) -> TrackedTrend | None:
    """The trend of the effective rate and the measured month, for a client with tracked
    hours; None for one without."""
    from clientexit import timeline
    from clientexit.hours import report

    record = _tracked_client(where, name)
    if record is None:
        return None
    rows = client_figures(record)
    today = timeline.today()
    trend = report.trend(report.window(rows, today, TREND_MONTHS))
    return TrackedTrend(record.slug, trend, report.measured(rows, today))


@dataclass(frozen=True)
class MeasuredMonth:
    """A typical month of a client measured from tracked hours (the last whole months), in the
    currency the client is billed in."""

    slug: str
    measured: Measured
    currency: str


def measured_month(where: Paths, name: str) -> MeasuredMonth | None:
    """The economics of a typical month from tracked hours (the last three whole months); None
    without tracked hours."""
    from clientexit import config, timeline
    from clientexit.hours import report

    record = _tracked_client(where, name)
    if record is None:
        return None
    measured = report.measured(client_figures(record), timeline.today())
    if measured is None:
        return None
    currency = record.billing_currency(config.load_profile(where))
    return MeasuredMonth(record.slug, measured, currency)


def with_measured(previous: Answers | None, measured: Measured) -> Answers:
    """Last time's answers (or none) with the economics measured from tracked hours."""
    import dataclasses

    from clientexit.assess.answers import Answers

    base = previous or Answers({}, monthly_revenue=0.0, billable_hours=0.0, unbilled_hours=0.0)
    return dataclasses.replace(
        base,
        monthly_revenue=measured.monthly_revenue,
        billable_hours=measured.billable_hours,
        unbilled_hours=measured.unbilled_hours,
    )


def proposed_payments(where: Paths, name: str, today: dt.date) -> tuple[dict[str, str], str]:
    """The payment answers the record proposes ({"late_payments": ...}) and the sentence that
    says why; nothing for a client with no invoice due yet."""
    from clientexit import clients

    client = clients.ClientFiles(where).find_client(name)
    if client is None:
        return {}, ""
    found = client.payment_metrics(today)
    frequency = found.late_frequency()
    if frequency is None:
        return {}, ""
    late = f", {found.days_late:.1f} days late on average" if found.days_late else ""
    return {"late_payments": frequency}, (
        f"From the invoices on record: {found.late_count} of {found.due_count} paid late{late}; "
        f'proposed "{frequency}" for late payments.'
    )


def with_proposals(previous: Answers | None, proposed: dict[str, str]) -> Answers | None:
    """Last time's answers (or none) with the proposed payment answers as the defaults."""
    if not proposed:
        return previous
    import dataclasses

    from clientexit.assess.answers import Answers

    base = previous or Answers({}, monthly_revenue=0.0, billable_hours=0.0, unbilled_hours=0.0)
    flags = {**base.red_flags, **proposed}
    return dataclasses.replace(base, red_flags={k: v for k, v in flags.items() if v != "never"})


@dataclass(frozen=True)
class LateCost:
    """Statutory interest on the invoices paid (or still unpaid) after their due date in the
    last 12 months, and what that is per hour of work (the assessment's hours a month x 12)."""

    interest: Decimal
    invoices: int
    hours: float
    law: str
    problem: str | None = None
    at_least: bool = False  # some days had no rate in the rates file: the figure is a floor

    @property
    def per_hour(self) -> Decimal | None:
        if self.problem or not self.hours:
            return None
        return (self.interest / Decimal(str(self.hours))).quantize(Decimal("0.01"))

    def as_json(self) -> dict[str, object]:
        per_hour = self.per_hour
        return {
            "interest_12_months": None if self.problem else float(self.interest),
            "late_invoices": self.invoices,
            "hours_12_months": self.hours,
            "per_hour": None if per_hour is None else float(per_hour),
            "law": self.law or None,
            "at_least": self.at_least,
            "problem": self.problem,
        }


def late_cost(where: Paths, slug: str, answers: Answers, today: dt.date) -> LateCost | None:
    """What late payment cost this client's work over the last 12 months; None without a
    record or invoices."""
    from clientexit import clients, config, exchange
    from clientexit.collect import interest as core
    from clientexit.collect import law, rates

    client = clients.ClientFiles(where).find_client(slug)
    if client is None or not client.invoices:
        return None
    hours = round((answers.billable_hours + answers.unbilled_hours) * 12, 2)
    profile = config.load_profile(where)
    governing = law.resolve(rates.load(where), client, profile)
    if not governing.claimable:
        return LateCost(Decimal(0), 0, hours, "", governing.problem or "no statutory rate")
    recent = [inv for inv in client.invoices if inv.due is not None and inv.due > today - WINDOW]
    claim = core.reckon_for(
        governing,
        recent,
        today,
        currency=client.billing_currency(profile),
        fx=exchange.lookup(where),
    )
    missing = ", ".join(str(p) for p in claim.missing)
    if missing and not claim.interest:
        problem = f"the rates file has no rate for {missing}: clientexit rates update"
        return LateCost(Decimal(0), len(claim.invoices), hours, governing.law, problem)
    return LateCost(claim.interest, len(claim.invoices), hours, governing.law, None, bool(missing))
