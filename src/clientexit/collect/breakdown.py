"""The interest breakdown a person reads on screen (``clientexit interest``), and the cautions
that go with it: every figure with its basis, each stretch at its own rate, the days without a
rate named, "at least" where they are, "unverified" where a rate is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from clientexit.collect.interest import Claim
from clientexit.collect.law import the_law

Money = Callable[[Decimal, str], str]
Day = Callable[[dt.date], str]


def _iso(value: dt.date) -> str:
    return value.isoformat()


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _wrap(line: str, width: int) -> list[str]:
    import textwrap

    indent = " " * (len(line) - len(line.lstrip(" ")))
    return textwrap.wrap(
        line, width=width, subsequent_indent=indent + "  ", break_on_hyphens=False
    ) or [""]


def text(claim: Claim, name: str, money: Money, *, width: int = 80, day: Day = _iso) -> str:
    """The breakdown as plain text, fitted to ``width`` columns: the law and why, one block
    per invoice (its start day and basis, each stretch at its own rate, the days without a
    rate), then the totals. ``day`` writes a date in the reader's style (ISO by default)."""
    regime, cur = claim.regime, claim.currency
    comp_cur = claim.compensation_currency
    lines = [
        f"Late-payment interest for {name} as of {day(claim.on)}",
        f"Under {the_law(claim.law)}: {claim.governing.why}.",
    ]
    if not claim.invoices:
        lines.append("No invoice is or was paid late: nothing to claim.")
        return "\n".join(out for line in lines for out in _wrap(line, width))
    for inv in claim.invoices:
        state = f"paid {day(inv.paid)}" if inv.paid else "unpaid"
        lines += [
            "",
            f"Invoice {inv.number}: {money(inv.amount, cur)}, {state}; {_days(inv.days)} late",
            f"  interest from {day(inv.first)}: {inv.start.basis}",
        ]
        for s in inv.stretches:
            span = f"  {day(s.first)} to {day(s.last)}, {_days(s.days)}"
            if len({x.balance for x in inv.stretches}) > 1:
                span += f" on {money(s.balance, cur)}"
            if s.entry is None or s.rate is None:
                lines.append(
                    f"{span}: no rate for {s.period} in the rates file, not counted "
                    "(clientexit rates update)"
                )
                continue
            basis = f"{regime.reference_name} {s.entry.reference:.2f}%"
            if s.entry.reference_date:
                basis += f" on {day(s.entry.reference_date)}"
            flag = ", unverified" if s.entry.unverified else ""
            lines.append(f"{span} at {s.rate:.2f}% ({basis} + {regime.margin}{flag})")
        shown = money(inv.interest, cur)
        if not inv.reckoned:
            shown = "not reckoned: no day has a rate (clientexit rates update)"
        elif inv.at_least:
            shown = "at least " + shown
        if inv.compensation is not None:
            fixed = money(inv.compensation, comp_cur)
            if inv.fx is not None:
                fixed += (
                    f" (tier by {inv.fx.base} 1 = {inv.fx.quote} {inv.fx.rate} on "
                    f"{day(inv.fx.day)}, {inv.fx.source})"
                )
        else:
            fixed = f"left out: {inv.compensation_note}"
        flag = " (unverified)" if inv.unverified else ""
        lines.append(f"  interest {shown}; fixed sum {fixed}{flag}")
        if inv.hold is not None:
            what = "a dispute" if inv.hold.kind == "dispute" else "a promise to pay"
            lines.append(
                f"  not claimed now: on hold until {day(inv.hold.until)} ({what} logged on "
                f"{day(inv.hold.since)}); left out of the totals, as the letters leave it out"
            )
    if not claim.claimed:  # no total to give: nothing is claimed while every one is on hold
        lines += ["", "Nothing is claimed now: every late invoice is on hold."]
        return "\n".join(out for line in lines for out in _wrap(line, width))
    total = f"{'at least ' if claim.at_least else ''}{money(claim.interest, cur)}"
    if not claim.reckoned:
        missing = ", ".join(str(p) for p in claim.missing)
        total = f"not reckoned: no rate for {missing} (clientexit rates update)"
    lines += [
        "",
        f"Total interest: {total}{' (unverified)' if claim.unverified else ''}",
        f"Total fixed sums: {money(claim.compensation, comp_cur)}",
    ]
    if claim.total is not None:
        flag = " (unverified)" if claim.unverified else ""
        lines.append(
            f"Total claimed: {'at least ' if claim.at_least else ''}{money(claim.total, cur)}{flag}"
        )
    return "\n".join(out for line in lines for out in _wrap(line, width))


def cautions(claim: Claim, source: str, who: str = "CLIENT", day: Day = _iso) -> list[str]:
    """What the person must know about the figures (stderr), dates written by ``day``."""
    found = []
    if claim.uncovered:
        stretches = "; ".join(
            f"invoice {number}: {day(s.first)} to {day(s.last)} ({s.period})"
            for number, s in claim.uncovered
        )
        found.append(
            f"{source} has no rate for these days, so the interest is at least the figure shown, "
            f"never guessed: {stretches}. Fill them with: clientexit rates update"
        )
    if claim.unverified:
        found.append("Some figures rest on a rate marked unverified in the rates file: check it.")
    if claim.governing.terms_agreed is None and claim.invoices:
        found.append(
            "Whether the payment terms were agreed in the contract is not recorded: the figures "
            "start from the later of the invoice's due date and the law's default day. Set it: "
            f"clientexit client set {who} terms_agreed=true (or false)."
        )
    if any(inv.paid is not None for inv in claim.invoices):
        found.append(
            "Figures on invoices already paid are optional in a letter: accepting the principal "
            "without reserving the interest may cost the right to it."
        )
    if claim.regime.note:
        found.append(claim.regime.note)
    found.append("Not legal advice: these are the sums a creditor may be entitled to.")
    return found
