"""Statutory late-payment interest and fixed sums: the ONE computation that ``interest``,
``statement`` and every reminder letter call, so a letter and the statement it encloses give the
same figures to the cent.

Simple interest, counted daily from the day after the start day (law.Governing.start: the agreed
due date, or the law's default day) up to and including the payment day (or the day reckoned
to): ``balance x rate x days / 365``, in Decimal, rounded to the cent only for each invoice's
final figures (totals add the rounded figures, so a statement adds up).

The delay is cut into stretches: at each change of rate period (laws whose rate follows each
half-year) and at each change of the balance (a part payment). Each stretch carries its own rate
and the rate's entry (source, check). A stretch whose period has no rate in the rates file is
kept with ``rate = None``: the covered days still count, the claim is "at least" their sum, and
the uncovered stretch is named. A rate is never guessed. Fixed sums need no rate.

Call it like this::

    from clientexit.collect import interest, law
    gov = law.resolve(book, client, profile)
    claim = interest.reckon_for(gov, client.invoices, on, currency="GBP", fx=fx_lookup)
    claim.interest, claim.at_least, claim.uncovered, claim.unverified, claim.compensation
    interest.as_dict(claim)        # plain data for JSON and letters, the same figures

or ``interest.for_client(book, client, profile, on)``, which raises a UsageError (with the fix)
when no statutory claim can be made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Protocol

from clientexit.collect import periods
from clientexit.collect.law import Governing, Start
from clientexit.collect.periods import Period
from clientexit.collect.rates import RateBook, RateEntry, Regime
from clientexit.exchange import FxQuote

if TYPE_CHECKING:
    from clientexit.record.model import Client, Incident, Profile

DAYS_IN_YEAR = Decimal(365)
CENT = Decimal("0.01")
ONE_DAY = dt.timedelta(days=1)


class InvoiceLike(Protocol):
    """What the reckoning needs of an invoice (record.invoices.Invoice has it). The balance
    over time (part payments, credit notes, a void) comes from the record's ``owed_between``:
    the one place that knows how an invoice was paid."""

    @property
    def number(self) -> str: ...
    @property
    def amount(self) -> float: ...
    @property
    def issued(self) -> dt.date | None: ...
    @property
    def due(self) -> dt.date | None: ...
    @property
    def paid(self) -> dt.date | None: ...
    @property
    def billed(self) -> float: ...
    def owed_between(
        self, first: dt.date, last: dt.date
    ) -> list[tuple[dt.date, dt.date, float]]: ...


# (from currency, to currency, day) -> the quote in force that day, or None: never guessed.
FxLookup = Callable[[str, str, dt.date], FxQuote | None]


@dataclass(frozen=True)
class Stretch:
    """Days of one delay on one balance at one rate. ``rate`` (percent a year: the reference
    rate plus the margin), ``entry`` and ``interest`` (unrounded) are None where the rates file
    has no rate for ``period``: those days are named, never reckoned with a guess."""

    first: dt.date
    last: dt.date
    balance: Decimal
    period: Period
    entry: RateEntry | None
    rate: Decimal | None
    interest: Decimal | None

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def covered(self) -> bool:
        return self.entry is not None

    @property
    def principal(self) -> Decimal:
        """The balance owed on these days (another name for ``balance``)."""
        return self.balance


@dataclass(frozen=True)
class Hold:
    """A dispute or a promise to pay logged against an open invoice, in force on the day
    reckoned to: the invoice's figures are shown, but not claimed until ``until`` has passed."""

    kind: str  # "dispute" or "promise"
    since: dt.date
    until: dt.date


def holds_on(incidents: Iterable[Incident], on: dt.date) -> dict[str, Hold]:
    """The holds in force on ``on``, by invoice number, from the disputes and promises logged
    (the same pauses the reminder ladder keeps: ladder.pauses)."""
    from clientexit.collect.ladder import pauses

    return {
        number: Hold(p.kind, p.since, p.until)
        for number, p in pauses(incidents).items()
        if p.since <= on <= p.until
    }


