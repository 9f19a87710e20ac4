"""What the checklist adapts to: money still owed, and whether the exit is hostile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clientexit.book.invoices import invoices
from clientexit.config import currency_for


@dataclass(frozen=True)
class Situation:
    """The facts about one client that decide which checklist items apply."""

    outstanding_amount: float
    outstanding_invoices: tuple[str, ...]
    currency: str
    hostile: bool
    reason: str

    @property
    def outstanding(self) -> bool:
        return bool(self.outstanding_invoices)

    @property
    def ended_well(self) -> bool:
        return not self.hostile

    def conditions(self) -> dict[str, bool]:
        """The named conditions the checklist data's ``when``/``unless`` refer to."""
        return {
            "outstanding": self.outstanding,
            "hostile": self.hostile,
            "ended_well": self.ended_well,
        }


def assess_situation(
    client: Mapping[str, Any], profile: Mapping[str, Any], today: dt.date | None = None
) -> Situation:
    """Read a client's record as of ``today`` (default: timeline.today()): unpaid invoices (no
    ``paid`` date), and whether the exit is abusive or non-paying (lifecycle.hostile_exit, the
    rule the letters follow too)."""
    from clientexit import timeline
    from clientexit.book.lifecycle import hostile_exit

    unpaid = [inv for inv in invoices(client) if inv.paid is None]
    amount = sum(inv.amount for inv in unpaid)
    numbers = tuple(inv.number for inv in unpaid)
    currency = currency_for(client, profile)
    exit_ = hostile_exit(client, today or timeline.today())
    return Situation(round(amount, 2), numbers, currency, exit_.hostile, exit_.reason)
