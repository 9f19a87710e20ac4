"""Working days for the dates a letter names: an end date or a due date on a weekend or on a
public holiday of the freelancer's or the client's country is no day a person can act on.

The holiday calendars come from the maintained ``holidays`` package, imported only when a
country is known (it costs ~200 ms); without one, only weekends count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Enough to step over Christmas to New Year and a long weekend, never an endless loop.
_MAX_STEPS = 14


@dataclass
class Calendar:
    """Weekends, and the public holidays of ``countries`` (ISO 3166-1 codes)."""

    countries: tuple[str, ...] = ()
    _by_year: dict[tuple[str, int], Mapping[dt.date, str]] = field(default_factory=dict, repr=False)

    def why_not(self, day: dt.date) -> str | None:
        """Why ``day`` is no working day ("a Sunday", "Christmas Day in CZ"), or None."""
        if day.weekday() >= 5:
            return f"a {day:%A}"
        for country in self.countries:
            name = self._holidays(country, day.year).get(day)
            if name:
                return f"{name} ({country})"
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
            import holidays

            try:
                found = holidays.country_holidays(country, years=year)
            except NotImplementedError:  # a country the package has no calendar for
                self._by_year[key] = {}
            else:
                self._by_year[key] = {day: str(name) for day, name in found.items()}
        return self._by_year[key]


def calendar(*sources: Mapping[str, Any] | None) -> Calendar:
    """The calendar of the countries named by the profile and the client (``country``)."""
    return Calendar(_countries(s.get("country") for s in sources if s))


def _countries(values: Iterable[object]) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        if isinstance(value, str) and value.strip() and value.strip().upper() not in found:
            found.append(value.strip().upper())
    return tuple(found)
