"""``clientexit rates update``: fetch the reference rates and the euro exchange rates from their
official publishers and say what to write, each with its source address and the day it was
retrieved, to the data folder's rates.toml and exchange-rates.toml (app/rates.py opens them).

All or nothing: every publisher asked is fetched and read before anything is written; one that
fails (no answer, an error, a response not in its documented format) writes nothing at all and
is named. An entry written by hand (one without ``retrieved``) is never overwritten: where the
publisher says otherwise, the difference is reported and the entry kept.

The fetcher is injected (``Fetch``: a URL to the response's bytes), so tests read recorded
responses and never touch the network; ``fetch_url`` is the real one (stdlib urllib).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from clientexit._errors import UsageError
from clientexit._types import Document
from clientexit.collect import periods, rates
from clientexit.collect.periods import Period
from clientexit.collect.publishers import (
    ECB_FX,
    NOT_FETCHED,
    PUBLISHERS,
    BadResponse,
    Observations,
    Publisher,
    in_force,
    of_month,
    parse_eurofxref,
)

if TYPE_CHECKING:
    import tomlkit

Fetch = Callable[[str], bytes]
TIMEOUT_SECONDS = 30
USER_AGENT = "clientexit (rates update; +https://pypi.org/project/clientexit/)"
FX_ID = "ecb-fx"


def fetch_url(url: str) -> bytes:
    """The body of ``url`` (HTTPS GET with a User-Agent, 30 s timeout); OSError on failure."""
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        body: bytes = response.read()
    return body


@dataclass(frozen=True)
class Change:
    """One period's rate as the publisher gives it: ``action`` is "add", "update" (an entry
    the tool wrote before) or "kept" (a hand-written entry that differs: left as it is)."""

    regime: str
    period: Period
    reference: Decimal
    reference_date: dt.date
    publisher: Publisher
    action: str
    previous: Decimal | None = None


@dataclass
class Result:
    """What an update did (``written``), or why it wrote nothing (``failures``)."""

    changes: list[Change] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (publisher, what went wrong)
    fx_days: int = 0
    fx_kept: list[dt.date] = field(default_factory=list)
    not_fetched: list[str] = field(default_factory=list)
    written: bool = False
    rates_file: Path | None = None
    fx_file: Path | None = None


def choose(only: Iterable[str] | None) -> list[str]:
    """The publisher ids to ask: all, or those named (boe, bundesbank, ecb, cnb, ecb-fx)."""
    known = [*PUBLISHERS, FX_ID]
    if not only:
        return known
    wanted = [name.strip().lower() for name in only if name.strip()]
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise UsageError(
            f"No publisher called {', '.join(unknown)}.", f"Choose from {', '.join(known)}."
        )
    return wanted


def fetch_all(
    wanted: Iterable[str], fetch: Fetch
) -> tuple[dict[str, Observations], dict[dt.date, dict[str, Decimal]], list[tuple[str, str]]]:
    """Ask every publisher in ``wanted`` and read its answer: the reference rates by publisher,
    the euro exchange rates by day, and (publisher, what went wrong) for each that failed."""
    series: dict[str, Observations] = {}
    fx_days: dict[dt.date, dict[str, Decimal]] = {}
    failures: list[tuple[str, str]] = []
    for pid in wanted:
        name, url = ECB_FX if pid == FX_ID else (PUBLISHERS[pid].name, PUBLISHERS[pid].url)
        try:
            body = fetch(url)
            if pid == FX_ID:
                fx_days = parse_eurofxref(body)
            else:
                series[pid] = PUBLISHERS[pid].parse(body)
        except BadResponse as exc:
            failures.append((name, f"the response is not in the expected format: {exc}"))
        except (OSError, ValueError) as exc:
            failures.append((name, f"the download failed: {exc}"))
    return series, fx_days, failures


def plan(book: rates.RateBook, series: Mapping[str, Observations], today: dt.date) -> list[Change]:
    """For each regime a publisher serves: every period from the file's first (or the current
    one) to the current one whose reference day has come, with what the publisher gives."""
    changes = []
    for pid, observations in series.items():
        publisher = PUBLISHERS[pid]
        for rid in publisher.regimes:
            regime = book.regimes.get(rid)
            if regime is None:
                continue
            current = periods.containing(today, regime.period)
            first = min(regime.rates, default=current)
            for period in periods.between(first, current):
                day = publisher.reference_day(period)
                found = of_month if publisher.monthly else in_force
                value = found(observations, day) if day <= today else None
                if value is None:
                    continue
                entry = regime.rates.get(period)
                action = _action(entry, value)
                if action:
                    previous = entry.reference if entry is not None else None
                    changes.append(Change(rid, period, value, day, publisher, action, previous))
    return changes


def not_fetched(book: rates.RateBook, today: dt.date, own: Path) -> list[str]:
    """For each regime no publisher can be fetched for (the TCMB's TTK 1530 rate): that it was
    not fetched and why, how current the file is, and what to add by hand."""
    lines = []
    for rid, (who, why) in NOT_FETCHED.items():
        regime = book.regimes.get(rid)
        if regime is None:
            continue
        missing = regime.missing(today)
        latest = max(regime.rates) if regime.rates else None
        have = (
            f"the rates file has {rid} up to {latest}" if latest else f"the file has no {rid} rate"
        )
        if missing:
            todo = (
                f"{have}; {', '.join(str(p) for p in missing)} is missing. Add it by hand to "
                f"{own} as a [[regimes.{rid}.rate]] entry with period, reference, compensation, "
                "source (the Resmî Gazete issue that announced it) and check, then run "
                "clientexit rates check"
            )
        else:
            todo = f"{have}, which covers today; add next year's entry by hand when it is announced"
        lines.append(f"{who}: not fetched: {why}. {todo[0].upper()}{todo[1:]}")
    return lines


def _action(entry: rates.RateEntry | None, value: Decimal) -> str | None:
    if entry is None:
        return "add"
    if entry.reference == value:
        return None
    return "update" if entry.retrieved is not None else "kept"


def write_rates(doc: tomlkit.TOMLDocument, changes: Iterable[Change], today: dt.date) -> None:
    """Write the added and updated rates into the open rates.toml document ``doc`` (app/rates.py
    opens it under the lock and checks the result before it is saved)."""
    for change in changes:
        if change.action in ("add", "update"):
            _write_entry(doc["regimes"][change.regime], change, today)


def _write_entry(regime: Document, change: Change, today: dt.date) -> None:
    import tomlkit

    values = {
        "period": str(change.period),
        "reference": float(change.reference),
        "reference_date": change.reference_date,
        "source": f"{change.publisher.name}: {change.publisher.url}",
        "check": "official",
        "retrieved": today,
    }
    entries = regime.get("rate")
    if entries is None:
        entries = tomlkit.aot()
        regime["rate"] = entries
    for entry in entries:
        if entry.get("period") == values["period"]:
            entry.update(values)
            return
    table = tomlkit.table()
    table.update(values)
    entries.append(table)


def write_fx(
    doc: tomlkit.TOMLDocument, days: Mapping[dt.date, Mapping[str, Decimal]], today: dt.date
) -> tuple[int, list[dt.date]]:
    """Each day's euro reference rates into the open exchange-rates.toml document ``doc``; a day
    written by hand is kept. Returns how many days were written, and the days kept."""
    import tomlkit

    written, kept = 0, []
    table: Document | None = doc.get("days")
    if table is None:
        table = tomlkit.table(is_super_table=True)
        doc["days"] = table
    for day in sorted(days):
        key = day.isoformat()
        old = table.get(key)
        if old is not None and old.get("retrieved") is None:
            kept.append(day)
            continue
        entry = tomlkit.table()
        entry.update({"source": f"{ECB_FX[0]}: {ECB_FX[1]}", "retrieved": today})
        entry.update({code: float(rate) for code, rate in sorted(days[day].items())})
        table[key] = entry
        written += 1
    return written, kept
