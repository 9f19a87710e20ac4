"""What the CSV reports (Toggl, Clockify, Harvest) share: headers found through an alias table,
rows with their line numbers, dates in whatever order the exporting account uses, yes/no."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from clientexit.hours.entries import (
    Entry,
    FormatError,
    Identities,
    Parsed,
    Problem,
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


def read_table(
    text: str, tracker: str, aliases: Aliases, required: Iterable[str], names: Mapping[str, str]
) -> Table:
    """Read a CSV report; a required field with no column raises FormatError naming the column
    (``names``: the field's header as the tracker writes it)."""
    reader = csv.reader(text.lstrip("\ufeff").splitlines(keepends=True))
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


_DATE = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")


class Dates:
    """Dates of one file: ISO (``2026-09-15``), or day and month in the order the file's own
    dates show (``09/15/2026`` is US month-first, ``15.09.2026`` day-first). When every date
    could be read both ways, slashes mean month first (as US accounts write them) and dots or
    dashes day first."""

    def __init__(self, samples: Iterable[str]) -> None:
        self.month_first: bool | None = None
        for sample in samples:
            match = _DATE.match(sample.strip())
            if not match or len(match[1]) == 4:
                continue
            first, second = int(match[1]), int(match[2])
            if first > 12:
                self.month_first = False
                return
            if second > 12:
                self.month_first = True
                return

    def parse(self, text: str) -> dt.date:
        match = _DATE.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date")
        a, b, c = match.groups()
        if len(a) == 4:
            return dt.date(int(a), int(b), int(c))
        if len(c) != 4:
            raise ValueError(f"{text!r} is not a date with a four-digit year")
        month_first = self.month_first
        if month_first is None:
            month_first = "/" in text
        month, day = (int(a), int(b)) if month_first else (int(b), int(a))
        return dt.date(int(c), month, day)


_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")


def parse_time(text: str) -> dt.time:
    """``14:00``, ``14:00:05``, ``02:00 PM`` or ``2:00:05 pm``."""
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time")
    hour, minute = int(match[1]), int(match[2])
    second = int(match[3] or 0)
    half = (match[4] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r} is not a time")
        hour = hour % 12 + (12 if half == "pm" else 0)
    return dt.time(hour, minute, second)


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


def timed_entries(text: str, tracker: str, aliases: Aliases, names: Mapping[str, str]) -> Parsed:
    """Entries of a report with a start and an end per row (Toggl, Clockify): local dates and
    times as the account shows them; keyed by start, end, project and description."""
    table = read_table(text, names["tracker"], aliases, TIMED_REQUIRED, names)
    dates = Dates(rows_with_dates(table, "start_date", "end_date"))
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
