"""Which goodwill gestures a record supports. ``letter --goodwill`` refuses the others and the
advice of ``assess`` offers only these, so the two never disagree.

    refund  gives back the last invoice: it must be paid, and on a fixed-price project less than
            half the fee (else it hands back the project).
    waive   gives up the last unpaid invoice, or, on an ongoing engagement with nothing unpaid,
            the final invoice; a fixed-price project with nothing unpaid has nothing to waive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clientexit.record.invoices import Invoice

GESTURES = ("refund", "waive")
_DISCOUNT = "agree a discount and say it in your own template, or leave the gesture out"


@dataclass(frozen=True)
class Refusal:
    """Why a gesture does not fit the record, and what to offer instead (``{flag}`` stands for
    the option's name)."""

    problem: str
    instead: str


def unpaid(invoices: Sequence[Invoice]) -> list[Invoice]:
    """The open invoices with something still owed, in the order issued."""
    return [inv for inv in invoices if inv.is_open and inv.balance]


def refusal(gesture: str, engagement: str | None, invoices: Sequence[Invoice]) -> Refusal | None:
    """None when ``gesture`` fits a client with ``engagement`` and ``invoices``; else why not."""
    project = engagement == "project"
    if gesture == "waive":
        if unpaid(invoices) or not project:
            return None
        other = refusal("refund", engagement, invoices)
        return Refusal(
            "is not possible: the fixed-price project has no unpaid invoice and no final invoice "
            "to come, so there is nothing to waive",
            ("Offer {flag} refund instead, or " + _DISCOUNT + ".")
            if other is None
            else _DISCOUNT[:1].upper() + _DISCOUNT[1:] + ".",
        )
    billed = [inv for inv in invoices if inv.billed]
    if not billed:
        return Refusal(
            "is not possible: no invoice is recorded, so there is nothing to refund",
            "Record it with clientexit invoice CLIENT add ..."
            + (
                ", or " + _DISCOUNT + "."
                if project
                else ", or offer {flag} waive (no final invoice) instead."
            ),
        )
    last = billed[-1]
    if last.paid is None:
        return Refusal(
            f"is not possible: the last invoice, {last.number}, is not paid yet, so a refund "
            "would give back an earlier invoice",
            f"Use {{flag}} waive to give up invoice {last.number} instead.",
        )
    total = sum(inv.billed for inv in billed)
    if project and last.billed * 2 > total:
        return Refusal(
            f"is not possible: invoice {last.number} is most of the fixed-price project's fee "
            "(a refund would hand back the whole project)",
            _DISCOUNT[:1].upper() + _DISCOUNT[1:] + ".",
        )
    return None


def possible(engagement: str | None, invoices: Sequence[Invoice]) -> tuple[str, ...]:
    """The gestures the record supports, in GESTURES order."""
    return tuple(g for g in GESTURES if refusal(g, engagement, invoices) is None)
