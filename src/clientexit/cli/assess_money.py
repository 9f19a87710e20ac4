"""What the invoices on record tell an assessment: the payment answers they propose, and what
late payment costs per hour of work (the money tied up, at the statutory rate).

The CLI composes them: the record gives the payment figures, collect/ the statutory interest,
and the assessment's own economics the hours.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clientexit._paths import Paths
    from clientexit.assess.answers import Answers

WINDOW = dt.timedelta(days=365)


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

    def sentence(self, currency: str) -> str:
        """What the assessment says about it."""
        from clientexit.cli._common import money

        if self.problem:
            why = self.problem.rstrip(".")
            return f"Late payment: no statutory interest to put a price on it ({why})."
        if not self.invoices:
            return "Late payment: no invoice was paid late in the last 12 months."
        per_hour = self.per_hour
        hourly = (
            "" if per_hour is None else f", {money(float(per_hour), currency)} per hour of work"
        )
        count = f"{self.invoices} invoice{'s' * (self.invoices != 1)}"
        floor = "at least " if self.at_least else ""
        return (
            f"Late payment over the last 12 months ({count}) tied up money worth {floor}"
            f"{money(float(self.interest), currency)} at the statutory rate ({self.law}){hourly}."
        )

    def as_json(self) -> dict[str, Any]:
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
