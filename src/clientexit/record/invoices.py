"""Invoices as recorded (``[[invoices]]``): the one reader of them, and what is owed.

A hand-edited value that is not what clientexit writes is a DataFileError naming the file, the
invoice and the fix. Adding an invoice and marking it paid are in record/invoice_changes.py.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from clientexit._errors import DataFileError
from clientexit.amounts import MAX_AMOUNT
from clientexit.record.schema import as_date


@dataclass(frozen=True, slots=True)
class Payment:
    """Money received against an invoice on a day (``payments = [{on, amount}]``)."""

    on: dt.date
    amount: float


@dataclass(frozen=True, slots=True)
class Credit:
    """A credit note that lowers what an invoice asks for (``credits = [{number, on, amount}]``)."""

    number: str | None
    on: dt.date | None
    amount: float


def _sum(amounts: Sequence[float]) -> Decimal:
    return sum((Decimal(str(a)) for a in amounts), Decimal(0))


@dataclass(frozen=True, slots=True)
class Invoice:
    """One invoice as recorded; ``paid`` is None while anything is owed on it.

    ``amount`` is what it was issued for; credit notes lower it (``billed``), payments before
    the last one are ``payments`` (``paid`` is the day the balance reached 0) and a voided
    invoice (``void``, the day it was cancelled) owes nothing. ``balance`` is what is owed now,
    ``balance_on(day)`` what was owed at the end of a day.

    ``id`` is its stable id (record/ids.py); "" for one not recorded yet.
    """

    number: str
    amount: float
    issued: dt.date | None
    due: dt.date | None
    paid: dt.date | None = None
    payments: tuple[Payment, ...] = ()
    credits: tuple[Credit, ...] = ()
    void: dt.date | None = None
    # Received on days an import could not tell (``paid_undated``): it lowers the balance on
    # every day, so that interest is never claimed on money that may have arrived on time.
    undated: float = 0.0
    id: str = ""

    @property
    def billed(self) -> float:
        """The amount less its credit notes (0 for a voided invoice)."""
        if self.void is not None:
            return 0.0
        if not self.credits:
            return self.amount
        left = Decimal(str(self.amount)) - _sum([c.amount for c in self.credits])
        return float(max(left, Decimal(0)))

    @property
    def received(self) -> float:
        """The payments recorded before the one that settled it (``paid``), dated or not."""
        return float(_sum([p.amount for p in self.payments]) + Decimal(str(self.undated)))

    @property
    def is_open(self) -> bool:
        """Neither paid nor voided (what was called unpaid), nor paid in full on days unknown."""
        if self.paid is not None or self.void is not None:
            return False
        return not self.undated or self.balance_on(dt.date.max) > 0

    @property
    def balance(self) -> float:
        """What is still owed on it: 0 once paid or voided."""
        if self.paid is not None or self.void is not None:
            return 0.0
        if not self.payments and not self.credits and not self.undated:
            return self.amount
        return self.balance_on(dt.date.max)

    def balance_on(self, day: dt.date) -> float:
        """What was owed at the end of ``day``: the billed amount less the payments made by
        then; 0 from the day it was paid, and always for a voided invoice."""
        if self.void is not None or (self.paid is not None and self.paid <= day):
            return 0.0
        made = [p.amount for p in self.payments if p.on <= day] + [self.undated]
        return float(max(Decimal(str(self.billed)) - _sum(made), Decimal(0)))

    def owed_between(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date, float]]:
        """The days ``first``..``last`` (both included) split where the balance changes, each
        with the balance owed on those days: a payment counts on its own day and lowers the
        balance from the next (interest runs up to and including the day money arrives)."""
        changes = sorted(
            {p.on + dt.timedelta(days=1) for p in self.payments if first < p.on + _DAY <= last}
        )
        spans = []
        start = first
        for change in [*changes, last + _DAY]:
            owed = self.balance_on(start - _DAY)
            if owed:
                spans.append((start, change - _DAY, owed))
            start = change
        return spans

    def days_overdue(self, today: dt.date) -> int:
        """Days past the due date of an open invoice (0 when paid, voided, not yet due, or
        nothing is owed on it)."""
        if not self.is_open or self.due is None or today <= self.due or not self.balance:
            return 0
        return (today - self.due).days

    def days_late(self) -> int:
        """Days after the due date a paid invoice was paid (0 when on time, unpaid or of 0)."""
        if self.paid is None or self.due is None or self.paid <= self.due or not self.billed:
            return 0
        return (self.paid - self.due).days

    def was_late(self, today: dt.date) -> bool:
        """Paid after its due date, or still unpaid after it."""
        return self.days_late() > 0 or self.days_overdue(today) > 0

    def as_dict(self) -> dict[str, object]:
        """The entry as stored in the client file (its id first when it has one; absent parts
        left out)."""
        entry: dict[str, object] = {"id": self.id} if self.id else {}
        entry |= {
            "number": self.number,
            "amount": self.amount,
            "issued": self.issued,
            "due": self.due,
        }
        if self.paid is not None:
            entry["paid"] = self.paid
        if self.payments:
            entry["payments"] = [{"on": p.on, "amount": p.amount} for p in self.payments]
        if self.credits:
            entry["credits"] = [
                {
                    k: v
                    for k, v in (("number", c.number), ("on", c.on), ("amount", c.amount))
                    if v is not None
                }
                for c in self.credits
            ]
        if self.void is not None:
            entry["void"] = self.void
        if self.undated:
            entry["paid_undated"] = self.undated
        return entry


_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Totals:
    """Money still owed: everything unpaid, and the part of it already past due."""

    outstanding: float
    overdue: float
    unpaid_count: int
    overdue_count: int
    max_days_overdue: int


Source = str | os.PathLike[str] | None


def invoices(data: Mapping[str, object], source: Source = None) -> list[Invoice]:
    """The client's invoices in the order they were issued.

    Each entry needs a ``number`` and an ``amount`` (a number of 0 or more); ``issued``, ``due``
    and ``paid`` are dates when present. Anything else is a DataFileError naming ``source`` (the
    client file the data was read from; else the client), the invoice and the fix.
    """
    entries = data.get("invoices")
    try:
        if entries is None:
            return []
        if isinstance(entries, Mapping) and "match" in entries:
            raise _Bad(
                "[invoices] holds match: the names an invoice import matches go in "
                "[invoicing] match ([[invoices]] is the list of invoices, and one file cannot "
                "have both)",
                "Rename the [invoices] header to [invoicing]",
            )
        if not isinstance(entries, list):
            raise _Bad(
                "invoices is not a list of [[invoices]] tables",
                "Write each invoice as an [[invoices]] table with number, amount, issued and due",
            )
        from clientexit.record.ids import ids_of

        found = [
            _read(index, entry, stable)
            for (index, entry), stable in zip(
                enumerate(entries, start=1), ids_of("invoices", entries), strict=True
            )
        ]
    except _Bad as bad:
        raise bad.in_file(data, source) from None
    return sorted(found, key=lambda i: (i.issued or dt.date.min, i.number))


def check(data: Mapping[str, object], source: Source) -> None:
    """Raise DataFileError if any of the client's ``[[invoices]]`` cannot be read."""
    invoices(data, source)


