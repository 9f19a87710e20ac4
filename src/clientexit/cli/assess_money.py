"""What an assessment says about late payment: the figure app/economics.py reckons (LateCost),
in words and in the client's currency."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clientexit.cli._common import money

if TYPE_CHECKING:
    from clientexit.app.economics import LateCost


def late_sentence(cost: LateCost, currency: str) -> str:
    """What the assessment says about it."""
    if cost.problem:
        why = cost.problem.rstrip(".")
        return f"Late payment: no statutory interest to put a price on it ({why})."
    if not cost.invoices:
        return "Late payment: no invoice was paid late in the last 12 months."
    per_hour = cost.per_hour
    hourly = "" if per_hour is None else f", {money(float(per_hour), currency)} per hour of work"
    count = f"{cost.invoices} invoice{'s' * (cost.invoices != 1)}"
    floor = "at least " if cost.at_least else ""
    return (
        f"Late payment over the last 12 months ({count}) tied up money worth {floor}"
        f"{money(float(cost.interest), currency)} at the statutory rate ({cost.law}){hourly}."
    )
