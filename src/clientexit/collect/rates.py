"""The statutory late-payment rules and reference rates, read from rates.toml (never from code).

The built-in file is templates/collect/rates.toml; a rates.toml in the data folder replaces it.
A file with a typo, an unknown key, a duplicate or a gap between two periods is a DataFileError
naming the file, the line and the key: a wrong rate must never reach a letter.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from clientexit._errors import DataFileError
from clientexit.collect import periods
from clientexit.collect.periods import Period

if TYPE_CHECKING:
    from clientexit._paths import Paths

FILE_NAME = "rates.toml"
CHECKS = ("official", "secondary", "unverified")
METHODS = ("fixed", "split")
PER_PERIOD = "per-period"

_REGIME_KEYS = {
    "law": True,
    "countries": True,
    "currency": True,
    "reference_name": True,
    "margin": True,
    "method": True,
    "period": True,
    "compensation": True,
    "source": True,
    "check": True,
    "note": False,
    "default_days": False,
    "default_after": False,
    "default_source": False,
    "rate": False,
}
_RATE_KEYS = {
    "period": True,
    "reference": True,
    "reference_date": False,
    "compensation": False,
    "source": True,
    "check": True,
    "retrieved": False,
}
_US_KEYS = {
    "law": True,
    "threshold": True,
    "days": True,
    "lookback_days": False,
    "damages": False,
    "check": True,
}
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class RateEntry:
    """The reference rate published for one period, and where it comes from."""

    period: Period
    reference: Decimal
    reference_date: dt.date | None
    compensation: Decimal | None
    source: str
    check: str
    retrieved: dt.date | None = None  # set by `rates update`; None: written by hand

    @property
    def unverified(self) -> bool:
        return self.check == "unverified"


@dataclass(frozen=True)
class Tier:
    """A fixed sum for invoices below ``below`` (None: any size)."""

    below: Decimal | None
    amount: Decimal


@dataclass(frozen=True)
class Regime:
    """One country's (or the EU floor's) rule for late-payment interest between businesses."""

    id: str
    law: str
    countries: tuple[str, ...]
    currency: str
    reference_name: str
    margin: Decimal
    method: str
    period: str
    tiers: tuple[Tier, ...]  # empty: the compensation is per period
    source: str
    check: str
    note: str | None
    rates: Mapping[Period, RateEntry]
    # The law's default payment term where the contract fixed none: days after the invoice,
    # how a sentence says it ("30 days after receipt of the invoice") and its source.
    default_days: int | None = None
    default_after: str | None = None
    default_source: str | None = None

    def tier_for(self, amount: Decimal) -> Decimal:
        """The fixed sum for a debt of ``amount`` (in this regime's currency)."""
        for tier in self.tiers:
            if tier.below is None or amount < tier.below:
                return tier.amount
        return self.tiers[-1].amount

    def entry(self, period: Period) -> RateEntry | None:
        """The rate entry for ``period``, or None when the file has none: never guessed."""
        return self.rates.get(period)

    def compensation(self, amount: Decimal, start: Period) -> tuple[Decimal | None, bool]:
        """The fixed sum for an invoice of ``amount`` whose delay began in ``start``, and
        whether it rests on an unverified entry. None: the period has no entry."""
        if not self.tiers:
            entry = self.rates.get(start)
            if entry is None or entry.compensation is None:
                return None, False
            return entry.compensation, entry.unverified
        for tier in self.tiers:
            if tier.below is None or amount < tier.below:
                return tier.amount, False
        return self.tiers[-1].amount, False

    def missing(self, until: dt.date) -> list[Period]:
        """The periods after the file's latest entry, up to the one containing ``until``."""
        if not self.rates:
            return [periods.containing(until, self.period)]
        latest = max(self.rates)
        return list(periods.between(latest.next(), periods.containing(until, self.period)))


@dataclass(frozen=True)
class USLaw:
    """A US state's freelance payment law: a deadline and damages rather than interest."""

    region: str
    law: str
    threshold: Decimal
    days: int
    lookback_days: int | None
    damages: str | None
    check: str


@dataclass(frozen=True)
class RateBook:
    """Every regime and US law in one rates file."""

    source: Path
    regimes: Mapping[str, Regime]
    us_laws: Mapping[str, USLaw]

    def for_country(self, country: str) -> Regime | None:
        """The regime that applies to ``country`` (ISO alpha-2), or None."""
        for regime in self.regimes.values():
            if country.upper() in regime.countries:
                return regime
        return None

    def us_law(self, region: str | None) -> USLaw | None:
        """The freelance payment law of a US state (``NY``, ``CA``, ``IL``), or None."""
        return self.us_laws.get((region or "").upper())


def location(paths: Paths) -> Path:
    """Where a rates file of the user's own goes: ``<data folder>/rates.toml``."""
    return Path(paths.home) / FILE_NAME


def load(paths: Paths | None = None) -> RateBook:
    """The user's rates.toml if there is one, else the built-in one, checked."""
    from clientexit._resources import templates_dir
    from clientexit._store import read_toml

    own = location(paths) if paths is not None else None
    source = own if own is not None and own.is_file() else templates_dir() / "collect" / FILE_NAME
    return parse(read_toml(source), source)


class _Reader:
    """Typed access with errors that name the file, the line (where it can be found) and key."""

    def __init__(self, source: Path) -> None:
        self.source = source
        try:
            self.lines = source.read_text(encoding="utf-8").splitlines()
        except OSError:
            self.lines = []
        self._headers: dict[str, list[int]] | None = None

    def line_of(self, header: str, nth: int = 1) -> int | None:
        """The line of the ``nth`` table header ``[header]`` or ``[[header]]``."""
        if self._headers is None:
            # Every header's lines, found in one pass: a scan per entry made checking the
            # built-in file quadratic (most of `remind`'s time in the rates file).
            self._headers = {}
            for number, line in enumerate(self.lines, start=1):
                text = line.strip()
                if text.startswith("["):
                    self._headers.setdefault(text.strip("[]"), []).append(number)
        found = self._headers.get(header, [])
        return found[nth - 1] if 0 < nth <= len(found) else None

    def fail(self, key: str, what: str, line: int | None = None) -> DataFileError:
        where = f"{self.source}:{line}" if line else str(self.source)
        return DataFileError(
            f"{where}: {key} {what}.",
            "Fix it by hand, or delete the file to use the built-in one; nothing was reckoned.",
        )

    def keys(
        self, table: object, allowed: Mapping[str, bool], key: str, line: int | None
    ) -> Mapping[str, object]:
        """``table`` checked: a table with only the ``allowed`` keys and every required one."""
        if not isinstance(table, Mapping):
            raise self.fail(key, "is not a table", line)
        for name in table:
            if name not in allowed:
                known = ", ".join(allowed)
                raise self.fail(f"{key}.{name}", f"is not a known key (known: {known})", line)
        for name, required in allowed.items():
            if required and name not in table:
                raise self.fail(f"{key}.{name}", "is missing", line)
        return table

    def text(self, table: Mapping[str, object], name: str, key: str, line: int | None) -> str:
        value = table.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key}.{name}", "must be a text in quotes", line)
        return value.strip()

    def choice(
        self,
        table: Mapping[str, object],
        name: str,
        allowed: tuple[str, ...],
        key: str,
        line: int | None,
    ) -> str:
        value = self.text(table, name, key, line)
        if value not in allowed:
            raise self.fail(f"{key}.{name}", f"= {value!r}: choose {' or '.join(allowed)}", line)
        return value

    def number(
        self, value: object, key: str, line: int | None, *, most: int = 1_000_000_000
    ) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, f"= {value!r} is not a number", line)
        if isinstance(value, float) and not math.isfinite(value):
            # Decimal("nan") cannot even be compared: it would raise, not say what is wrong.
            raise self.fail(key, f"= {value!r} is not a number from 0 to {most}", line)
        number = Decimal(str(value))
        if not (0 <= number <= most):
            raise self.fail(key, f"= {value!r} is not a number from 0 to {most}", line)
        return number