def outstanding(data: Mapping[str, object], today: dt.date, source: Source = None) -> list[Invoice]:
    """Unpaid invoices, the longest overdue first; ``inv.days_overdue(today)`` says how late."""
    unpaid = [inv for inv in invoices(data, source) if inv.is_open]
    return sorted(unpaid, key=lambda i: (-i.days_overdue(today), i.due or dt.date.max, i.number))


def totals(data: Mapping[str, object], today: dt.date, source: Source = None) -> Totals:
    """Outstanding and overdue sums for a client."""
    return totals_of([inv for inv in invoices(data, source) if inv.is_open], today)


def overdue_of(unpaid: Sequence[Invoice], today: dt.date) -> tuple[Invoice, ...]:
    """The unpaid invoices past their due date as of ``today`` (Client.overdue)."""
    return tuple(inv for inv in unpaid if inv.days_overdue(today))


def totals_of(unpaid: Sequence[Invoice], today: dt.date) -> Totals:
    """What is owed and overdue as of ``today``, from the unpaid invoices (the one rule:
    Client.totals and a cached summary's totals ask here)."""
    # One pass, no sorting: the book computes this for every client.
    late = [(inv.balance, days) for inv in unpaid if (days := inv.days_overdue(today)) > 0]
    return Totals(
        outstanding=round(sum(inv.balance for inv in unpaid), 2),
        overdue=round(sum(amount for amount, _ in late), 2),
        unpaid_count=len(unpaid),
        overdue_count=len(late),
        max_days_overdue=max((days for _, days in late), default=0),
    )


