"""Statutory late-payment interest and fixed compensation for a client's late invoices.

Simple interest, counted daily from the day after the due date up to and including the payment
day (or the day reckoned to): ``amount x rate x days / 365``, in Decimal, rounded to the cent only
for each invoice's final figures (totals add the rounded figures, so a statement adds up). A
period with no rate in the file leaves that invoice's interest out and says which period: a rate
is never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Protocol

from clientexit._errors import UsageError
from clientexit.collect import periods
from clientexit.collect.periods import Period
from clientexit.collect.rates import RateBook, RateEntry, Regime

if TYPE_CHECKING:
    from clientexit.record.model import Client

DAYS_IN_YEAR = Decimal(365)
CENT = Decimal("0.01")
CUSTOMERS = ("business", "consumer")


class InvoiceLike(Protocol):
    """What the reckoning needs of an invoice (the record's invoices have it)."""

    @property
    def number(self) -> str: ...
    @property
    def amount(self) -> float: ...
    @property
    def due(self) -> dt.date | None: ...
    @property
    def paid(self) -> dt.date | None: ...
    def owed_between(
        self, first: dt.date, last: dt.date
    ) -> list[tuple[dt.date, dt.date, float]]: ...


@dataclass(frozen=True)
class Stretch:
    """Days of one delay at one rate: the whole delay ("fixed"), or its part in one period."""

    first: dt.date
    last: dt.date
    entry: RateEntry
    rate: Decimal  # percent a year: the reference rate plus the margin
    interest: Decimal  # unrounded
    principal: Decimal = Decimal(0)  # the balance owed on these days (part payments lower it)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class InvoiceClaim:
    """What one late invoice may carry. ``interest`` is None when a period has no rate."""

    number: str
    amount: Decimal
    due: dt.date
    paid: dt.date | None
    until: dt.date  # the last day counted: the payment day, or the day reckoned to
    stretches: tuple[Stretch, ...]
    interest: Decimal | None
    compensation: Decimal | None
    missing: tuple[Period, ...]
    unverified: bool

    @property
    def days(self) -> int:
        return (self.until - self.due).days

    @property
    def rate(self) -> Decimal | None:
        """The rate in percent a year; over several periods, their day-weighted mean."""
        if self.interest is None or not self.stretches:
            return None
        if len({s.rate for s in self.stretches}) == 1:
            return self.stretches[0].rate
        weighted = sum((s.rate * s.days for s in self.stretches), Decimal(0))
        return (weighted / self.days).quantize(Decimal("0.0001"), ROUND_HALF_UP)

    @property
    def periods(self) -> tuple[Period, ...]:
        return tuple(s.entry.period for s in self.stretches) + self.missing


@dataclass(frozen=True)
class Claim:
    """Interest and compensation for a client's late invoices as of ``on``."""

    regime: Regime
    on: dt.date
    invoices: tuple[InvoiceClaim, ...]

    @property
    def interest(self) -> Decimal:
        """The total of the invoices whose interest could be reckoned."""
        return sum((i.interest for i in self.invoices if i.interest is not None), Decimal(0))

    @property
    def compensation(self) -> Decimal:
        return sum(
            (i.compensation for i in self.invoices if i.compensation is not None), Decimal(0)
        )

    @property
    def missing(self) -> tuple[Period, ...]:
        found = {p for i in self.invoices for p in i.missing}
        return tuple(sorted(found))

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def unverified(self) -> bool:
        return any(i.unverified for i in self.invoices)


def cents(value: Decimal) -> Decimal:
    """``value`` rounded to the cent, half up (the one rounding the reckoning does)."""
    return value.quantize(CENT, ROUND_HALF_UP)


def regime_for(
    book: RateBook, country: str | None, customer: str | None, currency: str, who: str
) -> Regime:
    """The regime for a client, or a UsageError saying why none applies and what to do."""
    if not country:
        raise UsageError(
            f"{who} has no country, so no late-payment law can be chosen.",
            f"Set it: clientexit client set {who} country=GB (an ISO code: GB, DE, CZ, TR, US...).",
        )
    if (customer or "business") == "consumer":
        raise UsageError(
            f"{who} is a consumer: statutory late-payment interest between businesses does not "
            "apply to consumers.",
            "Claim only what your contract with them provides.",
        )
    if country.upper() == "US":
        raise UsageError(
            "US freelance payment laws (New York, California, Illinois) set deadlines and "
            "damages, not statutory interest: there is no interest to reckon.",
            "The final notice names the law that may apply (set the client's region, e.g. NY).",
        )
    regime = book.for_country(country)
    if regime is None:
        known = ", ".join(sorted(c for r in book.regimes.values() for c in r.countries))
        raise UsageError(
            f"{book.source} has no late-payment rule for country {country.upper()}.",
            f"It covers {known}; add a [regimes.X] table for {country.upper()} with its source.",
        )
    if currency != regime.currency:
        raise UsageError(
            f"{who}'s invoices are in {currency}, but statutory interest under {regime.law} is "
            f"reckoned in {regime.currency}: clientexit does not convert currencies.",
            "Check the client's currency (clientexit client set ... currency=...).",
        )
    return regime


def reckon(regime: Regime, invoices: Iterable[InvoiceLike], on: dt.date) -> Claim:
    """The claim for every invoice that is (or was) paid late, as of ``on`` (included)."""
    found = []
    for inv in invoices:
        claim = reckon_invoice(regime, inv, on)
        if claim is not None:
            found.append(claim)
    return Claim(regime, on, tuple(found))


def reckon_invoice(regime: Regime, inv: InvoiceLike, on: dt.date) -> InvoiceClaim | None:
    """One invoice's claim, or None when it was not late as of ``on`` (or has no due date)."""
    if inv.due is None or not inv.amount:
        return None
    paid = inv.paid if inv.paid is not None and inv.paid <= on else None
    until = paid or on
    if until <= inv.due:
        return None
    first = inv.due + dt.timedelta(days=1)
    # Interest runs on the balance: a part payment lowers it from the day after it arrived.
    owed = [(a, b, Decimal(str(balance))) for a, b, balance in inv.owed_between(first, until)]
    if not owed:
        return None
    amount = owed[0][2]
    start = periods.containing(first, regime.period)
    stretches: list[Stretch] = []
    missing: list[Period] = []
    if regime.method == "fixed":
        entry = regime.entry(start)
        if entry is None:
            missing.append(start)
        else:
            stretches.extend(_stretch(regime, b, entry, f, t) for f, t, b in owed)
    else:
        for period in periods.between(start, periods.containing(until, regime.period)):
            entry = regime.entry(period)
            if entry is None:
                missing.append(period)
                continue
            stretches.extend(
                _stretch(regime, balance, entry, max(f, period.first), min(t, period.last))
                for f, t, balance in owed
                if f <= period.last and t >= period.first
            )
    compensation, comp_unverified = regime.compensation(amount, start)
    interest = None if missing else cents(sum((s.interest for s in stretches), Decimal(0)))
    return InvoiceClaim(
        number=inv.number,
        amount=amount,
        due=inv.due,
        paid=paid,
        until=until,
        stretches=tuple(stretches),
        interest=interest,
        compensation=None if compensation is None else cents(compensation),
        missing=tuple(missing),
        unverified=comp_unverified or any(s.entry.unverified for s in stretches),
    )


def _stretch(
    regime: Regime, amount: Decimal, entry: RateEntry, first: dt.date, last: dt.date
) -> Stretch:
    rate = entry.reference + regime.margin
    days = (last - first).days + 1
    return Stretch(first, last, entry, rate, amount * rate / 100 * days / DAYS_IN_YEAR, amount)


def for_client(book: RateBook, client: Client, currency: str, on: dt.date) -> Claim:
    """The claim for a client (its ``country`` and ``customer``) as of ``on``; ``currency`` is
    what the client is billed in (``client.billing_currency(profile)``)."""
    regime = regime_for(book, client.country, client.customer, currency, client.slug)
    return reckon(regime, client.invoices, on)


def _money(value: Decimal | None) -> float | None:
    return None if value is None else float(cents(value))


def _percent(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def as_dict(claim: Claim) -> dict[str, Any]:
    """The claim as plain data (JSON, letters): amounts rounded to the cent, rates in percent a
    year, and the basis of every figure (rate, reference rate and its date, days, period)."""
    regime = claim.regime
    return {
        "regime": regime.id,
        "law": regime.law,
        "currency": regime.currency,
        "reference_name": regime.reference_name,
        "margin": _percent(regime.margin),
        "method": regime.method,
        "note": regime.note,
        "on": claim.on,
        "invoices": [
            {
                "number": inv.number,
                "amount": _money(inv.amount),
                "due": inv.due,
                "paid": inv.paid,
                "until": inv.until,
                "days": inv.days,
                "rate": _percent(inv.rate),
                "interest": _money(inv.interest),
                "compensation": _money(inv.compensation),
                "missing": [str(p) for p in inv.missing],
                "unverified": inv.unverified,
                "stretches": [
                    {
                        "from": s.first,
                        "to": s.last,
                        "days": s.days,
                        "principal": _money(s.principal),
                        "period": str(s.entry.period),
                        "rate": _percent(s.rate),
                        "reference": _percent(s.entry.reference),
                        "reference_date": s.entry.reference_date,
                        "source": s.entry.source,
                        "check": s.entry.check,
                    }
                    for s in inv.stretches
                ],
            }
            for inv in claim.invoices
        ],
        "interest": _money(claim.interest),
        "compensation": _money(claim.compensation),
        "missing": [str(p) for p in claim.missing],
        "unverified": claim.unverified,
    }