@dataclass(frozen=True)
class InvoiceClaim:
    """What one late invoice may carry.

    ``interest`` is the sum over the covered stretches, rounded to the cent; ``at_least`` says
    some days had no rate (``uncovered`` names them). ``compensation`` is the fixed sum in
    ``compensation_currency`` (None with ``compensation_note`` saying why, e.g. no exchange
    rate to pick the tier); ``fx`` the rate used to pick it."""

    number: str
    amount: Decimal  # what the invoice asks for (credit notes deducted)
    currency: str
    due: dt.date | None  # as printed on the invoice
    start: Start  # interest runs from the day after start.day
    paid: dt.date | None  # fully paid on this day (on or before the day reckoned to)
    until: dt.date  # the last day counted
    stretches: tuple[Stretch, ...]
    interest: Decimal
    compensation: Decimal | None
    compensation_currency: str
    compensation_note: str | None
    fx: FxQuote | None
    unverified: bool
    hold: Hold | None = None  # on hold (a dispute or a promise): shown, not claimed now

    @property
    def first(self) -> dt.date:
        """The first day of interest."""
        return self.start.day + ONE_DAY

    @property
    def days(self) -> int:
        """Days late: from the start day to the last day counted."""
        return (self.until - self.start.day).days

    @property
    def uncovered(self) -> tuple[Stretch, ...]:
        return tuple(s for s in self.stretches if not s.covered)

    @property
    def rate(self) -> Decimal | None:
        """The rate when one rate covers the whole delay; else None (each stretch has its own:
        a blended rate is never shown)."""
        rates = {s.rate for s in self.stretches}
        return rates.pop() if len(rates) == 1 else None

    @property
    def at_least(self) -> bool:
        """True when some days have no rate: the interest is at least ``interest``."""
        return bool(self.uncovered)

    @property
    def reckoned(self) -> bool:
        """Whether any day has a rate: else ``interest`` (0) is no figure to claim or show."""
        return any(s.covered for s in self.stretches)

    @property
    def missing(self) -> tuple[Period, ...]:
        return tuple(sorted({s.period for s in self.uncovered}))

    @property
    def periods(self) -> tuple[Period, ...]:
        return tuple(sorted({s.period for s in self.stretches}))


@dataclass(frozen=True)
class Claim:
    """Interest and fixed sums for a client's late invoices as of ``on``, under ``governing``.
    Interest is in ``currency`` (the invoices'); fixed sums in ``compensation_currency``."""

    governing: Governing
    on: dt.date
    currency: str
    invoices: tuple[InvoiceClaim, ...]

    @property
    def regime(self) -> Regime:
        return self.governing.require()

    @property
    def law(self) -> str:
        return self.governing.law

    @property
    def compensation_currency(self) -> str:
        return self.regime.currency

    @property
    def claimed(self) -> tuple[InvoiceClaim, ...]:
        """The invoices claimed now: every late one but those on hold. Every total, "at
        least" and "unverified" of the claim is theirs."""
        return tuple(i for i in self.invoices if i.hold is None)

    @property
    def held(self) -> tuple[InvoiceClaim, ...]:
        """The open invoices on hold (a dispute or a promise in force): not claimed now."""
        return tuple(i for i in self.invoices if i.hold is not None)

    @property
    def interest(self) -> Decimal:
        """The total of the invoices' (rounded) interest on the days that have a rate."""
        return sum((i.interest for i in self.claimed), Decimal(0))

    @property
    def compensation(self) -> Decimal:
        return sum((i.compensation for i in self.claimed if i.compensation is not None), Decimal(0))

    @property
    def total(self) -> Decimal | None:
        """Interest plus fixed sums, or None when they are in different currencies."""
        if self.currency != self.compensation_currency:
            return None
        return self.interest + self.compensation

    @property
    def uncovered(self) -> tuple[tuple[str, Stretch], ...]:
        """Every stretch without a rate, with its invoice number."""
        return tuple((i.number, s) for i in self.claimed for s in i.uncovered)

    @property
    def missing(self) -> tuple[Period, ...]:
        """The periods without a rate that the claim needed."""
        return tuple(sorted({p for i in self.claimed for p in i.missing}))

    @property
    def at_least(self) -> bool:
        """Some days had no rate, or a fixed sum could not be set: the claim is "at least"."""
        return any(i.at_least or i.compensation is None for i in self.claimed)

    @property
    def complete(self) -> bool:
        return not self.at_least

    @property
    def reckoned(self) -> bool:
        """Whether any invoice's interest rests on a day with a rate (else no interest figure
        is known: none is claimed or shown, the days without a rate are named)."""
        return any(i.reckoned for i in self.claimed)

    @property
    def unverified(self) -> bool:
        return any(i.unverified for i in self.claimed)

    @property
    def paid_late(self) -> tuple[InvoiceClaim, ...]:
        """The invoices already paid (late) as of ``on``."""
        return tuple(i for i in self.invoices if i.paid is not None)

    def only(self, numbers: Iterable[str]) -> Claim:
        """The same claim for the invoices ``numbers`` only (a letter claims interest on the
        invoices it asks for, not on every late one): the figures are the same, the totals
        theirs."""
        wanted = set(numbers)
        return Claim(
            self.governing,
            self.on,
            self.currency,
            tuple(i for i in self.invoices if i.number in wanted),
        )


def cents(value: Decimal) -> Decimal:
    """``value`` rounded to the cent, half up (the one rounding the reckoning does)."""
    return value.quantize(CENT, ROUND_HALF_UP)