class _Bad(Exception):
    """A problem with one entry; ``invoices()`` adds the file it is in."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.problem, self.fix = problem, fix

    def in_file(self, data: Mapping[str, object], source: Source) -> DataFileError:
        if source is not None:
            file = os.fspath(source)
        elif data.get("name"):
            file = f"the file of client {data['name']!r}"
        else:
            file = "a client file"
        return DataFileError(
            f"{file}: {self.problem}.", f"{self.fix}; clientexit has left the file unchanged."
        )


_AMOUNT_FIX = "Write the amount as a plain number of 0 or more, without quotes: amount = 1200.00"


def _read(index: int, entry: object, stable: str = "") -> Invoice:
    # The common case, a well-formed entry, without building any message (a book of thousands
    # of clients reads tens of thousands of invoices); anything else goes to _explained.
    if isinstance(entry, Mapping):
        number, amount = entry.get("number"), entry.get("amount")
        if isinstance(number, int) and not isinstance(number, bool):
            number = str(number)
        issued, due, paid = entry.get("issued"), entry.get("due"), entry.get("paid")
        if (
            isinstance(number, str)
            and number.strip()
            and number.isprintable()  # else _explained looks closer (secretcheck.CONTROL)
            and isinstance(amount, int | float)
            and not isinstance(amount, bool)
            and math.isfinite(amount)
            and 0 <= amount <= MAX_AMOUNT
            and (issued is None or isinstance(issued, dt.date))
            and (due is None or isinstance(due, dt.date))
            and (paid is None or isinstance(paid, dt.date))
            and not (_PARTS & entry.keys())
        ):
            return Invoice(
                number, float(amount), as_date(issued), as_date(due), as_date(paid), id=stable
            )
    return _explained(index, entry, stable)


def _explained(index: int, entry: object, stable: str) -> Invoice:
    entry_name = f"the {_ordinal(index)} [[invoices]] entry"
    if not isinstance(entry, Mapping):
        raise _Bad(f"{entry_name} is {_toml(entry)}, not a table", "Write it as [[invoices]]")
    number = entry.get("number")
    if isinstance(number, int) and not isinstance(number, bool):
        number = str(number)
    if not isinstance(number, str) or not number.strip():
        problem = "has no number" if number is None else f"has number = {_toml(number)}"
        raise _Bad(f"{entry_name} {problem}", 'Give its invoice number, e.g. number = "2026-050"')
    from clientexit.secretcheck import CONTROL

    if CONTROL.search(number) or any(c in number for c in "\t\r\n"):
        raise _Bad(
            f"{entry_name} has a number with a control character (such as ESC or a line break)",
            'Write the number as plain text, e.g. number = "2026-050"',
        )
    where = f"invoice {_shown(number)} ({entry_name})"
    return Invoice(
        number=str(number),
        amount=_amount(where, entry.get("amount")),
        issued=_date(where, entry, "issued"),
        due=_date(where, entry, "due"),
        paid=_date(where, entry, "paid"),
        payments=tuple(
            Payment(_paid_on(where, i, row), _part_amount(where, "payments", i, row))
            for i, row in _parts(where, entry, "payments")
        ),
        credits=tuple(
            Credit(
                None if row.get("number") is None else str(row["number"]),
                _part_date(where, "credits", i, row, "on", required=False),
                _part_amount(where, "credits", i, row),
            )
            for i, row in _parts(where, entry, "credits")
        ),
        void=_date(where, entry, "void"),
        undated=_undated(where, entry.get("paid_undated")),
        id=stable,
    )


def _undated(where: str, value: object) -> float:
    return 0.0 if value is None else _amount(f"{where}: paid_undated", value)


# Keys of an entry read only on the slow path (few invoices have them).
_PARTS = frozenset(("payments", "credits", "void", "paid_undated"))
_PART_FIX = {
    "payments": "Write them as payments = [{on = 2026-11-20, amount = 500.00}]",
    "credits": 'Write them as credits = [{number = "CN-1", on = 2026-11-20, amount = 100.00}]',
}


def _parts(
    where: str, entry: Mapping[str, object], key: str
) -> list[tuple[int, Mapping[str, object]]]:
    value = entry.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise _Bad(f"{where}: {key} is not a list of tables", _PART_FIX[key])
    return list(enumerate(value, start=1))


def _paid_on(where: str, index: int, row: Mapping[str, object]) -> dt.date:
    day = _part_date(where, "payments", index, row, "on")
    assert day is not None  # required: _part_date raised otherwise
    return day


def _part_date(
    where: str, key: str, index: int, row: Mapping[str, object], name: str, *, required: bool = True
) -> dt.date | None:
    value = row.get(name)
    day = as_date(value)
    if day is None and (required or value is not None):
        raise _Bad(
            f"{where}: the {_ordinal(index)} of its {key} has {name} = {_toml(value)}, not a date",
            _PART_FIX[key],
        )
    return day


def _part_amount(where: str, key: str, index: int, row: Mapping[str, object]) -> float:
    try:
        return _amount(f"{where}: the {_ordinal(index)} of its {key}", row.get("amount"))
    except _Bad as bad:
        raise _Bad(bad.problem, _PART_FIX[key]) from None


def _amount(where: str, value: object) -> float:
    if value is None:
        raise _Bad(f"{where} has no amount", _AMOUNT_FIX)
    if isinstance(value, str):
        raise _Bad(f"{where}: amount = {_toml(value)} is text, not a number", _AMOUNT_FIX)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad(f"{where}: amount = {_toml(value)} is not a number", _AMOUNT_FIX)
    if not (math.isfinite(value) and value >= 0):
        raise _Bad(f"{where}: amount = {_toml(value)} is not an amount of 0 or more", _AMOUNT_FIX)
    if value > MAX_AMOUNT:
        # Beyond this, sums and interest in Decimal lose cents or overflow a currency format.
        raise _Bad(f"{where}: amount = {_toml(value)} is above {MAX_AMOUNT:,}", _AMOUNT_FIX)
    return float(value)


def _date(where: str, entry: Mapping[str, object], key: str) -> dt.date | None:
    value = entry.get(key)
    if value is None:
        return None
    day = as_date(value)
    if day is None:
        unless = " (leave it out while the invoice is unpaid)" if key == "paid" else ""
        raise _Bad(
            f"{where}: {key} = {_toml(value)} is not a date",
            f"Write a date without quotes, e.g. {key} = 2026-11-02{unless}",
        )
    return day


def _toml(value: object) -> str:
    """A value roughly as it is written in the file: "text" in double quotes, true/false."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _shown(text: str) -> str:
    return text if text.isprintable() else repr(text)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
