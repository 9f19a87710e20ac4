"""What the checklist adapts to: whether an end is decided, money owed, how the exit went."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clientexit.config import currency_for


@dataclass(frozen=True)
class Situation:
    """The facts about one client that decide which checklist items apply."""

    outstanding_amount: float
    outstanding_invoices: tuple[str, ...]
    currency: str
    hostile: bool
    reason: str
    abusive: bool = False
    decided: bool = True
    client_left: bool = False

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
            "abusive": self.abusive,
            "decided": self.decided,
            "client_left": self.client_left,
        }


def assess_situation(
    client: Mapping[str, Any], profile: Mapping[str, Any], today: dt.date | None = None
) -> Situation:
    """Read a client's record as of ``today`` (default: timeline.today()).

    Decided: an end is recorded (``end``, ``ended``), a termination letter was drafted, or the
    status is ending or former; until then the checklist is a plan and only invoices already
    overdue are money to collect (the others are not due yet). Hostile: an abusive or
    non-paying exit (lifecycle.hostile_exit, the rule the letters follow too); abusive: the
    conduct part of it alone. Client left: the lifecycle says the client ended it.
    """
    from clientexit import timeline
    from clientexit.book.lifecycle import hostile_exit
    from clientexit.record.model import client_of

    day = today or timeline.today()
    record = client_of(client)
    decided = (
        record.end_date is not None
        or any(row.termination for row in record.letters)
        or record.status in ("ending", "former")
    )
    unpaid = record.unpaid if decided else record.overdue(day)
    amount = sum(inv.amount for inv in unpaid)
    numbers = tuple(inv.number for inv in unpaid)
    currency = currency_for(client, profile)
    exit_ = hostile_exit(client, day)
    return Situation(
        round(amount, 2),
        numbers,
        currency,
        exit_.hostile,
        exit_.reason,
        abusive=bool(exit_.abusive),
        decided=decided,
        client_left=bool(record.ending and record.ending.ended_by == "client"),
    )
