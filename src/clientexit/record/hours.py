"""A client's tracked hours and rates over time, as its file keeps them: the one reader of
``[hours]`` and ``[[rate_changes]]``.

    rate = 85.0                   # the rate to begin with (a file with only this keeps working)
    [[rate_changes]]
    from = 2026-09-01             # from this day on...
    rate = 95.0                   # ...this rate

    [hours]
    match = ["acme", "acme-*"]    # which tracked entries are this client's (hours/mapping.py)
    unbilled_tags = ["admin"]     # tags whose hours are not billed

    [hours.months.2026-10]        # kept by `clientexit hours import`
    billable_hours = 42.5         # for reading: the seconds below are what is counted
    unbilled_hours = 6.25
    billable_seconds = 153000
    unbilled_seconds = 22500
    entries = 57
    keys = "q0hK1x8Bn2Vw..."

Durations are kept in whole seconds, so that sums stay exact and revenue is seconds x rate / 3600
computed once in Decimal (4 h 40 min at 1,500 is 7,000.00, where hours rounded to four decimals
would give 7,000.05). A file written before the seconds were kept has only the hours: its seconds
are the hours x 3,600, rounded. The hours are rewritten from the seconds on every import; a hand
edit of the hours alone makes them disagree with the seconds, which is reported.

``keys`` holds the key of every entry counted in that month (6 bytes each: see hours/entries.py),
sorted and concatenated, in base64: 8 characters an entry, about 10 kB for a busy year. Keeping
only sums would make a second import count everything twice; keeping the entries themselves would
put ~100 bytes an entry into a file people read and edit. The keys sit in the client's file, not
beside it, so that sums and keys change in the same atomic write and never disagree after a crash.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from os import PathLike
from typing import TypeVar

from clientexit._errors import DataFileError
from clientexit.record import schema

T = TypeVar("T")

KEY_BYTES = 6
KEY_CHARS = KEY_BYTES * 4 // 3  # base64: 8 characters a key, no padding


@dataclass(frozen=True, slots=True)
class TrackedMonth:
    """The hours of one client in one month (``month`` is "2026-10")."""

    month: str
    billable_hours: float
    unbilled_hours: float
    entries: int = 0
    billable_seconds: int = 0
    unbilled_seconds: int = 0

    @property
    def hours(self) -> float:
        return self.billable_hours + self.unbilled_hours

    @property
    def seconds(self) -> int:
        return self.billable_seconds + self.unbilled_seconds


@dataclass(frozen=True, slots=True)
class HoursMapping:
    """``[hours]`` match and unbilled_tags: which entries are the client's, which unbilled."""

    match: tuple[str, ...] = ()
    unbilled_tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RateChange:
    """The client's hourly rate from ``start`` on."""

    start: dt.date
    rate: float


def decode_keys(text: str) -> set[bytes]:
    """The key set stored as ``keys``; ValueError when it is not what encode_keys writes."""
    if len(text) % KEY_CHARS:
        raise ValueError(f"its length is not a multiple of {KEY_CHARS}")
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("it is not base64") from None
    return {raw[i : i + KEY_BYTES] for i in range(0, len(raw), KEY_BYTES)}


def encode_keys(keys: Iterable[bytes]) -> str:
    """The key set as stored: sorted, so that the same set is always the same text."""
    return base64.b64encode(b"".join(sorted(keys))).decode("ascii")


Source = str | PathLike[str] | None


def _bad(source: Source, key: str, what: str, example: str) -> DataFileError:
    return DataFileError(
        f"{source or 'client file'}: {key} {what}.",
        f"Write it like {example}; clientexit has left the file unchanged.",
    )


def check(data: Mapping[str, object], source: Source = None) -> None:
    """Raise DataFileError, naming the file and the key, when ``[hours]`` or
    ``[[rate_changes]]`` is not what clientexit writes (a hand edit gone wrong)."""
    rate_changes(data, source)
    mapping(data, source)
    months(data, source, check_keys=True)


def _table(data: Mapping[str, object], source: Source) -> Mapping[str, object]:
    table = data.get("hours")
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise _bad(source, "hours", "must be a table", '[hours] with match = ["acme"]')
    return table


def mapping(data: Mapping[str, object], source: Source = None) -> HoursMapping | None:
    """The client's ``[hours]`` match and unbilled_tags; None when the file has no [hours]."""
    if data.get("hours") is None:
        return None
    table = _table(data, source)
    lists = []
    for key, example in schema.HOURS_LISTS.items():
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _bad(source, f"[hours] {key}", "must be a list of names", example)
        lists.append(tuple(v for v in value if v.strip()))
    return HoursMapping(*lists)