def parse(data: Mapping[str, object], source: Path) -> RateBook:
    """Check and convert a rates file read from TOML."""
    r = _Reader(source)
    for name in data:
        if name not in ("schema_version", "regimes", "us_laws"):
            raise r.fail(name, "is not a known key (known: regimes, us_laws)")
    raw = data.get("regimes")
    if not isinstance(raw, Mapping) or not raw:
        raise r.fail("regimes", "is missing: the file lists no [regimes.X] table")
    regimes = {rid: _regime(r, rid, table) for rid, table in raw.items()}
    owner: dict[str, str] = {}
    for regime in regimes.values():
        for country in regime.countries:
            if country in owner:
                raise r.fail(
                    f"regimes.{regime.id}.countries",
                    f"lists {country}, which regimes.{owner[country]} lists too",
                    r.line_of(f"regimes.{regime.id}"),
                )
            owner[country] = regime.id
    us_raw = data.get("us_laws") or {}
    if not isinstance(us_raw, Mapping):
        raise r.fail("us_laws", "is not a table of [us_laws.XX] tables")
    us_laws = {region: _us_law(r, region, table) for region, table in us_raw.items()}
    return RateBook(source, regimes, us_laws)


def _regime(r: _Reader, rid: str, raw: object) -> Regime:
    key = f"regimes.{rid}"
    line = r.line_of(key)
    table = r.keys(raw, _REGIME_KEYS, key, line)
    countries = table["countries"]
    if not isinstance(countries, list) or not countries:
        raise r.fail(f"{key}.countries", 'must be a list of codes, e.g. ["GB"]', line)
    for country in countries:
        if not isinstance(country, str) or not _COUNTRY.match(country):
            raise r.fail(
                f"{key}.countries", f"has {country!r}: not a two-letter code like GB", line
            )
    currency = r.text(table, "currency", key, line)
    if not _CURRENCY.match(currency):
        raise r.fail(f"{key}.currency", f"= {currency!r} is not a code like EUR", line)
    kind = r.choice(table, "period", periods.KINDS, key, line)
    tiers = _tiers(r, table["compensation"], f"{key}.compensation", line)
    rates: dict[Period, RateEntry] = {}
    entries = table.get("rate") or []
    for n, entry in enumerate(entries if isinstance(entries, list) else [entries], start=1):
        found = _rate(r, entry, f"{key}.rate", n, kind, per_period=not tiers)
        if found.period in rates:
            raise r.fail(
                f"{key}.rate",
                f"has period {found.period} twice",
                r.line_of(f"{key}.rate", n),
            )
        rates[found.period] = found
    ordered = sorted(rates)
    for before, after in itertools.pairwise(ordered):
        if before.next() != after:
            gap = ", ".join(str(p) for p in periods.between(before.next(), after) if p != after)
            raise r.fail(
                f"{key}.rate",
                f"has a gap: no entry for {gap} between {before} and {after} (add it with "
                "its source; clientexit never guesses a rate)",
                line,
            )
    note = table.get("note")
    if note is not None and (not isinstance(note, str) or not note.strip()):
        raise r.fail(f"{key}.note", "must be a text in quotes", line)
    default_days = table.get("default_days")
    if default_days is not None:
        default_days = int(r.number(default_days, f"{key}.default_days", line, most=365))
        for name in ("default_after", "default_source"):
            r.text(table, name, key, line)
    elif "default_after" in table or "default_source" in table:
        raise r.fail(f"{key}.default_days", "is missing (default_after needs it)", line)
    return Regime(
        id=rid,
        law=r.text(table, "law", key, line),
        countries=tuple(countries),
        currency=currency,
        reference_name=r.text(table, "reference_name", key, line),
        margin=r.number(table["margin"], f"{key}.margin", line, most=100),
        method=r.choice(table, "method", METHODS, key, line),
        period=kind,
        tiers=tiers,
        source=r.text(table, "source", key, line),
        check=r.choice(table, "check", CHECKS, key, line),
        note=note.strip() if isinstance(note, str) else None,
        rates=rates,
        default_days=default_days,
        default_after=r.text(table, "default_after", key, line)
        if default_days is not None
        else None,
        default_source=r.text(table, "default_source", key, line)
        if default_days is not None
        else None,
    )


