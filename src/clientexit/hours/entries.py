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


def local_day(moment: dt.datetime) -> dt.date:
    """The day of ``moment`` in the local time zone (a naive datetime is taken as local)."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone().date()


_CLOCK = re.compile(r"^(\d+):([0-5]?\d)(?::([0-5]?\d))?$")


def duration_seconds(text: str) -> int:
    """A duration as trackers write it: ``h:mm:ss``, ``h:mm`` or decimal hours (``1.5``,
    ``1,5``). Raises ValueError for anything else, or for a negative duration."""
    text = text.strip()
    match = _CLOCK.match(text)
    if match:
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    value = float(text.replace(",", "."))
    if not 0 <= value < 10_000:  # also refuses nan and inf
        raise ValueError(f"{text!r} is not a duration")
    return round(value * 3600)


def check_span(start: dt.datetime, end: dt.datetime) -> int:
    """Seconds from ``start`` to ``end``; an end before the start, or a stretch of more than a
    week (a typo in a date), raises ValueError."""
    seconds = int((end - start).total_seconds())
    if seconds < 0:
        raise ValueError("it ends before it starts")
    if seconds > 7 * 24 * 3600:
        raise ValueError("it lasts more than a week")
    return seconds


class FormatError(ValueError):
    """The file as a whole is not what its format needs (a missing column, not JSON ...)."""
