"""What the checklist adapts to: whether an end is decided, money owed, how the exit went."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from clientexit.record.model import Client, Profile


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
    referral_fits: bool = True
    final_invoice: bool = True  # an ongoing engagement: a final invoice follows the end

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
            "referral_fits": self.referral_fits,
            "final_invoice": self.final_invoice,
        }


def assess_situation(
    client: Client,
    profile: Profile,
    today: dt.date | None = None,
) -> Situation:
    """Read a client's record as of ``today`` (default: timeline.today()).

    Decided: an end is recorded (``end``, ``ended``), a termination letter was drafted, or the
    status is ending or former; until then the checklist is a plan and only invoices already
    overdue are money to collect (the others are not due yet). Hostile: an abusive or
    non-paying exit (Client.hostile_exit, the rule the letters follow too); abusive: the
    conduct part of it alone. Client left: the lifecycle says the client ended it. Referral
    fits: Client.referral_unsuitable finds nothing, the rule the referral letter warns by.
    """
    from clientexit import timeline

    day = today or timeline.today()
    decided = (
        client.end_date is not None
        or any(row.termination for row in client.letters)
        or client.status in ("ending", "former")
    )
    unpaid = client.unpaid if decided else client.overdue(day)
    exit_ = client.hostile_exit(day)
    return Situation(
        round(sum(inv.balance for inv in unpaid), 2),
        tuple(inv.number for inv in unpaid),
        client.billing_currency(profile),
        exit_.hostile,
        exit_.reason,
        abusive=bool(exit_.abusive),
        decided=decided,
        client_left=bool(client.ending and client.ending.ended_by == "client"),
        referral_fits=client.referral_unsuitable(day) is None,
        final_invoice=not client.project_engagement,
    )