def months(
    data: Mapping[str, object], source: Source = None, *, check_keys: bool = False
) -> tuple[TrackedMonth, ...]:
    """The months kept in ``[hours.months]``, oldest first (``check_keys``: also check that each
    month's keys can be read, which costs a decode)."""
    table = _table(data, source).get("months", {})
    if not isinstance(table, Mapping):
        raise _bad(source, "[hours] months", "must be a table of months", "[hours.months.2026-10]")
    found = []
    for month, figures in sorted(table.items()):
        where = f"[hours.months.{month}]"
        if not schema.MONTH_KEY.match(month) or not isinstance(figures, Mapping):
            raise _bad(source, where, "is not a month's table", "[hours.months.2026-10]")
        values = []
        for key, (rule, example) in schema.MONTH_RULES.items():
            try:
                values.append(rule(figures.get(key, 0.0)))
            except schema.Invalid as exc:
                raise _bad(source, f"{where} {key}", str(exc), example) from None
        entries = figures.get("entries", 0)
        if isinstance(entries, bool) or not isinstance(entries, int) or entries < 0:
            raise _bad(source, f"{where} entries", "must be a whole number", "entries = 57")
        seconds = [_seconds(figures, kind, hours, source, where) for kind, hours in
                   zip(("billable", "unbilled"), values, strict=True)]  # fmt: skip
        if check_keys:
            try:
                decode_keys(str(figures.get("keys", "")))
            except ValueError as exc:
                raise DataFileError(
                    f"{source or 'client file'}: {where} keys is damaged ({exc}).",
                    "Remove the month's table and import its hours again; clientexit has left "
                    "the file unchanged.",
                ) from None
        found.append(TrackedMonth(month, values[0], values[1], entries, *seconds))
    return tuple(found)


# Seconds in a hundred years: more than any month holds, small enough for exact float hours.
_MOST_SECONDS = 100 * 366 * 24 * 3600


def _seconds(
    figures: Mapping[str, object], kind: str, hours: float, source: Source, where: str
) -> int:
    """A month's ``billable_seconds`` / ``unbilled_seconds``, or its hours in seconds in a file
    that predates them; seconds that disagree with the hours by more than a second (the hours
    changed by hand) are a DataFileError."""
    key = f"{kind}_seconds"
    value = figures.get(key)
    if value is None:
        return round(hours * 3600)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MOST_SECONDS:
        raise _bad(source, f"{where} {key}", "must be a whole number of seconds", f"{key} = 9000")
    if abs(value - hours * 3600) > 1:
        raise DataFileError(
            f"{source or 'client file'}: {where} {kind}_hours = {hours:g} and {key} = {value} "
            "disagree.",
            f"If you changed the hours by hand, delete the {key} line (the hours then count); "
            "clientexit has left the file unchanged.",
        )
    return value


def _checked(
    rule: tuple[str, Callable[[object], T], str],
    entry: Mapping[str, object],
    source: Source,
    where: str,
) -> T:
    """``entry``'s value of the rule's key as the rule gives it; a DataFileError if it breaks it."""
    key, check, example = rule
    try:
        return check(entry.get(key))
    except schema.Invalid as exc:
        raise _bad(source, f"{where}: {key}", str(exc), example) from None


def rate_changes(data: Mapping[str, object], source: Source = None) -> tuple[RateChange, ...]:
    """``[[rate_changes]]``, earliest first."""
    entries = data.get("rate_changes")
    if entries is None:
        return ()
    example = "[[rate_changes]] with from = 2026-09-01 and rate = 95.0"
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise _bad(source, "rate_changes", "must be a list of tables", example)
    changes = []
    for number, entry in enumerate(entries, start=1):
        where = f"rate change {number}"
        start = _checked(schema.RATE_CHANGE_FROM, entry, source, where)
        rate = _checked(schema.RATE_CHANGE_RATE, entry, source, where)
        changes.append(RateChange(start, rate))
    return tuple(sorted(changes, key=lambda c: c.start))


def rate_on(rate: float | None, changes: Iterable[RateChange], day: dt.date) -> float | None:
    """The hourly rate in force on ``day``: the latest change on or before it, else ``rate``."""
    current = rate
    for change in changes:  # earliest first
        if change.start <= day:
            current = change.rate
    return current