def _tiers(r: _Reader, value: object, key: str, line: int | None) -> tuple[Tier, ...]:
    if value == PER_PERIOD:
        return ()
    if not isinstance(value, list) or not value:
        raise r.fail(
            key, f'must be a list like [{{ below = 1000, amount = 40 }}] or "{PER_PERIOD}"', line
        )
    tiers = []
    for n, tier in enumerate(value, start=1):
        where = f"{key}[{n}]"
        checked = r.keys(tier, {"below": False, "amount": True}, where, line)
        below = checked.get("below")
        tiers.append(
            Tier(
                None if below is None else r.number(below, f"{where}.below", line),
                r.number(checked["amount"], f"{where}.amount", line),
            )
        )
    bounds = [t.below for t in tiers]
    if bounds[-1] is not None or any(b is None for b in bounds[:-1]):
        raise r.fail(key, "must end with one tier without `below` (every size) and only it", line)
    smaller = [b for b in bounds[:-1] if b is not None]  # none is None: checked above
    if smaller != sorted(smaller):
        raise r.fail(key, "must list its tiers from the smallest `below` up", line)
    return tuple(tiers)


def _rate(r: _Reader, raw: object, key: str, n: int, kind: str, *, per_period: bool) -> RateEntry:
    line = r.line_of(key, n)
    where = f"{key}[{n}]"
    entry = r.keys(raw, _RATE_KEYS, where, line)
    text = entry["period"]
    try:
        period = periods.parse(text if isinstance(text, str) else repr(text), kind)
    except ValueError as exc:
        raise r.fail(f"{where}.period", f"= {text!r} {exc}", line) from None
    day = entry.get("reference_date")
    if day is not None and (not isinstance(day, dt.date) or isinstance(day, dt.datetime)):
        raise r.fail(f"{where}.reference_date", "must be a date without quotes: 2025-01-01", line)
    retrieved = entry.get("retrieved")
    if retrieved is not None and (
        not isinstance(retrieved, dt.date) or isinstance(retrieved, dt.datetime)
    ):
        raise r.fail(f"{where}.retrieved", "must be a date without quotes: 2026-12-04", line)
    compensation = entry.get("compensation")
    if per_period and compensation is None:
        raise r.fail(f"{where}.compensation", "is missing (the regime's is per period)", line)
    if not per_period and compensation is not None:
        raise r.fail(f"{where}.compensation", "belongs in the regime's tiers, not here", line)
    return RateEntry(
        period=period,
        reference=r.number(entry["reference"], f"{where}.reference", line, most=100),
        reference_date=day,
        compensation=None
        if compensation is None
        else r.number(compensation, f"{where}.compensation", line),
        source=r.text(entry, "source", where, line),
        check=r.choice(entry, "check", CHECKS, where, line),
        retrieved=retrieved,
    )


