"""Which law governs a claim for late payment, and from which day interest may run.

A contract for services is governed by the law of the provider's habitual residence unless the
parties chose another (Rome I Regulation art. 4(1)(b)): the profile's ``country`` is the default,
and a client's ``law`` (the law the contract chose, e.g. ``law = "DE"``) overrides it. The
client's own ``country`` says where the client is, not which law governs.

A statutory claim between businesses needs the client to be known as one: ``customer =
"business"`` set in the client file. An unset ``customer`` claims nothing, and says how to set it.

Interest runs from the payment date agreed in the contract. Where the contract fixed none
(``terms_agreed = false``), each law has its default day (the rates file's ``default_days``,
e.g. 30 days after the invoice): the figures start from it, or from the due date printed on the
invoice if that is later (a creditor does not claim before the day it asked to be paid). Where
``terms_agreed`` is not set, the same later day is used and a caution asks for it.

Use it like this (the ladder, ``interest`` and ``statement`` all do)::

    gov = law.resolve(book, client, profile)      # never raises
    if not gov.claimable:                          # gov.problem, gov.fix: say why, and how
        ...
    claim = interest.reckon_for(gov, client.invoices, on, currency=..., fx=...)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from clientexit._errors import UsageError
from clientexit.collect.rates import RateBook, Regime

if TYPE_CHECKING:
    from clientexit.record.model import Client, Profile

# How a law was chosen.
BY_CONTRACT = "contract"  # the client's `law`
BY_PROVIDER = "provider"  # the profile's `country` (Rome I art. 4(1)(b))
BY_CLIENT_COUNTRY = "client-country"  # no profile country: the client's, said as a guess

WHY = {
    BY_CONTRACT: "the law your contract chose (the client's `law`)",
    BY_PROVIDER: "the law of your place of business, which governs a contract for services "
    "unless it chose another (Rome I Regulation art. 4(1)(b))",
    BY_CLIENT_COUNTRY: "the law of the client's country, because your profile names no country "
    "(set it: clientexit init --country XX --yes, or the client's law=XX)",
}


class InvoiceDates(Protocol):
    """What the start of interest needs of an invoice."""

    @property
    def issued(self) -> dt.date | None: ...
    @property
    def due(self) -> dt.date | None: ...


@dataclass(frozen=True)
class Start:
    """The last day before interest runs (interest counts from the day after) and its basis,
    a phrase a sentence can hold: "the due date agreed in the contract"."""

    day: dt.date
    basis: str
    default: bool  # True: the law's default day, not the printed due date


@dataclass(frozen=True)
class Governing:
    """The law a client's claim is reckoned under, why, and whether a claim can be made.

    ``country`` is the governing law's country (ISO alpha-2) or None when none is known;
    ``regime`` its rule from the rates file (None: the file has none, or no country);
    ``chosen_by`` one of BY_CONTRACT, BY_PROVIDER, BY_CLIENT_COUNTRY; ``problem`` and ``fix``
    say why no statutory claim can be made (None when one can), ``reason`` which of the known
    reasons it is ("consumer", "not_business", "no_country", "us", "no_regime"), so a note can
    say it in the output's language (collect/notes.toml, no_claim_REASON)."""

    country: str | None
    regime: Regime | None
    chosen_by: str
    customer: str | None
    terms_agreed: bool | None
    problem: str | None = None
    fix: str | None = None
    reason: str | None = None
    detail: tuple[tuple[str, str], ...] = ()  # the reason's values, for a note to word it

    @property
    def claimable(self) -> bool:
        """Whether statutory interest and fixed sums may be reckoned."""
        return self.problem is None and self.regime is not None

    @property
    def why(self) -> str:
        """Why this law: "the law your contract chose (...)"."""
        return WHY[self.chosen_by]

    @property
    def law(self) -> str:
        """The law's name as a letter cites it ("" when no regime)."""
        if self.regime is None:
            return ""
        return law_name(self.regime, self.country)

    def require(self) -> Regime:
        """The regime, or a UsageError with the problem and its fix (commands use this)."""
        if self.regime is None or self.problem is not None:
            raise UsageError(self.problem or "No late-payment law applies.", self.fix)
        return self.regime

    def start(self, inv: InvoiceDates) -> Start | None:
        """The day after which interest on ``inv`` runs, and why; None when neither a due date
        nor (for a law with a default term) an issue date is on record."""
        regime = self.regime
        printed = inv.due
        default_day = None
        if regime is not None and regime.default_days is not None and inv.issued is not None:
            default_day = inv.issued + dt.timedelta(days=regime.default_days)
        if self.terms_agreed is True or default_day is None:
            if printed is None:
                return None
            if self.terms_agreed is True:
                return Start(printed, "the due date agreed in the contract", False)
            return Start(printed, "the due date on the invoice", False)
        assert regime is not None  # default_day is only set with a regime
        assert inv.issued is not None
        default_text = (
            f"{regime.default_after} ({regime.default_source}), counted from the invoice date "
            f"{inv.issued.isoformat()}"
        )
        if printed is not None and printed > default_day:
            return Start(printed, "the due date on the invoice, later than " + default_text, False)
        return Start(default_day, default_text, True)