def reckon_for(
    governing: Governing,
    invoices: Iterable[InvoiceLike],
    on: dt.date,
    *,
    currency: str,
    fx: FxLookup | None = None,
    holds: Mapping[str, Hold] | None = None,
) -> Claim:
    """The claim for every invoice that is (or was) paid late as of ``on`` (included), under
    ``governing`` (which must be claimable: else its UsageError). ``currency`` is what the
    invoices are in; ``fx`` finds an exchange rate where a fixed sum's tier needs one;
    ``holds`` (holds_on) marks the open invoices on hold, which the totals leave out."""
    from dataclasses import replace

    regime = governing.require()
    found = []
    for inv in invoices:
        claim = reckon_invoice(governing, regime, inv, on, currency=currency, fx=fx)
        if claim is not None:
            hold = (holds or {}).get(claim.number) if claim.paid is None else None
            found.append(claim if hold is None else replace(claim, hold=hold))
    return Claim(governing, on, currency, tuple(found))


def reckon(
    regime: Regime,
    invoices: Iterable[InvoiceLike],
    on: dt.date,
    *,
    currency: str | None = None,
    fx: FxLookup | None = None,
) -> Claim:
    """The claim under ``regime`` from each invoice's due date, as if the contract agreed it
    and chose the regime's first country's law (tests and worked examples; commands and
    letters go through ``law.resolve`` and ``reckon_for``)."""
    from clientexit.collect.law import BY_CONTRACT

    governing = Governing(regime.countries[0], regime, BY_CONTRACT, "business", True)
    return reckon_for(governing, invoices, on, currency=currency or regime.currency, fx=fx)


def reckon_invoice(
    governing: Governing,
    regime: Regime,
    inv: InvoiceLike,
    on: dt.date,
    *,
    currency: str,
    fx: FxLookup | None = None,
) -> InvoiceClaim | None:
    """One invoice's claim, or None when it was not late as of ``on`` (or nothing says when it
    fell due)."""
    if not inv.billed:
        return None
    start = governing.start(inv)
    if start is None:
        return None
    amount = Decimal(str(inv.billed))
    settled = inv.paid if inv.paid is not None and inv.paid <= on else None
    until = settled or on
    first = start.day + ONE_DAY
    if until < first:
        return None
    owed = inv.owed_between(first, until)
    if not owed:
        return None
    start_period = periods.containing(first, regime.period)
    stretches: list[Stretch] = []
    for run_first, run_last, balance in owed:
        stretches += _stretches(regime, start_period, Decimal(str(balance)), run_first, run_last)
    # The fixed sum's tier follows the debt when it fell due (part payments before it count).
    compensation, note, quote, comp_unverified = _compensation(
        regime, Decimal(str(owed[0][2])), currency, start_period, first, fx
    )
    covered = sum((s.interest for s in stretches if s.interest is not None), Decimal(0))
    return InvoiceClaim(
        number=inv.number,
        amount=amount,
        currency=currency,
        due=inv.due,
        start=start,
        paid=settled,
        until=until,
        stretches=tuple(stretches),
        interest=cents(covered),
        compensation=None if compensation is None else cents(compensation),
        compensation_currency=regime.currency,
        compensation_note=note,
        fx=quote,
        unverified=comp_unverified
        or any(s.entry is not None and s.entry.unverified for s in stretches),
    )


def _stretches(
    regime: Regime, start: Period, balance: Decimal, first: dt.date, last: dt.date
) -> list[Stretch]:
    """[first, last] on ``balance``: one stretch (a rate held for the whole delay: the period
    the delay began in), or one per period (each period's days at its own rate)."""
    if regime.method == "fixed":
        return [_stretch(regime, start, balance, first, last)]
    found = []
    for period in periods.between(
        periods.containing(first, regime.period), periods.containing(last, regime.period)
    ):
        found.append(
            _stretch(regime, period, balance, max(first, period.first), min(last, period.last))
        )
    return found


def _stretch(
    regime: Regime, period: Period, balance: Decimal, first: dt.date, last: dt.date
) -> Stretch:
    entry = regime.entry(period)
    if entry is None:
        return Stretch(first, last, balance, period, None, None, None)
    rate = entry.reference + regime.margin
    days = (last - first).days + 1
    interest = balance * rate / 100 * days / DAYS_IN_YEAR
    return Stretch(first, last, balance, period, entry, rate, interest)