def _us_law(r: _Reader, region: str, raw: object) -> USLaw:
    key = f"us_laws.{region}"
    line = r.line_of(key)
    table = r.keys(raw, _US_KEYS, key, line)
    lookback = table.get("lookback_days")
    damages = table.get("damages")
    if damages is not None and (not isinstance(damages, str) or not damages.strip()):
        raise r.fail(f"{key}.damages", "must be a text in quotes", line)
    return USLaw(
        region=region.upper(),
        law=r.text(table, "law", key, line),
        threshold=r.number(table["threshold"], f"{key}.threshold", line),
        days=int(r.number(table["days"], f"{key}.days", line, most=365)),
        lookback_days=None
        if lookback is None
        else int(r.number(lookback, f"{key}.lookback_days", line, most=3650)),
        damages=damages.strip() if isinstance(damages, str) else None,
        check=r.choice(table, "check", CHECKS, key, line),
    )


class Coverage(TypedDict):
    """What the rates file covers for one regime (``rates check``, and its --json)."""

    regime: str
    law: str
    countries: list[str]
    currency: str
    first: str | None
    last: str | None
    missing: list[str]
    unverified: list[str]
    fetched: dt.date | None


def coverage(book: RateBook, day: dt.date) -> list[Coverage]:
    """Per regime: the periods the file covers, those missing up to ``day``, the unverified."""
    rows: list[Coverage] = []
    for regime in book.regimes.values():
        ordered = sorted(regime.rates)
        rows.append(
            {
                "regime": regime.id,
                "law": regime.law,
                "countries": list(regime.countries),
                "currency": regime.currency,
                "first": str(ordered[0]) if ordered else None,
                "last": str(ordered[-1]) if ordered else None,
                "missing": [str(p) for p in regime.missing(day)],
                "unverified": [str(p) for p in ordered if regime.rates[p].unverified],
                "fetched": max(
                    (e.retrieved for e in regime.rates.values() if e.retrieved is not None),
                    default=None,
                ),
            }
        )
    return rows
