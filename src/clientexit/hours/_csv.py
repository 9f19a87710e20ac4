"""What the CSV reports (Toggl, Clockify, Harvest) share: headers found through an alias table,
rows with their line numbers, dates in whatever order the exporting account uses, yes/no."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from clientexit.hours.entries import (
    Entry,
    FormatError,
    Identities,
    Parsed,
    Problem,
    ReadOptions,
    check_span,
)

Aliases = Mapping[str, tuple[str, ...]]


def header_key(text: str) -> str:
    """A header as compared: case, spacing, a trailing '?' and a currency in brackets ignored
    (``Amount (USD)`` and ``Amount ()`` are both ``amount``)."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text.strip().lstrip("\ufeff"))
    return " ".join(text.lower().rstrip("?").split())


@dataclass(frozen=True)
class Table:
    """A CSV report's rows with the columns found: ``row.get(field)`` by our field names."""

    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]  # (line number, cells)

    def cell(self, cells: list[str], field: str) -> str:
        index = self.columns.get(field)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()


def delimiter(header_line: str) -> str:
    """``;`` for a report re-saved by a spreadsheet in a European locale (its header has more
    semicolons than commas outside quotes), else ``,``."""
    outside = re.sub(r'"[^"]*"', "", header_line)
    return ";" if outside.count(";") > outside.count(",") else ","


def header_line(text: str) -> str:
    """The first line of a CSV report, byte-order mark and leading blank lines left out."""
    start = text.lstrip("\ufeff").lstrip()
    return start.splitlines()[0] if start else ""


