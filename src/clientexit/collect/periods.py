"""Rate periods: a half-year ("2025-H2") or a calendar year ("2025"), the units in which
reference rates are published."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

KINDS = ("half-year", "year")
_PATTERN = {"half-year": re.compile(r"^(\d{4})-H([12])$"), "year": re.compile(r"^(\d{4})$")}
_EXAMPLE = {"half-year": '"2025-H1" or "2025-H2"', "year": '"2025"'}


@dataclass(frozen=True, order=True)
class Period:
    """One period: ``half`` is 1 or 2 for a half-year, 0 for a whole year."""

    year: int
    half: int

    @property
    def first(self) -> dt.date:
        """The period's first day."""
        return dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def last(self) -> dt.date:
        """The period's last day."""
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    def next(self) -> Period:
        """The period after this one."""
        if self.half == 0:
            return Period(self.year + 1, 0)
        return Period(self.year, 2) if self.half == 1 else Period(self.year + 1, 1)

    def __str__(self) -> str:
        return str(self.year) if self.half == 0 else f"{self.year}-H{self.half}"


def parse(text: str, kind: str) -> Period:
    """``"2025-H1"`` (half-year) or ``"2025"`` (year) as a Period; ValueError saying the shape."""
    match = _PATTERN[kind].match(text.strip())
    if not match:
        raise ValueError(f"is not a {kind} written {_EXAMPLE[kind]}")
    return Period(int(match[1]), int(match[2]) if kind == "half-year" else 0)


def containing(day: dt.date, kind: str) -> Period:
    """The period of ``kind`` that ``day`` falls in."""
    if kind == "year":
        return Period(day.year, 0)
    return Period(day.year, 1 if day.month <= 6 else 2)


def between(first: Period, last: Period) -> Iterator[Period]:
    """Every period from ``first`` to ``last``, both included."""
    period = first
    while period <= last:
        yield period
        period = period.next()
