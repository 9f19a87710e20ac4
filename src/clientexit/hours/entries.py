"""What every tracker parser returns: entries with one shape, and the rows it could not read."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from clientexit.record.hours import KEY_BYTES

# Formats `hours import --from` accepts, in the order detection tries them.
FORMATS = ("watson", "timewarrior", "toggl", "clockify", "harvest", "timeclock")


@dataclass(frozen=True, slots=True)
class Entry:
    """One tracked stretch of work, whatever tracker it came from.

    ``day`` is the local day the work started (it decides the month); ``billable`` is the
    tracker's own flag where it has one (None when it does not say); ``key`` identifies the
    entry across imports (see ``identity``).
    """

    day: dt.date
    seconds: int
    key: bytes
    project: str = ""
    client: str = ""
    tags: tuple[str, ...] = ()
    description: str = ""
    billable: bool | None = None
    line: int = 0

    @property
    def month(self) -> str:
        return f"{self.day.year:04d}-{self.day.month:02d}"

    @property
    def hours(self) -> float:
        return self.seconds / 3600


@dataclass(frozen=True)
class Problem:
    """A row that could not be read: where (line number in the file) and why."""

    line: int
    reason: str


@dataclass
class Parsed:
    """The result of parsing one export: entries, unreadable rows, and running entries left out
    (an interval with no end is not counted: its hours are not known yet)."""

    format: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    running: int = 0
    unit: str = "line"  # what Problem.line counts: lines of text, or entries of a JSON list


# A key is KEY_BYTES (6) bytes of BLAKE2b: with a thousand entries in a month for one client,
# the chance that two differ yet share a key is about 1 in 500 million (birthday bound, 2**48).


def identity(tracker: str, *parts: object) -> bytes:
    """The key of an entry: a digest of the tracker's name and the fields that identify it."""
    text = "\x1f".join([tracker, *(str(p) for p in parts)])
    return hashlib.blake2b(text.encode("utf-8"), digest_size=KEY_BYTES).digest()


class Identities:
    """Keys for trackers without an entry id: start, end and description, plus how many times
    that same combination was already seen in this file, so that two identical rows (two
    half-hour calls logged alike) stay two entries, and importing the file again gives the same
    keys."""

    def __init__(self, tracker: str) -> None:
        self.tracker = tracker
        self._seen: Counter[tuple[object, ...]] = Counter()

    def key(self, *parts: object) -> bytes:
        self._seen[parts] += 1
        return identity(self.tracker, *parts, self._seen[parts])


@dataclass(frozen=True)
class ReadOptions:
    """What reading an export may need beyond its text.

    ``zone``: the zone whose calendar decides the day (and so the month) of a time the tracker
    keeps in UTC (Watson, Timewarrior): the profile's ``time_zone``, else UTC, never the zone
    the import happens to run in. ``date_order`` ("dmy" or "mdy", from --date-order) and
    ``country`` (the profile's) decide slashed dates the file itself does not prove.
    """

    zone: dt.tzinfo = dt.UTC
    date_order: str | None = None
    country: str | None = None


def zone_named(name: object) -> dt.tzinfo:
    """The zone of a profile's checked ``time_zone`` (UTC when there is none)."""
    if not isinstance(name, str) or not name or name == "UTC":
        return dt.UTC
    import zoneinfo

    return zoneinfo.ZoneInfo(name)


def local_day(moment: dt.datetime, zone: dt.tzinfo) -> dt.date:
    """The day of ``moment`` in ``zone``; a naive time (a tracker's own local time) keeps its
    own date."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(zone).date()


_CLOCK = re.compile(r"^(\d+):([0-5]?\d)(?::([0-5]?\d))?$")


_DECIMAL = re.compile(r"^\d{1,6}(?:[.,]\d{1,9})?$")


def duration_seconds(text: str, most_hours: int = 24) -> int:
    """A duration as trackers write it: ``h:mm:ss``, ``h:mm`` or decimal hours (``1.5``, or
    ``1,5`` as a European spreadsheet saves it), in whole seconds. ValueError, worded for the
    person who made the file, for anything else or for more than ``most_hours``."""
    text = text.strip()
    match = _CLOCK.match(text)
    if match and len(text) <= 20:
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        total = hours * 3600 + minutes * 60 + seconds
    elif _DECIMAL.match(text):
        from decimal import Decimal

        total = int((Decimal(text.replace(",", ".")) * 3600).to_integral_value())
    else:
        raise ValueError(
            f"the hours {shown(text)} are not a number of hours (write them like 1.5, 1,5 or 1:30)"
            if text
            else "the hours are empty"
        )
    if total > most_hours * 3600:
        raise ValueError(f"the hours {shown(text)} are more than {most_hours} hours in one entry")
    return total


def check_span(start: dt.datetime, end: dt.datetime) -> int:
    """Seconds from ``start`` to ``end``; an end before the start, or a stretch of more than a
    week (a typo in a date), raises ValueError."""
    seconds = (end - start) // dt.timedelta(seconds=1)
    if seconds < 0:
        raise ValueError("it ends before it starts")
    if seconds > 7 * 24 * 3600:
        raise ValueError("it lasts more than a week")
    return seconds


def shown(value: object) -> str:
    """A value as a message repeats it: quoted, and cut at 40 characters."""
    text = str(value) if isinstance(value, str | int | float) else type(value).__name__
    return repr(text if len(text) <= 40 else text[:40] + "…")


class FormatError(ValueError):
    """The file as a whole is not what its format needs (a missing column, not JSON ...)."""