def read_table(
    text: str, tracker: str, aliases: Aliases, required: Iterable[str], names: Mapping[str, str]
) -> Table:
    """Read a CSV report, comma- or semicolon-separated; a required field with no column raises
    FormatError naming the column (``names``: the field's header as the tracker writes it)."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    reader = csv.reader(lines, delimiter=delimiter(header_line(text)))
    try:
        return _read_table(reader, tracker, aliases, required, names)
    except csv.Error as exc:
        what = "a cell longer than 131,072 characters" if "field limit" in str(exc) else exc
        raise FormatError(f"line {reader.line_num} cannot be read as CSV ({what})") from None


class _Reader(Protocol):
    """A csv reader: its rows, and the line it has read up to."""

    @property
    def line_num(self) -> int: ...
    def __iter__(self) -> Iterator[list[str]]: ...
    def __next__(self) -> list[str]: ...


def _read_table(
    reader: _Reader,
    tracker: str,
    aliases: Aliases,
    required: Iterable[str],
    names: Mapping[str, str],
) -> Table:
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError(f"it is empty: no header line of a {tracker} report") from None
    keys = [header_key(h) for h in header]
    columns: dict[str, int] = {}
    for field, accepted in aliases.items():
        for index, key in enumerate(keys):
            if key in accepted:
                columns[field] = index
                break
    missing = [names[f] for f in required if f not in columns]
    if missing:
        listed = ", ".join(h.strip() for h in header if h.strip()) or "none"
        raise FormatError(
            f"no {' or '.join(repr(m) for m in missing)} column, which a {tracker} detailed "
            f"report has (this file's columns: {listed})"
        )
    rows: list[tuple[int, list[str]]] = []
    line = reader.line_num + 1
    for cells in reader:
        if any(c.strip() for c in cells):
            rows.append((line, cells))
        line = reader.line_num + 1
    return Table(columns, rows)


_DATE = re.compile(r"^(\d{1,4})([./-])(\d{1,2})[./-](\d{1,4})$")

# Trackers whose export documents one order for slashed dates (Harvest: M/D/YYYY, in its
# import/export help). Toggl and Clockify follow each account's own setting: no default.
TRACKER_ORDER = {"harvest": "mdy"}
# Countries whose people write month first (the United States and the places that follow its
# usage); everywhere else that writes numeric dates with slashes writes the day first, or the
# year first, which needs no guess.
MONTH_FIRST_COUNTRIES = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI"})
ORDERS = ("dmy", "mdy")


class Dates:
    """Dates of one file: ISO (``2026-09-15``), day-first with dots (``15.09.2026``), or
    slashed (and dashed) day and month, in the order the file proves (a day over 12), else
    the one --date-order gives, else the tracker's documented order where the profile's country
    writes dates that way. Anything else refuses the whole file, naming --date-order: a file
    is never read the other way round silently."""

    def __init__(self, samples: Iterable[str], tracker: str, options: ReadOptions) -> None:
        self.month_first: bool | None = None
        proof: dict[bool, str] = {}
        example = ""
        for sample in samples:
            match = _DATE.match(sample.strip())
            if not match or len(match[1]) == 4 or match[2] == ".":
                continue
            example = example or sample.strip()
            first, second = int(match[1]), int(match[3])
            if first > 12 and second <= 12:
                proof.setdefault(False, sample.strip())
            elif second > 12 and first <= 12:
                proof.setdefault(True, sample.strip())
        if not example:
            return
        if len(proof) == 2:
            raise FormatError(
                f"its dates disagree: {proof[True]} is month first and {proof[False]} day first"
            )
        given = options.date_order
        if proof:
            (self.month_first,) = proof
            if given is not None and (given == "mdy") != self.month_first:
                raise FormatError(
                    f"--date-order {given} does not fit its dates: {proof[self.month_first]} "
                    f"is {'month' if self.month_first else 'day'} first"
                )
        elif given is not None:
            self.month_first = given == "mdy"
        elif TRACKER_ORDER.get(tracker) == "mdy" and options.country in MONTH_FIRST_COUNTRIES:
            self.month_first = True
        else:
            raise FormatError(
                f"its dates (such as {example}) read as well day first as month first, and "
                "no date in it has a day over 12 to tell which; give --date-order dmy or "
                "--date-order mdy"
            )

    def parse(self, text: str) -> dt.date:
        match = _DATE.match(text.strip())
        if not match:
            raise ValueError(f"the date {text.strip()[:40]!r} is not a date")
        a, sep, b, c = match.groups()
        if len(a) == 4:
            return dt.date(int(a), int(b), int(c))
        if len(c) != 4:
            raise ValueError(f"the date {text.strip()!r} has no four-digit year")
        month_first = False if sep == "." else self.month_first
        month, day = (int(a), int(b)) if month_first else (int(b), int(a))
        try:
            return dt.date(int(c), month, day)
        except ValueError:
            order = "month/day/year" if month_first else "day/month/year"
            raise ValueError(f"the date {text.strip()!r} is not a date read as {order}") from None


_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")


def parse_time(text: str) -> dt.time:
    """``14:00``, ``14:00:05``, ``02:00 PM`` or ``2:00:05 pm``."""
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(f"the time {text.strip()[:40]!r} is not a time like 14:05 or 2:05 PM")
    hour, minute = int(match[1]), int(match[2])
    second = int(match[3] or 0)
    half = (match[4] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"the time {text.strip()!r} is not a time like 2:05 PM")
        hour = hour % 12 + (12 if half == "pm" else 0)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        raise ValueError(f"the time {text.strip()!r} is not a time of day") from None


def yes_no(text: str) -> bool | None:
    """A Billable cell: True, False, or None when empty or unknown."""
    word = text.strip().lower()
    if word in ("yes", "y", "true", "1", "billable"):
        return True
    if word in ("no", "n", "false", "0", "non-billable", "not billable"):
        return False
    return None


def tag_list(text: str) -> tuple[str, ...]:
    """Tags as CSV reports write them in one cell: ``admin, calls``."""
    return tuple(t.strip() for t in text.split(",") if t.strip())


def rows_with_dates(table: Table, *fields: str) -> Iterator[str]:
    """Every value of the date columns ``fields``, to learn the file's date order from."""
    for _, cells in table.rows:
        for field in fields:
            value = table.cell(cells, field)
            if value:
                yield value


TIMED_REQUIRED = ("start_date", "start_time", "end_date", "end_time")


def timed_entries(
    text: str, tracker: str, aliases: Aliases, names: Mapping[str, str], options: ReadOptions
) -> Parsed:
    """Entries of a report with a start and an end per row (Toggl, Clockify): local dates and
    times as the account shows them; keyed by start, end, project and description."""
    table = read_table(text, names["tracker"], aliases, TIMED_REQUIRED, names)
    dates = Dates(rows_with_dates(table, "start_date", "end_date"), tracker, options)
    parsed = Parsed(tracker)
    keys = Identities(tracker)
    for line, cells in table.rows:
        cell = functools.partial(table.cell, cells)
        try:
            start = dt.datetime.combine(
                dates.parse(cell("start_date")), parse_time(cell("start_time"))
            )
            end = dt.datetime.combine(dates.parse(cell("end_date")), parse_time(cell("end_time")))
            seconds = check_span(start, end)
        except ValueError as exc:
            parsed.problems.append(Problem(line, str(exc)))
            continue
        parsed.entries.append(
            Entry(
                day=start.date(),
                seconds=seconds,
                key=keys.key(
                    start.isoformat(), end.isoformat(), cell("project"), cell("description")
                ),
                project=cell("project"),
                client=cell("client"),
                tags=tag_list(cell("tags")),
                description=cell("description"),
                billable=yes_no(cell("billable")),
                line=line,
            )
        )
    return parsed
