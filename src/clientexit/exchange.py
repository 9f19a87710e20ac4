"""The ECB's euro reference exchange rates, dated (a utility: interest, statements and assess
convert with it), from ``<data folder>/exchange-rates.toml``.

``clientexit rates update`` fills the file from the ECB (eurofxref); a person may add a day by
hand. A conversion names its rate, its date and its source; a day with no rate within a week
before it (the ECB publishes on TARGET working days only) converts nothing: never guessed.

File shape::

    [days."2026-12-03"]
    source = "European Central Bank, euro foreign exchange reference rates"
    retrieved = 2026-12-04
    USD = 1.0541
    GBP = 0.8312
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from clientexit._errors import DataFileError

if TYPE_CHECKING:
    from collections.abc import Callable

    from clientexit._paths import Paths

FILE_NAME = "exchange-rates.toml"
LOOK_BACK_DAYS = 7
RESERVED = ("source", "retrieved", "by_hand")


@dataclass(frozen=True)
class FxQuote:
    """One exchange rate: 1 ``base`` = ``rate`` ``quote``, published for ``day`` by ``source``."""

    base: str
    quote: str
    rate: Decimal
    day: dt.date
    source: str

    def convert(self, amount: Decimal) -> Decimal:
        """``amount`` in ``base`` as ``quote``, unrounded."""
        return amount * self.rate


@dataclass(frozen=True)
class Day:
    """The euro reference rates of one day: 1 EUR = ``rates[code]`` of each currency."""

    day: dt.date
    rates: Mapping[str, Decimal]
    source: str


@dataclass(frozen=True)
class Table:
    """Every day on file, by date."""

    source: Path
    days: Mapping[dt.date, Day]

    def quote(self, base: str, quote: str, day: dt.date) -> FxQuote | None:
        """1 ``base`` in ``quote`` on ``day`` (or the latest day on file within a week before
        it), through the euro; None when the file has no such day."""
        base, quote = base.upper(), quote.upper()
        if base == quote:
            return None
        for back in range(LOOK_BACK_DAYS + 1):
            found = self.days.get(day - dt.timedelta(days=back))
            if found is None:
                continue
            rates = {"EUR": Decimal(1), **found.rates}
            if base in rates and quote in rates:
                return FxQuote(base, quote, rates[quote] / rates[base], found.day, found.source)
            return None
        return None


def location(paths: Paths) -> Path:
    """``<data folder>/exchange-rates.toml``."""
    return Path(paths.home) / FILE_NAME


def load(paths: Paths) -> Table:
    """The exchange-rates file of the data folder, checked (an empty table when there is none)."""
    from clientexit._store import read_toml

    path = location(paths)
    if not path.is_file():
        return Table(path, {})
    return parse(read_toml(path), path)


def parse(data: Mapping[str, object], source: Path) -> Table:
    """Check and convert the file read from TOML; a bad value is a DataFileError naming it."""

    def fail(key: str, what: str) -> DataFileError:
        return DataFileError(
            f"{source}: {key} {what}.",
            "Fix it by hand, or delete the file and run clientexit rates update.",
        )

    days = data.get("days", {})
    if not isinstance(days, Mapping):
        raise fail("days", 'is not a table of [days."YYYY-MM-DD"] tables')
    found: dict[dt.date, Day] = {}
    for text, table in days.items():
        try:
            day = dt.date.fromisoformat(str(text))
        except ValueError:
            raise fail(f'days."{text}"', "is not a date written YYYY-MM-DD") from None
        if not isinstance(table, Mapping):
            raise fail(f'days."{text}"', "is not a table")
        rates: dict[str, Decimal] = {}
        for code, value in table.items():
            if code in RESERVED:
                continue
            if (
                len(code) != 3
                or not code.isupper()
                or isinstance(value, bool)
                or not isinstance(value, int | float)
                or not value > 0
            ):
                raise fail(f'days."{text}".{code}', f"= {value!r} is not a currency rate above 0")
            rates[code] = Decimal(str(value))
        found[day] = Day(day, rates, str(table.get("source", "European Central Bank")))
    return Table(source, found)


def lookup(paths: Paths) -> Callable[[str, str, dt.date], FxQuote | None]:
    """An ``interest.FxLookup`` over the data folder's exchange rates (read when first asked)."""
    table: list[Table] = []

    def find(base: str, quote: str, day: dt.date) -> FxQuote | None:
        if not table:
            table.append(load(paths))
        return table[0].quote(base, quote, day)

    return find


@dataclass(frozen=True)
class Total:
    """Amounts in several currencies added up in ``currency``: ``amount`` is None when a
    currency had no rate on file (``missing``); ``quotes`` are the rates used, each dated."""

    currency: str
    amount: Decimal | None
    quotes: tuple[FxQuote, ...]
    missing: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """Plain data: the total, and each rate with its date and source."""
        return {
            "currency": self.currency,
            "amount": None if self.amount is None else float(round(self.amount, 2)),
            "rates": [
                {"from": q.base, "to": q.quote, "rate": float(round(q.rate, 6)), "date": q.day}
                for q in self.quotes
            ],
            "missing": list(self.missing),
        }


def total(amounts: Mapping[str, float], currency: str, day: dt.date, table: Table) -> Total:
    """``amounts`` (by currency) in ``currency`` at the rates of ``day`` (or the latest day on
    file within a week before it). A currency without a rate leaves the total out: nothing is
    converted silently or guessed."""
    found, quotes, missing = Decimal(0), [], []
    for code, amount in amounts.items():
        if code.upper() == currency.upper():
            found += Decimal(str(amount))
            continue
        quote = table.quote(code, currency, day)
        if quote is None:
            missing.append(code)
            continue
        quotes.append(quote)
        found += quote.convert(Decimal(str(amount)))
    return Total(currency, None if missing else found, tuple(quotes), tuple(missing))
