"""``clientexit rates update``: the reference rates and the euro exchange rates fetched
(collect/update.py) and written to the data folder's rates.toml and exchange-rates.toml, each
under its lock, checked before it is saved, and only when every publisher asked answered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tomlkit

    from clientexit._paths import Paths
    from clientexit.collect import rates
    from clientexit.collect.rates import Coverage
    from clientexit.collect.update import Change, Fetch, Result
    from clientexit.record.model import Profile


@dataclass(frozen=True)
class Listing:
    """`clientexit rates` on a day: the rates file read, where the user's own file goes, each
    regime's coverage, and the profile (for the dates shown)."""

    source: Path
    own_file: Path
    rows: list[Coverage]
    profile: Profile


def listing(paths: Paths, day: dt.date) -> Listing:
    """How current the rates file is up to ``day``, per regime."""
    from clientexit import config
    from clientexit.collect import rates

    book = rates.load(paths)
    rows = rates.coverage(book, day)
    return Listing(book.source, rates.location(paths), rows, config.load_profile(paths))


def update(paths: Paths, fetch: Fetch, today: dt.date, only: Iterable[str] | None = None) -> Result:
    """Fetch, check and (only when every publisher answered in its format) write."""
    from clientexit.collect import rates
    from clientexit.collect.update import Result, choose, fetch_all, not_fetched, plan

    wanted = choose(only)
    series, fx_days, failures = fetch_all(wanted, fetch)
    result = Result(failures=failures)
    book = rates.load(paths)
    if not only:
        result.not_fetched = not_fetched(book, today, rates.location(paths))
    if result.failures:
        return result
    result.changes = plan(book, series, today)
    result.rates_file = _write_rates(paths, book, result.changes, today)
    if fx_days:
        result.fx_file, result.fx_days, result.fx_kept = _write_fx(paths, fx_days, today)
    result.written = True
    return result


def _write_rates(paths: Paths, book: rates.RateBook, changes: list[Change], today: dt.date) -> Path:
    """Write the changes to the data folder's rates.toml (a copy of the built-in file first,
    when there is none); the result is checked before it is written."""
    from clientexit._store import atomic_write_text, edit_toml
    from clientexit.collect import rates
    from clientexit.collect.update import write_rates

    target = rates.location(paths)
    if not any(c.action in ("add", "update") for c in changes):
        return target
    if not target.exists():
        atomic_write_text(target, book.source.read_text(encoding="utf-8"))

    def check(doc: tomlkit.TOMLDocument) -> None:
        rates.parse(doc.unwrap(), target)

    with edit_toml(target, check=check) as doc:
        write_rates(doc, changes, today)
    return target


def _write_fx(
    paths: Paths, days: Mapping[dt.date, Mapping[str, Decimal]], today: dt.date
) -> tuple[Path, int, list[dt.date]]:
    """Each day's euro reference rates into exchange-rates.toml; a day written by hand is kept."""
    from clientexit import exchange as fx
    from clientexit._store import edit_toml
    from clientexit.collect.update import write_fx

    target = fx.location(paths)

    def check(doc: tomlkit.TOMLDocument) -> None:
        fx.parse(doc.unwrap(), target)

    with edit_toml(target, create=True, check=check) as doc:
        written, kept = write_fx(doc, days, today)
    return target, written, kept