def the_law(name: str) -> str:
    """``name`` as an English sentence cites it: an Act takes "the" ("under the Late Payment
    of Commercial Debts (Interest) Act 1998"); a section or a code does not ("under § 288
    BGB")."""
    return f"the {name}" if " Act " in f"{name} " and not name.startswith("the ") else name


def name_in(governing: Governing, lang: str) -> str:
    """The governing law's name as a text in ``lang`` cites it. A law's own name (§ 288 BGB,
    TTK m. 1530) is kept as the rates file gives it; the EU floor's generic name ("the
    late-payment law of Austria, which implements ...") is said in the language's own words
    (collect/notes.toml law_name_ID, the country named in that language), only while the rates
    file still says what was translated, so an edited name is never replaced by a stale one."""
    from clientexit._resources import has_phrase, phrase
    from clientexit.collect.notes import NOTES_FILE

    regime, lang = governing.regime, lang.split("_")[0]
    key = f"law_name_{regime.id}" if regime is not None else ""
    if regime is None or lang == "en" or not has_phrase(NOTES_FILE, key, lang):
        return governing.law
    if regime.law != phrase(NOTES_FILE, key, "en", country="{country}"):
        return governing.law
    from babel import Locale

    code = governing.country or ""
    country = str(Locale(lang).territories.get(code, code))
    return phrase(NOTES_FILE, key, lang, country=country)


def law_name(regime: Regime, country: str | None) -> str:
    """The regime's law for ``country``: a ``{country}`` in it becomes the country's name."""
    if "{country}" not in regime.law:
        return regime.law
    return regime.law.replace("{country}", country_name(country or ""))


def country_name(code: str) -> str:
    """The English name of an ISO country code ("FR" -> "France"); the code if unknown."""
    from babel import Locale

    names: Mapping[str, str] = Locale("en").territories
    return names.get(code.upper(), code.upper())


def resolve(book: RateBook, client: Client, profile: Profile | None) -> Governing:
    """The law that governs ``client``'s contract, and whether a statutory claim can be made.

    Never raises: a Governing with ``problem`` (and ``fix``) says why no claim can be made, so
    a letter can leave the claim out and a command can refuse (``Governing.require()``)."""
    who = client.slug
    own = client.law
    customer = client.customer
    terms = client.terms_agreed
    if own:
        country, chosen = own, BY_CONTRACT
    elif profile is not None and profile.country:
        country, chosen = profile.country.upper(), BY_PROVIDER
    elif client.country:
        country, chosen = client.country, BY_CLIENT_COUNTRY
    else:
        return Governing(
            None,
            None,
            BY_PROVIDER,
            customer,
            terms,
            "No law can be chosen for the claim: neither your profile nor the client names a "
            "country.",
            "Set yours (clientexit init --country GB --yes) or the contract's (clientexit "
            f"client set {who} law=GB).",
            "no_country",
        )
    regime = book.for_country(country)

    def blocked(
        problem: str, fix: str, reason: str, detail: tuple[tuple[str, str], ...] = ()
    ) -> Governing:
        return Governing(country, regime, chosen, customer, terms, problem, fix, reason, detail)

    if customer == "consumer":
        return blocked(
            f"{who} is a consumer: statutory late-payment interest between businesses does not "
            "apply to consumers.",
            "Claim only what your contract with them provides.",
            "consumer",
        )
    if customer != "business":
        return blocked(
            f"{who} is not recorded as a business, and statutory late-payment interest applies "
            "only between businesses: nothing is claimed until it is known.",
            f"If the client is a business: clientexit client set {who} customer=business "
            "(or customer=consumer).",
            "not_business",
        )
    if country == "US":
        return blocked(
            "US freelance payment laws (New York, California, Illinois) set deadlines and "
            "damages, not statutory interest: there is no interest to reckon.",
            "The final notice names the law that may apply (set the client's region, e.g. NY).",
            "us",
        )
    if regime is None:
        known = ", ".join(sorted(c for r in book.regimes.values() for c in r.countries))
        return blocked(
            f"{book.source} has no late-payment rule for {country_name(country)} "
            f"({country}), the law governing the claim ({WHY[chosen]}).",
            f"It covers {known}; add a [regimes.X] table for {country} with its source, or set "
            f"the contract's law: clientexit client set {who} law=XX.",
            "no_regime",
            (("country", country), ("source", str(book.source)), ("known", known)),
        )
    return Governing(country, regime, chosen, customer, terms)
