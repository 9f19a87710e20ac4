"""Working days for the dates letters and advice name: an end date or a due date on a weekend or
on a public holiday of the freelancer's or the client's country is no day a person can act on.

The holiday calendars come from the maintained ``holidays`` package, imported only when a
country is known; without one, only weekends count. Importing it and computing a country's year
costs ~150-300 ms, more than the rest of a letter, so a year's holidays are kept in a derived
cache, ``<home>/.cache/holidays.json`` (JSON: names by date, per country and year), made again
when the installed package changes; it may be deleted at any time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# Enough to step over Christmas to New Year and a long weekend, never an endless loop.
_MAX_STEPS = 14


@dataclass
class Calendar:
    """Weekends, and the public holidays of ``countries`` (ISO 3166-1 codes)."""

    countries: tuple[str, ...] = ()
    cache: Path | None = None  # the holidays.json cache (see the module docstring), if any
    _by_year: dict[tuple[str, int], Mapping[dt.date, str]] = field(default_factory=dict, repr=False)

    def why_not(self, day: dt.date) -> str | None:
        """Why ``day`` is no working day ("a Sunday", "Christmas Day in CZ"), or None."""
        if day.weekday() >= 5:
            return f"a {day:%A}"
        found = self.holiday(day)
        return f"{found[1]} ({found[0]})" if found else None

    def holiday(self, day: dt.date) -> tuple[str, str] | None:
        """(country, the holiday's English name) when ``day`` is a public holiday, else None."""
        for country in self.countries:
            name = self._holidays(country, day.year).get(day)
            if name:
                return country, name
        return None

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when people work on it, else the first working day after it."""
        for _ in range(_MAX_STEPS):
            if self.why_not(day) is None:
                return day
            day += dt.timedelta(days=1)
        return day

    def _holidays(self, country: str, year: int) -> Mapping[dt.date, str]:
        key = (country, year)
        if key not in self._by_year:
            cached = _cached(self.cache, f"{country}-{year}")
            if cached is None:
                cached = _computed(country, year)
                _keep(self.cache, f"{country}-{year}", cached)
            self._by_year[key] = {dt.date.fromisoformat(d): name for d, name in cached.items()}
        return self._by_year[key]


def _computed(country: str, year: int) -> dict[str, str]:
    import holidays

    try:
        found = holidays.country_holidays(country, years=year)
    except NotImplementedError:  # a country the package has no calendar for
        return {}
    return {day.isoformat(): str(name) for day, name in found.items()}


def _package() -> str:
    """Which holidays package is installed, without importing it."""
    from clientexit._day_cache import installed

    return installed("holidays")


def _read(cache: Path) -> dict[str, object]:
    import json

    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("package") != _package():
        return {}
    years = data.get("years")
    return years if isinstance(years, dict) else {}


def _cached(cache: Path | None, key: str) -> dict[str, str] | None:
    if cache is None:
        return None
    found = _read(cache).get(key)
    if not isinstance(found, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in found.items()
    ):
        return None
    try:
        for day in found:
            dt.date.fromisoformat(day)
    except ValueError:
        return None
    return found


def _keep(cache: Path | None, key: str, found: dict[str, str]) -> None:
    import contextlib
    import json

    from clientexit._store import atomic_write_text

    if cache is None:
        return
    years = {**_read(cache), key: found}
    # A read-only data folder still drafts letters, only without the speed-up.
    with contextlib.suppress(OSError):
        atomic_write_text(cache, json.dumps({"package": _package(), "years": years}))


def calendar(*countries: str | None, cache: Path | None = None) -> Calendar:
    """The calendar of ``countries`` (the profile's and the client's ``country``: None or
    blank for one not known); ``cache``: the holidays.json file to keep computed years in."""
    return Calendar(_countries(countries), cache)


def _countries(values: Iterable[object]) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        if isinstance(value, str) and value.strip() and value.strip().upper() not in found:
            found.append(value.strip().upper())
    return tuple(found)
