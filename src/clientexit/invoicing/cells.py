"""Reading the cells of a CSV export: comma, semicolon or tab separated, with or without a BOM;
headers found through an alias table (case and spacing ignored); amounts in US or European
form, with or without a currency; dates ISO, or day and month in the order the file proves."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from clientexit.invoicing.rows import FormatError

Aliases = Mapping[str, tuple[str, ...]]


def header_key(text: str) -> str:
    """A header as compared: BOM, case, spacing, quotes and a trailing '#'/':' ignored."""
    text = text.strip().lstrip("\ufeff").strip('"').strip()
    return " ".join(text.lower().replace("_", " ").split())


def delimiter(first_line: str) -> str:
    """The separator of a CSV file, from its header: the one that splits it into most fields."""
    best, count = ",", 0
    for candidate in (",", ";", "\t"):
        fields = next(csv.reader([first_line], delimiter=candidate), [])
        if len(fields) > count:
            best, count = candidate, len(fields)
    return best


def header_of(text: str) -> list[str]:
    """The header cells of a CSV export (for telling the format)."""
    first = text.lstrip("\ufeff").lstrip("\r\n").splitlines()[0] if text.strip() else ""
    return [header_key(h) for h in next(csv.reader([first], delimiter=delimiter(first)), [])]


@dataclass(frozen=True)
class Table:
    """A CSV export's rows (with their line numbers) and the columns found, by field name."""

    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]

    def cell(self, cells: list[str], name: str) -> str:
        """The cell of field ``name`` in a row ("" when the file has no such column)."""
        index = self.columns.get(name)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()


def read_table(text: str, tool: str, aliases: Aliases, required: Iterable[str]) -> Table:
    """Read a CSV export; a required field with no column is a FormatError naming the column
    as the tool writes it (the first alias) and the columns the file has."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines:
        raise FormatError(f"it is empty: no header line of a {tool}")
    reader = csv.reader(lines, delimiter=delimiter(lines[0]))
    header = next(reader)
    keys = [header_key(h) for h in header]
    columns: dict[str, int] = {}
    for name, accepted in aliases.items():
        # The first alias the file has wins: "customer name" before a bare "customer" column.
        found = next((keys.index(alias) for alias in accepted if alias in keys), None)
        if found is not None:
            columns[name] = found
    missing = [aliases[name][0] for name in required if name not in columns]
    if missing:
        listed = ", ".join(h.strip() for h in header if h.strip()) or "none"
        raise FormatError(
            f"no {' or '.join(repr(m) for m in missing)} column, which a {tool} has "
            f"(this file's columns: {listed})"
        )
    rows: list[tuple[int, list[str]]] = []
    line = reader.line_num + 1
    for cells in reader:
        if any(c.strip() for c in cells):
            rows.append((line, cells))
        line = reader.line_num + 1
    return Table(columns, rows)


_EDGES = re.compile(r"^[^\d\-\u2212(]+|[^\d)]+$")
_GROUPING = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d{1,3}(?:\.\d{3})*$|^\d+$")


def amount(text: str) -> Decimal:
    """An amount as exports write it: ``1200``, ``1234.5``, ``1,200.00``, ``1.200,00``,
    ``1 200,00``, ``-200``, ``(200.00)``, ``EUR 1200.00``, ``C$251.11``, ``1200,50 Kč``.

    With both a comma and a dot the last one is the decimal mark; with one of them once,
    three digits after it group thousands (money has two decimals at most) and one or two are
    cents. Anything else is a ValueError in words (``1,2345`` could be read two ways)."""
    raw = text.strip()
    if not raw:
        raise ValueError("the amount is empty")
    body = _EDGES.sub("", raw).replace("\u2212", "-")
    negative = body.startswith(("-", "(")) or raw.startswith("-")
    body = re.sub(r"[\s\u00a0\u202f'()\-]", "", body)
    if not body or not body[0].isdigit():
        raise ValueError(f"{raw!r} is not an amount")
    marks = [c for c in body if c in ",."]
    whole, cents = body, ""
    if marks:
        last = body.rfind(marks[-1])
        tail = body[last + 1 :]
        several_kinds = len(set(marks)) > 1
        if not several_kinds and (len(marks) > 1 or len(tail) == 3):
            whole, cents = body, ""  # grouping only: 1,200 or 1.200.000
        elif several_kinds or len(tail) in (1, 2) or (marks[-1] == "." and len(tail) > 3):
            whole, cents = body[:last], tail
        else:
            raise ValueError(f"{raw!r} could be read two ways; write it as 1234.56")
    if not _GROUPING.match(whole) or (not cents.isdigit() and cents):
        raise ValueError(f"{raw!r} is not an amount")
    try:
        value = Decimal(re.sub(r"\D", "", whole) + ("." + cents if cents else ""))
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not an amount") from None
    return -value if negative else value


_DATE = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?:[ T].*)?$")


class Dates:
    """The dates of one file: ISO (``2024-03-01``, a time after it ignored), or day and month in
    the order the file's own dates prove (a first number over 12 is a day). Dotted dates are day
    first (nobody writes 03.15.2024); slashed ones with no proof follow ``order`` ("dmy" or
    "mdy") and are refused without one, never read silently the other way."""

    def __init__(self, samples: Iterable[str], order: str | None = None) -> None:
        self.month_first: bool | None = None if order is None else order == "mdy"
        self.ambiguous = ""
        if order is not None:
            return
        for sample in samples:
            match = _DATE.match(sample.strip())
            if not match or len(match[1]) == 4:
                continue
            if int(match[1]) > 12:
                self.month_first = False
                return
            if int(match[2]) > 12:
                self.month_first = True
                return
            if "/" in sample and not self.ambiguous:
                self.ambiguous = sample.strip()
        if self.ambiguous:
            raise FormatError(
                f"its dates (like {self.ambiguous}) could be day/month or month/day and no date "
                "in the file tells; give --date-order dmy or --date-order mdy"
            )

    def parse(self, text: str) -> dt.date:
        """The date ``text`` stands for; ValueError in words when it is none."""
        raw = text.strip()
        match = _DATE.match(raw)
        if not match:
            raise ValueError(f"{raw!r} is not a date" if raw else "the date is empty")
        a, b, c = match.groups()
        try:
            if len(a) == 4:
                return dt.date(int(a), int(b), int(c))
            if len(c) != 4:
                raise ValueError(f"{raw!r} is not a date with a four-digit year")
            month_first = self.month_first
            if month_first is None:
                if "/" in raw:
                    raise ValueError(
                        f"{raw!r} could be day/month or month/day and no date in the file tells; "
                        "give --date-order dmy or --date-order mdy"
                    )
                month_first = False
            month, day = (int(a), int(b)) if month_first else (int(b), int(a))
            return dt.date(int(c), month, day)
        except ValueError as exc:
            if "could be" in str(exc) or "four-digit" in str(exc):
                raise
            raise ValueError(f"{raw!r} is not a date in the calendar") from None


def optional_date(dates: Dates, text: str) -> dt.date | None:
    """A date, or None for an empty cell."""
    return dates.parse(text) if text.strip() else None


def iso_currency(text: str) -> str | None:
    """``EUR``, ``eur`` or Harvest's ``Euro - EUR``: the ISO code, else None."""
    found = re.findall(r"\b([A-Za-z]{3})\b", text.strip())
    return found[-1].upper() if found else None
