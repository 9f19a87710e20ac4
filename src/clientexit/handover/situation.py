"""What the checklist adapts to: money still owed, and whether the exit is hostile."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clientexit.book.invoices import invoices
from clientexit.config import currency_for

# Letter types (from `clientexit assess`) that mark an abusive or non-paying exit.
HOSTILE_LETTERS = frozenset({"abusive", "payment"})
# Reasons recorded with `clientexit end --category` that mean the same.
HOSTILE_REASONS = frozenset({"conduct", "payment"})


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


def _conduct_incidents(client: Mapping[str, Any]) -> int:
    incidents = client.get("incidents") or []
    return sum(isinstance(i, Mapping) and i.get("kind") == "conduct" for i in incidents)


def _conduct_flagged(assessment: Mapping[str, Any]) -> bool:
    categories = assessment.get("categories") or {}
    score = categories.get("conduct", 0) if isinstance(categories, Mapping) else 0
    return isinstance(score, int | float) and not isinstance(score, bool) and score > 0


def _conduct_problems(client: Mapping[str, Any], assessment: Mapping[str, Any]) -> bool:
    return _conduct_incidents(client) > 0 or _conduct_flagged(assessment)


def conduct_on_record(client: Mapping[str, Any]) -> str | None:
    """Why safety comes before friendliness with this client, or None: conduct incidents are
    logged, the latest assessment says exit now with conduct flags or chose the abusive letter,
    or the end was recorded over conduct. Letters that invite contact check this."""
    count = _conduct_incidents(client)
    if count:
        return f"{count} conduct incident{'s are' if count > 1 else ' is'} logged"
    lifecycle = client.get("lifecycle") or {}
    if isinstance(lifecycle, Mapping) and lifecycle.get("reason_category") == "conduct":
        return "the relationship ended over conduct"
    from clientexit.assess.history import latest as latest_of

    latest = latest_of(client) or {}
    if latest.get("letter_type") == "abusive":
        return "the latest assessment chose the abusive letter"
    if latest.get("verdict") == "exit_now" and _conduct_flagged(latest):
        return "the latest assessment says exit now, with conduct flags"
    return None


def _hostile(client: Mapping[str, Any]) -> tuple[bool, str]:
    lifecycle = client.get("lifecycle") or {}
    category = lifecycle.get("reason_category") if isinstance(lifecycle, Mapping) else None
    if category in HOSTILE_REASONS:
        return True, f"the relationship ended over {category}"
    from clientexit.assess.history import latest as latest_of

    latest = latest_of(client)
    if latest is None:
        return False, "no assessment recorded"
    letter = latest.get("letter_type")
    if letter in HOSTILE_LETTERS:
        return True, f"the latest assessment chose a {letter} letter"
    if latest.get("verdict") == "exit_now" and _conduct_problems(client, latest):
        return True, "the latest assessment says exit now, with conduct problems"
    return False, "the latest assessment does not describe an abusive or non-paying exit"


def assess_situation(client: Mapping[str, Any], profile: Mapping[str, Any]) -> Situation:
    """Read a client's record: unpaid invoices (no ``paid`` date) and the latest assessment."""
    unpaid = [inv for inv in invoices(client) if inv.paid is None]
    amount = sum(inv.amount for inv in unpaid)
    numbers = tuple(inv.number for inv in unpaid)
    currency = currency_for(client, profile)
    hostile, reason = _hostile(client)
    return Situation(round(amount, 2), numbers, currency, hostile, reason)