def _compensation(
    regime: Regime,
    amount: Decimal,
    currency: str,
    start: Period,
    first: dt.date,
    fx: FxLookup | None,
) -> tuple[Decimal | None, str | None, FxQuote | None, bool]:
    """The fixed sum (in the regime's currency), why there is none, the exchange rate used to
    pick its tier, and whether it rests on an unverified entry."""
    if not regime.tiers:
        entry = regime.entry(start)
        if entry is None or entry.compensation is None:
            return None, f"no fixed sum for {start} in the rates file", None, False
        return entry.compensation, None, None, entry.unverified
    if currency == regime.currency or len({t.amount for t in regime.tiers}) == 1:
        return regime.tier_for(amount), None, None, False
    quote = fx(currency, regime.currency, first) if fx is not None else None
    if quote is None:
        return (
            None,
            f"no {currency}/{regime.currency} exchange rate for {first.isoformat()} to choose "
            "the fixed sum's tier (clientexit rates update fetches them)",
            None,
            False,
        )
    return regime.tier_for(quote.convert(amount)), None, quote, False


def for_client(
    book: RateBook,
    client: Client,
    profile: Profile | None,
    on: dt.date,
    *,
    fx: FxLookup | None = None,
) -> Claim:
    """The claim for ``client`` as of ``on`` under the law that governs its contract; a
    UsageError (with its fix) when no statutory claim can be made."""
    from clientexit.collect import law

    governing = law.resolve(book, client, profile)
    return reckon_for(
        governing,
        client.invoices,
        on,
        currency=client.billing_currency(profile),
        fx=fx,
        holds=holds_on(client.incidents, on),
    )


def _money(value: Decimal | None) -> float | None:
    return None if value is None else float(cents(value))


def _percent(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def stretch_dict(s: Stretch) -> dict[str, object]:
    """One stretch as plain data: its days, balance, rate and the rate's basis (or none)."""
    entry = s.entry
    return {
        "from": s.first,
        "to": s.last,
        "days": s.days,
        "balance": _money(s.balance),
        "principal": _money(s.balance),
        "period": str(s.period),
        "rate": _percent(s.rate),
        "reference": None if entry is None else _percent(entry.reference),
        "reference_date": None if entry is None else entry.reference_date,
        "source": None if entry is None else entry.source,
        "check": None if entry is None else entry.check,
        "interest": None if s.interest is None else _money(s.interest),
    }


def invoice_dict(inv: InvoiceClaim) -> dict[str, object]:
    """One invoice of a claim as plain data (``as_dict``'s ``invoices``)."""
    return {
        "number": inv.number,
        "amount": _money(inv.amount),
        "due": inv.due,
        "start": inv.start.day,
        "start_basis": inv.start.basis,
        "from": inv.first,
        "paid": inv.paid,
        "until": inv.until,
        "days": inv.days,
        "rate": _percent(inv.rate),
        "interest": _money(inv.interest),
        "at_least": inv.at_least,
        "reckoned": inv.reckoned,
        "compensation": _money(inv.compensation),
        "compensation_note": inv.compensation_note,
        "exchange_rate": None
        if inv.fx is None
        else {
            "from": inv.fx.base,
            "to": inv.fx.quote,
            "rate": float(inv.fx.rate),
            "date": inv.fx.day,
            "source": inv.fx.source,
        },
        "missing": [str(p) for p in inv.missing],
        "unverified": inv.unverified,
        "on_hold": None
        if inv.hold is None
        else {"kind": inv.hold.kind, "since": inv.hold.since, "until": inv.hold.until},
        "stretches": [stretch_dict(s) for s in inv.stretches],
    }


def as_dict(claim: Claim) -> dict[str, object]:
    """The claim as plain data (JSON, letters): amounts rounded to the cent, rates in percent a
    year, and the basis of every figure (law and why, start day, rate, reference rate and its
    date, days, period). ``at_least`` with ``uncovered`` names the days without a rate."""
    regime, gov = claim.regime, claim.governing
    return {
        "regime": regime.id,
        "law": claim.law,
        "law_country": gov.country,
        "law_chosen_by": gov.chosen_by,
        "law_why": gov.why,
        "terms_agreed": gov.terms_agreed,
        "currency": claim.currency,
        "compensation_currency": regime.currency,
        "reference_name": regime.reference_name,
        "margin": _percent(regime.margin),
        "method": regime.method,
        "note": regime.note,
        "on": claim.on,
        "invoices": [invoice_dict(inv) for inv in claim.invoices],
        "interest": _money(claim.interest),
        "reckoned": claim.reckoned,
        "compensation": _money(claim.compensation),
        "total": _money(claim.total),
        "at_least": claim.at_least,
        "uncovered": [
            {"invoice": number, "from": s.first, "to": s.last, "period": str(s.period)}
            for number, s in claim.uncovered
        ],
        "missing": [str(p) for p in claim.missing],
        "unverified": claim.unverified,
        "on_hold": [i.number for i in claim.held],
    }
