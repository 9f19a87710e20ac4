"""What the checklist adapts to: money still owed, and whether the exit is hostile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clientexit.record.model import Client, Profile, client_of


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
    record: Client | Mapping[str, Any],
    profile: Profile | Mapping[str, Any],
    today: dt.date | None = None,
) -> Situation:
    """Read a client's record as of ``today`` (default: timeline.today()): unpaid invoices (no
    ``paid`` date), and whether the exit is abusive or non-paying (Client.hostile_exit, the rule
    the letters follow too)."""
    from clientexit import timeline

    client = client_of(record)
    unpaid = client.unpaid
    exit_ = client.hostile_exit(today or timeline.today())
    return Situation(
        round(sum(inv.amount for inv in unpaid), 2),
        tuple(inv.number for inv in unpaid),
        client.billing_currency(profile),
        exit_.hostile,
        exit_.reason,
    )
